import type { Attachment, Binary, Bundle, BundleEntry, CapabilityStatement, OperationOutcome, Parameters, Reference, Resource } from 'fhir/r4';
import { keepCapabilities, keptCapabilities, needsRevalidation, REVALIDATION_DELAY_MS, type KeptCapabilities } from './capability-cache.js';
import { errorKindForStatus, FhirError } from './errors.js';
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, retryDelay, sleep, type RetryPolicy } from './retry.js';
import { fhirPath, toSearchParams, type SearchParams } from './search-params.js';

import type { CreateOptions, FhirClientOptions, Interaction, RequestOptions, ResourceOf, ResourceType, ScopePermission, SearchAllOptions, SearchOptions, SearchPage, UpdateOptions, WriteResult } from './client-types.js';
import { EarlySearches, searchUrl, type EarlySearch } from './early-searches.js';

export type * from './client-types.js';
export { EARLY_SEARCH_TTL_MS, searchUrl, type EarlySearch } from './early-searches.js';

/** The SMART permission each interaction needs. */
const INTERACTION_PERMISSION: Readonly<Record<Interaction, ScopePermission>> = {
  read: 'r', vread: 'r', 'history-instance': 'r', 'history-type': 's', 'search-type': 's', create: 'c', update: 'u', patch: 'u', delete: 'd',
};

/** A SMART resource scope: context, type, permissions (v2 letters or v1 read/write), optional query. */
const RESOURCE_SCOPE = /^(patient|user)\/(\*|[A-Z][A-Za-z]+)\.(\*|read|write|c?r?u?d?s?)(\?.*)?$/;

interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

const FHIR_JSON = 'application/fhir+json';

/** A language tag as an `Accept-Language` value, or undefined when it is not a plain BCP 47 tag (never a header a browser would refuse). */
function acceptLanguageHeader(lang: string | undefined): string | undefined {
  const tag = lang?.trim();
  return tag && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : undefined;
}
const capabilityCache = new Map<string, Promise<CapabilityStatement>>();

/**
 * One small typed FHIR R4 client over fetch, shared by every Portico element.
 * It adds the bearer token, turns failures into FhirError, retries what is safe to retry, follows
 * `Bundle.link[next]` on this server only, and sends the token only to URLs under the FHIR base URL
 * (not to another origin, nor to another app on the same origin).
 */
export class FhirClient {
  readonly baseUrl: string;
  /** The scopes the authorization server granted, when the session knows them (undefined: unknown, assume the server decides). */
  readonly grantedScope: string | undefined;
  private readonly policy: RetryPolicy;
  private readonly origin: string;
  /** The base URL's path without a trailing slash ('' for a server at the origin's root). */
  private readonly basePath: string;

  /** Searches started before their element's code arrived: each is taken once, by the first identical search. */
  private readonly early: EarlySearches<RawResponse>;

  constructor(private readonly options: FhirClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.grantedScope = options.grantedScope;
    const base = new URL(this.baseUrl);
    this.origin = base.origin;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.early = new EarlySearches(this.baseUrl, (url) => this.request('GET', url));
  }

