import type { EarlySearch, FirstSearches } from '@portico/core';

/**
 * The SMART scopes `<appointment-booker>` needs: the clinic's schedules and open times, the patient's
 * visits (and past Encounters), who and where, and the writes that book, move and cancel. Apart from the
 * element, so a page that loads the element later (portico.js) can still ask for them at sign-in.
 */
export const APPOINTMENT_BOOKER_SCOPES = [
  'patient/Schedule.rs',
  'patient/Slot.rs',
  'patient/Appointment.rs',
  'patient/Encounter.rs',
  'patient/Practitioner.rs',
  'patient/PractitionerRole.rs',
  'patient/Location.rs',
  'patient/Organization.rs',
  'patient/Appointment.cu',
  'patient/Slot.u',
] as const;

/**
 * The clinic directory's one search (`loadDirectory`): the active schedules with their clinicians and
 * places, and the organizations that run the places (for their phone numbers).
 */
export const DIRECTORY_SEARCH = {
  resourceType: 'Schedule',
  params: { active: 'true', _include: 'Schedule:actor', '_include:iterate': 'Location:organization' },
  pageSize: 200,
} as const satisfies EarlySearch;

/**
 * What `<appointment-booker>` searches for first, for the session to send while its code loads: the
 * directory, which every view reads first (it says whether a visit type must be chosen, and the
 * clinic's time zone, which decides the days of the first open-time search).
 */
export const APPOINTMENT_BOOKER_FIRST_SEARCHES: FirstSearches = () => [DIRECTORY_SEARCH];
