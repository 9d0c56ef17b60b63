import type { Appointment, AppointmentParticipant, CodeableConcept, HumanName, Location, Practitioner, Reference, Schedule, Slot } from 'fhir/r4';
import type { OpenTime } from '@portico/appointment-booker';
import { PATIENT_IDS } from './data.js';

/**
 * The clinic behind the stories' scheduling server (`demo-scheduling.ts`): two locations in New York,
 * four clinicians, open times generated relative to today (so a calendar always has marked days; some
 * days are fully booked) and appointments for every story patient. The same day and options always
 * give the same clinic, so a story can name a time that is free on the server (`openTimeForStory`).
 */

/** The clinic's time zone (the standard timezone extension on every Location). */
export const CLINIC_TIME_ZONE = 'America/New_York';
export const VISIT_TYPE_SYSTEM = 'https://fhir.story.invalid/CodeSystem/visit-type';
const TIMEZONE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/timezone';
const CANCELLATION_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';

const VISIT_TYPES = {
  'annual-physical': 'Annual physical',
  'follow-up': 'Follow-up visit',
  'skin-check': 'Skin check',
  'sick-visit': 'Same-day sick visit',
} as const;
type VisitType = keyof typeof VISIT_TYPES;

/** The visit types the schedules offer, as `system|code` tokens for the `service-type` attribute. */
export const VISIT_TYPE_TOKENS = {
  annualPhysical: `${VISIT_TYPE_SYSTEM}|annual-physical`,
  followUp: `${VISIT_TYPE_SYSTEM}|follow-up`,
  skinCheck: `${VISIT_TYPE_SYSTEM}|skin-check`,
} as const;

/** Practitioner ids, for the `practitioner` attribute. `long` exists only with `longNames`. */
export const CLINICIAN_IDS = { chen: 'dr-chen', osei: 'dr-osei', alvarez: 'np-alvarez', lindqvist: 'dr-lindqvist', long: 'dr-long' } as const;
/** Location ids, for the `location` attribute. `long` exists only with `longNames`. */
export const LOCATION_IDS = { riverside: 'loc-riverside', hilltop: 'loc-hilltop', long: 'loc-long' } as const;

type ClinicianId = (typeof CLINICIAN_IDS)[keyof typeof CLINICIAN_IDS];
type LocationId = (typeof LOCATION_IDS)[keyof typeof LOCATION_IDS];

export interface DemoClinicOptions {
  /**
   * When the clinic has open times: `usual` (default: from today on, about a third of the times free,
   * some days fully booked), `next-month` (nothing before the 10th of next month) or `none`.
   */
  openTimes?: 'usual' | 'next-month' | 'none';
  /** Each patient's appointments: `some` (default: upcoming, waitlist and past), `many` (56 upcoming and 56 past) or `none`. */
  visits?: 'some' | 'many' | 'none';
  /** Adds a clinician and a location with very long names, with open times and visits. */
  longNames?: boolean;
}

/** How many days of open times exist (beyond the booker's default `days-ahead` of 90). */
const HORIZON_DAYS = 120;
const LUNCH = [12 * 60, 13 * 60] as const;
const DAY = [9 * 60, 17 * 60] as const;

// ---------------------------------------------------------------------------------------------------
// Clinic days and instants in the clinic's time zone

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const wallFormat = new Intl.DateTimeFormat('en-US', { timeZone: CLINIC_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });

