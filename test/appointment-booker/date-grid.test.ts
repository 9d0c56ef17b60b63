import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { themeStyles } from '../../packages/core/src/theme.js';
import type { DateGridLabels, IsoDay } from '../../packages/appointment-booker/src/date-grid/date-grid.js';
import { DateGridController } from '../../packages/appointment-booker/src/date-grid/date-grid.js';
import { dateGridStyles } from '../../packages/appointment-booker/src/date-grid/date-grid.styles.js';
import { animationsDone } from '../helpers/element.js';

const LABELS: DateGridLabels = {
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  openTimes: (n) => (n === 1 ? '1 open time' : `${n} open times`),
  noOpenTimes: 'no open times',
};

/** A stand-in for appointment-booker: the calendar in a shadow root, recording what it is told. */
class TestDateGridHost extends LitElement {
  static override styles = [
    themeStyles,
    dateGridStyles,
    css`
      :host {
        display: block;
        inline-size: 24rem;
      }
    `,
  ];

  selections: IsoDay[] = [];
  months: IsoDay[] = [];

  readonly grid = new DateGridController(this, {
    locale: () => this.locale,
    min: () => this.min,
    max: () => this.max,
    counts: () => this.counts,
    selected: () => this.selected,
    onSelect: (day) => {
      this.selections.push(day);
      this.selected = day;
    },
    onMonthChange: (firstDay) => this.months.push(firstDay),
    labels: () => LABELS,
    today: () => this.today,
  });

  @property() locale = 'en-US';
  @property() min: IsoDay = '2026-11-05';
  @property() max: IsoDay = '2027-01-20';
  @property() today: IsoDay = '2026-11-10';
  @property() selected?: IsoDay;
  @property({ attribute: false }) counts: ReadonlyMap<IsoDay, number> = new Map([
    ['2026-11-10', 1],
    ['2026-11-12', 0],
    ['2026-11-25', 6],
  ]);

  protected override render() {
    return this.grid.render();
  }
}
customElements.define('test-date-grid-host', TestDateGridHost);

declare global {
  interface HTMLElementTagNameMap {
    'test-date-grid-host': TestDateGridHost;
  }
}

