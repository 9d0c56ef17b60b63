import type { Attachment, CodeableConcept, DiagnosticReport, Observation, Reference } from 'fhir/r4';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import {
  conceptName,
  displayConcept,
  downloadAttachment,
  LocalizeController,
  renderEmpty,
  renderError,
  renderSkeleton,
  renderUntilReady,
  renderViewingFor,
  SessionController,
  controlStyles,
  stateStyles,
  themeStyles,
  type FhirClient,
  type TranslationTerm,
} from '@portico/core';
import { effectiveTime, loadReportPage, loadResultWindow, loadTrend, looseResults, resultCategoryToken, trendCode, type ReportView, type ResultNode } from '../reports/reports.js';
import { groupByPanel } from '../results/by-panel.js';
import { interpretationOf, referenceRangeOf, type ResultFlag } from '../results/interpretation.js';
import { availableAt, lastSeen, markSeen } from '../results/seen.js';
import { renderTrendChart, type TrendPoint } from '../trend/trend-chart.js';
import { trendChartStyles } from '../trend/trend-chart.styles.js';
import { flagColourStyles } from '../results/flag.styles.js';
import { LAB_RESULTS_SCOPES } from '../scopes.js';
import { labResultsStyles } from './lab-results.styles.js';

/** How results are listed: per report, or every result grouped by test. */
export const RESULT_GROUPINGS = ['report', 'test'] as const;
export type ResultGrouping = (typeof RESULT_GROUPINGS)[number];

/** The time ranges a trend offers, in years (0 = all). */
export const TREND_RANGES = [1, 5, 0] as const;
export type TrendRangeYears = (typeof TREND_RANGES)[number];

const FLAG_TERMS = {
  'critical-high': 'flagCriticalHigh',
  'critical-low': 'flagCriticalLow',
  high: 'flagHigh',
  low: 'flagLow',
  abnormal: 'flagAbnormal',
} as const satisfies Record<ResultFlag, string>;

const STATUS_TERMS: Partial<Record<DiagnosticReport['status'], 'statusPreliminary' | 'statusFinal' | 'statusAmended' | 'statusCorrected' | 'statusCancelledResult'>> = {
  registered: 'statusPreliminary',
  partial: 'statusPreliminary',
  preliminary: 'statusPreliminary',
  final: 'statusFinal',
  amended: 'statusAmended',
  corrected: 'statusCorrected',
  appended: 'statusAmended',
  cancelled: 'statusCancelledResult',
};

/** Result statuses worth saying next to the value (a final result says nothing). */
const RESULT_STATUS_TERMS: Partial<Record<Observation['status'], 'statusPreliminary' | 'statusAmended' | 'statusCorrected' | 'statusCancelledResult'>> = {
  registered: 'statusPreliminary',
  preliminary: 'statusPreliminary',
  amended: 'statusAmended',
  corrected: 'statusCorrected',
  cancelled: 'statusCancelledResult',
};

/** Results withdrawn by the lab: never shown as values, never in a trend. */
const WITHDRAWN = new Set<Observation['status']>(['entered-in-error']);


/**
 * The years a trend shows: `years` back from the latest dated result (all of them for 0), with the
 * first and latest result's dates as the server gave them.
 */
function trendWindow(results: readonly Observation[], years: TrendRangeYears): { from?: number; start?: string; end?: string } {
  let start: { at: string; time: number } | undefined;
  let end: { at: string; time: number } | undefined;
  for (const o of results) {
    const at = effectiveTime(o);
    const time = Date.parse(at ?? '');
    if (!at || Number.isNaN(time)) continue;
    if (!start || time < start.time) start = { at, time };
    if (!end || time > end.time) end = { at, time };
  }
  // Calendar years back from the latest result's day.
  let from: number | undefined;
  if (years && end) {
    const day = new Date(end.time);
    day.setUTCFullYear(day.getUTCFullYear() - years);
    from = day.getTime();
  }
  return { from, start: start?.at, end: end?.at };
}

/** When and what was collected, said once for a report's results. */
interface Collection {
  collected?: string;
  specimen?: string;
}

/** Whether two FHIR dateTimes are the same moment (or both missing). */
function sameMoment(a: string | undefined, b: string | undefined): boolean {
  return a === b || (!!a && !!b && Date.parse(a) === Date.parse(b));
}

/**
 * The collection time and specimen of a report, when its results share them: the report's own
 * `effective` (else the results' common time) and the specimen every result names.
 */
function sharedCollection(report: DiagnosticReport, results: readonly Observation[]): Collection {
  const times = new Set(results.map((o) => effectiveTime(o)).filter(Boolean).map((t) => Date.parse(t!)));
  const own = report.effectiveDateTime ?? report.effectivePeriod?.start;
  const collected = own ?? (times.size === 1 ? results.map((o) => effectiveTime(o)).find(Boolean) : undefined);
  // Results that name no specimen (a panel's own row) do not make it differ.
  const specimens = new Set(results.map((o) => display(o.specimen)).filter(Boolean));
  const reportSpecimen = report.specimen?.map(display).filter(Boolean).join(', ');
  const specimen = specimens.size === 1 ? [...specimens][0] : specimens.size ? undefined : reportSpecimen;
  return { collected, specimen: specimen || undefined };
}