function partsOf(format: Intl.DateTimeFormat, at: Date): Record<string, number> {
  return Object.fromEntries(format.formatToParts(at).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

/** The clinic's calendar day ('YYYY-MM-DD') at an instant. */
function clinicDay(at: Date): string {
  const p = partsOf(dayFormat, at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/** The clinic's wall clock minus UTC, in ms, at an instant. */
function zoneOffset(at: number): number {
  const p = partsOf(wallFormat, new Date(at));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - Math.floor(at / 60_000) * 60_000;
}

/** The instant of a wall-clock time on a clinic day, as a FHIR instant in UTC. */
function clinicInstant(day: string, minuteOfDay: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  const at = wall - zoneOffset(wall - zoneOffset(wall));
  return new Date(at).toISOString().replace('.000Z', 'Z');
}

function instant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A stable pseudo-random number for a string (FNV-1a), so the same day always looks the same. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// The clinic

function visitConcept(type: VisitType): CodeableConcept {
  return { coding: [{ system: VISIT_TYPE_SYSTEM, code: type, display: VISIT_TYPES[type] }], text: VISIT_TYPES[type] };
}

function location(id: LocationId, name: string, line: string[], city: string, postalCode: string, phone: string): Location {
  return {
    resourceType: 'Location',
    id,
    meta: { versionId: '1' },
    extension: [{ url: TIMEZONE_EXTENSION, valueCode: CLINIC_TIME_ZONE }],
    status: 'active',
    name,
    telecom: [{ system: 'phone', value: phone, use: 'work' }],
    address: { use: 'work', line, city, state: 'NY', postalCode, country: 'US' },
  };
}

const LOCATIONS: Location[] = [
  location(LOCATION_IDS.riverside, 'Riverside Family Clinic', ['200 Riverside Drive, Suite 3'], 'Albany', '12207', '(518) 555-0142'),
  location(LOCATION_IDS.hilltop, 'Hilltop Health Center', ['75 Summit Avenue'], 'Troy', '12180', '(518) 555-0199'),
];
const LONG_LOCATION = location(
  LOCATION_IDS.long,
  'The Margaret and Theodore Vanderhoeven-Abernathy Memorial Community Health and Family Wellness Pavilion, East Campus Annex',
  ['Building 14B, Third Floor, Suite 3120', '12500 North Saint Lawrence Seaway Memorial Parkway'],
  'Schenectady',
  '12345-6789',
  '+1 (518) 555-0100 ext. 40213',
);

interface Session {
  location: LocationId;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: number[];
  visitTypes: VisitType[];
  minutes: number;
}

interface Clinician {
  id: ClinicianId;
  name: HumanName;
  sessions: Session[];
}

const CLINICIANS: Clinician[] = [
  {
    id: CLINICIAN_IDS.chen,
    name: { use: 'official', prefix: ['Dr.'], given: ['Mei'], family: 'Chen', suffix: ['MD'] },
    sessions: [
      { location: LOCATION_IDS.riverside, weekdays: [1, 2, 4], visitTypes: ['annual-physical', 'follow-up'], minutes: 30 },
      { location: LOCATION_IDS.hilltop, weekdays: [5], visitTypes: ['follow-up'], minutes: 30 },
    ],
  },
  {
    id: CLINICIAN_IDS.osei,
    name: { use: 'official', prefix: ['Dr.'], given: ['Kwame'], family: 'Osei', suffix: ['MD'] },
    sessions: [{ location: LOCATION_IDS.hilltop, weekdays: [1, 3, 4], visitTypes: ['annual-physical', 'follow-up'], minutes: 30 }],
  },
  {
    id: CLINICIAN_IDS.alvarez,
    name: { use: 'official', given: ['Sofía'], family: 'Alvarez', suffix: ['NP'] },
    sessions: [{ location: LOCATION_IDS.riverside, weekdays: [2, 3, 5], visitTypes: ['annual-physical', 'follow-up'], minutes: 30 }],
  },
  {
    id: CLINICIAN_IDS.lindqvist,
    name: { use: 'official', prefix: ['Dr.'], given: ['Anna'], family: 'Lindqvist', suffix: ['MD'] },
    sessions: [{ location: LOCATION_IDS.hilltop, weekdays: [2, 4], visitTypes: ['skin-check'], minutes: 20 }],
  },
];
const LONG_CLINICIAN: Clinician = {
  id: CLINICIAN_IDS.long,
  name: { use: 'official', prefix: ['Dr.'], given: ['Maximiliana', 'Alexandra', 'Konstantina'], family: 'Papadopoulou-Wolfeschlegelsteinhausen', suffix: ['MD', 'PhD', 'FAAFP'] },
  sessions: [{ location: LOCATION_IDS.long, weekdays: [1, 3, 5], visitTypes: ['annual-physical', 'follow-up'], minutes: 30 }],
};

function displayName(name: HumanName): string {
  return [...(name.prefix ?? []), ...(name.given ?? []), name.family].filter(Boolean).join(' ') + (name.suffix?.length ? `, ${name.suffix.join(', ')}` : '');
}

function practitioner(c: Clinician): Practitioner {
  return { resourceType: 'Practitioner', id: c.id, meta: { versionId: '1' }, active: true, name: [c.name] };
}

function scheduleIdOf(clinician: ClinicianId, location: LocationId): string {
  return `sched-${clinician}-${location.replace('loc-', '')}`;
}

/** The start minutes of a clinic day's slots (09:00–17:00, closed 12–1). */
function slotMinutes(minutes: number): number[] {
  const starts: number[] = [];
  for (let t = DAY[0]; t + minutes <= DAY[1]; t += minutes) if (t + minutes <= LUNCH[0] || t >= LUNCH[1]) starts.push(t);
  return starts;
}

/** The clinic as the server holds it (maps keyed by id). */
export interface Clinic {
  today: string;
  practitioners: Map<string, Practitioner>;
  locations: Map<string, Location>;
  schedules: Map<string, Schedule>;
  /** Sorted by start. */
  slots: Map<string, Slot>;
  appointments: Map<string, Appointment>;
}

/** Is this slot free when the clinic is generated? Deterministic for a day, so drafts can name a free slot. */
function freeAtStart(slotId: string, day: string, options: DemoClinicOptions, today: string): boolean {
  const mode = options.openTimes ?? 'usual';
  if (mode === 'none') return false;
  if (mode === 'next-month' && day < plusDays(`${plusDays(today.slice(0, 8) + '01', 32).slice(0, 8)}01`, 9)) return false;
  // About one clinic day in six is booked solid; elsewhere about a third of the times are free.
  if (hash(`full:${day}`) % 6 === 0) return false;
  return hash(slotId) % 100 < 35;
}

/** Generates the clinic for the day of `now` (the same clinic for the same day and options). */
export function buildClinic(options: DemoClinicOptions, now: Date): Clinic {
  const today = clinicDay(now);
  const clinicians = options.longNames ? [...CLINICIANS, LONG_CLINICIAN] : CLINICIANS;
  const locations = options.longNames ? [...LOCATIONS, LONG_LOCATION] : LOCATIONS;
  const clinic: Clinic = {
    today,
    practitioners: new Map(clinicians.map((c) => [c.id, practitioner(c)])),
    locations: new Map(locations.map((l) => [l.id!, l])),
    schedules: new Map(),
    slots: new Map(),
    appointments: new Map(),
  };
  const slots: Slot[] = [];
  for (const c of clinicians) {
    for (const session of c.sessions) {
      const id = scheduleIdOf(c.id, session.location);
      const place = clinic.locations.get(session.location)!;
      const serviceType = session.visitTypes.map(visitConcept);
      clinic.schedules.set(id, {
        resourceType: 'Schedule',
        id,
        meta: { versionId: '1' },
        active: true,
        serviceType,
        actor: [
          { reference: `Practitioner/${c.id}`, display: displayName(c.name) },
          { reference: `Location/${session.location}`, display: place.name },
        ],
        planningHorizon: { start: clinicInstant(today, 0), end: clinicInstant(plusDays(today, HORIZON_DAYS), 0) },
        comment: `${displayName(c.name)} at ${place.name}: ${session.minutes}-minute visits.`,
      });
      for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
        const day = plusDays(today, offset);
        if (!session.weekdays.includes(weekdayOf(day))) continue;
        for (const minute of slotMinutes(session.minutes)) {
          const slotId = `slot-${c.id}-${session.location.replace('loc-', '')}-${day.replaceAll('-', '')}-${String(minute).padStart(4, '0')}`;
          slots.push({
            resourceType: 'Slot',
            id: slotId,
            meta: { versionId: '1' },
            schedule: { reference: `Schedule/${id}` },
            serviceType,
            status: freeAtStart(slotId, day, options, today) ? 'free' : 'busy',
            start: clinicInstant(day, minute),
            end: clinicInstant(day, minute + session.minutes),
          });
        }
      }
    }
  }
  slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const slot of slots) clinic.slots.set(slot.id!, slot);
  for (const appointment of seedAppointments(clinic, clinicians, options, now)) clinic.appointments.set(appointment.id!, appointment);
  return clinic;
}

// ---------------------------------------------------------------------------------------------------
// The patients' appointments

interface VisitSeed {
  key: string;
  patient: string;
  clinician: Clinician;
  location: LocationId;
  type: VisitType;
  status: Appointment['status'];
  start?: string;
  end?: string;
  slot?: Slot;
  reason?: string;
  comment?: string;
  patientInstruction?: string;
  cancelationReason?: CodeableConcept;
  requestedPeriod?: { start: string; end: string };
  created: string;
}

const INSTRUCTIONS: Partial<Record<VisitType, string>> = {
  'annual-physical':
    'Please arrive 15 minutes early. Bring your insurance card, a photo ID and a list of the medicines you take. Fasting: nothing to eat or drink except water for 10 hours before your visit.',
  'follow-up': 'Bring your home blood pressure log, if you keep one.',
  'skin-check': 'Please come without make-up or nail polish, so every spot can be seen.',
};

const LONG_REASONS = [
  'Follow-up on blood pressure readings at home, which have been higher in the mornings since the new medication was started three weeks ago, and occasional dizziness when standing up quickly',
  'Annual physical',
  'Rash on both forearms that comes and goes',
  'Review of lab results',
];

function appointmentOf(seed: VisitSeed, places: Map<string, Location>): Appointment {
  const place = places.get(seed.location);
  const participant: AppointmentParticipant[] = [
    { actor: { reference: `Patient/${seed.patient}` }, required: 'required', status: 'accepted' },
    { actor: { reference: `Practitioner/${seed.clinician.id}`, display: displayName(seed.clinician.name) }, required: 'required', status: seed.status === 'waitlist' ? 'needs-action' : 'accepted' },
    { actor: { reference: `Location/${seed.location}`, display: place?.name }, required: 'required', status: seed.status === 'waitlist' ? 'needs-action' : 'accepted' },
  ];
  return {
    resourceType: 'Appointment',
    id: `appt-${seed.patient.replace(/^pat-/, '')}-${seed.key}`,
    meta: { versionId: '1' },
    status: seed.status,
    serviceType: [visitConcept(seed.type)],
    ...(seed.start && seed.end ? { start: seed.start, end: seed.end, minutesDuration: Math.round((Date.parse(seed.end) - Date.parse(seed.start)) / 60_000) } : {}),
    ...(seed.slot ? { slot: [{ reference: `Slot/${seed.slot.id}` }] } : {}),
    created: seed.created,
    ...(seed.reason ? { description: seed.reason, reasonCode: [{ text: seed.reason }] } : {}),
    ...(seed.comment ? { comment: seed.comment } : {}),
    ...(seed.patientInstruction ? { patientInstruction: seed.patientInstruction } : {}),
    ...(seed.cancelationReason ? { cancelationReason: seed.cancelationReason } : {}),
    ...(seed.requestedPeriod ? { requestedPeriod: [seed.requestedPeriod] } : {}),
    participant,
  };
}

/**
 * The `nth` slot of the first day on or after `from` that the clinician works at `location`, taken
 * (set busy) for a seeded visit.
 */
function takeSlot(clinic: Clinic, clinician: Clinician, location: LocationId, from: string, nth: number): Slot | undefined {
  const session = clinician.sessions.find((s) => s.location === location);
  if (!session) return undefined;
  for (let day = from; day <= plusDays(clinic.today, HORIZON_DAYS); day = plusDays(day, 1)) {
    if (!session.weekdays.includes(weekdayOf(day))) continue;
    const minutes = slotMinutes(session.minutes);
    const minute = minutes[nth % minutes.length]!;
    const slot = clinic.slots.get(`slot-${clinician.id}-${location.replace('loc-', '')}-${day.replaceAll('-', '')}-${String(minute).padStart(4, '0')}`);
    if (!slot) return undefined;
    slot.status = 'busy';
    return slot;
  }
  return undefined;
}

/**
 * The first half hour at least two hours from now that falls in clinic hours (08:00–16:30, any day):
 * never more than 17 hours away, so always inside the booker's default 24-hour cancellation cutoff.
 */
function soonInClinicHours(now: Date): number {
  let at = Math.ceil((now.getTime() + 2 * 3_600_000) / 1_800_000) * 1_800_000;
  for (;;) {
    const p = partsOf(wallFormat, new Date(at));
    const minute = p.hour! * 60 + p.minute!;
    if (minute >= 8 * 60 && minute <= 16 * 60 + 30) return at;
    at += 1_800_000;
  }
}

/** A weekday on or before `day` (past visits happened on clinic days). */
function workdayBefore(day: string): string {
  const weekday = weekdayOf(day);
  return weekday === 0 ? plusDays(day, -2) : weekday === 6 ? plusDays(day, -1) : day;
}

function pastVisit(key: string, patient: string, clinician: Clinician, type: VisitType, daysAgo: number, minute: number, today: string, extra: Partial<VisitSeed> = {}): VisitSeed {
  const session = clinician.sessions[0]!;
  const day = workdayBefore(plusDays(today, -daysAgo));
  return {
    key,
    patient,
    clinician,
    location: session.location,
    type,
    status: 'fulfilled',
    start: clinicInstant(day, minute),
    end: clinicInstant(day, minute + session.minutes),
    created: clinicInstant(plusDays(day, -21), 10 * 60),
    ...extra,
  };
}

function seedAppointments(clinic: Clinic, clinicians: Clinician[], options: DemoClinicOptions, now: Date): Appointment[] {
  const mode = options.visits ?? 'some';
  if (mode === 'none') return [];
  const [chen, osei, alvarez, lindqvist] = CLINICIANS as [Clinician, Clinician, Clinician, Clinician];
  const { today } = clinic;
  const patients = Object.values(PATIENT_IDS);
  const seeds: VisitSeed[] = [];
  const fromSlot = (slot: Slot | undefined) => (slot ? { start: slot.start, end: slot.end, slot } : {});
  patients.forEach((patient, index) => {
    if (mode === 'many') {
      for (let i = 0; i < 56; i++) {
        const clinician = clinicians[(i + index) % clinicians.length]!;
        const session = clinician.sessions[0]!;
        const day = plusDays(today, 1 + Math.floor(i * 1.6));
        const minute = slotMinutes(session.minutes)[(i * 3 + index) % slotMinutes(session.minutes).length]!;
        const type = session.visitTypes[i % session.visitTypes.length]!;
        const waitlist = i % 13 === 7;
        seeds.push({
          key: `upcoming-${i}`,
          patient,
          clinician,
          location: session.location,
          type,
          status: waitlist ? 'waitlist' : i % 11 === 5 ? 'pending' : 'booked',
          ...(waitlist ? { requestedPeriod: { start: today, end: plusDays(today, 60) } } : { start: clinicInstant(day, minute), end: clinicInstant(day, minute + session.minutes) }),
          reason: LONG_REASONS[i % LONG_REASONS.length],
          ...(i % 4 === 0 ? { patientInstruction: INSTRUCTIONS[type] } : {}),
          created: instant(now.getTime() - (i + 1) * 86_400_000),
        });
        const statuses = ['fulfilled', 'cancelled', 'fulfilled', 'noshow'] as const;
        const status = statuses[i % statuses.length]!;
        seeds.push(
          pastVisit(`past-${i}`, patient, clinician, type, 3 + i * 5, minute, today, {
            status,
            reason: LONG_REASONS[(i + 1) % LONG_REASONS.length],
            ...(status === 'cancelled'
              ? { cancelationReason: { coding: [{ system: CANCELLATION_REASON_SYSTEM, code: 'pat-cpp', display: 'Patient: Canceled via Patient Portal' }], text: 'Could not get time off work that week; I will book again once my schedule for next month is settled.' } }
              : {}),
          }),
        );
      }
      return;
    }
    // A walk-in visit within the day: inside the cancellation cutoff, so the list says to call instead.
    const soon = soonInClinicHours(now);
    seeds.push({ key: 'soon', patient, clinician: chen, location: LOCATION_IDS.riverside, type: 'sick-visit', status: 'booked', start: instant(soon), end: instant(soon + 20 * 60_000), reason: 'Sore throat and fever since yesterday', created: instant(now.getTime() - 3_600_000) });
    seeds.push({
      key: 'physical',
      patient,
      clinician: osei,
      location: LOCATION_IDS.hilltop,
      type: 'annual-physical',
      status: 'booked',
      ...fromSlot(takeSlot(clinic, osei, LOCATION_IDS.hilltop, plusDays(today, 9), 1 + index)),
      reason: 'Annual physical',
      patientInstruction: INSTRUCTIONS['annual-physical'],
      comment: 'Lab work is drawn at the same visit.',
      created: instant(now.getTime() - 12 * 86_400_000),
    });
    seeds.push({
      key: 'skin',
      patient,
      clinician: lindqvist,
      location: LOCATION_IDS.hilltop,
      type: 'skin-check',
      status: 'booked',
      ...fromSlot(takeSlot(clinic, lindqvist, LOCATION_IDS.hilltop, plusDays(today, 20), 2 + index)),
      reason: 'Mole on upper back that has changed colour',
      patientInstruction: INSTRUCTIONS['skin-check'],
      created: instant(now.getTime() - 5 * 86_400_000),
    });
    seeds.push({
      key: 'pending',
      patient,
      clinician: alvarez,
      location: LOCATION_IDS.riverside,
      type: 'follow-up',
      status: 'pending',
      ...fromSlot(takeSlot(clinic, alvarez, LOCATION_IDS.riverside, plusDays(today, 30), 4 + index)),
      reason: 'Blood pressure check after the change of medicine',
      created: instant(now.getTime() - 2 * 86_400_000),
    });
    seeds.push({
      key: 'waitlist',
      patient,
      clinician: chen,
      location: LOCATION_IDS.riverside,
      type: 'follow-up',
      status: 'waitlist',
      requestedPeriod: { start: today, end: plusDays(today, 60) },
      comment: 'Any weekday morning',
      created: instant(now.getTime() - 2 * 86_400_000),
    });
    seeds.push(pastVisit('past-follow-up', patient, chen, 'follow-up', 14, 9 * 60 + 30, today, { reason: 'Blood pressure follow-up' }));
    seeds.push(
      pastVisit('past-cancelled', patient, osei, 'annual-physical', 45, 10 * 60, today, {
        status: 'cancelled',
        reason: 'Annual physical',
        cancelationReason: { coding: [{ system: CANCELLATION_REASON_SYSTEM, code: 'oth-weath', display: 'Other: Weather' }], text: 'The clinic closed for a snowstorm.' },
      }),
    );
    seeds.push(pastVisit('past-noshow', patient, alvarez, 'follow-up', 120, 14 * 60, today, { status: 'noshow', reason: 'Medication review' }));
    seeds.push(pastVisit('past-skin', patient, lindqvist, 'skin-check', 210, 10 * 60 + 40, today, { reason: 'Itchy rash on forearms' }));
    seeds.push(pastVisit('past-physical', patient, chen, 'annual-physical', 380, 9 * 60, today, { reason: 'Annual physical' }));
  });
  return seeds.map((seed) => appointmentOf(seed, clinic.locations));
}

/** What the clinic tells a patient booked for this visit type (set on new bookings by the server). */
export function instructionFor(appointment: Appointment): string | undefined {
  const code = appointment.serviceType?.flatMap((c) => c.coding ?? []).find((c) => c.system === VISIT_TYPE_SYSTEM)?.code;
  return code && code in INSTRUCTIONS ? INSTRUCTIONS[code as VisitType] : undefined;
}

/** Does a concept carry the token `system|code` (or a bare code)? */
export function tokenMatches(concept: CodeableConcept, token: string): boolean {
  const [system, code] = token.includes('|') ? token.split('|') : [undefined, token];
  return !!concept.coding?.some((c) => c.code === code && (system === undefined || system === '' || c.system === system));
}

// ---------------------------------------------------------------------------------------------------
// For stories that start part-way through booking

/**
 * The first open time at least `daysAhead` days from today (of a visit type, with a clinician, when
 * given), as the booker describes one: for a draft that opens on the review step. The clinic is
 * generated the same way the server generates it, so the time is free on the server too.
 */
export function openTimeForStory(query: { serviceType?: string; practitioner?: string; daysAhead?: number } = {}, options: DemoClinicOptions = {}): OpenTime {
  const now = new Date();
  const clinic = buildClinic(options, now);
  const from = Math.max(now.getTime() + 3 * 3_600_000, Date.parse(clinicInstant(plusDays(clinic.today, query.daysAhead ?? 2), 0)));
  for (const slot of clinic.slots.values()) {
    if (slot.status !== 'free' || Date.parse(slot.start) < from) continue;
    if (query.serviceType && !(slot.serviceType ?? []).some((c) => tokenMatches(c, query.serviceType!))) continue;
    const idOf = (ref: Reference | undefined) => ref?.reference?.split('/').pop() ?? '';
    const schedule = clinic.schedules.get(idOf(slot.schedule))!;
    const [practitionerRef, locationRef] = schedule.actor;
    if (query.practitioner && idOf(practitionerRef) !== query.practitioner) continue;
    const place = clinic.locations.get(idOf(locationRef));
    return {
      slot,
      start: slot.start,
      end: slot.end,
      schedule,
      practitioner: clinic.practitioners.get(idOf(practitionerRef)),
      location: place,
      timeZone: CLINIC_TIME_ZONE,
      serviceTypes: slot.serviceType ?? [],
    };
  }
  throw new Error('The demo clinic has no open time to start a story from.');
}

/** The clinic day ('YYYY-MM-DD') of an open time. */
export function clinicDayOf(time: OpenTime): string {
  return clinicDay(new Date(time.start));
}
