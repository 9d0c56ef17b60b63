import type { Appointment, CodeableConcept, Location, Practitioner, PractitionerRole, Resource, Schedule, Slot } from 'fhir/r4';
import { referencedFrom, timeZoneOf, type FhirClient, type RequestOptions } from '@portico/core';

/** A free time a patient can book: the Slot with the clinician, place and time zone around it. */
export interface OpenTime {
  slot: Slot;
  start: string;
  end: string;
  schedule?: Schedule;
  practitioner?: Practitioner;
  location?: Location;
  /** The clinic's IANA time zone (Schedule, then Location), when the data says. */
  timeZone?: string;
  serviceTypes: CodeableConcept[];
  /** The Appointment the server proposed for this time (`$find`), which `$book` takes back. */
  proposal?: Appointment;
}

export interface FindOpenTimesOptions extends RequestOptions {
  /** From this moment (inclusive). */
  start: Date | string;
  /** Until this moment (exclusive). */
  end: Date | string;
  /** A service type as `system|code` or a bare code. */
  serviceType?: string;
  /** Only this clinician (Practitioner id). */
  practitioner?: string;
  /** Only this place (Location id). */
  location?: string;
  /** At most this many slots (default 500): a week for a busy clinic fits one request. */
  max?: number;
}

function instant(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/** The start of the hour (UTC) an instant falls in, in ms. */
function hourOf(ms: number): number {
  return Math.floor(ms / 3_600_000) * 3_600_000;
}

/** The Slot search of `findOpenTimes` (the session's early search of the booker's first open times is the same). */
export function openTimesParams(options: Omit<FindOpenTimesOptions, 'signal' | 'max'>): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {
    status: 'free',
    // The window's start is sent to the hour (the exact start is applied below): the address then stays the same
    // for an hour, and a reload's search reuses the browser's CORS preflight for it (kept per address).
    start: [`ge${new Date(hourOf(Date.parse(instant(options.start)))).toISOString()}`, `lt${instant(options.end)}`],
    _include: 'Slot:schedule',
    '_include:iterate': 'Schedule:actor',
    _sort: 'start',
  };
  if (options.serviceType) params['service-type'] = options.serviceType;
  if (options.practitioner) params['schedule.actor'] = `Practitioner/${options.practitioner}`;
  else if (options.location) params['schedule.actor'] = `Location/${options.location}`;
  return params;
}

/** Slots a search reads at most per page (and, unless told otherwise, in all). */
export const OPEN_TIMES_PAGE = 500;

/**
 * Free Slots in a time window, with their Schedule, clinician and location, in one request per page:
 * `Slot?status=free&start=ge…&start=lt…&_include=Slot:schedule&_include:iterate=Schedule:actor`.
 * Filters the server cannot apply (or ignores) are applied again here, so the answer is right either way.
 */
export async function findOpenTimes(client: FhirClient, options: FindOpenTimesOptions): Promise<{ times: OpenTime[]; truncated: boolean }> {
  const params = openTimesParams(options);
  const { resources, included, truncated } = await client.searchAll('Slot', params, { signal: options.signal, pageSize: Math.min(options.max ?? OPEN_TIMES_PAGE, OPEN_TIMES_PAGE), max: options.max ?? OPEN_TIMES_PAGE });

  const pool = new Map<string, Resource>(included.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const startMs = Date.parse(instant(options.start));
  const endMs = Date.parse(instant(options.end));
  const times: OpenTime[] = [];
  for (const slot of resources) {
    const at = Date.parse(slot.start);
    if (slot.status !== 'free' || !(at >= startMs && at < endMs)) continue;
    const schedule = referencedFrom<Schedule>(pool, [slot.schedule], 'Schedule');
    const actors = schedule?.actor ?? [];
    const role = referencedFrom<PractitionerRole>(pool, actors, 'PractitionerRole');
    const practitioner = referencedFrom<Practitioner>(pool, [...actors, role?.practitioner], 'Practitioner');
    const location = referencedFrom<Location>(pool, [...actors, ...(role?.location ?? [])], 'Location');
    if (options.practitioner && practitioner?.id !== options.practitioner) continue;
    if (options.location && location?.id !== options.location) continue;
    const serviceTypes = slot.serviceType?.length ? slot.serviceType : (schedule?.serviceType ?? []);
    if (options.serviceType && !serviceTypes.some((st) => matchesToken(st, options.serviceType!))) continue;
    times.push({ slot, start: slot.start, end: slot.end, schedule, practitioner, location, timeZone: timeZoneOf(schedule, location), serviceTypes });
  }
  times.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { times, truncated };
}

/** A concept as the token `system|code` of its first coded coding ('' when it has none). */
export function conceptToken(concept: CodeableConcept): string {
  const coding = concept.coding?.find((c) => c.code) ?? concept.coding?.[0];
  return coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : '';
}

/** Does a concept carry the token `system|code` (or a bare code)? */
export function matchesToken(concept: CodeableConcept, token: string): boolean {
  const [system, code] = token.includes('|') ? token.split('|') : [undefined, token];
  return !!concept.coding?.some((c) => c.code === code && (system === undefined || system === '' || c.system === system));
}
