/** The demo patients, their demographics, and the parent who has proxy access to his son. */
import type { Address, HumanName, Patient, Reference, RelatedPerson } from 'fhir/r4';
import { ageOn, isoDate, type LocalDate } from './calendar.js';
import { HOSPITAL_ID, type LocationId, type PayerId } from './organizations.js';
import { clinician, clinicianName } from './practitioners.js';
import { ref } from './references.js';
import { LANGUAGE_EXTENSION_URL, SYSTEM, coding, concept } from './terminology.js';

export const PATIENT_IDS = ['maria', 'james', 'leo', 'aisha', 'large'] as const;
export type PatientId = (typeof PATIENT_IDS)[number];

export interface PatientProfile {
  readonly id: PatientId;
  readonly mrn: string;
  readonly given: readonly string[];
  readonly family: string;
  readonly gender: 'female' | 'male';
  readonly birthDate: LocalDate;
  /** The primary care clinician (Practitioner id). */
  readonly pcp: string;
  readonly homeLocation: LocationId;
  readonly phone: string;
  readonly email?: string;
  readonly address: Address;
  /** BCP 47 codes, preferred first. */
  readonly languages: readonly (readonly [string, string])[];
  readonly payer: PayerId;
  /** Who pays the bills and receives statements: the patient or (for a child) a parent. */
  readonly guarantor: PatientId;
  readonly alternateName?: HumanName;
}

export function fullName(p: PatientProfile): string {
  return `${p.given[0]} ${p.family}`;
}

/** A reference to the patient, with their name. */
export function patientRef(p: PatientProfile): Reference {
  return ref('Patient', p.id, fullName(p));
}

/** The proxy relationship: James acts for his son Leo. */
export const PROXY_ID = 'james-for-leo';

/**
 * The demo patients, born a fixed number of years before `today` so their ages stay the same
 * whenever the seed runs.
 */
export function patientProfiles(today: LocalDate, includeLarge: boolean): PatientProfile[] {
  const born = (yearsAgo: number, month: number, day: number): LocalDate => ({ year: today.year - yearsAgo, month, day });
  const profiles: PatientProfile[] = [
    {
      id: 'maria',
      mrn: 'RH-000123',
      given: ['Maria', 'Elena'],
      family: 'Hernández',
      gender: 'female',
      birthDate: born(54, 3, 14),
      pcp: 'dr-chen',
      homeLocation: 'loc-main',
      phone: '+1 845-555-0123',
      email: 'maria.hernandez@example.com',
      address: { use: 'home', line: ['27 Maple Avenue'], city: 'Poughkeepsie', state: 'NY', postalCode: '12603', country: 'US' },
      languages: [
        ['en', 'English'],
        ['es', 'Spanish'],
      ],
      payer: 'bluecross',
      guarantor: 'maria',
    },
    {
      id: 'james',
      mrn: 'RH-000245',
      given: ['James', 'Robert'],
      family: 'Carter',
      gender: 'male',
      birthDate: born(40, 7, 22),
      pcp: 'dr-okafor',
      homeLocation: 'loc-north',
      phone: '+1 845-555-0245',
      email: 'james.carter@example.com',
      address: { use: 'home', line: ['914 Cedar Lane'], city: 'Hyde Park', state: 'NY', postalCode: '12538', country: 'US' },
      languages: [['en', 'English']],
      payer: 'bluecross',
      guarantor: 'james',
    },
    {
      id: 'leo',
      mrn: 'RH-000246',
      given: ['Leo', 'James'],
      family: 'Carter',
      gender: 'male',
      birthDate: born(8, 5, 9),
      pcp: 'dr-patel',
      homeLocation: 'loc-north',
      phone: '+1 845-555-0245',
      address: { use: 'home', line: ['914 Cedar Lane'], city: 'Hyde Park', state: 'NY', postalCode: '12538', country: 'US' },
      languages: [['en', 'English']],
      payer: 'bluecross',
      guarantor: 'james',
    },
    {
      id: 'aisha',
      mrn: 'RH-000378',
      given: ['Aisha'],
      family: 'Rahman',
      gender: 'female',
      birthDate: born(29, 10, 2),
      pcp: 'dr-okafor',
      homeLocation: 'loc-north',
      phone: '+1 845-555-0378',
      email: 'aisha.rahman@example.com',
      address: { use: 'home', line: ['58 Academy Street', 'Apt 3B'], city: 'Poughkeepsie', state: 'NY', postalCode: '12601', country: 'US' },
      languages: [
        ['ar', 'Arabic'],
        ['en', 'English'],
      ],
      payer: 'evergreen',
      guarantor: 'aisha',
      alternateName: {
        extension: [{ url: LANGUAGE_EXTENSION_URL, valueCode: 'ar' }],
        use: 'official',
        text: 'عائشة رحمن',
        family: 'رحمن',
        given: ['عائشة'],
      },
    },
  ];
  if (includeLarge) {
    profiles.push({
      id: 'large',
      mrn: 'RH-000999',
      given: ['Walter', 'Graham'],
      family: 'Lindqvist',
      gender: 'male',
      birthDate: born(67, 1, 30),
      pcp: 'dr-chen',
      homeLocation: 'loc-main',
      phone: '+1 845-555-0999',
      email: 'walter.lindqvist@example.com',
      address: { use: 'home', line: ['3 Orchard Court'], city: 'Wappingers Falls', state: 'NY', postalCode: '12590', country: 'US' },
      languages: [['en', 'English']],
      payer: 'bluecross',
      guarantor: 'large',
    });
  }
  return profiles;
}

