import type { Attachment, DiagnosticReport, DocumentReference, Observation, Practitioner, PractitionerRole, Reference, Resource, ServiceRequest } from 'fhir/r4';
import { formatClinicianName, isFhirError, referenceId, type FhirClient, type RequestOptions, type SearchPage } from '@portico/core';
import { reportCategoryToken, reportPageSearch, type ReportPageQuery } from '../scopes.js';

export { REPORT_CATEGORIES, reportCategoryToken, type ReportCategory } from '../scopes.js';

/** One result and, for a panel, the results it groups (`hasMember`). */
export interface ResultNode {
  observation: Observation;
  members: ResultNode[];
}

/** A report with its results resolved. */
export interface ReportView {
  report: DiagnosticReport;
  results: ResultNode[];
  /** Who ordered the tests: the requester of the ServiceRequest(s) the report is based on. */
  orderedBy: string[];
  /** The printed report: `presentedForm`, or the documents that point at the report (`DocumentReference.context.related`). */
  printed: Attachment[];
}

export interface ReportPage {
  reports: ReportView[];
  /** The server's link to the next page of reports. */
  next?: string;
  total?: number;
  /** How many requests this page took (1 when the server includes every result). */
  requests: number;
}

/** When a report or result was taken: `effectiveDateTime`, the start of `effectivePeriod`, else `issued`. */
export function effectiveTime(resource: { effectiveDateTime?: string; effectivePeriod?: { start?: string }; issued?: string }): string | undefined {
  return resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.issued;
}

export interface LoadReportsOptions extends RequestOptions, Omit<ReportPageQuery, 'extras'> {}

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

/**
 * One page of reports, newest first, with their results, orders and printed forms:
 * `DiagnosticReport?patient=…&category=LAB&_include=DiagnosticReport:result&_include=DiagnosticReport:based-on
 * &_include:iterate=Observation:has-member&_include:iterate=ServiceRequest:requester&_revinclude=DocumentReference:related&_sort=-date&_count=…`.
 * Results and panel members (`hasMember`) the server did not include are read in batches.
 * Pass `next` (from the previous page) to read the following page.
 */
export async function loadReportPage(client: FhirClient, options: LoadReportsOptions & { next?: string }): Promise<ReportPage> {
  const { signal } = options;
  const search = (extras: boolean) => {
    const { resourceType, params } = reportPageSearch({ ...options, extras });
    return client.search(resourceType, params, { signal, takesLargerEarlyPage: true });
  };
  let requests = 1;
  let page: SearchPage<DiagnosticReport>;
  if (options.next) page = await client.searchNext<DiagnosticReport>(options.next, 'DiagnosticReport', { signal });
  else {
    try {
      page = await search(true);
    } catch (error) {
      // A server that refuses the orders or documents (400) still lists the reports and their results.
      if (!isFhirError(error) || error.kind !== 'invalid') throw error;
      page = await search(false);
      requests++;
    }
  }
  const pool = new Map<string, Observation>();
  const others = new Map<string, Resource>();
  const documents: DocumentReference[] = [];
  for (const resource of page.included as Resource[]) {
    if (resource.resourceType === 'Observation' && resource.id) pool.set(resource.id, resource as Observation);
    else if (resource.resourceType === 'DocumentReference') documents.push(resource as DocumentReference);
    else if (resource.id) others.set(`${resource.resourceType}/${resource.id}`, resource);
  }
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
    return { report, results, orderedBy: orderersOf(report, others), printed: printedForms(report, documents) };
  });
  return { reports: views, next: page.next, total: page.total, requests };
}

/** Who ordered the report's tests: each ServiceRequest's requester, by display or by the included Practitioner's name. */
function orderersOf(report: DiagnosticReport, included: Map<string, Resource>): string[] {
  const names = new Set<string>();
  for (const basedOn of report.basedOn ?? []) {
    const id = referenceId(basedOn, 'ServiceRequest');
    const order = id ? (included.get(`ServiceRequest/${id}`) as ServiceRequest | undefined) : undefined;
    const requester = order?.requester;
    let name = requester?.display?.trim();
    if (!name && requester) {
      const type = ['Practitioner', 'PractitionerRole'].find((t) => referenceId(requester, t));
      const who = type ? (included.get(`${type}/${referenceId(requester, type)}`) as Practitioner | PractitionerRole | undefined) : undefined;
      if (who?.resourceType === 'Practitioner') name = formatClinicianName(who);
      else if (who?.resourceType === 'PractitionerRole') name = who.practitioner?.display?.trim();
    }
    // A report that names its order only by display still says who ordered it.
    name ||= order ? undefined : basedOn.display?.trim();
    if (name) names.add(name);
  }
  return [...names];
}

