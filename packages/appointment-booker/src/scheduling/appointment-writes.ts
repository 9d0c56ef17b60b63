import type { Appointment, AppointmentParticipant, BundleEntry, Slot } from 'fhir/r4';
import { isFhirError, referenceId, type FhirClient, type RequestOptions } from '@portico/core';
import {
  BOOKING_ID_SYSTEM,
  BookingUnconfirmedError,
  CANCELLATION_REASON_SYSTEM,
  isRequest,
  SlotTakenError,
  type BookOptions,
  type CancelOptions,
  type RescheduleOptions,
  type WaitlistOptions,
} from './booking.js';

// What books, asks for, moves and cancels visits: loaded the first time the patient writes (reading
// open times and visits needs none of it).

function hasBookingId(appointment: Appointment, bookingId: string): boolean {
  return !!appointment.identifier?.some((i) => i.system === BOOKING_ID_SYSTEM && i.value === bookingId);
}

/**
 * The patient (accepted) and, when named, the clinician and place: accepted for a booking (the open time
 * was theirs to give), `needs-action` for a request or waitlist entry the clinic has still to accept.
 */
function participantsOf(patientId: string, others: { practitionerId?: string; locationId?: string }, othersStatus: 'accepted' | 'needs-action'): AppointmentParticipant[] {
  const participant: AppointmentParticipant[] = [{ actor: { reference: `Patient/${patientId}` }, status: 'accepted', required: 'required' }];
  if (others.practitionerId) participant.push({ actor: { reference: `Practitioner/${others.practitionerId}` }, status: othersStatus, required: 'required' });
  if (others.locationId) participant.push({ actor: { reference: `Location/${others.locationId}` }, status: othersStatus, required: 'required' });
  return participant;
}

/** What a booking and a request of an open time both say: the booking id, the visit type, the time and the reason. */
function openTimeAppointment(options: BookOptions, status: 'booked' | 'proposed'): Appointment {
  const { time, patientId, bookingId } = options;
  const serviceType = options.serviceType ?? time.serviceTypes[0];
  const reason = options.reason?.trim();
  return {
    resourceType: 'Appointment',
    identifier: [{ system: BOOKING_ID_SYSTEM, value: bookingId }],
    status,
    ...(serviceType ? { serviceType: [serviceType] } : {}),
    ...(time.slot.id || status === 'booked' ? { slot: [{ reference: `Slot/${time.slot.id}` }] } : {}),
    start: time.start,
    end: time.end,
    minutesDuration: Math.round((Date.parse(time.end) - Date.parse(time.start)) / 60_000),
    ...(status === 'proposed' ? { requestedPeriod: [{ start: time.start, end: time.end }] } : {}),
    created: new Date().toISOString(),
    ...(reason ? { description: reason, reasonCode: [{ text: reason }] } : {}),
    participant: participantsOf(patientId, { practitionerId: time.practitioner?.id, locationId: time.location?.id }, status === 'booked' ? 'accepted' : 'needs-action'),
  };
}

/** The Appointment that books an open time (status `booked`, the patient, clinician and place as participants). */
export function appointmentFor(options: BookOptions): Appointment {
  return openTimeAppointment(options, 'booked');
}

/** The Appointment recorded under this booking id, if an earlier attempt got through. */
export async function findBooking(client: FhirClient, bookingId: string, options: RequestOptions = {}): Promise<Appointment | undefined> {
  const page = await client.search('Appointment', { identifier: `${BOOKING_ID_SYSTEM}|${bookingId}` }, options);
  // A server that ignores the parameter returns everything: only a real match counts.
  return page.resources.find((a) => hasBookingId(a, bookingId));
}

/** The entries that set a Slot busy or free, guarded by If-Match on the version we saw. */
export function slotEntry(slot: Slot, status: Slot['status']): BundleEntry {
  const version = slot.meta?.versionId;
  const { meta: _meta, ...rest } = slot;
  return {
    resource: { ...rest, status } as Slot,
    request: { method: 'PUT', url: `Slot/${slot.id}`, ...(version ? { ifMatch: `W/"${version}"` } : {}) },
  };
}

/** The entry that creates a booking once, however often it is sent. */
function createEntry(appointment: Appointment, bookingId: string): BundleEntry {
  return {
    fullUrl: `urn:uuid:${bookingId}`,
    resource: appointment,
    request: { method: 'POST', url: 'Appointment', ifNoneExist: `identifier=${BOOKING_ID_SYSTEM}|${bookingId}` },
  };
}

/**
 * Sends a transaction that books `bookingId` (first entry creates the Appointment). A conflict means
 * the time was taken, unless our own earlier attempt took it (a retry after a lost answer): then that
 * Appointment is returned and nothing is booked twice.
 */
export async function sendBooking(client: FhirClient, bookingId: string, entries: BundleEntry[], options: RequestOptions = {}): Promise<Appointment> {
  try {
    const response = await client.transaction(entries, { signal: options.signal });
    const booked = response.entry?.[0]?.resource as Appointment | undefined;
    if (booked?.resourceType === 'Appointment' && booked.id) return booked;
    const found = await findBooking(client, bookingId, options);
    if (found) return found;
    throw new BookingUnconfirmedError();
  } catch (error) {
    if (isFhirError(error) && (error.kind === 'conflict' || error.kind === 'network' || error.kind === 'unavailable')) {
      const mine = await findBooking(client, bookingId, options).catch(() => undefined);
      if (mine) return mine;
      if (error.kind === 'conflict') throw new SlotTakenError({ cause: error });
    }
    throw error;
  }
}

/**
 * Books an open time with the Slot-search path: one transaction creates the Appointment (conditionally,
 * on the booking id) and sets the Slot busy guarded by If-Match.
 */