const day = (el: TestDateGridHost, iso: IsoDay) => el.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-day="${iso}"]`)!;
const part = (el: TestDateGridHost, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;
const heading = (el: TestDateGridHost) => part(el, 'calendar-heading').textContent!.trim();
const focusedDay = (el: TestDateGridHost) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.day;
const tabStops = (el: TestDateGridHost) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="grid"] [tabindex="0"]')].map((b) => b.dataset.day);
const columnHeaders = (el: TestDateGridHost) => [...el.shadowRoot!.querySelectorAll('th')].map((th) => [th.textContent!.trim(), th.abbr]);
/** The first week row as day-of-month numbers, '' for an empty cell. */
const firstRow = (el: TestDateGridHost) => [...el.shadowRoot!.querySelectorAll('tbody tr:first-child td')].map((td) => td.textContent!.trim());

/** Presses a key, or 'Shift+Key' with Shift held down. */
async function press(el: TestDateGridHost, key: string) {
  const [modifier, name] = key.includes('+') ? key.split('+') : [undefined, key];
  if (modifier) await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: name! });
  } finally {
    if (modifier) await sendKeys({ up: modifier });
  }
  await el.updateComplete;
}

/** Puts focus on the roving day, as a keyboard user tabbing in would. */
async function focusGrid(el: TestDateGridHost) {
  el.grid.focusActiveDay();
  await el.updateComplete;
}

/** Presses `key` and checks that focus, the only tab stop and the active day all moved to `expected`. */
async function expectMove(el: TestDateGridHost, key: string, expected: IsoDay) {
  await press(el, key);
  expect(focusedDay(el), `focus after ${key}`).to.equal(expected);
  expect(tabStops(el), `tab stops after ${key}`).to.deep.equal([expected]);
  expect(el.grid.activeDay).to.equal(expected);
}

describe('date grid (appointment-booker calendar)', () => {
  it('names the visible month in a polite live heading that labels the grid', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host></test-date-grid-host>`);
    const title = part(el, 'calendar-heading');
    expect(heading(el)).to.equal('November 2026');
    expect(title.getAttribute('role')).to.equal('heading');
    expect(title.getAttribute('aria-level')).to.equal('3');
    expect(title.getAttribute('aria-live')).to.equal('polite');
    const grid = el.shadowRoot!.querySelector('table')!;
    expect(grid.getAttribute('role')).to.equal('grid');
    expect(el.shadowRoot!.getElementById(grid.getAttribute('aria-labelledby')!)).to.equal(title);
    expect(el.grid.visibleMonth).to.equal('2026-11-01');
    await animationsDone();
    await expect(el).to.be.accessible();

    el.locale = 'es';
    await el.updateComplete;
    expect(heading(el)).to.equal('noviembre de 2026');
  });

  it("marks today with an underline, not a border or outline that reads as a second focus ring", async () => {
    // Today is fixed here: in the booker, today may sit in a month the calendar cannot show (31 December at night).
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host today="2026-11-12"></test-date-grid-host>`);
    const today = day(el, '2026-11-12');
    expect(today.matches('[part~="day-today"]') && !today.matches('[part~="day-selected"]')).to.equal(true);
    const style = getComputedStyle(today);
    expect(style.borderTopColor).to.equal('rgba(0, 0, 0, 0)');
    expect(style.outlineStyle).to.equal('none');
    expect(style.textDecorationLine).to.equal('underline');
  });

  it('names each day by its full date and its open times, and marks today and unavailable days', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host></test-date-grid-host>`);
    expect(day(el, '2026-11-25').getAttribute('aria-label')).to.equal('Wednesday, November 25, 2026, 6 open times');
    expect(day(el, '2026-11-10').getAttribute('aria-label')).to.equal('Tuesday, November 10, 2026, 1 open time');
    expect(day(el, '2026-11-12').getAttribute('aria-label')).to.equal('Thursday, November 12, 2026, no open times');
    expect(day(el, '2026-11-13').getAttribute('aria-label')).to.equal('Friday, November 13, 2026, no open times');
    expect(day(el, '2026-11-25').textContent!.trim()).to.equal('25');

    const marked = [...el.shadowRoot!.querySelectorAll('[part~="day-marker"]')].map((m) => m.closest('button')!.dataset.day);
    expect(marked).to.deep.equal(['2026-11-10', '2026-11-25']);
    expect([...el.shadowRoot!.querySelectorAll('[part~="day-has-times"]')]).to.have.length(2);

    const current = [...el.shadowRoot!.querySelectorAll('[aria-current]')];
    expect(current).to.deep.equal([day(el, '2026-11-10')]);
    expect(current[0]!.getAttribute('aria-current')).to.equal('date');

    // Before min: shown, disabled, named by the date alone.
    const early = day(el, '2026-11-04');
    expect(early.disabled).to.equal(true);
    expect(early.getAttribute('part')).to.contain('day-unavailable');
    expect(early.getAttribute('aria-label')).to.equal('Wednesday, November 4, 2026');
    expect(day(el, '2026-11-05').disabled).to.equal(false);
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('keeps a single tab stop, on the selected day, reached with Tab after the month buttons', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-11-25"></test-date-grid-host>`);
    expect(tabStops(el)).to.deep.equal(['2026-11-25']);
    const selectedCells = [...el.shadowRoot!.querySelectorAll('[aria-selected="true"]')];
    expect(selectedCells).to.have.length(1);
    expect(selectedCells[0]!.tagName).to.equal('TD');
    expect(selectedCells[0]!.querySelector('button')).to.equal(day(el, '2026-11-25'));
    expect(day(el, '2026-11-25').getAttribute('part')).to.contain('day-selected');

    part(el, 'previous-month-button').focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'next-month-button'));
    await sendKeys({ press: 'Tab' });
    expect(focusedDay(el)).to.equal('2026-11-25');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('puts the tab stop on today without a selection, or on the first selectable day when today is before it', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host></test-date-grid-host>`);
    expect(tabStops(el)).to.deep.equal(['2026-11-10']);
    const later = await fixture<TestDateGridHost>(html`<test-date-grid-host today="2026-10-30"></test-date-grid-host>`);
    expect(tabStops(later)).to.deep.equal(['2026-11-05']);
    expect(heading(later)).to.equal('November 2026');
  });

  it('follows today while nobody has moved it (the clinic’s zone learned after the first drawing), and stays once somebody has', async () => {
    // The patient's clock says 1 December; the clinic, once known, is still on 30 November.
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host today="2026-12-01" min="2026-12-01"></test-date-grid-host>`);
    expect(el.grid.visibleMonth).to.equal('2026-12-01');
    Object.assign(el, { today: '2026-11-30', min: '2026-11-30' });
    await el.updateComplete;
    expect(el.grid.visibleMonth).to.equal('2026-11-01');
    expect(tabStops(el)).to.deep.equal(['2026-11-30']);
    expect(el.months).to.deep.equal(['2026-11-01']);
    // Moved on by the patient: a later change of today leaves the calendar where they put it.
    part(el, 'next-month-button').click();
    await el.updateComplete;
    Object.assign(el, { today: '2026-12-01', min: '2026-12-01' });
    await el.updateComplete;
    Object.assign(el, { today: '2026-11-29', min: '2026-11-29' });
    await el.updateComplete;
    expect(el.grid.visibleMonth).to.equal('2026-12-01');
  });

  it('moves by a day with Left/Right and by a week with Up/Down', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host></test-date-grid-host>`);
    await focusGrid(el);
    expect(focusedDay(el)).to.equal('2026-11-10');
    await expectMove(el, 'ArrowRight', '2026-11-11');
    await expectMove(el, 'ArrowDown', '2026-11-18');
    await expectMove(el, 'ArrowLeft', '2026-11-17');
    await expectMove(el, 'ArrowUp', '2026-11-10');
    expect(el.months).to.deep.equal([]);
    expect(el.selections).to.deep.equal([]);
  });

  it('mirrors Left and Right in right-to-left text', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host dir="rtl" locale="ar"></test-date-grid-host>`);
    await focusGrid(el);
    await expectMove(el, 'ArrowLeft', '2026-11-11');
    await expectMove(el, 'ArrowLeft', '2026-11-12');
    await expectMove(el, 'ArrowRight', '2026-11-11');
    await expectMove(el, 'ArrowDown', '2026-11-18');
    // The chevrons point the way the months go.
    expect(getComputedStyle(el.shadowRoot!.querySelector('.date-grid-chevron')!).transform).to.not.equal('none');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it("goes to the start and end of the week with Home and End, by the locale's week", async () => {
    const us = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-11-25"></test-date-grid-host>`);
    await focusGrid(us);
    await expectMove(us, 'Home', '2026-11-22'); // Sunday
    await expectMove(us, 'End', '2026-11-28'); // Saturday

    const gb = await fixture<TestDateGridHost>(html`<test-date-grid-host locale="en-GB" selected="2026-11-25"></test-date-grid-host>`);
    await focusGrid(gb);
    await expectMove(gb, 'Home', '2026-11-23'); // Monday
    await expectMove(gb, 'End', '2026-11-29'); // Sunday
  });

  it('keeps Home and End within the row as shown, without leaving the month', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host locale="en-GB" selected="2026-12-03"></test-date-grid-host>`);
    await focusGrid(el);
    await expectMove(el, 'Home', '2026-12-01'); // a Tuesday: Monday 30 November is in the previous month
    expect(heading(el)).to.equal('December 2026');
    await expectMove(el, 'ArrowDown', '2026-12-08');
    await expectMove(el, 'ArrowDown', '2026-12-15');
    await expectMove(el, 'ArrowDown', '2026-12-22');
    await expectMove(el, 'ArrowDown', '2026-12-29');
    await expectMove(el, 'End', '2026-12-31'); // a Thursday: the week ends in January
    expect(el.months).to.deep.equal([]);
  });

  it('changes month with PageUp and PageDown, announcing and reporting it, with focus following', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-11-25"></test-date-grid-host>`);
    await focusGrid(el);
    await expectMove(el, 'PageDown', '2026-12-25');
    expect(heading(el)).to.equal('December 2026');
    expect(el.grid.visibleMonth).to.equal('2026-12-01');
    expect(el.months).to.deep.equal(['2026-12-01']);
    await expectMove(el, 'PageUp', '2026-11-25');
    expect(heading(el)).to.equal('November 2026');
    expect(el.months).to.deep.equal(['2026-12-01', '2026-11-01']);
  });

  it('keeps the day of the month, or the last day of a shorter month; Shift moves a year', async () => {
    const el = await fixture<TestDateGridHost>(
      html`<test-date-grid-host min="2026-01-01" max="2028-12-31" selected="2027-01-31"></test-date-grid-host>`,
    );
    await focusGrid(el);
    await expectMove(el, 'PageDown', '2027-02-28');
    await expectMove(el, 'Shift+PageDown', '2028-02-28');
    expect(heading(el)).to.equal('February 2028');
    await expectMove(el, 'Shift+PageUp', '2027-02-28');
    await expectMove(el, 'PageUp', '2027-01-28');
    expect(el.months).to.deep.equal(['2027-02-01', '2028-02-01', '2027-02-01', '2027-01-01']);
  });

  it('crosses into the next and previous month with the arrow keys', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-11-30"></test-date-grid-host>`);
    await focusGrid(el);
    await expectMove(el, 'ArrowRight', '2026-12-01');
    expect(heading(el)).to.equal('December 2026');
    await expectMove(el, 'ArrowUp', '2026-11-24');
    expect(heading(el)).to.equal('November 2026');
    expect(el.months).to.deep.equal(['2026-12-01', '2026-11-01']);
  });

  it('selects with Enter, Space and a click, including days without open times', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-11-25"></test-date-grid-host>`);
    await focusGrid(el);
    await press(el, 'ArrowLeft');
    await press(el, 'Enter');
    expect(el.selections).to.deep.equal(['2026-11-24']);
    expect(day(el, '2026-11-24').closest('td')!.getAttribute('aria-selected')).to.equal('true');
    expect(day(el, '2026-11-25').closest('td')!.hasAttribute('aria-selected')).to.equal(false);
    expect(focusedDay(el)).to.equal('2026-11-24');

    await press(el, 'ArrowDown');
    await press(el, 'Space');
    expect(el.selections).to.deep.equal(['2026-11-24', '2026-12-01']);
    expect(focusedDay(el)).to.equal('2026-12-01');

    await press(el, 'PageUp');
    day(el, '2026-11-12').click();
    await el.updateComplete;
    expect(el.selections).to.deep.equal(['2026-11-24', '2026-12-01', '2026-11-12']);
    expect(tabStops(el)).to.deep.equal(['2026-11-12']);
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('stays within min: earlier days are disabled, keys stop at min and focus stays on it', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-11-05"></test-date-grid-host>`);
    const previous = part(el, 'previous-month-button');
    expect(previous.getAttribute('aria-disabled')).to.equal('true');
    expect(part(el, 'next-month-button').hasAttribute('aria-disabled')).to.equal(false);
    expect(day(el, '2026-11-01').tabIndex).to.equal(-1);
    day(el, '2026-11-04').click();
    expect(el.selections).to.deep.equal([]);

    await focusGrid(el);
    for (const key of ['ArrowLeft', 'ArrowUp', 'Home', 'PageUp', 'Shift+PageUp']) {
      await expectMove(el, key, '2026-11-05');
    }
    expect(heading(el)).to.equal('November 2026');

    previous.focus();
    await press(el, 'Enter');
    expect(heading(el)).to.equal('November 2026');
    expect(el.shadowRoot!.activeElement).to.equal(previous);
    expect(el.months).to.deep.equal([]);
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('stays within max: moves past it land on max', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-12-25"></test-date-grid-host>`);
    await focusGrid(el);
    await expectMove(el, 'PageDown', '2027-01-20');
    expect(heading(el)).to.equal('January 2027');
    expect(part(el, 'next-month-button').getAttribute('aria-disabled')).to.equal('true');
    expect(day(el, '2027-01-21').disabled).to.equal(true);
    for (const key of ['ArrowRight', 'ArrowDown', 'End', 'PageDown', 'Shift+PageDown']) {
      await expectMove(el, key, '2027-01-20');
    }
    expect(el.months).to.deep.equal(['2027-01-01']);
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('changes month with the month buttons, keeping focus on the button', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host></test-date-grid-host>`);
    const next = part(el, 'next-month-button');
    expect(next.getAttribute('aria-label')).to.equal('Next month');
    next.focus();
    await press(el, 'Enter');
    expect(heading(el)).to.equal('December 2026');
    expect(tabStops(el)).to.deep.equal(['2026-12-10']);
    expect(el.shadowRoot!.activeElement).to.equal(next);
    await press(el, 'Enter');
    expect(heading(el)).to.equal('January 2027');
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    await press(el, 'Enter');
    expect(heading(el)).to.equal('January 2027');
    expect(el.shadowRoot!.activeElement).to.equal(next);
    expect(el.months).to.deep.equal(['2026-12-01', '2027-01-01']);

    part(el, 'previous-month-button').click();
    await el.updateComplete;
    expect(heading(el)).to.equal('December 2026');
    expect(el.months).to.deep.equal(['2026-12-01', '2027-01-01', '2026-12-01']);
  });

  it("starts the week on the locale's first day", async () => {
    const us = await fixture<TestDateGridHost>(html`<test-date-grid-host></test-date-grid-host>`);
    expect(columnHeaders(us)[0]).to.deep.equal(['Sun', 'Sunday']);
    expect(columnHeaders(us)[6]).to.deep.equal(['Sat', 'Saturday']);
    expect(firstRow(us)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7']);

    const gb = await fixture<TestDateGridHost>(html`<test-date-grid-host locale="en-GB"></test-date-grid-host>`);
    expect(columnHeaders(gb).map(([, abbr]) => abbr)).to.deep.equal(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(firstRow(gb)).to.deep.equal(['', '', '', '', '', '', '1']);

    const es = await fixture<TestDateGridHost>(html`<test-date-grid-host locale="es"></test-date-grid-host>`);
    expect(columnHeaders(es)[0]).to.deep.equal(['lun', 'lunes']);
    expect(es.shadowRoot!.querySelector('th')!.scope).to.equal('col');
    expect(day(es, '2026-11-25').getAttribute('aria-label')).to.match(/^miércoles, 25 de noviembre de 2026, /);
  });

  it('falls back to Sunday for en-US and Monday for es where Intl has no week data', async () => {
    const proto = Intl.Locale.prototype;
    const saved = (['getWeekInfo', 'weekInfo'] as const).map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)] as const);
    for (const [name] of saved) Object.defineProperty(proto, name, { value: undefined, configurable: true });
    try {
      const us = await fixture<TestDateGridHost>(html`<test-date-grid-host></test-date-grid-host>`);
      expect(columnHeaders(us)[0]![1]).to.equal('Sunday');
      const es = await fixture<TestDateGridHost>(html`<test-date-grid-host locale="es"></test-date-grid-host>`);
      expect(columnHeaders(es)[0]![1]).to.equal('lunes');
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(proto, name, descriptor);
        else delete (proto as unknown as Record<string, unknown>)[name];
      }
    }
  });

  it('shows the month of a day on request and moves focus there', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host></test-date-grid-host>`);
    el.grid.showMonthOf('2027-01-15');
    expect(el.grid.visibleMonth).to.equal('2027-01-01');
    expect(el.grid.activeDay).to.equal('2027-01-15');
    expect(el.months).to.deep.equal(['2027-01-01']);
    await el.updateComplete;
    expect(heading(el)).to.equal('January 2027');
    expect(focusedDay(el)).to.equal(undefined);
    await focusGrid(el);
    expect(focusedDay(el)).to.equal('2027-01-15');

    el.grid.showMonthOf('2030-06-01');
    expect(el.grid.activeDay).to.equal('2027-01-20');
    el.grid.showMonthOf('not a day');
    expect(el.grid.activeDay).to.equal('2027-01-20');
    el.max = '2026-12-31';
    await el.updateComplete;
    expect(el.grid.activeDay).to.equal('2026-12-31');
    expect(heading(el)).to.equal('December 2026');
  });

  it('gives days a 44px-high target, a dot for open times and a filled selected day', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-11-25"></test-date-grid-host>`);
    const plain = day(el, '2026-11-24');
    const rect = plain.getBoundingClientRect();
    expect(rect.height).to.be.at.least(44);
    expect(rect.width).to.be.at.least(24);
    expect(part(el, 'previous-month-button').getBoundingClientRect().height).to.be.at.least(44);
    const dot = day(el, '2026-11-10').querySelector('[part="day-marker"]')!.getBoundingClientRect();
    expect(dot.width).to.be.at.least(5);
    expect(dot.height).to.be.at.least(5);
    const selected = day(el, '2026-11-25');
    expect(getComputedStyle(selected).backgroundColor).to.not.equal(getComputedStyle(plain).backgroundColor);
  });

  it('draws the selected day in system highlight colours and unavailable days in GrayText under forced colours', async () => {
    // The test browser (Puppeteer) cannot emulate forced-colors, so check that the forced-colours rules
    // reach the rendered days and say what they must.
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host selected="2026-11-25"></test-date-grid-host>`);
    const media = [...dateGridStyles.styleSheet!.cssRules].find(
      (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active'),
    )!;
    const rules = [...media.cssRules] as CSSStyleRule[];
    const ruleFor = (target: Element) => rules.find((rule) => target.matches(rule.selectorText))?.style;
    const selected = ruleFor(day(el, '2026-11-25'))!;
    expect(selected.getPropertyValue('forced-color-adjust')).to.equal('none');
    expect(selected.getPropertyValue('background-color')).to.equal('highlight');
    expect(selected.getPropertyValue('color')).to.equal('highlighttext');
    expect(ruleFor(day(el, '2026-11-04'))!.getPropertyValue('color')).to.equal('graytext');
    expect(ruleFor(day(el, '2026-11-24'))).to.equal(undefined);
    // The dot is a border, which forced colours keep (backgrounds they drop).
    const dot = getComputedStyle(day(el, '2026-11-10').querySelector('[part="day-marker"]')!);
    expect(dot.borderTopStyle).to.equal('solid');
    expect(dot.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
  });

  it('turns off transitions under prefers-reduced-motion', async () => {
    const el = await fixture<TestDateGridHost>(html`<test-date-grid-host style="--portico-transition-duration: 300ms"></test-date-grid-host>`);
    const button = day(el, '2026-11-24');
    expect(getComputedStyle(button).transitionDuration).to.equal('0.3s, 0.3s');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(button).transitionDuration).to.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
