import type { Appointment, Encounter } from 'fhir/r4';
import { FhirError, type FhirClient, type RequestOptions } from '@portico/core';
import type { CalendarVisit } from '@portico/core/ics.js';
import type { BookOptions, CancelOptions, RescheduleOptions } from './booking.js';
import { findOpenTimes, type FindOpenTimesOptions, type OpenTime } from './open-times.js';
import { schedulingRights, type SchedulingRights } from './rights.js';
import { DIRECTORY_SEARCH } from '../scopes.js';
import { directoryFrom, type ClinicDirectory } from './directory.js';

/**
 * How open times are found and booked on this server: `operations` (`$find`/`$book`), `slots` (a Slot
 * search, then the Appointment and the busy Slot in one transaction), or `request` (the patient may not
 * book: confirming asks the clinic for the time with a `proposed` Appointment, and the clinic confirms).
 */
export const SCHEDULING_PATHS = ['operations', 'slots', 'request'] as const;
export type SchedulingPath = (typeof SCHEDULING_PATHS)[number];

/** Finds and books open times the best way the server offers. */
export interface Scheduler {
  readonly path: SchedulingPath;
  /** What the server and the granted scopes allow. */
  readonly rights: SchedulingRights;
  /** Can confirming a time work here? False where even a request cannot be made: the patient calls the clinic. */
  readonly canBook: boolean;
  /** How `find` searches, for the FHIR schedulers: the Slot search or `$find` (a host's own scheduler leaves it out). */
  readonly search?: 'slots' | 'operations';
  find(options: FindOpenTimesOptions): Promise<{ times: OpenTime[]; truncated: boolean }>;
  /** Books the time (`operations`, `slots`) or asks the clinic for it (`request`: a `proposed` Appointment). */
  book(options: BookOptions): Promise<Appointment>;
  /** Books the new time and cancels the old visit; never leaves the patient with none or two. Not on the `request` path. */
  reschedule(options: RescheduleOptions): Promise<Appointment>;
  /** Cancels a visit or withdraws a request, freeing the visit's Slot only where the patient may write Slots. */
  cancel(appointment: Appointment, options?: CancelOptions): Promise<Appointment>;
}

/** The path the rights allow: `$book` when offered and allowed, else Slot writes in a transaction, else a request. */
export function pathFor(rights: SchedulingRights): SchedulingPath {
  if (rights.bookWithOperations) return 'operations';
  if (rights.writeSlots && rights.createAppointments && rights.transactions) return 'slots';
  return 'request';
}

/**
 * Chooses how to book from the CapabilityStatement AND the granted scopes (`client.grantedScope`):
 * `Appointment/$find` and `$book` when offered and Appointments may be created; else the Slot search
 * and a transaction where the patient may also update Slots; else a request the clinic confirms
 * (`canBook` false when not even an Appointment may be created). `prefer` lets a host (or a test) pin a path.
 */
export async function schedulerFor(client: FhirClient, options: RequestOptions & { prefer?: SchedulingPath } = {}): Promise<Scheduler> {
  const rights = await schedulingRights(client, options);
  const path: SchedulingPath = options.prefer ?? pathFor(rights);
  // What writes is loaded the first time the patient books, asks or cancels.
  const writes = () => import('./appointment-writes.js');
  const cancel = async (appointment: Appointment, o: CancelOptions = {}) => (await writes()).cancelAppointment(client, appointment, { freeSlot: rights.writeSlots, ...o });
  if (path === 'operations') {
    // Loaded only on servers that offer the operations.
    const { bookWithOperation, findWithOperation } = await import('./operations.js');
    return {
      path,
      rights,
      canBook: true,
      search: 'operations',
      find: (o) => findWithOperation(client, o),
      book: (o) => bookWithOperation(client, o),
      cancel,
      async reschedule(o) {
        // $book has no "instead of": book the new time, then cancel the old visit. Should that cancel
        // fail, the new booking is cancelled again, so the patient keeps the visit they had (never two).
        const booked = await bookWithOperation(client, o);
        try {
          await cancel(o.appointment, { reason: o.reason, signal: o.signal });
        } catch (error) {
          await cancel(booked).catch(() => undefined);
          throw error;
        }
        return booked;
      },
    };
  }
  if (path === 'request') {
    // Open times come from $find where the server offers it (without $book rights), else the Slot search.
    const operations = rights.bookWithOperations || (await client.supportsOperation('find', 'Appointment', options).catch(() => false)) ? await import('./operations.js') : undefined;
    return {
      path,
      rights,
      canBook: rights.createAppointments,
      search: operations ? 'operations' : 'slots',
      find: (o) => (operations ? operations.findWithOperation(client, o) : findOpenTimes(client, o)),
      book: async (o) => (await writes()).requestOpenTime(client, o),
      cancel,
      reschedule: () => Promise.reject(new FhirError('forbidden', 'Visits cannot be moved online here; ask for a new time instead.')),
    };
  }
  return {
    path,
    rights,
    canBook: true,
    search: 'slots',
    find: (o) => findOpenTimes(client, o),
    book: async (o) => (await writes()).bookOpenTime(client, o),
    cancel,
    reschedule: async (o) => (await writes()).rescheduleAppointment(client, o),
  };
}

export type { ClinicDirectory } from './directory.js';

/** One request: `Schedule?active=true&_include=Schedule:actor&_include:iterate=Location:organization`. */
export async function loadDirectory(client: FhirClient, options: RequestOptions = {}): Promise<ClinicDirectory> {
  const { resourceType, params, pageSize } = DIRECTORY_SEARCH;
  const { resources: schedules, included } = await client.searchAll(resourceType, params, { ...options, pageSize, max: 1000 });
  return directoryFrom(schedules, included);
}

/** An Appointment with the clinician and place it names. */
export interface Visit extends CalendarVisit {
  /** The finished Encounter this past visit was read from, when the server keeps visits as Encounters (`appointment` then says the same). */
  encounter?: Encounter;
}
