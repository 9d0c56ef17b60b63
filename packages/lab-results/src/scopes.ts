/**
 * The SMART scopes `<lab-results>` needs: the reports, their results and orders, the documents and files
 * that print them, and who ordered them. Apart from the element, so a page that loads the element later
 * (portico.js) can still ask for them at sign-in.
 */
export const LAB_RESULTS_SCOPES = [
  'patient/DiagnosticReport.rs',
  'patient/Observation.rs',
  'patient/ServiceRequest.rs',
  'patient/DocumentReference.rs',
  'patient/Binary.r',
  'patient/Practitioner.rs',
  'patient/PractitionerRole.rs',
] as const;
