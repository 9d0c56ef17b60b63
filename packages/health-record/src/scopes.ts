import { addDays, localToday, type EarlySearch, type FirstSearches } from '@portico/core';
import { sectionsNamed, type HealthRecordSection } from './sections.js';

/**
 * The SMART scopes `<health-record>` needs, all read-only: the conditions, allergies, immunizations, past visits and clinicians' notes (and their files) and vital signs,
 * and the clinicians and places they name. Apart from the element, so a page that loads the element
 * later (portico.js) can still ask for them at sign-in.
 */
export const HEALTH_RECORD_SCOPES = [
  'patient/Condition.rs',
  'patient/AllergyIntolerance.rs',
  'patient/Immunization.rs',
  'patient/Encounter.rs',
  'patient/DocumentReference.rs',
  'patient/Binary.r',
  'patient/Observation.rs',
  'patient/Practitioner.rs',
  'patient/Location.rs',
  'patient/Organization.rs',
] as const;

/**
 * The SMART scopes `<health-reminders>` needs, all read-only: vaccine forecasts, care plans, orders and
 * booked visits, and the clinicians and places the visits name.
 */
export const HEALTH_REMINDERS_SCOPES = [
  'patient/ImmunizationRecommendation.rs',
  'patient/CarePlan.rs',
  'patient/ServiceRequest.rs',
  'patient/Appointment.rs',
  'patient/Practitioner.rs',
  'patient/Location.rs',
] as const;

/** Records read per request for a section (a page of its search; further pages only for a longer history). */
export const SECTION_PAGE = 200;

/** Each section's search: one request, with the people and places it names (`_include`). */
const SECTION_SEARCHES = {
  conditions: { type: 'Condition', include: ['Condition:asserter'] },
  allergies: { type: 'AllergyIntolerance', include: ['AllergyIntolerance:recorder', 'AllergyIntolerance:asserter'] },
  immunizations: { type: 'Immunization', include: ['Immunization:location', 'Immunization:performer'], sort: '-date' },
  notes: { type: 'DocumentReference', include: ['DocumentReference:author'], sort: '-date', category: 'clinical-note' },
  vitals: { type: 'Observation', include: [], sort: '-date', category: 'vital-signs' },
  visits: { type: 'Encounter', include: ['Encounter:participant', 'Encounter:location', 'Encounter:diagnosis'], sort: '-date' },
} as const satisfies Record<HealthRecordSection, { type: EarlySearch['resourceType']; include: readonly string[]; sort?: string; category?: string }>;

/** One section's search for the patient. */
export function sectionSearch(section: HealthRecordSection, patientId: string): EarlySearch {
  const search: { type: EarlySearch['resourceType']; include: readonly string[]; sort?: string; category?: string } = SECTION_SEARCHES[section];
  return {
    resourceType: search.type,
    params: { patient: `Patient/${patientId}`, _include: [...search.include], ...(search.sort ? { _sort: search.sort } : {}), ...(search.category ? { category: search.category } : {}) },
    pageSize: SECTION_PAGE,
  };
}

/** The sections `<health-record>` reads for those it shows: the notes too when it shows visits (a visit's summary is a note about it). */
export function sectionsRead(shown: readonly HealthRecordSection[]): HealthRecordSection[] {
  return shown.includes('visits') && !shown.includes('notes') ? [...shown, 'notes'] : [...shown];
}

/** What `<health-record>` searches for its first screen (a search per section read), for the session to send while its code loads. */
export const HEALTH_RECORD_FIRST_SEARCHES: FirstSearches = (element, patientId) => sectionsRead(sectionsNamed(element.getAttribute('sections'))).map((section) => sectionSearch(section, patientId));

/** The most of each kind of reminder read (a patient's open orders and forecasts fit well under it). */
export const REMINDER_READ_LIMIT = 100;

/** How many days ahead `<health-reminders>` lists booked visits unless its `days-ahead` says otherwise. */
export const DEFAULT_DAYS_AHEAD = 60;

/**
 * The four searches for what is due, side by side: the vaccine forecasts, the active care plans, the
 * active orders, and the visits booked from the start of this hour (the same address all hour long, so a
 * reload reuses the browser's CORS preflight and cache) to `daysAhead` days after `today`, with their
 * clinicians and places.
 */
export function reminderSearches(patientId: string, { today, now, daysAhead }: { today: string; now: Date; daysAhead: number }) {
  const patient = `Patient/${patientId}`;
  const fromHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000).toISOString();
  return [
    { resourceType: 'ImmunizationRecommendation', params: { patient, _sort: '-date' }, pageSize: REMINDER_READ_LIMIT },
    { resourceType: 'CarePlan', params: { patient, status: 'active' }, pageSize: REMINDER_READ_LIMIT },
    { resourceType: 'ServiceRequest', params: { patient, status: 'active' }, pageSize: REMINDER_READ_LIMIT },
    {
      resourceType: 'Appointment',
      params: { patient, date: [`ge${fromHour}`, `lt${addDays(today, daysAhead + 1)}`], _sort: 'date', _include: 'Appointment:actor' },
      pageSize: REMINDER_READ_LIMIT,
    },
  ] as const satisfies readonly EarlySearch[];
}

/** What `<health-reminders>` searches for its first screen, for the session to send while its code loads (as of now). */
export const HEALTH_REMINDERS_FIRST_SEARCHES: FirstSearches = (element, patientId) => {
  const now = new Date();
  const attribute = element.getAttribute('days-ahead');
  return reminderSearches(patientId, { today: localToday(now), now, daysAhead: attribute === null ? DEFAULT_DAYS_AHEAD : Number(attribute) });
};
