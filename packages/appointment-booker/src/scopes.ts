import type { Bundle, Schedule } from 'fhir/r4';
import { searchMatches, timeZoneOf, viewerTimeZone, type EarlySearch, type FirstSearches } from '@portico/core';
import { bookableDays, monthReads } from './appointment-booker/month-times.js';
import { directoryFrom } from './scheduling/directory.js';
import { conceptToken, OPEN_TIMES_PAGE, openTimesParams } from './scheduling/open-times.js';

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

/** A number attribute as Lit reads it (`Number(value)`), or its default when absent. */
function numberAttribute(element: Element, name: string, fallback: number): number {
  const value = element.getAttribute(name);
  return value === null ? fallback : Number(value);
}

/**
 * The booker's first open-time search, worked out as the element works it out from the directory's
 * answer and its attributes: the first week of the month shown, in the clinic's time zone, for the visit
 * type fixed by the host or the only one offered. None when the patient must first choose a visit type,
 * when the booker opens on the appointments, or finds open times another way than the Slot search (a
 * host's scheduler, `$find`), or when the directory runs to a second page.
 */
export function firstOpenTimesSearch(element: Element, answer: Bundle, now = Date.now()): EarlySearch[] {
  const path = element.getAttribute('scheduling-path');
  const session = element.closest('portal-session') as { services?: Record<string, unknown> } | null;
  if (element.getAttribute('view') === 'appointments' || (path && path !== 'auto' && path !== 'slots') || session?.services?.scheduler) return [];
  if (answer.link?.some((l) => l.relation === 'next')) return [];
  const { resources: schedules, included } = searchMatches<Schedule>(answer, 'Schedule');
  const directory = directoryFrom(schedules, included);
  const chosen = element.getAttribute('service-type') || undefined;
  if (!chosen && directory.serviceTypes.length > 1) return [];
  const serviceType = chosen ?? (directory.serviceTypes.length === 1 ? conceptToken(directory.serviceTypes[0]!) : undefined);
  const zone = timeZoneOf(...directory.locations) ?? (element.getAttribute('viewer-time-zone') || viewerTimeZone());
  const minNoticeHours = numberAttribute(element, 'min-notice-hours', 2);
  const { firstDay, lastDay } = bookableDays(now, zone, minNoticeHours, numberAttribute(element, 'days-ahead', 90));
  const reads = monthReads({ zone, firstDay, lastDay, month: `${firstDay.slice(0, 8)}01`, earliest: now + minNoticeHours * 3_600_000 });
  if (!(reads.from < reads.until)) return [];
  const params = openTimesParams({
    serviceType,
    practitioner: element.getAttribute('practitioner') || undefined,
    location: element.getAttribute('location') || undefined,
    start: new Date(reads.from),
    end: new Date(reads.whole ? reads.until : reads.split),
  });
  return [{ resourceType: 'Slot', params, pageSize: OPEN_TIMES_PAGE }];
}

/**
 * What `<appointment-booker>` searches for first, for the session to send while its code loads: the
 * directory, which every view reads first, and once it answers, the first open times it leads to (the
 * directory says whether a visit type must be chosen, and the clinic's time zone, which decides the days).
 */
export const APPOINTMENT_BOOKER_FIRST_SEARCHES: FirstSearches = (element) => [{ ...DIRECTORY_SEARCH, followedBy: (answer) => firstOpenTimesSearch(element, answer) }];
