/**
 * The whole FHIR record of a patient as one file: `Patient/$everything` with paging where the server
 * offers it, else a search per type of the chosen kinds (a few at a time, following `next` links),
 * de-duplicated by `type/id`, written in parts, with progress, cancel and a summary of what the
 * server would not give.
 */
import type { Bundle, Resource } from 'fhir/r4';
import { FhirError, isFhirError, referenceKey, type FhirClient, type SearchPage } from '@portico/core';
import { RECORD_TYPES, type DateRange, type RecordKind } from '../model/record-types.js';
import { ExportCollector, referencesAt, type ExportAttachment, type ExportMethod, type ExportProgress } from './collector.js';
import { planExport, type ExportPlan, type PlannedType, type SkippedType } from './plan.js';
import { runPool } from './pool.js';
import type { ExportFormat } from './record-file.js';

export interface ExportOptions {
  /** The patient whose record it is (the session's patient). */
  patientId: string;
  /** The kinds of data to take; default all of them. The Patient resource always comes. */
  kinds?: readonly RecordKind[];
  dateRange?: DateRange;
  /** Default `bundle`. */
  format?: ExportFormat;
  /** `auto` (default): `$everything` when the server offers it, else per type; `per-type`: always per type. */
  method?: 'auto' | 'per-type';
  /** Searches at once (default 4). */
  concurrency?: number;
  /** Page size asked for (default 200). */
  pageSize?: number;
  /** Cancels: no request starts after it aborts, those in flight are aborted, and the export rejects with a FhirError of kind `aborted`. */
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

/** What the file holds and what it does not. */
export interface ExportSummary {
  method: ExportMethod;
  /** Why `$everything` was offered but not used (it failed; the per-type searches ran instead). */
  everythingFailed?: string;
  format: ExportFormat;
  patientId: string;
  kinds: RecordKind[];
  dateRange?: DateRange;
  /** When the export was made (the Bundle's `timestamp`). */
  timestamp: string;
  /** Resources per type. */
  counts: Record<string, number>;
  resources: number;
  /** Size of the file in bytes. */
  bytes: number;
  /** Types of the chosen kinds not in the file, or only partly (`failed` after some pages), and why. */
  skipped: SkippedType[];
  /** Types not narrowed by the date range (they have no date the server searches by): all of them came. */
  undated: string[];
  /** Attachments whose bytes are not in the file, with their addresses. */
  attachments: ExportAttachment[];
  /** FHIR requests made (pages; the client's retries of 429/503 not counted). */
  requests: number;
  durationMs: number;
}

export interface ExportResult {
  /** The file: a `collection` Bundle, or every NDJSON line. */
  file: Blob;
  /** NDJSON only: one file per resource type. */
  files?: Map<string, Blob>;
  summary: ExportSummary;
}

/** True when an export (or a request) stopped because it was cancelled. */
export function isExportAborted(error: unknown): boolean {
  return isFhirError(error) && error.kind === 'aborted';
}

/** Exports the patient's record with the signed-in client. */
export async function exportRecord(client: FhirClient, options: ExportOptions): Promise<ExportResult> {
  const started = Date.now();
  const { signal } = options;
  try {
    checkAborted(signal);
    const capability = await client.capabilities({ signal });
    const plan = planExport(capability, (type, permission) => client.scopeAllows(type, permission), options);
    let everythingFailed: string | undefined;
    let collector: ExportCollector | undefined;
    if (options.method !== 'per-type' && (await client.supportsOperation('everything', 'Patient', { signal }))) {
      try {
        collector = await viaEverything(client, plan, options);
      } catch (error) {
        if (signal?.aborted || (isFhirError(error) && error.kind === 'unauthorized')) throw error;
        everythingFailed = error instanceof Error ? error.message : String(error);
        collector = undefined;
      }
    }
    collector ??= await perType(client, plan, options);
    const timestamp = new Date().toISOString();
    const file = collector.file.file(timestamp);
    const summary: ExportSummary = {
      method: collector.method,
      everythingFailed,
      format: collector.file.format,
      patientId: options.patientId,
      kinds: plan.kinds,
      dateRange: plan.dateRange,
      timestamp,
      counts: Object.fromEntries([...collector.counts].sort(([a], [b]) => a.localeCompare(b))),
      resources: collector.resources,
      bytes: file.size,
      skipped: plan.skipped,
      undated: undatedTypes(plan, collector.method),
      attachments: collector.attachments,
      requests: collector.requests,
      durationMs: Date.now() - started,
    };
    return { file, files: collector.file.format === 'ndjson' ? collector.file.files() : undefined, summary };
  } catch (error) {
    if (signal?.aborted && !isExportAborted(error)) throw new FhirError('aborted', 'The export was cancelled.', { cause: error });
    throw error;
  }
}

/**
 * Types a date range did not narrow. Searched per type: those without a date parameter the server
 * lists. Through `$everything`: those whose date is not the `date` parameter (`start`/`end` are defined
 * by the server; servers apply them to `date`, as the embedded one does).
 */
function undatedTypes(plan: ExportPlan, method: ExportMethod): string[] {
  if (method === 'per-type') return plan.types.filter((t) => t.undated).map((t) => t.type);
  if (!plan.dateRange?.from && !plan.dateRange?.to) return [];
  const byDate = new Set(RECORD_TYPES.filter((t) => t.dateParam === 'date').map((t) => t.type));
  return plan.types.filter((t) => !byDate.has(t.type)).map((t) => t.type);
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FhirError('aborted', 'The export was cancelled.', { cause: signal.reason });
}

/** Errors that end the whole export: cancelled, or signed out. Anything else fails one type. */
function isFatal(error: unknown, signal: AbortSignal | undefined): boolean {
  return !!signal?.aborted || (isFhirError(error) && (error.kind === 'aborted' || error.kind === 'unauthorized'));
}

/** The per-type searches: the types a few at a time, owned types (payments) after what they point at. */
async function perType(client: FhirClient, plan: ExportPlan, options: ExportOptions): Promise<ExportCollector> {
  const { signal } = options;
  const collector = new ExportCollector(options.format ?? 'bundle', client.baseUrl, 'per-type', plan.types.length, options.onProgress);
  collector.report();
  const fetchType = async (planned: PlannedType) => {
    collector.current.add(planned.type);
    collector.report();
    const keep = planned.ownedThrough ? ownedBy(collector, planned.ownedThrough) : undefined;
    try {
      for (const [index, params] of planned.searches.entries()) {
        try {
          checkAborted(signal);
          collector.requests++;
          let page: SearchPage = await client.search(planned.type as never, params, { signal });
          if (index === 0) collector.addEstimate(page.total);
          collector.addPage([...page.resources, ...page.included], keep);
          while (page.next) {
            checkAborted(signal);
            collector.requests++;
            page = await client.searchNext(page.next, planned.type, { signal });
            collector.addPage([...page.resources, ...page.included], keep);
          }
        } catch (error) {
          if (isFatal(error, signal)) throw error;
          const by = Object.keys(params).find((p) => p !== '_count' && p !== '_include' && !p.startsWith('date'));
          plan.skipped.push({
            type: planned.type,
            kinds: planned.kinds,
            reason: isFhirError(error) && error.kind === 'forbidden' ? 'forbidden' : 'failed',
            detail: `${planned.searches.length > 1 && by ? `Searching by ${by}: ` : ''}${error instanceof Error ? error.message : String(error)}`,
          });
          if (index === 0) break;
        }
      }
    } finally {
      collector.current.delete(planned.type);
      collector.typesDone++;
      collector.report();
    }
  };
  const concurrency = options.concurrency ?? 4;
  await runPool(plan.types.filter((t) => !t.ownedThrough), concurrency, fetchType, signal);
  await runPool(plan.types.filter((t) => t.ownedThrough), concurrency, fetchType, signal);
  checkAborted(signal);
  return collector;
}

/** Keeps an owned resource (a payment) only when it points at a resource already exported (the Invoice it pays). */
function ownedBy(collector: ExportCollector, paths: readonly string[]): (resource: Resource) => boolean {
  return (resource) => paths.some((path) => referencesAt(resource, path).some((reference) => {
    const key = referenceKey(reference);
    return !!key && collector.has(key);
  }));
}

const COMPARTMENT_TYPES = new Set(RECORD_TYPES.map((t) => t.type));

/**
 * `Patient/{id}/$everything` page by page (`_type`: the planned types; `start`/`end`: the date range).
 * Of the record's own types only the planned ones are kept (a server may send more than `_type`
 * asks); what they point at (clinicians, organizations, medications) comes along.
 */
async function viaEverything(client: FhirClient, plan: ExportPlan, options: ExportOptions): Promise<ExportCollector> {
  const { signal } = options;
  const collector = new ExportCollector(options.format ?? 'bundle', client.baseUrl, 'everything', plan.types.length, options.onProgress);
  const planned = new Set(plan.types.map((t) => t.type));
  const keep = (resource: Resource) => planned.has(resource.resourceType) || !COMPARTMENT_TYPES.has(resource.resourceType);
  const resourcesOf = (bundle: Bundle) => (bundle.entry ?? []).flatMap((e) => (e.resource && e.resource.resourceType !== 'OperationOutcome' ? [e.resource] : []));
  plan.types.forEach((t) => collector.current.add(t.type));
  collector.report();
  const params = {
    _type: [...planned].join(','),
    _count: String(options.pageSize ?? 200),
    start: options.dateRange?.from,
    end: options.dateRange?.to,
  };
  checkAborted(signal);
  collector.requests++;
  let bundle = await client.operation<Bundle>('everything', { resourceType: 'Patient', id: options.patientId }, undefined, { method: 'GET', params, signal });
  if (bundle?.resourceType !== 'Bundle') throw new FhirError('server', 'The server did not answer $everything with a Bundle.');
  collector.addEstimate(bundle.total);
  collector.addPage(resourcesOf(bundle), keep);
  for (let next = nextLink(bundle); next; next = nextLink(bundle)) {
    checkAborted(signal);
    collector.requests++;
    bundle = (await client.searchNext(next, 'Patient', { signal })).bundle;
    collector.addPage(resourcesOf(bundle), keep);
  }
  collector.current.clear();
  collector.typesDone = plan.types.length;
  collector.report();
  return collector;
}

function nextLink(bundle: Bundle): string | undefined {
  return bundle.link?.find((l) => l.relation === 'next')?.url;
}
