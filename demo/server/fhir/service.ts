import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, getSearchParameter, getStatus, normalizeOperationOutcome, OperationOutcomeError, unauthorized } from '@medplum/core';
import type { FhirRequest, FhirRouter } from '@medplum/fhir-router';
import type { Binary, Bundle, BundleEntry, CapabilityStatement, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { SmartPermission } from '../auth/scopes.js';
import type { TokenGrant } from '../auth/provider.js';
import { Access, compartmentParamsOf, SHARED_TYPES } from './access.js';
import { buildSmartConfiguration, READ_ONLY } from './capability.js';
import type { FaultInjector } from './faults.js';
import { addPagingLinks, pageSize } from './paging.js';
import type { JournalingRepository } from './repository.js';
import { handleSchedulingOperation, isSchedulingOperation } from './scheduling-operations.js';
import { unknownSearchParameters } from './search-validation.js';

/** One FHIR endpoint with its own data: the demo's `/fhir`, or a test sandbox. */
export interface FhirTenant {
  id: string;
  baseUrl: string;
  repo: JournalingRepository;
  faults: FaultInjector;
  capability: CapabilityStatement;
  /** Offers Appointment/$find and Appointment/$book (scheduling-operations.ts). */
  schedulingOperations?: boolean;
}

export interface FhirServiceOptions {
  router: FhirRouter;
  authIssuer: string;
  introspect: (token: string) => Promise<TokenGrant | undefined>;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY = 32 * 1024 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
  ) {
    super(outcome.issue?.[0]?.diagnostics ?? outcome.issue?.[0]?.details?.text ?? `HTTP ${status}`);
  }
}

function outcomeOf(severity: 'error' | 'information', code: string, text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code: code as 'invalid', diagnostics: text, details: { text } }] };
}

function problem(status: number, code: string, text: string): HttpProblem {
  return new HttpProblem(status, outcomeOf('error', code, text));
}

/** Normalizes an ETag given as `W/"3"`, `"3"` or `3` to Medplum's `W/"3"`. */
export function normalizeEtag(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^(?:W\/)?"?([^"]+)"?$/.exec(value.trim());
  return match ? `W/"${match[1]}"` : value;
}

interface Classified {
  interaction: 'search' | 'read' | 'vread' | 'history' | 'create' | 'update' | 'patch' | 'delete' | 'batch' | 'operation';
  resourceType?: string;
  id?: string;
}

