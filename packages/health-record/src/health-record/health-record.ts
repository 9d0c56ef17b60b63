import { Task } from '@lit/task';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  controlStyles,
  immunizationRows,
  LocalizeController,
  PagedList,
  renderEmpty,
  renderError,
  renderSkeleton,
  renderUntilReady,
  renderViewingFor,
  SessionController,
  stateStyles,
  offscreenStyles, themeStyles,
  type FhirClient,
  type ImmunizationRow,
  type Navigable,
  type NavigationParams,
} from '@portico/core';
import { HEALTH_RECORD_TERMS, type HealthRecordTerms } from '../i18n/terms.js';
import { allergyList, type AllergyRow } from '../model/allergies.js';
import { CONDITION_STATES, conditionRows, type ConditionRow, type ConditionState } from '../model/conditions.js';
import { noteRows, type NoteRow } from '../model/notes.js';
import { vitalRows, type VitalRow } from '../model/vitals.js';
import { visitRows, type VisitRow } from '../model/visits.js';
import { readNoteText } from '../read/note-text.js';
import { readSection, type SectionRecords, type SectionResources } from '../read/read-section.js';
import { HEALTH_RECORD_SCOPES } from '../scopes.js';
import { HEALTH_RECORD_SECTIONS, isSection, sectionsNamed, type HealthRecordSection } from '../sections.js';
import { sectionsRead } from '../scopes.js';
import { renderAllergies, renderNoKnownAllergies } from '../views/allergies.js';
import { renderConditions } from '../views/conditions.js';
import { renderImmunizations } from '../views/immunizations.js';
import { renderNotes, type NoteText } from '../views/notes.js';
import { renderVisits } from '../views/visits.js';
import { renderVitals } from '../views/vitals.js';
import { healthRecordStyles } from './health-record.styles.js';
import { trendChartStyles } from '@portico/core/trend-chart.js';

/** How many items of each section the summary shows. */
export const SUMMARY_ITEMS = 3;
/** How many items a full view shows at first and adds with each "Show more". */
export const FULL_VIEW_PAGE = 20;

/** A section's rows, ready to show. */
type SectionRows =
  | { section: 'conditions'; rows: ConditionRow[]; totals: Record<ConditionState, number> }
  | { section: 'allergies'; rows: AllergyRow[]; noneKnown: boolean }
  | { section: 'immunizations'; rows: ImmunizationRow[] }
  | { section: 'visits'; rows: VisitRow[] }
  | { section: 'notes'; rows: NoteRow[] }
  | { section: 'vitals'; rows: VitalRow[] };

type SectionRow = ConditionRow | AllergyRow | ImmunizationRow | VisitRow | NoteRow | VitalRow;

/**
 * The patient's health record: conditions (current, ruled out, resolved), allergies (with "no known
 * allergies" only when the record says so), immunizations (with doses not given and why), past visits
 * (why, what was found, who and where), clinicians' notes (their words as plain text) and vital signs
 * (the latest of each, and in full their trend). A summary shows a few of each section, read side by
 * side (one request per section, the clinicians and places they name included); "Show all" opens one
 * section in full, a page at a time.
 *
 * @summary Conditions, allergies, immunizations, visits, notes and vital signs, in a summary and in full.
 *
 * @csspart section - A section of the record (see also `section-conditions`, `section-allergies`, `section-immunizations`, `section-visits`, `section-notes`, `section-vitals`).
 * @csspart show-all - "Show all 12 conditions", opening a section in full.
 * @csspart back - "Back to the health record", from a section in full.
 * @csspart load-more - "Show more" in a section in full.
 * @csspart details - The labelled facts of an item (since, recorded by, date, dose, where, lot…).
 * @csspart conditions - A list of conditions (see also `conditions-active`, `conditions-ruled-out`, `conditions-resolved`).
 * @csspart condition - One condition (see also `condition-active`, `condition-ruled-out`, `condition-resolved`).
 * @csspart condition-name - Its name in plain words.
 * @csspart condition-status - "Ruled out" or "Not confirmed yet".
 * @csspart condition-note - The clinician's note.
 * @csspart no-active-conditions - "No current conditions", above ruled out and resolved ones.
 * @csspart allergies - The list of allergies.
 * @csspart allergy - One allergy (see also `allergy-current`, `allergy-past`, `allergy-ruled-out`).
 * @csspart allergy-name - What it is to.
 * @csspart allergy-status - "Ruled out" or "No longer a concern".
 * @csspart allergy-risk - The worst reaction's severity and the risk of a serious reaction, in words.
 * @csspart allergy-kind - Food, medicine, environment; intolerance.
 * @csspart reaction-description - A reaction as the clinician described it.
 * @csspart allergy-note - The clinician's note.
 * @csspart no-known-allergies - "No known allergies", when the record says so.
 * @csspart immunizations - The list of immunizations.
 * @csspart immunization - One immunization (see also `immunization-given`, `immunization-not-given`).
 * @csspart vaccine - The vaccine's name.
 * @csspart immunization-status - "Not given".
 * @csspart not-given-reason - Why a vaccine was not given.
 * @csspart visits - The list of past visits.
 * @csspart visit - One past visit.
 * @csspart visit-name - The kind of visit and its date.
 * @csspart visit-summary - The visit's summary (a clinician's note about it), with "Read the note".
 * @csspart clinical-notes - The list of clinicians' notes.
 * @csspart clinical-note - One note.
 * @csspart note-title - What the note is.
 * @csspart note-description - Its description.
 * @csspart read-note - "Read the note" / "Hide the note".
 * @csspart note-text - The note's words, as plain text.
 * @csspart note-elsewhere - Said of a note kept only as a file (a PDF).
 * @csspart vitals - The list of vital signs.
 * @csspart vital - One measure (blood pressure, weight…).
 * @csspart vital-name - Its name.
 * @csspart vital-value - Its latest value.
 * @csspart vital-trend - Its values over time, as a chart and a table (in full).
 *
 * Opened preset by another element (`navigate(this, 'health-record', { section: 'immunizations' })`): see `open()`.
 */
