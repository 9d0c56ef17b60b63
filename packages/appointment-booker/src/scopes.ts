import type { Bundle, Schedule } from 'fhir/r4';
import { searchMatches, timeZoneOf, viewerTimeZone, type EarlySearch, type FirstSearches } from '@portico/core';
import { bookerDrafts } from './appointment-booker/booker-draft.js';
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
 * The booker's first open-time search, worked out as the element works it out from its attributes, the
 * booking the patient had started in this tab (before a sign-in round trip or a reload) and, once it has
 * answered, the directory (`answer`): the first week of the month shown, for the visit type, clinician and
 * place the host fixed, else those the patient chose, else the only visit type offered.
 *
 * With a visit type fixed or chosen, the element reads its first open times at once, beside the directory,
 * with the days as the patient's clock has them (so does this, without `answer`); with the directory, it
 * reads again only when the clinic's time zone makes the bookable days differ. Without one, it waits for the
 * directory, and reads in the clinic's zone. None when the patient must first choose a visit type, when the
 * booker opens on the appointments, or finds open times another way than the Slot search (a host's
 * scheduler, `$find`), or when the directory runs to a second page.
 */
export function firstOpenTimesSearch(element: Element, answer: Bundle | undefined, now = Date.now(), patientId?: string): EarlySearch[] {
  const path = element.getAttribute('scheduling-path');
  const session = element.closest('portal-session') as { services?: Record<string, unknown> } | null;
  if (element.getAttribute('view') === 'appointments' || (path && path !== 'auto' && path !== 'slots') || session?.services?.scheduler) return [];
  if (answer?.link?.some((l) => l.relation === 'next')) return [];
  const kept = patientId ? bookerDrafts.read(patientId) : undefined;
  const draft = kept?.patientId === patientId ? kept : undefined;
  // An attribute the host set wins over the patient's choice (as the element's own are set after the draft's).
  const choice = (attribute: string, drafted: string | undefined) => (element.hasAttribute(attribute) ? element.getAttribute(attribute) || undefined : drafted);
  const chosen = choice('service-type', draft?.serviceType);
  const matches = answer && searchMatches<Schedule>(answer, 'Schedule');
  const directory = matches && directoryFrom(matches.resources, matches.included);
  if (!chosen && (!directory || directory.serviceTypes.length > 1)) return [];
  const offered = directory?.serviceTypes ?? [];
  const serviceType = chosen ?? (offered.length === 1 ? conceptToken(offered[0]!) : undefined);
  const viewerZone = element.getAttribute('viewer-time-zone') || viewerTimeZone();
  const zone = (directory && timeZoneOf(...directory.locations)) ?? viewerZone;
  const minNoticeHours = numberAttribute(element, 'min-notice-hours', 2);
  const daysAhead = numberAttribute(element, 'days-ahead', 90);
  const { firstDay, lastDay } = bookableDays(now, zone, minNoticeHours, daysAhead);
  if (chosen && directory) {
    const read = bookableDays(now, viewerZone, minNoticeHours, daysAhead);
    if (read.firstDay === firstDay && read.lastDay === lastDay) return [];
  }
  // The month shown: the day the patient had picked (kept within the days that can be booked), else the first.
  const shownDay = [[draft?.day ?? firstDay, firstDay].sort()[1]!, lastDay].sort()[0]!;
  const reads = monthReads({ zone, firstDay, lastDay, month: `${shownDay.slice(0, 8)}01`, earliest: now + minNoticeHours * 3_600_000 });
  if (!(reads.from < reads.until)) return [];
  const params = openTimesParams({
    serviceType,
    practitioner: choice('practitioner', draft?.practitioner),
    location: choice('location', draft?.location),
    start: new Date(reads.from),
    end: new Date(reads.whole ? reads.until : reads.split),
  });
  return [{ resourceType: 'Slot', params, pageSize: OPEN_TIMES_PAGE }];
}

/**
 * What `<appointment-booker>` searches for first, for the session to send while its code loads: the
 * directory, which every view reads first, and beside it the first open times when a visit type is fixed
 * or chosen; else, once the directory answers, the first open times it leads to (it says whether a visit
 * type must be chosen, and the clinic's time zone, which decides the days).
 */
export const APPOINTMENT_BOOKER_FIRST_SEARCHES: FirstSearches = (element, patientId) => [
  { ...DIRECTORY_SEARCH, followedBy: (answer) => firstOpenTimesSearch(element, answer, Date.now(), patientId) },
  ...firstOpenTimesSearch(element, undefined, Date.now(), patientId),
];