export async function bookOpenTime(client: FhirClient, options: BookOptions): Promise<Appointment> {
  return sendBooking(client, options.bookingId, [createEntry(appointmentFor(options), options.bookingId), slotEntry(options.time.slot, 'busy')], options);
}

/**
 * The Appointment that asks the clinic for an open time (status `proposed`): the chosen start and end
 * (also as `requestedPeriod`), the Slot named for the clinic's information only, the patient as
 * accepted and the clinician and place as still to accept.
 */
export function requestFor(options: BookOptions): Appointment {
  return openTimeAppointment(options, 'proposed');
}

/**
 * Asks the clinic for an open time where the patient may not book it: one conditional create of a
 * `proposed` Appointment (`If-None-Exist` on the booking id, so a retry or a second click records one
 * request). The Slot is never written; the clinic confirms (or offers another time).
 */
export async function requestOpenTime(client: FhirClient, options: BookOptions): Promise<Appointment> {
  const { resource } = await client.create(requestFor(options), { ifNoneExist: { identifier: `${BOOKING_ID_SYSTEM}|${options.bookingId}` }, signal: options.signal });
  return resource;
}

/** The Appointment as cancelled by the patient, with the reason. */
export function cancelled(appointment: Appointment, reason?: string): Appointment {
  const { meta: _meta, ...rest } = appointment;
  return {
    ...rest,
    status: 'cancelled',
    cancelationReason: {
      coding: [{ system: CANCELLATION_REASON_SYSTEM, code: 'pat-cpp', display: 'Patient: Canceled via Patient Portal' }],
      ...(reason?.trim() ? { text: reason.trim() } : {}),
    },
  } as Appointment;
}

/**
 * The entries that cancel an Appointment (guarded by its version) and free its Slot. A request
 * (`proposed`, `pending`, `waitlist`) never held its Slot, so withdrawing one leaves the Slot alone.
 */
async function cancelEntries(client: FhirClient, appointment: Appointment, options: CancelOptions): Promise<BundleEntry[]> {
  const version = appointment.meta?.versionId;
  const entries: BundleEntry[] = [
    { resource: cancelled(appointment, options.reason), request: { method: 'PUT', url: `Appointment/${appointment.id}`, ...(version ? { ifMatch: `W/"${version}"` } : {}) } },
  ];
  if (options.freeSlot === false || isRequest(appointment)) return entries;
  for (const ref of appointment.slot ?? []) {
    const id = referenceId(ref, 'Slot');
    if (!id) continue;
    // A slot we may not read (or that is gone) is left to the server.
    const slot = await client.read('Slot', id, { signal: options.signal }).catch((error: unknown) => {
      if (isFhirError(error) && (error.kind === 'not-found' || error.kind === 'forbidden')) return undefined;
      throw error;
    });
    if (slot?.status === 'busy') entries.push(slotEntry(slot, 'free'));
  }
  return entries;
}

/**
 * Cancels an Appointment and frees its slot in one transaction; an Appointment with no Slot to free (a
 * withdrawn request, or where the patient may not write Slots) is one update. A retry of a cancel that
 * went through is harmless.
 */
export async function cancelAppointment(client: FhirClient, appointment: Appointment, options: CancelOptions = {}): Promise<Appointment> {
  const { signal } = options;
  try {
    const entries = await cancelEntries(client, appointment, options);
    if (entries.length === 1) {
      const { resource } = await client.update(entries[0]!.resource as Appointment, { ifMatch: appointment.meta?.versionId ?? false, signal });
      return resource;
    }
    const response = await client.transaction(entries, { signal, idempotent: true });
    return (response.entry?.[0]?.resource as Appointment | undefined) ?? (await client.read('Appointment', appointment.id!, { signal }));
  } catch (error) {
    if (isFhirError(error) && (error.kind === 'conflict' || error.kind === 'network')) {
      const now = await client.read('Appointment', appointment.id!, { signal }).catch(() => undefined);
      if (now?.status === 'cancelled') return now;
    }
    throw error;
  }
}

/**
 * Moves a booked visit to a new time in ONE transaction: the new Appointment is created and its Slot
 * set busy, the old one cancelled and its Slot freed. Either all of it happens or none: the patient
 * never ends up with no visit or with two.
 */
export async function rescheduleAppointment(client: FhirClient, options: RescheduleOptions): Promise<Appointment> {
  const { appointment, bookingId } = options;
  const old = await cancelEntries(client, appointment, { reason: options.reason, signal: options.signal });
  const fresh = appointmentFor({ ...options, reason: options.reason ?? appointment.description, serviceType: options.serviceType ?? appointment.serviceType?.[0] });
  return sendBooking(client, bookingId, [createEntry(fresh, bookingId), slotEntry(options.time.slot, 'busy'), ...old], options);
}

/** Asks to be told of an earlier time: an Appointment with status `waitlist` and the requested period, recorded once. */
export async function joinWaitlist(client: FhirClient, options: WaitlistOptions): Promise<Appointment> {
  const appointment: Appointment = {
    resourceType: 'Appointment',
    identifier: [{ system: BOOKING_ID_SYSTEM, value: options.bookingId }],
    status: 'waitlist',
    ...(options.serviceType ? { serviceType: [options.serviceType] } : {}),
    requestedPeriod: [options.period],
    created: new Date().toISOString(),
    ...(options.comment?.trim() ? { comment: options.comment.trim() } : {}),
    participant: participantsOf(options.patientId, options, 'needs-action'),
  };
  const { resource } = await client.create(appointment, { ifNoneExist: { identifier: `${BOOKING_ID_SYSTEM}|${options.bookingId}` }, signal: options.signal });
  return resource;
}
