/**
 * The patient's immunizations (FHIR Immunization → rows): each vaccine with its date, dose, where it
 * was given and its lot, newest first; a vaccine not given with the reason; entered-in-error left out.
 */
import type { Immunization, Resource } from 'fhir/r4';
import { conceptName } from '@portico/core';
import { nameOf } from './people.js';

/** The v3 ActReason codes a vaccine is not given for, worded by the element when the record has no text. */
export const NOT_GIVEN_REASONS = ['IMMUNE', 'MEDPREC', 'OSTOCK', 'PATOBJ', 'PHILISOP', 'RELIG', 'VACEFF', 'VACSAF'] as const;
export type NotGivenReason = (typeof NOT_GIVEN_REASONS)[number];

/** One immunization as shown. */
export interface ImmunizationRow {
  id: string;
  /** The vaccine in plain words; '' when the record carries only codes. */
  vaccine: string;
  date?: string;
  /** "2", or "2" of "3" when the series is known. */
  dose?: { number: string; of?: string };
  /** Where it was given (the place, else who gave it), or the record it was copied from. */
  where?: string;
  lot?: string;
  given: boolean;
  /** Why it was not given: the record's words, else a known reason code, else nothing. */
  reason?: { text?: string; code?: NotGivenReason };
}

function doseOf(immunization: Immunization): ImmunizationRow['dose'] {
  const applied = immunization.protocolApplied?.[0];
  const number = applied?.doseNumberPositiveInt ?? applied?.doseNumberString;
  if (number === undefined) return undefined;
  const of = applied?.seriesDosesPositiveInt ?? applied?.seriesDosesString;
  return { number: String(number), ...(of !== undefined ? { of: String(of) } : {}) };
}

function reasonOf(immunization: Immunization, locale?: string): ImmunizationRow['reason'] {
  const text = conceptName(immunization.statusReason, locale);
  if (text) return { text };
  const code = immunization.statusReason?.coding?.map((c) => c.code).find((c): c is NotGivenReason => (NOT_GIVEN_REASONS as readonly (string | undefined)[]).includes(c));
  return code ? { code } : undefined;
}

/** One row for an immunization; the place and clinician named from the included resources. */
export function immunizationRow(immunization: Immunization, included: readonly Resource[] = [], locale?: string): ImmunizationRow {
  const given = immunization.status !== 'not-done';
  const where =
    nameOf(immunization.location, included) ||
    (immunization.performer ?? []).map((p) => nameOf(p.actor, included)).find(Boolean) ||
    immunization.reportOrigin?.text?.trim() ||
    conceptName(immunization.reportOrigin, locale);
  return {
    id: immunization.id ?? '',
    vaccine: conceptName(immunization.vaccineCode, locale),
    date: immunization.occurrenceDateTime ?? immunization.recorded,
    dose: doseOf(immunization),
    where: where || undefined,
    lot: immunization.lotNumber?.trim() || undefined,
    given,
    reason: given ? undefined : reasonOf(immunization, locale),
  };
}

/** The rows, newest first; entered-in-error left out. */
export function immunizationRows(immunizations: readonly Immunization[], included: readonly Resource[] = [], locale?: string): ImmunizationRow[] {
  return immunizations
    .filter((i) => i.status !== 'entered-in-error')
    .map((i) => immunizationRow(i, included, locale))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}
