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

/** A sign-in failure the patient can be told about (the kinds match the localize catalogue's error terms). */
export const SESSION_ERROR_KINDS = ['config-no-server', 'config-discovery', 'access-denied', 'state-mismatch', 'network', 'unknown'] as const;
export type SessionErrorKindName = (typeof SESSION_ERROR_KINDS)[number];

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
