import type { DiagnosticReport, Observation } from 'fhir/r4';

/** A report's status in words (every one is said). */
export const REPORT_STATUS_TERMS: Partial<Record<DiagnosticReport['status'], 'statusPreliminary' | 'statusFinal' | 'statusAmended' | 'statusCorrected' | 'statusCancelledResult'>> = {
  registered: 'statusPreliminary',
  partial: 'statusPreliminary',
  preliminary: 'statusPreliminary',
  final: 'statusFinal',
  amended: 'statusAmended',
  corrected: 'statusCorrected',
  appended: 'statusAmended',
  cancelled: 'statusCancelledResult',
};

/** Result statuses worth saying next to the value (a final result says nothing). */
export const RESULT_STATUS_TERMS: Partial<Record<Observation['status'], 'statusPreliminary' | 'statusAmended' | 'statusCorrected' | 'statusCancelledResult'>> = {
  registered: 'statusPreliminary',
  preliminary: 'statusPreliminary',
  amended: 'statusAmended',
  corrected: 'statusCorrected',
  cancelled: 'statusCancelledResult',
};

/** Results withdrawn by the lab: never shown as values, never in a trend. */
const WITHDRAWN = new Set<Observation['status']>(['entered-in-error']);

/** Whether the lab withdrew this result (it is never shown as a value, nor in a trend). */
export function isWithdrawn(observation: Observation): boolean {
  return WITHDRAWN.has(observation.status);
}

/** Whether a report was changed after it was final (amended, corrected or appended). */
export function isChanged(report: DiagnosticReport): boolean {
  return report.status === 'amended' || report.status === 'corrected' || report.status === 'appended';
}
