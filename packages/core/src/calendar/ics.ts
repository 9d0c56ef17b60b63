/**
 * An appointment as an iCalendar file (RFC 5545) that calendar apps import ("Add to calendar").
 * Times are written in the clinic's own time zone, with a VTIMEZONE worked out from `Intl`, so a
 * calendar shows the visit at the clinic's clock time wherever the patient is. No dependencies,
 * no Node APIs, no `eval`: it runs in the browser under a strict CSP.
 */

export const CALENDAR_EVENT_STATUSES = ['CONFIRMED', 'CANCELLED', 'TENTATIVE'] as const;
export type CalendarEventStatus = (typeof CALENDAR_EVENT_STATUSES)[number];

export interface CalendarEvent {
  /** Stable across reschedules and cancellation, e.g. `${appointmentId}@<fhir server host>`. */
  uid: string;
  /** FHIR instant, e.g. '2026-11-25T14:30:00Z' or '2026-11-25T09:30:00-05:00'. */
  start: string;
  /** FHIR instant, not before `start`; the same instant as `start` → no DTEND (a point in time). */
  end: string;
  /** IANA zone of the clinic, e.g. 'America/New_York'; absent or unknown → times in UTC. */
  timeZone?: string;
  /** E.g. 'Annual physical with Dr. Wei Chen'. */
  summary: string;
  /** Name and address on one line. */
  location?: string;
  /** Free text; any characters. */
  description?: string;
  /** Written only with an email (ORGANIZER's value must be an address). */
  organizer?: { name: string; email?: string };
  status?: CalendarEventStatus;
  /** Bump on reschedule or cancel so calendars update the event they already have. */
  sequence?: number;
  url?: string;
  /** DTSTAMP; defaults to now. */
  stamp?: Date;
  /** A display reminder this many minutes before the start (none for a cancelled event). */
  alarmMinutesBefore?: number;
}

const MINUTE = 60_000;
const WEEK = 10_080 * MINUTE;

/** [moment (ms), offset before, offset after], offsets in minutes east of UTC. */
type Transition = [number, number, number];

interface Zone {
  tzid: string;
  /** Minutes east of UTC at a moment. */
  offset(ms: number): number;
}

/** `YYYYMMDDTHHMMSS` of a millisecond value read as UTC. */
function dateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d+/g, '').slice(0, 15);
}

/** ±HHMM */
function utcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return (minutes < 0 ? '-' : '+') + String(Math.floor(abs / 60) * 100 + (abs % 60)).padStart(4, '0');
}

/** The zone as Intl knows it, or undefined when Intl does not (or its name cannot be a TZID). */
function zoneOf(timeZone: string | undefined): Zone | undefined {
  if (!timeZone) return undefined;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    return undefined;
  }
  // The caller's name ('Asia/Kolkata', which Intl may report as 'Asia/Calcutta'), with Intl's casing.
  const resolved = format.resolvedOptions().timeZone;
  const tzid = resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone;
  // Offset zones ('+05:30') are not IANA names, and ':' may not appear in a TZID parameter.
  if (tzid.includes(':')) return undefined;
  return {
    tzid,
    offset(ms) {
      const p: Record<string, number> = {};
      for (const { type, value } of format.formatToParts(ms)) p[type] = Number(value);
      return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms) / MINUTE);
    },
  };
}

/** Every change of offset in [from, to] (minute-aligned), probing weekly and bisecting to the minute. */
function transitions(zone: Zone, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  for (let lo = from, before = zone.offset(lo); lo < to; ) {
    let hi = Math.min(lo + WEEK, to);
    if (zone.offset(hi) === before) {
      lo = hi;
      continue;
    }
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / MINUTE / 2) * MINUTE;
      if (zone.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    const after = zone.offset(hi);
    found.push([hi, before, after]);
    [lo, before] = [hi, after];
  }
  return found;
}

/**
 * The zone's observances for the event's year(s): each transition in them, with the one in force on
 * 1 January first (from the year before, or since 1970 for a zone without changes), so every local
 * time in the year resolves to one offset.
 */