/** The later of two dates (YYYY-MM-DD), either of which may be missing. */
function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return a || b || undefined;
  return a > b ? a : b;
}

function display(ref: Reference | undefined): string {
  return ref?.display?.trim() ?? '';
}

/** One entry of the list: a report, or a result that belongs to no report (a test done in clinic). */
type ListItem = { kind: 'report'; view: ReportView; at: number } | { kind: 'result'; node: ResultNode; at: number };

/** Every render reads these for hundreds of reports: worked out once per result and per report. */
const flattened = new WeakMap<readonly ResultNode[], Observation[]>();
const interpretations = new WeakMap<Observation, ReturnType<typeof interpretationOf>>();

/** A panel's results and their members, in order (the same array for the same nodes). */
function flatten(nodes: readonly ResultNode[]): Observation[] {
  let list = flattened.get(nodes);
  if (!list) {
    list = nodes.flatMap((n) => [n.observation, ...flatten(n.members)]);
    flattened.set(nodes, list);
  }
  return list;
}

/** `interpretationOf`, once per result. */
function interpretation(observation: Observation): ReturnType<typeof interpretationOf> {
  let found = interpretations.get(observation);
  if (!found) {
    found = interpretationOf(observation);
    interpretations.set(observation, found);
  }
  return found;
}

/**
 * The patient's lab reports, newest first, each with its results: value and unit, the normal range
 * for them, flags in words, panels with their members, specimen and collection time, notes and the
 * report's PDF. Any numeric result opens its trend over time (a chart with the range shaded, and the
 * same values as a table). Finds by text, date and "outside the range"; lists by report or by test.
 * One request per page of reports; older pages load as the patient scrolls.
 *
 * @summary Lab reports and results with ranges, flags, trends and PDFs.
 *
 * @slot note - Replaces the note about results arriving before the care team has reviewed them.
 * @csspart note - The note about results and when to contact the care team.
 * @csspart filters - Search, dates, "outside the range" and grouping.
 * @csspart report - One report in the list.
 * @csspart report-button - The button that opens or closes a report.
 * @csspart results - The table of a report's results.
 * @csspart flag - A result's flag in words.
 * @csspart new-badge - The "New" marker.
 * @csspart trend - The trend view (chart and table).
 * @csspart load-more - The button that loads older reports.
 */