export class HealthRecord extends LitElement implements Navigable {
  /** The SMART scopes it needs (`portal-session` asks for them). */
  static readonly scopes = HEALTH_RECORD_SCOPES;
  static override styles = [themeStyles, offscreenStyles, stateStyles, controlStyles, trendChartStyles, healthRecordStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController<HealthRecordTerms>(this, { locale: () => this.session.locale, terms: HEALTH_RECORD_TERMS });

  /** Each section's records: one request each, side by side, only for the sections shown. */
  private readonly reads = {
    conditions: this.sectionRead('conditions'),
    allergies: this.sectionRead('allergies'),
    immunizations: this.sectionRead('immunizations'),
    visits: this.sectionRead('visits'),
    notes: this.sectionRead('notes'),
    vitals: this.sectionRead('vitals'),
  } as const satisfies Record<HealthRecordSection, Task>;

  /** The section shown in full, a page at a time (from what its read gave). */
  private readonly fullView = new PagedList<SectionRow, readonly [HealthRecordSection | undefined, unknown, string]>(this, {
    args: () => {
      const section = this.fullSection;
      return [section, section ? this.reads[section].value : undefined, this.localize.lang()] as const;
    },
    first: async ([section]) => {
      const rows = section ? this.rowsOf(section) : undefined;
      return rows ? { items: rows.rows } : undefined;
    },
    next: () => Promise.resolve({ items: [] }),
    pageSize: FULL_VIEW_PAGE,
    key: (row) => row.id || undefined,
    added: (count) => this.localize.term('moreShown', count),
    onAdded: (from) => this.renderRoot.querySelectorAll<HTMLElement>('.full .items > li')[from]?.focus(),
  });

  /** The notes being read, so closing the element or another patient stops them. */
  private readonly noteReads = new Map<string, AbortController>();

  /** The section opened in full from the summary. */
  @state() private opened?: HealthRecordSection;
  /** The notes opened, and their words as read. */
  @state() private openNotes: ReadonlySet<string> = new Set();
  @state() private noteTexts: ReadonlyMap<string, NoteText> = new Map();

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose record to show, without a portal-session (with `.client`). */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** The sections to show, in the element's order: `conditions allergies immunizations visits notes vitals` (all by default; unknown names are ignored). */
  @property() sections: string = HEALTH_RECORD_SECTIONS.join(' ');

  /** The sections shown. */
  private get shown(): HealthRecordSection[] {
    return sectionsNamed(this.sections);
  }

  /** The section shown in full: the one opened, or the only one. */
  private get fullSection(): HealthRecordSection | undefined {
    const shown = this.shown;
    return shown.length === 1 ? shown[0] : this.opened && shown.includes(this.opened) ? this.opened : undefined;
  }

  private sectionRead<K extends HealthRecordSection>(section: K) {
    return new Task(this, {
      task: async ([client, patientId, shown], { signal }): Promise<SectionRecords<SectionResources[K]> | undefined> =>
        client && patientId && shown ? readSection(client, section, { patientId, signal }) : undefined,
      // The notes are read for the visits too: a visit's summary is a note about it.
      args: () => [this.session.client, this.session.patientId, sectionsRead(this.shown).includes(section)] as const,
    });
  }

  /** Each read's rows and the language they were worked out in: once per read, not on every render (a long record has hundreds). */
  private readonly rowsByRead = new WeakMap<object, { locale: string; rows: SectionRows }>();

  /** A section's rows from its read, in the page's language; undefined until read. */
  private rowsOf(section: HealthRecordSection): SectionRows | undefined {
    const read = this.reads[section].value;
    if (!read) return undefined;
    const locale = this.localize.lang();
    const kept = this.rowsByRead.get(read);
    if (kept?.locale === locale) return kept.rows;
    const rows = this.rowsFrom(section, locale);
    if (rows) this.rowsByRead.set(read, { locale, rows });
    return rows;
  }

  private rowsFrom(section: HealthRecordSection, locale: string): SectionRows | undefined {
    if (section === 'conditions') {
      const read = this.reads.conditions.value;
      if (!read) return undefined;
      const rows = conditionRows(read.resources, read.included, locale);
      const totals = Object.fromEntries(CONDITION_STATES.map((s) => [s, rows.filter((r) => r.state === s).length])) as Record<ConditionState, number>;
      return { section, rows, totals };
    }
    if (section === 'allergies') {
      const read = this.reads.allergies.value;
      return read ? { section, ...allergyList(read.resources, read.included, locale) } : undefined;
    }
    if (section === 'immunizations') {
      const read = this.reads.immunizations.value;
      return read ? { section, rows: immunizationRows(read.resources, read.included, locale) } : undefined;
    }
    if (section === 'visits') {
      const read = this.reads.visits.value;
      return read ? { section, rows: visitRows(read.resources, read.included, locale) } : undefined;
    }
    if (section === 'notes') {
      const read = this.reads.notes.value;
      return read ? { section, rows: noteRows(read.resources, read.included, locale) } : undefined;
    }
    const read = this.reads.vitals.value;
    return read ? { section, rows: vitalRows(read.resources, locale) } : undefined;
  }

  /** The notes about each visit (their summaries), by Encounter id, once the notes are read. */
  private visitSummaries(): ReadonlyMap<string, NoteRow[]> {
    const summaries = new Map<string, NoteRow[]>();
    for (const note of (this.rowsOf('notes')?.rows ?? []) as NoteRow[]) {
      for (const encounter of note.encounters) {
        const about = summaries.get(encounter);
        if (about) about.push(note);
        else summaries.set(encounter, [note]);
      }
    }
    return summaries;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const read of this.noteReads.values()) read.abort();
    this.noteReads.clear();
  }

