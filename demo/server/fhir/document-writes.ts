/**
 * Documents as a patient token may write them (the documents module's rules, features/documents.ts),
 * after the generic checks of writes.ts (scopes, every patient named is the token's). The same for a
 * direct request and a Bundle entry.
 *
 * - DocumentReference: created only, never updated, patched or deleted (the clinic's documents stay as
 *   the clinic wrote them, and so does what the patient added: a mistaken upload is for the clinic to
 *   mark entered-in-error). A new one has status `current`; `subject` the token's patient; at least one
 *   `author`, each the patient, the token's fhirUser or a RelatedPerson acting for them (messages'
 *   rule, message-writes.ts `senders`); the patient-asserted mark (`meta.security` v3 `PATAST`), so
 *   every reader can tell it from the clinic's documents; no `authenticator`, `custodian` or
 *   `relatesTo` (only the clinic signs, keeps or replaces documents); each `content.attachment` of an
 *   allowed type, inline `data` of at most 1 MB or `url` `Binary/<id>` the token may read (or one the
 *   same transaction creates), never an absolute, `data:` or `javascript:` URL.
 * - Binary: created only, never updated, patched or deleted, so a document's bytes cannot change under
 *   it. Whose record a new one is in is the rule every Binary follows (fhir/access.ts `OWNED_THROUGH`,
 *   as for message attachments): its `securityContext` the token's patient, a resource of their record,
 *   or an entry the same transaction creates.
 * A reference to a Binary the token may not see is 404, as one that does not exist; everything else
 * refused is 403.
 */
import type { DocumentReference } from '@medplum/fhirtypes';
import type { CheckedWrite } from '../features/feature.js';
import { forbidden, type RequestContext, type TransactionView } from './interactions.js';
import { checkAttachment, localTarget, senders } from './message-writes.js';

/** The mark of a document the patient added: v3 ObservationValue PATAST ("patient asserted"), in `meta.security`. */
export const PATIENT_ASSERTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'PATAST' } as const;
/** Content types a patient may add a document in. */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain'] as const;
/** The largest inline attachment, as base64 characters (1 MB of bytes). */
const MAX_INLINE_BASE64 = Math.ceil((1024 * 1024 * 4) / 3) + 4;

/** The refusal of a document update, patch or delete. */
export const DOCUMENTS_STAY = 'Documents cannot be changed or deleted here: add a new one, or ask the clinic to correct a document.';
/** The refusal of a Binary update, patch or delete. */
export const BINARIES_STAY = 'A stored file cannot be changed or deleted here: upload a new one.';

function checkDocument(context: RequestContext, document: DocumentReference, transaction: TransactionView | undefined): void {
  const subject = localTarget(context, document.subject?.reference);
  if (subject?.type !== 'Patient' || !context.access.patients.has(subject.id)) throw forbidden('A document needs as its subject the patient this token is for.');
  if (document.status !== 'current') throw forbidden('A new document has status current.');
  if (!(document.meta?.security ?? []).some((s) => s.system === PATIENT_ASSERTED.system && s.code === PATIENT_ASSERTED.code)) {
    throw forbidden(`A document the patient adds carries the patient-asserted mark (meta.security ${PATIENT_ASSERTED.system}|${PATIENT_ASSERTED.code}).`);
  }
  const allowed = senders(context, subject.id);
  if (!document.author?.length) throw forbidden('A document needs an author: the patient, or the person signed in for them.');
  for (const author of document.author) {
    const target = localTarget(context, author.reference);
    if (!target || !allowed.has(`${target.type}/${target.id}`)) throw forbidden('A document is written by the patient, or by the person signed in for them; not by anyone else.');
  }
  if (document.authenticator || document.custodian || document.relatesTo?.length) throw forbidden('Only the clinic signs, keeps or replaces documents: no authenticator, custodian or relatesTo.');
  if (!document.content?.length) throw forbidden('A document needs its content: an attachment.');
  for (const { attachment } of document.content) {
    if (!(DOCUMENT_CONTENT_TYPES as readonly string[]).includes(attachment?.contentType ?? '')) throw forbidden(`A document is added as ${DOCUMENT_CONTENT_TYPES.join(', ')}.`);
    if (attachment.data === undefined && attachment.url === undefined) throw forbidden('An attachment needs its data inline or the url of its Binary.');
    if (attachment.data !== undefined && attachment.data.length > MAX_INLINE_BASE64) throw forbidden('An attachment inline is at most 1 MB; upload it as a Binary.');
    checkAttachment(context, attachment, transaction);
  }
}

/** The DocumentReference write rule's check: a create that passed the generic checks. */
export function checkDocumentWrite(context: RequestContext, write: CheckedWrite, transaction?: TransactionView): void {
  checkDocument(context, write.resource as DocumentReference, transaction);
}
