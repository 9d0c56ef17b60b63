/**
 * Helpers for test/server/cross-patient-attacks.test.ts: what counts as a victim's data in a response,
 * the shapes of an answer the attacks accept, and a real SMART sign-in over plain HTTP.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from 'fhir/r4';
import { after, before } from 'node:test';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { admin, tokenFor, type Reply } from '../helpers/server-http.js';

/** A patient whose data an attacker must never see, and the words that give that data away. */
export interface Victim {
  /** The demo user who may read the victim's data (for setting up and re-reading it). */
  username: string;
  /** The patient id. */
  patient: string;
  /** Text that occurs in the victim's data and nowhere in the attacker's (ids, names). */
  markers: RegExp;
}

export const VICTIMS = {
  aisha: { username: 'aisha', patient: 'aisha', markers: /aisha|Rahman|رحمن/i },
  james: { username: 'james', patient: 'james', markers: /james|Carter/i },
  leo: { username: 'james', patient: 'leo', markers: /\bleo\b|Carter/i },
} as const satisfies Record<string, Victim>;

/**
 * The response as text, without the `link`s of search Bundles: those repeat the attacker's own query
 * (which may well name the victim), which is not the victim's data.
 */
export function responseText(body: unknown): string {
  return JSON.stringify(body, (key, value: unknown) => (key === 'link' && Array.isArray(value) ? undefined : value)) ?? '';
}

/** What the attacker wrote herself and may get back: her own planted references to the victim's resources. */
const planted = /\{"reference":"[A-Za-z]+\/[^"]+"\}\],"payload":\[\{"contentString":"Planted reference"\}\]/g;

export function assertNoVictimData(reply: Reply<unknown>, victim: Victim, extra: readonly string[] = []): void {
  const text = responseText(reply.body).replace(planted, '');
  const found = victim.markers.exec(text) ?? extra.map((e) => (e && text.includes(e) ? [e] : null)).find(Boolean);
  assert.ok(!found, `the response holds the victim's data ("${found?.[0]}"): ${text.slice(Math.max(0, text.indexOf(found?.[0] ?? '') - 120), text.indexOf(found?.[0] ?? '') + 120)}`);
}

