/**
 * The Documents view: the patient's documents (visit summaries, letters, notes, immunization records),
 * newest first, filtered by type and date; each opened or saved with the patient's credentials, and a
 * document of their own added when the server lets patients create documents.
 */
import { Task } from '@lit/task';
import type { Attachment, DocumentReference } from 'fhir/r4';
import { css, html, nothing } from 'lit';
import { canNavigate, downloadAttachment, navigate, PagedList, renderEmpty, renderSkeleton, type FhirClient } from '@portico/core';
import type { PanelContext, RecordPanel } from '../record-download/panel.js';
import { DocumentAddressRefused, checkDocumentAddress, openDocument, type OpenedDocument } from '../model/document-content.js';
import { documentRows, documentTypes, filterDocuments, loadDocuments, type DocumentFilters, type DocumentFormat, type DocumentRow } from '../model/document-list.js';
import { addedDocument, canAddDocuments, createDocument, newDocumentKey, uploadDocumentFile, type AddedDocumentType } from '../model/document-add.js';
import { ADDED_TYPE_TERMS, opensInPage, renderAddElsewhere, renderAddForm, renderDocumentFilters, renderDocumentRow, renderDocumentsError, renderOpenedDocument } from './document-views.js';

/** How many documents are shown at first and added by "Show more". */
const DOCUMENTS_PAGE = 20;

/** Today in the patient's time zone, `YYYY-MM-DD`. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

interface AddDraft {
  file?: File;
  type: AddedDocumentType;
  date: string;
  key: string;
  /** The file as stored by an earlier try, so a retry sends it once. */
  uploaded?: { file: File; attachment: Attachment };
}

class DocumentsPanel implements RecordPanel {
  private filters: DocumentFilters = {};
  /** Every document read for the patient (each reload reads them again), and its rows. */
  private loaded?: { key: string; rows: Promise<DocumentRow[]> };
  private rows: DocumentRow[] = [];
  private reloads = 0;
  private readonly list: PagedList<DocumentRow, readonly [FhirClient | undefined, string | undefined, number, string, string, string]>;
  private readonly addable: Task<readonly [FhirClient | undefined], boolean>;
  private readonly opening: Task<readonly [FhirClient, Attachment], OpenedDocument>;
  /** The file open under its row. */
  private opened?: { id: string; index: number; title: string };
  private busy?: { id: string; index: number };
  private problem?: { id: string; message: string };
  private announcement = '';
  private draft?: AddDraft;
  private adding = false;
  private addProblem?: string;

  constructor(private readonly context: PanelContext) {
    const { host } = context;
    this.list = new PagedList(host, {
      args: () => [context.client(), context.patientId(), this.reloads, this.filters.type ?? '', this.filters.from ?? '', this.filters.to ?? ''] as const,
      first: async ([client, patientId, reloads], signal) => {
        if (!client || !patientId) return undefined;
        const key = `${patientId}|${reloads}`;
        if (this.loaded?.key !== key) {
          const rows = loadDocuments(client, patientId, { signal }).then((docs) => documentRows(docs, context.localize.lang()));
          this.loaded = { key, rows };
          rows.catch(() => this.loaded?.rows === rows && (this.loaded = undefined));
        }
        this.rows = await this.loaded.rows;
        return { items: filterDocuments(this.rows, this.filters) };
      },
      next: () => Promise.resolve({ items: [] }),
      key: (row) => row.id || undefined,
      pageSize: DOCUMENTS_PAGE,
      added: (count) => context.localize.term('moreShown', count),
      onAdded: (from) => context.root.querySelectorAll('.documents-view [part~="document"]')[from]?.querySelector<HTMLButtonElement>('button')?.focus(),
    });
    this.addable = new Task(host, {
      args: () => [context.client()] as const,
      task: async ([client], { signal }) => (client ? canAddDocuments(client, signal) : false),
    });
    this.opening = new Task(host, {
      autoRun: false,
      task: ([client, attachment], { signal }) => openDocument(client, attachment, signal),
      onComplete: () => host.requestUpdate(),
      onError: (error) => {
        if (this.opened) this.problem = { id: this.opened.id, message: this.refusal(error) };
        this.opened = undefined;
        host.requestUpdate();
      },
    });
  }

  private refusal(error: unknown): string {
    return error instanceof DocumentAddressRefused ? this.context.localize.term('documentAddressRefused') : this.context.localize.errorMessage(error);
  }

  private closeOpened(): void {
    const value = this.opening.value;
    if (value?.kind === 'image') URL.revokeObjectURL(value.url);
    this.opened = undefined;
    this.context.host.requestUpdate();
  }

