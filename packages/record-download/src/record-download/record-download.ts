import { adoptStyles, html, LitElement, nothing, type CSSResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  controlStyles,
  LocalizeController,
  renderError,
  renderSkeleton,
  renderUntilReady,
  renderViewingFor,
  SessionController,
  stateStyles,
  offscreenStyles, themeStyles,
  type FhirClient,
  type NavigationParams,
} from '@portico/core';
import { RECORD_TERMS, type RecordTerms } from '../i18n/terms.js';
import { RECORD_DOWNLOAD_SCOPES } from '../scopes.js';
import type { PanelContext, RecordPanel } from './panel.js';
import { recordDownloadStyles } from './record-download.styles.js';
import { RECORD_VIEWS, VIEW_MODULES, VIEW_TERMS, type RecordView } from './views.js';

/**
 * The patient's record to take away: the whole FHIR record as one file, a summary to print or save as
 * PDF, their documents, their immunization record and a SMART Health Card. Each view's code loads the
 * first time it is shown; the first screen makes no request of its own.
 *
 * @summary Download the record: FHIR, a printable summary, documents, immunizations, a health card.
 *
 * @csspart tabs - The views: Everything, Summary, Documents, Immunizations, Health card.
 * @csspart export - The Everything view.
 * @csspart export-form - Its choices: `export-kinds`, `export-dates`, `export-format` (each a fieldset), `export-start-button`.
 * @csspart export-kinds - The kinds of data to take.
 * @csspart export-dates - The optional date range.
 * @csspart export-format - One FHIR JSON file or NDJSON.
 * @csspart export-problem - What is wrong with the choices (nothing starts).
 * @csspart export-start-button - Start (Start again after a cancel).
 * @csspart export-stopped - "Stopped. Nothing was saved."
 * @csspart export-progress - The run: progress bar, words and Cancel.
 * @csspart export-progress-words - "12 of 30 kinds of data · 1,240 items".
 * @csspart export-announcement - What screen readers are told now and then (visually hidden).
 * @csspart export-cancel-button - Cancel.
 * @csspart export-done - The finished file: what is in it and what is not.
 * @csspart export-counts - Items per kind of data.
 * @csspart export-left-out - What the server would not give, and why.
 * @csspart export-save-button - Save the file.
 * @csspart export-again-button - Start again.
 * @csspart export-type-files - NDJSON: a file per type.
 * @csspart export-saved - The name the file was saved under.
 * @csspart other-forms - The International Patient Summary and the continuity-of-care document, where the server offers them.
 * @csspart ips-button - Save the International Patient Summary.
 * @csspart ccd-button - Save the continuity-of-care document.
 * @csspart other-forms-outcome - What saving one of them did.
 * @csspart print-button - Print or save the summary as PDF.
 * @csspart summary - The printable summary.
 * @csspart summary-date - When it was made.
 * @csspart summary-patient - The patient's details.
 * @csspart summary-section - One section (also `summary-problems`, `summary-allergies`, `summary-medications`, `summary-immunizations`, `summary-results`, `summary-visits`, `summary-care-team`).
 * @csspart summary-problems - The summary's problems.
 * @csspart summary-allergies - The summary's allergies.
 * @csspart summary-medications - The summary's medications.
 * @csspart summary-immunizations - The summary's immunizations.
 * @csspart summary-results - The summary's recent results.
 * @csspart summary-visits - The summary's recent visits.
 * @csspart summary-care-team - The summary's care team.
 * @csspart documents - The Documents view.
 * @csspart document-filters - The type and date filters (`type-filter`, `from-filter`, `to-filter`).
 * @csspart type-filter - The type filter.
 * @csspart from-filter - The first day of the date filter.
 * @csspart to-filter - The last day of the date filter.
 * @csspart documents-count - "Showing 20 of 34".
 * @csspart document - One document: title, type, date, authors and its formats.
 * @csspart added-badge - "Added by you" on a document the patient added.
 * @csspart format-button - Open or save one of a document's formats (`data-kind`: pdf, image, html, xml, text, other).
 * @csspart download-button - Save an image or text document as a file.
 * @csspart document-problem - Why a document's file was not opened.
 * @csspart document-viewer - The opened file and its Close button (`close-document`).
 * @csspart close-document - Close the opened file.
 * @csspart document-frame - An HTML document, in a sandboxed frame that runs no script.
 * @csspart document-text - A text or XML document, as text.
 * @csspart document-image - An image document.
 * @csspart add-document - "Add a document" (when the server lets patients add documents).
 * @csspart add-form - The form: `file-input`, `chosen-file`, `added-type`, `added-date`, `add-problem`, `add-button`, `cancel-add`.
 * @csspart file-input - Choose the file.
 * @csspart chosen-file - The file chosen.
 * @csspart added-type - What the document is.
 * @csspart added-date - The document's date.
 * @csspart add-problem - What is wrong with the file or the date (nothing is sent).
 * @csspart add-button - Add the document.
 * @csspart cancel-add - Cancel adding.
 * @csspart add-elsewhere - How to give the clinic a document when it cannot be added here (`message-clinic` or `help-link`).
 * @csspart message-clinic - Write to the care team about a document (the page's message inbox).
 * @csspart help-link - The hospital's page for records questions (`help-href`).
 * @csspart immunization-record - The Immunizations view.
 * @csspart immunization-patient - The patient's name and birth date heading the record.
 * @csspart immunizations - The table of vaccines; each row `immunization`, a dose not given `not-given`.
 * @csspart immunization - One vaccine given.
 * @csspart not-given - A dose not given, with the reason.
 * @csspart immunizations-print-button - Print the immunization record.
 * @csspart health-card - The Health card view.
 * @csspart health-card-qr - The card's QR code (a canvas).
 * @csspart health-card-too-large - Said instead of the QR code when the card needs more than one.
 * @csspart health-card-download - Save the `.smart-health-card` file.
 * @csspart health-card-issuer - Who issued the card.
 * @csspart health-card-patient - Whose card it is.
 * @csspart health-card-kind - The choice of card: vaccinations or test results.
 * @csspart health-card-vaccines - The vaccines in the card.
 * @csspart health-card-results - The tests and their results in a test-result card.
 * @csspart health-card-refused - A card that failed the check, and why.
 *
 * @fires {PorticoNavigateEvent} portico-navigate - Writing to the care team about a document; detail `{ target: 'message-inbox', params: { topic, subject } }`.
 * @fires {PorticoRecordDownloadedEvent} portico-record-downloaded - A file of the record was saved: `{ format: 'bundle' | 'ndjson' | 'ips' | 'ccd', resources, bytes }`.
 */
