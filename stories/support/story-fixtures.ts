import type { Appointment, FhirResource, Identifier, Location, Patient, Person, Practitioner, Schedule, Slot } from 'fhir/r4';
import type { Account } from '../../demo/server/auth/provider.js';
import { addDays, CLINIC_TIME_ZONE, dayOfWeek, localDateOf, zonedDateTime, type LocalDate } from '../../demo/server/seed/calendar.js';
import { buildPatient, patientProfiles, type PatientId } from '../../demo/server/seed/patients.js';
import { timezoneExtension } from '../../demo/server/seed/terminology.js';
import { SERVICE_CATEGORIES, visitServiceType } from '../../demo/server/seed/visit-types.js';
import { storyNow } from './story-fhir.js';

/**
 * What stories show beyond the demo seed: records with very long or missing data, written into the
 * stories' server over the seed (`parameters.storyFhir.fixtures`), and the seed's own patients for
 * elements given a Patient directly.
 */

/** The seed's Patient `id` as the stories' server holds it today (for `.patient` without a session). */
export function seedPatient(id: PatientId): Patient {
  const today = localDateOf(storyNow());
  const profiles = patientProfiles(today, false);
  const profile = profiles.find((p) => p.id === id);
  if (!profile) throw new Error(`The seed has no patient ${id}.`);
  return buildPatient(profile, profiles, today);
}

const MRN_SYSTEM = 'https://fhir.story.invalid/identifiers/mrn';

function mrn(value: string): Identifier {
  return {
    use: 'usual',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }], text: 'MRN' },
    system: MRN_SYSTEM,
    value,
  };
}

/** Ids of the fixture records. */
export const FIXTURE_IDS = {
  /** A very long name and identifier. */
  long: 'story-long',
  /** No birth date. */
  noBirthDate: 'story-no-birth-date',
  /** No identifier at all. */
  noMrn: 'story-no-mrn',
  /** A proxy with a very long name, for the long and the no-MRN records. */
  longProxy: 'person-story-long',
  /** A record with nothing in it: no visits, no results. */
  empty: 'story-empty',
  /** A clinician and a place with very long names (with open times, and the long record's visits). */
  longClinician: 'dr-story-long',
  longLocation: 'loc-story-long',
} as const;

export const longName: Patient = {
  resourceType: 'Patient',
  id: FIXTURE_IDS.long,
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
  id: FIXTURE_IDS.noBirthDate,
  identifier: [mrn('MRN-550912')],
  name: [{ use: 'official', family: 'Nguyen', given: ['Bao'] }],
  gender: 'unknown',
};

export const noMrn: Patient = {
  resourceType: 'Patient',
  id: FIXTURE_IDS.noMrn,
  name: [{ use: 'official', family: 'Kowalski', given: ['Piotr'] }],
  gender: 'male',
  birthDate: '1979-12-01',
};

/** A proxy with a very long name, acting for the long-named patient and the one without an MRN. */
export const longProxy: Person = {
  resourceType: 'Person',
  id: FIXTURE_IDS.longProxy,
  name: [{ use: 'official', given: ['Maximiliano', 'Bartholomew'], family: 'Featherstonehaugh-Wolfeschlegelsteinhausen' }],
  link: [{ target: { reference: `Patient/${FIXTURE_IDS.long}` } }, { target: { reference: `Patient/${FIXTURE_IDS.noMrn}` } }],
};

/** The long-data records, with the account of their proxy (user `story-long`). */
export const LONG_DATA = {
  resources: [longName, noMrn, longProxy] as FhirResource[],
  accounts: [
    {
      username: 'story-long',
      password: 'story-long-demo',
      displayName: 'Maximiliano Bartholomew Featherstonehaugh-Wolfeschlegelsteinhausen',
      description: 'A proxy with a very long name',
      fhirUser: `Person/${FIXTURE_IDS.longProxy}`,
      patients: [FIXTURE_IDS.long, FIXTURE_IDS.noMrn],
      patientNames: {},
    },
  ] satisfies Account[],
} as const;

/** A record with nothing in it (user `story-empty`): the empty states. */
export const EMPTY_RECORD = {
  resources: [{ resourceType: 'Patient', id: FIXTURE_IDS.empty, name: [{ use: 'official', family: 'Lindgren', given: ['Ines'] }], gender: 'female', birthDate: '1990-05-17' } satisfies Patient] as FhirResource[],
  accounts: [
    {
      username: 'story-empty',
      password: 'story-empty-demo',
      displayName: 'Ines Lindgren',
      description: 'A record with nothing in it',
      fhirUser: `Patient/${FIXTURE_IDS.empty}`,
      patients: [FIXTURE_IDS.empty],
      patientNames: {},
    },
  ] satisfies Account[],
} as const;

const LONG_CLINICIAN_NAME = 'Dr. Anneliese Maximiliane von Hohenzollern-Sigmaringen-Featherstonehaugh, MD, PhD, FACP';
const LONG_LOCATION_NAME = 'Riverside Health Comprehensive Ambulatory Care and Diagnostic Imaging Pavilion, North Wing, Floor 4';
const LONG_REASON =
  'Follow-up of my blood pressure readings from home, which have been higher in the mornings, and a question about whether my new medication could be causing the dizziness I feel when I stand up quickly.';

/**
 * The long-named clinician at the long-named place: a schedule with open annual-physical times on the
 * clinic days of the next two weeks, and for the long record (`story-long`) `visits` upcoming and
 * `visits` past visits there, with a long reason each.
 */