  private async onFormat(row: DocumentRow, format: DocumentFormat): Promise<void> {
    const client = this.context.client();
    if (!client) return;
    this.problem = undefined;
    if (opensInPage(format.kind)) {
      const same = this.opened?.id === row.id && this.opened.index === format.index;
      this.closeOpened();
      if (same) return;
      this.opened = { id: row.id, index: format.index, title: row.title || row.type };
      this.context.host.requestUpdate();
      await this.opening.run([client, format.attachment]);
      return;
    }
    await this.onDownload(row, format);
  }

  /** Saves the file, with the patient's credentials, when its address is on the FHIR server and its type one Portico saves. */
  private async onDownload(row: DocumentRow, format: DocumentFormat): Promise<void> {
    const client = this.context.client();
    if (!client || this.busy) return;
    this.problem = undefined;
    this.busy = { id: row.id, index: format.index };
    this.context.host.requestUpdate();
    try {
      checkDocumentAddress(client, format.attachment);
      const saved = await downloadAttachment(client, format.attachment, { container: this.context.root, fallbackName: 'document' });
      this.announcement = this.context.localize.term('documentSaved', saved.name);
    } catch (error) {
      this.problem = { id: row.id, message: this.refusal(error) };
    } finally {
      this.busy = undefined;
      this.context.host.requestUpdate();
    }
  }

  private startAdding(): void {
    this.draft ??= { type: 'vaccination', date: today(), key: newDocumentKey() };
    this.addProblem = undefined;
    this.context.host.requestUpdate();
    void this.context.host.updateComplete.then(() => this.context.root.querySelector<HTMLElement>('#add-document-heading')?.focus());
  }

  private updateDraft(change: Partial<AddDraft>): void {
    if (!this.draft || this.adding) return;
    this.draft = { ...this.draft, ...change };
    this.context.host.requestUpdate();
  }

  /** Adds the document: the file as a Binary (once per file), then the DocumentReference (once per draft key). */
  private async submit(): Promise<void> {
    const { localize, host } = this.context;
    const client = this.context.client();
    const patientId = this.context.patientId();
    const draft = this.draft;
    if (this.adding || !draft || !client || !patientId) return;
    if (!draft.file) {
      this.addProblem = localize.term('addDocumentNoFile');
      host.requestUpdate();
      return;
    }
    if (draft.file.size === 0) {
      this.addProblem = localize.term('addDocumentEmptyFile');
      host.requestUpdate();
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date) || draft.date > today()) {
      this.addProblem = localize.term('addDocumentBadDate');
      host.requestUpdate();
      return;
    }
    this.adding = true;
    this.addProblem = undefined;
    host.requestUpdate();
    try {
      const file = draft.file;
      const attachment = draft.uploaded?.file === file ? draft.uploaded.attachment : await uploadDocumentFile(client, patientId, file);
      draft.uploaded = { file, attachment };
      const document: DocumentReference = addedDocument(patientId, { file, type: draft.type, typeLabel: localize.term(ADDED_TYPE_TERMS[draft.type]), date: draft.date, key: draft.key }, attachment, await this.context.actingPerson());
      const created = await createDocument(client, document);
      this.draft = undefined;
      this.filters = {};
      this.announcement = localize.term('documentAdded');
      this.reloads++;
      host.requestUpdate();
      await this.list.task.taskComplete.catch(() => undefined);
      await host.updateComplete;
      this.context.root.querySelector<HTMLElement>(`.documents-view [data-document-id="${CSS.escape(created.id ?? '')}"] button`)?.focus();
    } catch (error) {
      this.addProblem = localize.errorMessage(error);
    } finally {
      this.adding = false;
      host.requestUpdate();
    }
  }

  private renderAdd() {
    const { localize, host } = this.context;
    if (this.draft) {
      const draft = this.draft;
      return renderAddForm(localize, {
        file: draft.file,
        type: draft.type,
        date: draft.date,
        today: today(),
        busy: this.adding,
        problem: this.addProblem,
        onFile: (file) => this.updateDraft({ file }),
        onType: (type) => this.updateDraft({ type }),
        onDate: (date) => this.updateDraft({ date }),
        onSubmit: () => void this.submit(),
        onCancel: () => {
          if (this.adding) return;
          this.draft = undefined;
          this.addProblem = undefined;
          host.requestUpdate();
          void host.updateComplete.then(() => this.context.root.querySelector<HTMLElement>('[part~="add-document"]')?.focus());
        },
      });
    }
    return this.addable.render({
      pending: () => nothing,
      error: () => nothing,
      complete: (allowed) =>
        allowed
          ? html`<button type="button" part="add-document" @click=${() => this.startAdding()}>${localize.term('addDocument')}</button>`
          : renderAddElsewhere(localize, {
              canMessage: canNavigate(host, 'message-inbox'),
              helpHref: this.context.helpHref(),
              onMessage: () => void navigate(host, 'message-inbox', { subject: localize.term('documentForClinicSubject') }),
            }),
    });
  }

  private renderRow(row: DocumentRow, index: number) {
    const { localize } = this.context;
    const opened = this.opened?.id === row.id ? this.opened : undefined;
    let viewer;
    if (opened) {
      viewer = this.opening.render({
        pending: () => renderSkeleton({ label: localize.term('documentOpening'), lines: 2 }),
        complete: (document) => renderOpenedDocument(localize, { document, title: opened.title, onClose: () => this.closeOpened() }),
        error: () => nothing,
      }) as ReturnType<typeof html>;
    }
    return renderDocumentRow(localize, {
      row,
      index,
      openIndex: opened?.index,
      busyIndex: this.busy?.id === row.id ? this.busy.index : undefined,
      problem: this.problem?.id === row.id ? this.problem.message : undefined,
      onFormat: (format) => void this.onFormat(row, format),
      onDownload: (format) => void this.onDownload(row, format),
      opened: viewer,
    });
  }

  render() {
    const { localize } = this.context;
    const filtered = !!(this.filters.type || this.filters.from || this.filters.to);
    return html`<section class="documents-view" part="documents" aria-labelledby="documents-heading">
      <h3 id="documents-heading">${localize.term('documentsHeading')}</h3>
      <div class="documents-add">${this.renderAdd()}</div>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.list.renderStatus()}
      ${this.rows.length
        ? renderDocumentFilters(localize, {
            types: documentTypes(this.rows),
            filters: this.filters,
            onChange: (filters) => {
              this.filters = filters;
              this.closeOpened();
              this.context.host.requestUpdate();
            },
          })
        : nothing}
      ${this.list.render({
        initial: () => renderSkeleton({ label: localize.term('loadingDocuments'), lines: 4 }),
        pending: () => renderSkeleton({ label: localize.term('loadingDocuments'), lines: 4 }),
        error: (error) => renderDocumentsError(localize, error, () => void this.list.task.run()),
        complete: () => {
          if (!this.rows.length) return renderEmpty({ heading: localize.term('noDocuments'), message: localize.term('noDocumentsHint') });
          const items = this.list.items;
          return html`<p class="hint" part="documents-count">${localize.term('documentsShown', items.length, this.list.all.length)}</p>
            ${items.length
              ? html`<ul class="documents" role="list">
                  ${items.map((row, i) => this.renderRow(row, i))}
                </ul>`
              : renderEmpty({ heading: filtered ? localize.term('noDocumentsMatch') : localize.term('noDocuments') })}
            ${this.list.renderMore({ more: localize.term('showMore'), loading: localize.term('loadingDocuments'), error: (e) => localize.errorMessage(e), retry: localize.term('retry') })}`;
        },
      })}
    </section>`;
  }
}

