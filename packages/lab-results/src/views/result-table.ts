import type { Observation } from 'fhir/r4';
import { html, nothing, type TemplateResult } from 'lit';
import { effectiveTime, trendCode, type ResultNode } from '../reports/reports.js';
import { referenceRangeOf } from '../results/interpretation.js';
import { referenceName, sameMoment, type Collection } from '../model/collection.js';
import { isFiltering, resultMatches, type ResultFilter } from '../model/list-items.js';
import { isWithdrawn, RESULT_STATUS_TERMS } from '../model/result-status.js';
import { flagText, testName, valueText, whenText, type ResultWords } from '../model/result-text.js';

/** What a table of results reads and calls. */
export interface ResultTableHost {
  readonly localize: ResultWords;
  /** The patient, for the reference ranges that apply to them. */
  readonly patient?: { birthDate?: string; gender?: string };
  readonly filter: ResultFilter;
  readonly showTrends: boolean;
  /** Opens the trend of a result's test. */
  showTrend(observation: Observation): void;
}

/** How a table says its rows: `shared` is said once above it; `rowLabel: 'date'` heads each row with its date. */
export interface ResultTableOptions {
  shared?: Collection;
  rowLabel?: 'name' | 'date';
}

/**
 * A table of results. `shared` is the collection time and specimen said once above the table (rows
 * say theirs only when different); `rowLabel: 'date'` heads each row with its date rather than the
 * test's name, for a table under the test's own heading.
 */
export function renderResults(host: ResultTableHost, nodes: readonly ResultNode[], options: ResultTableOptions = {}): TemplateResult {
  const rows: TemplateResult[] = [];
  const filtering = isFiltering(host.filter);
  const matches = (observation: Observation) => resultMatches(observation, host.filter, (o) => testName(host.localize, o));
  const add = (node: ResultNode, depth: number) => {
    const observation = node.observation;
    if (isWithdrawn(observation)) return;
    if (!filtering || matches(observation) || node.members.some((m) => matches(m.observation))) rows.push(renderResultRow(host, observation, depth, options));
    for (const member of node.members) add(member, depth + 1);
  };
  for (const node of nodes) add(node, 0);
  return html`<table class="results" part="results">
      <thead>
        <tr>
          <th scope="col">${host.localize.term(options.rowLabel === 'date' ? 'when' : 'test')}</th>
          <th scope="col">${host.localize.term('result')}</th>
          <th scope="col" class="range-cell">${host.localize.term('referenceRange')}</th>
          <th scope="col">${host.localize.term('flag')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
}

function renderResultRow(host: ResultTableHost, observation: Observation, depth: number, options: ResultTableOptions): TemplateResult {
  const range = referenceRangeOf(observation, host.patient ?? {});
  const { flag, text } = flagText(host.localize, observation);
  const numeric = typeof observation.valueQuantity?.value === 'number';
  const name = testName(host.localize, observation);
  const byDate = options.rowLabel === 'date';
  const specimen = referenceName(observation.specimen) === options.shared?.specimen ? '' : referenceName(observation.specimen);
  const collected = byDate || sameMoment(effectiveTime(observation), options.shared?.collected) ? undefined : effectiveTime(observation);
  const notes = (observation.note ?? []).map((n) => n.text).filter(Boolean);
  const status = RESULT_STATUS_TERMS[observation.status];
  const rangeText = range ? (range.low || range.high ? html`<bdi dir="ltr">${host.localize.range(range)}</bdi>` : host.localize.range(range)) : '';
  return html`<tr class=${flag ? `flagged ${flag}` : ''}>
      <th scope="row" class=${depth ? 'member' : ''}>
        ${byDate ? html`<time datetime=${effectiveTime(observation) ?? ''}>${whenText(host.localize, effectiveTime(observation))}</time>` : name}
        ${collected || specimen
          ? html`<span class="sub">${collected ? host.localize.term('collected', whenText(host.localize, collected)) : nothing}${collected && specimen ? ' · ' : nothing}${specimen ? html`${host.localize.term('specimen')}: ${specimen}` : nothing}</span>`
          : nothing}
        ${status ? html`<span class="sub result-status">${host.localize.term(status)}</span>` : nothing}
        ${notes.map((note) => html`<span class="sub note-text">${note}</span>`)}
      </th>
      <td class=${numeric ? 'value numeric' : 'value'}>
        ${numeric ? html`<bdi dir="ltr">${valueText(host.localize, observation)}</bdi>` : valueText(host.localize, observation)}
        ${text ? html`<span class="flag flag-inline ${flag ? `${flag} flag-${flag}` : 'text'}" part="flag flag-inline">${text}</span>` : nothing}
        ${rangeText ? html`<span class="sub range-inline">${host.localize.term('referenceRange')}: ${rangeText}</span>` : nothing}
      </td>
      <td class="range-cell">${rangeText}</td>
      <td class="flag-cell">
        ${text ? html`<span class="flag ${flag ? `${flag} flag-${flag}` : 'text'}" part="flag">${text}</span>` : nothing}
        ${numeric && host.showTrends && trendCode(observation)
          ? html`<button type="button" class="trend-button" data-trend-for=${observation.id ?? ''} aria-label=${host.localize.term('showTrend', name)} @click=${() => host.showTrend(observation)}>
              ${host.localize.term('trend')}
            </button>`
          : nothing}
      </td>
    </tr>`;
}
