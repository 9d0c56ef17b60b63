/** Riverside's clinicians, where and when they see patients, and their PractitionerRoles. */
import type { CodeableConcept, Practitioner, PractitionerRole, Reference } from 'fhir/r4';
import { HOSPITAL_ID, LOCATION_NAMES, type LocationId } from './organizations.js';
import { ref } from './references.js';
import { SYSTEM, concept, snomed } from './terminology.js';
import { SERVICE_CATEGORIES, type ServiceCategory, type VisitType } from './visit-types.js';

/** Where a clinician sees patients, on which weekdays (0 = Sunday), and how long a slot is. */
export interface ClinicSession {
  readonly location: LocationId;
  readonly weekdays: readonly number[];
  readonly slotMinutes: 20 | 30;
  readonly visitTypes: readonly VisitType[];
}

export interface Clinician {
  readonly id: string;
  readonly given: readonly string[];
  readonly family: string;
  readonly degree: 'MD' | 'DO' | 'RN';
  readonly gender: 'female' | 'male';
  readonly npi: string;
  readonly role: 'doctor' | 'nurse';
  readonly specialty: { readonly code: string; readonly display: string };
  readonly careTeamRole: { readonly code: string; readonly display: string };
  readonly serviceCategory: ServiceCategory;
  readonly board?: string;
  readonly languages: readonly (readonly [string, string])[];
  readonly sessions: readonly ClinicSession[];
}

const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;

export const CLINICIANS: readonly Clinician[] = [
  {
    id: 'dr-chen',
    given: ['Linda', 'May'],
    family: 'Chen',
    degree: 'MD',
    gender: 'female',
    npi: '1538291047',
    role: 'doctor',
    specialty: { code: '419192003', display: 'Internal medicine' },
    careTeamRole: { code: '446050000', display: 'Primary care physician' },
    serviceCategory: SERVICE_CATEGORIES.generalPractice,
    board: 'American Board of Internal Medicine',
    languages: [
      ['en', 'English'],
      ['zh', 'Chinese'],
    ],
    sessions: [{ location: 'loc-main', weekdays: [MON, TUE, WED, THU], slotMinutes: 30, visitTypes: ['annual-physical', 'follow-up', 'new-patient'] }],
  },
  {
    id: 'dr-okafor',
    given: ['Chidi'],
    family: 'Okafor',
    degree: 'DO',
    gender: 'male',
    npi: '1649302158',
    role: 'doctor',
    specialty: { code: '419772000', display: 'Family practice' },
    careTeamRole: { code: '446050000', display: 'Primary care physician' },
    serviceCategory: SERVICE_CATEGORIES.generalPractice,
    board: 'American Board of Family Medicine',
    languages: [
      ['en', 'English'],
      ['fr', 'French'],
    ],
    sessions: [
      { location: 'loc-main', weekdays: [MON, WED, FRI], slotMinutes: 30, visitTypes: ['annual-physical', 'follow-up', 'new-patient'] },
      { location: 'loc-north', weekdays: [TUE, THU], slotMinutes: 20, visitTypes: ['sick-visit', 'follow-up'] },
    ],
  },
  {
    id: 'dr-patel',
    given: ['Priya'],
    family: 'Patel',
    degree: 'MD',
    gender: 'female',
    npi: '1750413269',
    role: 'doctor',
    specialty: { code: '394537008', display: 'Pediatric specialty' },
    careTeamRole: { code: '82296001', display: 'Pediatrician' },
    serviceCategory: SERVICE_CATEGORIES.paediatrics,
    board: 'American Board of Pediatrics',
    languages: [
      ['en', 'English'],
      ['hi', 'Hindi'],
      ['gu', 'Gujarati'],
    ],
    sessions: [{ location: 'loc-north', weekdays: [MON, TUE, WED, THU, FRI], slotMinutes: 20, visitTypes: ['well-child', 'sick-visit', 'follow-up', 'new-patient'] }],
  },
  {
    id: 'dr-nguyen',
    given: ['Thomas', 'Minh'],
    family: 'Nguyen',
    degree: 'MD',
    gender: 'male',
    npi: '1861524370',
    role: 'doctor',
    specialty: { code: '394579002', display: 'Cardiology' },
    careTeamRole: { code: '17561000', display: 'Cardiologist' },
    serviceCategory: SERVICE_CATEGORIES.cardiology,
    board: 'American Board of Internal Medicine — Cardiovascular Disease',
    languages: [
      ['en', 'English'],
      ['vi', 'Vietnamese'],
    ],
    sessions: [{ location: 'loc-main', weekdays: [TUE, THU], slotMinutes: 30, visitTypes: ['new-patient', 'follow-up'] }],
  },
  {
    id: 'dr-silva',
    given: ['Ana', 'Beatriz'],
    family: 'Silva',
    degree: 'MD',
    gender: 'female',
    npi: '1972635481',
    role: 'doctor',
    specialty: { code: '394582007', display: 'Dermatology' },
    careTeamRole: { code: '18803008', display: 'Dermatologist' },
    serviceCategory: SERVICE_CATEGORIES.dermatology,
    board: 'American Board of Dermatology',
    languages: [
      ['en', 'English'],
      ['pt', 'Portuguese'],
      ['es', 'Spanish'],
    ],
    sessions: [
      { location: 'loc-north', weekdays: [MON, WED], slotMinutes: 20, visitTypes: ['skin-check', 'new-patient', 'follow-up'] },
      { location: 'loc-main', weekdays: [FRI], slotMinutes: 20, visitTypes: ['skin-check', 'new-patient', 'follow-up'] },
    ],
  },
  {
    id: 'rn-brooks',
    given: ['Jordan'],
    family: 'Brooks',
    degree: 'RN',
    gender: 'female',
    npi: '1083746592',
    role: 'nurse',
    specialty: { code: '419192003', display: 'Internal medicine' },
    careTeamRole: { code: '224535009', display: 'Registered nurse' },
    serviceCategory: SERVICE_CATEGORIES.generalPractice,
    languages: [
      ['en', 'English'],
      ['es', 'Spanish'],
    ],
    sessions: [],
  },
];