function summary(reply: Reply<unknown>): string {
  return `${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
}

/** A refusal: the status, an OperationOutcome with an issue, and nothing of the victim's. */
export function assertRefused(reply: Reply<unknown>, status: number, victim: Victim): void {
  assert.equal(reply.status, status, summary(reply));
  const outcome = reply.body as OperationOutcome;
  assert.equal(outcome?.resourceType, 'OperationOutcome', summary(reply));
  assert.ok((outcome.issue ?? []).length > 0, 'the OperationOutcome has an issue');
  assertNoVictimData(reply, victim);
}

/** A search answered over the attacker's own data only: total and every count agree with what is returned. */
export function assertOwnDataOnly(reply: Reply<unknown>, victim: Victim, extra: readonly string[] = []): Bundle {
  assert.equal(reply.status, 200, summary(reply));
  const bundle = reply.body as Bundle;
  assert.equal(bundle.resourceType, 'Bundle', summary(reply));
  assertNoVictimData(reply, victim, extra);
  return bundle;
}

/** A search narrowed to nothing: 200, total 0, no entries. */
export function assertNothingFound(reply: Reply<unknown>, victim: Victim, extra: readonly string[] = []): void {
  const bundle = assertOwnDataOnly(reply, victim, extra);
  assert.equal(bundle.total, 0, `total ${bundle.total}: ${summary(reply)}`);
  assert.equal((bundle.entry ?? []).length, 0, summary(reply));
}

export function matches(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').map((e) => e.resource!);
}

/** The one entry of a batch/transaction response. */
export function onlyEntry(reply: Reply<unknown>): BundleEntry {
  assert.equal(reply.status, 200, summary(reply));
  const entries = (reply.body as Bundle).entry ?? [];
  assert.equal(entries.length, 1, summary(reply));
  return entries[0]!;
}

/** A refused batch entry: its status and an OperationOutcome, in a response that holds nothing of the victim's. */
export function assertRefusedEntry(reply: Reply<unknown>, status: number, victim: Victim): void {
  const entry = onlyEntry(reply);
  assert.equal(entry.response?.status?.slice(0, 3), String(status), summary(reply));
  assert.equal(entry.response?.outcome?.resourceType, 'OperationOutcome', summary(reply));
  assert.equal(entry.resource, undefined, summary(reply));
  assertNoVictimData(reply, victim);
}

export function transaction(type: 'batch' | 'transaction', ...entry: BundleEntry[]): Bundle {
  return { resourceType: 'Bundle', type, entry };
}

/** The resource as a client would send it to create a copy: without id and meta. */
export function asNew<T extends Resource>(resource: T): T {
  const { id: _id, meta: _meta, ...rest } = resource;
  return rest as T;
}

// ---------------------------------------------------------------------------------------------------
// A real sign-in: authorization code with PKCE, through the login and consent pages, over plain HTTP.

class Cookies {
  private readonly jar = new Map<string, string>();
  take(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Signs in as a demo user asking for `scope`; answers the token response and the consent page's text. */
export async function signIn(server: PorticoServer, username: string, scope: string): Promise<{ token: Record<string, unknown>; consent: string }> {
  const cookies = new Cookies();
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = 'http://localhost/callback';
  const authorize = new URL(`${server.authIssuer}/authorize`);
  const params = {
    client_id: 'portico-demo',
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state: 'state-1',
    aud: server.fhirBaseUrl,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(new URL(url, server.origin), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), Cookie: cookies.header() } });
    cookies.take(response);
    return response;
  };
  const form = (fields: Record<string, string>): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

  let response = await go(authorize.href);
  assert.ok(response.status === 302 || response.status === 303, `authorize: ${response.status} ${await response.text()}`);
  const interaction = response.headers.get('location')!;
  response = await go(`${interaction}/login`, form({ username, password: `${username}-demo` }));
  const consent = await response.text();
  assert.equal(response.status, 200, consent.slice(0, 300));
  response = await go(`${interaction}/confirm`, form({ decision: 'allow', patient: username }));
  for (let hops = 0; hops < 5 && !(response.headers.get('location') ?? '').startsWith(redirectUri); hops++) {
    assert.ok(response.status === 302 || response.status === 303, `sign-in stopped at ${response.status}: ${(await response.text()).slice(0, 300)}`);
    response = await go(response.headers.get('location')!);
  }
  const back = new URL(response.headers.get('location')!);
  const code = back.searchParams.get('code');
  assert.ok(code, `no code: ${back.href}`);
  const tokenResponse = await fetch(`${server.authIssuer}/token`, form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'portico-demo', code_verifier: verifier }));
  const token = (await tokenResponse.json()) as Record<string, unknown>;
  assert.equal(tokenResponse.status, 200, JSON.stringify(token));
  return { token, consent };
}

/** The embedded server of a write-rule attack file: started before its tests and closed after them. */
export function attackServer(): () => PorticoServer {
  let server: PorticoServer | undefined;
  before(async () => {
    server = await startPorticoServer({ port: 0, testAdmin: true });
  });
  after(async () => {
    await server?.close();
  });
  return () => server!;
}

/** A fresh sandbox of a write-rule attack and the tokens its cases use. */
export interface AttackSandbox {
  fhir: string;
  /** Maria with the element's scopes. */
  maria: string;
  /** Maria with every scope, so only the server's rules refuse. */
  mariaAll: string;
  /** James for himself, with the element's scopes. */
  jamesToken: string;
  /** James acting for Leo, with the element's scopes. */
  leoToken: string;
}

/** A fresh sandbox (with `settings`) and the tokens: Maria's with `scope` and with every scope, James's for himself and for Leo. */
export async function attackSandbox(server: PorticoServer, scope: string, settings: Record<string, unknown> = {}): Promise<AttackSandbox> {
  const { fhirBaseUrl: fhir } = await admin<{ fhirBaseUrl: string }>(server, 'POST', 'sandboxes', settings);
  const [maria, mariaAll, jamesToken, leoToken] = await Promise.all([
    tokenFor(server, 'maria', scope),
    tokenFor(server, 'maria', 'patient/*.cruds'),
    tokenFor(server, 'james', scope, 'james'),
    tokenFor(server, 'james', scope, 'leo'),
  ]);
  return { fhir, maria, mariaAll, jamesToken, leoToken };
}
