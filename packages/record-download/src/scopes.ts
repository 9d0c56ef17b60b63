/**
 * The SMART scopes `<record-download>` needs: reading and searching every type of the patient's record
 * (packages/record-download/README.md says what is lost without each). Apart from the element, so a
 * page that loads the element later can still ask for them at sign-in.
 */
export const RECORD_DOWNLOAD_SCOPES = ['patient/*.rs'] as const;
