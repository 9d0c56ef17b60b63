import { html, nothing } from 'lit';
import { renderDataText } from '@portico/core';
import type { HealthRecordLocalize } from '../i18n/terms.js';
import type { VisitRow } from '../model/visits.js';
import { renderDetail } from './details.js';

function renderVisit(localize: HealthRecordLocalize, row: VisitRow) {
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
  </li>`;
}

/** Past visits, newest first, each with why, what was found, who and where. */
export function renderVisits(localize: HealthRecordLocalize, rows: readonly VisitRow[]) {
  return html`<ul class="items" part="visits">${rows.map((r) => renderVisit(localize, r))}</ul>`;
}
