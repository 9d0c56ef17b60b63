import { PatientStorage } from '@portico/core';
import type { OpenTime } from '../scheduling/open-times.js';
import type { Visit } from '../scheduling/scheduler.js';

/** What the patient has chosen so far; kept in the tab so a sign-in round trip loses nothing. */
export interface BookerDraft {
  patientId: string;
  serviceType?: string;
  practitioner?: string;
  location?: string;
  day?: string;
  time?: OpenTime;
  reason: string;
  bookingId: string;
  rescheduling?: Visit;
}

/**
 * The unfinished booking of each patient, kept in this tab (sessionStorage, under a hash of the patient
 * id): restored after a sign-in round trip, removed once booked and on sign-out, never shown for another patient.
 */
export const bookerDrafts = new PatientStorage<BookerDraft>('appointment-booker', 'tab');
