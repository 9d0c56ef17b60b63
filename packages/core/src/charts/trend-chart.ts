import type { TemplateResult } from 'lit';
import { html, nothing, svg } from 'lit';
import { parseFhirDate } from '../format/date.js';

/** The flags a result may carry (FHIR interpretation H, L, HH, LL, A); none means normal or unknown. */
export const TREND_FLAGS = ['high', 'low', 'critical-high', 'critical-low', 'abnormal'] as const;
export type TrendFlag = (typeof TREND_FLAGS)[number];

export type TrendTableOrder = 'newest-first' | 'oldest-first';

export interface TrendPoint {
  /** Observation id. */
  id: string;
  /** ISO instant or FHIR dateTime/date of the result ('2024', '2024-03', '2024-03-10', '2024-03-10T08:30:00Z'). */
  at: string;
  /** Numeric value in `unit`. */
  value: number;
  /** The value as the patient should read it, already formatted with its unit ('7.2 %'). */
  text: string;
  /** Undefined = normal or unknown. */
  flag?: TrendFlag;
  /** The flag in words ('High'), shown in the table and in point titles. */
  flagText?: string;
}

export interface TrendRange {
  low?: number;
  high?: number;
  /** e.g. '4.0–5.6 %'; built from `low`, `high` and the unit when absent. */
  text?: string;
}

export interface TrendChartLabels {
  /** Column header of the dates. */
  date: string;
  /** Column header of the values. */
  value: string;
  /** Column header of the flags. */
  flag: string;
  /** e.g. (t) => `Reference range ${t}.` — the visible legend, and the end of the chart's accessible name. */
  range: (text: string) => string;
  /** e.g. (n, a, b) => `${n} results from ${a} to ${b}.` — the start of the chart's accessible name. */
  chartSummary: (count: number, first: string, last: string) => string;
  /** The flag column of a result without a flag; empty (and no value flagged): no flag column. */
  normal: string;
}

export interface TrendChartOptions {
  /** Test name, e.g. 'Hemoglobin A1c': the figure caption and the table caption. */
  title: string;
  /** Shown above the value axis, and after the numbers of a range built from `low` / `high`. */
  unit?: string;
  /** Any order; drawn by time. Points without a readable date or a finite value are listed, not drawn. */
  points: readonly TrendPoint[];
  range?: TrendRange;
  /**
   * The element's date formatter. Gets each point's `at`, and for the time-axis labels FHIR dates of
   * the precision the tick names ('2018', '2018-06', '2018-06-04'), so a precision-aware formatter
   * (core's `formatFhirDate`) shows '2018', 'Jun 2018', 'Jun 4, 2018'.
   */
  formatDate: (at: string) => string;
  /** Formats the numbers of the value axis (and of a range without `text`); defaults to `String`. */
  formatValue?: (value: number) => string;
  labels: TrendChartLabels;
  /** Table rows newest first (default) or oldest first. */
  tableOrder?: TrendTableOrder;
  /** The page already heads the chart with the test's name: the caption shows only the legend (the table keeps its caption). */
  hideTitle?: boolean;
}

/**
 * Above this many drawn points, the markers are no longer one `<circle>` (with a `<title>`) each but
 * three `<path>`s of round dots (normal dots; rings and their holes for abnormal results, critical ones
 * included), so the chart keeps 7 elements whatever the count; the line is always one path, and the
 * table still lists every value.
 */
export const TREND_MARKER_LIMIT = 200;

interface Drawn {
  point: TrendPoint;
  time: number;
  x: number;
  y: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
const isNumber = (n: unknown): n is number => Number.isFinite(n);
const severity = (flag?: TrendFlag) => (flag ? (flag.startsWith('c') ? 'critical' : 'abnormal') : '');
/** Months since year 0 of the UTC month that holds `time`. */
const monthOf = (time: number) => {
  const date = new Date(time);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
};

/** 3 to 5 round values (1, 2, 2.5 or 5 × 10ⁿ apart) from at or below `low` to at or above `high`. */
function niceTicks(low: number, high: number): number[] {
  const raw = (high - low) / 3;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = power * [1, 2, 2.5, 5, 10].find((m) => m * power >= raw)!;
  const ticks: number[] = [];
  for (let i = Math.floor(low / step + 1e-9); i <= Math.ceil(high / step - 1e-9); i++) ticks.push(+(i * step).toPrecision(12));
  return ticks;
}

/**
 * Up to 4 starts of months (1, 2, 3 or 6 apart) or years (1, 2, 5, 10… apart) in `from`..`to`, with the
 * FHIR date that names each ('2018-06', '2018'). Fewer than 2 when the span is shorter than that.
 */
function dateTicks(from: number, to: number): [number, string][] {
  const first = monthOf(from - 1) + 1;
  const last = monthOf(to);
  const step = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200].find((s) => last - first <= 3 * s) ?? 1e9;
  const ticks: [number, string][] = [];
  for (let m = Math.ceil(first / step) * step; m <= last; m += step) {
    const year = Math.floor(m / 12);
    const month = (m % 12) + 1;
    ticks.push([Date.UTC(year, month - 1), step < 12 ? `${year}-${month < 10 ? 0 : ''}${month}` : `${year}`]);
  }
  return ticks;
}

