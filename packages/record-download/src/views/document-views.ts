/** The Documents view's pieces: the filters, a document's row with its formats, the opened file, and the form to add one. */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { renderDataText, renderError } from '@portico/core';
import type { RecordLocalize } from '../i18n/terms.js';
import type { OpenedDocument } from '../model/document-content.js';
import type { DocumentFilters, DocumentFormat, DocumentFormatKind, DocumentRow, DocumentTypeChoice } from '../model/document-list.js';
import { ADDED_DOCUMENT_FILE_TYPES, ADDED_DOCUMENT_TYPE_NAMES, type AddedDocumentType } from '../model/document-add.js';

/** What each format's button says. */
const OPEN_TERMS = {
  pdf: 'documentDownloadPdf',
  image: 'documentViewImage',
  html: 'documentViewPage',
  xml: 'documentViewText',
  text: 'documentViewText',
  other: 'documentDownloadFile',
} as const satisfies Record<DocumentFormatKind, string>;

/** The words for each kind of document a patient adds. */
export const ADDED_TYPE_TERMS = {
  vaccination: 'addedTypeVaccination',
  letter: 'addedTypeLetter',
  'outside-result': 'addedTypeOutsideResult',
  other: 'addedTypeOther',
} as const satisfies Record<AddedDocumentType, string>;

/** Formats that open in the page (the others are saved as files). */
export function opensInPage(kind: DocumentFormatKind): boolean {
  return kind === 'image' || kind === 'html' || kind === 'xml' || kind === 'text';
}

export interface FilterView {
  types: readonly DocumentTypeChoice[];
  filters: DocumentFilters;
  onChange: (filters: DocumentFilters) => void;
}

/** The filters: a type among those present, and a date range. */
export function renderDocumentFilters(localize: RecordLocalize, view: FilterView): TemplateResult {
  const { filters, onChange } = view;
  return html`<fieldset class="document-filters" part="document-filters">
    <legend class="visually-hidden">${localize.term('documentFilters')}</legend>
    <label class="field">
      ${localize.term('documentTypeFilter')}
      <select part="type-filter" @change=${(e: Event) => onChange({ ...filters, type: (e.target as HTMLSelectElement).value || undefined })}>
        <option value="" ?selected=${!filters.type}>${localize.term('documentTypeAll')}</option>
        ${view.types.map((t) => html`<option value=${t.key} ?selected=${filters.type === t.key}>${t.label}</option>`)}
      </select>
    </label>
    <label class="field">
      ${localize.term('documentsFrom')}
      <input type="date" part="from-filter" .value=${filters.from ?? ''} max=${ifDefined(filters.to)} @change=${(e: Event) => onChange({ ...filters, from: (e.target as HTMLInputElement).value || undefined })} />
    </label>
    <label class="field">
      ${localize.term('documentsTo')}
      <input type="date" part="to-filter" .value=${filters.to ?? ''} min=${ifDefined(filters.from)} @change=${(e: Event) => onChange({ ...filters, to: (e.target as HTMLInputElement).value || undefined })} />
    </label>
  </fieldset>`;
}

export interface RowView {
  row: DocumentRow;
  /** The row's position, for ids. */
  index: number;
  /** The format open under the row, if any. */
  openIndex?: number;
  /** The format being fetched or saved, if any. */
  busyIndex?: number;
  /** What went wrong with this row's last action. */
  problem?: string;
  onFormat: (format: DocumentFormat) => void;
  onDownload: (format: DocumentFormat) => void;
  /** The opened file, rendered under the row. */
  opened?: TemplateResult;
}

/** One document: what it is, its date, who wrote it, "Added by you", and a button per format. */
export function renderDocumentRow(localize: RecordLocalize, view: RowView): TemplateResult {
  const { row, index } = view;
  const titleId = `document-title-${index}`;
  const when = row.date ? localize.fhirDate(row.date) : '';
  const meta = [row.type && row.title !== row.type ? row.type : '', when].filter(Boolean);
  return html`<li class="document" part="document" data-document-id=${row.id}>
    <p class="document-title" id=${titleId}><strong>${renderDataText(row.title || row.type || localize.term('documentUntitled'))}</strong></p>
    <p class="hint">
      ${meta.map((m, i) => html`${i ? ' · ' : ''}${renderDataText(m)}`)}
      ${row.authors.length ? html`${meta.length ? ' · ' : ''}${localize.term('documentBy')} ${renderDataText(row.authors.join(', '))}` : nothing}
    </p>
    ${row.patientAdded ? html`<p class="added-badge" part="added-badge">${localize.term('addedByYou')}</p>` : nothing}
    <div class="document-actions">
      ${row.formats.length === 0 ? html`<span class="hint">${localize.term('documentNoFile')}</span>` : nothing}
      ${row.formats.map((format) => {
        const busy = view.busyIndex === format.index;
        const open = view.openIndex === format.index;
        const label = localize.term(OPEN_TERMS[format.kind]);
        return html`<button
            type="button"
            part="format-button"
            data-kind=${format.kind}
            aria-describedby=${titleId}
            aria-expanded=${ifDefined(opensInPage(format.kind) ? (open ? 'true' : 'false') : undefined)}
            aria-disabled=${busy ? 'true' : 'false'}
            @click=${() => !busy && view.onFormat(format)}
          >
            ${busy ? localize.term('documentOpening') : label}
          </button>
          ${format.kind === 'image' || format.kind === 'text'
            ? html`<button type="button" part="download-button" data-kind=${format.kind} aria-describedby=${titleId} @click=${() => !busy && view.onDownload(format)}>${localize.term('documentDownload')}</button>`
            : nothing}`;
      })}
    </div>
    ${view.problem ? html`<p class="problem" role="alert" part="document-problem">${view.problem}</p>` : nothing}
    ${view.opened ?? nothing}
  </li>`;
}

