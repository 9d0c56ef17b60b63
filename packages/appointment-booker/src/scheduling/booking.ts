import type { Appointment, CodeableConcept, OperationOutcome } from 'fhir/r4';
import { FhirError, type RequestOptions } from '@portico/core';
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

/** A time the patient asked for that the clinic has not confirmed yet (a waitlist entry is not one). */
export function isProposal(appointment: Appointment): boolean {
  return appointment.status === 'proposed' || appointment.status === 'pending';
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

export interface RescheduleOptions extends BookOptions {
  /** The booked Appointment the new time replaces. */
  appointment: Appointment;
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
