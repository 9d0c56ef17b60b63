import type { Attachment, DiagnosticReport, Observation } from 'fhir/r4';
import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { canNavigate, downloadAttachment, LocalizeController, navigate, PagedList, renderEmpty, renderError, renderSkeleton, renderUntilReady, renderViewingFor, SessionController, controlStyles, stateStyles, offscreenStyles, themeStyles, type FhirClient } from '@portico/core';
import { effectiveTime, loadReportPage, loadResultWindow, loadTrend, looseResults, resultCategoryToken, trendCode, type ReportView, type ResultNode } from '../reports/reports.js';
import { lastSeen, markSeen } from '../results/seen.js';
import { trendChartStyles } from '@portico/core/trend-chart.js';
import { flagColourStyles } from '../results/flag.styles.js';
import { laterDate, visibleItems, type ResultFilter, type ResultGrouping } from '../model/list-items.js';
import { firstPageSize, firstViewOf } from '../model/first-page.js';
import { nameOfConcept, testName } from '../model/result-text.js';
import type { TrendRangeYears } from '../model/trend-ranges.js';
import { LAB_RESULTS_SCOPES } from '../scopes.js';
import { labResultsStyles } from './lab-results.styles.js';
import { renderEntries, renderFilters, type ResultListHost } from '../views/result-list.js';
import { renderTrendView, type TrendOf, type TrendViewHost } from '../views/trend-view.js';
import { renderTrendResults } from '../views/trend-results.js';
import { LAB_RESULTS_TERMS, type LabResultsTerms } from '../i18n/terms.js';

export { RESULT_GROUPINGS, type ResultGrouping } from '../model/list-items.js';
export { TREND_RANGES, type TrendRangeYears } from '../model/trend-ranges.js';

/**
 * The patient's lab reports, newest first, each with its results: value and unit, the normal range
 * for them, flags in words, panels with their members, specimen and collection time, notes and the
 * report's PDF. Any numeric result opens its trend over time (a chart with the range shaded, and the
 * same values as a table). Finds by text, date and "outside the range"; lists by report or by test.
 * The first request reads one screen of reports (as many as the element shows, at most `page-size`);
 * then the results in no report in the dates shown; older pages as the patient scrolls.
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
 * @csspart flag-inline - The flag beside the value on narrow screens (where results are stacked rows).
 * @csspart new-badge - The "New" marker.
 * @csspart trend - The trend view (chart and table).
 * @csspart trend-chart - The trend chart (an SVG).
 * @csspart range-band - The normal range drawn behind the line.
 * @csspart trend-line - The line through the results.
 * @csspart point - One result on the chart (see also `point-abnormal`, `point-critical`).
 * @csspart point-abnormal - A result outside the normal range.
 * @csspart point-critical - A critical result.
 * @csspart trend-table - The table of the same results, for reading and screen readers (see also `trend-row`, `trend-row-abnormal`).
 * @csspart trend-row - One row of the trend table.
 * @csspart trend-row-abnormal - A row of a result outside the normal range.
 * @csspart load-more - The button that loads older reports.
 * @csspart follow-up-button - "Book a follow-up" in an open report (only with a booker on the page or the session's `navigate-url`).
 *
 * @fires {PorticoNavigateEvent} portico-navigate - "Book a follow-up" was pressed; detail `{ target: 'appointment-booker', params: { reason } }`. Cancel it to route the patient yourself.
 */
