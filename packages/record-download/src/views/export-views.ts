/**
 * What the "Everything" view shows first: the form (kinds, dates, format), the run (progress and
 * Cancel) and the other forms of the record. Render functions only: the panel (export-panel.ts) holds
 * the state and passes it in; the finished file's view (export-done.ts) loads with the engine.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { renderSentenceWithData } from '@portico/core';
import type { ExportProgress } from '../export/collector.js';
import { EXPORT_FORMATS, type ExportFormat } from '../export/record-file.js';
import type { RecordLocalize, RecordTerms } from '../i18n/terms.js';
import type { DateProblem } from '../model/export-dates.js';
import { RECORD_KINDS, type RecordKind } from '../model/record-types.js';

/** Each kind's words. */
export const KIND_TERMS = {
  labs: 'kindLabs',
  medications: 'kindMedications',
  visits: 'kindVisits',
  immunizations: 'kindImmunizations',
  documents: 'kindDocuments',
  billing: 'kindBilling',
  other: 'kindOther',
} as const satisfies Record<RecordKind, keyof RecordTerms>;

const FORMAT_TERMS = { bundle: 'formatBundle', ndjson: 'formatNdjson' } as const satisfies Record<ExportFormat, keyof RecordTerms>;

/** A problem with the form: no kind chosen, or the dates. */
export type FormProblem = 'no-kind' | DateProblem;

const PROBLEM_TERMS = { 'no-kind': 'exportNoKind', future: 'exportDateFuture', 'from-after-to': 'exportDateOrder' } as const satisfies Record<FormProblem, keyof RecordTerms>;

export interface ExportFormView {
  localize: RecordLocalize;
  kinds: ReadonlySet<RecordKind>;
  from: string;
  to: string;
  /** The latest date the inputs accept (today). */
  max: string;
  format: ExportFormat;
  problem?: FormProblem;
  /** The last run was cancelled. */
  stopped: boolean;
  onKind: (kind: RecordKind, on: boolean) => void;
  onDate: (end: 'from' | 'to', value: string) => void;
  onFormat: (format: ExportFormat) => void;
  onStart: () => void;
}

/** The choices and Start (after a cancel, "Stopped. Nothing was saved." above them). */
export function renderExportForm(view: ExportFormView): TemplateResult {
  const { localize } = view;
  const dateProblem = view.problem === 'future' || view.problem === 'from-after-to';
  const described = dateProblem ? 'export-problem' : 'export-dates-hint';
  return html`${view.stopped ? html`<p class="notice export-notice" part="export-stopped" role="status">${localize.term('exportStopped')}</p>` : nothing}
    <form class="export-form" part="export-form" novalidate @submit=${(event: Event) => (event.preventDefault(), view.onStart())}>
      <p class="hint">${localize.term('exportIntro')}</p>
      <fieldset part="export-kinds" aria-describedby=${view.problem === 'no-kind' ? 'export-problem' : nothing}>
        <legend>${localize.term('exportKinds')}</legend>
        ${RECORD_KINDS.map(
          (kind) => html`<label class="check"
            ><input
              type="checkbox"
              name="kind"
              value=${kind}
              .checked=${view.kinds.has(kind)}
              @change=${(event: Event) => view.onKind(kind, (event.target as HTMLInputElement).checked)}
            />${localize.term(KIND_TERMS[kind])}</label
          >`,
        )}
      </fieldset>
      <fieldset part="export-dates" aria-describedby=${described}>
        <legend>${localize.term('exportDates')}</legend>
        <p class="hint" id="export-dates-hint">${localize.term('exportDatesHint')}</p>
        <div class="date-pair">
          ${(['from', 'to'] as const).map(
            (end) => html`<label class="field"
              >${localize.term(end === 'from' ? 'exportFrom' : 'exportTo')}
              <input
                type="date"
                name=${end}
                max=${view.max}
                .value=${view[end]}
                aria-invalid=${dateProblem ? 'true' : 'false'}
                aria-describedby=${described}
                @change=${(event: Event) => view.onDate(end, (event.target as HTMLInputElement).value)}
            /></label>`,
          )}
        </div>
      </fieldset>
      <fieldset part="export-format">
        <legend>${localize.term('exportFormat')}</legend>
        ${EXPORT_FORMATS.map(
          (format) => html`<label class="check"
            ><input type="radio" name="format" value=${format} .checked=${view.format === format} @change=${() => view.onFormat(format)} />${localize.term(FORMAT_TERMS[format])}</label
          >`,
        )}
      </fieldset>
      ${view.problem ? html`<p class="export-problem" id="export-problem" part="export-problem" role="alert">${localize.term(PROBLEM_TERMS[view.problem])}</p>` : nothing}
      <button type="submit" class="primary" part="export-start-button">${localize.term(view.stopped ? 'exportAgain' : 'exportStart')}</button>
    </form>`;
}