/**
 * One lab test over time: a line chart (inline SVG, scaled to the container's width) with the reference
 * range shaded and abnormal results drawn as larger rings, then a table of the same results, which is
 * the chart's text alternative. For use inside an element's shadow root: add `trendChartStyles` to the
 * element's `static styles` after `themeStyles`, and put `renderTrendChart(options)` where it goes.
 *
 * The chart itself is `role="img"`, named by `labels.chartSummary` and `labels.range`; its axes are
 * hidden from assistive technology, which reads the table. The plot draws into a `viewBox` stretched to
 * the container (`preserveAspectRatio="none"`, strokes that do not scale), while markers and axis labels
 * sit in unstretched SVG at percentage positions, so circles stay round and text keeps its size. Time
 * runs left to right in every writing direction, like the numbers of the value axis; the caption and
 * table follow the page's direction. Nothing here uses a `style` attribute (strict CSP).
 *
 * Parts: `trend` (the figure), `trend-title`, `trend-chart`, `chart` (the SVG), `range-band`,
 * `trend-line`, `point` (with `point-abnormal`, and `point-critical` on the circles of critical results),
 * `trend-table`, `trend-row` (with `trend-row-abnormal`).
 */
export function renderTrendChart(options: TrendChartOptions): TemplateResult {
  const { title, unit, range, formatDate, labels } = options;
  const format = options.formatValue ?? String;
  const flagWords = (p: TrendPoint) => p.flagText || p.flag || labels.normal;
  // A column of flags only when it says something: a flagged value, or words for an unflagged one.
  const flagged = !!labels.normal || options.points.some((p) => p.flag || p.flagText);
  const timed = options.points.map((point): Drawn => ({ point, time: parseFhirDate(point.at)?.date.getTime() ?? NaN, x: 0, y: 0 }));
  const dated = timed.filter((d) => isNumber(d.time)).sort((a, b) => a.time - b.time);
  const drawn = dated.filter((d) => isNumber(d.point.value));
  // Results without a readable date go last, in the order given.
  const rows = (options.tableOrder === 'oldest-first' ? dated : [...dated].reverse()).concat(timed.filter((d) => !isNumber(d.time)));

  const low = range?.low;
  const high = range?.high;
  const bounds = [low, high].filter(isNumber);
  const rangeText =
    range?.text ||
    (bounds.length
      ? `${isNumber(low) ? (isNumber(high) ? '' : '≥ ') : '≤ '}${bounds.map((b) => format(b)).join('–')}${unit ? ` ${unit}` : ''}`
      : '');

  let chart: unknown = nothing;
  const first = drawn[0];
  const last = drawn[drawn.length - 1];
  if (first && last) {
    const values = [...drawn.map((d) => d.point.value), ...bounds];
    let min = Math.min(...values);
    let max = Math.max(...values);
    if (min === max) {
      const margin = Math.abs(min) / 10 || 1;
      min -= margin;
      max += margin;
    }
    const nice = niceTicks(min, max);
    const bottom = nice[0]!;
    const top = nice[nice.length - 1]!;
    const yOf = (value: number) => round(((top - value) / (top - bottom)) * 100);
    // The range bounds are ticks; round ticks within half a step of one are dropped to keep labels apart.
    const yTicks = [...nice.filter((t) => bounds.every((b) => Math.abs(t - b) > (nice[1]! - bottom) / 2)), ...bounds];
    const yLabels = yTicks.map((t) => format(t));

    const span = last.time - first.time;
    const xOf = (time: number) => (span ? round(((time - first.time) / span) * 100) : 50);
    for (const d of drawn) {
      d.x = xOf(d.time);
      d.y = yOf(d.point.value);
    }
    let xTicks = span ? dateTicks(first.time, last.time) : [];
    if (xTicks.length < 2) xTicks = [[first.time, first.point.at], [last.time, last.point.at]];
    const xLabels = xTicks.map(([time, at]) => [xOf(time), formatDate(at)] as const).filter(([, text], i, all) => !i || text !== all[0]![1]);

    const bandTop = isNumber(high) ? yOf(high) : 0;
    const dots = (abnormal: boolean) =>
      drawn
        .filter((d) => !d.point.flag !== abnormal)
        .map((d) => `M${d.x} ${d.y}h0`)
        .join('');
    const name = labels.chartSummary(drawn.length, formatDate(first.point.at), formatDate(last.point.at));
    // Up to the limit, a circle per result, with a title; past it, zero-length subpaths with round caps
    // and strokes that ignore the stretch draw round dots: one path for all normal results, two for the
    // rings of all abnormal ones.
    const many = drawn.length > TREND_MARKER_LIMIT;

    chart = html`<div class="trend-chart" part="trend-chart">
      ${unit ? html`<div class="trend-unit" aria-hidden="true">${unit}</div>` : nothing}
      <svg class="trend-y" aria-hidden="true" width="${Math.max(...yLabels.map((l) => l.length)) + 1}ch">
        ${yTicks.map((t, i) => svg`<text x="100%" y="${yOf(t)}%" dy=".32em" text-anchor="end">${yLabels[i]}</text>`)}
      </svg>
      <svg part="chart" role="img" aria-label=${rangeText ? `${name} ${labels.range(rangeText)}` : name}>
        <svg viewBox="0 0 100 100" preserveAspectRatio="none">
          ${bounds.length
            ? svg`<rect part="range-band" width="100" y=${bandTop} height=${round((isNumber(low) ? yOf(low) : 100) - bandTop)}></rect>`
            : nothing}
          <path class="trend-grid" d=${yTicks.map((t) => `M0 ${yOf(t)}H100`).join('')}></path>
          <path part="trend-line" d="M${drawn.map((d) => `${d.x} ${d.y}`).join('L')}"></path>
          ${many
            ? svg`<path class="trend-dots" part="point" d=${dots(false)}></path>
                <path class="trend-dots is-abnormal" part="point point-abnormal" d=${dots(true)}></path>
                <path class="trend-dots trend-hole" d=${dots(true)}></path>`
            : nothing}
        </svg>
        ${many
          ? nothing
          : drawn.map((d) => {
              const kind = severity(d.point.flag);
              return svg`<circle class="trend-point ${kind && `is-${kind}`}" part="point${kind && ' point-abnormal'}${kind === 'critical' ? ' point-critical' : ''}"
                cx="${d.x}%" cy="${d.y}%" r=${kind ? 6 : 4}
              ><title>${formatDate(d.point.at)}: ${d.point.text}, ${flagWords(d.point)}</title></circle>`;
            })}
      </svg>
      <svg class="trend-x" aria-hidden="true">
        ${xLabels.map(([x, text]) => svg`<text x="${x}%" y="1.1em" text-anchor=${x < 10 ? 'start' : x > 90 ? 'end' : 'middle'}>${text}</text>`)}
      </svg>
    </div>`;
  }

  return html`<figure class="trend" part="trend">
    ${options.hideTitle && !rangeText
      ? nothing
      : html`<figcaption>
          ${options.hideTitle ? nothing : html`<span class="trend-title" part="trend-title">${title}</span>`}
          ${rangeText ? html`<span class="trend-legend"><span class="trend-swatch"></span>${labels.range(rangeText)}</span>` : nothing}
        </figcaption>`}
    ${chart}
    <table part="trend-table">
      <caption>${title}</caption>
      <thead>
        <tr><th scope="col">${labels.date}</th><th scope="col">${labels.value}</th>${flagged ? html`<th scope="col">${labels.flag}</th>` : nothing}</tr>
      </thead>
      <tbody>
        ${rows.map(
          ({ point }) => html`<tr part="trend-row${point.flag ? ' trend-row-abnormal' : ''}">
            <th scope="row">${formatDate(point.at)}</th>
            <td>${point.text}</td>
            ${flagged ? html`<td class=${point.flag ? `${severity(point.flag)} flag-${point.flag}` : ''}>${flagWords(point)}</td>` : nothing}
          </tr>`,
        )}
      </tbody>
    </table>
  </figure>`;
}
