import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { html, nothing } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import type { StateHeadingLevel } from '@portico/core';
import { canonicalLocale, dateTimeFormat } from '@portico/core';

/** A calendar day as 'YYYY-MM-DD' (in the clinic's time zone; the grid does no time-zone math). */
export type IsoDay = string;

export interface DateGridLabels {
  previousMonth: string;
  nextMonth: string;
  /** e.g. (n) => `${n} open times` */
  openTimes: (count: number) => string;
  noOpenTimes: string;
  /** Said of a day whose open times are still being read (see `loadedThrough`), e.g. 'Finding open times…'. */
  loadingTimes?: string;
}

export interface DateGridOptions {
  /** BCP 47, e.g. 'en-US', 'es', 'ar'; an invalid tag falls back to English. */
  locale: () => string;
  /** First selectable day. */
  min: () => IsoDay;
  /** Last selectable day. */
  max: () => IsoDay;
  /** Open times per day; days absent or 0 are shown but marked as having none. */
  counts: () => ReadonlyMap<IsoDay, number>;
  /** The last day whose counts are complete; later days are said to be loading (all are complete when absent). */
  loadedThrough?: () => IsoDay | undefined;
  selected: () => IsoDay | undefined;
  /** Enter/Space/click on a day (also days with 0: the host decides). */
  onSelect: (day: IsoDay) => void;
  /** Visible month changed (so the host can load that month's times); not called for the first month. */
  onMonthChange?: (firstDay: IsoDay) => void;
  labels: () => DateGridLabels;
  /** Today in the clinic's time zone, marked `aria-current="date"`; defaults to the viewer's local date. */
  today?: () => IsoDay;
  /** Level of the month heading, to fit under the host's own headings; defaults to 3. */
  headingLevel?: StateHeadingLevel;
}

const MS_PER_DAY = 86_400_000;
const UTC = { timeZone: 'UTC' } as const;

// Days are handled as whole days since 1970-01-01 (UTC midnights), so adding days is plain arithmetic.
const dayNumber = (iso: IsoDay): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / MS_PER_DAY;
const toDate = (day: number) => new Date(day * MS_PER_DAY);
const isoDay = (day: number): IsoDay => toDate(day).toISOString().slice(0, 10);
const firstOfMonth = (day: number) => day - toDate(day).getUTCDate() + 1;
/** The same day of the month `months` later, or the last day of that month when it is shorter. */
function addMonths(day: number, months: number): number {
  const date = toDate(day);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), length)) / MS_PER_DAY;
}
/** ISO weekday: 1 = Monday … 7 = Sunday. */
const weekday = (day: number) => ((toDate(day).getUTCDay() + 6) % 7) + 1;

// Where Intl has no week data (Firefox, older engines): CLDR's regions whose week starts on Sunday or
// Saturday, for the regions Portico's locales most often maximise to; everyone else starts on Monday.
const SUNDAY_REGIONS = /^(US|CA|MX|BR|CO|PE|VE|JP|KR|CN|TW|HK|PH|IN|IL|SA|ZA)$/;
const SATURDAY_REGIONS = /^(EG|AE|BH|DZ|IQ|JO|KW|LY|OM|QA|SD|SY)$/;

type WeekInfo = { firstDay: number };
type LocaleWithWeekInfo = Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };

/** The ISO weekday (1 = Monday … 7 = Sunday) on which a week starts in `locale`. */
export function firstDayOfWeek(locale: string): number {
  const tag = canonicalLocale(locale) ?? 'en-US';
  const info = new Intl.Locale(tag) as LocaleWithWeekInfo;
  const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay;
  if (firstDay) return firstDay;
  const region = info.maximize().region ?? '';
  return SUNDAY_REGIONS.test(region) ? 7 : SATURDAY_REGIONS.test(region) ? 6 : 1;
}

let grids = 0;

/**
 * A month calendar to pick a day, after the WAI-ARIA APG date picker grid, rendered inline in the
 * host's shadow root (no dialog). Add `dateGridStyles` to the host's `static styles` (after
 * `themeStyles`) and call `render()` where the calendar goes.
 *
 * Keys on a day: arrows ±1 day / ±1 week (Left and Right mirrored in right-to-left text), Home/End
 * the first/last day of the week's row in the visible month, PageUp/PageDown ±1 month (with Shift ±1
 * year), Enter/Space select. Moving into another month shows it (calling `onMonthChange`) and focus
 * follows. Days outside min..max are shown disabled and are skipped: every move is clamped to
 * min..max, so the focused day is always selectable and focus never leaves the grid.
 *
 * Parts: `calendar`, `calendar-header`, `calendar-heading`, `month-button` (with
 * `previous-month-button` / `next-month-button`), `grid`, `weekday`, `day` (with `day-selected`,
 * `day-today`, `day-has-times`, `day-unavailable`), `day-marker`.
 */
