import type { FhirResource, Identifier, Patient, Person, RelatedPerson } from 'fhir/r4';

/**
 * Synthetic records for the stories (no real person). Ids are stable so stories can point at them:
 * `patient-id=${PATIENT_IDS.elena}`.
 */

const MRN_SYSTEM = 'https://fhir.story.invalid/identifiers/mrn';

function mrn(value: string): Identifier {
  return {
    use: 'usual',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }], text: 'MRN' },
    system: MRN_SYSTEM,
    value,
  };
}

export const PATIENT_IDS = {
  /** An adult patient who signs in for herself. */
  elena: 'pat-elena',
  /** Children of Daniel Okafor, who has proxy access to both. */
  amara: 'pat-amara',
  tobi: 'pat-tobi',
  /** An Arabic-speaking patient with her name in Arabic script. */
  layla: 'pat-layla',
  /** Long data: a very long name and identifier. */
  long: 'pat-long',
  /** Sparse data: no birth date. */
  noBirthDate: 'pat-no-birth-date',
  /** Sparse data: no identifier at all. */
  noMrn: 'pat-no-mrn',
} as const;

export const elena: Patient = {
  resourceType: 'Patient',
  id: PATIENT_IDS.elena,
  meta: { versionId: '3', lastUpdated: '2025-01-14T09:12:00Z' },
  identifier: [mrn('MRN-004217'), { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-41-2317' }],
  active: true,
  name: [{ use: 'official', family: 'Martínez Ruiz', given: ['Elena'], prefix: ['Ms.'] }],
  telecom: [{ system: 'phone', value: '(555) 201-4417', use: 'mobile' }],
  gender: 'female',
  birthDate: '1984-03-12',
  address: [{ line: ['48 Orchard Lane'], city: 'Springfield', state: 'IL', postalCode: '62704', country: 'US' }],
  communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] }, preferred: true }],
};

export const amara: Patient = {
  resourceType: 'Patient',
  id: PATIENT_IDS.amara,
  identifier: [mrn('MRN-118304')],
  name: [{ use: 'official', family: 'Okafor', given: ['Amara', 'Chiamaka'] }],
  gender: 'female',
  birthDate: '2015-06-04',
  contact: [{ relationship: [{ text: 'Father' }], name: { family: 'Okafor', given: ['Daniel'] } }],
};

export const tobi: Patient = {
  resourceType: 'Patient',
  id: PATIENT_IDS.tobi,
  identifier: [mrn('MRN-118305')],
  name: [{ use: 'official', family: 'Okafor', given: ['Tobi'] }],
  gender: 'male',
  birthDate: '2018-11-20',
};

export const layla: Patient = {
  resourceType: 'Patient',
  id: PATIENT_IDS.layla,
  identifier: [mrn('MRN-207751')],
  name: [
    { use: 'usual', text: 'ليلى حداد', family: 'حداد', given: ['ليلى'] },
    { use: 'official', family: 'Haddad', given: ['Layla'] },
  ],
  gender: 'female',
  birthDate: '1991-09-27',
};

export const longName: Patient = {
  resourceType: 'Patient',
  id: PATIENT_IDS.long,
  identifier: [mrn('MRN-2024-0093-7716-4410-AUX-PEDIATRIC-TRANSFER-0007')],
  name: [
    {
      use: 'official',
      prefix: ['Dr.'],
      given: ['María', 'de los Remedios', 'Alejandra', 'Concepción'],
      family: 'Fernández de Córdoba y Villalobos-Santisteban Uribe-Echevarría',
      suffix: ['PhD'],
    },
  ],
  gender: 'female',
  birthDate: '1936-02-29',
};

export const noBirthDate: Patient = {
  resourceType: 'Patient',
  id: PATIENT_IDS.noBirthDate,
  identifier: [mrn('MRN-550912')],
  name: [{ use: 'official', family: 'Nguyen', given: ['Bao'] }],
  gender: 'unknown',
};

export const noMrn: Patient = {
  resourceType: 'Patient',
  id: PATIENT_IDS.noMrn,
  name: [{ use: 'official', family: 'Kowalski', given: ['Piotr'] }],
  gender: 'male',
  birthDate: '1979-12-01',
};

/** Daniel Okafor has proxy access to his two children's records (a Person with two links). */
export const daniel: Person = {
  resourceType: 'Person',
  id: 'per-daniel',
  name: [{ use: 'official', family: 'Okafor', given: ['Daniel'] }],
  telecom: [{ system: 'email', value: 'daniel.okafor@example.com' }],
  link: [
    { target: { reference: `Patient/${PATIENT_IDS.amara}`, display: 'Amara Okafor' }, assurance: 'level3' },
    { target: { reference: `Patient/${PATIENT_IDS.tobi}`, display: 'Tobi Okafor' }, assurance: 'level3' },
  ],
};

/** Grace Okafor, Amara's mother, as a RelatedPerson (the other way servers model proxies). */
export const grace: RelatedPerson = {
  resourceType: 'RelatedPerson',
  id: 'rp-grace',
  patient: { reference: `Patient/${PATIENT_IDS.amara}` },
  relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH', display: 'mother' }] }],
  name: [{ use: 'official', family: 'Okafor', given: ['Grace'] }],
};

/** A proxy with a very long name, for the long-data proxy line. */
export const longProxy: Person = {
  resourceType: 'Person',
  id: 'per-long',
  name: [{ use: 'official', given: ['Maximiliano', 'Bartholomew'], family: 'Featherstonehaugh-Wolfeschlegelsteinhausen' }],
  link: [{ target: { reference: `Patient/${PATIENT_IDS.long}` } }, { target: { reference: `Patient/${PATIENT_IDS.noMrn}` } }],
};

export const DEMO_RESOURCES: FhirResource[] = [elena, amara, tobi, layla, longName, noBirthDate, noMrn, daniel, grace, longProxy];

/** Access tokens the demo server knows: any other non-empty token works too, except `expired`. */
export const DEMO_TOKEN = 'story-access-token';
export const EXPIRED_TOKEN = 'expired';
