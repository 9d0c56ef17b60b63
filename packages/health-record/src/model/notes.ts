/**
 * Clinicians' notes (FHIR DocumentReference, category clinical-note → rows), newest first: what the
 * note is, when, who wrote it, and the file whose words can be shown here (plain text or HTML, read as
 * text). Notes superseded or entered in error are left out.
 */
import type { Attachment, DocumentReference, Resource } from 'fhir/r4';
import { conceptName, referenceId, referenceName } from '@portico/core';

/** The file types whose words a note shows in the page (as text, never as markup). */
export const READABLE_NOTE_TYPES = ['text/plain', 'text/html'] as const;

/** One note as shown. */
export interface NoteRow {
  id: string;
  /** What it is ("Progress note"); '' when the record carries only codes. */
  title: string;
  description: string;
  date?: string;
  author: string;
  /** The file to read its words from, when it has one in a readable type. */
  readable?: Attachment;
  /** The visits it is about (its Encounter ids): a visit's summary is shown with the visit. */
  encounters: string[];
}

const bareType = (type: string | undefined) => (type ?? '').split(';')[0]!.trim().toLowerCase();

/** One row for a note. */
export function noteRow(document: DocumentReference, included: readonly Resource[] = [], locale?: string): NoteRow {
  const attachments = (document.content ?? []).map((c) => c.attachment);
  const readable = READABLE_NOTE_TYPES.map((type) => attachments.find((a) => bareType(a.contentType) === type)).find(Boolean);
  return {
    id: document.id ?? '',
    title: conceptName(document.type, locale),
    description: document.description?.trim() ?? '',
    date: document.date ?? document.context?.period?.start,
    author: (document.author ?? []).map((a) => referenceName(a, included)).find(Boolean) ?? '',
    readable,
    encounters: (document.context?.encounter ?? []).flatMap((e) => referenceId(e, 'Encounter') ?? []),
  };
}

/** The current notes, newest first. */
export function noteRows(documents: readonly DocumentReference[], included: readonly Resource[] = [], locale?: string): NoteRow[] {
  return documents
    .filter((d) => d.status === 'current')
    .map((d) => noteRow(d, included, locale))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}
