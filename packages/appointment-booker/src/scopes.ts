/**
 * The SMART scopes `<appointment-booker>` needs: the clinic's schedules and open times, the patient's
 * visits (and past Encounters), who and where, and the writes that book, move and cancel. Apart from the
 * element, so a page that loads the element later (portico.js) can still ask for them at sign-in.
 */
export const APPOINTMENT_BOOKER_SCOPES = [
  'patient/Schedule.rs',
  'patient/Slot.rs',
  'patient/Appointment.rs',
  'patient/Encounter.rs',
  'patient/Practitioner.rs',
  'patient/PractitionerRole.rs',
  'patient/Location.rs',
  'patient/Organization.rs',
  'patient/Appointment.cu',
  'patient/Slot.u',
] as const;
