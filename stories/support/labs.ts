import { markSeen } from '@portico/lab-results';
import { FhirClient, type SearchParams } from '@portico/core';
import type { DiagnosticReport, Observation } from 'fhir/r4';
import { untilVisible } from './host.js';
import { STORY_FHIR_BASE } from './story-fhir.js';
import { storyToken } from './story-tokens.js';

/**
 * What stories do to `<lab-results>` besides setting attributes: decide when the patient last looked
 * (so the newest reports are marked "New"), find the seed's reports and results on the stories' server
 * (their ids follow today's date), and open reports, results in no report and trends in `play` functions.
 */

/** LOINC codes of the seed's tests the stories look for (demo/server/seed/lab-catalog.ts). */
export const LOINC = {
  cbc: '58410-2',
  a1c: '4548-4',
  tsh: '3016-3',
  lipid: '57698-3',
  pocGlucose: '41653-7',
} as const;

/** Records that the patient last looked at their results `days` ago in this browser. */
export function seedLastLook(patientId: string, days: number): void {
  markSeen(patientId, Date.now() - days * 86_400_000);
}

function clientFor(patientId: string): FhirClient {
  return new FhirClient({ baseUrl: STORY_FHIR_BASE, getAccessToken: () => storyToken(patientId) });
}

/** The patient's reports, newest first, with their results, as the stories' server holds them. */
export async function reportsOf(patientId: string, params: SearchParams = {}): Promise<{ report: DiagnosticReport; results: Observation[] }[]> {
  const { resources, included } = await clientFor(patientId).searchAll('DiagnosticReport', { patient: patientId, _include: 'DiagnosticReport:result', _sort: '-date', ...params });
  const byReference = new Map(included.map((r) => [`${r.resourceType}/${r.id}`, r]));
  return resources.map((report) => ({ report, results: (report.result ?? []).flatMap((ref) => (byReference.get(ref.reference ?? '') as Observation | undefined) ?? []) }));
}

/** The newest of the patient's reports for which `matches` is true (by LOINC code when given a string). */
export async function findReport(patientId: string, matches: string | ((report: DiagnosticReport, results: Observation[]) => boolean)): Promise<DiagnosticReport> {
  const test = typeof matches === 'string' ? (report: DiagnosticReport) => !!report.code.coding?.some((c) => c.code === matches) : matches;
  const found = (await reportsOf(patientId)).find(({ report, results }) => test(report, results));
  if (!found) throw new Error(`The stories' server has no such report for ${patientId}.`);
  return found.report;
}

/** The newest result of `loinc` for the patient. */
export async function findResult(patientId: string, loinc: string): Promise<Observation> {
  const page = await clientFor(patientId).search('Observation', { patient: patientId, code: `http://loinc.org|${loinc}`, _sort: '-date', _count: '1' });
  const result = page.resources[0];
  if (!result) throw new Error(`The stories' server has no result ${loinc} for ${patientId}.`);
  return result;
}

/** Waits until `selector` matches a visible element inside the story's `<lab-results>`, and returns it. */
export function inLabResults<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => canvasElement.querySelector('lab-results')?.shadowRoot?.querySelector<T>(selector), what, timeout);
}

/**
 * Waits for the entry button that opens `controls`, pressing "Show older reports" meanwhile, as a
 * patient looking for an older report does.
 */
async function entryButton(canvasElement: HTMLElement, controls: string, what: string, timeout = 15_000): Promise<HTMLButtonElement> {
  const start = performance.now();
  const root = () => canvasElement.querySelector('lab-results')?.shadowRoot;
  for (;;) {
    const button = root()?.querySelector<HTMLButtonElement>(`[part~="report-button"][aria-controls="${CSS.escape(controls)}"]`);
    if (button?.checkVisibility()) return button;
    if (performance.now() - start > timeout) throw new Error(`The button of ${what} did not appear within ${timeout} ms.`);
    const more = root()?.querySelector<HTMLButtonElement>('[part~="load-more"]');
    if (more?.getAttribute('aria-disabled') === 'false') more.click();
    await new Promise((resolve) => window.setTimeout(resolve, 100));
  }
}

/** Opens a report (by DiagnosticReport id) and waits for its results table. */
export async function openReport(canvasElement: HTMLElement, reportId: string, what: string): Promise<HTMLElement> {
  const button = await entryButton(canvasElement, `report-${reportId}`, what);
  if (button.getAttribute('aria-expanded') !== 'true') button.click();
  return inLabResults(canvasElement, `#report-${CSS.escape(reportId)} [part~="results"]`, `The results of ${what}`);
}

/** Opens a result that belongs to no report (by Observation id) and waits for its table. */
export async function openLooseResult(canvasElement: HTMLElement, observationId: string, what: string): Promise<HTMLElement> {
  const button = await entryButton(canvasElement, `result-${observationId}`, what);
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
