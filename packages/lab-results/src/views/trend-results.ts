import type { Observation } from 'fhir/r4';
import { html, type TemplateResult } from 'lit';
import { renderEmpty } from '@portico/core';
import { effectiveTime } from '../reports/reports.js';
import { referenceRangeOf } from '../results/interpretation.js';
import { renderTrendChart, type TrendPoint } from '@portico/core/trend-chart.js';
import { trendSeries, unitOf } from '../model/trend-window.js';
import { flagText, valueText } from '../model/result-text.js';
import type { TrendViewHost } from './trend-view.js';

/** A test's results over the chosen years: which years, then the chart with its table. */
export function renderTrendResults(host: TrendViewHost, name: string, observations: readonly Observation[]): TemplateResult {
  const { years } = host;
  const series = trendSeries(observations, years);
  if (!series) return renderEmpty({ heading: host.localize.term('noResults') });
  // The patient is told which years the window shows.
  const { window: shown, results, unit, inUnit } = series;
  const windowText = years
    ? host.localize.term('trendWindow', host.localize.term('trendSpan', years), host.localize.fhirDate(shown.end))
    : host.localize.term('trendWindowAll', host.localize.fhirDate(shown.start), host.localize.fhirDate(shown.end));
  // The line is drawn in the unit most results are in; results in another unit are listed in the
  // table with their own unit, not drawn on a scale they do not share.
  const range = referenceRangeOf(inUnit[inUnit.length - 1]!, host.patient ?? {});
  const points: TrendPoint[] = results.map((o) => {
    const { flag, text } = flagText(host.localize, o);
    return { id: o.id ?? '', at: effectiveTime(o) ?? '', value: unitOf(o) === unit ? o.valueQuantity!.value! : NaN, text: valueText(host.localize, o), flag, flagText: text || undefined };
  });
  return html`<p class="trend-window">${windowText}</p>
      ${renderTrendChart({
      title: name,
      hideTitle: true,
      unit: inUnit[inUnit.length - 1]!.valueQuantity!.unit ?? unit,
      points,
      range: range ? { low: range.low?.value, high: range.high?.value, text: host.localize.range(range) } : undefined,
      formatDate: (at) => host.localize.fhirDate(at),
      formatValue: (value) => host.localize.number(value),
      labels: {
        date: host.localize.term('when'),
        value: host.localize.term('result'),
        flag: host.localize.term('flag'),
        range: (text) => host.localize.term('rangeLabel', text),
        chartSummary: (count, first, last) => host.localize.term('trendSummary', count, first, last),
        normal: host.localize.term('flagNormal'),
      },
    })}`;
}
