/** Calendar days and zone names in the clinic's time zone, through Intl only. */
import { dateTimeFormat } from '@portico/core';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day ('YYYY-MM-DD') of an instant in a time zone (the viewer's when none). */
export function dayIn(instant: string | Date, timeZone?: string): string {
  const key = timeZone ?? '';
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** 'YYYY-MM-DD' plus `days` (core's, re-exported where the booker's users have always found it). */
export { addDays } from '@portico/core';

/** Do two zones show the same clock time at this instant? */
export function sameClock(a: string | undefined, b: string | undefined, at: Date): boolean {
  if (!a || !b || a === b) return true;
  const clock = (timeZone: string) => dateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', day: 'numeric' }).format(at);
  return clock(a) === clock(b);
}

/** The zone's name in the locale: 'Eastern Standard Time' (falls back to the IANA name). */
export function zoneName(locale: string, timeZone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** The hour of an instant in a zone (0–23). */
export function hourIn(instant: string, timeZone?: string): number {
  // A formatter made once per zone (core's cache): this runs for every open time shown.
  return Number(dateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(new Date(instant)));
}
