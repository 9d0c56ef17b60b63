import { html, nothing } from 'lit';
import { renderDataText } from '@portico/core';
import type { HealthRecordLocalize } from '../i18n/terms.js';
import type { AllergyRow } from '../model/allergies.js';
import { renderDetail, renderNote } from './details.js';

function renderAllergy(localize: HealthRecordLocalize, row: AllergyRow) {
  const kind = [...row.categories.map((c) => localize.term('allergyCategory', c)), ...(row.intolerance ? [localize.term('intolerance')] : [])].join(' · ');
  const state = row.ruledOut ? 'ruled-out' : row.past ? 'past' : 'current';
  return html`<li tabindex="-1" part="allergy allergy-${state}" data-allergy-id=${row.id}>
    <p class="item-name" part="allergy-name">
      <strong>${row.substance ? renderDataText(row.substance) : localize.term('unnamedAllergy')}</strong>
      ${row.ruledOut ? html`<span class="tag" part="allergy-status">${localize.term('ruledOut')}</span>` : nothing}
      ${!row.ruledOut && row.past ? html`<span class="tag" part="allergy-status">${localize.term('noLongerAllergic')}</span>` : nothing}
    </p>
    ${row.severity || row.criticality
      ? html`<p part="allergy-risk">${[row.severity ? localize.term('severity', row.severity) : '', row.criticality ? localize.term('criticality', row.criticality) : ''].filter(Boolean).join('. ')}</p>`
      : nothing}
    <dl part="details">
      ${renderDetail(localize.term('reactions'), row.reactions.length ? renderDataText(row.reactions.join(', ')) : undefined)}
      ${renderDetail(localize.term('recordedOn'), row.recorded ? localize.fhirDate(row.recorded) : undefined)}
      ${renderDetail(localize.term('recordedBy'), row.recordedBy ? renderDataText(row.recordedBy) : undefined)}
    </dl>
    ${kind ? html`<p class="hint" part="allergy-kind">${kind}</p>` : nothing}
    ${row.descriptions.map((d) => renderNote(d, 'reaction-description'))} ${renderNote(row.note, 'allergy-note')}
  </li>`;
}

/** Allergies, each with what it is to, the reactions, how severe and how risky. */
export function renderAllergies(localize: HealthRecordLocalize, rows: readonly AllergyRow[]) {
  return html`<ul class="items" part="allergies">${rows.map((r) => renderAllergy(localize, r))}</ul>`;
}

/** "No known allergies": only when the record says so. */
export function renderNoKnownAllergies(localize: HealthRecordLocalize) {
  return html`<div class="none-known" part="no-known-allergies">
    <p><strong>${localize.term('noKnownAllergies')}</strong></p>
    <p class="hint">${localize.term('noKnownAllergiesMessage')}</p>
  </div>`;
}
