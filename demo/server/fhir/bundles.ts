/**
 * Batches and transactions: every entry goes through the rules of the same request sent on its own.
 * A batch runs each entry as that request. A transaction checks every write entry first, lets Medplum
 * run the writes together (it resolves `urn:uuid` references between entries), checks what they
 * produced, then answers its reads as direct reads; all under one lock, and rolled back as a whole
 * when any entry fails or is refused.
 */
import { getStatus } from '@medplum/core';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { confirmTransaction } from '../features/registry.js';
import { classify, forbidden, HttpProblem, problem, type Classified, type RequestContext, type TransactionView } from './interactions.js';
import type { Answer } from './reads.js';
import { checkWrite, checkWritten, withoutId } from './writes.js';

/** One request as the server handles it, direct or from a Bundle entry. */
export interface FhirCall {
  method: string;
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  ifMatch?: string;
  ifNoneExist?: string;
}

export type Execute = (context: RequestContext, call: FhirCall, classified: Classified) => Promise<Answer>;

const WRITES = new Set(['create', 'update', 'patch', 'delete']);

interface ParsedEntry {
  entry: BundleEntry;
  call: FhirCall;
  classified: Classified;
  where: string;
}

/** Reads an entry's request like a direct one; what a Bundle may not hold (nested Bundles, operations) is 403. */
function parseEntry(context: RequestContext, entry: BundleEntry, index: number): ParsedEntry {
  const method = entry.request?.method ?? '';
  let url = entry.request?.url ?? '';
  // Named by position, method and type only: an error never repeats ids or search values.
  const where = `entry ${index + 1} (${method} ${/^[A-Z][A-Za-z]+/.exec(url.replace(/^.*\/fhir\//, ''))?.[0] ?? 'base'})`;
  try {
    if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) throw problem(400, 'invalid', 'An entry needs request.method GET, POST, PUT, PATCH or DELETE.');
    if (url.startsWith(`${context.baseUrl}/`)) url = url.slice(context.baseUrl.length + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) throw problem(400, 'invalid', 'An entry URL is relative to this server’s base.');
    const queryAt = url.indexOf('?');
    const segments = (queryAt >= 0 ? url.slice(0, queryAt) : url).split('/').filter(Boolean);
    const query = new URLSearchParams(queryAt >= 0 ? url.slice(queryAt + 1) : '');
    const classified = classify(method, segments);
    if (classified.interaction === 'batch') throw forbidden('A Bundle inside a Bundle is not offered.');
    if (classified.interaction === 'search' && method !== 'GET') throw forbidden('Inside a Bundle, search with GET.');
    const call: FhirCall = { method, segments, query, body: entry.resource, ifMatch: entry.request?.ifMatch, ifNoneExist: entry.request?.ifNoneExist };
    return { entry, call, classified, where };
  } catch (error) {
    if (error instanceof HttpProblem) throw withPlace(error, where);
    throw error;
  }
}

function withPlace(error: HttpProblem, where: string): HttpProblem {
  const text = `${error.message} (${where})`;
  return new HttpProblem(error.status, { ...error.outcome, issue: (error.outcome.issue ?? []).map((issue, i) => (i === 0 ? { ...issue, diagnostics: text, details: { text } } : issue)) });
}

function errorEntry(status: number, outcome: OperationOutcome): BundleEntry {
  return { response: { status: String(status), outcome } };
}

function answerEntry(context: RequestContext, [status, resource, headers]: Answer): BundleEntry {
  if (status >= 400 || resource?.resourceType === 'OperationOutcome') return { response: { status: String(status), outcome: resource as OperationOutcome } };
  return {
    ...(resource?.id && resource.resourceType !== 'Bundle' ? { fullUrl: `${context.baseUrl}/${resource.resourceType}/${resource.id}` } : {}),
    resource,
    response: {
      status: String(status),
      ...(headers.ETag ? { etag: headers.ETag } : {}),
      ...(headers['Last-Modified'] ? { lastModified: new Date(headers['Last-Modified']).toISOString() } : {}),
      ...(headers.Location ? { location: headers.Location } : {}),
    },
  };
}

