import type { EarlySearch, FirstSearches } from '@portico/core';

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

/** Messages read per request: about a screen of conversations, each with its latest messages. */
export const MESSAGE_PAGE = 50;

/** The first page of the patient's messages, newest first, with their senders and recipients (`_include`). */
export function messagePageSearch(patientId: string, pageSize = MESSAGE_PAGE) {
  return {
    resourceType: 'Communication',
    params: { subject: `Patient/${patientId}`, _sort: '-sent', _include: ['Communication:sender', 'Communication:recipient'], _count: pageSize },
  } as const satisfies EarlySearch;
}

/** What `<message-inbox>` searches for its first screen, for the session to send while its code loads. */
export const MESSAGE_INBOX_FIRST_SEARCHES: FirstSearches = (_element, patientId) => [messagePageSearch(patientId)];
