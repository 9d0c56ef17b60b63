import type { OperationSettings } from '../../demo/server/features/registry.js';
import type { FaultRule } from '../../demo/server/fhir/faults.js';
import type { OpenTimes, StoryFixtures, StoryServer } from './story-server.js';
import { readStoryToken } from './story-tokens.js';

/**
 * The stories' FHIR server: `window.fetch` answers requests to {@link STORY_FHIR_ORIGIN} (`.invalid`
 * never resolves, so nothing leaks to a network) with the embedded demo server's FHIR service running
 * in the page on the demo seed (story-server.ts). Every other request goes to the network untouched.
 * Around it, what a story needs of a real deployment: slow answers, a token endpoint for restoring a
 * SMART session, a server without SMART discovery.
 */

/** The origin the stories' server answers for. */
export const STORY_FHIR_ORIGIN = 'https://fhir.story.invalid';
/** The FHIR base URL to give `portal-session`. */
export const STORY_FHIR_BASE = `${STORY_FHIR_ORIGIN}/r4`;
/** The authorization server (SMART discovery names its endpoints; only the token endpoint answers). */
export const STORY_AUTH_ISSUER = `${STORY_FHIR_ORIGIN}/auth`;
export const STORY_TOKEN_ENDPOINT = `${STORY_AUTH_ISSUER}/token`;
/** The client id the stories use. */
export const STORY_CLIENT_ID = 'storybook-portal';

/**
 * What a story asks of its server (`parameters.storyFhir`). The operation settings are the embedded
 * server's, with its defaults (story-server.ts): `schedulingOperations: true` offers
 * `Appointment/$find` and `$book`, `everythingOperation: true` `Patient/$everything`, and
 * `recordOperations: false` plays a server without `Patient/$summary`, `DocumentReference/$docref`
 * and SMART Health Cards.
 */
export interface StoryFhirOptions extends OperationSettings {
  /** Milliseconds to wait before answering (default 120); `Infinity` never answers, to hold a loading state. */
  delay?: number;
  /** Only delay requests whose URL matches; the others answer at once. */
  delayOnly?: RegExp;
  /** Serve `.well-known/smart-configuration` (default true); false plays a FHIR server without SMART. */
  smart?: boolean;
  /** Failures the server injects (demo/server/fhir/faults.ts: `path` is matched after the base, e.g. `^Slot`). */
  faults?: readonly FaultRule[];
  /** Also the seed's patient `large` (~600 lab reports). */
  largePatient?: boolean;
  /** Records written over the seed, ids kept, and the accounts that may open them (story-fixtures.ts). */
  fixtures?: StoryFixtures;
  /** Which of the seed's open times stay open (default `usual`: all). */
  openTimes?: OpenTimes;
}

/**
 * "Today" of the seed: noon UTC of the current day, so the data is the same all day (and the open
 * times still lie ahead of the clock the elements read).
 */
export function storyNow(clock = new Date()): Date {
  return new Date(Date.UTC(clock.getUTCFullYear(), clock.getUTCMonth(), clock.getUTCDate(), 12));
}

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    if (signal?.aborted) return abort();
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        abort();
      },
      { once: true },
    );
  });
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

/** The refresh_token grant (a SMART session restored from an earlier visit): the refresh token is a story token, handed back as the new access token. */
async function tokenEndpoint(request: Request): Promise<Response> {
  const form = new URLSearchParams(await request.text());
  const refreshToken = form.get('refresh_token') ?? '';
  const grant = readStoryToken(refreshToken);
  if (form.get('grant_type') !== 'refresh_token' || !grant) return json({ error: 'invalid_grant' }, 400);
  return json({ access_token: refreshToken, token_type: 'Bearer', expires_in: 3600, scope: grant.scope, refresh_token: refreshToken, patient: grant.patient });
}

function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const text = atob(data.replace(/[^A-Za-z0-9+/]/g, ''));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** A `fetch` that answers for the stories' origin (anything else is a network error, as a dead host would be). */
export function createStoryFetch(options: StoryFhirOptions = {}): typeof fetch {
  const delay = options.delay ?? 120;
  const basePath = new URL(STORY_FHIR_BASE).pathname;
  // Started at once, so the data is ready by the time the elements ask; the server and the FHIR
  // definitions are chunks of their own, loaded only when a story runs.
  let server: Promise<StoryServer> | undefined;
  const started = () =>
    (server ??= Promise.all([import('./story-server.js'), import('virtual:portico-fhir-definitions')]).then(([{ startStoryServer }, { default: definitions }]) =>
      startStoryServer({ ...options, baseUrl: STORY_FHIR_BASE, authIssuer: STORY_AUTH_ISSUER, now: storyNow() }, definitions),
    ));

  const storyFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== STORY_FHIR_ORIGIN) throw new TypeError(`Failed to fetch ${url.href}: the stories' server only knows ${STORY_FHIR_ORIGIN}.`);
    if (delay > 0 && (!options.delayOnly || options.delayOnly.test(url.href))) await wait(delay, request.signal);
    if (url.pathname === new URL(STORY_TOKEN_ENDPOINT).pathname && request.method === 'POST') return tokenEndpoint(request);
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return new Response('Not found', { status: 404 });
    const path = url.pathname.slice(basePath.length + 1);
    if (path === '.well-known/smart-configuration' && options.smart === false) return new Response('Not found', { status: 404 });
    const answer = await (await started()).answer(request, path);
    if ('drop' in answer) throw new TypeError('Failed to fetch: the connection was closed.');
    const body = typeof answer.body === 'string' ? answer.body : decodeBase64(answer.body.base64);
    // A 204 or 304 carries no body (the Response constructor refuses one).
    return new Response(answer.status === 204 || answer.status === 304 ? null : body, { status: answer.status, headers: answer.headers });
  };
  void started();
  return storyFetch;
}

/**
 * Wraps `window.fetch` so that requests to {@link STORY_FHIR_ORIGIN} are answered by the stories'
 * server; every other request goes to the original fetch. Returns the function that restores it
 * (Storybook runs it before the next story, as the cleanup of `beforeEach`).
 */
export function installStoryFhir(options: StoryFhirOptions = {}): () => void {
  const original = window.fetch;
  const story = createStoryFetch(options);
  const wrapped: typeof fetch = (input, init) => {
    const href = input instanceof Request ? input.url : String(input);
    return new URL(href, window.location.href).origin === STORY_FHIR_ORIGIN ? story(input, init) : original.call(window, input, init);
  };
  window.fetch = wrapped;
  return () => {
    if (window.fetch === wrapped) window.fetch = original;
  };
}
