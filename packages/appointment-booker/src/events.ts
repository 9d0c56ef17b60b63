import { porticoEvent } from '@portico/core';
import type { Appointment } from 'fhir/r4';

export interface AppointmentBookedDetail {
  /** The booked Appointment as the server stored it. */
  appointment: Appointment;
  /** The visit it replaces, when the patient rescheduled. */
  rescheduledFrom?: Appointment;
}

/** A visit was booked (or moved to a new time). */
export class PorticoAppointmentBookedEvent extends porticoEvent<AppointmentBookedDetail>('portico-appointment-booked') {}

export interface AppointmentRequestedDetail {
  /** The request as the server stored it: an Appointment with status `proposed`, for the clinic to confirm. */
  appointment: Appointment;
}

/** The patient asked the clinic for a time (where visits cannot be booked online); the clinic confirms it. */
export class PorticoAppointmentRequestedEvent extends porticoEvent<AppointmentRequestedDetail>('portico-appointment-requested') {}

export interface AppointmentCancelledDetail {
  /** The cancelled Appointment (or withdrawn request), with `cancelationReason`. */
  appointment: Appointment;
}

/** The patient cancelled a visit or withdrew a request. */
export class PorticoAppointmentCancelledEvent extends porticoEvent<AppointmentCancelledDetail>('portico-appointment-cancelled') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'portico-appointment-booked': PorticoAppointmentBookedEvent;
    'portico-appointment-requested': PorticoAppointmentRequestedEvent;
    'portico-appointment-cancelled': PorticoAppointmentCancelledEvent;
  }
}