export class DateGridController implements ReactiveController {
  private readonly id = `date-grid-${++grids}`;
  private readonly table = createRef<HTMLTableElement>();
  /** The day holding the roving tabindex; set on first use, when the host's properties are known. */
  private active?: number;
  /**
   * The active day is today, as nobody has moved it or chosen one: it follows today when that changes (the
   * booker learns the clinic's time zone from its directory after the calendar is first drawn).
   */
  private onToday = false;
  private focusPending = false;
  /** The selection last seen, so a day chosen by the host (not by moving in the grid) takes the tab stop. */
  private lastSelected?: IsoDay;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: DateGridOptions,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const selected = this.options.selected();
    if (selected !== this.lastSelected) {
      this.lastSelected = selected;
      // A day chosen for the patient (the first open day, a restored draft) holds the tab stop, not today.
      if (selected && this.active !== undefined) {
        this.moveTo(dayNumber(selected), false);
        return;
      }
    }
    // min and max may have changed: keep the active day selectable (today's, while nobody moved it).
    if (this.active !== undefined) this.moveTo(this.onToday && !selected ? this.today() : this.active, false, false);
  }

  hostUpdated(): void {
    if (!this.focusPending) return;
    this.focusPending = false;
    this.table.value?.querySelector<HTMLElement>('button[tabindex="0"]')?.focus();
  }

  private bounds(): [number, number] {
    return [dayNumber(this.options.min()), dayNumber(this.options.max())];
  }

  private clamp(day: number): number {
    const [min, max] = this.bounds();
    return Math.max(min, Math.min(max, day));
  }

  private today(): number {
    const given = this.options.today?.();
    if (given) return dayNumber(given);
    const now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY;
  }

  private current(): number {
    if (this.active === undefined) {
      const selected = this.options.selected();
      const day = selected ? dayNumber(selected) : NaN;
      this.active = this.clamp(Number.isNaN(day) ? this.today() : day);
      this.onToday = Number.isNaN(day);
    }
    return this.active;
  }

  /** Makes `day` (kept within min and max) the active one; `chosen`: by the patient or the host, so it stays. */
  private moveTo(day: number, focus: boolean, chosen = true): void {
    const before = this.current();
    if (chosen) this.onToday = false;
    const after = this.clamp(day);
    if (Number.isNaN(after)) return; // not a 'YYYY-MM-DD' day
    this.focusPending ||= focus;
    if (after !== before) {
      this.active = after;
      this.host.requestUpdate();
      const month = firstOfMonth(after);
      if (month !== firstOfMonth(before)) this.options.onMonthChange?.(isoDay(month));
    } else if (focus) {
      this.host.requestUpdate();
    }
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const from = (event.target as HTMLElement).dataset?.day;
    if (!from || event.altKey || event.ctrlKey || event.metaKey) return;
    const day = dayNumber(from);
    const forward = getComputedStyle(event.target as Element).direction === 'rtl' ? -1 : 1;
    const column = (weekday(day) - firstDayOfWeek(this.options.locale()) + 7) % 7;
    const month = firstOfMonth(day);
    const targets: Record<string, () => number> = {
      ArrowLeft: () => day - forward,
      ArrowRight: () => day + forward,
      ArrowUp: () => day - 7,
      ArrowDown: () => day + 7,
      Home: () => Math.max(day - column, month),
      End: () => Math.min(day + 6 - column, addMonths(month, 1) - 1),
      PageUp: () => addMonths(day, event.shiftKey ? -12 : -1),
      PageDown: () => addMonths(day, event.shiftKey ? 12 : 1),
    };
    const target = targets[event.key];
    if (!target) return;
    event.preventDefault();
    this.moveTo(target(), true);
  };

  private readonly onClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-day]');
    if (!button || button.disabled) return;
    const day = button.dataset.day!;
    this.moveTo(dayNumber(day), false);
    this.options.onSelect(day);
  };

  /** The day holding the roving tabindex (focus target). */
  get activeDay(): IsoDay {
    return isoDay(this.current());
  }

  /** First day of the visible month. */
  get visibleMonth(): IsoDay {
    return isoDay(firstOfMonth(this.current()));
  }

  /** Shows the month of `day` (clamped to min..max) and makes that day the active one. */
  showMonthOf(day: IsoDay): void {
    this.moveTo(dayNumber(day), false);
  }

  /** Moves DOM focus to the active day button once the host has rendered. */
  focusActiveDay(): void {
    this.focusPending = true;
    this.host.requestUpdate();
  }

  private stepMonth(months: number, disabled: boolean): void {
    if (!disabled) this.moveTo(addMonths(this.current(), months), false);
  }

  /** The whole calendar. */
  render(): TemplateResult {
    const { options } = this;
    const locale = options.locale();
    const labels = options.labels();
    const counts = options.counts();
    const loadedThrough = options.loadedThrough?.();
    const selected = options.selected();
    const today = this.today();
    const [min, max] = this.bounds();
    const active = this.current();
    const month = firstOfMonth(active);
    const nextMonth = addMonths(month, 1);
    const firstDay = firstDayOfWeek(locale);
    const noPrevious = month <= firstOfMonth(min);
    const noNext = nextMonth > max;
    const longDate = dateTimeFormat(locale, { ...UTC, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
    const dayOfMonth = dateTimeFormat(locale, { ...UTC, day: 'numeric' });
    const weekdayLong = dateTimeFormat(locale, { ...UTC, weekday: 'long' });
    const weekdayShort = dateTimeFormat(locale, { ...UTC, weekday: 'short' });
    // 1970-01-05 (day 4) was a Monday: day 3 + n is ISO weekday n.
    const weekdays = Array.from({ length: 7 }, (_, i) => toDate(3 + (((firstDay - 1 + i) % 7) + 1)));
    const lead = (weekday(month) - firstDay + 7) % 7;
    const cells = Math.ceil((lead + nextMonth - month) / 7) * 7;
    const rows = Array.from({ length: cells / 7 }, (_, row) =>
      Array.from({ length: 7 }, (_, col) => {
        const day = month - lead + row * 7 + col;
        return day >= month && day < nextMonth ? day : undefined;
      }),
    );

    const renderDay = (day: number | undefined) => {
      if (day === undefined) return html`<td></td>`;
      const iso = isoDay(day);
      const count = counts.get(iso) ?? 0;
      const unavailable = day < min || day > max;
      const loading = !!loadedThrough && iso > loadedThrough && count === 0 && !!labels.loadingTimes;
      const isSelected = iso === selected;
      const isToday = day === today;
      const parts = ['day', isSelected && 'day-selected', isToday && 'day-today', count > 0 && 'day-has-times', unavailable && 'day-unavailable'];
      const name = longDate.format(toDate(day));
      return html`<td aria-selected=${isSelected ? 'true' : nothing}>
        <button
          type="button"
          class="date-grid-day${count > 0 ? ' has-times' : ''}"
          part=${parts.filter(Boolean).join(' ')}
          data-day=${iso}
          tabindex=${day === active ? 0 : -1}
          aria-label=${unavailable ? name : `${name}, ${count > 0 ? labels.openTimes(count) : loading ? labels.loadingTimes : labels.noOpenTimes}`}
          aria-current=${isToday ? 'date' : nothing}
          ?disabled=${unavailable}
        >
          <span>${dayOfMonth.format(toDate(day))}</span>
          ${count > 0 && !unavailable ? html`<span class="date-grid-marker" part="day-marker" aria-hidden="true"></span>` : nothing}
        </button>
      </td>`;
    };

    // Month buttons report aria-disabled instead of disabling, so focus stays on them at min or max.
    return html`<div class="date-grid" part="calendar">
      <div class="date-grid-header" part="calendar-header">
        <button
          type="button"
          class="date-grid-nav"
          part="month-button previous-month-button"
          aria-label=${labels.previousMonth}
          aria-disabled=${noPrevious ? 'true' : nothing}
          @click=${() => this.stepMonth(-1, noPrevious)}
        >
          <span class="date-grid-chevron" aria-hidden="true">‹</span>
        </button>
        <div
          id="${this.id}-heading"
          class="date-grid-heading"
          part="calendar-heading"
          role="heading"
          aria-level=${options.headingLevel ?? 3}
          aria-live="polite"
        >${dateTimeFormat(locale, { ...UTC, month: 'long', year: 'numeric' }).format(toDate(month))}</div>
        <button
          type="button"
          class="date-grid-nav"
          part="month-button next-month-button"
          aria-label=${labels.nextMonth}
          aria-disabled=${noNext ? 'true' : nothing}
          @click=${() => this.stepMonth(1, noNext)}
        >
          <span class="date-grid-chevron" aria-hidden="true">›</span>
        </button>
      </div>
      <table
        role="grid"
        part="grid"
        aria-labelledby="${this.id}-heading"
        ${ref(this.table)}
        @keydown=${this.onKeyDown}
        @click=${this.onClick}
      >
        <thead>
          <tr>
            ${weekdays.map((d) => html`<th scope="col" part="weekday" abbr=${weekdayLong.format(d)}>${weekdayShort.format(d)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => html`<tr>${row.map(renderDay)}</tr>`)}
        </tbody>
      </table>
    </div>`;
  }
}