function classify(method: string, segments: string[]): Classified {
  const [type, second, third] = segments;
  if (type && !second && (method === 'PUT' || method === 'DELETE' || method === 'PATCH')) {
    // Conditional update/delete/patch by search: not offered (they could reach across records).
    throw problem(400, 'not-supported', `Conditional ${method} (${type}?search) is not supported; address the resource by id.`);
  }
  if (segments.some((s) => s.startsWith('$'))) return { interaction: 'operation', resourceType: type?.startsWith('$') ? undefined : type, id: second?.startsWith('$') ? undefined : second };
  if (!type) return { interaction: method === 'POST' ? 'batch' : 'search' };
  if (!second) return { interaction: method === 'POST' ? 'create' : 'search', resourceType: type };
  if (second === '_search') return { interaction: 'search', resourceType: type };
  if (third === '_history') return { interaction: segments[3] ? 'vread' : 'history', resourceType: type, id: second };
  const byMethod: Record<string, Classified['interaction']> = { GET: 'read', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
  return { interaction: byMethod[method] ?? 'read', resourceType: type, id: second };
}

const PERMISSION: Record<Classified['interaction'], SmartPermission> = {
  search: 's',
  read: 'r',
  vread: 'r',
  history: 'r',
  create: 'c',
  update: 'u',
  patch: 'u',
  delete: 'd',
  batch: 'r',
  operation: 'r',
};

/**
 * The HTTP face of the demo FHIR server: Medplum's router and in-memory repository underneath, and
 * on top what a conformant, secured server does that they do not (see docs/embedded-backend.md).
 */
export class FhirService {
  constructor(private readonly options: FhirServiceOptions) {}

  async handle(req: IncomingMessage, res: ServerResponse, tenant: FhirTenant, path: string, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    this.cors(req, res);
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    let dropAfter = false;
    try {
      const fault = tenant.faults.take(method, path);
      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.drop === 'before') {
        req.socket.destroy();
        return;
      }
      if (fault?.status) {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
        this.send(res, fault.status, outcomeOf('error', fault.status >= 500 ? 'transient' : 'throttled', fault.diagnostics ?? `Injected failure ${fault.status}`), headers);
        return;
      }
      dropAfter = fault?.drop === 'after';

      if (method === 'GET' && path === 'metadata') return this.send(res, 200, tenant.capability);
      if (method === 'GET' && path === '.well-known/smart-configuration') {
        return this.send(res, 200, buildSmartConfiguration(this.options.authIssuer), {}, 'application/json');
      }

      const access = await this.authenticate(req);
      const body = await this.readBody(req);
      const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
      const classified = classify(method, segments);
      const [status, payload, headers] = await this.dispatch(req, tenant, access, method, segments, classified, url, body);
      if (dropAfter) return this.cutOff(res);
      if (payload?.resourceType === 'Binary' && classified.interaction === 'read' && !this.wantsFhirJson(req)) {
        return this.sendBinary(res, payload as Binary);
      }
      this.send(res, status, payload, headers);
    } catch (error) {
      if (dropAfter) return this.cutOff(res);
      if (error instanceof HttpProblem) {
        const headers: Record<string, string> = {};
        // RFC 6750 §3.1: no error code when the request carried no token at all.
        if (error.status === 401) headers['WWW-Authenticate'] = req.headers.authorization ? `Bearer realm="${tenant.baseUrl}", error="invalid_token"` : `Bearer realm="${tenant.baseUrl}"`;
        this.send(res, error.status, error.outcome, headers);
        return;
      }
      const outcome = normalizeOperationOutcome(error);
      this.send(res, getStatus(outcome) || 500, outcome);
    }
  }

  private async dispatch(
    req: IncomingMessage,
    tenant: FhirTenant,
    access: Access,
    method: string,
    segments: string[],
    classified: Classified,
    url: URL,
    body: unknown,
  ): Promise<[number, Resource | undefined, Record<string, string>]> {
    const { interaction, resourceType, id } = classified;
    const repo = tenant.repo;
    if (interaction === 'operation' && tenant.schedulingOperations && isSchedulingOperation(segments)) {
      return handleSchedulingOperation({ repo, access, baseUrl: tenant.baseUrl }, method, segments, url, body);
    }
    if (resourceType && !access.allowsType(resourceType, PERMISSION[interaction])) {
      throw problem(403, 'forbidden', `The granted scopes do not allow ${interaction} on ${resourceType}.`);
    }

    if (interaction === 'search') {
      const query = new URLSearchParams(url.search);
      if (segments[1] === '_search' && body instanceof URLSearchParams) body.forEach((v, k) => query.append(k, v));
      if (!resourceType) throw problem(400, 'not-supported', 'Searches across all types are not supported; search one resource type.');
      const unknown = unknownSearchParameters(resourceType, new Set(query.keys()));
      if (unknown.length) throw problem(400, 'not-supported', `Unknown search parameter${unknown.length > 1 ? 's' : ''} for ${resourceType}: ${unknown.join(', ')}`);
      if (query.has('_count')) query.set('_count', String(pageSize(query.get('_count'))));
      else query.set('_count', String(pageSize(null)));
      if (query.has('_offset')) query.set('_offset', String(Math.max(0, Math.floor(Number(query.get('_offset')) || 0))));
      if (!this.restrictToCompartment(resourceType, query, access)) {
        return [200, { resourceType: 'Bundle', type: 'searchset', total: 0, link: [{ relation: 'self', url: `${tenant.baseUrl}/${resourceType}?${query}` }] } as Bundle, {}];
      }
      const searchUrl = new URL(`${tenant.baseUrl}/${resourceType}?${query}`);
      const [outcome, bundle] = await this.route(tenant, 'GET', `${resourceType}?${query}`, undefined, req);
      if (!bundle) return [getStatus(outcome), outcome, {}];
      const visible = this.filterBundle(bundle as Bundle, access);
      return [200, addPagingLinks(visible, searchUrl, tenant.baseUrl), {}];
    }

    if (interaction === 'batch') {
      const bundle = body as Bundle | undefined;
      if (bundle?.resourceType !== 'Bundle' || (bundle.type !== 'transaction' && bundle.type !== 'batch')) {
        throw problem(400, 'invalid', 'POST to the base needs a Bundle of type transaction or batch.');
      }
      await this.checkBundleAccess(bundle, access, repo);
      for (const entry of bundle.entry ?? []) {
        if (entry.request?.ifMatch) entry.request.ifMatch = normalizeEtag(entry.request.ifMatch);
        if (entry.request?.method === 'POST' && entry.resource) delete entry.resource.id;
      }
      if (bundle.type === 'transaction') {
        return repo.atomically(async () => {
          const [outcome, result] = await this.route(tenant, 'POST', '', bundle, req);
          const response = result as Bundle | undefined;
          this.checkPatchedEntries(bundle, response, access);
          const failed = response?.entry?.find((e) => Number.parseInt(e.response?.status ?? '200', 10) >= 400);
          if (!response || failed || getStatus(outcome) >= 400) {
            const failure = (failed?.response?.outcome as OperationOutcome | undefined) ?? outcome;
            throw new HttpProblem(Number.parseInt(failed?.response?.status ?? String(getStatus(outcome)), 10) || 400, failure);
          }
          return [200, this.filterBatchResponse(response, access, tenant.baseUrl), {}];
        });
      }
      const [outcome, result] = await repo.atomically(async () => {
        const done = await this.route(tenant, 'POST', '', bundle, req);
        this.checkPatchedEntries(bundle, done[1] as Bundle | undefined, access);
        return done;
      });
      if (!result) return [getStatus(outcome), outcome, {}];
      return [200, this.filterBatchResponse(result as Bundle, access, tenant.baseUrl), {}];
    }

    if (interaction === 'create' || interaction === 'update' || interaction === 'patch' || interaction === 'delete') {
      if (READ_ONLY.has(resourceType!)) throw problem(405, 'not-supported', `${resourceType} is read-only on this server.`);
      const resource = body as Resource | undefined;
      if (interaction === 'create' || interaction === 'update') {
        if (!resource || typeof resource !== 'object' || resource.resourceType !== resourceType) {
          throw problem(400, 'invalid', `The body must be a ${resourceType} resource.`);
        }
        if (interaction === 'update' && resource.id !== id) throw problem(400, 'invalid', 'The resource id must match the URL.');
        if (!access.allowsWrite(resource)) throw problem(403, 'forbidden', `You may not write this ${resourceType}.`);
        if (interaction === 'create') delete resource.id;
      }
      if (interaction !== 'create') await this.checkExisting(repo, resourceType!, id!, access);
      const headers: Record<string, string> = {};
      const ifMatch = normalizeEtag(this.header(req, 'if-match'));
      if (ifMatch) headers['if-match'] = ifMatch;
      const ifNoneExist = this.header(req, 'if-none-exist');
      if (ifNoneExist) {
        // The existing match a conditional create may return is looked for in the token's record only.
        const condition = new URLSearchParams(ifNoneExist.replace(/^[^?]*\?/, ''));
        if (!this.restrictToCompartment(resourceType!, condition, access)) throw problem(403, 'forbidden', 'The If-None-Exist search names another record.');
        headers['if-none-exist'] = condition.toString();
      }
      const pathWithQuery = segments.map(encodeURIComponent).join('/') + url.search;
      const [outcome, result] = await repo.atomically(async () => {
        const done = await this.route(tenant, method, pathWithQuery, resource ?? body, req, headers);
        // A PATCH is checked as it came out: it may not move the resource into another record.
        if (done[1] && interaction === 'patch' && !access.allowsWrite(done[1])) throw problem(403, 'forbidden', `You may not write this ${resourceType}.`);
        return done;
      });
      const status = getStatus(outcome);
      if (status >= 400 || !result) return [status, outcome, {}];
      if (!(await this.visible(result, access, repo))) throw problem(403, 'forbidden', `You may not see this ${resourceType}.`);
      return [status, result, this.resourceHeaders(result, tenant.baseUrl, status === 201)];
    }

    // read, vread, history, operation
    const pathWithQuery = segments.map(encodeURIComponent).join('/') + url.search;
    const [outcome, result] = await this.route(tenant, method, pathWithQuery, body, req);
    const status = getStatus(outcome);
    if (!result) return [status, outcome, {}];
    if (result.resourceType === 'Bundle') return [status, this.filterBundle(result as Bundle, access), {}];
    if (!(await this.visible(result, access, repo))) throw problem(403, 'forbidden', `You may not see this ${result.resourceType}.`);
    return [status, result, this.resourceHeaders(result, tenant.baseUrl, false)];
  }

  /**
   * Keeps a search inside the token's patients: compartment parameters that name other patients lose
   * those values (all gone: nothing can match, returns false), and a search with none gets one.
   */
  private restrictToCompartment(resourceType: string, query: URLSearchParams, access: Access): boolean {
    if (SHARED_TYPES.has(resourceType)) return true;
    const patients = [...access.patients];
    if (!patients.length) throw problem(403, 'forbidden', 'This token has no patient in context.');
    if (resourceType === 'Patient') {
      const asked = query.get('_id')?.split(',');
      const allowed = asked ? asked.filter((id) => access.patients.has(id)) : patients;
      if (!allowed.length) return false;
      query.set('_id', allowed.join(','));
      return true;
    }
    const params = new Set([...compartmentParamsOf(resourceType), 'patient']);
    let constrained = false;
    for (const key of [...new Set(query.keys())]) {
      const [name] = key.split(/[:.]/);
      if (!name || !params.has(name) || key.includes('.')) continue;
      const kept: string[] = [];
      for (const value of query.getAll(key)) {
        const refs = value.split(',');
        const patientRefs = refs.map((ref) => /(?:^|\/)Patient\/([^/]+)$/.exec(ref)?.[1] ?? (name === 'patient' && !ref.includes('/') ? ref : undefined));
        const allowed = refs.filter((_ref, i) => patientRefs[i] === undefined || access.patients.has(patientRefs[i]!));
        if (patientRefs.some((p) => p !== undefined)) constrained = true;
        if (!allowed.length) return false;
        kept.push(allowed.join(','));
      }
      query.delete(key);
      for (const value of kept) query.append(key, value);
    }
    if (constrained) return true;
    if (getSearchParameter(resourceType, 'patient')) query.append('patient', patients.map((p) => `Patient/${p}`).join(','));
    else {
      const first = compartmentParamsOf(resourceType)[0];
      if (first) query.append(first, patients.map((p) => `Patient/${p}`).join(','));
    }
    return true;
  }

  private filterBundle(bundle: Bundle, access: Access): Bundle {
    // Included resources follow the same rules as the search: the patient's own, and types the scopes allow reading.
    const entry = (bundle.entry ?? []).filter(
      (e) => !e.resource || e.resource.resourceType === 'OperationOutcome' || (access.allowsResource(e.resource) && (access.allowsType(e.resource.resourceType, 'r') || access.allowsType(e.resource.resourceType, 's'))),
    );
    const kept = new Set(entry);
    const removed = (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include' && !kept.has(e)).length;
    return { ...bundle, entry, total: bundle.total !== undefined && removed ? bundle.total - removed : bundle.total };
  }

  private filterBatchResponse(bundle: Bundle, access: Access, baseUrl: string): Bundle {
    const entry = (bundle.entry ?? []).map((e): BundleEntry => {
      const resource = e.resource;
      if (!resource) return e;
      if (resource.resourceType === 'Bundle') return { ...e, resource: this.filterBundle(resource as Bundle, access) };
      if (access.allowsResource(resource)) return e;
      return { response: { status: '403', outcome: outcomeOf('error', 'forbidden', `You may not see this ${resource.resourceType}.`) } };
    });
    return this.absolutizeLocations({ ...bundle, entry }, baseUrl);
  }

  /** A PATCH entry may not move a resource into another record: checked on what it produced (throwing rolls back). */
  private checkPatchedEntries(request: Bundle, response: Bundle | undefined, access: Access): void {
    for (const [index, entry] of (request.entry ?? []).entries()) {
      const result = response?.entry?.[index]?.resource;
      if (entry.request?.method === 'PATCH' && result && !access.allowsWrite(result)) {
        throw problem(403, 'forbidden', `You may not write entry ${index + 1} (PATCH ${entry.request.url}).`);
      }
    }
  }

  private absolutizeLocations(bundle: Bundle, baseUrl: string): Bundle {
    for (const e of bundle.entry ?? []) {
      if (e.response?.location && !/^https?:/.test(e.response.location)) e.response.location = `${baseUrl}/${e.response.location}`;
      if (e.resource?.meta?.versionId && e.response && !e.response.etag) e.response.etag = `W/"${e.resource.meta.versionId}"`;
    }
    return bundle;
  }

  private async checkBundleAccess(bundle: Bundle, access: Access, repo: JournalingRepository): Promise<void> {
    for (const [index, entry] of (bundle.entry ?? []).entries()) {
      const method = entry.request?.method ?? 'GET';
      const entryUrl = new URL(entry.request?.url ?? '', 'http://entry/');
      const segments = entryUrl.pathname.split('/').filter(Boolean);
      const { interaction, resourceType, id } = classify(method, segments);
      const where = `entry ${index + 1} (${method} ${entryUrl.pathname.slice(1)})`;
      if (resourceType && !access.allowsType(resourceType, PERMISSION[interaction])) {
        throw problem(403, 'forbidden', `The granted scopes do not allow ${interaction} on ${resourceType} in ${where}.`);
      }
      if (interaction === 'search' && resourceType) {
        const unknown = unknownSearchParameters(resourceType, new Set(entryUrl.searchParams.keys()));
        if (unknown.length) throw problem(400, 'not-supported', `Unknown search parameter in ${where}: ${unknown.join(', ')}`);
      }
      if (entry.resource && (method === 'POST' || method === 'PUT')) {
        if (READ_ONLY.has(entry.resource.resourceType)) throw problem(405, 'not-supported', `${entry.resource.resourceType} is read-only on this server (${where}).`);
        if (!access.allowsWrite(entry.resource)) throw problem(403, 'forbidden', `You may not write ${where}.`);
      }
      if (method === 'POST' && entry.request?.ifNoneExist && resourceType) {
        const condition = new URLSearchParams(entry.request.ifNoneExist.replace(/^[^?]*\?/, ''));
        if (!this.restrictToCompartment(resourceType, condition, access)) throw problem(403, 'forbidden', `The If-None-Exist search in ${where} names another record.`);
        entry.request.ifNoneExist = condition.toString();
      }
      if ((method === 'PUT' || method === 'PATCH' || method === 'DELETE') && resourceType && id) {
        await this.checkExisting(repo, resourceType, id, access);
      }
    }
  }

  /** A Binary is visible when its securityContext is: a patient of the token, or a resource the token may see. */
  private async visible(resource: Resource, access: Access, repo: JournalingRepository): Promise<boolean> {
    if (access.allowsResource(resource)) return true;
    const context = resource.resourceType === 'Binary' ? resource.securityContext?.reference : undefined;
    if (!context || context.startsWith('Patient/')) return false;
    const [type, id] = context.split('/');
    const owner = type && id ? await repo.readResource(type, id).catch(() => undefined) : undefined;
    return !!owner && access.allowsResource(owner);
  }

  private async checkExisting(repo: JournalingRepository, resourceType: string, id: string, access: Access): Promise<void> {
    const existing = await repo.readResource(resourceType, id).catch(() => undefined);
    if (existing && !access.allowsResource(existing)) throw problem(403, 'forbidden', `You may not change this ${resourceType}.`);
  }

  private async route(
    tenant: FhirTenant,
    method: string,
    pathWithQuery: string,
    body: unknown,
    req: IncomingMessage,
    headers: Record<string, string> = {},
  ): Promise<[OperationOutcome, Resource | undefined]> {
    const url = new URL(pathWithQuery, 'http://fhir/');
    const query: Record<string, string | string[]> = {};
    url.searchParams.forEach((value, key) => {
      const prior = query[key];
      query[key] = prior === undefined ? value : ([] as string[]).concat(prior, value);
    });
    const request: FhirRequest = {
      method: method as FhirRequest['method'],
      url: url.pathname.slice(1) + url.search,
      pathname: '',
      body,
      params: {},
      query,
      headers: { ...req.headers, ...headers, 'if-match': headers['if-match'], 'if-none-exist': headers['if-none-exist'] },
    };
    try {
      const [outcome, resource] = await this.options.router.handleRequest(request, tenant.repo);
      return [outcome, resource];
    } catch (error) {
      if (error instanceof OperationOutcomeError) return [error.outcome, undefined];
      throw error;
    }
  }

  private resourceHeaders(resource: Resource, baseUrl: string, created: boolean): Record<string, string> {
    const headers: Record<string, string> = {};
    const version = resource.meta?.versionId;
    if (version) headers.ETag = `W/"${version}"`;
    if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
    if (created && resource.id) {
      headers.Location = `${baseUrl}/${resource.resourceType}/${resource.id}${version ? `/_history/${version}` : ''}`;
    }
    return headers;
  }

  private async authenticate(req: IncomingMessage): Promise<Access> {
    const header = this.header(req, 'authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new HttpProblem(401, unauthorized);
    const grant = await this.options.introspect(token);
    if (!grant) throw new HttpProblem(401, outcomeOf('error', 'login', 'The access token is expired, revoked or unknown. Sign in again.'));
    return new Access(grant);
  }

  private async readBody(req: IncomingMessage): Promise<unknown> {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw problem(413, 'too-costly', 'The request body is too large.');
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return undefined;
    const type = this.header(req, 'content-type') ?? '';
    if (type.includes('application/x-www-form-urlencoded')) return new URLSearchParams(text);
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpProblem(400, badRequest('The request body is not valid JSON.'));
    }
  }

  private header(req: IncomingMessage, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  private wantsFhirJson(req: IncomingMessage): boolean {
    const accept = this.header(req, 'accept') ?? '';
    return /application\/(fhir\+)?json/.test(accept);
  }

  private cors(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Access-Control-Allow-Origin', this.header(req, 'origin') ?? '*');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, If-Match, If-None-Exist, If-None-Match, If-Modified-Since, Prefer, X-Request-Id');
    res.setHeader('Access-Control-Expose-Headers', 'ETag, Location, Last-Modified, Content-Location, Retry-After, WWW-Authenticate, Content-Disposition');
    res.setHeader('Access-Control-Max-Age', '600');
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, contentType = FHIR_JSON): void {
    if (res.headersSent) return;
    res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }

  /**
   * The connection breaks after the server did the work: headers go out, the body never arrives.
   * (Cutting it before any byte is sent would let the browser resend the request on its own.)
   */
  private cutOff(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': FHIR_JSON, 'Content-Length': '100000' });
    res.write('{"resourceType":', () => res.destroy());
  }

  private sendBinary(res: ServerResponse, binary: Binary): void {
    const bytes = Buffer.from(binary.data ?? '', 'base64');
    const headers: Record<string, string> = {
      'Content-Type': binary.contentType ?? 'application/octet-stream',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'no-store',
    };
    if (binary.meta?.versionId) headers.ETag = `W/"${binary.meta.versionId}"`;
    res.writeHead(200, headers);
    res.end(bytes);
  }
}

