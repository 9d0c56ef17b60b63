import type { Appointment, Location, Practitioner } from 'fhir/r4';
// Through core's main entry, which every element has loaded already: a build then keeps these in that entry's file.
import { addressLine, calendarEnd, displayConcept, formatClinicianName } from '../index.js';
import type { CalendarEvent } from './ics.js';

/** A visit to put in a calendar: the appointment, with its clinician, place and the clinic's time zone when known. */
export interface CalendarVisit {
  appointment: Appointment;
  practitioner?: Practitioner;
  location?: Location;
  /** IANA zone of the clinic, e.g. 'America/New_York'; absent → times in UTC. */
  timeZone?: string;
}

export interface VisitEventOptions {
  /** The language of the visit type's name. */
  lang: string;
  /** The FHIR server's base URL, whose host makes the event's UID unique. */
  baseUrl?: string;
  /** The summary when the visit has no type ('Book a visit' in the patient's language). */
  untitled: string;
  /** Puts the patient's reason for the visit in the description (calendars are often shared). */
  includeReason?: boolean;
}

/** The calendar entry for a visit: type and clinician, place, what to bring, and an alarm an hour before. */
export function visitEvent(visit: CalendarVisit, options: VisitEventOptions): CalendarEvent {
  const { appointment, practitioner, location } = visit;
  const type = displayConcept(appointment.serviceType?.[0], '', options.lang) || options.untitled;
  const who = formatClinicianName(practitioner);
  let host = 'fhir.invalid';
  try {
    host = new URL(options.baseUrl ?? 'https://fhir.invalid').host;
  } catch {
    // A base URL that is not a URL: the placeholder host keeps the UID well formed.
  }
  return {
    uid: `${appointment.id}@${host}`,
    start: appointment.start!,
    end: calendarEnd(appointment.start!, appointment.end, appointment.minutesDuration),
    timeZone: visit.timeZone,
    summary: who ? `${type} · ${who}` : type,
    location: [location?.name, addressLine(location)].filter(Boolean).join(', ') || undefined,
    description: [appointment.patientInstruction, appointment.comment, options.includeReason ? appointment.description : undefined].filter(Boolean).join('\n\n') || undefined,
    status: appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    // A cancellation must outrank the booking in the patient's calendar; a reschedule is a new visit (new UID).
    sequence: appointment.status === 'cancelled' ? 1 : 0,
    alarmMinutesBefore: 60,
  };
}
