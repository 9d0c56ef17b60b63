/**
 * The patient's conditions as a patient reads them (FHIR Condition → rows): active ones, then those
 * ruled out (`verificationStatus` refuted, which carries no `clinicalStatus`), then resolved ones, each
 * newest first. Entries marked entered-in-error are left out: the patient never had them.
 */
import type { Condition, Resource } from 'fhir/r4';
import { conceptName, referenceName } from '@portico/core';

/** Where a condition stands for the patient. */
export const CONDITION_STATES = ['active', 'ruled-out', 'resolved'] as const;
export type ConditionState = (typeof CONDITION_STATES)[number];

/** One condition as shown. */
export interface ConditionRow {
  id: string;
  /** The plain-language name (`code.text`, else a coding's display); '' when the record carries only codes. */
  name: string;
  state: ConditionState;
  /** Not confirmed yet (provisional or differential). */
  unconfirmed: boolean;
  /** Since when: the onset date (else when it was recorded). */
  since?: string;
  /** When it ended (resolved ones). */
  ended?: string;
  /** Who recorded it. */
  recordedBy: string;
  /** The clinician's note, as plain text. */
  note?: string;
}

const codes = (concept: Condition['clinicalStatus']) => new Set((concept?.coding ?? []).map((c) => c.code ?? ''));

/** Where a condition stands; undefined for one entered in error. */
export function conditionState(condition: Condition): ConditionState | undefined {
  const verification = codes(condition.verificationStatus);
  if (verification.has('entered-in-error')) return undefined;
  if (verification.has('refuted')) return 'ruled-out';
  const clinical = codes(condition.clinicalStatus);
  return clinical.has('resolved') || clinical.has('inactive') || clinical.has('remission') ? 'resolved' : 'active';
}

/** One row for a condition (undefined for one entered in error); clinicians named from the included resources. */
export function conditionRow(condition: Condition, included: readonly Resource[] = [], locale?: string): ConditionRow | undefined {
  const state = conditionState(condition);
  if (!state) return undefined;
  const verification = codes(condition.verificationStatus);
  return {
    id: condition.id ?? '',
    name: conceptName(condition.code, locale),
    state,
    unconfirmed: verification.has('provisional') || verification.has('differential'),
    since: condition.onsetDateTime ?? condition.onsetPeriod?.start ?? condition.recordedDate,
    ended: state === 'resolved' ? (condition.abatementDateTime ?? condition.abatementPeriod?.end ?? condition.abatementPeriod?.start) : undefined,
    recordedBy: referenceName(condition.recorder, included) || referenceName(condition.asserter, included),
    note: (condition.note ?? []).map((n) => n.text?.trim()).filter(Boolean).join('\n') || undefined,
  };
}

const newestFirst = (a: ConditionRow, b: ConditionRow) => (b.ended ?? b.since ?? '').localeCompare(a.ended ?? a.since ?? '');

/** The rows: active, then ruled out, then resolved, each newest first; entered-in-error left out. */
export function conditionRows(conditions: readonly Condition[], included: readonly Resource[] = [], locale?: string): ConditionRow[] {
  const rows = conditions.map((c) => conditionRow(c, included, locale)).filter((r): r is ConditionRow => !!r);
  return CONDITION_STATES.flatMap((state) => rows.filter((r) => r.state === state).sort(newestFirst));
}
