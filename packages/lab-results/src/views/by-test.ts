import type { Observation } from 'fhir/r4';
import { html, type TemplateResult } from 'lit';
import { groupByPanel } from '../results/by-panel.js';
import { isFiltering, resultMatches, type ListItem } from '../model/list-items.js';
import { flatten } from '../model/result-caches.js';
import { isWithdrawn } from '../model/result-status.js';
import { nameOfConcept, testName, valueText } from '../model/result-text.js';
import { renderResults, type ResultTableHost } from './result-table.js';

/** Every result grouped by test, and the tests by panel, the most recent first (see `groupByPanel`). */
export function renderByTest(host: ResultTableHost, items: readonly ListItem[]): TemplateResult {
  const { filter } = host;
  const filtering = isFiltering(filter);
  const nameOf = (observation: Observation) => testName(host.localize, observation);
  const results: { observation: Observation; name: string; panel: string }[] = [];
  const add = (observation: Observation, panel: string) => {
    // A panel's own row carries no value: its members are listed under their own names.
    if (isWithdrawn(observation) || (observation.hasMember?.length && !valueText(host.localize, observation))) return;
    if (filtering && !resultMatches(observation, filter, nameOf)) return;
    results.push({ observation, name: nameOf(observation), panel });
  };
  for (const item of items) {
    if (item.kind === 'report') for (const o of flatten(item.view.results)) add(o, nameOfConcept(host.localize, item.view.report.code));
    else {
      const panel = item.node.members.length ? nameOf(item.node.observation) : host.localize.term('otherTests');
      for (const o of flatten([item.node])) add(o, panel);
    }
  }
  return html`<ul class="panels">
      ${groupByPanel(results).map(
        ({ panel, tests }) => html`<li class="panel">
          <h3>${panel}</h3>
          <ul class="tests">
            ${tests.map(
              (test) => html`<li class="test" part="report">
                <h4>${test.name}</h4>
                ${renderResults(
                  host,
                  test.results.map((observation) => ({ observation, members: [] })),
                  { rowLabel: 'date' },
                )}
              </li>`,
            )}
          </ul>
        </li>`,
      )}
    </ul>`;
}
