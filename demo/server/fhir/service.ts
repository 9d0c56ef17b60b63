import { badRequest, getStatus, normalizeOperationOutcome, OperationOutcomeError, unauthorized } from '@medplum/core';
import type { FhirRequest, FhirRouter } from '@medplum/fhir-router';
import type { Binary, CapabilityStatement, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { TokenGrant } from '../auth/provider.js';
import { offeredOperationPaths, operationAt, type OperationSettings } from '../features/registry.js';
import { Access } from './access.js';
import { processBundle, type FhirCall } from './bundles.js';
import { buildSmartConfiguration } from './capability.js';

/** The ETag of each tenant's CapabilityStatement, made once. */
const metadataTags = new WeakMap<CapabilityStatement, string>();

/** A tag for some text (two FNV-1a hashes, base 36): synchronous, in Node and in a browser alike. */
function contentTag(text: string): string {
  let a = 2166136261;
  let b = 5381;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 16777619);
    b = Math.imul(b, 33) ^ code;
  }
  return `${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}-${text.length.toString(36)}`;
}
import { issuerKeySet } from './health-cards.js';
import type { FaultInjector } from './faults.js';
import { classify, forbidden, HttpProblem, outcomeOf, problem, type Classified, type RequestContext } from './interactions.js';
import { searchForPatient } from './patient-search.js';
import { readById, type Answer } from './reads.js';
import type { JournalingRepository } from './repository.js';
import { executeWrite } from './writes.js';

/**
 * One FHIR endpoint with its own data: the demo's `/fhir`, or a test sandbox. Its operation settings
 * (`schedulingOperations`: Appointment/$find and $book) say which modules' operations it offers
 * (features/registry.ts); its CapabilityStatement lists the same.
 */
export interface FhirTenant extends OperationSettings {
  id: string;
  baseUrl: string;
  repo: JournalingRepository;
  faults: FaultInjector;
  capability: CapabilityStatement;
}

export interface FhirServiceOptions {
  router: FhirRouter;
  authIssuer: string;
  introspect: (token: string) => Promise<TokenGrant | undefined>;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
/** Content types a browser may show in place (under the sandbox policy); anything else downloads. */
const SHOWN_INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain']);

/** One HTTP request to the FHIR service, from Node's http server (http.ts) or a browser's fetch stand-in. */
export interface FhirHttpRequest {
  method: string;
  /** The path after the FHIR base, e.g. `Patient/maria`. */
  path: string;
  url: URL;
  /** The request headers, names in lower case. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body as text; read only for methods that carry one. May throw an {@link HttpProblem} (413). */
  readText(): Promise<string>;
}

/**
 * The service's answer: a response (a Binary's bytes as base64, for the transport to decode), or the
 * connection cut `before` the request is handled or `after` it was (an injected fault).
 */
export type FhirHttpAnswer = { status: number; headers: Record<string, string>; body: string | { base64: string } } | { drop: 'before' | 'after' };

/**
 * The FHIR server of the demo, independent of transport: Medplum's router and in-memory repository
 * underneath, and on top what a conformant, secured server does that they do not (see
 * docs/embedded-backend.md). It runs in Node behind http.ts and in a browser behind a fetch stand-in.
 */
export class FhirService {
  constructor(private readonly options: FhirServiceOptions) {}

  async answer(tenant: FhirTenant, req: FhirHttpRequest): Promise<FhirHttpAnswer> {
    const method = req.method.toUpperCase();
    const { path, url } = req;
    let dropAfter = false;
    try {
      const fault = tenant.faults.take(method, path);
      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.drop === 'before') return { drop: 'before' };
      if (fault?.status) {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
        return this.json(fault.status, outcomeOf('error', fault.status >= 500 ? 'transient' : 'throttled', fault.diagnostics ?? `Injected failure ${fault.status}`), headers);
      }
      dropAfter = fault?.drop === 'after';

      if (method === 'GET' && path === 'metadata') return this.metadata(tenant, req);
      if (method === 'GET' && path === '.well-known/smart-configuration') {
        return this.json(200, buildSmartConfiguration(this.options.authIssuer), {}, 'application/json');
      }
      // The SMART Health Card issuer's public keys (health-cards.ts; `iss` is this FHIR base): for any verifier.
      if (method === 'GET' && path === '.well-known/jwks.json') {
        return this.json(200, await issuerKeySet(), { 'Access-Control-Allow-Origin': '*' }, 'application/json');
      }

      const grant = await this.authenticate(req);
      const context = this.contextFor(tenant, new Access(grant, (type, id) => tenant.repo.peek(type, id)), req);
      const body = await this.readBody(req, method);
      const segments = this.segmentsOf(path);
      const query = new URLSearchParams(url.search);
      if (body instanceof URLSearchParams && segments[1] === '_search') body.forEach((v, k) => query.append(k, v));
      const call: FhirCall = { method, segments, query, body, ifMatch: this.header(req, 'if-match'), ifNoneExist: this.header(req, 'if-none-exist') };
      const classified = classify(method, segments, offeredOperationPaths(tenant));
      const [status, payload, headers] = await this.execute(context, call, classified);
      if (dropAfter) return { drop: 'after' };
      if (payload?.resourceType === 'Binary' && classified.interaction === 'read' && !this.wantsFhirJson(req)) {
        return this.binary(payload as Binary);
      }
      return this.json(status, payload, headers);
    } catch (error) {
      if (dropAfter) return { drop: 'after' };
      if (error instanceof HttpProblem) {
        const headers: Record<string, string> = {};
        // RFC 6750 §3.1: no error code when the request carried no token at all.
        if (error.status === 401) headers['WWW-Authenticate'] = this.header(req, 'authorization') ? `Bearer realm="${tenant.baseUrl}", error="invalid_token"` : `Bearer realm="${tenant.baseUrl}"`;
        return this.json(error.status, error.outcome, headers);
      }
      const outcome = normalizeOperationOutcome(error);
      return this.json(getStatus(outcome) || 500, outcome);
    }
  }