/** The printed report: its own `presentedForm`, else the current documents that point at it (PDF first). */
function printedForms(report: DiagnosticReport, documents: readonly DocumentReference[]): Attachment[] {
  const pdfFirst = (list: Attachment[]) => [...list.filter((a) => a.contentType === 'application/pdf'), ...list.filter((a) => a.contentType !== 'application/pdf')];
  const own = (report.presentedForm ?? []).filter((a) => a.data || a.url);
  if (own.length) return pdfFirst(own);
  const linked = documents
    .filter((d) => d.status === 'current' && d.context?.related?.some((r) => referenceId(r, 'DiagnosticReport') === report.id))
    .flatMap((d) => (d.content ?? []).map((c) => ({ ...c.attachment, title: c.attachment.title ?? d.description })))
    .filter((a) => a.data || a.url);
  return pdfFirst(linked);
}

/** The Observation category of the results that belong with a report category (only laboratory has loose results). */
export function resultCategoryToken(category: string | undefined): string | undefined {
  const token = reportCategoryToken(category);
  return token === 'LAB' ? 'laboratory' : undefined;
}

export interface LoadLooseOptions extends RequestOptions {
  patientId: string;
  /** The Observation category (see `resultCategoryToken`). */
  category: string;
  /** Results on or after this date. */
  from?: string;
  /** Results after this date (the whole day excluded). */
  after?: string;
  /** Results on or before these dates (where the previous window began; the host's end date). */
  through?: readonly (string | undefined)[];
  /** At most this many results (default 500). */
  max?: number;
}

/**
 * The results in a window of dates, newest first: `Observation?patient=…&category=laboratory&date=gt…&date=le…&_sort=-date`.
 * FHIR cannot ask for "results no report points at", so the element reads the window its loaded
 * reports cover and keeps those that are in none of them (see `looseResults`).
 */
export async function loadResultWindow(client: FhirClient, options: LoadLooseOptions): Promise<{ observations: Observation[]; truncated: boolean }> {
  const date = [options.from && `ge${options.from}`, options.after && `gt${options.after}`, ...(options.through ?? []).map((d) => d && `le${d}`)].filter((d): d is string => !!d);
  const { resources, truncated } = await client.searchAll(
    'Observation',
    { patient: `Patient/${options.patientId}`, category: options.category, date, _sort: '-date' },
    { signal: options.signal, pageSize: 200, max: options.max ?? 500 },
  );
  return { observations: resources, truncated };
}

/**
 * The results that belong to no loaded report, as trees: a panel Observation among them keeps its
 * members under it; a member of a loaded report's panel is not loose.
 */
export function looseResults(observations: readonly Observation[], reports: readonly ReportView[]): ResultNode[] {
  const inReports = new Set<string>();
  const walk = (nodes: readonly ResultNode[]) => {
    for (const node of nodes) {
      if (node.observation.id) inReports.add(node.observation.id);
      walk(node.members);
    }
  };
  for (const view of reports) {
    walk(view.results);
    for (const ref of view.report.result ?? []) {
      const id = referenceId(ref, 'Observation');
      if (id) inReports.add(id);
    }
  }
  const pool = new Map<string, Observation>();
  for (const o of observations) if (o.id && !inReports.has(o.id)) pool.set(o.id, o);
  const members = new Set<string>();
  for (const o of pool.values()) for (const ref of o.hasMember ?? []) {
    const id = referenceId(ref, 'Observation');
    if (id) members.add(id);
  }
  return [...pool.values()].filter((o) => !members.has(o.id!)).map((o) => tree(o, pool, 0, new Set([o.id!])));
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
