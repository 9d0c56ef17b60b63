import { html, nothing } from 'lit';
import { renderDataText, renderNotGivenReason, type ImmunizationRow } from '@portico/core';
import type { HealthRecordLocalize } from '../i18n/terms.js';
import { renderDetail } from './details.js';

function renderImmunization(localize: HealthRecordLocalize, row: ImmunizationRow) {
  const reason = renderNotGivenReason(localize, row);
  return html`<li tabindex="-1" part="immunization immunization-${row.given ? 'given' : 'not-given'}" data-immunization-id=${row.id}>
    <p class="item-name" part="vaccine">
      <strong>${row.vaccine ? renderDataText(row.vaccine) : localize.term('unnamedVaccine')}</strong>
      ${row.given ? nothing : html`<span class="tag" part="immunization-status">${localize.term('vaccineNotGiven')}</span>`}
    </p>
    ${!row.given && reason ? html`<p part="not-given-reason">${localize.term('reasonLabel')}: ${reason}</p>` : nothing}
    <dl part="details">
      ${renderDetail(localize.term('date'), row.date ? localize.fhirDate(row.date) : undefined)}
      ${renderDetail(localize.term('doseLabel'), row.dose ? localize.term('dose', row.dose.number, row.dose.of) : undefined)}
      ${renderDetail(localize.term('placeWhere'), row.where ? renderDataText(row.where) : undefined)}
      ${renderDetail(localize.term('lot'), row.lot ? renderDataText(row.lot) : undefined)}
    </dl>
  </li>`;
}

/** Immunizations, newest first, each with its date, dose, where and lot; one not given with why. */
export function renderImmunizations(localize: HealthRecordLocalize, rows: readonly ImmunizationRow[]) {
  return html`<ul class="items" part="immunizations">${rows.map((r) => renderImmunization(localize, r))}</ul>`;
}
