/**
 * The SMART scopes `<health-record>` needs, all read-only: the conditions, allergies, immunizations, past visits and clinicians' notes (and their files) and vital signs,
 * and the clinicians and places they name. Apart from the element, so a page that loads the element
 * later (portico.js) can still ask for them at sign-in.
 */
export const HEALTH_RECORD_SCOPES = [
  'patient/Condition.rs',
  'patient/AllergyIntolerance.rs',
  'patient/Immunization.rs',
  'patient/Encounter.rs',
  'patient/DocumentReference.rs',
  'patient/Binary.r',
  'patient/Observation.rs',
  'patient/Practitioner.rs',
  'patient/Location.rs',
  'patient/Organization.rs',
] as const;

/**
 * The SMART scopes `<health-reminders>` needs, all read-only: vaccine forecasts, care plans, orders and
 * booked visits, and the clinicians and places the visits name.
 */
export const HEALTH_REMINDERS_SCOPES = [
  'patient/ImmunizationRecommendation.rs',
  'patient/CarePlan.rs',
  'patient/ServiceRequest.rs',
  'patient/Appointment.rs',
  'patient/Practitioner.rs',
  'patient/Location.rs',
] as const;