  /**
   * The access token, for a request to another service of the same hospital server (same origin as
   * the FHIR base URL, e.g. its payments backend); undefined for any other origin, so a token never
   * leaves the hospital's server. FHIR requests themselves need nothing of this: the client adds it.
   */
  async tokenForSameOrigin(url: string): Promise<string | undefined> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.origin !== this.origin || parsed.username || parsed.password) return undefined;
    return (await this.options.getAccessToken?.()) ?? undefined;
  }

  /**
   * Is `url` on this FHIR server: the base URL itself (with or without a query) or a path under it?
   * Only such URLs get the bearer token, and only such `next` links are followed.
   */
  isOnServer(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.origin !== this.origin || parsed.username || parsed.password) return false;
    const path = parsed.pathname;
    return path === this.basePath || path === `${this.basePath}/` || path.startsWith(`${this.basePath}/`);
  }

  /** Reads one resource. */
  async read<K extends ResourceType>(resourceType: K, id: string, options: RequestOptions = {}): Promise<ResourceOf<K>> {
    return (await this.request('GET', fhirPath(this.baseUrl, resourceType, id), options)).body as ResourceOf<K>;
  }

  /** Reads what a reference points at (relative `Type/id` or an absolute URL on this server). */
  async resolve<T extends Resource = Resource>(reference: Reference | string, options: RequestOptions = {}): Promise<T> {
    const ref = typeof reference === 'string' ? reference : reference.reference;
    if (!ref) throw new FhirError('invalid', 'The reference is empty.');
    return (await this.request('GET', this.absolute(ref), options)).body as T;
  }

  /** The first page of a search. */
  async search<K extends ResourceType>(resourceType: K, params?: SearchParams, options: SearchOptions = {}): Promise<SearchPage<ResourceOf<K>>> {
    const url = searchUrl(this.baseUrl, { resourceType, params: params ?? {}, pageSize: options.pageSize });
    // A search started early answers as this one would have (its retries done, its failure this one's).
    const early = this.early.take(url, !!options.takesLargerEarlyPage);
    return this.page<ResourceOf<K>>(url, resourceType, options, early);
  }

  /**
   * Starts searches an element will send once its code has arrived, so that they travel while it does:
   * the element's identical search (same URL) within EARLY_SEARCH_TTL_MS takes the answer instead of
   * asking again. A search already started is not started twice; one nobody takes is dropped unread.
   */
  readEarly(searches: readonly EarlySearch[]): void {
    this.early.start(searches);
  }

  /**
   * Fetches the page a `next` link points at. A link that is not on this FHIR server (another origin,
   * or another path on it) is never fetched: it fails with a FhirError of kind 'server'.
   */
  async searchNext<T extends Resource>(next: string, resourceType: string, options: RequestOptions = {}): Promise<SearchPage<T>> {
    const url = this.absolute(next);
    if (!this.isOnServer(url)) {
      throw new FhirError('server', `The server's link to the next page (${withoutQuery(url)}) is not on the FHIR server ${this.baseUrl}; it was not followed.`, { request: `GET ${withoutQuery(url)}` });
    }
    return this.page<T>(url, resourceType, options, this.early.take(url, false));
  }

  /** Every page of a search, one at a time, following `Bundle.link[next]`. */
  async *searchPages<K extends ResourceType>(resourceType: K, params?: SearchParams, options: SearchOptions = {}): AsyncGenerator<SearchPage<ResourceOf<K>>> {
    let page = await this.search(resourceType, params, options);
    yield page;
    while (page.next) {
      page = await this.searchNext<ResourceOf<K>>(page.next, resourceType, options);
      yield page;
    }
  }

  /** All matches of a search (bounded by `max`), with everything `_include` brought. */
  async searchAll<K extends ResourceType>(resourceType: K, params?: SearchParams, options: SearchAllOptions = {}): Promise<{ resources: ResourceOf<K>[]; included: Resource[]; truncated: boolean }> {
    const max = options.max ?? 1000;
    const resources: ResourceOf<K>[] = [];
    const included: Resource[] = [];
    for await (const page of this.searchPages(resourceType, params, options)) {
      resources.push(...page.resources);
      included.push(...page.included);
      if (resources.length >= max) return { resources: resources.slice(0, max), included, truncated: resources.length > max || !!page.next };
    }
    return { resources, included, truncated: false };
  }

  /** Creates a resource; with `ifNoneExist`, a retried or repeated create returns the first one. */
  async create<T extends Resource>(resource: T, options: CreateOptions = {}): Promise<WriteResult<T>> {
    const headers: Record<string, string> = {};
    if (options.ifNoneExist) headers['If-None-Exist'] = toSearchParams(options.ifNoneExist).toString();
    const response = await this.request('POST', fhirPath(this.baseUrl, resource.resourceType), { ...options, body: resource, headers, idempotent: !!options.ifNoneExist });
    return this.writeResult<T>(response);
  }

  /** Replaces a resource, guarded by If-Match on its version (a 412 becomes a FhirError of kind 'conflict'). */
  async update<T extends Resource>(resource: T, options: UpdateOptions = {}): Promise<WriteResult<T>> {
    if (!resource.id) throw new FhirError('invalid', 'A resource needs an id to be updated.');
    const headers: Record<string, string> = {};
    const version = options.ifMatch === false ? undefined : (options.ifMatch ?? resource.meta?.versionId);
    if (version) headers['If-Match'] = version.startsWith('W/') || version.startsWith('"') ? version : `W/"${version}"`;
    const response = await this.request('PUT', fhirPath(this.baseUrl, resource.resourceType, resource.id), { ...options, body: resource, headers, idempotent: true });
    return this.writeResult<T>(response);
  }

  /** Deletes a resource. */
  async delete(resourceType: ResourceType, id: string, options: RequestOptions = {}): Promise<void> {
    await this.request('DELETE', fhirPath(this.baseUrl, resourceType, id), { ...options, idempotent: true });
  }

  /** Sends a transaction (all or nothing) and returns the transaction-response Bundle. */
  async transaction(entries: BundleEntry[], options: RequestOptions & { idempotent?: boolean } = {}): Promise<Bundle> {
    const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: entries };
    const idempotent = options.idempotent ?? entries.every((e) => e.request?.method !== 'POST' || !!e.request.ifNoneExist);
    return (await this.request('POST', this.baseUrl, { ...options, body: bundle, idempotent })).body as Bundle;
  }

  /** Sends a batch (each entry on its own) and returns the batch-response Bundle. */
  async batch(entries: BundleEntry[], options: RequestOptions = {}): Promise<Bundle> {
    const bundle: Bundle = { resourceType: 'Bundle', type: 'batch', entry: entries };
    const idempotent = entries.every((e) => e.request?.method === 'GET' || e.request?.method === 'PUT' || !!e.request?.ifNoneExist);
    return (await this.request('POST', this.baseUrl, { ...options, body: bundle, idempotent })).body as Bundle;
  }

  /** Invokes `$name` on the system, a type or an instance. GET when there is no body and `method` says so. */
  async operation<T = Resource>(
    name: string,
    target: { resourceType?: ResourceType; id?: string } = {},
    input?: Parameters | Resource,
    options: RequestOptions & { method?: 'GET' | 'POST'; params?: SearchParams; idempotent?: boolean } = {},
  ): Promise<T> {
    const query = toSearchParams(options.params);
    const url = `${fhirPath(this.baseUrl, target.resourceType, target.id, `$${name.replace(/^\$/, '')}`)}${query.size ? `?${query}` : ''}`;
    const method = options.method ?? (input ? 'POST' : 'GET');
    return (await this.request(method, url, { ...options, body: input, idempotent: options.idempotent ?? method === 'GET' })).body as T;
  }

  /**
   * Downloads the bytes of an attachment or Binary: inline `data`, a `Binary/id` reference or a web
   * address. The bearer token goes only to URLs under the FHIR base URL; anything else is fetched
   * without it (and without cookies). The Blob's `type` is what the server said it sent (its
   * Content-Type), or the declared type for inline data; a Binary the server answers as FHIR JSON is
   * unwrapped. This returns bytes only: to hand a file to the patient use `downloadAttachment()`,
   * which decides whether the type is safe to save.
   */
  async download(source: Attachment | string, options: RequestOptions = {}): Promise<Blob> {
    const attachment = typeof source === 'string' ? { url: source } : source;
    if (attachment.data) return base64Blob(attachment.data, attachment.contentType ?? 'application/octet-stream');
    if (!attachment.url) throw new FhirError('not-found', 'The attachment has no content.');
    const url = this.absolute(attachment.url);
    if (!/^https?:/i.test(url)) throw new FhirError('invalid', 'The attachment address is not a web address.');
    const response = await this.request('GET', url, { ...options, accept: attachment.contentType ?? '*/*', raw: true });
    const blob = response.body as Blob;
    if (/^application\/(fhir\+)?json\b/i.test(blob.type)) {
      // Some servers answer a Binary read with the resource itself: its data and type are the file.
      const binary = (await blob.text().then(JSON.parse, () => undefined).catch(() => undefined)) as Binary | undefined;
      if (binary?.resourceType === 'Binary') return base64Blob(binary.data ?? '', binary.contentType ?? 'application/octet-stream');
    }
    return blob;
  }

  /**
   * The server's CapabilityStatement: read once per base URL and page, and kept across page loads (see
   * capability-cache.ts), so that a kept copy answers at once while the server is asked again in the
   * background; the fresh copy answers from then on. The shared read runs on its own: a caller's
   * AbortSignal only stops that caller's wait, never the read the others wait for.
   */
  capabilities(options: RequestOptions = {}): Promise<CapabilityStatement> {
    let cached = capabilityCache.get(this.baseUrl);
    if (!cached) {
      const baseUrl = this.baseUrl;
      const kept = keptCapabilities(baseUrl);
      // With a kept copy the server is asked a little later, so that the page's first requests have the connections.
      const fresh = !kept ? this.readCapabilities(undefined) : needsRevalidation(kept) ? sleep(REVALIDATION_DELAY_MS).then(() => this.readCapabilities(kept)) : undefined;
      const answer = kept ? Promise.resolve(kept.statement) : fresh!;
      capabilityCache.set(baseUrl, answer);
      fresh?.then(
        (statement) => {
          if (capabilityCache.get(baseUrl) === answer) capabilityCache.set(baseUrl, Promise.resolve(statement));
        },
        () => {
          // Without a kept copy the next caller tries again; with one, it stays the answer.
          if (!kept && capabilityCache.get(baseUrl) === answer) capabilityCache.delete(baseUrl);
        },
      );
      cached = answer;
    }
    return untilAborted(cached, options.signal, `GET ${this.baseUrl}/metadata`);
  }

  /** `GET metadata`, conditional on the kept copy's ETag; the answer is kept for the next page load. */
  private async readCapabilities(kept: KeptCapabilities | undefined): Promise<CapabilityStatement> {
    const response = await this.request('GET', `${this.baseUrl}/metadata`, { anonymous: true, headers: kept?.etag ? { 'If-None-Match': kept.etag } : undefined, notModified: !!kept?.etag });
    if (response.status === 304 && kept) {
      keepCapabilities(this.baseUrl, kept.statement, kept.etag);
      return kept.statement;
    }
    const statement = response.body as CapabilityStatement;
    if (statement?.resourceType !== 'CapabilityStatement') throw new FhirError('server', 'The server did not answer GET metadata with a CapabilityStatement.');
    keepCapabilities(this.baseUrl, statement, response.headers.get('ETag') ?? undefined);
    return statement;
  }

  /** Does the server say it supports an interaction on a type (or a system interaction)? */
  async supports(interaction: Interaction | 'transaction' | 'batch', resourceType?: ResourceType, options: RequestOptions = {}): Promise<boolean> {
    const rest = (await this.capabilities(options)).rest?.find((r) => r.mode === 'server');
    if (!resourceType) return !!rest?.interaction?.some((i) => i.code === interaction);
    return !!rest?.resource?.find((r) => r.type === resourceType)?.interaction?.some((i) => i.code === interaction);
  }

  /**
   * May this client do `interaction` on `resourceType`: does the CapabilityStatement offer it AND do
   * the granted scopes allow it ({@link FhirClient.scopeAllows})? False when the CapabilityStatement
   * cannot be read. What an element checks before it offers a write.
   */
  async allows(interaction: Interaction, resourceType: ResourceType, options: RequestOptions = {}): Promise<boolean> {
    const offered = await this.supports(interaction, resourceType, options).catch(() => false);
    return offered && this.scopeAllows(resourceType, INTERACTION_PERMISSION[interaction]);
  }

  /**
   * Do the granted scopes allow `permission` on `resourceType`? Reads SMART v2 (`patient/Slot.u`,
   * `patient/Slot.*`, `patient/Appointment.cu`) and v1 (`patient/Slot.write`, `patient/*.read`,
   * `patient/*.*`) scopes, in the patient or user context. A scope narrowed by a query
   * (`patient/Appointment.c?status=proposed`) counts: the server applies the narrowing. True when the
   * scopes are not known (the server then decides).
   */
  scopeAllows(resourceType: string, permission: ScopePermission): boolean {
    if (this.grantedScope === undefined) return true;
    return this.grantedScope.split(/\s+/).some((scope) => {
      const match = RESOURCE_SCOPE.exec(scope);
      if (!match) return false;
      const [, , type, access] = match;
      if (type !== '*' && type !== resourceType) return false;
      const letters = access === '*' ? 'cruds' : access === 'read' ? 'rs' : access === 'write' ? 'cud' : access!;
      return letters.includes(permission);
    });
  }

  /** Does the server offer operation `$name` (on a type, or anywhere when no type is given)? */
  async supportsOperation(name: string, resourceType?: ResourceType, options: RequestOptions = {}): Promise<boolean> {
    const bare = name.replace(/^\$/, '');
    const rest = (await this.capabilities(options)).rest?.find((r) => r.mode === 'server');
    const matches = (ops?: { name: string }[]) => !!ops?.some((o) => o.name.replace(/^\$/, '') === bare);
    if (resourceType) return matches(rest?.resource?.find((r) => r.type === resourceType)?.operation);
    return matches(rest?.operation) || !!rest?.resource?.some((r) => matches(r.operation));
  }

  /** Makes `ref` (relative to the base, or absolute) an absolute URL. */
  absolute(ref: string): string {
    return /^[a-z][a-z0-9+.-]*:/i.test(ref) ? ref : `${this.baseUrl}/${ref.replace(/^\/+/, '')}`;
  }

  private async page<T extends Resource>(url: string, resourceType: string, options: RequestOptions, early?: Promise<RawResponse>): Promise<SearchPage<T>> {
    const response = early ? await untilAborted(early, options.signal, `GET ${withoutQuery(url)}`) : await this.request('GET', url, options);
    const bundle = response.body as Bundle;
    if (bundle?.resourceType !== 'Bundle') throw new FhirError('server', 'The server did not answer the search with a Bundle.');
    const { resources, included } = searchMatches<T>(bundle, resourceType);
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    // A link elsewhere is kept as the server gave it (absolute): searchNext() refuses to follow it.
    return { resources, included, total: bundle.total, bundle, next: next ? this.absolute(next) : undefined };
  }

  private writeResult<T extends Resource>(response: RawResponse): WriteResult<T> {
    const resource = response.body as T;
    return {
      resource,
      status: response.status,
      etag: response.headers.get('ETag') ?? (resource?.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined),
      location: response.headers.get('Location') ?? undefined,
    };
  }

  private async request(
    method: string,
    url: string,
    options: RequestOptions & {
      body?: unknown;
      headers?: Record<string, string>;
      idempotent?: boolean;
      anonymous?: boolean;
      accept?: string;
      raw?: boolean;
      /** A conditional read: `304 Not Modified` is an answer (without a body), not an error. */
      notModified?: boolean;
    } = {},
  ): Promise<RawResponse> {
    const onServer = this.isOnServer(url);
    const label = `${method} ${withoutQuery(url)}`;
    const idempotent = options.idempotent ?? (method === 'GET' || method === 'HEAD');
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(options.headers);
      headers.set('Accept', options.accept ?? FHIR_JSON);
      if (options.body !== undefined) headers.set('Content-Type', `${FHIR_JSON}; charset=utf-8`);
      const language = onServer ? acceptLanguageHeader(this.options.acceptLanguage?.()) : undefined;
      if (language) headers.set('Accept-Language', language);
      if (onServer && !options.anonymous) {
        const token = await this.options.getAccessToken?.();
        if (token) headers.set('Authorization', `Bearer ${token}`);
      }
      let response: Response;
      let payload: Blob | string | undefined;
      try {
        response = await (this.options.fetch ?? fetch)(url, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: options.signal,
          credentials: 'omit',
        });
        if (response.ok) payload = options.raw ? await response.blob() : await response.text();
      } catch (error) {
        if (options.signal?.aborted) throw new FhirError('aborted', 'The request was cancelled.', { request: label, cause: error });
        // The request may have reached the server: only retry what is safe to repeat.
        const wait = idempotent && attempt < this.policy.retries ? retryDelay(null, attempt + 1, this.policy) : undefined;
        if (wait === undefined) throw new FhirError('network', 'The server could not be reached.', { request: label, cause: error });
        await this.wait(wait, options.signal, label);
        continue;
      }
      if (response.status === 401 && onServer && !refreshed && !options.anonymous && this.options.onUnauthorized) {
        refreshed = true;
        if (await this.options.onUnauthorized()) {
          attempt--;
          continue;
        }
      }
      // 429 means the request was not processed; 502–504 may hide a processed write, so only retry those when safe.
      if (RETRYABLE_STATUSES.has(response.status) && (idempotent || response.status === 429) && attempt < this.policy.retries) {
        const wait = retryDelay(response.headers.get('Retry-After'), attempt + 1, this.policy);
        if (wait !== undefined) {
          await response.body?.cancel().catch(() => undefined);
          await this.wait(wait, options.signal, label);
          continue;
        }
      }
      if (response.status === 304 && options.notModified) return { status: 304, headers: response.headers, body: undefined };
      if (!response.ok) throw await this.errorFrom(response, label);
      if (payload instanceof Blob) return { status: response.status, headers: response.headers, body: payload };
      try {
        return { status: response.status, headers: response.headers, body: payload ? JSON.parse(payload) : undefined };
      } catch (error) {
        throw new FhirError('server', 'The server sent a response that is not FHIR JSON.', { status: response.status, request: label, cause: error });
      }
    }
  }

  private async wait(ms: number, signal: AbortSignal | undefined, label: string): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (error) {
      throw new FhirError('aborted', 'The request was cancelled.', { request: label, cause: error });
    }
  }

  private async errorFrom(response: Response, label: string): Promise<FhirError> {
    let outcome: OperationOutcome | undefined;
    try {
      const body = (await response.json()) as Resource;
      if (body?.resourceType === 'OperationOutcome') outcome = body as OperationOutcome;
    } catch {
      // not JSON: keep the status
    }
    const kind = errorKindForStatus(response.status);
    const diagnostics = outcome?.issue?.map((i) => i.diagnostics ?? i.details?.text).filter(Boolean).join('; ');
    return new FhirError(kind, diagnostics || `${response.status} ${response.statusText}`.trim(), { status: response.status, outcome, request: label });
  }
}

/** A URL without its query and fragment (no patient data in messages and logs). */
/** A searchset's matches and what `_include` brought along (an entry without a search mode is a match when of the searched type). */
export function searchMatches<T extends Resource>(bundle: Bundle, resourceType: string): { resources: T[]; included: Resource[] } {
  const resources: T[] = [];
  const included: Resource[] = [];
  for (const entry of bundle.entry ?? []) {
    if (!entry.resource || entry.resource.resourceType === 'OperationOutcome') continue;
    const isMatch = entry.search?.mode ? entry.search.mode === 'match' : entry.resource.resourceType === resourceType;
    if (isMatch) resources.push(entry.resource as T);
    else included.push(entry.resource);
  }
  return { resources, included };
}

function withoutQuery(url: string): string {
  return url.split(/[?#]/)[0]!;
}

function base64Blob(data: string, type: string): Blob {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

/** Waits for `promise`, or rejects at once with an 'aborted' FhirError when `signal` aborts (the promise runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, label: string): Promise<T> {
  if (!signal) return promise;
  const aborted = () => new FhirError('aborted', 'The request was cancelled.', { request: label, cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
