/**
 * The SMART scopes `<message-inbox>` needs: the patient's messages (read, search, create a message,
 * update one to mark it read), the care team it writes to and the people in it, and the files
 * attached. A server that grants only `patient/Communication.rs` still lets the patient read; the
 * element then says how to reach the care team instead of offering to write. Apart from the
 * element, so a page that loads the element later (portico.js) can still ask for them at sign-in.
 */
export const MESSAGE_INBOX_SCOPES = [
  'patient/Communication.crus',
  'patient/CareTeam.rs',
  'patient/Practitioner.rs',
  'patient/PractitionerRole.rs',
  'patient/RelatedPerson.rs',
  'patient/Binary.cr',
] as const;
