import type { DiagnosticReport, Observation, Reference } from 'fhir/r4';
import { effectiveTime } from '../reports/reports.js';

/** When and what was collected, said once for a report's results. */
export interface Collection {
  collected?: string;
  specimen?: string;
}

/** A reference's display text, trimmed ('' when it has none). */
export function referenceName(ref: Reference | undefined): string {
  return ref?.display?.trim() ?? '';
}

/** Whether two FHIR dateTimes are the same moment (or both missing). */
export function sameMoment(a: string | undefined, b: string | undefined): boolean {
  return a === b || (!!a && !!b && Date.parse(a) === Date.parse(b));
}

/**
 * The collection time and specimen of a report, when its results share them: the report's own
 * `effective` (else the results' common time) and the specimen every result names.
 */
export function sharedCollection(report: DiagnosticReport, results: readonly Observation[]): Collection {
  const times = new Set(results.map((o) => effectiveTime(o)).filter(Boolean).map((t) => Date.parse(t!)));
  const own = report.effectiveDateTime ?? report.effectivePeriod?.start;
  const collected = own ?? (times.size === 1 ? results.map((o) => effectiveTime(o)).find(Boolean) : undefined);
  // Results that name no specimen (a panel's own row) do not make it differ.
  const specimens = new Set(results.map((o) => referenceName(o.specimen)).filter(Boolean));
  const reportSpecimen = report.specimen?.map(referenceName).filter(Boolean).join(', ');
  const specimen = specimens.size === 1 ? [...specimens][0] : specimens.size ? undefined : reportSpecimen;
  return { collected, specimen: specimen || undefined };
}