export class LabResults extends LitElement {
  /** The SMART scopes it needs: reports, results and orders, their PDFs, and who ordered them (`portal-session` asks for them). */
  static readonly scopes = LAB_RESULTS_SCOPES;
  static override styles = [themeStyles, offscreenStyles, stateStyles, controlStyles, flagColourStyles, trendChartStyles, labResultsStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController<LabResultsTerms>(this, { locale: () => this.session.locale, terms: LAB_RESULTS_TERMS });
  /** Cancels the read of results in no report on its way when the list starts again or the element leaves the page. */
  private looseRequest?: AbortController;
  /** Cancels a PDF download on its way when the element leaves the page. */
  private downloadRequest?: AbortController;

  /**
   * The reports, a page (one request) at a time: the first sized to the element's first view, older
   * pages as the end of the list scrolls into view or with "Show older results"; a page of the
   * previous list still on its way is cancelled.
   */
  private readonly reports = new PagedList(this, {
    // The date filters go to the server: years of results are not all loaded to find one month.
    args: () => [this.session.client, this.session.patientId, this.category, laterDate(this.since, this.filter.from), this.filter.to || undefined, this.pageSize, !this.noPdf] as const,
    first: async ([client, patientId, category, since, until, pageSize, documents], signal) => {
      if (!client || !patientId) return undefined;
      this.looseRequest?.abort();
      this.loose = [];
      this.looseAfter = undefined;
      this.looseComplete = false;
      this.looseError = undefined;
      this.looseLoading = false;
      // "New" is measured from the last visit before this one, read once per patient.
      if (this.seenFor !== patientId) {
        this.seenFor = patientId;
        this.previousSeen = lastSeen(patientId);
        this.hasResults = false;
      }
      // One screen of reports: measured where the list is (its loading placeholder, once drawn).
      await this.updateComplete;
      signal.throwIfAborted();
      const first = firstPageSize(firstViewOf(this, this.renderRoot.querySelector('[part="skeleton"]'), pageSize));
      const page = await loadReportPage(client, { patientId, category, since, until, pageSize: first, documents, signal });
      if (page.reports.length) this.hasResults = true;
      markSeen(patientId);
      return { items: page.reports, next: page.next };
    },
    next: async (next, signal) => {
      const page = await loadReportPage(this.session.client!, { patientId: this.session.patientId!, next, signal });
      return { items: page.reports, next: page.next };
    },
    // A report without an id (a server that leaves it out) is listed as it comes.
    key: (view: ReportView) => (view.report.id ? `DiagnosticReport/${view.report.id}` : undefined),
    added: (count) => this.localize.term('moreShown', count),
  });

  /**
   * The trend of the test the patient opened, with what draws it. (The chart's code is part of the
   * element: loaded lazily from inside an element that is itself loaded lazily, it made the bundler
   * split lit out of `portico.js`, a second round trip on every page's first load.)
   */
  private readonly trend = new Task(this, {
    task: async ([client, patientId, code], { signal }) => {
      if (!client || !patientId || !code) return undefined;
      const { observations } = await loadTrend(client, { patientId, code, signal });
      return { observations, renderTrendResults };
    },
    args: () => [this.session.client, this.session.patientId, this.trendOf?.code] as const,
  });

  @query('[data-focus-target]') private focusTarget?: HTMLElement | null;
  @query('.sentinel') private sentinel?: HTMLElement | null;

  @state() private open = new Set<string>();
  /** What the patient filters by: the dates go to the server, the rest is applied to what is loaded. */
  @state() private filter: ResultFilter = { text: '', from: '', to: '', abnormalOnly: false };
  @state() private grouping: ResultGrouping = 'report';
  @state() private trendOf?: TrendOf;
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

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose results to show without a portal-session. */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** The report category: `laboratory` (default), `radiology`, `pathology`, or a code such as `LAB`. */
  @property() category = 'laboratory';

  /** Only reports on or after this date (YYYY-MM-DD). */
  @property() since?: string;

  /** The most reports a request asks for: the first asks for one screen of them (5 or more), each older page as many again. */
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
    this.looseRequest?.abort();
    this.downloadRequest?.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Older reports load when the end of the list scrolls into view.
    this.reports.observe(this.sentinel);
    // Once reports are on screen, the results in no report in the dates they cover (a no-op when
    // already read): they are listed among them, so a recent result outside any report is never missed.
    // Older windows follow the older pages the patient scrolls to. (After this update, not during it.)
    if (this.reports.ready && !this.looseError) queueMicrotask(() => void this.loadLoose());
  }

  // ---------------------------------------------------------------------------------------------

