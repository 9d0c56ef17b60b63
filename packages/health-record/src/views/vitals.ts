import { html, nothing } from 'lit';
import { renderDataText } from '@portico/core';
import { renderTrendChart } from '@portico/core/trend-chart.js';
import type { HealthRecordLocalize } from '../i18n/terms.js';
import type { VitalRow } from '../model/vitals.js';
import { renderDetail } from './details.js';

/** A measured value as a person reads it: at most one decimal (a device's 172.766 cm is 172.8 cm). */
const vitalNumber = (localize: HealthRecordLocalize, value: number) => localize.number(value, { maximumFractionDigits: 1 });

/** A measure's latest value in words: "128/82 mmHg", "72 kg". */
export function latestValue(localize: HealthRecordLocalize, row: VitalRow): string {
  return `${row.latest.map((v) => vitalNumber(localize, v)).join('/')}${row.unit ? ` ${row.unit}` : ''}`;
}

function renderVital(localize: HealthRecordLocalize, row: VitalRow, trends: boolean) {
  return html`<li tabindex="-1" part="vital" data-vital=${row.id}>
    <p class="item-name" part="vital-name"><strong>${row.name ? renderDataText(row.name) : localize.term('unnamedVital')}</strong></p>
    <dl part="details">
      ${renderDetail(localize.term('latest'), html`<bdi part="vital-value">${latestValue(localize, row)}</bdi>`)}
      ${renderDetail(localize.term('measuredOn'), localize.fhirDate(row.at))}
    </dl>
    ${trends
      ? row.series
          .filter((s) => s.points.length > 1)
          .map(
            (s) => html`<div class="trend" part="vital-trend">
              ${renderTrendChart({
                title: s.title,
                unit: s.unit,
                points: s.points.map((p) => ({ ...p, text: `${vitalNumber(localize, p.value)}${s.unit ? ` ${s.unit}` : ''}` })),
                formatDate: (at) => localize.fhirDate(at),
                formatValue: (value) => vitalNumber(localize, value),
                labels: {
                  date: localize.term('when'),
                  value: localize.term('valueLabel'),
                  flag: localize.term('flagLabel'),
                  range: (text) => text,
                  chartSummary: (count, first, last) => localize.term('vitalTrendSummary', count, first, last),
                  normal: '',
                },
              })}
            </div>`,
          )
      : nothing}
  </li>`;
}

/** Vital signs: the latest value of each measure, and in full its values over time. */
export function renderVitals(localize: HealthRecordLocalize, rows: readonly VitalRow[], options: { trends: boolean }) {
  return html`<ul class="items" part="vitals">${rows.map((r) => renderVital(localize, r, options.trends))}</ul>`;
}
