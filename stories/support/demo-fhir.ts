import type { Bundle, CapabilityStatement, FhirResource, Resource } from 'fhir/r4';
import { DEMO_RESOURCES, EXPIRED_TOKEN } from './data.js';
import { createDemoLabs, isLabPath, type DemoLabs, type DemoLabOptions } from './demo-labs.js';
import { createDemoScheduling, isSchedulingPath, SCHEDULING_CAPABILITIES, type DemoScheduling, type DemoSchedulingOptions } from './demo-scheduling.js';
import { json, outcome } from './fhir-responses.js';

/**
 * An in-browser stand-in for a FHIR R4 server with SMART discovery, for stories only: it answers
 * requests to {@link DEMO_FHIR_ORIGIN} from a small in-memory set of resources, so every story runs
 * with no backend. Stories install it by wrapping `window.fetch` for that origin only
 * ({@link installDemoFhir}); every other request goes to the real network untouched.
 *
 * It knows: `GET metadata`, `GET .well-known/smart-configuration`, reads (`GET Type/id`), searches
 * (`GET Type?_id=&patient=&subject=&link=&identifier=`), and the token endpoint's `refresh_token`
 * grant. Resource requests need a bearer token; the token `expired` is refused with a 401.
 * Schedule, Slot, Appointment, Practitioner and Location requests, and transactions, go to a clinic
 * that can be booked (`demo-scheduling.ts`); DiagnosticReport, Observation, ServiceRequest,
 * DocumentReference and Binary requests go to the patients' lab records (`demo-labs.ts`).
 */

/** The origin the demo server answers for (`.invalid` never resolves, so nothing leaks to a network). */
export const DEMO_FHIR_ORIGIN = 'https://fhir.story.invalid';
/** The FHIR base URL to give `portal-session`. */
export const DEMO_FHIR_BASE = `${DEMO_FHIR_ORIGIN}/r4`;
/** The demo authorization server's endpoints (advertised by SMART discovery). */
export const DEMO_AUTHORIZE_ENDPOINT = `${DEMO_FHIR_ORIGIN}/auth/authorize`;
export const DEMO_TOKEN_ENDPOINT = `${DEMO_FHIR_ORIGIN}/auth/token`;
/** The client id the stories use. */
export const DEMO_CLIENT_ID = 'storybook-portal';

export interface DemoFhirOptions {
  /** The resources the server holds; default: the stories' synthetic records (`data.ts`). */
  resources?: readonly FhirResource[];
  /** Milliseconds to wait before answering (default 120); `Infinity` never answers, to hold a loading state. */
  delay?: number;
  /** Only delay requests whose URL matches; the others answer at once. */
  delayOnly?: RegExp;
  /** Serve `.well-known/smart-configuration` (default true); false plays a FHIR server without SMART. */
  smart?: boolean;
  /** Answer requests whose URL matches with a 500, to show an error state. */
  fail?: RegExp;
  /** How many matching requests fail before the server recovers (default: every one). */
  failures?: number;
  /** The clinic's open times and the patients' appointments (`demo-scheduling.ts`). */
  scheduling?: DemoSchedulingOptions;
  /** The patients' lab reports and results (`demo-labs.ts`). */
  labs?: DemoLabOptions;
}

/**
 * The CapabilityStatement. FhirClient caches it per base URL for the life of the page, so it must not
 * depend on a story's options: it always lists the scheduling resources (and not `$find`/`$book`).
 */
function capabilityStatement(resources: readonly Resource[]): CapabilityStatement {
  const scheduling = new Map(SCHEDULING_CAPABILITIES.map((entry) => [entry.type, entry]));
  const types = [...new Set([...resources.map((r) => r.resourceType), ...scheduling.keys()])].sort();
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2025-01-01',
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    software: { name: 'Portico Storybook demo server' },
    implementation: { description: 'In-browser stand-in for stories', url: DEMO_FHIR_BASE },
    rest: [
      {
        mode: 'server',
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
        },
        resource: types.map((type) => scheduling.get(type) ?? { type, interaction: [{ code: 'read' }, { code: 'search-type' }] }),
        interaction: [{ code: 'transaction' }],
      },
    ],
  };
}

function smartConfiguration() {
  return {
    issuer: DEMO_FHIR_ORIGIN,
    authorization_endpoint: DEMO_AUTHORIZE_ENDPOINT,
    token_endpoint: DEMO_TOKEN_ENDPOINT,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'fhirUser', 'launch/patient', 'patient/*.rs', 'offline_access', 'online_access'],
    response_types_supported: ['code'],
    capabilities: ['launch-standalone', 'client-public', 'context-standalone-patient', 'permission-v2', 'sso-openid-connect'],
  };
}

/** The references (`Type/id`) a resource points at through `patient`, `subject` or `link.target`. */
function referencesOf(resource: Resource, field: string): string[] {
  const value = (resource as unknown as Record<string, unknown>)[field];
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .map((item: { reference?: string; target?: { reference?: string } }) => item?.reference ?? item?.target?.reference)
    .filter((ref): ref is string => typeof ref === 'string');
}

function matchesReference(resource: Resource, field: string, wanted: string): boolean {
  const refs = referencesOf(resource, field);
  return wanted.split(',').some((value) => refs.some((ref) => ref === value || ref.endsWith(`/${value}`)));
}

function matchesIdentifier(resource: Resource, wanted: string): boolean {
  const identifiers = (resource as { identifier?: { system?: string; value?: string }[] }).identifier ?? [];
  const [system, value] = wanted.includes('|') ? wanted.split('|') : [undefined, wanted];
  return identifiers.some((i) => i.value === value && (system === undefined || system === '' || i.system === system));
}

