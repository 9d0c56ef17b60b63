/**
 * The immunization record for school or travel (FHIR Immunization → rows): each vaccine with its date,
 * dose, lot and where it was given, newest first; doses not given with the reason; entries marked
 * entered-in-error left out. The patient's name and birth date head the printed record.
 */
import type { Immunization, Patient } from 'fhir/r4';
import { conceptName, type FhirClient } from '@portico/core';

/** One vaccine of the record. */
export interface ImmunizationRow {
  id: string;
  vaccine: string;
  date?: string;
  /** "2", or "2 of 3" when the series is known. */
  dose?: { number: string; of?: string };
  lot?: string;
  /** Where it was given (the place, else who gave it), or the record it was copied from. */
  where?: string;
  /** Given, or not given (then `reason`). */
  given: boolean;
  reason?: string;
}

/** The record: whose it is and their vaccines. */
export interface ImmunizationRecord {
  patient?: Patient;
  rows: ImmunizationRow[];
}

function doseOf(immunization: Immunization): ImmunizationRow['dose'] {
  const applied = immunization.protocolApplied?.[0];
  const number = applied?.doseNumberPositiveInt ?? applied?.doseNumberString;
  if (number === undefined) return undefined;
  const of = applied?.seriesDosesPositiveInt ?? applied?.seriesDosesString;
  return { number: String(number), ...(of !== undefined ? { of: String(of) } : {}) };
}

/** One row for an Immunization. */
export function immunizationRow(immunization: Immunization, locale?: string): ImmunizationRow {
  const given = immunization.status !== 'not-done';
  const where = immunization.location?.display ?? immunization.performer?.find((p) => p.actor?.display)?.actor.display ?? immunization.reportOrigin?.text ?? conceptName(immunization.reportOrigin, locale);
  return {
    id: immunization.id ?? '',
    vaccine: conceptName(immunization.vaccineCode, locale),
    date: immunization.occurrenceDateTime ?? immunization.occurrenceString ?? immunization.recorded,
    dose: doseOf(immunization),
    lot: immunization.lotNumber?.trim() || undefined,
    where: where?.trim() || undefined,
    given,
    reason: given ? undefined : conceptName(immunization.statusReason, locale) || undefined,
  };
}

/** The rows of the record: entered-in-error left out, newest first. */
export function immunizationRows(immunizations: readonly Immunization[], locale?: string): ImmunizationRow[] {
  return immunizations
    .filter((i) => i.status !== 'entered-in-error')
    .map((i) => immunizationRow(i, locale))
    .sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : 0));
}

/** Reads the patient (name and birth date) and every Immunization of theirs, newest first. */
export async function loadImmunizationRecord(client: FhirClient, patientId: string, options: { signal?: AbortSignal; locale?: string } = {}): Promise<ImmunizationRecord> {
  const [patient, { resources }] = await Promise.all([
    client.read('Patient', patientId, { signal: options.signal }).catch(() => undefined),
    client.searchAll('Immunization', { patient: `Patient/${patientId}`, _sort: '-date', _count: '200' }, { signal: options.signal, max: 2000 }),
  ]);
  return { patient, rows: immunizationRows(resources, options.locale) };
}
