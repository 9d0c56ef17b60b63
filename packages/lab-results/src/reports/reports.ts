import type { DiagnosticReport, Observation, Reference, Resource } from 'fhir/r4';
import { referenceId, type FhirClient, type RequestOptions } from '@portico/core';

/** One result and, for a panel, the results it groups (`hasMember`). */
export interface ResultNode {
  observation: Observation;
  members: ResultNode[];
}

/** A report with its results resolved. */
export interface ReportView {
  report: DiagnosticReport;
  results: ResultNode[];
}

export interface ReportPage {
  reports: ReportView[];
  /** The server's link to the next page of reports. */
  next?: string;
  total?: number;
  /** How many requests this page took (1 when the server includes every result). */
  requests: number;
}

/** The report categories hosts name, mapped to the codes servers use on DiagnosticReport (v2-0074). */
export const REPORT_CATEGORIES = { laboratory: 'LAB', radiology: 'RAD', pathology: 'PAT', imaging: 'IMG' } as const;
export type ReportCategory = keyof typeof REPORT_CATEGORIES;

export interface LoadReportsOptions extends RequestOptions {
  patientId: string;
  /** `laboratory` (default) or another category name, or a raw token such as `LAB`. */
  category?: string;
  /** Only reports on or after this date (FHIR date). */
  since?: string;
  pageSize?: number;
}

/** Results resolved per request at most (`Observation?_id=a,b,…`), so a URL stays well below limits. */
const BATCH = 50;
/** Panels inside panels are followed this deep. */
const MAX_DEPTH = 3;


/**
 * Reads the Observations referenced from `refs` that are not in `pool` yet, in batches of `_id`
 * searches (never one request per result), and adds them to the pool. Returns the requests made.
 */
async function resolveMissing(client: FhirClient, pool: Map<string, Observation>, refs: Iterable<Reference | undefined>, options: RequestOptions): Promise<number> {
  const missing = [...new Set([...refs].map((r) => referenceId(r, 'Observation')).filter((id): id is string => !!id && !pool.has(id)))];
  let requests = 0;
  for (let i = 0; i < missing.length; i += BATCH) {
    const ids = missing.slice(i, i + BATCH);
    const page = await client.search('Observation', { _id: ids.join(','), _count: String(ids.length) }, options);
    requests++;
    for (const observation of page.resources) if (observation.id) pool.set(observation.id, observation);
  }
  return requests;
}

function tree(observation: Observation, pool: Map<string, Observation>, depth: number, seen: Set<string>): ResultNode {
  const members: ResultNode[] = [];
  if (depth < MAX_DEPTH) {
    for (const ref of observation.hasMember ?? []) {
      const id = referenceId(ref, 'Observation');
      const member = id ? pool.get(id) : undefined;
      // A member that loops back to a panel above it is shown once.
      if (member?.id && !seen.has(member.id)) members.push(tree(member, pool, depth + 1, new Set([...seen, member.id])));
    }
  }
  return { observation, members };
}

/** The category token for DiagnosticReport searches. */
export function reportCategoryToken(category: string | undefined): string {
  const name = (category ?? 'laboratory').trim();
  return REPORT_CATEGORIES[name as ReportCategory] ?? name;
}

/**
 * One page of reports, newest first, with their results:
 * `DiagnosticReport?patient=…&category=LAB&_include=DiagnosticReport:result&_include:iterate=Observation:has-member&_sort=-date&_count=…`.
 * Results and panel members (`hasMember`) the server did not include are read in batches.
 * Pass `next` (from the previous page) to read the following page.
 */
export async function loadReportPage(client: FhirClient, options: LoadReportsOptions & { next?: string }): Promise<ReportPage> {
  const { signal } = options;
  const page = options.next
    ? await client.searchNext<DiagnosticReport>(options.next, 'DiagnosticReport', { signal })
    : await client.search(
        'DiagnosticReport',
        {
          patient: `Patient/${options.patientId}`,
          category: reportCategoryToken(options.category),
          _include: 'DiagnosticReport:result',
          // Panel members in the same request where the server follows it; else read in batches below.
          '_include:iterate': 'Observation:has-member',
          _sort: '-date',
          _count: String(options.pageSize ?? 20),
          ...(options.since ? { date: `ge${options.since}` } : {}),
        },
        { signal },
      );
  let requests = 1;
  const pool = new Map<string, Observation>();
  for (const resource of page.included as Resource[]) if (resource.resourceType === 'Observation' && resource.id) pool.set(resource.id, resource as Observation);
  const reports = page.resources.filter((r): r is DiagnosticReport => r.resourceType === 'DiagnosticReport');

  requests += await resolveMissing(client, pool, reports.flatMap((r) => r.result ?? []), { signal });
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const members = [...pool.values()].flatMap((o) => o.hasMember ?? []);
    const made = await resolveMissing(client, pool, members, { signal });
    if (!made) break;
    requests += made;
  }

  const views = reports.map((report): ReportView => {
    const results: ResultNode[] = [];
    for (const ref of report.result ?? []) {
      const id = referenceId(ref, 'Observation');
      const observation = id ? pool.get(id) : undefined;
      if (observation?.id) results.push(tree(observation, pool, 0, new Set([observation.id])));
    }
    return { report, results };
  });
  return { reports: views, next: page.next, total: page.total, requests };
}

/** The test's code to trend by: the LOINC coding when there is one, else the first coded one. */
export function trendCode(observation: Observation): string | undefined {
  const codings = observation.code?.coding ?? [];
  const coding = codings.find((c) => c.system === 'http://loinc.org' && c.code) ?? codings.find((c) => c.system && c.code);
  return coding ? `${coding.system}|${coding.code}` : undefined;
}

export interface LoadTrendOptions extends RequestOptions {
  patientId: string;
  /** `system|code` (see `trendCode`). */
  code: string;
  /** Only results on or after this date. */
  since?: string;
  /** At most this many results (default 2000). */
  max?: number;
}

/** Every result of one test, oldest first: `Observation?patient=…&code=…&_sort=date` (all pages, bounded). */
export async function loadTrend(client: FhirClient, options: LoadTrendOptions): Promise<{ observations: Observation[]; truncated: boolean }> {
  const params: Record<string, string> = { patient: `Patient/${options.patientId}`, code: options.code, _sort: 'date' };
  if (options.since) params.date = `ge${options.since}`;
  const { resources, truncated } = await client.searchAll('Observation', params, { signal: options.signal, pageSize: 500, max: options.max ?? 2000 });
  return { observations: resources, truncated };
}
