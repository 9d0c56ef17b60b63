import type { Appointment } from 'fhir/r4';

export interface AppointmentBookedDetail {
  /** The booked Appointment as the server stored it. */
  appointment: Appointment;
  /** The visit it replaces, when the patient rescheduled. */
  rescheduledFrom?: Appointment;
}

/** A visit was booked (or moved to a new time). */
export class PorticoAppointmentBookedEvent extends Event {
  static readonly eventName = 'portico-appointment-booked';
  constructor(readonly detail: AppointmentBookedDetail) {
    super(PorticoAppointmentBookedEvent.eventName, { bubbles: true, composed: true });
  }
}

export interface AppointmentCancelledDetail {
  /** The cancelled Appointment, with `cancelationReason`. */
  appointment: Appointment;
}

/** The patient cancelled a visit. */
export class PorticoAppointmentCancelledEvent extends Event {
  static readonly eventName = 'portico-appointment-cancelled';
  constructor(readonly detail: AppointmentCancelledDetail) {
    super(PorticoAppointmentCancelledEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portico-appointment-booked': PorticoAppointmentBookedEvent;
    'portico-appointment-cancelled': PorticoAppointmentCancelledEvent;
  }
}
