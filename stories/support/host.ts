import type { PortalSession, PorticoSessionChangeEvent, PorticoSignInRequestedEvent, SessionStatus } from '@portico/core';
import { action } from 'storybook/actions';
import { storyToken } from './story-tokens.js';

/**
 * What a host page does around `portal-session` in token mode, played by the stories: it logs the
 * session's events to the Actions panel and, when asked to sign the patient in, pretends its own
 * login succeeded and hands over a token.
 */

const statuses = new WeakMap<PortalSession, SessionStatus>();
/** Sessions that have just expired: the sign-in request they send in the same task is a notice, not a click. */
const justExpired = new WeakSet<PortalSession>();
const logSessionChange = action('portico-session-change');
const logSignInRequest = action('portico-sign-in-requested');

/** How long the pretend host login takes. */
const HOST_SIGN_IN_MS = 500;

/** `@portico-session-change`: logs the event and remembers the status (the host page would too). */
export function onSessionChange(event: PorticoSessionChangeEvent): void {
  const session = event.currentTarget as PortalSession;
  statuses.set(session, event.detail.status);
  if (event.detail.status === 'expired') {
    justExpired.add(session);
    queueMicrotask(() => justExpired.delete(session));
  }
  logSessionChange(event.detail);
}

/**
 * `@portico-sign-in-requested`: the host "signs the patient in" and sets a fresh token. The request the
 * session sends by itself the moment the token is refused is only logged (this host has no silent
 * renewal), so the story stays on "Your session has ended" until the patient presses "Sign in again".
 */
export function onSignInRequested(event: PorticoSignInRequestedEvent): void {
  logSignInRequest(event.detail);
  const session = event.currentTarget as PortalSession;
  if (justExpired.has(session)) return;
  window.setTimeout(() => {
    session.accessToken = storyToken(session.patientId);
  }, HOST_SIGN_IN_MS);
}

/**
 * `@portico-sign-in-requested` for a proxy: when the person is signed in, the request came from the
 * banner's "Switch patient", so the host moves on to the next record the person may view.
 */
export function switchBetween(patientIds: readonly string[]) {
  return (event: PorticoSignInRequestedEvent): void => {
    const session = event.currentTarget as PortalSession;
    if (statuses.get(session) !== 'signed-in') {
      onSignInRequested(event);
      return;
    }
    logSignInRequest(event.detail);
    const next = patientIds[(patientIds.indexOf(session.patientId) + 1) % patientIds.length];
    if (!next) return;
    // Another patient is another sign-in: the token names the patient it opens.
    session.accessToken = storyToken(next);
    session.patientId = next;
  };
}

/** Resolves with the first element `find` returns that is visible, polling until `timeout`. */
export async function untilVisible<T extends Element>(find: () => T | null | undefined, what: string, timeout = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const element = find();
    if (element?.checkVisibility()) return element;
    if (performance.now() - start > timeout) throw new Error(`${what} did not appear within ${timeout} ms.`);
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
}

/** Waits for the session's built-in sign-in button (the session has finished starting) and clicks it. */
export async function clickSignIn(canvasElement: HTMLElement): Promise<void> {
  const button = await untilVisible(
    () => canvasElement.querySelector('portal-session')?.shadowRoot?.querySelector<HTMLButtonElement>('[part="sign-in"] [part="sign-in-button"]'),
    'The sign-in button',
  );
  button.click();
}
