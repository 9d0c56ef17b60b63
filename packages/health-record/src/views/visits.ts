import { html, nothing } from 'lit';
import { renderDataText } from '@portico/core';
import type { HealthRecordLocalize } from '../i18n/terms.js';
import type { NoteRow } from '../model/notes.js';
import type { VisitRow } from '../model/visits.js';
import { renderDetail } from './details.js';
import { renderNoteReader, type NoteOptions } from './notes.js';

/** The notes written about each visit (its summary), by Encounter id, and how a note is read. */
export interface VisitSummaryOptions {
  summaries: ReadonlyMap<string, readonly NoteRow[]>;
  notes: NoteOptions;
}

/** A visit's summary: what it is, and its words read on request (as text, with the patient's credentials). */
function renderSummary(localize: HealthRecordLocalize, note: NoteRow, options: NoteOptions) {
  const title = note.title || localize.term('unnamedNote');
  return html`<div class="visit-summary" part="visit-summary" data-document-id=${note.id}>
    <p class="item-name"><span>${renderDataText(title)}</span>${note.author ? html`<span class="hint">${renderDataText(note.author)}</span>` : nothing}</p>
    ${renderNoteReader(localize, note, options, title)}
  </div>`;
}

function renderVisit(localize: HealthRecordLocalize, row: VisitRow, summaries?: VisitSummaryOptions) {
  const diagnoses = row.diagnoses.map((d, i) => html`${i ? ', ' : ''}${renderDataText(d.name)}${d.ruledOut ? ` (${localize.term('ruledOut').toLowerCase()})` : ''}`);
  return html`<li tabindex="-1" part="visit" data-encounter-id=${row.id}>
    <p class="item-name" part="visit-name">
      <strong>${row.kind ? renderDataText(row.kind) : localize.term('unnamedVisit')}</strong>
      ${row.date ? html`<span>${localize.fhirDate(row.date)}</span>` : nothing}
    </p>
    <dl part="details">
      ${renderDetail(localize.term('visitWhy'), row.reasons.length ? renderDataText(row.reasons.join(', ')) : undefined)}
      ${renderDetail(localize.term('diagnoses'), row.diagnoses.length ? html`${diagnoses}` : undefined)}
      ${renderDetail(localize.term('seenBy'), row.clinician ? renderDataText(row.clinician) : undefined)}
      ${renderDetail(localize.term('placeWhere'), row.place ? renderDataText(row.place) : undefined)}
    </dl>
    ${summaries ? (summaries.summaries.get(row.id) ?? []).map((note) => renderSummary(localize, note, summaries.notes)) : nothing}
  </li>`;
}

/** Past visits, newest first, each with why, what was found, who and where, and its summary when one was written. */
export function renderVisits(localize: HealthRecordLocalize, rows: readonly VisitRow[], summaries?: VisitSummaryOptions) {
  return html`<ul class="items" part="visits">${rows.map((r) => renderVisit(localize, r, summaries))}</ul>`;
}
