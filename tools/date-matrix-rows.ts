/**
 * The instants where calendars break, for the date matrix (tools/date-matrix.ts) and the seed's own
 * "any now" test: a Saturday evening, 24 December, 31 December at 23:30, the days either side of the US
 * and EU daylight-saving changes, and 29 February, each in the clinic's zone or a viewer's zone far from it.
 * Instants are the next such dates from `from`, so they stay in the future.
 */

const CLINIC_ZONE = 'America/New_York';

export interface Row {
  name: string;
  /** The pinned instant (ISO). */
  now: string;
  /** The viewer's (and every process's) time zone. */
  zone: string;
  /** Also run the booking e2e (a production build of the demo site, a real sign-in): the slowest part. */
  e2e: boolean;
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
  const usChange = nextOffsetChange(from, CLINIC_ZONE);
  const euChange = nextOffsetChange(from, 'Europe/Berlin');
  return [
    { name: 'saturday-evening', now: zoned(saturday, 19, 30, CLINIC_ZONE), zone: CLINIC_ZONE, e2e: true },
    { name: 'christmas-eve', now: zoned(nextMonthDay(from, 12, 24), 10, 0, CLINIC_ZONE), zone: 'Pacific/Auckland', e2e: false },
    { name: 'new-years-eve', now: zoned(nextMonthDay(from, 12, 31), 23, 30, CLINIC_ZONE), zone: CLINIC_ZONE, e2e: true },
    { name: 'before-us-dst-change', now: zoned(dateIn(usChange, CLINIC_ZONE, -1), 12, 0, CLINIC_ZONE), zone: CLINIC_ZONE, e2e: false },
    { name: 'after-us-dst-change', now: zoned(dateIn(usChange, CLINIC_ZONE, 1), 12, 0, CLINIC_ZONE), zone: 'Asia/Kolkata', e2e: true },
    { name: 'before-eu-dst-change', now: zoned(dateIn(euChange, 'Europe/Berlin', -1), 18, 0, 'Europe/Berlin'), zone: 'Europe/Berlin', e2e: false },
    { name: 'after-eu-dst-change', now: zoned(dateIn(euChange, 'Europe/Berlin', 1), 9, 0, 'Europe/Berlin'), zone: 'Europe/Berlin', e2e: false },
    { name: 'leap-day', now: zoned(nextMonthDay(from, 2, 29), 9, 0, CLINIC_ZONE), zone: 'Pacific/Auckland', e2e: true },
  ];
}
