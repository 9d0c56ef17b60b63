import type { Appointment, AppointmentParticipant, BundleEntry, CodeableConcept, OperationOutcome, Slot } from 'fhir/r4';
import { FhirError, isFhirError, referenceId, type FhirClient, type RequestOptions } from '@portico/core';
import type { OpenTime } from './open-times.js';

/** The identifier system of the booking id the browser makes up, so a retried booking is recorded once. */
export const BOOKING_ID_SYSTEM = 'urn:portico:booking';

/** FHIR's appointment cancellation reasons; `pat-cpp` is "Patient: Canceled via Patient Portal". */
export const CANCELLATION_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';

export interface BookOptions extends RequestOptions {
  time: OpenTime;
  patientId: string;
  /** A fresh random id for this booking attempt (`crypto.randomUUID()`); the same id on a retry books once. */
  bookingId: string;
  /** The visit type the patient chose, when the time offers several. */
  serviceType?: CodeableConcept;
  /** What the visit is for, in the patient's words. */
  reason?: string;
}

/** Someone else booked the time first. */
export class SlotTakenError extends FhirError {
  constructor(options: { cause?: unknown } = {}) {
    super('conflict', 'That time was just taken.', { status: 409, cause: options.cause });
  }
}

export function isSlotTaken(error: unknown): error is SlotTakenError {
  return error instanceof SlotTakenError;
}

/** The server answered a booking without the booked Appointment (and none is found under its booking id): nothing can be confirmed. */
export class BookingUnconfirmedError extends FhirError {
  constructor(options: { outcome?: OperationOutcome; cause?: unknown } = {}) {
    super('server', 'The server did not return the booked appointment.', { outcome: options.outcome, cause: options.cause });
  }
}

export function isBookingUnconfirmed(error: unknown): error is BookingUnconfirmedError {
  return error instanceof BookingUnconfirmedError;
}

/** A new random booking id. */
export function newBookingId(): string {
  return crypto.randomUUID();
}

function hasBookingId(appointment: Appointment, bookingId: string): boolean {
  return !!appointment.identifier?.some((i) => i.system === BOOKING_ID_SYSTEM && i.value === bookingId);
}

/** The Appointment that books an open time (status `booked`, the patient, clinician and place as participants). */
export function appointmentFor(options: BookOptions): Appointment {
  const { time, patientId, bookingId } = options;
  const participant: AppointmentParticipant[] = [{ actor: { reference: `Patient/${patientId}` }, status: 'accepted', required: 'required' }];
  if (time.practitioner?.id) participant.push({ actor: { reference: `Practitioner/${time.practitioner.id}` }, status: 'accepted', required: 'required' });
  if (time.location?.id) participant.push({ actor: { reference: `Location/${time.location.id}` }, status: 'accepted', required: 'required' });
  const serviceType = options.serviceType ?? time.serviceTypes[0];
  return {
    resourceType: 'Appointment',
    identifier: [{ system: BOOKING_ID_SYSTEM, value: bookingId }],
    status: 'booked',
    ...(serviceType ? { serviceType: [serviceType] } : {}),
    slot: [{ reference: `Slot/${time.slot.id}` }],
    start: time.start,
    end: time.end,
    minutesDuration: Math.round((Date.parse(time.end) - Date.parse(time.start)) / 60_000),
    created: new Date().toISOString(),
    ...(options.reason?.trim() ? { description: options.reason.trim(), reasonCode: [{ text: options.reason.trim() }] } : {}),
    participant,
  };
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
  const { time, patientId, bookingId } = options;
  const participant: AppointmentParticipant[] = [{ actor: { reference: `Patient/${patientId}` }, status: 'accepted', required: 'required' }];
  if (time.practitioner?.id) participant.push({ actor: { reference: `Practitioner/${time.practitioner.id}` }, status: 'needs-action', required: 'required' });
  if (time.location?.id) participant.push({ actor: { reference: `Location/${time.location.id}` }, status: 'needs-action', required: 'required' });
  const serviceType = options.serviceType ?? time.serviceTypes[0];
  return {
    resourceType: 'Appointment',
    identifier: [{ system: BOOKING_ID_SYSTEM, value: bookingId }],
    status: 'proposed',
    ...(serviceType ? { serviceType: [serviceType] } : {}),
    ...(time.slot.id ? { slot: [{ reference: `Slot/${time.slot.id}` }] } : {}),
    start: time.start,
    end: time.end,
    minutesDuration: Math.round((Date.parse(time.end) - Date.parse(time.start)) / 60_000),
    requestedPeriod: [{ start: time.start, end: time.end }],
    created: new Date().toISOString(),
    ...(options.reason?.trim() ? { description: options.reason.trim(), reasonCode: [{ text: options.reason.trim() }] } : {}),
    participant,
  };
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

/** Is this Appointment a request or waitlist entry the clinic has not confirmed (no Slot of its own)? */
export function isRequest(appointment: Appointment): boolean {
  return appointment.status === 'proposed' || appointment.status === 'pending' || appointment.status === 'waitlist';
}

export interface CancelOptions extends RequestOptions {
  /** The patient's reason, in their words. */
  reason?: string;
  /** Free the visit's Slot in the same transaction (default true); false where the patient may not write Slots. */
  freeSlot?: boolean;
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

export interface RescheduleOptions extends BookOptions {
  /** The booked Appointment the new time replaces. */
  appointment: Appointment;
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

export interface WaitlistOptions extends RequestOptions {
  patientId: string;
  bookingId: string;
  serviceType?: CodeableConcept;
  practitionerId?: string;
  locationId?: string;
  /** The days the patient could come. */
  period: { start: string; end: string };
  comment?: string;
}

/** Asks to be told of an earlier time: an Appointment with status `waitlist` and the requested period, recorded once. */
export async function joinWaitlist(client: FhirClient, options: WaitlistOptions): Promise<Appointment> {
  const participant: AppointmentParticipant[] = [{ actor: { reference: `Patient/${options.patientId}` }, status: 'accepted', required: 'required' }];
  if (options.practitionerId) participant.push({ actor: { reference: `Practitioner/${options.practitionerId}` }, status: 'needs-action', required: 'required' });
  if (options.locationId) participant.push({ actor: { reference: `Location/${options.locationId}` }, status: 'needs-action', required: 'required' });
  const appointment: Appointment = {
    resourceType: 'Appointment',
    identifier: [{ system: BOOKING_ID_SYSTEM, value: options.bookingId }],
    status: 'waitlist',
    ...(options.serviceType ? { serviceType: [options.serviceType] } : {}),
    requestedPeriod: [options.period],
    created: new Date().toISOString(),
    ...(options.comment?.trim() ? { comment: options.comment.trim() } : {}),
    participant,
  };
  const { resource } = await client.create(appointment, { ifNoneExist: { identifier: `${BOOKING_ID_SYSTEM}|${options.bookingId}` }, signal: options.signal });
  return resource;
}

/** May the patient still cancel online? Not after the start, nor within the host's cutoff before it. */
export function canCancel(appointment: Appointment, cutoffHours = 0, now = Date.now()): boolean {
  if (!['booked', 'pending', 'proposed', 'waitlist'].includes(appointment.status)) return false;
  if (!appointment.start) return appointment.status === 'waitlist';
  return Date.parse(appointment.start) - now > cutoffHours * 3_600_000;
}
