/**
 * The finished file: what it holds per kind, what it leaves out and why, Save, a file per type
 * (NDJSON), and Start again. Loaded with the export engine, on Start.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { renderDataText, renderSentenceWithData } from '@portico/core';
import type { SkipReason } from '../export/plan.js';
import type { ExportResult } from '../export/record-export.js';
import type { RecordLocalize, RecordTerms } from '../i18n/terms.js';
import { countsByRow, leftOutByReason, type ExportRow } from '../model/export-report.js';
import { KIND_TERMS } from './export-views.js';

const REASON_TERMS = {
  scope: 'reasonScope',
  'not-offered': 'reasonNotOffered',
  forbidden: 'reasonForbidden',
  failed: 'reasonFailed',
} as const satisfies Record<SkipReason, keyof RecordTerms>;

const ROW_TERMS = {
  patient: 'rowPatient',
  mentioned: 'rowMentioned',
  ...KIND_TERMS,
} as const satisfies Record<ExportRow, keyof RecordTerms>;

export interface ExportDoneView {
  localize: RecordLocalize;
  result: ExportResult;
  /** The name the file was saved under, once saved. */
  saved?: string;
  onSave: () => void;
  /** NDJSON: saves the file of one type. */
  onSaveType: (type: string) => void;
  onAgain: () => void;
}

/** The finished file: what it holds per kind, what it leaves out and why, Save, and Start again. */
export function renderExportDone(view: ExportDoneView): TemplateResult {
  const { localize, result } = view;
  const { summary } = result;
  const rows = countsByRow(summary);
  const leftOut = leftOutByReason(summary);
  const labsWithOthers = summary.kinds.includes('labs') && summary.kinds.includes('other');
  const rowLabel = (row: ExportRow) => localize.term(row === 'labs' && labsWithOthers ? 'rowLabsAndMeasurements' : ROW_TERMS[row]);
  const dated = !!(summary.dateRange?.from || summary.dateRange?.to);
  return html`<div class="export-done" part="export-done">
    <h3 id="export-done-heading" tabindex="-1">${localize.term('exportReady')}</h3>
    <p>${localize.term('exportHolds', summary.resources, localize.fileSize(summary.bytes))}</p>
    <ul class="export-counts" part="export-counts">
      ${rows.map((r) => html`<li><span>${rowLabel(r.row)}</span> <span class="count">${localize.term('itemCount', r.count)}</span></li>`)}
    </ul>
    <h4>${localize.term('leftOutHeading')}</h4>
    ${leftOut.length
      ? html`<ul class="export-left-out" part="export-left-out">
          ${leftOut.map(
            (l) => html`<li data-reason=${l.reason}>
              <strong>${localize.term(REASON_TERMS[l.reason])}:</strong>
              ${l.kinds.map((kind) => localize.term(KIND_TERMS[kind])).join(', ')}
              <span class="types">${l.kinds.length ? '(' : ''}${renderDataText(l.types.join(', '))}${l.kinds.length ? ')' : ''}</span>
            </li>`,
          )}
        </ul>`
      : html`<p part="export-left-out">${localize.term('leftOutNothing')}</p>`}
    ${dated && summary.undated.length ? html`<p class="hint">${localize.term('exportUndated')} ${renderDataText(summary.undated.join(', '))}</p>` : nothing}
    ${summary.attachments.length ? html`<p class="hint">${localize.term('exportAttachments', summary.attachments.length)}</p>` : nothing}
    <div class="export-actions">
      <button type="button" class="primary" part="export-save-button" @click=${view.onSave}>${localize.term('exportSave')}</button>
      <button type="button" part="export-again-button" @click=${view.onAgain}>${localize.term('exportAgain')}</button>
    </div>
    ${result.files?.size
      ? html`<p>${localize.term('exportSavePerType')}</p>
          <ul class="export-type-files" part="export-type-files">
            ${[...result.files].map(
              ([type, file]) => html`<li>
                <button type="button" class="row-button" @click=${() => view.onSaveType(type)}>${renderDataText(`${type}.ndjson`)} · ${localize.fileSize(file.size)}</button>
              </li>`,
            )}
          </ul>`
      : nothing}
    <p role="status" part="export-saved">${view.saved ? renderSentenceWithData((name) => localize.term('exportSaved', name), view.saved) : nothing}</p>
  </div>`;
}