  /**
   * Handles one request, direct or from a Bundle entry, by what it asks for. Every path applies the
   * token's scopes and record: see reads.ts, writes.ts, patient-search.ts and bundles.ts.
   */
  private execute = async (context: RequestContext, call: FhirCall, classified: Classified): Promise<Answer> => {
    const { interaction, resourceType } = classified;
    switch (interaction) {
      case 'operation': {
        // classify lets through only what the tenant offers; a Bundle entry never holds an operation.
        const operation = operationAt(context.operations, call.segments.join('/'));
        if (!operation) throw forbidden(`The operation $${classified.operation} is not offered by this server.`);
        return operation.run(context, call);
      }
      case 'batch':
        return processBundle(context, call.body, this.execute);
      case 'search':
        return [200, await searchForPatient(context, resourceType!, call.query, context.baseUrl), {}];
      case 'read':
      case 'vread':
      case 'history':
        return readById(context, classified);
      default:
        return executeWrite(context, { classified, body: call.body, ifMatch: call.ifMatch, ifNoneExist: call.ifNoneExist }, call.method, call.segments.map(encodeURIComponent).join('/'));
    }
  };

  private contextFor(tenant: FhirTenant, access: Access, req: FhirHttpRequest): RequestContext {
    return {
      repo: tenant.repo,
      access,
      baseUrl: tenant.baseUrl,
      operations: tenant,
      route: (method, pathWithQuery, body, headers) => this.route(tenant, method, pathWithQuery, body, req, headers),
    };
  }

  private async route(
    tenant: FhirTenant,
    method: string,
    pathWithQuery: string,
    body: unknown,
    req: FhirHttpRequest,
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

  private async authenticate(req: FhirHttpRequest): Promise<TokenGrant> {
    const header = this.header(req, 'authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new HttpProblem(401, unauthorized);
    const grant = await this.options.introspect(token);
    if (!grant) throw new HttpProblem(401, outcomeOf('error', 'login', 'The access token is expired, revoked or unknown. Sign in again.'));
    return grant;
  }

  private async readBody(req: FhirHttpRequest, method: string): Promise<unknown> {
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE') return undefined;
    const text = await req.readText();
    if (!text) return undefined;
    const type = this.header(req, 'content-type') ?? '';
    if (type.includes('application/x-www-form-urlencoded')) return new URLSearchParams(text);
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpProblem(400, badRequest('The request body is not valid JSON.'));
    }
  }

  private segmentsOf(path: string): string[] {
    try {
      return path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw problem(400, 'invalid', 'The path is not valid URL encoding.');
    }
  }

  private header(req: FhirHttpRequest, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  private wantsFhirJson(req: FhirHttpRequest): boolean {
    const accept = this.header(req, 'accept') ?? '';
    return /application\/(fhir\+)?json/.test(accept);
  }

  /**
   * `GET metadata` with an ETag (the statement's hash), and `304 Not Modified` to an `If-None-Match`
   * naming it, as production servers answer: a client that kept the statement revalidates it for a few
   * bytes. `no-cache` lets a browser keep it too, always asking first.
   */
  private metadata(tenant: FhirTenant, req: FhirHttpRequest): FhirHttpAnswer {
    let etag = metadataTags.get(tenant.capability);
    if (!etag) {
      etag = `W/"${contentTag(JSON.stringify(tenant.capability))}"`;
      metadataTags.set(tenant.capability, etag);
    }
    const asked = req.headers['if-none-match'];
    const tags = (Array.isArray(asked) ? asked.join(',') : (asked ?? '')).split(',').map((t) => t.trim().replace(/^W\//, ''));
    const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
    if (tags.includes(etag.replace(/^W\//, '')) || tags.includes('*')) return { status: 304, headers, body: '' };
    return this.json(200, tenant.capability, headers);
  }

  private json(status: number, body: unknown, headers: Record<string, string> = {}, contentType = FHIR_JSON): FhirHttpAnswer {
    return { status, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers }, body: JSON.stringify(body) };
  }

  /**
   * The raw bytes of a Binary. Whoever stored them chose the content type, so the browser must not run
   * them as a page of this origin: no sniffing, a sandbox with nothing allowed, and a download unless
   * the type is one a browser shows safely.
   */
  private binary(binary: Binary): FhirHttpAnswer {
    const declared = (binary.contentType ?? '').trim().toLowerCase();
    const contentType = /^[a-z0-9.+-]+\/[a-z0-9.+-]+(\s*;\s*[a-z0-9-]+=[a-z0-9.-]+)*$/.test(declared) ? declared : 'application/octet-stream';
    const extension = contentType.split(/[/;+]/)[1] ?? 'bin';
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Content-Disposition': `${SHOWN_INLINE.has(contentType.split(';')[0]!) ? 'inline' : 'attachment'}; filename="${binary.id}.${extension}"`,
    };
    if (binary.meta?.versionId) headers.ETag = `W/"${binary.meta.versionId}"`;
    return { status: 200, headers, body: { base64: binary.data ?? '' } };
  }
}
