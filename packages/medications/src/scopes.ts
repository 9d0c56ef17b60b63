import type { EarlySearch, FirstSearches } from '@portico/core';

/**
 * The SMART scopes `<medication-list>` needs: the prescriptions and the medicines they name, the
 * pharmacy fills, the prescribers and pharmacies, and the refill and renewal requests (read, create one,
 * update one to withdraw it). A server that grants only reads still shows the list; the element then
 * offers a message to the prescriber or the hospital's page instead. Apart from the element, so a page
 * that loads the element later (portico.js) can still ask for them at sign-in.
 */
export const MEDICATION_LIST_SCOPES = [
  'patient/MedicationRequest.rs',
  'patient/MedicationDispense.rs',
  'patient/Medication.rs',
  'patient/Practitioner.rs',
  'patient/Organization.rs',
  'patient/RelatedPerson.rs',
  'patient/Task.cru',
] as const;

/** The code system of a refill or renewal request's `Task.code`. */
export const TASK_CODE_SYSTEM = 'urn:portico:task-code';

/** Prescriptions, fills and requests read per request (a page of a search). */
export const MEDICINE_PAGE = 100;

/**
 * The first screen's searches, side by side: the prescriptions with the Medications and prescribers they
 * point at (`_include`), the fills, and the refill and renewal requests.
 */
export function medicineSearches(patientId: string) {
  const patient = `Patient/${patientId}`;
  return [
    { resourceType: 'MedicationRequest', params: { patient, _include: ['MedicationRequest:medication', 'MedicationRequest:requester'] }, pageSize: MEDICINE_PAGE },
    { resourceType: 'MedicationDispense', params: { patient }, pageSize: MEDICINE_PAGE },
    { resourceType: 'Task', params: { patient, code: `${TASK_CODE_SYSTEM}|refill,${TASK_CODE_SYSTEM}|renewal` }, pageSize: MEDICINE_PAGE },
  ] as const satisfies readonly EarlySearch[];
}

/** What `<medication-list>` searches for its first screen, for the session to send while its code loads. */
export const MEDICATION_LIST_FIRST_SEARCHES: FirstSearches = (_element, patientId) => medicineSearches(patientId);