const DEGREE_DISPLAY = { MD: 'Doctor of Medicine', DO: 'Doctor of Osteopathy', RN: 'Registered Nurse' } as const;

export function clinician(id: string): Clinician {
  const found = CLINICIANS.find((c) => c.id === id);
  if (!found) throw new Error(`Unknown clinician ${id}`);
  return found;
}

/** 'Dr. Linda Chen' / 'Jordan Brooks, RN'. */
export function clinicianName(c: Clinician): string {
  return c.degree === 'RN' ? `${c.given[0]} ${c.family}, RN` : `Dr. ${c.given[0]} ${c.family}`;
}

/** A reference to the clinician with this id, with their name. */
export function practitionerRef(id: string): Reference {
  return ref('Practitioner', id, clinicianName(clinician(id)));
}

export function specialtyConcept(c: Clinician): CodeableConcept {
  return snomed(c.specialty.code, c.specialty.display);
}

/** The short name used in schedule and slot ids: 'dr-chen' → 'chen'. */
export function clinicianKey(c: Clinician): string {
  return c.id.replace(/^(dr|rn)-/, '');
}

export function buildPractitioners(): Practitioner[] {
  return CLINICIANS.map((c) => ({
    resourceType: 'Practitioner',
    id: c.id,
    active: true,
    identifier: [{ system: SYSTEM.npi, value: c.npi }],
    name: [
      {
        use: 'official',
        text: c.degree === 'RN' ? clinicianName(c) : `${c.given.join(' ')} ${c.family}, ${c.degree}`,
        family: c.family,
        given: [...c.given],
        ...(c.role === 'doctor' ? { prefix: ['Dr.'] } : {}),
        suffix: [c.degree],
      },
    ],
    telecom: [
      { system: 'phone', value: '+1 845-555-0100', use: 'work' },
      { system: 'email', value: `${clinicianKey(c)}@riverside-health.example.org`, use: 'work' },
    ],
    gender: c.gender,
    qualification: [
      {
        identifier: [{ system: 'urn:oid:2.16.840.1.113883.3.9999.7', value: `NY-${c.npi.slice(-6)}` }],
        code: concept(SYSTEM.v2Degree, c.degree, DEGREE_DISPLAY[c.degree]),
        issuer: { display: 'New York State Education Department' },
      },
      ...(c.board ? [{ code: { text: `Board certified — ${c.board}` }, issuer: { display: c.board } }] : []),
    ],
    communication: c.languages.map(([code, display]) => concept(SYSTEM.bcp47, code, display)),
  }));
}

export function buildPractitionerRoles(): PractitionerRole[] {
  const roles: PractitionerRole[] = [];
  for (const c of CLINICIANS) {
    const sessions = c.sessions.length > 0 ? c.sessions : [{ location: 'loc-main' as const, weekdays: [MON, TUE, WED, THU, FRI] }];
    for (const session of sessions) {
      roles.push({
        resourceType: 'PractitionerRole',
        id: `role-${clinicianKey(c)}-${session.location.replace('loc-', '')}`,
        active: true,
        practitioner: ref('Practitioner', c.id, clinicianName(c)),
        organization: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
        code: [concept(SYSTEM.practitionerRole, c.role, c.role === 'doctor' ? 'Doctor' : 'Nurse')],
        specialty: [specialtyConcept(c)],
        location: [ref('Location', session.location, LOCATION_NAMES[session.location])],
        telecom: [{ system: 'phone', value: session.location === 'loc-main' ? '+1 845-555-0100' : '+1 845-555-0200', use: 'work' }],
        availableTime: [
          {
            daysOfWeek: session.weekdays.map((d) => (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[d]!),
            availableStartTime: '08:00:00',
            availableEndTime: '17:00:00',
          },
        ],
      });
    }
  }
  return roles;
}
