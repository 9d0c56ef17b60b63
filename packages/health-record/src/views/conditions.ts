import { html, nothing } from 'lit';
import { renderDataText } from '@portico/core';
import type { HealthRecordLocalize } from '../i18n/terms.js';
import type { ConditionRow, ConditionState } from '../model/conditions.js';
import { renderDetail, renderNote } from './details.js';

function renderCondition(localize: HealthRecordLocalize, row: ConditionRow) {
  return html`<li tabindex="-1" part="condition condition-${row.state}" data-condition-id=${row.id}>
    <p class="item-name" part="condition-name">
      <strong>${row.name ? renderDataText(row.name) : localize.term('unnamedCondition')}</strong>
      ${row.state === 'ruled-out' ? html`<span class="tag" part="condition-status">${localize.term('ruledOut')}</span>` : nothing}
      ${row.state !== 'ruled-out' && row.unconfirmed ? html`<span class="tag" part="condition-status">${localize.term('notConfirmed')}</span>` : nothing}
    </p>
    <dl part="details">
      ${renderDetail(localize.term('since'), row.since ? localize.fhirDate(row.since) : undefined)}
      ${renderDetail(localize.term('resolvedOn'), row.ended ? localize.fhirDate(row.ended) : undefined)}
      ${renderDetail(localize.term('recordedBy'), row.recordedBy ? renderDataText(row.recordedBy) : undefined)}
    </dl>
    ${renderNote(row.note, 'condition-note')}
  </li>`;
}

const GROUP_TERMS = { active: 'activeConditions', 'ruled-out': 'ruledOutConditions', resolved: 'resolvedConditions' } as const satisfies Record<ConditionState, string>;

/**
 * Conditions in groups: current, ruled out, resolved (each only when it has rows here). `totals` counts
 * each group's rows on record, so a summary or a page showing a few still says how many there are.
 */
export function renderConditions(localize: HealthRecordLocalize, rows: readonly ConditionRow[], totals: Readonly<Record<ConditionState, number>>, idPrefix: string) {
  const states = (['active', 'ruled-out', 'resolved'] as const).filter((state) => rows.some((r) => r.state === state));
  return html`${!totals.active ? html`<p class="hint" part="no-active-conditions">${localize.term('noActiveConditions')}</p>` : nothing}
    ${states.map(
      (state) => html`<section class="group" aria-labelledby="${idPrefix}-${state}">
        <h4 id="${idPrefix}-${state}">${localize.term(GROUP_TERMS[state], totals[state])}</h4>
        <ul class="items" part="conditions conditions-${state}">${rows.filter((r) => r.state === state).map((r) => renderCondition(localize, r))}</ul>
      </section>`,
    )}`;
}
