import { html, nothing } from 'lit';
import type { SessionState } from '../context.js';
import { formatHumanName } from '../format/name.js';
import type { LocalizeController } from '../i18n/localize-controller.js';
import { renderSentenceWithData } from '../views/data-text.js';
import { renderError, renderSkeleton } from '../views/states.js';

/** "Signed in as Maria Hernández" and "Sign out", while someone is signed in (or the session has expired). */
export function renderSessionBar(localize: LocalizeController, session: SessionState, onSignOut: () => void) {
  const { status, user, patient } = session;
  if (status !== 'signed-in' && status !== 'expired') return nothing;
  const name = user?.name || formatHumanName(patient?.name) || '';
  return html`<div class="bar" part="bar">
    ${name ? html`<span>${renderSentenceWithData((who) => localize.term('signedInAs', who), name)}</span>` : nothing}
    <button class="quiet" part="sign-out-button" @click=${onSignOut}>${localize.term('signOut')}</button>
  </div>`;
}

/** What the session says while signing in, once the token is refused ("Sign in again"), or when it cannot sign in. */
export function renderSessionStatus(localize: LocalizeController, session: SessionState, actions: { onSignIn: () => void; onRetry: () => void }) {
  switch (session.status) {
    case 'initializing':
    case 'signing-in':
      return renderSkeleton({ label: localize.term('signingIn'), lines: 2 });
    case 'expired':
      return html`<div class="notice" part="expired" role="alert">
        <p>${localize.term('sessionExpired')} ${localize.term('keepWorkingNote')}</p>
        <button part="sign-in-button" @click=${actions.onSignIn}>${localize.term('signInAgain')}</button>
      </div>`;
    case 'error':
      // The technical reason goes to the console (the session's fail()); the patient gets words they can act on.
      return renderError({ message: localize.errorMessage(session.error), onRetry: actions.onRetry, retryLabel: localize.term('retry') });
    default:
      return nothing;
  }
}

/** The built-in sign-in prompt (the `sign-in` slot replaces it); after an idle sign-out it says why. */
export function renderSignInPrompt(localize: LocalizeController, options: { idle: boolean; onSignIn: () => void }) {
  return html`<section class="sign-in" part="sign-in" aria-labelledby="sign-in-heading">
    <h2 id="sign-in-heading">${localize.term('signIn')}</h2>
    ${options.idle ? html`<p part="idle-notice">${localize.term('idleSignedOut')}</p>` : nothing}
    <p>${localize.term('signInPrompt')}</p>
    <button part="sign-in-button" @click=${options.onSignIn}>${localize.term('signIn')}</button>
  </section>`;
}