function vtimezone(zone: Zone, start: number, end: number): string[] {
  const yearStart = Date.UTC(new Date(start).getUTCFullYear(), 0, 1);
  const found = transitions(zone, Date.UTC(new Date(start).getUTCFullYear() - 1, 0, 1), Date.UTC(new Date(end).getUTCFullYear() + 1, 0, 1));
  const last = found.findLastIndex(([at]) => at <= yearStart);
  const offset = zone.offset(yearStart);
  const kept: Transition[] = last < 0 ? [[-offset * MINUTE, offset, offset], ...found] : found.slice(last);
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${zone.tzid}`,
    ...kept.flatMap(([at, from, to]) => {
      const kind = to > from ? 'DAYLIGHT' : 'STANDARD';
      return [`BEGIN:${kind}`, `DTSTART:${dateTime(at + from * MINUTE)}`, `TZOFFSETFROM:${utcOffset(from)}`, `TZOFFSETTO:${utcOffset(to)}`, `END:${kind}`];
    }),
    'END:VTIMEZONE',
  ];
}

/** A TEXT value: `\ ; ,` and newlines escaped, other control characters dropped. */
function text(value: string): string {
  return value
    .replace(/[\\;,]/g, '\\$&')
    .replace(/\r\n?|\n/g, '\\n')
    .replace(/(?!\t)\p{Cc}/gu, '');
}

/** Folds a content line at 75 UTF-8 octets, between characters, with CRLF + space. */
function fold(line: string): string {
  let folded = '';
  let size = 0;
  for (const char of line) {
    const point = char.codePointAt(0) ?? 0;
    const bytes = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    if (size + bytes > 75) {
      folded += '\r\n ';
      size = 1;
    }
    folded += char;
    size += bytes;
  }
  return folded;
}

/** The iCalendar text (RFC 5545, CRLF line endings) of one appointment. Throws a RangeError for unreadable or reversed times. */
export function buildIcs(event: CalendarEvent): string {
  const start = Date.parse(event.start);
  const end = Date.parse(event.end);
  if (!(end >= start)) throw new RangeError(`Invalid appointment times: ${event.start} – ${event.end}`);
  const zone = zoneOf(event.timeZone);
  const time = (ms: number) => (zone ? `;TZID=${zone.tzid}:${dateTime(ms + zone.offset(ms) * MINUTE)}` : `:${dateTime(ms)}Z`);
  const { organizer, sequence, alarmMinutesBefore: alarm } = event;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Portico//Appointment//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(zone ? vtimezone(zone, start, end) : []),
    'BEGIN:VEVENT',
    `UID:${text(event.uid)}`,
    `DTSTAMP:${dateTime((event.stamp ?? new Date()).getTime())}Z`,
    `DTSTART${time(start)}`,
    ...(end > start ? [`DTEND${time(end)}`] : []),
    `SUMMARY:${text(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${text(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${text(event.description)}`);
  if (organizer?.email) {
    lines.push(`ORGANIZER;CN="${organizer.name.replace(/"/g, "'").replace(/\p{Cc}/gu, '')}":mailto:${organizer.email.replace(/[\s\p{Cc}]/gu, '')}`);
  }
  if (event.status) lines.push(`STATUS:${event.status}`);
  if (sequence !== undefined && sequence >= 0) lines.push(`SEQUENCE:${Math.floor(sequence)}`);
  if (event.url) {
    try {
      lines.push(`URL:${new URL(event.url).href}`);
    } catch {
      // Not an absolute URL: a calendar could not open it either.
    }
  }
  if (alarm !== undefined && Number.isFinite(alarm) && event.status !== 'CANCELLED') {
    const minutes = Math.round(alarm);
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(event.summary)}`, `TRIGGER:${minutes < 0 ? '' : '-'}PT${Math.abs(minutes)}M`, 'END:VALARM');
  }
  lines.push('END:VEVENT', 'END:VCALENDAR', '');
  return lines.map(fold).join('\r\n');
}

/** A safe file name for the download: 'appointment-2026-11-25.ics', the date as the clinic's calendar has it. */
export function icsFileName(event: CalendarEvent): string {
  const start = Date.parse(event.start);
  if (Number.isNaN(start)) return 'appointment.ics';
  const offset = zoneOf(event.timeZone)?.offset(start) ?? 0;
  return `appointment-${new Date(start + offset * MINUTE).toISOString().slice(0, 10)}.ics`;
}

/** The iCalendar file as a Blob, for a download link or the Web Share API. */
export function icsBlob(event: CalendarEvent): Blob {
  return new Blob([buildIcs(event)], { type: 'text/calendar;charset=utf-8' });
}