export class LabResults extends LitElement {
  /** The SMART scopes it needs: reports, results and orders, their PDFs, and who ordered them (`portal-session` asks for them). */
  static readonly scopes = LAB_RESULTS_SCOPES;
  static override styles = [themeStyles, stateStyles, controlStyles, flagColourStyles, trendChartStyles, labResultsStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController(this, { locale: () => this.session.locale });
  private observer?: IntersectionObserver;
  /** Cancels the older-reports page on its way when the list starts again or the element leaves the page. */
  private moreRequest?: AbortController;
  /** Cancels a PDF download on its way when the element leaves the page. */
  private downloadRequest?: AbortController;

  /** The first page of reports (one request); later pages are appended by `loadMore`. */
  private readonly firstPage = new Task(this, {
    task: async ([client, patientId, category, since, until, pageSize, documents], { signal }) => {
      if (!client || !patientId) return undefined;
      // A page of the previous list still on its way is cancelled (and dropped if it arrives).
      this.generation++;
      this.moreRequest?.abort();
      this.pages = [];
      this.next = undefined;
      this.loose = [];
      this.looseAfter = undefined;
      this.looseComplete = false;
      this.looseError = undefined;
      // "New" is measured from the last visit before this one, read once per patient.
      if (this.seenFor !== patientId) {
        this.seenFor = patientId;
        this.previousSeen = lastSeen(patientId);
        this.hasResults = false;
      }
      const page = await loadReportPage(client, { patientId, category, since, until, pageSize, documents, signal });
      this.pages = page.reports;
      this.next = page.next;
      if (page.reports.length) this.hasResults = true;
      markSeen(patientId);
      return page;
    },
    // The date filters go to the server: years of results are not all loaded to find one month.
    args: () => [this.session.client, this.session.patientId, this.category, latest(this.since, this.from), this.to || undefined, this.pageSize, !this.noPdf] as const,
  });

  /** The trend of the test the patient opened. */
  private readonly trend = new Task(this, {
    task: async ([client, patientId, code], { signal }) => {
      if (!client || !patientId || !code) return undefined;
      return loadTrend(client, { patientId, code, signal });
    },
    args: () => [this.session.client, this.session.patientId, this.trendOf?.code] as const,
  });

  @query('[data-focus-target]') private focusTarget?: HTMLElement | null;
  @query('.sentinel') private sentinel?: HTMLElement | null;

  @state() private pages: ReportView[] = [];
  @state() private next?: string;
  @state() private loadingMore = false;
  @state() private moreError?: unknown;
  @state() private open = new Set<string>();
  @state() private text = '';
  @state() private from = '';
  @state() private to = '';
  @state() private abnormalOnly = false;
  @state() private grouping: ResultGrouping = 'report';
  @state() private trendOf?: { code: string; name: string; returnTo?: string };
  @state() private trendYears: TrendRangeYears = 5;
  @state() private downloadError?: { id: string; text: string };
  /** The patient has results (the filters stay while a filtered list reloads, and when nothing matches). */
  @state() private hasResults = false;
  /** Results in the dates the loaded reports cover (those in no report are listed on their own). */
  @state() private loose: Observation[] = [];
  @state() private looseLoading = false;
  @state() private looseError?: unknown;
  /** The day after which the windows of results read so far run (YYYY-MM-DD); from there to today. */
  private looseAfter?: string;
  private looseComplete = false;
  private previousSeen?: number;
  private seenFor?: string;
  private generation = 0;

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose results to show without a portal-session. */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** The report category: `laboratory` (default), `radiology`, `pathology`, or a code such as `LAB`. */
  @property() category = 'laboratory';

  /** Only reports on or after this date (YYYY-MM-DD). */
  @property() since?: string;

  /** Reports per request. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Offers each numeric result's trend over time (default). `show-trends="false"` hides the trend buttons and view. */
  @property({ attribute: 'show-trends', converter: { fromAttribute: (value: string | null) => value === null || !/^(false|no|off|0)$/i.test(value.trim()), toAttribute: (value: boolean) => (value ? null : 'false') } })
  showTrends = true;

  /** Hides the report PDF downloads. */
  @property({ type: Boolean, attribute: 'no-pdf' }) noPdf = false;

  /** The note shown above the results; a host may also put its own in the `note` slot. */
  @property() note?: string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    this.moreRequest?.abort();
    this.downloadRequest?.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Older reports load when the end of the list scrolls into view.
    if (this.sentinel && !this.observer && typeof IntersectionObserver !== 'undefined') {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.loadMore();
      });
    }
    if (this.observer) {
      this.observer.disconnect();
      if (this.sentinel) this.observer.observe(this.sentinel);
    }
    // Once reports are on screen, the results in the dates they cover (a no-op when already read).
    // (After this update, not during it.)
    if (this.firstPage.status === TaskStatus.COMPLETE && !this.looseError) queueMicrotask(() => void this.loadLoose());
  }

  // ---------------------------------------------------------------------------------------------

  /** Loads the next page of older reports (also what scrolling to the end does). */
  async loadMore(): Promise<void> {
    const client = this.session.client;
    const patientId = this.session.patientId;
    if (!client || !patientId || !this.next || this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    const generation = this.generation;
    const request = (this.moreRequest = new AbortController());
    try {
      const page = await loadReportPage(client, { patientId, next: this.next, signal: request.signal });
      if (generation !== this.generation) return;
      const known = new Set(this.pages.map((p) => p.report.id));
      this.pages = [...this.pages, ...page.reports.filter((r) => !known.has(r.report.id))];
      this.next = page.next;
    } catch (error) {
      if (generation === this.generation) this.moreError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  /**
   * Reads the results in the dates the newly loaded reports cover, so that results belonging to no
   * report are listed among them: the days after the oldest loaded report's, up to where the last
   * window began (the oldest report's own day waits for the next page, whose reports may share it);
   * everything older once the last page is in.
   */
  private async loadLoose(): Promise<void> {
    const client = this.session.client;
    const patientId = this.session.patientId;
    const category = resultCategoryToken(this.category);
    if (!client || !patientId || !category || this.looseLoading || this.looseComplete) return;
    const last = !this.next;
    const oldest = this.pages.length ? effectiveTime(this.pages[this.pages.length - 1]!.report)?.slice(0, 10) : undefined;
    const through = this.looseAfter;
    // Not the last page, and the oldest report has no date or is on the day the last window began: wait for more.
    if (!last && (!oldest || (through && oldest >= through))) return;
    const generation = this.generation;
    this.looseLoading = true;
    this.looseError = undefined;
    try {
      const window = last ? { from: latest(this.since, this.from) } : { after: oldest };
      const { observations } = await loadResultWindow(client, { patientId, category, ...window, through: [through, this.to || undefined] });
      if (generation !== this.generation) return;
      const known = new Set(this.loose.map((o) => o.id));
      this.loose = [...this.loose, ...observations.filter((o) => !known.has(o.id))];
      this.looseAfter = oldest;
      this.looseComplete = last;
      // A window that adds results the reports do not list (a patient with only those still has results).
      if (looseResults(observations, this.pages).length) this.hasResults = true;
    } catch (error) {
      if (generation === this.generation) this.looseError = error;
    } finally {
      if (generation === this.generation) this.looseLoading = false;
    }
  }

  /** Opens or closes an entry; an opened one takes the focus to what it revealed. */
  private async toggle(id: string, bodyId: string): Promise<void> {
    const open = new Set(this.open);
    const opening = !open.has(id);
    if (opening) open.add(id);
    else open.delete(id);
    this.open = open;
    if (!opening) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(bodyId)}`)?.focus();
  }

  private async showTrend(observation: Observation): Promise<void> {
    const code = trendCode(observation);
    if (!code) return;
    this.trendOf = { code, name: this.testName(observation), returnTo: observation.id };
    await this.updateComplete;
    // The heading, first in the view: Tab goes on to "Back to results" and the time range, in order.
    this.focusTarget?.focus({ preventScroll: true });
    this.focusTarget?.scrollIntoView({ block: 'nearest' });
  }

  private async closeTrend(): Promise<void> {
    const returnTo = this.trendOf?.returnTo;
    this.trendOf = undefined;
    await this.updateComplete;
    // Back where the patient was: the trend button of the same result.
    this.renderRoot.querySelector<HTMLElement>(`[data-trend-for="${CSS.escape(returnTo ?? '')}"]`)?.focus();
  }

  /** Saves a report's PDF through core's download helper (allowed types only, the token only for the FHIR server). */
  private async download(report: DiagnosticReport, form: Attachment | undefined): Promise<void> {
    const client = this.session.client;
    if (!client || !form) return;
    this.downloadError = undefined;
    this.downloadRequest?.abort();
    const request = (this.downloadRequest = new AbortController());
    try {
      await downloadAttachment(client, form, { fallbackName: 'lab-report', container: this.renderRoot, signal: request.signal });
    } catch (error) {
      if (!request.signal.aborted) this.downloadError = { id: report.id ?? '', text: this.localize.errorMessage(error) };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // What to show

  private testName(observation: Observation): string {
    return this.conceptName(observation.code);
  }

  /** A test's or report's name: its text or a coding's display; a bare code is said to be one. */
  private conceptName(concept: CodeableConcept | undefined): string {
    const locale = this.localize.lang();
    return conceptName(concept, locale) || this.localize.term('unnamedTest', displayConcept(concept, '', locale));
  }

  private resultMatches(observation: Observation): boolean {
    if (this.abnormalOnly && !interpretation(observation).flag) return false;
    const text = this.text.trim().toLocaleLowerCase();
    if (text && !this.testName(observation).toLocaleLowerCase().includes(text)) return false;
    return true;
  }

  private inDates(resource: { effectiveDateTime?: string; effectivePeriod?: { start?: string }; issued?: string }): boolean {
    const at = effectiveTime(resource)?.slice(0, 10);
    if (!this.from && !this.to) return true;
    if (!at) return false;
    return (!this.from || at >= this.from) && (!this.to || at <= this.to);
  }

  private get filtering(): boolean {
    return !!(this.text.trim() || this.from || this.to || this.abnormalOnly);
  }

  private looseMemo?: { loose: Observation[]; pages: ReportView[]; nodes: ResultNode[] };

  /** The loose results as trees, worked out again only when results or reports were added. */
  private looseNodes(): ResultNode[] {
    const memo = this.looseMemo;
    if (memo?.loose === this.loose && memo.pages === this.pages) return memo.nodes;
    const nodes = looseResults(this.loose, this.pages);
    this.looseMemo = { loose: this.loose, pages: this.pages, nodes };
    return nodes;
  }

  /** Reports and loose results, newest first, that pass the filters. */
  private visibleItems(): ListItem[] {
    const matches = (nodes: readonly ResultNode[]) => !this.filtering || flatten(nodes).some((o) => this.resultMatches(o));
    const items: ListItem[] = this.pages
      .filter((view) => this.inDates(view.report) && matches(view.results))
      .map((view) => ({ kind: 'report', view, at: Date.parse(effectiveTime(view.report) ?? '') || -Infinity }));
    for (const node of this.looseNodes()) {
      const o = node.observation;
      if (WITHDRAWN.has(o.status) || !this.inDates(o) || !matches([node])) continue;
      const at = Date.parse(effectiveTime(o) ?? '') || -Infinity;
      items.push({ kind: 'result', node, at });
    }
    // Stable: reports keep the server's order among themselves.
    return items.sort((a, b) => (b.at === a.at ? 0 : b.at > a.at ? 1 : -1));
  }

  private valueText(observation: Observation): string {
    if (observation.valueQuantity) return this.localize.quantity(observation.valueQuantity);
    if (observation.valueCodeableConcept) return displayConcept(observation.valueCodeableConcept, '', this.localize.lang());
    if (typeof observation.valueString === 'string') return observation.valueString;
    if (typeof observation.valueBoolean === 'boolean') return String(observation.valueBoolean);
    if (typeof observation.valueInteger === 'number') return this.localize.number(observation.valueInteger);
    if (observation.valueRange) return this.localize.range(observation.valueRange);
    if (observation.dataAbsentReason) return displayConcept(observation.dataAbsentReason, '', this.localize.lang());
    return '';
  }

  private flagText(observation: Observation): { flag?: ResultFlag; text: string } {
    const { flag, text } = interpretation(observation);
    if (flag) return { flag, text: this.localize.term(FLAG_TERMS[flag]) };
    return { text: text ?? '' };
  }

  private when(value: string | undefined): string {
    return value ? this.localize.fhirDateTime(value) : this.localize.term('noDate');
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    const gate = renderUntilReady(this.session, { message: this.localize.term('signInPrompt'), signInLabel: this.localize.term('signIn'), loadingLabel: this.localize.term('loadingResults') });
    if (gate) return gate;
    return html`<section class="lab-results" dir=${this.localize.dir()} aria-labelledby="results-heading">
      <h2 id="results-heading">${this.localize.term('labResults')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
      <div class="note" part="note"><slot name="note">${this.note ?? this.localize.term('resultsNote')}</slot></div>
      ${this.trendOf && this.showTrends ? this.renderTrend() : this.renderList()}
    </section>`;
  }

  private renderFilters() {
    return html`<div class="filters" part="filters" role="search">
      <label class="field">
        <span>${this.localize.term('searchTests')}</span>
        <input type="search" .value=${this.text} @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span>${this.localize.term('fromDate')}</span>
        <input type="date" .value=${this.from} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span>${this.localize.term('toDate')}</span>
        <input type="date" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} />
      </label>
      <label class="check">
        <input type="checkbox" .checked=${this.abnormalOnly} @change=${(e: Event) => (this.abnormalOnly = (e.target as HTMLInputElement).checked)} />
        <span>${this.localize.term('abnormalOnly')}</span>
      </label>
      <div class="segmented" role="group" aria-label=${this.localize.term('groupBy')}>
        ${RESULT_GROUPINGS.map(
          (grouping) =>
            html`<button type="button" aria-pressed=${this.grouping === grouping ? 'true' : 'false'} @click=${() => (this.grouping = grouping)}>
              ${this.localize.term(grouping === 'report' ? 'byReport' : 'byTest')}
            </button>`,
        )}
      </div>
    </div>`;
  }

  private renderList() {
    const loading = () => renderSkeleton({ label: this.localize.term('loadingResults'), lines: 5 });
    // The filters stay while a filtered list loads, so the field being typed in keeps its focus.
    const filtered = !!(this.from || this.to);
    return html`${this.hasResults ? this.renderFilters() : nothing}
    ${this.firstPage.render({
      initial: loading,
      pending: loading,
      error: (error) => this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(error), onRetry: () => void this.firstPage.run(), retryLabel: this.localize.term('retry') }),
      complete: () => {
        const items = this.visibleItems();
        if (!this.pages.length && !this.loose.length) {
          if (this.looseLoading) return loading();
          if (this.looseError) return this.renderLooseError();
          return filtered ? html`<p class="hint" role="status">${this.localize.term('noResultsMatch')}</p>` : renderEmpty({ heading: this.localize.term('noResults') });
        }
        return html`${items.length
            ? this.grouping === 'report'
              ? html`<ul class="reports">
                  ${items.map((item) => this.renderItem(item))}
                </ul>`
              : this.renderByTest(items)
            : html`<p class="hint" role="status">${this.localize.term('noResultsMatch')}</p>`}
          ${this.looseError ? this.renderLooseError() : nothing} ${this.renderMore()}`;
      },
    })}`;
  }

  private renderLooseError() {
    if (this.session.expired) return nothing;
    return renderError({ message: this.localize.errorMessage(this.looseError), onRetry: () => void this.loadLoose(), retryLabel: this.localize.term('retry') });
  }

  private renderMore() {
    if (this.moreError) {
      return this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(this.moreError), onRetry: () => void this.loadMore(), retryLabel: this.localize.term('retry') });
    }
    if (!this.next) return html`<p class="hint end">${this.localize.term('allLoaded')}</p>`;
    return html`<div class="more">
      <span class="sentinel" aria-hidden="true"></span>
      <button type="button" part="load-more" aria-disabled=${this.loadingMore ? 'true' : 'false'} @click=${() => void this.loadMore()}>
        ${this.loadingMore ? this.localize.term('loading') : this.localize.term('loadMore')}
      </button>
    </div>`;
  }

  /**
   * An entry, rendered again only when something it shows changed: with hundreds of reports loaded,
   * each page added or button pressed would otherwise rebuild every entry.
   */
  private renderItem(item: ListItem) {
    const key = item.kind === 'report' ? (item.view.report.id ?? '') : `result:${item.node.observation.id ?? ''}`;
    const expanded = this.open.has(key);
    const deps = [
      item.kind === 'report' ? item.view : item.node,
      expanded,
      // What an open entry's rows depend on.
      expanded ? `${this.text}\u0000${this.abnormalOnly}\u0000${this.noPdf}\u0000${this.showTrends}` : '',
      expanded && this.downloadError?.id === key ? this.downloadError : undefined,
      this.previousSeen,
      this.localize.lang(),
      this.session.session?.patient,
    ];
    return guard(deps, () => (item.kind === 'report' ? this.renderReport(item.view) : this.renderLooseResult(item.node)));
  }

  /** One entry of the list, a report or a loose result: a heading button that opens its body. */
  private renderEntry(entry: {
    /** The key in `open`. */
    key: string;
    bodyId: string;
    className: string;
    name: string;
    at: string | undefined;
    status?: { term: TranslationTerm; code: string };
    /** When it became available to the patient (ms). */
    available: number;
    results: readonly Observation[];
    body: () => TemplateResult;
  }) {
    const expanded = this.open.has(entry.key);
    const outside = entry.results.filter((o) => !WITHDRAWN.has(o.status) && interpretation(o).flag);
    const isNew = this.previousSeen !== undefined && entry.available > this.previousSeen;
    return html`<li class=${entry.className} part="report">
      <h3 class="report-heading">
        <button type="button" part="report-button" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${entry.bodyId} @click=${() => void this.toggle(entry.key, entry.bodyId)}>
          <span class="report-name">${entry.name}</span>
          <span class="report-meta">
            <span>${this.when(entry.at)}</span>
            ${entry.status ? html`<span class="status ${entry.status.code}">${this.localize.term(entry.status.term)}</span>` : nothing}
            ${isNew ? html`<span class="new" part="new-badge">${this.localize.term('newResult')}</span>` : nothing}
            ${outside.length ? html`<span class="outside">${this.outsideSummary(outside)}</span>` : nothing}
          </span>
        </button>
      </h3>
      <div id=${entry.bodyId} class="report-body" tabindex="-1" ?hidden=${!expanded}>${expanded ? entry.body() : nothing}</div>
    </li>`;
  }

  /** The one flag summary of an entry: how many results are outside the range, and which (the first three). */
  private outsideSummary(outside: readonly Observation[]): string {
    const named = outside.slice(0, 3).map((o) => `${this.testName(o)} ${this.flagText(o).text}`);
    if (outside.length > 3) named.push('…');
    const list = new Intl.ListFormat(this.localize.lang(), { type: 'unit', style: 'short' }).format(named);
    return this.localize.term('outsideRangeList', outside.length, list);
  }

  private renderLooseResult(node: ResultNode) {
    const observation = node.observation;
    const status = RESULT_STATUS_TERMS[observation.status];
    const performer = observation.performer?.map(display).filter(Boolean).join(', ') ?? '';
    const specimen = display(observation.specimen);
    return this.renderEntry({
      key: `result:${observation.id ?? ''}`,
      bodyId: `result-${observation.id ?? ''}`,
      className: 'report loose',
      name: this.testName(observation),
      at: effectiveTime(observation),
      status: status && { term: status, code: observation.status },
      available: availableAt(observation),
      results: flatten([node]),
      body: () => html`<p class="who">
          <span>${this.localize.term('notInReport')}</span>
          ${performer ? html`<span>${this.localize.term('performedBy', performer)}</span>` : nothing}
          ${specimen ? html`<span>${this.localize.term('specimen')}: ${specimen}</span>` : nothing}
        </p>
        ${this.renderResults([node], { shared: { collected: effectiveTime(observation), specimen } })}`,
    });
  }

  private renderReport(view: ReportView) {
    const { report } = view;
    const id = report.id ?? '';
    const results = flatten(view.results);
    const status = STATUS_TERMS[report.status];
    const changed = report.status === 'amended' || report.status === 'corrected' || report.status === 'appended';
    const orderer = view.orderedBy.join(', ');
    const performer = report.performer?.map(display).filter(Boolean).join(', ') ?? '';
    const shared = sharedCollection(report, results);
    return this.renderEntry({
      key: id,
      bodyId: `report-${id}`,
      className: `report ${changed ? 'changed' : ''}`,
      name: this.conceptName(report.code),
      at: effectiveTime(report),
      status: status && { term: status, code: report.status },
      available: availableAt(report),
      results,
      body: () => html`<p class="who">
          ${orderer ? html`<span>${this.localize.term('orderedBy', orderer)}</span>` : nothing}
          ${performer ? html`<span>${this.localize.term('performedBy', performer)}</span>` : nothing}
          ${shared.collected ? html`<span>${this.localize.term('collected', this.when(shared.collected))}</span>` : nothing}
          ${shared.specimen ? html`<span>${this.localize.term('specimen')}: ${shared.specimen}</span>` : nothing}
        </p>
        ${this.renderResults(view.results, { shared })}
        ${report.conclusion ? html`<h4>${this.localize.term('conclusion')}</h4><p>${report.conclusion}</p>` : nothing}
        ${view.printed.length && !this.noPdf
          ? html`<button type="button" class="download" @click=${() => void this.download(report, view.printed[0])}>${this.localize.term('downloadReport')}</button>
              ${this.downloadError?.id === id ? html`<p class="error-text" role="alert">${this.downloadError.text}</p>` : nothing}`
          : nothing}`,
    });
  }

  /**
   * A table of results. `shared` is the collection time and specimen said once above the table (rows
   * say theirs only when different); `rowLabel: 'date'` heads each row with its date rather than the
   * test's name, for a table under the test's own heading.
   */
  private renderResults(nodes: readonly ResultNode[], options: { shared?: Collection; rowLabel?: 'name' | 'date' } = {}): TemplateResult {
    const rows: TemplateResult[] = [];
    const add = (node: ResultNode, depth: number) => {
      const observation = node.observation;
      if (WITHDRAWN.has(observation.status)) return;
      if (!this.filtering || this.resultMatches(observation) || node.members.some((m) => this.resultMatches(m.observation))) rows.push(this.renderResultRow(observation, depth, options));
      for (const member of node.members) add(member, depth + 1);
    };
    for (const node of nodes) add(node, 0);
    return html`<table class="results" part="results">
      <thead>
        <tr>
          <th scope="col">${this.localize.term(options.rowLabel === 'date' ? 'when' : 'test')}</th>
          <th scope="col">${this.localize.term('result')}</th>
          <th scope="col" class="range-cell">${this.localize.term('referenceRange')}</th>
          <th scope="col">${this.localize.term('flag')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
  }

  private renderResultRow(observation: Observation, depth: number, options: { shared?: Collection; rowLabel?: 'name' | 'date' }) {
    const range = referenceRangeOf(observation, this.session.session?.patient ?? {});
    const { flag, text } = this.flagText(observation);
    const numeric = typeof observation.valueQuantity?.value === 'number';
    const name = this.testName(observation);
    const byDate = options.rowLabel === 'date';
    const specimen = display(observation.specimen) === options.shared?.specimen ? '' : display(observation.specimen);
    const collected = byDate || sameMoment(effectiveTime(observation), options.shared?.collected) ? undefined : effectiveTime(observation);
    const notes = (observation.note ?? []).map((n) => n.text).filter(Boolean);
    const status = RESULT_STATUS_TERMS[observation.status];
    const rangeText = range ? (range.low || range.high ? html`<bdi dir="ltr">${this.localize.range(range)}</bdi>` : this.localize.range(range)) : '';
    return html`<tr class=${flag ? `flagged ${flag}` : ''}>
      <th scope="row" class=${depth ? 'member' : ''}>
        ${byDate ? html`<time datetime=${effectiveTime(observation) ?? ''}>${this.when(effectiveTime(observation))}</time>` : name}
        ${collected || specimen
          ? html`<span class="sub">${collected ? this.localize.term('collected', this.when(collected)) : nothing}${collected && specimen ? ' · ' : nothing}${specimen ? html`${this.localize.term('specimen')}: ${specimen}` : nothing}</span>`
          : nothing}
        ${status ? html`<span class="sub result-status">${this.localize.term(status)}</span>` : nothing}
        ${notes.map((note) => html`<span class="sub note-text">${note}</span>`)}
      </th>
      <td class=${numeric ? 'value numeric' : 'value'}>
        ${numeric ? html`<bdi dir="ltr">${this.valueText(observation)}</bdi>` : this.valueText(observation)}
        ${text ? html`<span class="flag flag-inline ${flag ? `${flag} flag-${flag}` : 'text'}" part="flag flag-inline">${text}</span>` : nothing}
        ${rangeText ? html`<span class="sub range-inline">${this.localize.term('referenceRange')}: ${rangeText}</span>` : nothing}
      </td>
      <td class="range-cell">${rangeText}</td>
      <td class="flag-cell">
        ${text ? html`<span class="flag ${flag ? `${flag} flag-${flag}` : 'text'}" part="flag">${text}</span>` : nothing}
        ${numeric && this.showTrends && trendCode(observation)
          ? html`<button type="button" class="trend-button" data-trend-for=${observation.id ?? ''} aria-label=${this.localize.term('showTrend', name)} @click=${() => void this.showTrend(observation)}>
              ${this.localize.term('trend')}
            </button>`
          : nothing}
      </td>
    </tr>`;
  }

  /** Every result grouped by test, and the tests by panel, the most recent first (see `groupByPanel`). */
  private renderByTest(items: ListItem[]) {
    const results: { observation: Observation; name: string; panel: string }[] = [];
    const add = (observation: Observation, panel: string) => {
      // A panel's own row carries no value: its members are listed under their own names.
      if (WITHDRAWN.has(observation.status) || (observation.hasMember?.length && !this.valueText(observation))) return;
      if (this.filtering && !this.resultMatches(observation)) return;
      results.push({ observation, name: this.testName(observation), panel });
    };
    for (const item of items) {
      if (item.kind === 'report') for (const o of flatten(item.view.results)) add(o, this.conceptName(item.view.report.code));
      else {
        const panel = item.node.members.length ? this.testName(item.node.observation) : this.localize.term('otherTests');
        for (const o of flatten([item.node])) add(o, panel);
      }
    }
    return html`<ul class="panels">
      ${groupByPanel(results).map(
        ({ panel, tests }) => html`<li class="panel">
          <h3>${panel}</h3>
          <ul class="tests">
            ${tests.map(
              (test) => html`<li class="test" part="report">
                <h4>${test.name}</h4>
                ${this.renderResults(
                  test.results.map((observation) => ({ observation, members: [] })),
                  { rowLabel: 'date' },
                )}
              </li>`,
            )}
          </ul>
        </li>`,
      )}
    </ul>`;
  }

  private renderTrend() {
    const of = this.trendOf!;
    return html`<div class="trend-view" part="trend">
      <h3 tabindex="-1" data-focus-target>${this.localize.term('trendTitle', of.name)}</h3>
      <div class="trend-bar">
        <button type="button" @click=${() => void this.closeTrend()}>${this.localize.term('backToResults')}</button>
        <label class="field">
          <span>${this.localize.term('timeRange')}</span>
          <select @change=${(e: Event) => (this.trendYears = Number((e.target as HTMLSelectElement).value) as TrendRangeYears)}>
            ${TREND_RANGES.map(
              (years) => html`<option value=${years} ?selected=${years === this.trendYears}>
                ${years ? this.localize.term('trendSpan', years) : this.localize.term('allTime')}
              </option>`,
            )}
          </select>
        </label>
      </div>
      ${this.trend.render({
        initial: () => renderSkeleton({ label: this.localize.term('loading'), lines: 4 }),
        pending: () => renderSkeleton({ label: this.localize.term('loading'), lines: 4 }),
        error: (error) => this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(error), onRetry: () => void this.trend.run(), retryLabel: this.localize.term('retry') }),
        complete: (result) => (result ? this.renderChart(of.name, result.observations) : nothing),
      })}
    </div>`;
  }

  private renderChart(name: string, observations: Observation[]) {
    const drawable = observations.filter((o) => !WITHDRAWN.has(o.status) && o.status !== 'cancelled' && typeof o.valueQuantity?.value === 'number');
    if (!drawable.length) return renderEmpty({ heading: this.localize.term('noResults') });
    // The window ends at the latest result, not today: records that end years ago still show their
    // last years (never "no results" while there are some), and the patient is told which years.
    const shown = trendWindow(drawable, this.trendYears);
    const numeric = drawable.filter((o) => !shown.from || (Date.parse(effectiveTime(o) ?? '') || 0) >= shown.from);
    const windowText = this.trendYears
      ? this.localize.term('trendWindow', this.localize.term('trendSpan', this.trendYears), this.localize.fhirDate(shown.end))
      : this.localize.term('trendWindowAll', this.localize.fhirDate(shown.start), this.localize.fhirDate(shown.end));
    // The line is drawn in the unit most results are in (the latest's when tied); results in another
    // unit are listed in the table with their own unit, not drawn on a scale they do not share.
    const unitOf = (o: Observation) => o.valueQuantity!.code ?? o.valueQuantity!.unit ?? '';
    const units = new Map<string, number>();
    for (const o of numeric) units.set(unitOf(o), (units.get(unitOf(o)) ?? 0) + 1);
    const latest = numeric[numeric.length - 1]!;
    const unit = [...units].reduce((best, next) => (next[1] > best[1] ? next : best), [unitOf(latest), units.get(unitOf(latest))!] as [string, number])[0];
    const inUnit = numeric.filter((o) => unitOf(o) === unit);
    const range = referenceRangeOf(inUnit[inUnit.length - 1]!, this.session.session?.patient ?? {});
    const points: TrendPoint[] = numeric.map((o) => {
      const { flag, text } = this.flagText(o);
      return { id: o.id ?? '', at: effectiveTime(o) ?? '', value: unitOf(o) === unit ? o.valueQuantity!.value! : NaN, text: this.valueText(o), flag, flagText: text || undefined };
    });
    return html`<p class="trend-window">${windowText}</p>
      ${renderTrendChart({
      title: name,
      hideTitle: true,
      unit: inUnit[inUnit.length - 1]!.valueQuantity!.unit ?? unit,
      points,
      range: range ? { low: range.low?.value, high: range.high?.value, text: this.localize.range(range) } : undefined,
      formatDate: (at) => this.localize.fhirDate(at),
      formatValue: (value) => this.localize.number(value),
      labels: {
        date: this.localize.term('when'),
        value: this.localize.term('result'),
        flag: this.localize.term('flag'),
        range: (text) => this.localize.term('rangeLabel', text),
        chartSummary: (count, first, last) => this.localize.term('trendSummary', count, first, last),
        normal: this.localize.term('flagNormal'),
      },
    })}`;
  }
}