/** POST to the base: a batch (entry by entry) or a transaction (all or nothing). */
export async function processBundle(context: RequestContext, body: unknown, execute: Execute): Promise<Answer> {
  const bundle = body as Bundle | undefined;
  if (bundle?.resourceType !== 'Bundle' || (bundle.type !== 'transaction' && bundle.type !== 'batch')) {
    throw problem(400, 'invalid', 'POST to the base needs a Bundle of type transaction or batch.');
  }
  const entries = bundle.entry ?? [];
  if (!entries.length) throw problem(400, 'invalid', 'The Bundle has no entries.');
  if (bundle.type === 'batch') {
    const answered: BundleEntry[] = [];
    for (const [index, entry] of entries.entries()) {
      try {
        const parsed = parseEntry(context, entry, index);
        answered.push(answerEntry(context, await execute(context, parsed.call, parsed.classified)));
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error;
        answered.push(errorEntry(error.status, error.outcome));
      }
    }
    return [200, { resourceType: 'Bundle', type: 'batch-response', entry: answered }, {}];
  }
  return context.repo.atomically(() => transaction(context, entries, execute));
}

async function transaction(context: RequestContext, entries: readonly BundleEntry[], execute: Execute): Promise<Answer> {
  const parsed = entries.map((entry, index) => parseEntry(context, entry, index));
  const writes = parsed.filter((p) => WRITES.has(p.classified.interaction));
  const reads = parsed.filter((p) => !WRITES.has(p.classified.interaction));
  const view: TransactionView = {
    writes: writes.map((w) => ({ classified: w.classified, resource: w.entry.resource, fullUrl: w.entry.fullUrl })),
    pending: new Set(writes.filter((w) => w.classified.interaction === 'create' && w.entry.fullUrl?.startsWith('urn:uuid:')).map((w) => w.entry.fullUrl!)),
  };
  const sent: BundleEntry[] = [];
  for (const write of writes) {
    const { call, classified, entry } = write;
    const headers = await checkWrite(context, { classified, body: call.body, ifMatch: call.ifMatch, ifNoneExist: call.ifNoneExist }, view).catch((error: unknown) => {
      throw error instanceof HttpProblem ? withPlace(error, write.where) : error;
    });
    const resource = classified.interaction === 'create' && entry.resource ? withoutId(entry.resource) : entry.resource;
    sent.push({
      ...(entry.fullUrl ? { fullUrl: entry.fullUrl } : {}),
      ...(resource ? { resource } : {}),
      request: {
        method: entry.request!.method,
        url: call.segments.join('/'),
        ...(headers['if-match'] ? { ifMatch: headers['if-match'] } : {}),
        ...(headers['if-none-exist'] ? { ifNoneExist: headers['if-none-exist'] } : {}),
      },
    });
  }
  const responses = new Map<ParsedEntry, BundleEntry>();
  if (sent.length) {
    const [outcome, result] = await context.route('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: sent } satisfies Bundle);
    const answered = (result as Bundle | undefined)?.entry ?? [];
    const failed = answered.findIndex((e) => Number.parseInt(e.response?.status ?? '200', 10) >= 400);
    if (!result || failed >= 0 || getStatus(outcome) >= 400) {
      const failure = (answered[failed]?.response?.outcome as OperationOutcome | undefined) ?? outcome;
      const status = Number.parseInt(answered[failed]?.response?.status ?? String(getStatus(outcome)), 10) || 400;
      throw failed >= 0 ? withPlace(new HttpProblem(status, failure), writes[failed]!.where) : new HttpProblem(status, failure);
    }
    writes.forEach((write, index) => {
      try {
        checkWritten(context, write.classified, answered[index]?.resource);
      } catch (error) {
        throw error instanceof HttpProblem ? withPlace(error, write.where) : error;
      }
      responses.set(write, absolute(answered[index]!, context.baseUrl));
    });
    confirmTransaction(view, answered);
  }
  for (const read of reads) {
    const answer = await execute(context, read.call, read.classified).catch((error: unknown) => {
      throw error instanceof HttpProblem ? withPlace(error, read.where) : error;
    });
    responses.set(read, answerEntry(context, answer));
  }
  return [200, { resourceType: 'Bundle', type: 'transaction-response', entry: parsed.map((p) => responses.get(p)!) }, {}];
}

/** Absolute `response.location`s and an ETag for each written entry. */
function absolute(entry: BundleEntry, baseUrl: string): BundleEntry {
  const response = entry.response ? { ...entry.response } : undefined;
  if (response?.location && !/^https?:/.test(response.location)) response.location = `${baseUrl}/${response.location}`;
  const resource = entry.resource as Resource | undefined;
  if (response && resource?.meta?.versionId && !response.etag) response.etag = `W/"${resource.meta.versionId}"`;
  return { ...entry, ...(response ? { response } : {}), ...(resource?.id ? { fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}` } : {}) };
}
