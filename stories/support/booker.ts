import { bookerDrafts, type BookerDraft } from '@portico/appointment-booker';
import { untilVisible } from './host.js';

/**
 * What stories do to `<appointment-booker>` besides setting attributes: start from a patient's
 * unfinished booking (the draft the element keeps in sessionStorage across a sign-in round trip),
 * and press its buttons in `play` functions.
 */

/** Forgets any draft, so a story that does not start from one never shows another story's. */
export function clearBookerDraft(): void {
  bookerDrafts.clear();
}

/** Stores a draft that the next `<appointment-booker>` restores when it connects. */
export function seedBookerDraft(draft: Omit<BookerDraft, 'reason' | 'bookingId'> & Partial<Pick<BookerDraft, 'reason' | 'bookingId'>>): void {
  bookerDrafts.write(draft.patientId, { reason: '', bookingId: crypto.randomUUID(), ...draft });
}

/** Waits until `selector` matches a visible element inside the story's booker, and returns it. */
export function inBooker<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => canvasElement.querySelector('appointment-booker')?.shadowRoot?.querySelector<T>(selector), what, timeout);
}
