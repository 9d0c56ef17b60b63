/**
 * The immunization record for school or travel: the patient's name and birth date heading the printed
 * record, then their vaccines as the shared immunization rows (date, dose, lot, where; doses not given
 * with the reason; entered-in-error left out), newest first.
 */
import type { Patient } from 'fhir/r4';
import { immunizationRows, type FhirClient, type ImmunizationRow } from '@portico/core';

/** The record: whose it is and their vaccines. */
export interface ImmunizationRecord {
  patient?: Patient;
  rows: ImmunizationRow[];
}

/** Reads the patient (name and birth date) and every Immunization of theirs, newest first. */
export async function loadImmunizationRecord(client: FhirClient, patientId: string, options: { signal?: AbortSignal; locale?: string } = {}): Promise<ImmunizationRecord> {
  const [patient, { resources }] = await Promise.all([
    client.read('Patient', patientId, { signal: options.signal }).catch(() => undefined),
    client.searchAll('Immunization', { patient: `Patient/${patientId}`, _sort: '-date', _count: '200' }, { signal: options.signal, max: 2000 }),
  ]);
  return { patient, rows: immunizationRows(resources, [], options.locale) };
}
