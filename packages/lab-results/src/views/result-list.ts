import { html, type TemplateResult } from 'lit';
import { translationsVersion } from '@portico/core';
import { guard } from 'lit/directives/guard.js';
import { RESULT_GROUPINGS, type ListItem, type ResultFilter, type ResultGrouping } from '../model/list-items.js';
import { renderByTest } from './by-test.js';
import { renderLooseResult, renderReport, type ReportEntryHost } from './report-entry.js';

/** What the list of results, with its filters, reads and calls. */
export interface ResultListHost extends ReportEntryHost {
  readonly grouping: ResultGrouping;
  setFilter(change: Partial<ResultFilter>): void;
  setGrouping(grouping: ResultGrouping): void;
}

/** Search, dates, "outside the range" and grouping. */
export function renderFilters(host: ResultListHost): TemplateResult {
  const { filter } = host;
  return html`<div class="filters" part="filters" role="search">
      <label class="field">
        <span>${host.localize.term('searchTests')}</span>
        <input type="search" .value=${filter.text} @input=${(e: Event) => host.setFilter({ text: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="field">
        <span>${host.localize.term('fromDate')}</span>
        <input type="date" .value=${filter.from} @change=${(e: Event) => host.setFilter({ from: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="field">
        <span>${host.localize.term('toDate')}</span>
        <input type="date" .value=${filter.to} @change=${(e: Event) => host.setFilter({ to: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="check">
        <input type="checkbox" .checked=${filter.abnormalOnly} @change=${(e: Event) => host.setFilter({ abnormalOnly: (e.target as HTMLInputElement).checked })} />
        <span>${host.localize.term('abnormalOnly')}</span>
      </label>
      <div class="segmented" role="group" aria-label=${host.localize.term('groupBy')}>
        ${RESULT_GROUPINGS.map(
          (grouping) =>
            html`<button type="button" aria-pressed=${host.grouping === grouping ? 'true' : 'false'} @click=${() => host.setGrouping(grouping)}>
              ${host.localize.term(grouping === 'report' ? 'byReport' : 'byTest')}
            </button>`,
        )}
      </div>
    </div>`;
}

/** The entries that pass the filters, by report or by test (or a hint that none does). */
export function renderEntries(host: ResultListHost, items: readonly ListItem[]): TemplateResult {
  return items.length
    ? host.grouping === 'report'
      ? html`<ul class="reports">
                  ${items.map((item) => renderItem(host, item))}
                </ul>`
      : renderByTest(host, items)
    : html`<p class="hint" role="status">${host.localize.term('noResultsMatch')}</p>`;
}

/**
 * An entry, rendered again only when something it shows changed: with hundreds of reports loaded,
 * each page added or button pressed would otherwise rebuild every entry.
 */
function renderItem(host: ResultListHost, item: ListItem) {
  const key = item.kind === 'report' ? (item.view.report.id ?? '') : `result:${item.node.observation.id ?? ''}`;
  const expanded = host.open.has(key);
  const { filter } = host;
  const deps = [
    item.kind === 'report' ? item.view : item.node,
    expanded,
    // What an open entry's rows depend on.
    expanded ? `${filter.text}\u0000${filter.abnormalOnly}\u0000${host.noPdf}\u0000${host.showTrends}\u0000${!!host.bookFollowUp}` : '',
    expanded && host.downloadError?.id === key ? host.downloadError : undefined,
    host.previousSeen,
    host.localize.lang(),
    // A catalogue that arrives after the entries were first shown (its language asked for then).
    translationsVersion(),
    host.patient,
  ];
  return guard(deps, () => (item.kind === 'report' ? renderReport(host, item.view) : renderLooseResult(host, item.node)));
}