export interface OpenedView {
  document: OpenedDocument;
  title: string;
  onClose: () => void;
}

/**
 * The opened file: an image (from a blob URL), text in a `<pre>`, or an HTML page made inert in a frame
 * that runs no script and reaches nothing (`sandbox` with no permissions, its own Content-Security-Policy).
 */
export function renderOpenedDocument(localize: RecordLocalize, view: OpenedView): TemplateResult {
  const { document } = view;
  const body =
    document.kind === 'image'
      ? html`<img class="document-image" part="document-image" src=${document.url} alt=${view.title} />`
      : document.kind === 'html'
        ? html`<iframe class="document-frame" part="document-frame" sandbox="" referrerpolicy="no-referrer" title=${view.title} srcdoc=${document.srcdoc}></iframe>`
        : html`<pre class="document-text" part="document-text" tabindex="0" aria-label=${view.title}>${document.text}</pre>`;
  return html`<div class="document-viewer" part="document-viewer">
    ${body}
    <button type="button" part="close-document" @click=${view.onClose}>${localize.term('documentClose')}</button>
  </div>`;
}

export interface AddFormView {
  file?: File;
  type: AddedDocumentType;
  date: string;
  today: string;
  busy: boolean;
  /** The upload's progress (0 to 1), while sending. */
  progress?: number;
  problem?: string;
  onFile: (file: File | undefined) => void;
  onType: (type: AddedDocumentType) => void;
  onDate: (date: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The form to add a document: the file, its kind and its date. What was chosen stays after an error. */
export function renderAddForm(localize: RecordLocalize, view: AddFormView): TemplateResult {
  return html`<form
    class="add-document"
    part="add-form"
    aria-labelledby="add-document-heading"
    @submit=${(e: Event) => {
      e.preventDefault();
      view.onSubmit();
    }}
  >
    <h4 id="add-document-heading" tabindex="-1">${localize.term('addDocumentHeading')}</h4>
    <p class="hint">${localize.term('addDocumentHint')}</p>
    <label class="field">
      ${localize.term('addDocumentFile')}
      <input type="file" part="file-input" accept=${ADDED_DOCUMENT_FILE_TYPES.join(',')} @change=${(e: Event) => view.onFile((e.target as HTMLInputElement).files?.[0] ?? undefined)} />
    </label>
    ${view.file ? html`<p class="hint" part="chosen-file">${localize.term('addDocumentChosen')} ${renderDataText(view.file.name)} (${localize.fileSize(view.file.size)})</p>` : nothing}
    <label class="field">
      ${localize.term('addDocumentType')}
      <select part="added-type" @change=${(e: Event) => view.onType((e.target as HTMLSelectElement).value as AddedDocumentType)}>
        ${ADDED_DOCUMENT_TYPE_NAMES.map((t) => html`<option value=${t} ?selected=${view.type === t}>${localize.term(ADDED_TYPE_TERMS[t])}</option>`)}
      </select>
    </label>
    <label class="field">
      ${localize.term('addDocumentDate')}
      <input type="date" part="added-date" required max=${view.today} .value=${view.date} @change=${(e: Event) => view.onDate((e.target as HTMLInputElement).value)} />
    </label>
    ${view.problem ? html`<p class="problem" role="alert" part="add-problem">${view.problem}</p>` : nothing}
    <p class="visually-hidden" role="status">${view.busy ? localize.term('addingDocument') : ''}</p>
    <div class="form-actions">
      <button type="submit" class="primary" part="add-button" aria-disabled=${view.busy ? 'true' : 'false'}>${view.busy ? localize.term('addingDocument') : localize.term('addDocumentSubmit')}</button>
      <button type="button" part="cancel-add" @click=${view.onCancel}>${localize.term('addDocumentCancel')}</button>
    </div>
  </form>`;
}

/** Where a patient who cannot add documents here sends one: a message to the clinic, or the hospital's help page. */
export function renderAddElsewhere(localize: RecordLocalize, view: { canMessage: boolean; helpHref: string; onMessage: () => void }): TemplateResult {
  return html`<p class="hint add-elsewhere" part="add-elsewhere">
    ${localize.term('addDocumentElsewhere')}
    ${view.canMessage
      ? html`<button type="button" part="message-clinic" @click=${view.onMessage}>${localize.term('sendDocumentByMessage')}</button>`
      : view.helpHref
        ? html`<a class="action-link" href=${view.helpHref} part="help-link">${localize.term('documentsHelp')}</a>`
        : nothing}
  </p>`;
}

/** An error with retry for the list as a whole. */
export function renderDocumentsError(localize: RecordLocalize, error: unknown, onRetry: () => void): TemplateResult {
  return renderError({ message: localize.errorMessage(error), retryLabel: localize.term('retry'), onRetry });
}