export function buildPatient(p: PatientProfile, profiles: readonly PatientProfile[], today: LocalDate): Patient {
  const pcp = clinician(p.pcp);
  const adult = ageOn(p.birthDate, today) >= 18;
  const patient: Patient = {
    resourceType: 'Patient',
    id: p.id,
    identifier: [
      {
        use: 'usual',
        type: { coding: [coding(SYSTEM.v2IdentifierType, 'MR', 'Medical record number')], text: 'MRN' },
        system: SYSTEM.mrn,
        value: p.mrn,
        assigner: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
      },
    ],
    active: true,
    name: [
      { use: 'official', text: `${p.given.join(' ')} ${p.family}`, family: p.family, given: [...p.given] },
      ...(p.alternateName ? [p.alternateName] : []),
    ],
    telecom: [
      { system: 'phone', value: p.phone, use: adult ? 'mobile' : 'home', rank: 1 },
      ...(p.email ? [{ system: 'email' as const, value: p.email, use: 'home' as const }] : []),
    ],
    gender: p.gender,
    birthDate: isoDate(p.birthDate),
    address: [p.address],
    maritalStatus: adult
      ? concept(SYSTEM.v3MaritalStatus, p.id === 'aisha' ? 'S' : 'M', p.id === 'aisha' ? 'Never Married' : 'Married')
      : concept(SYSTEM.v3MaritalStatus, 'S', 'Never Married'),
    communication: p.languages.map(([code, display], i) => ({
      language: concept(SYSTEM.bcp47, code, display),
      preferred: i === 0,
    })),
    generalPractitioner: [ref('Practitioner', pcp.id, clinicianName(pcp))],
    managingOrganization: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
  };
  if (p.id === 'leo') {
    const father = profiles.find((x) => x.id === 'james')!;
    patient.contact = [
      {
        relationship: [concept(SYSTEM.v2ContactRole, 'N', 'Next-of-Kin', 'Father')],
        name: { use: 'official', text: fullName(father), family: father.family, given: [...father.given] },
        telecom: [{ system: 'phone', value: father.phone, use: 'mobile' }],
        address: father.address,
        gender: 'male',
      },
    ];
  }
  if (p.id === 'maria') {
    patient.contact = [
      {
        relationship: [concept(SYSTEM.v2ContactRole, 'C', 'Emergency Contact', 'Husband')],
        name: { use: 'official', text: 'Luis Hernández', family: 'Hernández', given: ['Luis'] },
        telecom: [{ system: 'phone', value: '+1 845-555-0124', use: 'mobile' }],
        gender: 'male',
      },
    ];
  }
  return patient;
}

/** James Carter as Leo's parent: the resource that grants him proxy access to Leo's record. */
export function buildProxy(profiles: readonly PatientProfile[]): RelatedPerson {
  const james = profiles.find((p) => p.id === 'james')!;
  return {
    resourceType: 'RelatedPerson',
    id: PROXY_ID,
    active: true,
    patient: ref('Patient', 'leo', 'Leo Carter'),
    relationship: [
      {
        coding: [coding(SYSTEM.v3RoleCode, 'PRN', 'parent'), coding(SYSTEM.v3RoleCode, 'FTH', 'father')],
        text: 'Father',
      },
    ],
    name: [{ use: 'official', text: `${james.given.join(' ')} ${james.family}`, family: james.family, given: [...james.given] }],
    telecom: [
      { system: 'phone', value: james.phone, use: 'mobile' },
      { system: 'email', value: james.email!, use: 'home' },
    ],
    gender: 'male',
    birthDate: isoDate(james.birthDate),
    address: [james.address],
    period: { start: isoDate(profiles.find((p) => p.id === 'leo')!.birthDate) },
  };
}
