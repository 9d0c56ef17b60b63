import { untilVisible } from './host.js';
import type { StoryGrant } from './story-tokens.js';

/**
 * What stories do to `<record-download>` in `play` functions: wait for what it shows, as a patient
 * sees it, and press its buttons; and the narrower sign-in of a patient app that may read only part
 * of the record.
 */

/** The shadow root of the story's `<record-download>`. */
export function recordRoot(canvasElement: HTMLElement): ShadowRoot | null | undefined {
  return canvasElement.querySelector('record-download')?.shadowRoot;
}

/** Waits until `selector` matches a visible element inside the story's `<record-download>`, and returns it. */
export function inRecord<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => recordRoot(canvasElement)?.querySelector<T>(selector), what, timeout);
}

/** Waits for the button matching `selector` and presses it. */
export async function pressInRecord(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<void> {
  (await inRecord<HTMLButtonElement>(canvasElement, selector, what, timeout)).click();
}

/** Resolves once `element`'s text contains `text` (the language's terms load with the page). */
export async function untilText(element: Element, text: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!element.textContent?.includes(text)) {
    if (performance.now() - start > timeout) throw new Error(`"${text}" did not appear within ${timeout} ms (shows "${element.textContent}").`);
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
}

/**
 * A sign-in that may read the patient's details, lab results and immunizations only (a patient app
 * granted part of the record): the server refuses the rest.
 */
export const LABS_AND_VACCINES_ONLY: Omit<StoryGrant, 'patient'> = {
  scope: ['openid', 'fhirUser', 'launch/patient', 'patient/Patient.rs', 'patient/Observation.rs', 'patient/DiagnosticReport.rs', 'patient/Specimen.rs', 'patient/Immunization.rs'].join(' '),
};