/** How far a run is, 0–100: types done of types to do, or through `$everything` items of the total the server gave. */
export function progressPercent(progress: ExportProgress | undefined): number {
  if (!progress) return 0;
  const [value, max] = progressValues(progress);
  return max ? Math.floor((value / max) * 100) : 0;
}

function progressValues(progress: ExportProgress): [number, number] {
  if (progress.method === 'everything' && progress.estimatedTotal && progress.typesDone < progress.typesTotal) {
    return [Math.min(progress.resources, progress.estimatedTotal), progress.estimatedTotal];
  }
  return [progress.typesDone, progress.typesTotal];
}

export interface ExportRunView {
  localize: RecordLocalize;
  progress?: ExportProgress;
  /** What the live region says: updated now and then, not on every page. */
  announcement: string;
  onCancel: () => void;
}

/** The run: a progress bar with its words, a polite announcement now and then, and Cancel. */
export function renderExportRun({ localize, progress, announcement, onCancel }: ExportRunView): TemplateResult {
  const values = progress ? progressValues(progress) : undefined;
  const words = progress ? localize.term('exportProgress', progress.typesDone, progress.typesTotal, progress.resources) : localize.term('exportPreparing');
  return html`<div class="export-run" part="export-progress">
    <progress aria-labelledby="export-progress-label" aria-describedby="export-progress-words" value=${values ? values[0] : nothing} max=${values?.[1] || 1}></progress>
    <p class="visually-hidden" id="export-progress-label">${localize.term('exportProgressLabel')}</p>
    <p class="progress-words" id="export-progress-words" part="export-progress-words">${words}</p>
    <p class="visually-hidden" role="status" aria-live="polite" part="export-announcement">${announcement}</p>
    <button type="button" part="export-cancel-button" @click=${onCancel}>${localize.term('exportCancel')}</button>
  </div>`;
}

export interface OtherFormsView {
  localize: RecordLocalize;
  ips: boolean;
  ccd: boolean;
  busy?: 'ips' | 'ccd';
  /** What happened to the last one asked for: saved under a name, nothing to save, or an error. */
  outcome?: { saved: string } | { none: true } | { error: string };
  onSave: (which: 'ips' | 'ccd') => void;
}

/** The International Patient Summary and the continuity-of-care document, where the server offers them. */
export function renderOtherForms(view: OtherFormsView): TemplateResult | typeof nothing {
  const { localize, outcome } = view;
  if (!view.ips && !view.ccd) return nothing;
  const button = (which: 'ips' | 'ccd') =>
    html`<button type="button" part=${`${which}-button`} aria-disabled=${view.busy === which ? 'true' : 'false'} @click=${() => (view.busy ? undefined : view.onSave(which))}>
      ${localize.term(which === 'ips' ? 'saveIps' : 'saveCcd')}
    </button>`;
  return html`<section class="other-forms" part="other-forms" aria-labelledby="other-forms-heading">
    <h3 id="other-forms-heading">${localize.term('otherForms')}</h3>
    <div class="export-actions">${view.ips ? button('ips') : nothing} ${view.ccd ? button('ccd') : nothing}</div>
    <p role="status" part="other-forms-outcome">
      ${outcome && 'saved' in outcome ? renderSentenceWithData((name) => localize.term('exportSaved', name), outcome.saved) : nothing}
      ${outcome && 'none' in outcome ? localize.term('ccdNone') : nothing}
    </p>
    ${outcome && 'error' in outcome ? html`<p class="export-problem" role="alert">${outcome.error}</p>` : nothing}
  </section>`;
}
