import type { MedicationDispense, MedicationRequest, Resource, Task } from 'fhir/r4';
import { isFhirError, type FhirClient } from '@portico/core';
import { MEDICINE_PAGE, medicineSearches } from '../scopes.js';

/** What the list is made from: the prescriptions (with their medicines and prescribers), the fills, the requests. */
export interface MedicineRecords {
  prescriptions: MedicationRequest[];
  included: Resource[];
  /** Undefined when the server keeps no fills (or does not let the patient search them). */
  dispenses?: MedicationDispense[];
  tasks: Task[];
}

/** The most prescriptions, fills and requests read (a lifetime of prescriptions fits well under it). */
export const MEDICINE_LIMIT = 500;

/** A search the server does not offer this patient (refused, unknown type or parameter): the list does without it. */
export function notOffered(error: unknown): boolean {
  return isFhirError(error) && [400, 403, 404, 405, 501].includes(error.status);
}

/**
 * The patient's prescriptions, fills and refill or renewal requests: three searches side by side, the
 * prescriptions with the Medications and prescribers they point at (`_include`).
 */
export async function loadMedicines(client: FhirClient, options: { patientId: string; signal?: AbortSignal }): Promise<MedicineRecords> {
  const [requestSearch, dispenseSearch, taskSearch] = medicineSearches(options.patientId);
  const search = { signal: options.signal, pageSize: MEDICINE_PAGE, max: MEDICINE_LIMIT };
  const [prescriptions, dispenses, tasks] = await Promise.all([
    client.searchAll(requestSearch.resourceType, requestSearch.params, search),
    client.searchAll(dispenseSearch.resourceType, dispenseSearch.params, search).then(
      (found) => found.resources,
      (error: unknown) => (notOffered(error) ? undefined : Promise.reject(error)),
    ),
    client.searchAll(taskSearch.resourceType, taskSearch.params, search).then(
      (found) => found.resources,
      (error: unknown) => (notOffered(error) ? [] : Promise.reject(error)),
    ),
  ]);
  return { prescriptions: prescriptions.resources, included: prescriptions.included, dispenses, tasks };
}
