/**
 * A patient's immunizations as rows (FHIR Immunization → rows): each vaccine with its date, dose,
 * where it was given and its lot, newest first; a vaccine not given with the reason; entries
 * entered in error left out. The health record and the printed immunization record both read these.
 */
import type { Immunization, Resource } from 'fhir/r4';
import { conceptName } from '../format/codeable-concept.js';
import { referenceName } from '../format/reference-name.js';

/** The v3 ActReason codes a vaccine is not given for, worded by the element when the record has no text. */
export const NOT_GIVEN_REASONS = ['IMMUNE', 'MEDPREC', 'OSTOCK', 'PATOBJ', 'PHILISOP', 'RELIG', 'VACEFF', 'VACSAF'] as const;
export type NotGivenReason = (typeof NOT_GIVEN_REASONS)[number];

/** One immunization as shown. */
export interface ImmunizationRow {
  id: string;
  /** The vaccine in plain words; '' when the record carries only codes. */
  vaccine: string;
  /** When it was given (`occurrence[x]`), else when it was recorded. */
  date?: string;
  /** "2", or "2" of "3" when the series is known. */
  dose?: { number: string; of?: string };
  /** Where it was given (the place, else who gave it), or the record it was copied from. */
  where?: string;
  lot?: string;
  /** Given, or not given (then `reason`). */
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

function isNotGivenReason(code: string | undefined): code is NotGivenReason {
  return (NOT_GIVEN_REASONS as readonly (string | undefined)[]).includes(code);
}

function reasonOf(immunization: Immunization, locale?: string): ImmunizationRow['reason'] {
  const text = conceptName(immunization.statusReason, locale);
  if (text) return { text };
  const code = immunization.statusReason?.coding?.map((c) => c.code).find(isNotGivenReason);
  return code ? { code } : undefined;
}

/**
 * One row for an immunization. The place and the clinician are named from `included` (the search's
 * `_include`d Location, Practitioner, Organization…), else by the references' `display`.
 */
export function immunizationRow(immunization: Immunization, included: readonly Resource[] = [], locale?: string): ImmunizationRow {
  const given = immunization.status !== 'not-done';
  const where =
    referenceName(immunization.location, included) ||
    (immunization.performer ?? []).map((p) => referenceName(p.actor, included)).find(Boolean) ||
    immunization.reportOrigin?.text?.trim() ||
    conceptName(immunization.reportOrigin, locale);
  return {
    id: immunization.id ?? '',
    vaccine: conceptName(immunization.vaccineCode, locale),
    date: immunization.occurrenceDateTime ?? immunization.occurrenceString ?? immunization.recorded,
    dose: doseOf(immunization),
    where: where || undefined,
    lot: immunization.lotNumber?.trim() || undefined,
    given,
    reason: given ? undefined : reasonOf(immunization, locale),
  };
}

/** The rows, newest first (undated last); entered-in-error left out. */
export function immunizationRows(immunizations: readonly Immunization[], included: readonly Resource[] = [], locale?: string): ImmunizationRow[] {
  return immunizations
    .filter((i) => i.status !== 'entered-in-error')
    .map((i) => immunizationRow(i, included, locale))
    .sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : 0));
}
