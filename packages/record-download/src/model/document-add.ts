/**
 * A document the patient adds (a photo of a vaccination card, a letter from another clinic): the file
 * as a Binary of theirs, then a DocumentReference describing it, marked patient-asserted, created
 * conditionally on an identifier made in the browser, so a double click or a retry adds one document.
 */
import type { Attachment, DocumentReference, Reference } from 'fhir/r4';
import { FileRefusedError, uploadAttachment, type FhirClient } from '@portico/core';
import { PATIENT_ASSERTED } from './document-list.js';

/** The identifier system of documents added here. */
export const DOCUMENT_IDENTIFIER_SYSTEM = 'urn:portico:document';

/** The kinds of document a patient adds, as LOINC document types. */
export const ADDED_DOCUMENT_TYPES = {
  vaccination: { system: 'http://loinc.org', code: '11369-6', display: 'History of Immunization Narrative' },
  letter: { system: 'http://loinc.org', code: '57133-1', display: 'Referral note' },
  'outside-result': { system: 'http://loinc.org', code: '11502-2', display: 'Laboratory report' },
  other: { system: 'http://loinc.org', code: '34133-9', display: 'Summary of episode note' },
} as const;
export type AddedDocumentType = keyof typeof ADDED_DOCUMENT_TYPES;
export const ADDED_DOCUMENT_TYPE_NAMES = Object.keys(ADDED_DOCUMENT_TYPES) as readonly AddedDocumentType[];

/** The files a patient may add: what the server takes as a document and Portico sends (PDF, PNG, JPEG, plain text). */
export const ADDED_DOCUMENT_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;

/** The largest file added: 10 MB. */
export const ADDED_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** What the patient chose: the file, its kind (with the words shown for it) and its date. */
export interface DocumentDraft {
  file: File;
  type: AddedDocumentType;
  /** The kind's name in the patient's language, the document's type text. */
  typeLabel: string;
  /** The day the document is from (`YYYY-MM-DD`). */
  date: string;
  /** Made once per draft (kept across retries): the document's identifier. */
  key: string;
}

/** Whether this client may add documents: DocumentReference and Binary create, offered and granted. */
export async function canAddDocuments(client: FhirClient, signal?: AbortSignal): Promise<boolean> {
  const [document, binary] = await Promise.all([client.allows('create', 'DocumentReference', { signal }), client.allows('create', 'Binary', { signal })]);
  return document && binary;
}

/** A new draft key. */
export function newDocumentKey(): string {
  return crypto.randomUUID();
}

/**
 * Sends the file as a Binary (its `securityContext` the patient), unless `uploaded` is the attachment
 * an earlier try already stored. Throws a FileRefusedError for an empty file or one of another type
 * or too large.
 */
export async function uploadDocumentFile(client: FhirClient, patientId: string, file: File, signal?: AbortSignal): Promise<Attachment> {
  if (file.size === 0) throw new FileRefusedError('file-type', 'The file is empty.');
  return uploadAttachment(client, file, { signal, inlineUpTo: 0, allowedTypes: ADDED_DOCUMENT_FILE_TYPES, maxBytes: ADDED_DOCUMENT_MAX_BYTES, securityContext: { reference: `Patient/${patientId}` } });
}

/** The DocumentReference for a draft whose file is stored as `attachment`. */
export function addedDocument(patientId: string, draft: DocumentDraft, attachment: Attachment, author: Reference = { reference: `Patient/${patientId}` }, now = new Date()): DocumentReference {
  const coding = ADDED_DOCUMENT_TYPES[draft.type];
  return {
    resourceType: 'DocumentReference',
    meta: { security: [{ ...PATIENT_ASSERTED, display: 'patient asserted' }] },
    identifier: [{ system: DOCUMENT_IDENTIFIER_SYSTEM, value: draft.key }],
    status: 'current',
    type: { coding: [{ ...coding }], text: draft.typeLabel },
    subject: { reference: `Patient/${patientId}` },
    date: now.toISOString(),
    author: [author],
    description: draft.file.name || draft.typeLabel,
    content: [{ attachment: { ...attachment, creation: draft.date } }],
    context: { period: { start: draft.date } },
  };
}

/** Creates the document (once for a draft key: `If-None-Exist` on its identifier) and returns it as stored. */
export async function createDocument(client: FhirClient, document: DocumentReference, signal?: AbortSignal): Promise<DocumentReference> {
  const identifier = document.identifier![0]!;
  const { resource, location } = await client.create(document, { signal, ifNoneExist: { identifier: `${identifier.system}|${identifier.value}` } });
  if (resource) return resource;
  const id = /(?:^|\/)DocumentReference\/([^/?#]+)/.exec(location ?? '')?.[1];
  return id ? await client.read('DocumentReference', id, { signal }) : document;
}
