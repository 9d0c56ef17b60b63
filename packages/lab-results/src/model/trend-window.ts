import type { Observation } from 'fhir/r4';
import { effectiveTime } from '../reports/reports.js';
import { isWithdrawn } from './result-status.js';
import type { TrendRangeYears } from './trend-ranges.js';

/** The years a trend shows: where they begin (ms; none for all) and the first and latest result's dates. */
export interface TrendWindow {
  from?: number;
  start?: string;
  end?: string;
}

/**
 * The years a trend shows: `years` back from the latest dated result (all of them for 0), with the
 * first and latest result's dates as the server gave them.
 */
export function trendWindow(results: readonly Observation[], years: TrendRangeYears): TrendWindow {
  let start: { at: string; time: number } | undefined;
  let end: { at: string; time: number } | undefined;
  for (const o of results) {
    const at = effectiveTime(o);
    const time = Date.parse(at ?? '');
    if (!at || Number.isNaN(time)) continue;
    if (!start || time < start.time) start = { at, time };
    if (!end || time > end.time) end = { at, time };
  }
  // Calendar years back from the latest result's day.
  let from: number | undefined;
  if (years && end) {
    const day = new Date(end.time);
    day.setUTCFullYear(day.getUTCFullYear() - years);
    from = day.getTime();
  }
  return { from, start: start?.at, end: end?.at };
}

/** The unit a numeric result is in: its UCUM code, else its unit as written. */
export function unitOf(observation: Observation): string {
  return observation.valueQuantity!.code ?? observation.valueQuantity!.unit ?? '';
}

/** What a trend draws: the results in its window, and the unit the line is drawn in. */
export interface TrendSeries {
  window: TrendWindow;
  /** The numeric results in the window, in the server's order. */
  results: Observation[];
  /** The unit the line is drawn in. */
  unit: string;
  /** The results in that unit (those in another are listed, not drawn). */
  inUnit: Observation[];
}

/**
 * The trend of a test's results over `years`: the numeric ones (never withdrawn or cancelled) up to the
 * latest, drawn in the unit most are in (the latest's when tied). Undefined when none can be drawn.
 */
export function trendSeries(observations: readonly Observation[], years: TrendRangeYears): TrendSeries | undefined {
  const drawable = observations.filter((o) => !isWithdrawn(o) && o.status !== 'cancelled' && typeof o.valueQuantity?.value === 'number');
  if (!drawable.length) return undefined;
  // The window ends at the latest result, not today: records that end years ago still show their
  // last years (never "no results" while there are some).
  const window = trendWindow(drawable, years);
  const results = drawable.filter((o) => !window.from || (Date.parse(effectiveTime(o) ?? '') || 0) >= window.from);
  const units = new Map<string, number>();
  for (const o of results) units.set(unitOf(o), (units.get(unitOf(o)) ?? 0) + 1);
  const latest = results[results.length - 1]!;
  const unit = [...units].reduce((best, next) => (next[1] > best[1] ? next : best), [unitOf(latest), units.get(unitOf(latest))!] as [string, number])[0];
  return { window, results, unit, inUnit: results.filter((o) => unitOf(o) === unit) };
}