function search(resources: readonly FhirResource[], type: string, params: URLSearchParams, url: URL): Bundle {
  let matches = resources.filter((r) => r.resourceType === type);
  for (const [name, value] of params) {
    if (name === '_id') matches = matches.filter((r) => value.split(',').includes(r.id ?? ''));
    else if (name === 'patient' || name === 'subject') matches = matches.filter((r) => matchesReference(r, name, value));
    else if (name === 'link') matches = matches.filter((r) => matchesReference(r, 'link', value));
    else if (name === 'identifier') matches = matches.filter((r) => matchesIdentifier(r, value));
    // Other parameters (_count, _sort, …) are accepted and ignored, as lenient servers do.
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link: [{ relation: 'self', url: url.href }],
    entry: matches.map((resource) => ({ fullUrl: `${DEMO_FHIR_BASE}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    if (signal?.aborted) return abort();
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      abort();
    }, { once: true });
  });
}

function bearerToken(headers: Headers): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headers.get('Authorization') ?? '')?.[1];
}

/** The refresh_token grant: hands out a fresh token (used when a story restores a SMART session). */
async function tokenEndpoint(request: Request): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  if (form.get('grant_type') !== 'refresh_token' || !form.get('refresh_token')) {
    return new Response(JSON.stringify({ error: 'unsupported_grant_type' }), { status: 400, headers: { 'Content-Type': 'application/json' } });
  }
  const body = {
    access_token: `story-refreshed-${Date.now().toString(36)}`,
    token_type: 'Bearer',
    expires_in: 3600,
    scope: 'openid fhirUser launch/patient patient/*.rs online_access',
    refresh_token: form.get('refresh_token'),
  };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

/** A `fetch` that answers for the demo origin (anything else is a network error, as a dead host would be). */
export function createDemoFhirFetch(options: DemoFhirOptions = {}): typeof fetch {
  const resources = options.resources ?? DEMO_RESOURCES;
  const delay = options.delay ?? 120;
  const smart = options.smart ?? true;
  const basePath = new URL(DEMO_FHIR_BASE).pathname;
  let failuresLeft = options.failures ?? Infinity;
  // Made on the first scheduling request, so stories that never book pay nothing for it.
  let clinic: DemoScheduling | undefined;
  let labs: DemoLabs | undefined;

  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== DEMO_FHIR_ORIGIN) throw new TypeError(`Failed to fetch ${url.href}: the demo server only knows ${DEMO_FHIR_ORIGIN}.`);
    if (delay > 0 && (!options.delayOnly || options.delayOnly.test(url.href))) await wait(delay, request.signal);
    if (options.fail?.test(url.href) && failuresLeft > 0) {
      failuresLeft--;
      return outcome(500, 'exception', 'The demo server failed on purpose (parameters.demoFhir.fail).');
    }

    if (url.pathname === new URL(DEMO_TOKEN_ENDPOINT).pathname && request.method === 'POST') return tokenEndpoint(request);
    if (!url.pathname.startsWith(`${basePath}/`) && url.pathname !== basePath) return outcome(404, 'not-found', `No route for ${url.pathname}.`);
    const path = url.pathname.slice(basePath.length).replace(/^\/+|\/+$/g, '');

    if (path === '.well-known/smart-configuration') {
      return smart ? new Response(JSON.stringify(smartConfiguration()), { headers: { 'Content-Type': 'application/json' } }) : new Response('Not Found', { status: 404 });
    }
    if (path === 'metadata') return json(capabilityStatement(resources));

    const token = bearerToken(request.headers);
    if (!token) return outcome(401, 'login', 'An access token is required.', { 'WWW-Authenticate': 'Bearer realm="demo"' });
    if (token === EXPIRED_TOKEN) return outcome(401, 'expired', 'The access token has expired.', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

    if (isSchedulingPath(path)) {
      clinic ??= createDemoScheduling(DEMO_FHIR_BASE, options.scheduling);
      const scheduled = await clinic.handle(request, url, path);
      if (scheduled) return scheduled;
    }
    if (isLabPath(path)) {
      labs ??= createDemoLabs(DEMO_FHIR_BASE, options.labs);
      const answered = await labs.handle(request, url, path);
      if (answered) return answered;
    }
    if (request.method !== 'GET') return outcome(405, 'not-supported', `The demo server is read-only outside scheduling (${request.method} ${path}).`);

    const [type, id, ...rest] = path.split('/');
    if (!type || !/^[A-Z][A-Za-z]+$/.test(type) || rest.length > 0) return outcome(400, 'not-supported', `Unsupported request: ${path}.`);
    if (id === undefined) return json(search(resources, type, url.searchParams, url));
    const resource = resources.find((r) => r.resourceType === type && r.id === id);
    return resource ? json(resource, 200, { ETag: `W/"${resource.meta?.versionId ?? '1'}"` }) : outcome(404, 'not-found', `${type}/${id} is not known.`);
  };
}

/**
 * Wraps `window.fetch` so that requests to {@link DEMO_FHIR_ORIGIN} are answered by the demo server;
 * every other request goes to the original fetch. Returns the function that restores it (Storybook
 * runs it before the next story, as the cleanup of `beforeEach`).
 */
export function installDemoFhir(options: DemoFhirOptions = {}): () => void {
  const original = window.fetch;
  const demo = createDemoFhirFetch(options);
  const wrapped: typeof fetch = (input, init) => {
    const href = input instanceof Request ? input.url : String(input);
    return new URL(href, window.location.href).origin === DEMO_FHIR_ORIGIN ? demo(input, init) : original.call(window, input, init);
  };
  window.fetch = wrapped;
  return () => {
    if (window.fetch === wrapped) window.fetch = original;
  };
}