export function longNamedClinic(visits: number, now = storyNow()): { resources: FhirResource[]; accounts: readonly Account[] } {
  const today = localDateOf(now);
  const service = [visitServiceType('annual-physical', SERVICE_CATEGORIES.generalPractice)];
  const clinician = { reference: `Practitioner/${FIXTURE_IDS.longClinician}`, display: LONG_CLINICIAN_NAME };
  const place = { reference: `Location/${FIXTURE_IDS.longLocation}`, display: LONG_LOCATION_NAME };
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id: FIXTURE_IDS.longClinician,
    active: true,
    name: [{ use: 'official', text: LONG_CLINICIAN_NAME, prefix: ['Dr.'], given: ['Anneliese', 'Maximiliane'], family: 'von Hohenzollern-Sigmaringen-Featherstonehaugh', suffix: ['MD', 'PhD', 'FACP'] }],
  };
  const location: Location = { resourceType: 'Location', id: FIXTURE_IDS.longLocation, status: 'active', name: LONG_LOCATION_NAME, extension: [timezoneExtension(CLINIC_TIME_ZONE)] };
  const schedule: Schedule = {
    resourceType: 'Schedule',
    id: 'sched-story-long',
    active: true,
    extension: [timezoneExtension(CLINIC_TIME_ZONE)],
    serviceType: service,
    actor: [clinician, place],
  };
  const clinicDays: LocalDate[] = [];
  for (let day = 1; clinicDays.length < 10; day++) {
    const date = addDays(today, day);
    if (dayOfWeek(date) >= 1 && dayOfWeek(date) <= 5) clinicDays.push(date);
  }
  const slots: Slot[] = clinicDays.flatMap((date, i) =>
    [9, 14].map((hour) => ({
      resourceType: 'Slot' as const,
      id: `slot-story-long-${i}-${hour}`,
      schedule: { reference: 'Schedule/sched-story-long' },
      status: 'free' as const,
      serviceType: service,
      start: zonedDateTime(date, hour),
      end: zonedDateTime(date, hour, 30),
    })),
  );
  const visit = (index: number, daysFromToday: number): Appointment => {
    const date = addDays(today, daysFromToday);
    return {
      resourceType: 'Appointment',
      id: `appt-story-long-${daysFromToday < 0 ? 'past' : 'next'}-${index}`,
      status: daysFromToday < 0 ? 'fulfilled' : 'booked',
      serviceType: service,
      reasonCode: [{ text: LONG_REASON }],
      start: zonedDateTime(date, 8 + (index % 8)),
      end: zonedDateTime(date, 8 + (index % 8), 30),
      minutesDuration: 30,
      participant: [
        { actor: { reference: `Patient/${FIXTURE_IDS.long}`, display: 'María de los Remedios Fernández de Córdoba' }, required: 'required', status: 'accepted' },
        { actor: clinician, required: 'required', status: 'accepted' },
        { actor: place, required: 'required', status: 'accepted' },
      ],
    };
  };
  const appointments = Array.from({ length: visits }, (_, i) => [visit(i, 3 + i * 3), visit(i, -(3 + i * 3))]).flat();
  return { resources: [...LONG_DATA.resources, practitioner, location, schedule, ...slots, ...appointments], accounts: LONG_DATA.accounts };
}

/**
 * Upcoming visits of Maria's in the states the seed does not hold: a walk-in later today (inside any
 * cancel cutoff), a time she asked for that the clinic has not confirmed (`pending`), and a waitlist
 * request for an earlier follow-up. Times follow the clock, so "later today" stays ahead.
 */
export function upcomingInEveryState(clock = new Date()): { resources: FhirResource[] } {
  const today = localDateOf(clock);
  const inHours = (hours: number) => new Date(Math.ceil((clock.getTime() + hours * 3_600_000) / 600_000) * 600_000);
  const participants = (patientStatus: 'accepted' | 'needs-action'): Appointment['participant'] => [
    { actor: { reference: 'Patient/maria', display: 'Maria Hernández' }, required: 'required', status: patientStatus },
    { actor: { reference: 'Practitioner/dr-okafor', display: 'Dr. Chidi Okafor' }, required: 'required', status: 'accepted' },
    { actor: { reference: 'Location/loc-north', display: 'Riverside North Clinic' }, required: 'required', status: 'accepted' },
  ];
  const walkInStart = inHours(3);
  const walkIn: Appointment = {
    resourceType: 'Appointment',
    id: 'appt-story-walk-in',
    status: 'booked',
    serviceType: [visitServiceType('sick-visit', SERVICE_CATEGORIES.generalPractice)],
    reasonCode: [{ text: 'Sore throat and fever since yesterday' }],
    start: walkInStart.toISOString(),
    end: new Date(walkInStart.getTime() + 20 * 60_000).toISOString(),
    participant: participants('accepted'),
  };
  const pending: Appointment = {
    resourceType: 'Appointment',
    id: 'appt-story-pending',
    status: 'pending',
    serviceType: [visitServiceType('follow-up', SERVICE_CATEGORIES.generalPractice)],
    start: zonedDateTime(addDays(today, 12), 10),
    end: zonedDateTime(addDays(today, 12), 10, 20),
    requestedPeriod: [{ start: zonedDateTime(addDays(today, 12), 10), end: zonedDateTime(addDays(today, 12), 10, 20) }],
    participant: participants('needs-action'),
  };
  const waitlist: Appointment = {
    resourceType: 'Appointment',
    id: 'appt-story-waitlist',
    status: 'waitlist',
    serviceType: [visitServiceType('follow-up', SERVICE_CATEGORIES.generalPractice)],
    requestedPeriod: [{ start: zonedDateTime(addDays(today, 1), 0), end: zonedDateTime(addDays(today, 14), 0) }],
    comment: 'Any morning works for me.',
    participant: participants('needs-action'),
  };
  return { resources: [walkIn, pending, waitlist] };
}
