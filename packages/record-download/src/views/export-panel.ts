/**
 * The "Everything" view: the patient's whole FHIR record as one file (a `collection` Bundle or
 * NDJSON), chosen by kind and dates, with a progress bar, Cancel, and a summary of what is in the file
 * and what the server would not give; and the International Patient Summary and continuity-of-care
 * document where the server offers them.
 */
import { css, html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { downloadAttachment, FhirError, renderError, saveFile, type FhirClient } from '@portico/core';
import type { Bundle, DocumentReference } from 'fhir/r4';
import type { ExportProgress } from '../export/collector.js';
import type { ExportResult } from '../export/record-export.js';
import { BUNDLE_TYPE, type ExportFormat } from '../export/record-file.js';
import type { PanelContext, RecordPanel } from '../record-download/panel.js';
import { dateRangeProblem, exportFileStem, todayInputValue } from '../model/export-dates.js';
import { RECORD_KINDS, type RecordKind } from '../model/record-types.js';
import { PorticoRecordDownloadedEvent, type RecordFileFormat } from './export-events.js';
import { progressPercent, renderExportForm, renderExportRun, renderOtherForms, type FormProblem } from './export-views.js';

/** The export engine and the finished file's view, loaded on the first Start. */
type ExportRun = typeof import('./export-run.js');

/** The live region speaks at most this often while a run goes on, and at each quarter after at least a second. */
const ANNOUNCE_EVERY_MS = 2000;
const ANNOUNCE_QUARTER_AFTER_MS = 1000;

/** What one run was asked for. */
interface ExportRequest {
  kinds: RecordKind[];
  from: string;
  to: string;
  format: ExportFormat;
}

class ExportPanel implements RecordPanel {
  private kinds = new Set<RecordKind>(RECORD_KINDS);
  private from = '';
  private to = '';
  private format: ExportFormat = 'bundle';
  private problem?: FormProblem;
  /** The form is shown (before a run, after Cancel, after Start again). */
  private editing = true;
  private stopped = false;
  private progress?: ExportProgress;
  private announcement = '';
  private announced = { at: 0, quarter: 0 };
  private saved?: string;
  private otherBusy?: 'ips' | 'ccd';
  private otherOutcome?: { saved: string } | { none: true } | { error: string };
  private otherController?: AbortController;

  private engine?: ExportRun;
  private readonly run: Task<[ExportRequest], ExportResult>;
  /** Which other forms the server offers (its CapabilityStatement, read once per client). */
  private readonly offers: Task<[FhirClient | undefined], { ips: boolean; ccd: boolean }>;

  constructor(private readonly context: PanelContext) {
    this.run = new Task(context.host, {
      autoRun: false,
      task: async ([request], { signal }) => {
        const client = this.client();
        this.progress = undefined;
        this.announced = { at: Date.now(), quarter: 0 };
        this.announcement = '';
        this.engine ??= await import('./export-run.js');
        if (signal.aborted) throw new FhirError('aborted', 'The export was cancelled.');
        return this.engine.exportRecord(client, {
          patientId: this.context.patientId()!,
          kinds: request.kinds,
          dateRange: request.from || request.to ? { from: request.from || undefined, to: request.to || undefined } : undefined,
          format: request.format,
          signal,
          onProgress: (progress) => this.onProgress(progress),
        });
      },
      onComplete: () => void this.focus('#export-done-heading'),
    });
    this.offers = new Task(context.host, {
      args: () => [context.client()],
      task: async ([client], { signal }) => {
        if (!client) return { ips: false, ccd: false };
        const [ips, ccd] = await Promise.all([client.supportsOperation('summary', 'Patient', { signal }), client.supportsOperation('docref', 'DocumentReference', { signal })]);
        return { ips, ccd };
      },
    });
  }

  private client(): FhirClient {
    const client = this.context.client();
    if (!client) throw new Error('No signed-in client.');
    return client;
  }

  private update(): void {
    this.context.host.requestUpdate();
  }

  private async focus(selector: string): Promise<void> {
    this.update();
    await (this.context.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    this.context.root.querySelector<HTMLElement>(selector)?.focus();
  }

  private onProgress(progress: ExportProgress): void {
    this.progress = progress;
    const percent = progressPercent(progress);
    const quarter = Math.floor(percent / 25);
    const since = Date.now() - this.announced.at;
    if (since >= ANNOUNCE_EVERY_MS || (quarter > this.announced.quarter && since >= ANNOUNCE_QUARTER_AFTER_MS)) {
      const { localize } = this.context;
      this.announcement = `${localize.term('exportProgressPercent', percent)}. ${localize.term('exportProgress', progress.typesDone, progress.typesTotal, progress.resources)}`;
      this.announced = { at: Date.now(), quarter };
    }
    this.update();
  }

  private start(): void {
    const kinds = RECORD_KINDS.filter((kind) => this.kinds.has(kind));
    this.problem = kinds.length ? dateRangeProblem(this.from, this.to) : 'no-kind';
    if (this.problem) {
      void this.focus(this.problem === 'no-kind' ? 'input[name="kind"]' : 'input[name="from"]');
      return;
    }
    this.editing = false;
    this.stopped = false;
    this.saved = undefined;
    void this.run.run([{ kinds, from: this.from, to: this.to, format: this.format }]);
    void this.focus('[part~="export-cancel-button"]');
  }

  private cancel(): void {
    this.run.abort();
    this.editing = true;
    this.stopped = true;
    void this.focus('[part~="export-start-button"]');
  }

  private again(): void {
    this.editing = true;
    this.stopped = false;
    this.saved = undefined;
    void this.focus('[part~="export-start-button"]');
  }

  private saveExport(result: ExportResult, type?: string): void {
    const stem = exportFileStem(result.summary.timestamp);
    const file = type ? result.files!.get(type)! : result.file;
    const name = saveFile(file, { title: type ? `${stem}-${type}` : stem, fallbackName: stem, container: this.context.root });
    this.saved = name;
    const resources = type ? (result.summary.counts[type] ?? 0) : result.summary.resources;
    this.fire(result.summary.format, resources, file.size);
    this.update();
  }

  private fire(format: RecordFileFormat, resources: number, bytes: number): void {
    this.context.host.dispatchEvent(new PorticoRecordDownloadedEvent({ format, resources, bytes }));
  }

  /** Saves the International Patient Summary (the server's `Patient/$summary` document, as JSON) or the newest continuity-of-care document. */
  private async saveOther(which: 'ips' | 'ccd'): Promise<void> {
    const client = this.client();
    const patient = this.context.patientId()!;
    this.otherController?.abort();
    const controller = (this.otherController = new AbortController());
    const { signal } = controller;
    this.otherBusy = which;
    this.otherOutcome = undefined;
    this.update();
    try {
      if (which === 'ips') {
        const bundle = await client.operation<Bundle>('summary', { resourceType: 'Patient', id: patient }, undefined, { method: 'GET', signal });
        const file = new Blob([JSON.stringify(bundle, null, 2)], { type: BUNDLE_TYPE });
        const stem = `patient-summary-${todayInputValue()}`;
        this.otherOutcome = { saved: saveFile(file, { title: stem, fallbackName: stem, container: this.context.root }) };
        this.fire('ips', bundle.entry?.length ?? 0, file.size);
      } else {
        const found = await client.operation<Bundle>('docref', { resourceType: 'DocumentReference' }, undefined, { method: 'GET', params: { patient }, signal });
        const document = found.entry?.map((e) => e.resource).find((r): r is DocumentReference => r?.resourceType === 'DocumentReference');
        const attachment = document?.content?.find((c) => c.attachment?.url || c.attachment?.data)?.attachment;
        if (!attachment) {
          this.otherOutcome = { none: true };
        } else {
          const saved = await downloadAttachment(client, attachment, { fallbackName: 'continuity-of-care-document', container: this.context.root, signal });
          this.otherOutcome = { saved: saved.name };
          this.fire('ccd', 1, saved.size);
        }
      }
    } catch (error) {
      if (!signal.aborted) this.otherOutcome = { error: this.context.localize.errorMessage(error) };
    } finally {
      if (this.otherController === controller) this.otherBusy = undefined;
      this.update();
    }
  }

  private renderForm() {
    return html`${renderExportForm({
      localize: this.context.localize,
      kinds: this.kinds,
      from: this.from,
      to: this.to,
      max: todayInputValue(),
      format: this.format,
      problem: this.problem,
      stopped: this.stopped,
      onKind: (kind, on) => {
        if (on) this.kinds.add(kind);
        else this.kinds.delete(kind);
        if (this.problem === 'no-kind' && this.kinds.size) this.problem = undefined;
        this.update();
      },
      onDate: (end, value) => {
        this[end] = value;
        if (this.problem && this.problem !== 'no-kind') this.problem = dateRangeProblem(this.from, this.to);
        this.update();
      },
      onFormat: (format) => {
        this.format = format;
        this.update();
      },
      onStart: () => this.start(),
    })}
    ${this.offers.status === TaskStatus.COMPLETE
      ? renderOtherForms({
          localize: this.context.localize,
          ...this.offers.value!,
          busy: this.otherBusy,
          outcome: this.otherOutcome,
          onSave: (which) => void this.saveOther(which),
        })
      : nothing}`;
  }

  render() {
    const { localize } = this.context;
    if (this.editing) return html`<div class="export" part="export">${this.renderForm()}</div>`;
    return html`<div class="export" part="export">
      ${this.run.render({
        pending: () => renderExportRun({ localize, progress: this.progress, announcement: this.announcement, onCancel: () => this.cancel() }),
        complete: (result) =>
          this.engine!.renderExportDone({
            localize,
            result,
            saved: this.saved,
            onSave: () => this.saveExport(result),
            onSaveType: (type) => this.saveExport(result, type),
            onAgain: () => this.again(),
          }),
        // A cancelled run is back to the form (Cancel sets `editing`): an error here is a failure.
        error: (error) =>
          html`${renderError({ message: localize.errorMessage(error), retryLabel: localize.term('retry'), onRetry: () => void this.run.run() })}
            <button type="button" part="export-again-button" @click=${() => this.again()}>${localize.term('exportAgain')}</button>`,
      })}
    </div>`;
  }
}

/** The "Everything" view. */
export function createPanel(context: PanelContext): RecordPanel {
  return new ExportPanel(context);
}

/** Its layout: the form's groups, the progress bar, the file's summary. */
export const styles = css`
  .export fieldset {
    margin: 0 0 var(--_space-md);
    padding: var(--_space-sm) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    min-inline-size: 0;
  }
  .export legend {
    padding: 0 var(--_space-xs);
    font-weight: 600;
  }
  .date-pair {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-md);
  }
  .date-pair .field {
    flex: 1 1 10rem;
  }
  .export-problem {
    color: var(--_color-danger, #b00020);
    font-weight: 600;
  }
  .export-run progress {
    inline-size: 100%;
    block-size: 1.25rem;
  }
  .progress-words {
    font-variant-numeric: tabular-nums;
  }
  .export-counts,
  .export-left-out,
  .export-type-files {
    padding-inline-start: var(--_space-lg, 1.5rem);
  }
  .export-counts .count {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .export-left-out .types {
    color: var(--_color-text-muted);
    overflow-wrap: anywhere;
  }
  .export-type-files {
    list-style: none;
    padding: 0;
  }
  .export-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    margin-block: var(--_space-md);
  }
  .other-forms {
    margin-block-start: var(--_space-lg, 1.5rem);
  }
  #export-done-heading:focus {
    outline: none;
  }
  .export-notice {
    padding: var(--_space-sm) var(--_space-md);
    border-inline-start: 4px solid var(--_color-primary);
    background: var(--_color-surface-raised);
  }
`;
