/**
 * Dates in the hospital's time zone. Everything in the seed is placed relative to "today" in
 * America/New_York, and instants carry the correct UTC offset for their own date (DST included),
 * computed with Intl rather than a fixed -05:00.
 */

export const CLINIC_TIME_ZONE = 'America/New_York';

/** A calendar date with no time zone (month is 1–12). */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'longOffset',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface ZonedParts extends LocalDate {
  readonly offsetMinutes: number;
}

function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  let year = 0;
  let month = 0;
  let day = 0;
  let offsetMinutes = 0;
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'timeZoneName') offsetMinutes = parseOffset(part.value);
  }
  return { year, month, day, offsetMinutes };
}

/** 'GMT-05:00' → -300; 'GMT' → 0. */
function parseOffset(name: string): number {
  const match = /^GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(name);
  if (!match) throw new Error(`Unexpected time zone name ${name}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** The calendar date of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone = CLINIC_TIME_ZONE): LocalDate {
  const { year, month, day } = zonedParts(instant.getTime(), timeZone);
  return { year, month, day };
}

function toEpochDay(date: LocalDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDay) };
}

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return (toEpochDay(date) % 7 + 7 + 4) % 7; // 1970-01-01 was a Thursday
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** FHIR date: 'YYYY-MM-DD'. */
export function isoDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** 'YYYYMMDD', for readable ids. */
export function compactDate(date: LocalDate): string {
  return `${pad(date.year, 4)}${pad(date.month)}${pad(date.day)}`;
}

/** The UTC offset (minutes east of UTC) in force at a local wall-clock time, worked out from Intl. */
function exactOffsetAt(date: LocalDate, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = zonedParts(wall, timeZone).offsetMinutes;
  const second = zonedParts(wall - first * 60_000, timeZone).offsetMinutes;
  return second;
}

/** Per zone and local date: the one offset in force all day, or null on a day the clocks change. */
const dayOffsets = new Map<string, number | null>();

/**
 * The UTC offset (minutes east of UTC) in force at a local wall-clock time. The seed places thousands of
 * open times: a day whose clocks do not change has one offset, worked out once.
 */
function utcOffsetAt(date: LocalDate, hour: number, minute: number, timeZone = CLINIC_TIME_ZONE): number {
  const key = `${timeZone}|${isoDate(date)}`;
  let whole = dayOffsets.get(key);
  if (whole === undefined) {
    const start = exactOffsetAt(date, 0, 0, timeZone);
    whole = start === exactOffsetAt(date, 23, 59, timeZone) ? start : null;
    dayOffsets.set(key, whole);
  }
  return whole ?? exactOffsetAt(date, hour, minute, timeZone);
}

function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A FHIR instant for a wall-clock time on a local date in the clinic's time zone, written with the
 * offset in force on that date: zonedDateTime(2026-11-23, 8, 0) → '2026-11-23T08:00:00-05:00'.
 * Minutes may exceed 59 (8:00 + 90 min); they roll over into the following hours.
 */
export function zonedDateTime(date: LocalDate, hour: number, minute = 0, timeZone = CLINIC_TIME_ZONE): string {
  const total = hour * 60 + minute;
  const day = addDays(date, Math.floor(total / 1440));
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const offset = utcOffsetAt(day, h, m, timeZone);
  return `${isoDate(day)}T${pad(h)}:${pad(m)}:00${formatOffset(offset)}`;
}

/** The US federal holidays on which the clinics are closed. */
export function isClinicHoliday(date: LocalDate): boolean {
  const { month, day } = date;
  const dow = dayOfWeek(date);
  const nth = Math.ceil(day / 7);
  if (month === 1 && day === 1) return true; // New Year's Day
  if (month === 7 && day === 4) return true; // Independence Day
  if (month === 12 && day === 25) return true; // Christmas Day
  if (month === 1 && dow === 1 && nth === 3) return true; // Martin Luther King Jr. Day
  if (month === 5 && dow === 1 && day + 7 > 31) return true; // Memorial Day (last Monday)
  if (month === 9 && dow === 1 && nth === 1) return true; // Labor Day
  if (month === 11 && dow === 4 && nth === 4) return true; // Thanksgiving
  // Observed on Friday / Monday when the date falls on a weekend.
  for (const [m, d] of [
    [1, 1],
    [7, 4],
    [12, 25],
  ] as const) {
    if (month === m && dow === 5 && day === d - 1) return true;
    if (month === m && dow === 1 && day === d + 1) return true;
  }
  if (month === 12 && day === 31 && dow === 5) return true; // New Year's Day on a Saturday
  return false;
}

/** Whole years between a birth date and a date. */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  let age = on.year - birthDate.year;
  if (on.month < birthDate.month || (on.month === birthDate.month && on.day < birthDate.day)) age--;
  return age;
}

/** The given month and day, `years` before `today`'s year (a birthday, a procedure long ago). */
export function yearsBefore(today: LocalDate, years: number, month: number, day: number): LocalDate {
  return { year: today.year - years, month, day };
}
