/** Who is signed in, for which patient, on which FHIR server. */
export interface SignedInSession {
  fhirBaseUrl: string;
  /** The patient in context (the record the elements show). */
  patientId: string;
  /** The signed-in person as a relative reference: `Patient/…`, `RelatedPerson/…`, `Person/…`, `Practitioner/…`. */
  fhirUser?: string;
  /** The signed-in person's name, from the ID token when there is one. */
  userName?: string;
  /** The scopes the server granted. */
  scope?: string;
  /** When the access token expires (ms since epoch), when known. */
  expiresAt?: number;
  /** Whether a refresh token was granted. */
  canRefresh: boolean;
}

export const AUTH_MODES = ['smart', 'oidc', 'token'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** One way of signing in. The session element picks one by its `auth` attribute and loads it lazily. */
export interface AuthStrategy {
  readonly mode: AuthMode;
  /**
   * Completes a sign-in redirect in the current URL (then removes `code`/`state` from it), or restores
   * a session kept in sessionStorage. Resolves undefined when nobody is signed in.
   */
  restore(): Promise<SignedInSession | undefined>;
  /** Starts signing in; SMART and OIDC navigate to the authorization server. */
  signIn(): Promise<void>;
  /** Forgets the tokens (revoking them where the server allows) and may navigate to end the server's session. */
  signOut(): Promise<void>;
  /** The current access token. */
  getAccessToken(): Promise<string | undefined>;
  /** Uses the refresh token; resolves false when there is none or the server refused. */
  refresh(): Promise<SignedInSession | undefined>;
}

/**
 * A sign-in failure the patient can be told about (the kinds match the localize catalogue's error terms):
 * - config-no-server: no or no usable `fhir-base-url`
 * - discovery-unreachable: the SMART configuration or OpenID Connect metadata could not be fetched at all
 * - config-discovery: it answered, but not with the authorization and token endpoints (a 404, not JSON, …)
 * - config-rejected: the authorization server refused the portal's request (redirect URI, client id, scope)
 * - sign-in-library: fhirclient or oidc-client-ts did not load, or broke
 * - access-denied: the patient cancelled or refused consent
 * - state-mismatch: a sign-in response no session on the page started
 */
export const SESSION_ERROR_KINDS = [
  'config-no-server',
  'discovery-unreachable',
  'config-discovery',
  'config-rejected',
  'sign-in-library',
  'access-denied',
  'state-mismatch',
  'network',
  'unknown',
] as const;
export type SessionErrorKindName = (typeof SESSION_ERROR_KINDS)[number];

/**
 * Loads a strategy's sign-in library instead of the built-in dynamic `import()`: for `smart` it
 * resolves to `{ smart, adapter }` (fhirclient's `lib/smart` and `lib/adapters/BrowserAdapter`
 * modules), for `oidc` to the `oidc-client-ts` module.
 */
export type AuthLibraryLoader = () => Promise<unknown>;

/** Why a sign-in failed, for the console (`cause` keeps the underlying error); `kind` chooses the patient's message. */
export class SessionError extends Error {
  override readonly name = 'SessionError';
  constructor(
    readonly kind: SessionErrorKindName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** OAuth error codes that mean the portal's registration or request is wrong (redirect URI, client, scope), not the patient. */
const CONFIGURATION_ERRORS = new Set(['invalid_request', 'invalid_redirect_uri', 'redirect_uri_mismatch', 'unauthorized_client', 'invalid_client', 'unsupported_response_type', 'invalid_scope']);

/**
 * The SessionError for an OAuth error (`error` and `error_description` of a callback or a token
 * response): `access_denied` is the patient's refusal; a bad redirect URI, client or scope is the
 * portal's configuration; anything else could not be completed.
 */
export function oauthError(code: string, description: string | undefined, context: { redirectUri: string; clientId: string }, cause?: unknown): SessionError {
  const said = description ? `${code}: ${description}` : code;
  if (code === 'access_denied') return new SessionError('access-denied', `Sign-in was refused (${said}).`, { cause });
  if (CONFIGURATION_ERRORS.has(code)) {
    return new SessionError(
      'config-rejected',
      `The authorization server rejected the sign-in request (${said}). Check that client "${context.clientId}" is registered with redirect URI ${context.redirectUri} and the requested scopes.`,
      { cause },
    );
  }
  return new SessionError('unknown', `The sign-in could not be completed (${said}).`, { cause });
}

/** Did the sign-in library itself break (a bug, a missing global such as `process`), rather than report a server's answer? */
export function isLibraryFault(error: unknown): boolean {
  if (error instanceof ReferenceError || error instanceof SyntaxError) return true;
  return error instanceof TypeError && !/fetch|network|load failed/i.test(error.message);
}

/** Is `value` an absolute http(s) URL (never `javascript:`, `data:` or a relative path)? */
export function isWebAddress(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Parameters a sign-in redirect may leave in the URL. */
const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'session_state', 'launch'];

/** Removes the authorization response from the address bar (no code or token stays in the URL or history). */
export function cleanCallbackUrl(): void {
  const url = new URL(window.location.href);
  let changed = false;
  for (const name of CALLBACK_PARAMS) {
    if (url.searchParams.has(name)) {
      url.searchParams.delete(name);
      changed = true;
    }
  }
  if (changed) window.history.replaceState(window.history.state, '', url.href);
}

/** The relative `Type/id` of a FHIR URL (absolute or relative). */
export function relativeReference(value: string | undefined): string | undefined {
  const match = value ? /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(value) : null;
  return match?.[1];
}
