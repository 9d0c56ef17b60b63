import { addDays, dayIn } from '../scheduling/clinic-time.js';
import type { FindOpenTimesOptions, OpenTime } from '../scheduling/open-times.js';

/**
 * How many days the first read of a month covers: the week from the first bookable day shown. The
 * calendar shows a whole month (on a phone as on a desktop), but what a patient needs first is the
 * first open day, chosen for them with its times, and the days around it marked; a week holds every
 * weekday a clinic opens, and one week of one visit type is a fraction of the month's Slots. The
 * rest of the month is read right after and its days are marked as they arrive.
 */
export const FIRST_VIEW_DAYS = 7;

/** Where open times come from: the Slot search, the server's `$find`, or the host's scheduler. */
export interface OpenTimesSource {
  find(options: FindOpenTimesOptions): Promise<{ times: OpenTime[]; truncated: boolean }>;
}

/** The open times of the month shown, as far as they have been read. */
export interface MonthTimes {
  /** Every open time read so far, the days not yet complete included. */
  found: OpenTime[];
  /** The last day whose open times have all been read; the days after it are still coming. */
  through: string;
  /** The open times of each day up to `through`. */
  byDay: Map<string, OpenTime[]>;
  counts: Map<string, number>;
  total: number;
  /** The first open time after the month, when the month has none. */
  next?: OpenTime;
  /** The read of the later days failed (they stay unmarked until the patient tries again). */
  laterFailed?: unknown;
}

/** The bounds a month's open times are counted within. */
export interface MonthBounds {
  zone: string;
  /** The first and last bookable days. */
  firstDay: string;
  lastDay: string;
  /** The first day of the month shown. */
  month: string;
  /** Open times before this instant (ms) need more notice than the clinic allows. */
  earliest: number;
}

/** The last day of the month starting on `month`. */
export function lastDayOfMonth(month: string): string {
  return addDays(addDays(month, 32).slice(0, 8) + '01', -1);
}

/** The instant (ms) a calendar day begins in a time zone. */
export function startOfDayIn(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset at an instant: its wall clock read as UTC, less the instant.
  const offsetAt = (at: number) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(new Date(at))
        .map((p) => [p.type, p.value]),
    );
    return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!) - at;
  };
  const guess = utcMidnight - offsetAt(utcMidnight);
  // Across a change of clocks the offset at the guess can differ from the one at midnight UTC.
  return utcMidnight - offsetAt(guess);
}

/** The last day the first read covers: a week from the first bookable day shown, within the month and the bookable window. */
export function firstViewEnd(bounds: Pick<MonthBounds, 'firstDay' | 'lastDay' | 'month'>): string {
  const start = bounds.firstDay > bounds.month ? bounds.firstDay : bounds.month;
  return [addDays(start, FIRST_VIEW_DAYS - 1), bounds.lastDay, lastDayOfMonth(bounds.month)].sort()[0]!;
}

/** A day and a half: clinic days and UTC days differ, so month searches are padded by this either side. */
export const WINDOW_PAD_MS = 36 * 3_600_000;

/** The bookable days: from the first with enough notice to `days-ahead` days after today, in the clinic's calendar. */
export function bookableDays(now: number, zone: string, minNoticeHours: number, daysAhead: number): { firstDay: string; lastDay: string } {
  const firstDay = dayIn(new Date(now + minNoticeHours * 3_600_000), zone);
  const last = addDays(dayIn(new Date(now), zone), Math.max(1, daysAhead));
  return { firstDay, lastDay: last < firstDay ? firstDay : last };
}

/** How a month's open times are read: the first read's window, and the rest of the month's when that is read after it. */
export interface MonthReads {
  /** Where the month's reads start (ms): the earliest bookable instant, or the padded start of the month. */
  from: number;
  /** Where they end (ms): the padded first day after the month, or after the bookable days. */
  until: number;
  /** The first day after what this month shows, unpadded (ms). */
  boundary: number;
  /** The first read is the whole month (nothing would be left for a second). */
  whole: boolean;
  /** Where the first read ends and the second starts (ms), when it is not the whole month. */
  split: number;
  /** The last day the first read covers. */
  weekEnd: string;
}

/** The reads of the month shown: its first week (`from` to `split`), then the rest (`split` to `until`), or all at once (`whole`). */
export function monthReads(bounds: MonthBounds): MonthReads {
  const { month, firstDay, lastDay, zone, earliest } = bounds;
  const from = Math.max(earliest, Date.parse(`${month}T00:00:00Z`) - WINDOW_PAD_MS);
  const lastOfMonth = lastDayOfMonth(month);
  const boundary = Math.min(Date.parse(`${addDays(lastDay, 1)}T00:00:00Z`), Date.parse(`${addDays(lastOfMonth, 1)}T00:00:00Z`));
  const until = boundary + WINDOW_PAD_MS;
  const weekEnd = firstViewEnd({ firstDay, lastDay, month });
  const split = startOfDayIn(addDays(weekEnd, 1), zone);
  const whole = !(weekEnd < lastDay && weekEnd < lastOfMonth && split > from && split < until);
  return { from, until, boundary, whole, split, weekEnd };
}

/** Sorts `found` into the bookable days of the month up to `through` (the days whose times have all been read). */
export function countByDay(found: readonly OpenTime[], through: string, bounds: MonthBounds): Pick<MonthTimes, 'byDay' | 'counts' | 'total'> {
  const last = [through, bounds.lastDay, lastDayOfMonth(bounds.month)].sort()[0]!;
  const byDay = new Map<string, OpenTime[]>();
  const seen = new Set<string>();
  for (const t of [...found].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const key = t.slot.id ?? `${t.start}|${t.practitioner?.id ?? ''}|${t.location?.id ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const day = dayIn(t.start, t.timeZone ?? bounds.zone);
    if (day < bounds.firstDay || day > last || day < bounds.month || Date.parse(t.start) < bounds.earliest) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), t]);
  }
  const counts = new Map([...byDay].map(([day, list]) => [day, list.length]));
  let total = 0;
  for (const count of counts.values()) total += count;
  return { byDay, counts, total };
}
