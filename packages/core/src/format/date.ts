import { canonicalTimeZone, dateTimeFormat, numberFormat, relativeTimeFormat, viewerTimeZone } from './formatters.js';

/**
 * How much of a FHIR `date` / `dateTime` / `instant` was given. A FHIR date may be a year ('2020'),
 * a month ('2020-05'), a day ('2020-05-01') or a moment with a time and zone
 * ('2020-05-01T10:30:00-04:00'); showing more than was recorded would invent information.
 */
export const DATE_PRECISIONS = ['year', 'month', 'day', 'time'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** How much room a formatted date gets: '3/10/2024', 'Mar 10, 2024' or 'March 10, 2024'. */
export const DATE_STYLES = ['short', 'medium', 'long'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

export interface ParsedFhirDate {
  /**
   * The moment. Values without a time (year, month, day precision) are the UTC midnight that starts
   * that calendar day, so they must be read with UTC getters or formatted with `timeZone: 'UTC'`.
   * A time without a zone (not valid FHIR, but seen in the wild) is read as the viewer's local time.
   */
  date: Date;
  precision: DatePrecision;
}

export interface FhirDateFormatOptions {
  /** IANA time zone in which moments are shown; defaults to the viewer's. Date-only values ignore it. */
  timeZone?: string;
  /** Defaults to 'medium'. */
  style?: DateStyle;
}

export interface FhirDateTimeFormatOptions extends FhirDateFormatOptions {
  /**
   * Whether to name the time zone ('1:30 AM EST'). By default it is named only when `timeZone`
   * differs from the viewer's own, because then the clock time would otherwise mislead.
   */
  showTimeZone?: boolean;
}

export interface TimeFormatOptions {
  timeZone?: string;
  showTimeZone?: boolean;
}

const FHIR_DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/i;

const MS_PER_DAY = 86_400_000;

function utcDate(year: number, month: number, day: number): Date {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function offsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

/**
 * Reads a FHIR date, dateTime or instant. Returns `undefined` for anything that is not one
 * (including impossible dates such as '2021-02-30'); never throws. A `Date` is accepted as a
 * moment with time precision.
 */
export function parseFhirDate(value: string | Date | null | undefined): ParsedFhirDate | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : { date: new Date(value.getTime()), precision: 'time' };
  }
  if (typeof value !== 'string') return undefined;
  const match = FHIR_DATE_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  if (year === 0) return undefined;
  if (mo === undefined) return { date: utcDate(year, 1, 1), precision: 'year' };
  const month = Number(mo);
  if (month < 1 || month > 12) return undefined;
  if (d === undefined) return { date: utcDate(year, month, 1), precision: 'month' };
  const day = Number(d);
  const calendarDay = utcDate(year, month, day);
  if (day < 1 || calendarDay.getUTCMonth() !== month - 1) return undefined;
  if (h === undefined || mi === undefined) return { date: calendarDay, precision: 'day' };

  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = s === undefined ? 0 : Number(s);
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;

  let date: Date;
  if (zone === undefined) {
    date = new Date(0);
    date.setFullYear(year, month - 1, day);
    date.setHours(hours, minutes, seconds, millis);
  } else {
    const offset = offsetMinutes(zone);
    if (offset === undefined) return undefined;
    date = new Date(calendarDay.getTime() + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + millis);
  }
  return Number.isNaN(date.getTime()) ? undefined : { date, precision: 'time' };
}

function monthOption(style: DateStyle): 'numeric' | 'short' | 'long' {
  return style === 'short' ? 'numeric' : style === 'medium' ? 'short' : 'long';
}

function dayOptions(style: DateStyle): Intl.DateTimeFormatOptions {
  return { year: 'numeric', month: monthOption(style), day: 'numeric' };
}

function shouldNameZone(timeZone: string | undefined, showTimeZone: boolean | undefined): boolean {
  if (showTimeZone !== undefined) return showTimeZone;
  const zone = canonicalTimeZone(timeZone);
  return zone !== undefined && zone !== viewerTimeZone();
}

/**
 * Formats a FHIR date at the precision it was recorded: '2020', 'May 2020', 'May 1, 2020'. A
 * date-only value names a calendar day and is never shifted by a time zone; a moment shows the
 * calendar day it falls on in `timeZone` (default: the viewer's). Returns '' for missing or
 * unreadable values.
 */
export function formatFhirDate(
  value: string | Date | null | undefined,
  locale: string | undefined,
  options: FhirDateFormatOptions = {},
): string {
  const parsed = parseFhirDate(value);
  if (!parsed) return '';
  const style = options.style ?? 'medium';
  switch (parsed.precision) {
    case 'year':
      return dateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(parsed.date);
    case 'month':
      return dateTimeFormat(locale, { year: 'numeric', month: monthOption(style), timeZone: 'UTC' }).format(parsed.date);
    case 'day':
      return dateTimeFormat(locale, { ...dayOptions(style), timeZone: 'UTC' }).format(parsed.date);
    case 'time':
      return dateTimeFormat(locale, { ...dayOptions(style), timeZone: options.timeZone }).format(parsed.date);
  }
}

/**
 * Formats a FHIR dateTime with its clock time ('Mar 10, 2024, 1:30 AM'), naming the time zone when
 * it is not the viewer's ('Mar 10, 2024, 7:30 AM GMT+1') or when `showTimeZone` is true. Values
 * without a time are formatted as by {@link formatFhirDate}.
 */
export function formatFhirDateTime(
  value: string | Date | null | undefined,
  locale: string | undefined,
  options: FhirDateTimeFormatOptions = {},
): string {
  const parsed = parseFhirDate(value);
  if (!parsed) return '';
  if (parsed.precision !== 'time') return formatFhirDate(value, locale, options);
  const formatOptions: Intl.DateTimeFormatOptions = {
    ...dayOptions(options.style ?? 'medium'),
    hour: 'numeric',
    minute: '2-digit',
    timeZone: options.timeZone,
  };
  if (shouldNameZone(options.timeZone, options.showTimeZone)) formatOptions.timeZoneName = 'short';
  return dateTimeFormat(locale, formatOptions).format(parsed.date);
}

/** Formats only the clock time of a moment ('1:30 AM'); '' when the value has no time. */
export function formatTime(
  value: string | Date | null | undefined,
  locale: string | undefined,
  options: TimeFormatOptions = {},
): string {
  const parsed = parseFhirDate(value);
  if (!parsed || parsed.precision !== 'time') return '';
  const formatOptions: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZone: options.timeZone };
  if (shouldNameZone(options.timeZone, options.showTimeZone)) formatOptions.timeZoneName = 'short';
  return dateTimeFormat(locale, formatOptions).format(parsed.date);
}

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The calendar day a parsed value names: its own for dates, the one it falls on in `timeZone` for moments. */
function calendarDayOf(parsed: ParsedFhirDate, timeZone: string | undefined): CalendarDay {
  if (parsed.precision !== 'time') {
    return { year: parsed.date.getUTCFullYear(), month: parsed.date.getUTCMonth() + 1, day: parsed.date.getUTCDate() };
  }
  const parts = dateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone,
    numberingSystem: 'latn',
  }).formatToParts(parsed.date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

function dayNumber({ year, month, day }: CalendarDay): number {
  return utcDate(year, month, day).getTime() / MS_PER_DAY;
}

/**
 * Says how far a day is from today in words: 'today', 'tomorrow', 'yesterday', 'in 3 days',
 * 'hace 2 días'. Calendar days are counted in `timeZone` (default: the viewer's). '' when unreadable.
 */
export function formatRelativeDay(
  value: string | Date | null | undefined,
  locale: string | undefined,
  options: { now?: Date; timeZone?: string } = {},
): string {
  const parsed = parseFhirDate(value);
  if (!parsed || parsed.precision === 'year' || parsed.precision === 'month') return '';
  const today = calendarDayOf({ date: options.now ?? new Date(), precision: 'time' }, options.timeZone);
  const days = dayNumber(calendarDayOf(parsed, options.timeZone)) - dayNumber(today);
  return relativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
}

/** A person's age on `now`, in completed years, months and days since birth. */
export interface Age {
  years: number;
  /** Completed months since birth (not the remainder after `years`). */
  months: number;
  /** Days since birth. */
  days: number;
}

/**
 * Computes the age of someone born on `birthDate` (a FHIR date). A birth date of only a year or a
 * month is read as the first day of it. `undefined` when the date is unreadable or in the future.
 */
export function calculateAge(birthDate: string | null | undefined, now: Date = new Date()): Age | undefined {
  const parsed = parseFhirDate(birthDate);
  if (!parsed) return undefined;
  const birth: CalendarDay =
    parsed.precision === 'time'
      ? { year: parsed.date.getFullYear(), month: parsed.date.getMonth() + 1, day: parsed.date.getDate() }
      : calendarDayOf(parsed, 'UTC');
  const today: CalendarDay = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  const days = dayNumber(today) - dayNumber(birth);
  if (days < 0) return undefined;
  const beforeDayOfMonth = today.day < birth.day ? 1 : 0;
  const months = (today.year - birth.year) * 12 + (today.month - birth.month) - beforeDayOfMonth;
  return { years: Math.floor(months / 12), months, days };
}

/**
 * Formats an age from a birth date the way clinicians say it: years from two years old ('42 years',
 * '42 años'), months below that ('8 months'), days for newborns. '' when the date is unreadable.
 */
export function formatAge(birthDate: string | null | undefined, locale: string | undefined, now: Date = new Date()): string {
  const age = calculateAge(birthDate, now);
  if (!age) return '';
  const [amount, unit]: [number, string] =
    age.years >= 2 ? [age.years, 'year'] : age.months >= 1 ? [age.months, 'month'] : [age.days, 'day'];
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}

/** The viewer's calendar date today (`YYYY-MM-DD`), in the page's own time zone. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The calendar date `days` after a `YYYY-MM-DD` date (before it when negative); a longer date string is cut to its day. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
