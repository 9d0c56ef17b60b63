import { markSeen } from '@portico/lab-results';
import { untilVisible } from './host.js';

/**
 * What stories do to `<lab-results>` besides setting attributes: decide when the patient last looked
 * (so the newest reports are marked "New"), and open reports, results in no report and trends in
 * `play` functions.
 */

/** Records that the patient last looked at their results `days` ago in this browser. */
export function seedLastLook(patientId: string, days: number): void {
  markSeen(patientId, Date.now() - days * 86_400_000);
}

/** Waits until `selector` matches a visible element inside the story's `<lab-results>`, and returns it. */
export function inLabResults<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => canvasElement.querySelector('lab-results')?.shadowRoot?.querySelector<T>(selector), what, timeout);
}

/** Opens a report (by DiagnosticReport id) and waits for its results table. */
export async function openReport(canvasElement: HTMLElement, reportId: string, what: string): Promise<HTMLElement> {
  const button = await inLabResults<HTMLButtonElement>(canvasElement, `[part~="report-button"][aria-controls="report-${CSS.escape(reportId)}"]`, `The button of ${what}`);
  if (button.getAttribute('aria-expanded') !== 'true') button.click();
  return inLabResults(canvasElement, `#report-${CSS.escape(reportId)} [part~="results"]`, `The results of ${what}`);
}

/** Opens a result that belongs to no report (by Observation id) and waits for its table. */
export async function openLooseResult(canvasElement: HTMLElement, observationId: string, what: string): Promise<HTMLElement> {
  const button = await inLabResults<HTMLButtonElement>(canvasElement, `li.loose [part~="report-button"][aria-controls="result-${CSS.escape(observationId)}"]`, `The button of ${what}`);
  if (button.getAttribute('aria-expanded') !== 'true') button.click();
  return inLabResults(canvasElement, `#result-${CSS.escape(observationId)} [part~="results"]`, `The result of ${what}`);
}

/** Opens the first report of the list and waits for its results. */
export async function openFirstReport(canvasElement: HTMLElement): Promise<HTMLElement> {
  const button = await inLabResults<HTMLButtonElement>(canvasElement, '[part~="report-button"]', 'The first report button');
  button.click();
  const id = button.getAttribute('aria-controls') ?? '';
  return inLabResults(canvasElement, `#${CSS.escape(id)} [part~="results"]`, 'The results of the first report');
}
