import { html } from 'lit';
import type { LocalizeController } from '../i18n/localize-controller.js';
import { IDLE_ANNOUNCED_SECONDS } from './idle-timeout.js';

export interface IdleWarningOptions {
  /** Seconds before signing out; undefined while the warning is closed. */
  secondsLeft: number | undefined;
  onStay: () => void;
  onSignOut: () => void;
  /** Esc (`cancel`) or the browser closing the dialog. */
  onDismiss: (event: Event) => void;
}

/**
 * The "Are you still there?" warning before an idle sign-out: a `<dialog>` (opened modal by the
 * session) with the role alertdialog, a visible countdown, and a polite status that says the
 * countdown at 60, 30 and 10 seconds rather than every second.
 */
export function renderIdleWarning(localize: LocalizeController, { secondsLeft, onStay, onSignOut, onDismiss }: IdleWarningOptions) {
  const announced = secondsLeft === undefined ? undefined : [...IDLE_ANNOUNCED_SECONDS].reverse().find((seconds) => seconds >= secondsLeft);
  return html`<dialog class="idle" part="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-heading" aria-describedby="idle-countdown" @cancel=${onDismiss} @close=${onDismiss}>
    <h2 id="idle-heading">${localize.term('idleHeading')}</h2>
    <p id="idle-countdown">${secondsLeft === undefined ? '' : localize.term('idleCountdown', secondsLeft)}</p>
    <p class="visually-hidden" role="status">${announced === undefined ? '' : localize.term('idleCountdown', announced)}</p>
    <div class="idle-actions">
      <button part="stay-button" @click=${onStay}>${localize.term('staySignedIn')}</button>
      <button class="quiet" part="idle-sign-out-button" @click=${onSignOut}>${localize.term('signOut')}</button>
    </div>
  </dialog>`;
}

/** The warning's `<dialog>`: opened modal with focus on "Stay signed in", closed giving focus back to where it was. */
export class IdleWarningDialog {
  /** Where focus was when the warning opened. */
  private focusBefore?: HTMLElement;

  /** Opens or closes the warning in `root` as `open` says; focus goes back on closing when `giveFocusBack` (still signed in). */
  update(root: ParentNode, open: boolean, giveFocusBack: boolean): void {
    const dialog = root.querySelector<HTMLDialogElement>('dialog.idle');
    if (!dialog) return;
    if (open && !dialog.open) {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      this.focusBefore = active instanceof HTMLElement ? active : undefined;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[part~="stay-button"]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (giveFocusBack && this.focusBefore?.isConnected) this.focusBefore.focus();
      this.focusBefore = undefined;
    }
  }
}