  /** Loads the next page of older reports (also what scrolling to the end does). */
  async loadMore(): Promise<void> {
    await this.reports.more();
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
    const reports = this.reports.all;
    const last = !this.reports.hasMore;
    const oldest = reports.length ? effectiveTime(reports[reports.length - 1]!.report)?.slice(0, 10) : undefined;
    const through = this.looseAfter;
    // Not the last page, and the oldest report has no date or is on the day the last window began: wait for more.
    if (!last && (!oldest || (through && oldest >= through))) return;
    const request = (this.looseRequest = new AbortController());
    this.looseLoading = true;
    this.looseError = undefined;
    try {
      const window = last ? { from: laterDate(this.since, this.filter.from) } : { after: oldest };
      const { observations } = await loadResultWindow(client, { patientId, category, ...window, through: [through, this.filter.to || undefined], signal: request.signal });
      // A read of the list before it started again (or cancelled) lands nothing.
      if (request.signal.aborted) return;
      const known = new Set(this.loose.map((o) => o.id));
      this.loose = [...this.loose, ...observations.filter((o) => !known.has(o.id))];
      this.looseAfter = oldest;
      this.looseComplete = last;
      // A window that adds results the reports do not list (a patient with only those still has results).
      if (looseResults(observations, reports).length) this.hasResults = true;
    } catch (error) {
      if (!request.signal.aborted) this.looseError = error;
    } finally {
      // Not when the list started again meanwhile: its own state stands.
      if (this.looseRequest === request) this.looseLoading = false;
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
    this.trendOf = { code, name: testName(this.localize, observation), returnTo: observation.id };
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

  /** Opens the booker preset with the reason ("Follow-up on Lipid panel", in the patient's language). */
  private async bookFollowUp(report: DiagnosticReport): Promise<void> {
    await navigate(this, 'appointment-booker', { reason: this.localize.term('followUpReason', nameOfConcept(this.localize, report.code)) });
  }

  private looseMemo?: { loose: Observation[]; reports: readonly ReportView[]; count: number; nodes: ResultNode[] };

  /** The loose results as trees, worked out again only when results or reports were added. */
  private looseNodes(): ResultNode[] {
    const memo = this.looseMemo;
    // The list of reports only grows until it starts again (a new array).
    const reports = this.reports.all;
    if (memo?.loose === this.loose && memo.reports === reports && memo.count === reports.length) return memo.nodes;
    const nodes = looseResults(this.loose, reports);
    this.looseMemo = { loose: this.loose, reports, count: reports.length, nodes };
    return nodes;
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  /** What the list's views read and call: the state of this update, and handlers that act on the element. */
  private listHost(): ResultListHost {
    return {
      localize: this.localize,
      patient: this.session.session?.patient,
      filter: this.filter,
      grouping: this.grouping,
      showTrends: this.showTrends,
      noPdf: this.noPdf,
      open: this.open,
      previousSeen: this.previousSeen,
      downloadError: this.downloadError,
      showTrend: (observation) => void this.showTrend(observation),
      toggle: (key, bodyId) => void this.toggle(key, bodyId),
      download: (report, form) => void this.download(report, form),
      // Only where it leads somewhere: a booker on the page, or the session's navigate-url.
      bookFollowUp: canNavigate(this, 'appointment-booker') ? (report) => void this.bookFollowUp(report) : undefined,
      // The filter as it is when the patient acts: two fields may change before the next render.
      setFilter: (change) => (this.filter = { ...this.filter, ...change }),
      setGrouping: (grouping) => (this.grouping = grouping),
    };
  }

  protected override render() {
    const gate = renderUntilReady(this.session, { message: this.localize.term('signInPrompt'), signInLabel: this.localize.term('signIn'), loadingLabel: this.localize.term('loadingResults') });
    if (gate) return gate;
    return html`<section class="lab-results" dir=${this.localize.dir()} aria-labelledby="results-heading">
      <h2 id="results-heading">${this.localize.term('labResults')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
      <div class="note" part="note"><slot name="note">${this.note ?? this.localize.term('resultsNote')}</slot></div>
      ${this.trendOf && this.showTrends ? this.renderTrend(this.trendOf) : this.renderList()}
    </section>`;
  }

  /** An error with a retry (none once the session has ended: the sign-in prompt says so). */
  private renderFailure(error: unknown, retry: () => void) {
    return this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(error), onRetry: retry, retryLabel: this.localize.term('retry') });
  }

  private renderList() {
    const host = this.listHost();
    const loading = () => renderSkeleton({ label: this.localize.term('loadingResults'), lines: 5 });
    // The filters stay while a filtered list loads, so the field being typed in keeps its focus.
    const filtered = !!(this.filter.from || this.filter.to);
    const looseError = () => this.renderFailure(this.looseError, () => void this.loadLoose());
    return html`${this.hasResults ? renderFilters(host) : nothing}
    ${this.reports.render({
      initial: loading,
      pending: loading,
      error: (error) => this.renderFailure(error, () => void this.reports.task.run()),
      complete: () => {
        const reports = this.reports.all;
        const items = visibleItems(reports, this.looseNodes(), this.filter, (o) => testName(this.localize, o));
        if (!reports.length && !this.loose.length) {
          if (this.looseLoading) return loading();
          if (this.looseError) return looseError();
          return filtered ? html`<p class="hint" role="status">${this.localize.term('noResultsMatch')}</p>` : renderEmpty({ heading: this.localize.term('noResults') });
        }
        return html`${renderEntries(host, items)}
          ${this.looseError ? looseError() : nothing} ${this.renderMore()} ${this.reports.renderStatus()}`;
      },
    })}`;
  }

  /** "Show older results" (also as the end scrolls into view), a later page's error with a retry, or "All results are shown." */
  private renderMore() {
    // Once the session has ended, the sign-in prompt says why nothing more loads.
    if (this.reports.moreError !== undefined && this.session.expired) return nothing;
    const { localize } = this;
    return this.reports.renderMore(
      { more: localize.term('loadMore'), loading: localize.term('loading'), allShown: localize.term('allLoaded'), error: (error) => localize.errorMessage(error), retry: localize.term('retry') },
      { sentinel: true },
    );
  }

  private renderTrend(of: TrendOf) {
    const host: TrendViewHost = {
      localize: this.localize,
      patient: this.session.session?.patient,
      years: this.trendYears,
      setYears: (years) => (this.trendYears = years),
      closeTrend: () => void this.closeTrend(),
    };
    const loading = () => renderSkeleton({ label: this.localize.term('loading'), lines: 4 });
    return renderTrendView(
      host,
      of,
      this.trend.render({
        initial: loading,
        pending: loading,
        error: (error) => this.renderFailure(error, () => void this.trend.run()),
        complete: (result) => (result ? result.renderTrendResults(host, of.name, result.observations) : nothing),
      }),
    );
  }
}
