/**
 * The signed-in session a reload takes up, read from sessionStorage without any sign-in library: the
 * SMART state in fhirclient's format, or the user oidc-client-ts kept. Signing in, completing a sign-in
 * response and refreshing load the strategy and its library; restoring a session that is still valid
 * needs none of them, so the page's first FHIR requests are not held up by scripts it does not need.
 * The strategies describe their sessions with the same functions, so both paths agree.
 */
import { SessionStore } from './storage.js';
import { relativeReference, type AuthMode, type SignedInSession } from './strategy.js';

/** fhirclient's key naming the stored state of the signed-in session. */
export const SMART_KEY = 'SMART_KEY';

/** Where oidc-client-ts keeps states and the user, under the session's prefix. */
export const OIDC_PREFIX = 'oidc.';

/** The parts of fhirclient's stored state a session is described from. */
export interface SmartStoredState {
  tokenResponse?: { access_token?: string; refresh_token?: string; id_token?: string; scope?: string; patient?: string | number };
  /** Seconds since the epoch. */
  expiresAt?: number;
}

/** The parts of oidc-client-ts's stored user a session is described from. */
export interface OidcStoredUser {
  access_token?: string;
  refresh_token?: string;
  scope?: string;
  profile?: Record<string, unknown>;
  /** Seconds since the epoch. */
  expires_at?: number;
}

/** The claims of a JWT (an ID token), without checking its signature: the token endpoint's TLS vouches for it. */
export function jwtClaims(token: string | undefined): Record<string, unknown> | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** A SMART session from fhirclient's state: undefined without an access token or a patient. */
export function smartSession(state: SmartStoredState | undefined, fhirBaseUrl: string): SignedInSession | undefined {
  const token = state?.tokenResponse;
  const patientId = token?.patient;
  if (!state || !token?.access_token || !patientId) return undefined;
  const claims = jwtClaims(token.id_token);
  return {
    fhirBaseUrl,
    patientId: String(patientId),
    fhirUser: relativeReference(text(claims?.fhirUser) ?? text(claims?.profile)),
    userName: text(claims?.name),
    scope: token.scope,
    expiresAt: state.expiresAt ? state.expiresAt * 1000 : undefined,
    canRefresh: !!token.refresh_token,
  };
}

/**
 * An OpenID Connect session from the stored user: the patient from `patientClaim`, else `patient`,
 * else a `fhirUser` that is a Patient; undefined when none names one.
 */
export function oidcSession(user: OidcStoredUser | null | undefined, options: { fhirBaseUrl: string; patientClaim?: string }): SignedInSession | undefined {
  if (!user) return undefined;
  const claims = user.profile ?? {};
  const fhirUser = relativeReference(text(claims.fhirUser));
  const fromClaim = [options.patientClaim, 'patient'].map((c) => (c ? claims[c] : undefined)).find((v) => typeof v === 'string') as string | undefined;
  const patientId = fromClaim ?? (fhirUser?.startsWith('Patient/') ? fhirUser.slice(8) : undefined);
  if (!patientId) return undefined;
  return {
    fhirBaseUrl: options.fhirBaseUrl,
    patientId,
    fhirUser,
    userName: text(claims.name),
    scope: user.scope,
    expiresAt: user.expires_at ? user.expires_at * 1000 : undefined,
    canRefresh: !!user.refresh_token,
  };
}

/** What a reload needs to carry on: the session and its access token. */
export interface StoredSession {
  session: SignedInSession;
  accessToken: string;
}

export interface StoredSessionOptions {
  mode: AuthMode;
  fhirBaseUrl: string;
  storagePrefix: string;
  clientId: string;
  /** OpenID Connect: the provider, as configured (oidc-client-ts names the stored user after it). */
  authority?: string;
  patientClaim?: string;
  /** Now, in ms (tests). */
  now?: number;
}

/** Margin before expiry under which a stored token is not taken up without the strategy (it refreshes it first). */
const EXPIRY_MARGIN_MS = 5_000;

/**
 * The session kept for this page, when one can be taken up as it is: no sign-in response or EHR launch
 * in the address (the strategy handles those), a token that is not about to expire, a patient. Anything
 * else is undefined, and the strategy restores (or refreshes, or reports) it.
 */
export function readStoredSession(options: StoredSessionOptions): StoredSession | undefined {
  if (options.mode === 'token' || signInResponsePending()) return undefined;
  const store = new SessionStore(options.storagePrefix);
  let found: { session: SignedInSession | undefined; accessToken?: string };
  if (options.mode === 'smart') {
    const key = store.get<string>(SMART_KEY);
    const state = typeof key === 'string' ? store.get<SmartStoredState>(key) : undefined;
    found = { session: smartSession(state, options.fhirBaseUrl), accessToken: state?.tokenResponse?.access_token };
  } else {
    if (!options.authority) return undefined;
    const user = store.get<OidcStoredUser>(`${OIDC_PREFIX}user:${options.authority}:${options.clientId}`);
    found = { session: oidcSession(user, options), accessToken: user?.access_token };
  }
  const { session, accessToken } = found;
  if (!session || !accessToken) return undefined;
  if (session.expiresAt !== undefined && session.expiresAt - EXPIRY_MARGIN_MS <= (options.now ?? Date.now())) return undefined;
  return { session, accessToken };
}

/** Does the address carry a sign-in response (`code`/`error` with `state`) or an EHR launch (`launch` + `iss`)? */
export function signInResponsePending(address = window.location.href): boolean {
  const params = new URL(address).searchParams;
  return (params.has('state') && (params.has('code') || params.has('error'))) || (params.has('launch') && params.has('iss'));
}
