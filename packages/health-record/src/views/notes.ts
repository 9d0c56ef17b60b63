import { html, nothing } from 'lit';
import { renderDataText, renderError } from '@portico/core';
import type { HealthRecordLocalize } from '../i18n/terms.js';
import type { NoteRow } from '../model/notes.js';
import { renderDetail } from './details.js';

/** A note's words as read so far: being read, read, or why not. */
export type NoteText = { state: 'loading' } | { state: 'read'; text: string } | { state: 'error'; message: string };

export interface NoteOptions {
  texts: ReadonlyMap<string, NoteText>;
  /** Opened notes, by id. */
  open: ReadonlySet<string>;
  onToggle: (row: NoteRow) => void;
  /** Reads a note's words again after a failure. */
  onRetry: (row: NoteRow) => void;
}

function renderText(localize: HealthRecordLocalize, row: NoteRow, text: NoteText | undefined, options: NoteOptions) {
  if (!text || text.state === 'loading') return html`<p class="hint" role="status">${localize.term('readingNote')}</p>`;
  if (text.state === 'error') return renderError({ message: text.message, onRetry: () => options.onRetry(row), retryLabel: localize.term('retry') });
  return html`<p class="note" part="note-text"><bdi>${text.text}</bdi></p>`;
}

/**
 * "Read the note" and, once opened, its words (or the hint that the note is a file); `named` gives the
 * button a fuller name for a screen reader ("Read the note: Visit summary").
 */
export function renderNoteReader(localize: HealthRecordLocalize, row: NoteRow, options: NoteOptions, named?: string) {
  const open = options.open.has(row.id);
  const textId = `note-text-${named ? 'visit-' : ''}${row.id}`;
  const label = localize.term(open ? 'hideNote' : 'readNote');
  return row.readable
    ? html`<button type="button" class="secondary" part="read-note" aria-expanded=${open ? 'true' : 'false'} aria-controls=${textId} aria-label=${named ? `${label}: ${named}` : nothing} @click=${() => options.onToggle(row)}>
          ${label}
        </button>
        <div id=${textId}>${open ? renderText(localize, row, options.texts.get(row.id), options) : nothing}</div>`
    : html`<p class="hint" part="note-elsewhere">${localize.term('noteNotShownHere')}</p>`;
}

function renderNote(localize: HealthRecordLocalize, row: NoteRow, options: NoteOptions) {
  return html`<li tabindex="-1" part="clinical-note" data-document-id=${row.id}>
    <p class="item-name" part="note-title"><strong>${row.title ? renderDataText(row.title) : localize.term('unnamedNote')}</strong></p>
    ${row.description ? html`<p class="hint" part="note-description">${renderDataText(row.description)}</p>` : nothing}
    <dl part="details">
      ${renderDetail(localize.term('date'), row.date ? localize.fhirDate(row.date) : undefined)}
      ${renderDetail(localize.term('writtenBy'), row.author ? renderDataText(row.author) : undefined)}
    </dl>
    ${renderNoteReader(localize, row, options)}
  </li>`;
}

/** Clinicians' notes, newest first; a note's words shown as plain text when the patient opens it. */
export function renderNotes(localize: HealthRecordLocalize, rows: readonly NoteRow[], options: NoteOptions) {
  return html`<ul class="items" part="clinical-notes">${rows.map((r) => renderNote(localize, r, options))}</ul>`;
}