  /** Opens a note and reads its words (once), or closes it. */
  private async toggleNote(row: NoteRow): Promise<void> {
    const open = new Set(this.openNotes);
    if (open.delete(row.id)) {
      this.openNotes = open;
      return;
    }
    this.openNotes = open.add(row.id);
    const known = this.noteTexts.get(row.id)?.state;
    if (known !== 'read' && known !== 'loading') await this.readNote(row);
  }

  /** Reads a note's words from the server. */
  private async readNote(row: NoteRow): Promise<void> {
    const client = this.session.client;
    if (!client || !row.readable) return;
    const read = new AbortController();
    this.noteReads.get(row.id)?.abort();
    this.noteReads.set(row.id, read);
    const set = (text: NoteText) => (this.noteTexts = new Map(this.noteTexts).set(row.id, text));
    set({ state: 'loading' });
    try {
      set({ state: 'read', text: await readNoteText(client, row.readable, read.signal) });
    } catch (error) {
      if (!read.signal.aborted) set({ state: 'error', message: this.localize.errorMessage(error) });
    } finally {
      if (this.noteReads.get(row.id) === read) this.noteReads.delete(row.id);
    }
  }

  /**
   * Opens the record preset (another element sending the patient here): with `section` (one of the
   * sections shown) that section in full, else the summary; focus on its heading.
   */
  async open(params: NavigationParams = {}): Promise<void> {
    const section = params.section;
    if (isSection(section) && this.shown.includes(section)) return this.openSection(section);
    this.opened = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#health-record-heading')?.focus();
  }

  private async openSection(section: HealthRecordSection): Promise<void> {
    this.opened = section;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.full h3')?.focus();
  }

  private async backToSummary(): Promise<void> {
    const section = this.opened;
    this.opened = undefined;
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(`[data-section="${section}"] [part~="show-all"]`) ?? this.renderRoot.querySelector<HTMLElement>(`[data-section="${section}"] h3`);
    target?.focus();
  }

  protected override render() {
    const { localize } = this;
    const gate = renderUntilReady(this.session, {
      message: localize.term('signInToSeeHealthRecord'),
      signInLabel: localize.term('signIn'),
      loadingLabel: localize.term('loadingHealthRecord'),
    });
    if (gate) return gate;
    const full = this.fullSection;
    return html`<section class="health-record" dir=${localize.dir()} aria-labelledby="health-record-heading">
      <h2 id="health-record-heading" tabindex="-1">${localize.term('healthRecord')}${renderViewingFor(localize, this.session.actingForName)}</h2>
      ${full ? this.renderFull(full) : this.shown.map((section) => this.renderSection(section, 'summary'))}
    </section>`;
  }

