import type { Observation } from 'fhir/r4';
import { effectiveTime, type ReportView, type ResultNode } from '../reports/reports.js';
import { flatten, interpretation } from './result-caches.js';
import { isWithdrawn } from './result-status.js';

/** How results are listed: per report, or every result grouped by test. */
export const RESULT_GROUPINGS = ['report', 'test'] as const;
export type ResultGrouping = (typeof RESULT_GROUPINGS)[number];

/** One entry of the list: a report, or a result that belongs to no report (a test done in clinic). */
export type ListItem = { kind: 'report'; view: ReportView; at: number } | { kind: 'result'; node: ResultNode; at: number };

/** What the patient filters the list by: a test's name, dates (YYYY-MM-DD) and "outside the range". */
export interface ResultFilter {
  text: string;
  from: string;
  to: string;
  abnormalOnly: boolean;
}

/** Whether any filter is set. */
export function isFiltering(filter: ResultFilter): boolean {
  return !!(filter.text.trim() || filter.from || filter.to || filter.abnormalOnly);
}

/** Whether a result passes the name and "outside the range" filters; `nameOf` says a result's test name. */
export function resultMatches(observation: Observation, filter: ResultFilter, nameOf: (observation: Observation) => string): boolean {
  if (filter.abnormalOnly && !interpretation(observation).flag) return false;
  const text = filter.text.trim().toLocaleLowerCase();
  if (text && !nameOf(observation).toLocaleLowerCase().includes(text)) return false;
  return true;
}

/** Whether a report or result is in the filter's dates (one with no date is not, once a date is set). */
export function inDates(resource: { effectiveDateTime?: string; effectivePeriod?: { start?: string }; issued?: string }, filter: Pick<ResultFilter, 'from' | 'to'>): boolean {
  const at = effectiveTime(resource)?.slice(0, 10);
  if (!filter.from && !filter.to) return true;
  if (!at) return false;
  return (!filter.from || at >= filter.from) && (!filter.to || at <= filter.to);
}

/** The later of two dates (YYYY-MM-DD), either of which may be missing. */
export function laterDate(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a || b || undefined;
  return a > b ? a : b;
}

/** Reports and loose results, newest first, that pass the filters; reports keep the server's order among themselves. */
export function visibleItems(pages: readonly ReportView[], loose: readonly ResultNode[], filter: ResultFilter, nameOf: (observation: Observation) => string): ListItem[] {
  const filtering = isFiltering(filter);
  const matches = (nodes: readonly ResultNode[]) => !filtering || flatten(nodes).some((o) => resultMatches(o, filter, nameOf));
  const items: ListItem[] = pages
    .filter((view) => inDates(view.report, filter) && matches(view.results))
    .map((view) => ({ kind: 'report', view, at: Date.parse(effectiveTime(view.report) ?? '') || -Infinity }));
  for (const node of loose) {
    const o = node.observation;
    if (isWithdrawn(o) || !inDates(o, filter) || !matches([node])) continue;
    const at = Date.parse(effectiveTime(o) ?? '') || -Infinity;
    items.push({ kind: 'result', node, at });
  }
  // Stable: reports keep the server's order among themselves.
  return items.sort((a, b) => (b.at === a.at ? 0 : b.at > a.at ? 1 : -1));
}
