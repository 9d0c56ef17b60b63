import type { Attachment, DiagnosticReport, Observation } from 'fhir/r4';
import { html, nothing, type TemplateResult } from 'lit';
import type { TermKey } from '@portico/core';
import type { LabResultsTerms } from '../i18n/terms.js';
import { effectiveTime, type ReportView, type ResultNode } from '../reports/reports.js';
import { availableAt } from '../results/seen.js';
import { referenceName, sharedCollection } from '../model/collection.js';
import { flatten, interpretation } from '../model/result-caches.js';
import { isChanged, isWithdrawn, REPORT_STATUS_TERMS, RESULT_STATUS_TERMS } from '../model/result-status.js';
import { flagText, nameOfConcept, testName, whenText } from '../model/result-text.js';
import { renderResults, type ResultTableHost } from './result-table.js';

/** What an entry of the list (a report or a loose result) reads and calls. */
export interface ReportEntryHost extends ResultTableHost {
  /** The keys of the open entries. */
  readonly open: ReadonlySet<string>;
  /** When the patient last looked before this visit (ms): later entries are "new". */
  readonly previousSeen?: number;
  readonly noPdf: boolean;
  /** The failed PDF download of a report, with what went wrong. */
  readonly downloadError?: { id: string; text: string };
  /** Opens or closes an entry. */
  toggle(key: string, bodyId: string): void;
  /** Saves a report's PDF. */
  download(report: DiagnosticReport, form: Attachment | undefined): void;
  /** Opens the booker for a follow-up on a report; absent when there is no booker to go to. */
  readonly bookFollowUp?: (report: DiagnosticReport) => void;
}

/** One entry of the list, a report or a loose result: a heading button that opens its body. */
function renderEntry(
  host: ReportEntryHost,
  entry: {
    /** The key in `open`. */
    key: string;
    bodyId: string;
    className: string;
    name: string;
    at: string | undefined;
    status?: { term: TermKey<LabResultsTerms>; code: string };
    /** When it became available to the patient (ms). */
    available: number;
    results: readonly Observation[];
    body: () => TemplateResult;
  },
): TemplateResult {
  const expanded = host.open.has(entry.key);
  const outside = entry.results.filter((o) => !isWithdrawn(o) && interpretation(o).flag);
  const isNew = host.previousSeen !== undefined && entry.available > host.previousSeen;
  return html`<li class=${entry.className} part="report">
      <h3 class="report-heading">
        <button type="button" part="report-button" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${entry.bodyId} @click=${() => host.toggle(entry.key, entry.bodyId)}>
          <span class="report-name">${entry.name}</span>
          <span class="report-meta">
            <span>${whenText(host.localize, entry.at)}</span>
            ${entry.status ? html`<span class="status ${entry.status.code}">${host.localize.term(entry.status.term)}</span>` : nothing}
            ${isNew ? html`<span class="new" part="new-badge">${host.localize.term('newResult')}</span>` : nothing}
            ${outside.length ? html`<span class="outside">${outsideSummary(host, outside)}</span>` : nothing}
          </span>
        </button>
      </h3>
      <div id=${entry.bodyId} class="report-body" tabindex="-1" ?hidden=${!expanded}>${expanded ? entry.body() : nothing}</div>
    </li>`;
}

/** The one flag summary of an entry: how many results are outside the range, and which (the first three). */
function outsideSummary(host: ReportEntryHost, outside: readonly Observation[]): string {
  const named = outside.slice(0, 3).map((o) => `${testName(host.localize, o)} ${flagText(host.localize, o).text}`);
  if (outside.length > 3) named.push('…');
  const list = new Intl.ListFormat(host.localize.lang(), { type: 'unit', style: 'short' }).format(named);
  return host.localize.term('outsideRangeList', outside.length, list);
}

/** A result that belongs to no report, as an entry of the list. */
export function renderLooseResult(host: ReportEntryHost, node: ResultNode): TemplateResult {
  const observation = node.observation;
  const status = RESULT_STATUS_TERMS[observation.status];
  const performer = observation.performer?.map(referenceName).filter(Boolean).join(', ') ?? '';
  const specimen = referenceName(observation.specimen);
  return renderEntry(host, {
    key: `result:${observation.id ?? ''}`,
    bodyId: `result-${observation.id ?? ''}`,
    className: 'report loose',
    name: testName(host.localize, observation),
    at: effectiveTime(observation),
    status: status && { term: status, code: observation.status },
    available: availableAt(observation),
    results: flatten([node]),
    body: () => html`<p class="who">
          <span>${host.localize.term('notInReport')}</span>
          ${performer ? html`<span>${host.localize.term('performedBy', performer)}</span>` : nothing}
          ${specimen ? html`<span>${host.localize.term('specimen')}: ${specimen}</span>` : nothing}
        </p>
        ${renderResults(host, [node], { shared: { collected: effectiveTime(observation), specimen } })}`,
  });
}

/** A report as an entry of the list: who ordered and did it, what was collected, its results, conclusion and PDF. */
export function renderReport(host: ReportEntryHost, view: ReportView): TemplateResult {
  const { report } = view;
  const id = report.id ?? '';
  const results = flatten(view.results);
  const status = REPORT_STATUS_TERMS[report.status];
  const orderer = view.orderedBy.join(', ');
  const performer = report.performer?.map(referenceName).filter(Boolean).join(', ') ?? '';
  const shared = sharedCollection(report, results);
  return renderEntry(host, {
    key: id,
    bodyId: `report-${id}`,
    className: `report ${isChanged(report) ? 'changed' : ''}`,
    name: nameOfConcept(host.localize, report.code),
    at: effectiveTime(report),
    status: status && { term: status, code: report.status },
    available: availableAt(report),
    results,
    body: () => html`<p class="who">
          ${orderer ? html`<span>${host.localize.term('orderedBy', orderer)}</span>` : nothing}
          ${performer ? html`<span>${host.localize.term('performedBy', performer)}</span>` : nothing}
          ${shared.collected ? html`<span>${host.localize.term('collected', whenText(host.localize, shared.collected))}</span>` : nothing}
          ${shared.specimen ? html`<span>${host.localize.term('specimen')}: ${shared.specimen}</span>` : nothing}
        </p>
        ${renderResults(host, view.results, { shared })}
        ${report.conclusion ? html`<h4>${host.localize.term('conclusion')}</h4><p>${report.conclusion}</p>` : nothing}
        ${renderReportActions(host, view)}`,
  });
}

/** What the patient can do with an open report: save its PDF, book a follow-up. */
function renderReportActions(host: ReportEntryHost, view: ReportView): TemplateResult | typeof nothing {
  const { report, printed } = view;
  const pdf = printed.length > 0 && !host.noPdf;
  const { bookFollowUp } = host;
  if (!pdf && !bookFollowUp) return nothing;
  return html`<div class="report-actions">
      ${pdf ? html`<button type="button" class="download" @click=${() => host.download(report, printed[0])}>${host.localize.term('downloadReport')}</button>` : nothing}
      ${bookFollowUp ? html`<button type="button" part="follow-up-button" @click=${() => bookFollowUp(report)}>${host.localize.term('bookFollowUp')}</button>` : nothing}
    </div>
    ${pdf && host.downloadError?.id === (report.id ?? '') ? html`<p class="error-text" role="alert">${host.downloadError.text}</p>` : nothing}`;
}
