import type { Appointment, CodeableConcept, Location, Practitioner, Resource, Schedule } from 'fhir/r4';
import type { FhirClient, RequestOptions } from '@portico/core';
import { bookOpenTime, rescheduleAppointment, cancelAppointment, type BookOptions, type RescheduleOptions } from './booking.js';
import { findOpenTimes, referencedFrom, timeZoneOf, type FindOpenTimesOptions, type OpenTime } from './open-times.js';

/** How open times are found and booked on this server. */
export const SCHEDULING_PATHS = ['operations', 'slots'] as const;
export type SchedulingPath = (typeof SCHEDULING_PATHS)[number];

/** Finds and books open times the best way the server offers. */
export interface Scheduler {
  readonly path: SchedulingPath;
  find(options: FindOpenTimesOptions): Promise<{ times: OpenTime[]; truncated: boolean }>;
  book(options: BookOptions): Promise<Appointment>;
  /** Books the new time and cancels the old visit; never leaves the patient with none or two. */
  reschedule(options: RescheduleOptions): Promise<Appointment>;
}

/**
 * `Appointment/$find` and `$book` when the CapabilityStatement offers both, else the Slot search and
 * a transaction. `prefer` lets a host (or a test) pin one.
 */
export async function schedulerFor(client: FhirClient, options: RequestOptions & { prefer?: SchedulingPath } = {}): Promise<Scheduler> {
  let path: SchedulingPath = options.prefer ?? 'slots';
  if (!options.prefer) {
    const [find, book] = await Promise.all([
      client.supportsOperation('find', 'Appointment', options).catch(() => false),
      client.supportsOperation('book', 'Appointment', options).catch(() => false),
    ]);
    if (find && book) path = 'operations';
  }
  if (path === 'operations') {
    // Loaded only on servers that offer the operations.
    const { bookWithOperation, findWithOperation } = await import('./operations.js');
    return {
      path,
      find: (o) => findWithOperation(client, o),
      book: (o) => bookWithOperation(client, o),
      async reschedule(o) {
        // $book has no "instead of": book the new time, then cancel the old visit. Should that cancel
        // fail, the new booking is cancelled again, so the patient keeps the visit they had (never two).
        const booked = await bookWithOperation(client, o);
        try {
          await cancelAppointment(client, o.appointment, { reason: o.reason, signal: o.signal });
        } catch (error) {
          await cancelAppointment(client, booked).catch(() => undefined);
          throw error;
        }
        return booked;
      },
    };
  }
  return {
    path,
    find: (o) => findOpenTimes(client, o),
    book: (o) => bookOpenTime(client, o),
    reschedule: (o) => rescheduleAppointment(client, o),
  };
}

/** Who and where a patient can book: the clinic's active schedules, with the visit types they offer. */
export interface ClinicDirectory {
  schedules: Schedule[];
  serviceTypes: CodeableConcept[];
  practitioners: Practitioner[];
  locations: Location[];
}

function conceptKey(concept: CodeableConcept): string {
  const coding = concept.coding?.[0];
  return coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : `text|${concept.text ?? ''}`;
}

/** One request: `Schedule?active=true&_include=Schedule:actor`. */
export async function loadDirectory(client: FhirClient, options: RequestOptions = {}): Promise<ClinicDirectory> {
  const { resources: schedules, included } = await client.searchAll('Schedule', { active: 'true', _include: 'Schedule:actor' }, { ...options, pageSize: 200, max: 1000 });
  const pool = new Map<string, Resource>(included.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const serviceTypes = new Map<string, CodeableConcept>();
  const practitioners = new Map<string, Practitioner>();
  const locations = new Map<string, Location>();
  for (const schedule of schedules) {
    for (const concept of schedule.serviceType ?? []) if (!serviceTypes.has(conceptKey(concept))) serviceTypes.set(conceptKey(concept), concept);
    const practitioner = referencedFrom<Practitioner>(pool, schedule.actor, 'Practitioner');
    const location = referencedFrom<Location>(pool, schedule.actor, 'Location');
    if (practitioner?.id) practitioners.set(practitioner.id, practitioner);
    if (location?.id) locations.set(location.id, location);
  }
  return { schedules, serviceTypes: [...serviceTypes.values()], practitioners: [...practitioners.values()], locations: [...locations.values()] };
}

/** An Appointment with the clinician and place it names. */
export interface Visit {
  appointment: Appointment;
  practitioner?: Practitioner;
  location?: Location;
  timeZone?: string;
}

const ACTIVE = new Set(['booked', 'pending', 'proposed', 'arrived', 'checked-in', 'waitlist']);

/**
 * The patient's visits: upcoming (and waitlist requests) soonest first, or past newest first.
 * One request for a page: `Appointment?patient=…&date=ge…&_sort=date&_include=Appointment:actor`.
 */
export async function loadVisits(
  client: FhirClient,
  options: RequestOptions & { patientId: string; when: 'upcoming' | 'past'; now?: Date; max?: number },
): Promise<{ visits: Visit[]; truncated: boolean }> {
  const now = (options.now ?? new Date()).toISOString();
  const upcoming = options.when === 'upcoming';
  const params: Record<string, string> = {
    patient: `Patient/${options.patientId}`,
    date: upcoming ? `ge${now}` : `lt${now}`,
    _sort: upcoming ? 'date' : '-date',
    _include: 'Appointment:actor',
  };
  const searches = [client.searchAll('Appointment', params, { signal: options.signal, pageSize: 100, max: options.max ?? 200 })];
  if (upcoming) searches.push(client.searchAll('Appointment', { patient: `Patient/${options.patientId}`, status: 'waitlist', _include: 'Appointment:actor' }, { signal: options.signal, pageSize: 50, max: 50 }));
  const results = await Promise.all(searches);
  const pool = new Map<string, Resource>(results.flatMap((r) => r.included).map((r) => [`${r.resourceType}/${r.id}`, r]));
  const seen = new Set<string>();
  const visits: Visit[] = [];
  for (const appointment of results.flatMap((r) => r.resources)) {
    if (!appointment.id || seen.has(appointment.id)) continue;
    seen.add(appointment.id);
    if (upcoming && !ACTIVE.has(appointment.status)) continue;
    if (upcoming && appointment.start && Date.parse(appointment.start) < Date.parse(now)) continue;
    const actors = (appointment.participant ?? []).map((p) => p.actor);
    const practitioner = referencedFrom<Practitioner>(pool, actors, 'Practitioner');
    const location = referencedFrom<Location>(pool, actors, 'Location');
    const timeZone = timeZoneOf(location);
    visits.push({ appointment, practitioner, location, timeZone });
  }
  const at = (v: Visit) => Date.parse(v.appointment.start ?? v.appointment.requestedPeriod?.[0]?.start ?? v.appointment.created ?? '') || 0;
  visits.sort((a, b) => (upcoming ? at(a) - at(b) : at(b) - at(a)));
  return { visits, truncated: results.some((r) => r.truncated) };
}
