/** A visit's time as the data gives it: a start that names a real moment, and a length that is possible. */

/** A FHIR instant as milliseconds, or undefined when it is missing or names no real moment. */
export function instantMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * How many minutes a visit lasts: from its start and end, else its `minutesDuration`; undefined when
 * the data does not say, or says something impossible (an end before or at the start, a length of zero or less).
 */
export function visitMinutes(start: string | undefined, end: string | undefined, minutesDuration?: number): number | undefined {
  const from = instantMs(start);
  const to = instantMs(end);
  if (from !== undefined && to !== undefined) return to > from ? Math.round((to - from) / 60_000) : undefined;
  if (end !== undefined && to === undefined) return undefined;
  return minutesDuration !== undefined && Number.isFinite(minutesDuration) && minutesDuration > 0 ? Math.round(minutesDuration) : undefined;
}

/** The end to put in a calendar: the visit's own when it is after the start, else start plus its length, else the start. */
export function calendarEnd(start: string, end: string | undefined, minutesDuration?: number): string {
  const from = instantMs(start)!;
  const to = instantMs(end);
  if (to !== undefined && to > from) return end!;
  const minutes = visitMinutes(start, undefined, minutesDuration);
  return minutes ? new Date(from + minutes * 60_000).toISOString() : start;
}
