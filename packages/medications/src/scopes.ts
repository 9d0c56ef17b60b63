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
