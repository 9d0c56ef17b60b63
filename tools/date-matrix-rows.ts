/**
 * The instants where calendars break, for the date matrix (tools/date-matrix.ts) and the seed's own
 * "any now" test, each in the clinic's zone or a viewer's zone far from it:
 * - `saturday-evening`: the clinic closed for the weekend, in the clinic's zone.
 * - `christmas-eve`: 24 December in the afternoon at the clinic, already 00:30 on Christmas Day for a
 *   viewer in Kolkata (a half-hour offset, so the viewer's midnight falls on the clinic's half hour).
 * - `new-years-eve`: 31 December at 23:30, the year ending in the clinic's zone.
 * - `before-dst-changes` and `after-dst-changes`: the US (clinic) and EU (viewer in Berlin) daylight-saving
 *   changes, one to three weeks apart, seen from one side of both. The first pins the day before the
 *   earlier change, so both lie ahead (one tomorrow); the second pins the day after the later change, so
 *   both lie behind (one yesterday). The clinic's and the viewer's calendars each cross a change in both.
 * - `leap-day`: 29 February at the clinic, already 1 March for a viewer in Auckland.
 * The booking e2e (the slowest part) runs on the three rows whose viewer's calendar is not the clinic's
 * or whose year ends: `christmas-eve`, `new-years-eve`, `leap-day`; the browser tests run on all six.
 * Instants are the next such dates from `from`, so they stay in the future.
 */

const CLINIC_ZONE = 'America/New_York';
/** The viewer's zone on the daylight-saving rows: it changes on the EU's day, not the clinic's. */
const EU_ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;

export interface Row {
  name: string;
  /** The pinned instant (ISO). */
  now: string;
  /** The viewer's (and every process's) time zone. */
  zone: string;
  /** Also run the booking e2e (a production build of the demo site, a real sign-in): the slowest part. */
  e2e: boolean;
}

/** A daylight-saving change (epoch ms) in `zone`, and the hours its rows pin there the day before and after. */
interface DstChange {
  at: number;
  zone: string;
  before: number;
  after: number;
}

/** Minutes east of UTC in `zone` at `epochMs`. */
function offsetMinutes(epochMs: number, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(epochMs).find((p) => p.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** The instant of a wall-clock time in `zone` ('2027-03-13', 12, 0 → that noon's UTC instant). */
function zoned(date: string, hour: number, minute: number, zone: string): string {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const first = wall - offsetMinutes(wall, zone) * 60_000;
  return new Date(wall - offsetMinutes(first, zone) * 60_000).toISOString();
}

/** The calendar date in `zone` of an instant, `days` later. */
function dateIn(epochMs: number, zone: string, days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(epochMs + days * 86_400_000);
}

/** The next daylight-saving change in `zone` after `from` (searched hour by hour, then to the minute). */
function nextOffsetChange(from: number, zone: string): number {
  const start = offsetMinutes(from, zone);
  let t = from;
  while (offsetMinutes(t, zone) === start) t += 3_600_000;
  let low = t - 3_600_000;
  while (t - low > 60_000) {
    const mid = Math.floor((low + t) / 2);
    if (offsetMinutes(mid, zone) === start) low = mid;
    else t = mid;
  }
  return t;
}

/** The next date (from tomorrow) with this month and day, in the clinic's calendar. */
function nextMonthDay(from: number, month: number, day: number): string {
  for (let d = 1; d <= 366 * 8; d++) {
    const date = dateIn(from, CLINIC_ZONE, d);
    if (date.endsWith(`-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)) return date;
  }
  throw new Error(`no ${month}/${day} ahead`);
}

export function matrixRows(from = Date.now()): Row[] {
  let saturday = '';
  for (let d = 1; !saturday; d++) {
    const date = dateIn(from, CLINIC_ZONE, d);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === 6) saturday = date;
  }
  // The next US and EU changes of one season (at least two days ahead, so the day before is still to
  // come), each with the wall-clock hours the rows pin in its own zone: the day before, the day after.
  let us = nextOffsetChange(from + 2 * DAY_MS, CLINIC_ZONE);
  let eu = nextOffsetChange(from + 2 * DAY_MS, EU_ZONE);
  while (Math.abs(us - eu) > 5 * 7 * DAY_MS) {
    if (us < eu) us = nextOffsetChange(us + DAY_MS, CLINIC_ZONE);
    else eu = nextOffsetChange(eu + DAY_MS, EU_ZONE);
  }
  const changes: DstChange[] = [
    { at: us, zone: CLINIC_ZONE, before: 12, after: 12 },
    { at: eu, zone: EU_ZONE, before: 18, after: 9 },
  ];
  const [first, second] = changes.sort((a, b) => a.at - b.at) as [DstChange, DstChange];
  return [
    { name: 'saturday-evening', now: zoned(saturday, 19, 30, CLINIC_ZONE), zone: CLINIC_ZONE, e2e: false },
    { name: 'christmas-eve', now: zoned(nextMonthDay(from, 12, 24), 14, 0, CLINIC_ZONE), zone: 'Asia/Kolkata', e2e: true },
    { name: 'new-years-eve', now: zoned(nextMonthDay(from, 12, 31), 23, 30, CLINIC_ZONE), zone: CLINIC_ZONE, e2e: true },
    { name: 'before-dst-changes', now: zoned(dateIn(first.at, first.zone, -1), first.before, 0, first.zone), zone: EU_ZONE, e2e: false },
    { name: 'after-dst-changes', now: zoned(dateIn(second.at, second.zone, 1), second.after, 0, second.zone), zone: EU_ZONE, e2e: false },
    { name: 'leap-day', now: zoned(nextMonthDay(from, 2, 29), 9, 0, CLINIC_ZONE), zone: 'Pacific/Auckland', e2e: true },
  ];
}