  /** A section: its heading, then its states (loading, error with retry, empty) or its rows. */
  private renderSection(section: HealthRecordSection, mode: 'summary' | 'full', body?: (rows: SectionRows) => TemplateResult) {
    const { localize } = this;
    const read = this.reads[section] as Task<readonly unknown[], unknown>;
    const headingId = `${section}-heading${mode === 'full' ? '-full' : ''}`;
    const content = (): unknown => {
      const rows = this.rowsOf(section);
      if (!rows) return renderSkeleton({ label: localize.term('loadingSection', section), lines: 3 });
      return this.renderRows(rows, mode, body);
    };
    return html`<section class="section ${mode}" part="section section-${section}" data-section=${section} aria-labelledby=${headingId}>
      <h3 id=${headingId} tabindex="-1">${localize.term('sectionName', section)}</h3>
      ${read.render({
        initial: content,
        pending: content,
        complete: content,
        error: (error) =>
          this.session.expired ? nothing : renderError({ message: localize.errorMessage(error), onRetry: () => void read.run(), retryLabel: localize.term('retry') }),
      })}
    </section>`;
  }

  private renderRows(rows: SectionRows, mode: 'summary' | 'full', body?: (rows: SectionRows) => TemplateResult) {
    const { localize } = this;
    const { section } = rows;
    if (section === 'allergies' && rows.noneKnown && !rows.rows.length) return renderNoKnownAllergies(localize);
    if (!rows.rows.length) return renderEmpty({ heading: localize.term('noneOnRecord', section), message: localize.term('noneOnRecordMessage', section), headingLevel: 4 });
    if (body) return body(rows);
    const few = this.itemsOf(rows, rows.rows.slice(0, SUMMARY_ITEMS));
    const more = rows.rows.length > SUMMARY_ITEMS && mode === 'summary';
    const truncated = (this.reads[section].value as SectionRecords | undefined)?.truncated;
    return html`${few}
      ${truncated ? html`<p class="hint">${localize.term('olderNotShown')}</p>` : nothing}
      ${more
        ? html`<div class="actions"><button type="button" class="secondary" part="show-all" @click=${() => void this.openSection(section)}>${localize.term('showAll', section, rows.rows.length)}</button></div>`
        : nothing}`;
  }

  /** Some of a section's rows, as their section shows them. */
  private itemsOf(rows: SectionRows, shown: readonly SectionRow[]) {
    const localize = this.localize;
    if (rows.section === 'conditions') return renderConditions(localize, shown as ConditionRow[], rows.totals, `${rows.section}-${this.fullSection ? 'full' : 'summary'}`);
    if (rows.section === 'allergies') return html`${rows.noneKnown ? renderNoKnownAllergies(localize) : nothing}${renderAllergies(localize, shown as AllergyRow[])}`;
    if (rows.section === 'immunizations') return renderImmunizations(localize, shown as ImmunizationRow[]);
    const notes = { texts: this.noteTexts, open: this.openNotes, onToggle: (row: NoteRow) => void this.toggleNote(row), onRetry: (row: NoteRow) => void this.readNote(row) };
    if (rows.section === 'visits') return renderVisits(localize, shown as VisitRow[], { summaries: this.visitSummaries(), notes });
    if (rows.section === 'notes') return renderNotes(localize, shown as NoteRow[], notes);
    return renderVitals(localize, shown as VitalRow[], { trends: !!this.fullSection });
  }

  /** One section in full: its rows a page at a time, and the way back to the summary. */
  private renderFull(section: HealthRecordSection) {
    const { localize } = this;
    const list = this.fullView;
    const back =
      this.shown.length > 1
        ? html`<div class="actions"><button type="button" class="secondary" part="back" @click=${() => void this.backToSummary()}>${localize.term('backToSummary')}</button></div>`
        : nothing;
    return html`${back}${this.renderSection(
      section,
      'full',
      (rows) => html`${this.itemsOf(rows, list.ready ? list.items : rows.rows.slice(0, FULL_VIEW_PAGE))}
        ${(this.reads[section].value as SectionRecords | undefined)?.truncated ? html`<p class="hint">${localize.term('olderNotShown')}</p>` : nothing}
        ${list.ready ? list.renderMore({ more: localize.term('showMore'), loading: localize.term('loading'), error: (e) => localize.errorMessage(e), retry: localize.term('retry') }) : nothing}
        ${list.renderStatus()}`,
    )}`;
  }
}
