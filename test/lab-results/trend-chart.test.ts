import { expect, fixture, html } from '@open-wc/testing';
import { css, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { formatFhirDate } from '../../packages/core/src/format/date.js';
import { themeStyles } from '../../packages/core/src/theme.js';
import type { TrendChartLabels, TrendChartOptions, TrendPoint } from '../../packages/core/src/trend-chart.js';
import { renderTrendChart, TREND_FLAGS, TREND_MARKER_LIMIT, trendChartStyles } from '../../packages/core/src/trend-chart.js';
import { assertNoScriptRan, ATTRIBUTE_PAYLOAD, IMG_PAYLOAD, SCRIPT_PAYLOAD } from '../fixtures/hostile-data.js';

const LABELS: TrendChartLabels = {
  date: 'Date',
  value: 'Result',
  flag: 'Flag',
  range: (text) => `Reference range ${text}.`,
  chartSummary: (count, first, last) => `${count} results from ${first} to ${last}.`,
  normal: 'Normal',
};

/** The element's formatter: precision-aware, and the raw text for what is not a FHIR date. */
const formatDate = (at: string) => formatFhirDate(at, 'en-US') || at;

/**
 * A stand-in for lab-results: the trend in a shadow root with the theme, as the element will render it,
 * on the theme's surface (as a page in the dark palette would be).
 */
class TestTrendHost extends LitElement {
  static override styles = [
    themeStyles,
    trendChartStyles,
    css`
      :host {
        display: block;
        inline-size: 40rem;
        background: var(--_color-surface);
      }
    `,
  ];

  @property({ attribute: false }) options!: TrendChartOptions;

  protected override render() {
    return renderTrendChart(this.options);
  }
}
customElements.define('test-trend-host', TestTrendHost);

declare global {
  interface HTMLElementTagNameMap {
    'test-trend-host': TestTrendHost;
  }
}

const point = (at: string, value: number, flag?: TrendPoint['flag'], flagText?: string): TrendPoint => ({
  id: `obs-${at}-${value}`,
  at,
  value,
  text: `${value} %`,
  flag,
  flagText,
});

/** HbA1c over ten years, given out of order, with a reference range of 4.0–5.6 %. */
const A1C: TrendPoint[] = [
  point('2020-06-15', 6.1, 'high', 'High'),
  point('2015-03-02', 5.4),
  point('2024-11-20', 9.8, 'critical-high', 'Critical high'),
  point('2017-09-08', 5.9, 'high', 'High'),
  point('2025-02-01', 5.2),
];
const A1C_RANGE = { low: 4, high: 5.6, text: '4.0–5.6 %' };

async function render(options: Partial<TrendChartOptions> = {}, attrs: { dir?: string; theme?: string } = {}) {
  const full: TrendChartOptions = { title: 'Hemoglobin A1c', unit: '%', points: A1C, range: A1C_RANGE, formatDate, labels: LABELS, ...options };
  return fixture<TestTrendHost>(html`<test-trend-host .options=${full} dir=${attrs.dir ?? 'ltr'} theme=${attrs.theme ?? 'light'}></test-trend-host>`);
}

const $ = <E extends Element = HTMLElement>(el: TestTrendHost, selector: string) => el.shadowRoot!.querySelector<E>(selector);
const $$ = <E extends Element = HTMLElement>(el: TestTrendHost, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];
const chart = (el: TestTrendHost) => $<SVGSVGElement>(el, 'svg[role="img"]')!;
/** Each body row as [date, value, flag] as a person reads it. */
const tableRows = (el: TestTrendHost) =>
  $$(el, '[part="trend-table"] tbody tr').map((tr) => [...tr.children].map((cell) => cell.textContent!.trim()));
const points = (el: TestTrendHost) => $$<SVGCircleElement>(el, '[part~="point"]');
const centreY = (e: Element) => {
  const box = e.getBoundingClientRect();
  return box.top + box.height / 2;
};
const centreX = (e: Element) => {
  const box = e.getBoundingClientRect();
  return box.left + box.width / 2;
};
/** The circle drawn for the result with that value (values are unique in each test). */
const circleFor = (el: TestTrendHost, value: number) =>
  points(el).find((c) => c.querySelector('title')!.textContent!.includes(`: ${value} %,`))!;
const yLabels = (el: TestTrendHost) => $$(el, '.trend-y text').map((t) => t.textContent!.trim());
const xLabels = (el: TestTrendHost) => $$(el, '.trend-x text').map((t) => t.textContent!.trim());

/** Every attribute of every element in the shadow root that reads NaN, Infinity or undefined. */
function badAttributes(el: TestTrendHost): string[] {
  return $$(el, '*').flatMap((node) =>
    [...node.attributes].filter((a) => /NaN|Infinity|undefined/.test(a.value)).map((a) => `<${node.localName} ${a.name}="${a.value}">`),
  );
}

/** Checks that every drawn mark lies inside the plot and that the chart has no NaN anywhere. */
function expectSaneChart(el: TestTrendHost) {
  expect(badAttributes(el)).to.deep.equal([]);
  const plot = chart(el).getBoundingClientRect();
  expect(plot.width).to.be.greaterThan(100);
  expect(plot.height).to.be.greaterThan(100);
  for (const c of points(el)) {
    expect(centreX(c)).to.be.within(plot.left - 0.5, plot.right + 0.5);
    expect(centreY(c)).to.be.within(plot.top - 0.5, plot.bottom + 0.5);
  }
}

describe('trend chart (lab-results trend view)', () => {
  it('lists every result in a table, newest first, with the date, the value and the flag in words', async () => {
    const el = await render();
    expect($(el, '[part="trend-table"] caption')!.textContent).to.equal('Hemoglobin A1c');
    expect($$(el, 'thead th').map((th) => [th.textContent, th.getAttribute('scope')])).to.deep.equal([
      ['Date', 'col'],
      ['Result', 'col'],
      ['Flag', 'col'],
    ]);
    expect(tableRows(el)).to.deep.equal([
      ['Feb 1, 2025', '5.2 %', 'Normal'],
      ['Nov 20, 2024', '9.8 %', 'Critical high'],
      ['Jun 15, 2020', '6.1 %', 'High'],
      ['Sep 8, 2017', '5.9 %', 'High'],
      ['Mar 2, 2015', '5.4 %', 'Normal'],
    ]);
    // The date is the header of its row.
    expect($$(el, 'tbody th').every((th) => th.getAttribute('scope') === 'row')).to.equal(true);
    expect($$(el, 'tbody tr').map((tr) => tr.getAttribute('part'))).to.deep.equal([
      'trend-row',
      'trend-row trend-row-abnormal',
      'trend-row trend-row-abnormal',
      'trend-row trend-row-abnormal',
      'trend-row',
    ]);
    await expect(el).to.be.accessible();
  });

  it('lists the rows oldest first when asked', async () => {
    const el = await render({ tableOrder: 'oldest-first' });
    expect(tableRows(el).map(([date]) => date)).to.deep.equal(['Mar 2, 2015', 'Sep 8, 2017', 'Jun 15, 2020', 'Nov 20, 2024', 'Feb 1, 2025']);
  });

  it('names the chart image with the summary and the reference range, and captions the figure', async () => {
    const el = await render();
    const svg = chart(el);
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('5 results from Mar 2, 2015 to Feb 1, 2025. Reference range 4.0–5.6 %.');
    const figure = $(el, 'figure[part="trend"]')!;
    expect(figure.querySelector('figcaption')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Hemoglobin A1c Reference range 4.0–5.6 %.',
    );
    // The axes are for eyes only: the name and the table carry the values.
    expect($$(el, '.trend-y, .trend-x').map((s) => s.getAttribute('aria-hidden'))).to.deep.equal(['true', 'true']);
  });

  it('builds the range text from the bounds and the unit when the server gave none', async () => {
    const both = await render({ range: { low: 4, high: 5.6 } });
    expect(chart(both).getAttribute('aria-label')).to.match(/Reference range 4–5\.6 %\.$/);
    const low = await render({ range: { low: 40 }, unit: 'mg/dL' });
    expect(chart(low).getAttribute('aria-label')).to.match(/Reference range ≥ 40 mg\/dL\.$/);
    const high = await render({ range: { high: 130 }, unit: undefined, formatValue: (v) => v.toFixed(1) });
    expect(chart(high).getAttribute('aria-label')).to.match(/Reference range ≤ 130\.0\.$/);
    const none = await render({ range: undefined });
    expect(chart(none).getAttribute('aria-label')).to.equal('5 results from Mar 2, 2015 to Feb 1, 2025.');
    expect($(none, '[part="range-band"]')).to.equal(null);
    expect($(none, 'figcaption')!.textContent!.trim()).to.equal('Hemoglobin A1c');
  });

  it('shades the reference range exactly between the heights of its bounds', async () => {
    // Results exactly at the bounds sit on the band's edges; the bounds are labelled on the value axis.
    const el = await render({ points: [point('2019-01-01', 4), point('2020-01-01', 7.3), point('2021-01-01', 5.6)] });
    const band = $(el, '[part="range-band"]')!.getBoundingClientRect();
    expect(band.bottom).to.be.closeTo(centreY(circleFor(el, 4)), 0.5);
    expect(band.top).to.be.closeTo(centreY(circleFor(el, 5.6)), 0.5);
    expect(band.width).to.be.closeTo(chart(el).getBoundingClientRect().width, 0.5);
    expect(centreY(circleFor(el, 7.3))).to.be.lessThan(band.top - 20);
    const labels = $$(el, '.trend-y text');
    expect(yLabels(el)).to.include.members(['4', '5.6']);
    expect(centreY(labels.find((t) => t.textContent === '5.6')!)).to.be.closeTo(band.top, 1.5);
    expect(centreY(labels.find((t) => t.textContent === '4')!)).to.be.closeTo(band.bottom, 1.5);
    await expect(el).to.be.accessible();
  });

  it('shades from a lone lower bound to the top, and from a lone upper bound to the bottom', async () => {
    const onlyLow = await render({ points: [point('2019-01-01', 40), point('2020-01-01', 55)], range: { low: 40 } });
    const plot = chart(onlyLow).getBoundingClientRect();
    let band = $(onlyLow, '[part="range-band"]')!.getBoundingClientRect();
    expect(band.bottom).to.be.closeTo(centreY(circleFor(onlyLow, 40)), 0.5);
    expect(band.top).to.be.closeTo(plot.top, 0.5);
    expectSaneChart(onlyLow);

    const onlyHigh = await render({ points: [point('2019-01-01', 130), point('2020-01-01', 95)], range: { high: 130 } });
    band = $(onlyHigh, '[part="range-band"]')!.getBoundingClientRect();
    expect(band.top).to.be.closeTo(centreY(circleFor(onlyHigh, 130)), 0.5);
    expect(band.bottom).to.be.closeTo(chart(onlyHigh).getBoundingClientRect().bottom, 0.5);
    expectSaneChart(onlyHigh);
  });

  it('labels the value axis with 3 to 5 evenly spaced round numbers that cover the values', async () => {
    const el = await render({ range: undefined, points: [point('2019-01-01', 3.2), point('2020-01-01', 11.7), point('2021-01-01', 7)] });
    const ticks = yLabels(el).map(Number);
    expect(ticks.length).to.be.within(3, 5);
    const step = ticks[1]! - ticks[0]!;
    expect(ticks.every((t, i) => Math.abs(t - (ticks[0]! + i * step)) < 1e-9)).to.equal(true, ticks.join());
    expect([1, 2, 2.5, 5]).to.include(step / 10 ** Math.floor(Math.log10(step)));
    expect(ticks[0]).to.be.at.most(3.2);
    expect(ticks[ticks.length - 1]).to.be.at.least(11.7);
    // Each label sits on the height of its value: the highest value lies between the top two labels.
    const plot = chart(el).getBoundingClientRect();
    const y = (v: number) => plot.top + ((ticks[ticks.length - 1]! - v) / (ticks[ticks.length - 1]! - ticks[0]!)) * plot.height;
    expect(centreY(circleFor(el, 11.7))).to.be.closeTo(y(11.7), 0.5);
    expect(centreY(circleFor(el, 3.2))).to.be.closeTo(y(3.2), 0.5);
  });

  it('labels the time axis with whole years over a decade and with months over a few months', async () => {
    const decade = await render();
    expect(xLabels(decade)).to.deep.equal(['2020', '2025']);
    const months = await render({ points: [point('2024-02-03', 5), point('2024-04-20', 6), point('2024-06-28', 5.5)] });
    expect(xLabels(months)).to.deep.equal(['Mar 2024', 'Apr 2024', 'May 2024', 'Jun 2024']);
    // Each label sits under its moment: April 1 lies between the first two results.
    const [, april] = $$(months, '.trend-x text');
    expect(centreX(april!)).to.be.within(centreX(circleFor(months, 5)), centreX(circleFor(months, 6)));
    const days = await render({ points: [point('2024-02-03T08:00:00Z', 5), point('2024-02-05T08:00:00Z', 6)] });
    expect(xLabels(days)).to.deep.equal(['Feb 3, 2024', 'Feb 5, 2024']);
  });

  it('draws abnormal results as larger hollow rings, not by colour alone', async () => {
    const el = await render();
    const normal = circleFor(el, 5.4);
    const high = circleFor(el, 6.1);
    const critical = circleFor(el, 9.8);
    expect(normal.getAttribute('part')).to.equal('point');
    expect(high.getAttribute('part')).to.equal('point point-abnormal');
    expect(critical.getAttribute('part')).to.equal('point point-abnormal point-critical');
    const style = (c: Element) => getComputedStyle(c);
    // Bigger…
    expect(high.getBoundingClientRect().width).to.be.greaterThan(normal.getBoundingClientRect().width + 3);
    // …and a ring: filled with the background, with a thick outline, where a normal point is a filled dot.
    const surface = getComputedStyle(el.shadowRoot!.querySelector('figure')!).getPropertyValue('--_color-surface').trim();
    expect(surface).to.equal('#ffffff');
    expect(style(high).fill).to.equal('rgb(255, 255, 255)');
    expect(style(critical).fill).to.equal('rgb(255, 255, 255)');
    expect(style(normal).fill).to.not.equal('rgb(255, 255, 255)');
    expect(parseFloat(style(high).strokeWidth)).to.be.at.least(3);
    expect(style(critical).stroke).to.not.equal(style(high).stroke);
    // Each point names its date, value and flag for a mouse user.
    expect(high.querySelector('title')!.textContent).to.equal('Jun 15, 2020: 6.1 %, High');
    expect(normal.querySelector('title')!.textContent).to.equal('Mar 2, 2015: 5.4 %, Normal');
  });

  it('rings every abnormal flag, and names a flag without words by its code rather than as normal', async () => {
    const el = await render({
      range: undefined,
      points: TREND_FLAGS.map((flag, i) => point(`201${i}-01-01`, i + 1, flag)),
    });
    expect(points(el).map((c) => c.getAttribute('part'))).to.deep.equal([
      'point point-abnormal',
      'point point-abnormal',
      'point point-abnormal point-critical',
      'point point-abnormal point-critical',
      'point point-abnormal',
    ]);
    expect(tableRows(el).map(([, , flag]) => flag)).to.deep.equal(['abnormal', 'critical-low', 'critical-high', 'low', 'high']);
  });

  it('draws the line through the results in time order', async () => {
    const el = await render();
    const line = $<SVGPathElement>(el, '[part="trend-line"]')!;
    const xs = [...line.getAttribute('d')!.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    expect(xs).to.have.length(5);
    expect(xs).to.deep.equal([...xs].sort((a, b) => a - b));
    expect(xs[0]).to.equal(0);
    expect(xs[4]).to.equal(100);
    const circles = points(el).map(centreX);
    expect(circles).to.deep.equal([...circles].sort((a, b) => a - b));
  });

  it('scales to the container width without stretching text or markers', async () => {
    const el = await render();
    const wide = chart(el).getBoundingClientRect().width;
    el.style.inlineSize = '22rem';
    const narrow = chart(el).getBoundingClientRect().width;
    expect(narrow).to.be.lessThan(wide - 200);
    expect(chart(el).hasAttribute('width')).to.equal(false);
    // Only the plot's own SVG stretches (and its strokes do not): text and circles are outside it.
    const stretched = $$(el, 'svg[viewBox]');
    expect(stretched.map((s) => s.getAttribute('preserveAspectRatio'))).to.deep.equal(['none']);
    expect(stretched[0]!.querySelectorAll('text, circle')).to.have.length(0);
    expect(getComputedStyle($(el, '[part="trend-line"]')!).vectorEffect).to.equal('non-scaling-stroke');
    const box = circleFor(el, 6.1).getBoundingClientRect();
    expect(box.width).to.be.closeTo(box.height, 0.01);
    // The first and last results still sit at the plot's edges.
    const plot = chart(el).getBoundingClientRect();
    expect(centreX(circleFor(el, 5.4))).to.be.closeTo(plot.left, 0.5);
    expect(centreX(circleFor(el, 5.2))).to.be.closeTo(plot.right, 0.5);
  });

  it('leaves the title to the page’s own heading when asked, keeping the legend and the table caption', async () => {
    const el = await render({ hideTitle: true });
    expect(!!$(el, '[part="trend-title"]')).to.equal(false);
    expect($(el, 'figcaption')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Reference range 4.0–5.6 %.');
    expect($(el, '[part="trend-table"] caption')!.textContent).to.equal('Hemoglobin A1c');
    const bare = await render({ hideTitle: true, range: undefined });
    expect(!!$(bare, 'figcaption')).to.equal(false);
  });

  it('keeps the unit clear of the top value label, and the end markers inside the figure on a phone', async () => {
    const el = await render({ unit: 'mg/dL' });
    el.style.inlineSize = '380px';
    const unit = $(el, '.trend-unit')!.getBoundingClientRect();
    const top = $$(el, '.trend-y text')
      .map((t) => t.getBoundingClientRect())
      .sort((a, b) => a.top - b.top)[0]!;
    expect(unit.bottom <= top.top, `unit ends at ${unit.bottom}, top label starts at ${top.top}`).to.equal(true);
    const figure = $(el, 'figure')!.getBoundingClientRect();
    for (const circle of points(el)) {
      const box = circle.getBoundingClientRect();
      expect(box.left >= figure.left && box.right <= figure.right, `marker ${box.left}–${box.right} in ${figure.left}–${figure.right}`).to.equal(true);
    }
    const labels = $$(el, '.trend-x text').map((t) => t.getBoundingClientRect());
    for (const box of labels) expect(box.left >= figure.left - 0.5 && box.right <= figure.right + 0.5, `time label ${box.left}–${box.right}`).to.equal(true);
  });

  for (const [name, options] of Object.entries<Partial<TrendChartOptions>>({
    'one result': { points: [point('2021-05-04', 5.1)] },
    'one result without a range': { points: [point('2021-05-04', 5.1)], range: undefined },
    'two results': { points: [point('2021-05-04', 5.1), point('2022-05-04', 5.9, 'high', 'High')] },
    'equal values': { points: [point('2021-05-04', 5), point('2022-05-04', 5), point('2023-05-04', 5)], range: undefined },
    'equal zeros': { points: [point('2021-05-04', 0), point('2022-05-04', 0)], range: undefined },
    'equal values at a lone bound': { points: [point('2021-05-04', 5), point('2022-05-04', 5)], range: { low: 5 } },
    'the same moment twice': { points: [point('2021-05-04T10:00:00Z', 5), point('2021-05-04T10:00:00Z', 6)] },
    'values far outside the range': { points: [point('2021-05-04', 5), point('2022-05-04', 4800, 'critical-high'), point('2023-05-04', -12, 'critical-low')] },
    'negative and tiny values': { points: [point('2021-05-04', -0.003), point('2022-05-04', 0.0041)], range: { low: -0.001, high: 0.002 } },
    'a range without text': { range: { low: 4 } },
    'a bound that is not a number': { range: { low: NaN, high: 5.6 } },
    'an inverted range': { range: { low: 5.6, high: 4 } },
    'partial dates': { points: [point('2019', 5), point('2020-03', 6), point('2021-07-04T09:00:00+02:00', 7)] },
  })) {
    it(`renders sensibly with ${name}`, async () => {
      const el = await render(options);
      expectSaneChart(el);
      expect(tableRows(el)).to.have.length(options.points?.length ?? A1C.length);
      expect(chart(el).getAttribute('aria-label')).to.match(/^\d+ results from \S.* to \S.*\./);
    });
  }

  it('draws one result in the middle, without a line', async () => {
    const el = await render({ points: [point('2021-05-04', 5.1)] });
    const plot = chart(el).getBoundingClientRect();
    expect(centreX(points(el)[0]!)).to.be.closeTo(plot.left + plot.width / 2, 0.5);
    expect(xLabels(el)).to.deep.equal(['May 4, 2021']);
    expect(chart(el).getAttribute('aria-label')).to.equal('1 results from May 4, 2021 to May 4, 2021. Reference range 4.0–5.6 %.');
    expect($<SVGPathElement>(el, '[part="trend-line"]')!.getTotalLength()).to.equal(0);
  });

  it('lists results without a readable date or value in the table, and draws only the others', async () => {
    const el = await render({
      points: [point('2021-05-04', 5.1), point('not a date', 5.5), point('2022-05-04', NaN), point('2023-05-04', 6.2, 'high', 'High')],
    });
    expect(badAttributes(el)).to.deep.equal([]);
    expect(points(el)).to.have.length(2);
    expect(chart(el).getAttribute('aria-label')).to.match(/^2 results from May 4, 2021 to May 4, 2023\./);
    expect(tableRows(el).map(([date]) => date)).to.deep.equal(['May 4, 2023', 'May 4, 2022', 'May 4, 2021', 'not a date']);
  });

  it('shows only the table when no result can be drawn', async () => {
    const el = await render({ points: [] });
    expect($(el, 'svg')).to.equal(null);
    expect(tableRows(el)).to.deep.equal([]);
    expect($(el, 'figcaption')!.textContent).to.contain('Hemoglobin A1c');
    await expect(el).to.be.accessible();
  });

  it(`keeps the DOM small past ${TREND_MARKER_LIMIT} results: one path per kind of marker, every value in the table`, async () => {
    const start = Date.UTC(2015, 0, 1);
    const many = Array.from({ length: 520 }, (_, i) => {
      const value = Math.round((100 + 60 * Math.sin(i / 15)) * 10) / 10;
      return { ...point(new Date(start + i * 7 * 864e5).toISOString(), value, value > 150 ? 'high' : undefined), text: `${value} mg/dL` };
    });
    const el = await render({ points: many, range: { high: 150 }, unit: 'mg/dL' });
    expectSaneChart(el);
    expect(chart(el).querySelectorAll('*').length).to.be.at.most(12);
    expect($$(el, 'circle')).to.have.length(0);
    const line = $(el, '[part="trend-line"]')!.getAttribute('d')!;
    expect(line.match(/[ML]/g)).to.have.length(520);
    const dots = $(el, '.trend-dots[part="point"]')!.getAttribute('d')!;
    const rings = $(el, '[part="point point-abnormal"]')!.getAttribute('d')!;
    const abnormal = many.filter((p) => p.flag).length;
    expect(abnormal).to.be.greaterThan(50);
    expect(rings.match(/M/g)).to.have.length(abnormal);
    expect(dots.match(/M/g)).to.have.length(520 - abnormal);
    // Rings are wider than dots, so they still read as another shape.
    const ringStyle = getComputedStyle($(el, '[part="point point-abnormal"]')!);
    expect(parseFloat(ringStyle.strokeWidth)).to.be.greaterThan(parseFloat(getComputedStyle($(el, '.trend-dots')!).strokeWidth));
    expect(getComputedStyle($(el, '.trend-dots')!).strokeLinecap).to.equal('round');
    expect(tableRows(el)).to.have.length(520);
    expect(tableRows(el)[0]).to.deep.equal([formatDate(many[519]!.at), many[519]!.text, many[519]!.flag ? 'high' : 'Normal']);
    await expect(el).to.be.accessible();
  });

  it(`draws a circle with a title for each of up to ${TREND_MARKER_LIMIT} results`, async () => {
    const start = Date.UTC(2015, 0, 1);
    const el = await render({
      points: Array.from({ length: TREND_MARKER_LIMIT }, (_, i) => point(new Date(start + i * 864e5).toISOString(), 5 + (i % 7) / 10)),
    });
    expect($$(el, 'circle > title')).to.have.length(TREND_MARKER_LIMIT);
    expect($(el, '.trend-dots')).to.equal(null);
  });

  it('shows hostile text as text and runs nothing', async () => {
    const el = await render({
      title: IMG_PAYLOAD,
      unit: SCRIPT_PAYLOAD,
      range: { low: 1, text: ATTRIBUTE_PAYLOAD },
      labels: { ...LABELS, normal: SCRIPT_PAYLOAD },
      points: [
        { id: 'a', at: '2020-01-01', value: 2, text: IMG_PAYLOAD, flag: 'high', flagText: ATTRIBUTE_PAYLOAD },
        { id: 'b', at: IMG_PAYLOAD, value: 3, text: SCRIPT_PAYLOAD },
        { id: 'c', at: '2021-01-01', value: 4, text: ATTRIBUTE_PAYLOAD },
      ],
    });
    expect($$(el, 'img, script')).to.have.length(0);
    expect($(el, 'figcaption .trend-title')!.textContent).to.equal(IMG_PAYLOAD);
    expect($(el, '.trend-unit')!.textContent).to.equal(SCRIPT_PAYLOAD);
    expect(tableRows(el)).to.deep.equal([
      ['Jan 1, 2021', ATTRIBUTE_PAYLOAD, SCRIPT_PAYLOAD],
      ['Jan 1, 2020', IMG_PAYLOAD, ATTRIBUTE_PAYLOAD],
      [IMG_PAYLOAD, SCRIPT_PAYLOAD, SCRIPT_PAYLOAD],
    ]);
    expect(points(el)[0]!.querySelector('title')!.textContent).to.equal(`Jan 1, 2020: ${IMG_PAYLOAD}, ${ATTRIBUTE_PAYLOAD}`);
    expect(chart(el).getAttribute('aria-label')).to.equal(`2 results from Jan 1, 2020 to Jan 1, 2021. Reference range ${ATTRIBUTE_PAYLOAD}.`);
    expect($$(el, '[onfocus], [onerror], [autofocus]')).to.have.length(0);
    assertNoScriptRan();
  });

  it('takes its colours from the theme tokens, dark palette included', async () => {
    const light = await render();
    expect(getComputedStyle($(light, '[part="trend-line"]')!).stroke).to.equal('rgb(11, 92, 173)');
    const dark = await render({}, { theme: 'dark' });
    expect(getComputedStyle($(dark, '[part="trend-line"]')!).stroke).to.equal('rgb(138, 184, 255)');
    expect(getComputedStyle(circleFor(dark, 6.1)).fill).to.equal('rgb(21, 24, 28)');
    // An abnormal point's ring is the flag scale's colour (core's --portico-flag-abnormal, dark #d0a8ff), as flags are everywhere.
    expect(getComputedStyle(circleFor(dark, 6.1)).stroke).to.equal('rgb(208, 168, 255)');
    expect(getComputedStyle($(dark, 'figure')!).color).to.equal('rgb(233, 236, 239)');
    await expect(dark).to.be.accessible();
  });

  it('outlines the band in system colours under forced colours', async () => {
    // The test browser (Puppeteer) cannot emulate forced-colors, so check the rules it would apply.
    // Lines and points need none: they read theme tokens, which are system colours there (Chromium
    // does not force SVG fill and stroke), which the theme's own tests check.
    const el = await render();
    const forced = [...el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])].find(
      (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active') && rule.cssText.includes('range-band'),
    )!;
    const band = $(el, '[part="range-band"]')!;
    const rule = [...forced.cssRules].find((r): r is CSSStyleRule => r instanceof CSSStyleRule && band.matches(r.selectorText))!;
    expect(rule.style.getPropertyValue('fill')).to.equal('none');
    expect(rule.style.getPropertyValue('stroke')).to.equal('canvastext');
    expect(rule.style.getPropertyValue('stroke-dasharray')).to.not.equal('');
    expect(rule.style.getPropertyValue('forced-color-adjust')).to.equal('none');
    const swatch = $(el, '.trend-swatch')!;
    expect(swatch.matches(rule.selectorText)).to.equal(true);
    expect(parseFloat(getComputedStyle(swatch).borderTopWidth)).to.be.greaterThan(0);
  });

  it('keeps time left to right in right-to-left text, while the caption and table follow the page', async () => {
    const el = await render({}, { dir: 'rtl' });
    expect(getComputedStyle($(el, 'table')!).direction).to.equal('rtl');
    expect(getComputedStyle($(el, '[part="trend-chart"]')!).direction).to.equal('ltr');
    expect(centreX(circleFor(el, 5.4))).to.be.lessThan(centreX(circleFor(el, 5.2)));
    // The value axis sits left of the plot.
    expect($(el, '.trend-y')!.getBoundingClientRect().right).to.be.at.most(chart(el).getBoundingClientRect().left);
    await expect(el).to.be.accessible();
  });
});