/** The Documents view. */
export function createPanel(context: PanelContext): RecordPanel {
  return new DocumentsPanel(context);
}

/** The Documents view's look: rows, their formats, the opened file (a frame up to the view's width), the add form; printing leaves the list. */
export const styles = css`
  .documents-view .documents {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .documents-view .document {
    display: grid;
    gap: var(--_space-2xs);
    padding-block: var(--_space-sm);
    border-block-end: 1px solid var(--_color-border);
  }
  .documents-view .document p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .documents-view .document-actions,
  .documents-view .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
  }
  .documents-view .added-badge {
    justify-self: start;
    padding: 0 var(--_space-xs);
    border: 1px solid var(--_color-primary);
    border-radius: var(--_radius);
    font-size: var(--_font-size-small);
  }
  .documents-view .document-filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    margin: 0 0 var(--_space-sm);
    padding: 0;
    border: 0;
  }
  .documents-view .document-viewer {
    display: grid;
    gap: var(--_space-xs);
    justify-items: start;
  }
  .documents-view .document-frame {
    box-sizing: border-box;
    inline-size: 100%;
    block-size: min(70vh, 40rem);
    border: 1px solid var(--_color-border);
    background: #fff;
  }
  .documents-view .document-image {
    max-inline-size: 100%;
    block-size: auto;
  }
  .documents-view .document-text {
    box-sizing: border-box;
    max-inline-size: 100%;
    max-block-size: 40rem;
    overflow: auto;
    margin: 0;
    padding: var(--_space-sm);
    border: 1px solid var(--_color-border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    unicode-bidi: plaintext;
  }
  .documents-view .add-document {
    display: grid;
    gap: var(--_space-sm);
    max-inline-size: 32rem;
    margin-block-end: var(--_space-md);
    padding: var(--_space-sm);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .documents-view .add-document p {
    margin: 0;
  }
  .documents-view .problem {
    margin: 0;
    color: var(--_color-danger);
  }
  .documents-view input,
  .documents-view select {
    max-inline-size: 100%;
  }
  @media print {
    .documents-view .documents-add,
    .documents-view .document-actions,
    .documents-view .document-filters {
      display: none;
    }
  }
`;
