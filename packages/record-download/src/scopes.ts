/**
 * The SMART scopes `<record-download>` needs: reading and searching every type of the patient's record,
 * and creating a document of their own (a DocumentReference and its Binary). packages/record-download/README.md
 * says what is lost without each. Apart from the element, so a page that loads the element later can still
 * ask for them at sign-in.
 */
export const RECORD_DOWNLOAD_SCOPES = ['patient/*.rs', 'patient/DocumentReference.c', 'patient/Binary.c'] as const;
