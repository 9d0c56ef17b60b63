/**
 * The patient's documents as the Documents view lists them (FHIR DocumentReference → rows): current
 * documents only (a superseded one, one marked entered-in-error and one another current document
 * `replaces` are left out), newest first, each with its formats (a visit summary as PDF and as HTML is
 * one row), and the filters the list offers.
 */
import type { Attachment, Coding, DocumentReference, Reference } from 'fhir/r4';
import { conceptName, type FhirClient } from '@portico/core';

/** The mark of a document the patient added themselves: v3 ObservationValue PATAST ("patient asserted"). */
export const PATIENT_ASSERTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'PATAST' } as const;

/** How a document's file is shown: saved (PDF), inline (image), as text (plain text, XML) or in a frame that runs no script (HTML). */
export const DOCUMENT_FORMAT_KINDS = ['pdf', 'image', 'html', 'xml', 'text', 'other'] as const;
export type DocumentFormatKind = (typeof DOCUMENT_FORMAT_KINDS)[number];

/** One file of a document. */
export interface DocumentFormat {
  /** Its position in `content`, stable for the row. */
  index: number;
  kind: DocumentFormatKind;
  attachment: Attachment;
}

/** One row of the documents list. */
export interface DocumentRow {
  id: string;
  resource: DocumentReference;
  /** What it is (its type's name: "Visit summary"), or '' when it has no type. */
  type: string;
  /** The key the type filter uses: the first coding's system|code, else the type's text. */
  typeKey: string;
  /** Its description, else its first file's title, else ''. */
  title: string;
  /** The date it is about: the period it covers, else when it was written. */
  date?: string;
  /** Who wrote it, as the document names them. */
  authors: string[];
  /** Did the patient (or someone for them) add it? */
  patientAdded: boolean;
  formats: DocumentFormat[];
}

/** A type the list can be narrowed to. */
export interface DocumentTypeChoice {
  key: string;
  label: string;
}

/** The filters of the list: a type (a `typeKey`) and a date range (`YYYY-MM-DD`, either end open). */
export interface DocumentFilters {
  type?: string;
  from?: string;
  to?: string;
}

const XML_TYPES = new Set(['application/xml', 'text/xml', 'application/cda+xml', 'application/fhir+xml', 'application/xhtml+xml']);

/** A type without parameters, lower case ('Text/HTML; charset=utf-8' → 'text/html'). */
export function bareType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** How a file of this type is shown. */
export function formatKind(contentType: string | undefined): DocumentFormatKind {
  const type = bareType(contentType);
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/') && type !== 'image/svg+xml') return 'image';
  if (type === 'text/html') return 'html';
  if (XML_TYPES.has(type) || type.endsWith('+xml') || type === 'image/svg+xml') return 'xml';
  if (type === 'text/plain' || type === 'text/csv') return 'text';
  return 'other';
}

function typeKeyOf(document: DocumentReference): string {
  const coding: Coding | undefined = document.type?.coding?.find((c) => c.code);
  return coding ? `${coding.system ?? ''}|${coding.code}` : (document.type?.text ?? '');
}

function displayOf(reference: Reference): string {
  return reference.display?.trim() ?? '';
}

/** Is this a document the patient added (the patient-asserted mark)? */
export function isPatientAdded(document: DocumentReference): boolean {
  return (document.meta?.security ?? []).some((s) => s.system === PATIENT_ASSERTED.system && s.code === PATIENT_ASSERTED.code);
}

/** The date a document is about: the period it covers, else its own date, else its first file's creation. */
export function documentDate(document: DocumentReference): string | undefined {
  return document.context?.period?.start ?? document.date ?? document.content?.find((c) => c.attachment?.creation)?.attachment.creation;
}

/** One row for a document (its files in the order the document gives them). */
export function documentRow(document: DocumentReference, locale?: string): DocumentRow {
  const formats = (document.content ?? []).flatMap((c, index) => (c.attachment ? [{ index, kind: formatKind(c.attachment.contentType), attachment: c.attachment }] : []));
  return {
    id: document.id ?? '',
    resource: document,
    type: conceptName(document.type, locale),
    typeKey: typeKeyOf(document),
    title: document.description?.trim() || formats.find((f) => f.attachment.title)?.attachment.title?.trim() || '',
    date: documentDate(document),
    authors: (document.author ?? []).map(displayOf).filter(Boolean),
    patientAdded: isPatientAdded(document),
    formats,
  };
}

/**
 * The documents to list: current ones only, leaving out each one another listed document `replaces`,
 * newest first by the document's own date (as `_sort=-date` gives them; the server's order kept for ties).
 */
export function documentRows(documents: readonly DocumentReference[], locale?: string): DocumentRow[] {
  const current = documents.filter((d) => (d.status ?? 'current') === 'current');
  const replaced = new Set(current.flatMap((d) => (d.relatesTo ?? []).filter((r) => r.code === 'replaces').map((r) => r.target.reference?.replace(/^.*?DocumentReference\//, '') ?? '')));
  const listed = current.filter((d) => !replaced.has(d.id ?? ''));
  const order = (d: DocumentReference) => d.date ?? documentDate(d) ?? '';
  return listed
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (order(a.d) < order(b.d) ? 1 : order(a.d) > order(b.d) ? -1 : a.i - b.i))
    .map(({ d }) => documentRow(d, locale));
}

/** The types present among the rows, each once, by name. */
export function documentTypes(rows: readonly DocumentRow[]): DocumentTypeChoice[] {
  const types = new Map<string, string>();
  for (const row of rows) if (row.typeKey && !types.has(row.typeKey)) types.set(row.typeKey, row.type || row.typeKey);
  return [...types].map(([key, label]) => ({ key, label })).sort((a, b) => a.label.localeCompare(b.label));
}

/** The rows the filters let through: the type chosen, and a date within the range (a row without a date only when no range is set). */
export function filterDocuments(rows: readonly DocumentRow[], filters: DocumentFilters): DocumentRow[] {
  return rows.filter((row) => {
    if (filters.type && row.typeKey !== filters.type) return false;
    if (!filters.from && !filters.to) return true;
    const day = row.date?.slice(0, 10);
    if (!day) return false;
    return (!filters.from || day >= filters.from) && (!filters.to || day <= filters.to);
  });
}

/** Every document of the patient, newest first (each page of `DocumentReference?patient=…&_sort=-date`, up to `max`). */
export async function loadDocuments(client: FhirClient, patientId: string, options: { signal?: AbortSignal; max?: number } = {}): Promise<DocumentReference[]> {
  const { resources } = await client.searchAll('DocumentReference', { patient: `Patient/${patientId}`, _sort: '-date', _count: '100' }, { signal: options.signal, max: options.max ?? 1000 });
  return resources;
}
