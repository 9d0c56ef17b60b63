import { bookerDrafts, findOpenTimes, type BookerDraft, type OpenTime } from '@portico/appointment-booker';
import { FhirClient } from '@portico/core';
import { addDays, CLINIC_TIME_ZONE, localDateOf, zonedDateTime } from '../../demo/server/seed/calendar.js';
import { SYSTEM } from '../../demo/server/seed/terminology.js';
import { untilVisible } from './host.js';
import { STORY_FHIR_BASE } from './story-fhir.js';
import { storyToken } from './story-tokens.js';

/**
 * What stories do to `<appointment-booker>` besides setting attributes: start from a patient's
 * unfinished booking (the draft the element keeps in sessionStorage across a sign-in round trip) on
 * one of the seed's open times, and press its buttons in `play` functions.
 */

export { CLINIC_TIME_ZONE };

/** The seed's visit types (demo/server/seed/visit-types.ts) as `system|code` tokens for the `service-type` attribute. */
export const VISIT_TYPE_TOKENS = {
  annualPhysical: `${SYSTEM.visitType}|annual-physical`,
  followUp: `${SYSTEM.visitType}|follow-up`,
  skinCheck: `${SYSTEM.visitType}|skin-check`,
} as const;

/** The seed's clinicians who take bookings (Practitioner ids), with their names. */
export const CLINICIANS = {
  'dr-chen': 'Dr. Linda Chen (internal medicine)',
  'dr-okafor': 'Dr. Chidi Okafor (family medicine)',
  'dr-nguyen': 'Dr. Thomas Nguyen (cardiology)',
  'dr-silva': 'Dr. Ana Silva (dermatology)',
} as const;

/** The seed's places (Location ids), with their names. */
export const LOCATIONS = { 'loc-main': 'Riverside Main Campus', 'loc-north': 'Riverside North Clinic' } as const;

/** Forgets any draft, so a story that does not start from one never shows another story's. */
export function clearBookerDraft(): void {
  bookerDrafts.clear();
}

/** Stores a draft that the next `<appointment-booker>` restores when it connects. */
export function seedBookerDraft(draft: Omit<BookerDraft, 'reason' | 'bookingId'> & Partial<Pick<BookerDraft, 'reason' | 'bookingId'>>): void {
  bookerDrafts.write(draft.patientId, { reason: '', bookingId: crypto.randomUUID(), ...draft });
}

/**
 * The first open time from `daysAhead` days on (and at least three hours ahead), found as the booker
 * finds them: a Slot search on the stories' server, signed in as `patientId`.
 */
export async function openTimeForStory(patientId: string, query: { serviceType?: string; practitioner?: string; daysAhead?: number } = {}): Promise<OpenTime> {
  const client = new FhirClient({ baseUrl: STORY_FHIR_BASE, getAccessToken: () => storyToken(patientId) });
  const start = Math.max(Date.now() + 3 * 3_600_000, Date.parse(zonedDateTime(addDays(localDateOf(new Date()), query.daysAhead ?? 2), 0)));
  const { times } = await findOpenTimes(client, { start: new Date(start), end: new Date(start + 28 * 86_400_000), serviceType: query.serviceType, practitioner: query.practitioner });
  const time = times[0];
  if (!time) throw new Error('The stories\' server has no open time to start a story from.');
  return time;
}

/** The clinic day ('YYYY-MM-DD') of an open time. */
export function clinicDayOf(time: OpenTime): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time.start));
}

/** Waits until `selector` matches a visible element inside the story's booker, and returns it. */
export function inBooker<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => canvasElement.querySelector('appointment-booker')?.shadowRoot?.querySelector<T>(selector), what, timeout);
}