export class RecordDownload extends LitElement {
  /** The SMART scopes it needs (`portal-session` asks for them). */
  static readonly scopes = RECORD_DOWNLOAD_SCOPES;
  static override styles = [themeStyles, offscreenStyles, stateStyles, controlStyles, recordDownloadStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController<RecordTerms>(this, { locale: () => this.session.locale, terms: RECORD_TERMS });

  /** The views offered, space-separated, in this order: `everything summary documents immunizations health-card` (all by default). */
  @property() views: string = RECORD_VIEWS.join(' ');

  /** The view shown: one of `views` (the first by default). */
  @property({ reflect: true }) view?: RecordView;

  /** The hospital's page for questions about records, when the page has no message-inbox. */
  @property({ attribute: 'help-href' }) helpHref = '';

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose record it is, without a portal-session (with `.client`). */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** The views made so far, and the one whose code could not be loaded. */
  @state() private panels: Partial<Record<RecordView, RecordPanel>> = {};
  @state() private failed?: { view: RecordView; error: unknown };
  private loading = new Set<RecordView>();
  private adopted: CSSResult[] = [];

  /** The views offered, as the `views` attribute names them (unknown names ignored, all when none is left). */
  get offered(): RecordView[] {
    const named = this.views.split(/\s+/).filter((v): v is RecordView => (RECORD_VIEWS as readonly string[]).includes(v));
    return named.length ? [...new Set(named)] : [...RECORD_VIEWS];
  }

  private get shown(): RecordView {
    const offered = this.offered;
    return this.view && offered.includes(this.view) ? this.view : offered[0]!;
  }

  /** Opens a view, for another element sending the patient here: `{ view: 'documents' }`. */
  async open(params: NavigationParams): Promise<void> {
    const view = RECORD_VIEWS.find((v) => v === params.view);
    if (view) this.view = view;
    await this.updateComplete;
  }

  private context(): PanelContext {
    return {
      host: this,
      localize: this.localize,
      root: this.renderRoot as ShadowRoot,
      client: () => this.session.client,
      patientId: () => this.session.patientId,
      actingPerson: (signal) => this.session.actingPerson(signal),
      helpHref: () => this.helpHref,
    };
  }

  /** Loads a view's code once; its styles join the element's. */
  private async load(view: RecordView): Promise<void> {
    if (this.panels[view] || this.loading.has(view)) return;
    this.loading.add(view);
    try {
      const module = await VIEW_MODULES[view]();
      if (module.styles) {
        this.adopted.push(module.styles);
        adoptStyles(this.renderRoot as ShadowRoot, [...RecordDownload.elementStyles, ...this.adopted]);
      }
      this.panels = { ...this.panels, [view]: module.createPanel(this.context()) };
      if (this.failed?.view === view) this.failed = undefined;
    } catch (error) {
      this.failed = { view, error };
    } finally {
      this.loading.delete(view);
    }
  }

  protected override render() {
    const gate = renderUntilReady(this.session, { message: this.localize.term('signInToDownload'), signInLabel: this.localize.term('signIn'), loadingLabel: this.localize.term('loadingRecord') });
    if (gate) return gate;
    const shown = this.shown;
    const panel = this.panels[shown];
    if (!panel && this.failed?.view !== shown) void this.load(shown);
    const offered = this.offered;
    return html`<section class="record-download" dir=${this.localize.dir()} aria-labelledby="record-heading">
      <h2 id="record-heading">${this.localize.term('recordHeading')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
      ${offered.length > 1
        ? html`<div class="tabs" part="tabs" role="group" aria-label=${this.localize.term('recordHeading')}>
            ${offered.map((view) => html`<button type="button" aria-pressed=${shown === view ? 'true' : 'false'} @click=${() => (this.view = view)}>${this.localize.term(VIEW_TERMS[view])}</button>`)}
          </div>`
        : nothing}
      ${panel
        ? panel.render()
        : this.failed?.view === shown
          ? renderError({
              message: this.localize.errorMessage(this.failed.error),
              retryLabel: this.localize.term('retry'),
              onRetry: () => {
                this.failed = undefined;
              },
            })
          : renderSkeleton({ label: this.localize.term('loadingRecord'), lines: 3 })}
    </section>`;
  }
}
