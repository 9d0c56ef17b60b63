import type { fhirclient } from 'fhirclient/lib/types';
import { fetchDiscovery, type DiscoveryDocument } from './discovery.js';
import { awaitedByAnotherSession, isStateValue, PENDING_SIGN_IN_KEY, randomId, SessionStore } from './storage.js';
import { SMART_KEY, smartSession } from './stored-session.js';
import {
  cleanCallbackUrl,
  isLibraryFault,
  isWebAddress,
  oauthError,
  SessionError,
  type AuthLibraryLoader,
  type AuthStrategy,
  type SignedInSession,
} from './strategy.js';

export interface SmartStrategyOptions {
  fhirBaseUrl: string;
  clientId: string;
  scope: string;
  redirectUri: string;
  /** sessionStorage prefix of this session. */
  storagePrefix: string;
  /** The patient's language (BCP 47), sent as `ui_locales` so the sign-in pages can speak it. */
  uiLocales?: () => string | undefined;
  /** Loads fhirclient as `{ smart, adapter }` instead of the dynamic `import()` (see `AuthLibraryLoader`). */
  loadLibrary?: AuthLibraryLoader;
}

interface SmartConfiguration extends DiscoveryDocument {
  revocation_endpoint?: string;
  end_session_endpoint?: string;
  code_challenge_methods_supported?: string[];
}

type SmartModule = typeof import('fhirclient/lib/smart');
type AdapterConstructor = typeof import('fhirclient/lib/adapters/BrowserAdapter').default;

/** fhirclient is CommonJS: depending on the bundler its exports arrive as the namespace, or wrapped in `default` once or twice. */
function pick<T>(module: unknown, fits: (candidate: unknown) => boolean): T {
  let candidate: unknown = module;
  for (let depth = 0; depth < 3 && candidate; depth++) {
    if (fits(candidate)) return candidate as T;
    candidate = (candidate as { default?: unknown }).default;
  }
  throw new Error('fhirclient could not be loaded.');
}

/** base64url without padding. */
function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The PKCE S256 challenge of a verifier. */
async function pkceChallenge(verifier: string): Promise<string> {
  if (!crypto.subtle) throw new SessionError('unknown', 'Signing in needs a secure page (https): PKCE uses crypto.subtle.');
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

/**
 * SMART App Launch 2.x: discovery from `.well-known/smart-configuration` (fetched once per sign-in),
 * authorization code with PKCE S256 required, a crypto-random state, standalone and EHR launch (`launch`
 * + `iss`), `patient` and `fhirUser` context, refresh when granted. This strategy builds the
 * authorization request itself from the configuration it fetched and stores it in fhirclient's own
 * format, under the session's own storage prefix so that sessions don't collide; fhirclient completes
 * the callback (the code exchange). A reload restores the stored state without loading fhirclient.
 *
 * A callback is answered only by the session whose sign-in is in progress with that `state`: an
 * `error` ends that attempt and leaves an earlier signed-in session intact; a callback for another
 * session (SMART or OpenID Connect) on the page is left alone; one that no session started changes
 * nothing stored.
 */
export class SmartStrategy implements AuthStrategy {
  readonly mode = 'smart' as const;
  /** The signed-in state, in fhirclient's format (tokens, endpoints, expiry). */
  private state: fhirclient.ClientState | undefined;
  private readonly store: SessionStore;
  private modules?: Promise<{ smart: SmartModule; Adapter: AdapterConstructor }>;
  private configuration?: Promise<SmartConfiguration>;

  constructor(private readonly options: SmartStrategyOptions) {
    this.store = new SessionStore(options.storagePrefix);
  }

  /** fhirclient, loaded once; a failure is a `sign-in-library` error. */
  private load() {
    this.modules ??= (async () => {
      try {
        const loaded = this.options.loadLibrary
          ? ((await this.options.loadLibrary()) as { smart?: unknown; adapter?: unknown } | undefined)
          : await Promise.all([import('fhirclient/lib/smart'), import('fhirclient/lib/adapters/BrowserAdapter')]).then(([smart, adapter]) => ({ smart, adapter }));
        return {
          smart: pick<SmartModule>(loaded?.smart, (m) => typeof (m as { ready?: unknown }).ready === 'function'),
          Adapter: pick<AdapterConstructor>(loaded?.adapter, (m) => typeof m === 'function'),
        };
      } catch (error) {
        throw new SessionError('sign-in-library', 'fhirclient (the SMART sign-in library) could not be loaded.', { cause: error });
      }
    })();
    this.modules.catch(() => (this.modules = undefined));
    return this.modules;
  }

  /** fhirclient with this session's storage, reading the address as it was when `restore()` began (another session on the page may clean it meanwhile). */
  private async environment(address: URL) {
    const { smart, Adapter } = await this.load();
    const storage = this.store.asAsyncStorage();
    try {
      class SessionAdapter extends Adapter {
        override getStorage() {
          return storage as unknown as ReturnType<InstanceType<AdapterConstructor>['getStorage']>;
        }

        override getUrl() {
          return new URL(address.href);
        }
      }
      // The address is tidied by cleanCallbackUrl(), which keeps the page's history.state.
      return { smart, env: new SessionAdapter({ replaceBrowserHistory: false, refreshTokenWithCredentials: 'omit' } as fhirclient.BrowserFHIRSettings) };
    } catch (error) {
      throw new SessionError('sign-in-library', 'fhirclient (the SMART sign-in library) could not be set up.', { cause: error });
    }
  }

  async restore(): Promise<SignedInSession | undefined> {
    const address = new URL(window.location.href);
    const params = address.searchParams;
    const state = params.get('state');
    const callback = state !== null && (params.has('code') || params.has('error'));
    if (callback && isStateValue(state) && state === this.store.get<string>(PENDING_SIGN_IN_KEY)) return this.completeSignIn(address, state);
    if (callback && !awaitedByAnotherSession(state, this.store.prefix)) {
      // A response no session on this page is waiting for (forged, replayed, stale): it changes nothing stored.
      cleanCallbackUrl();
      const restored = await this.restoreSignedIn();
      if (restored) return restored;
      throw new SessionError('state-mismatch', 'The sign-in response does not match a sign-in started here.');
    }
    // EHR launch: the EHR opened this page with launch + iss for our server.
    const launch = params.get('launch');
    const iss = params.get('iss');
    if (launch && iss && sameServer(iss, this.options.fhirBaseUrl) && !params.has('code')) {
      await this.authorize(launch);
      return undefined;
    }
    return this.restoreSignedIn();
  }

  /** The callback of the sign-in this session started: exchange the code, or end the attempt on an error. */
  private async completeSignIn(address: URL, state: string): Promise<SignedInSession> {
    const params = address.searchParams;
    const previous = this.store.get<string>(SMART_KEY);
    // The address is tidied in the same step as the attempt is marked taken: another session on the page
    // sees either the callback and a session waiting for it, or neither (fhirclient reads `address`).
    cleanCallbackUrl();
    this.store.remove(PENDING_SIGN_IN_KEY);
    const error = params.get('error');
    if (error) {
      // Only the attempt in progress ends: a session signed in before stays.
      this.store.remove(state);
      throw oauthError(error, params.get('error_description') ?? undefined, this.options);
    }
    try {
      const { smart, env } = await this.environment(address);
      this.state = (await smart.ready(env)).state;
    } catch (failure) {
      this.store.remove(state);
      if (previous && previous !== state) this.store.set(SMART_KEY, previous);
      throw this.completionError(failure);
    }
    // A new sign-in (another patient, or after expiry) replaces the one before.
    if (previous && previous !== state) this.store.remove(previous);
    const session = this.describe();
    if (!session) {
      this.store.clear();
      throw new SessionError('unknown', 'The authorization server did not say which patient was chosen (no patient in the token response).');
    }
    return session;
  }

  /** What went wrong exchanging the code: the library, the token endpoint's OAuth error, or the network. */
  private completionError(error: unknown): SessionError {
    if (error instanceof SessionError) return error;
    if (isLibraryFault(error)) return new SessionError('sign-in-library', 'fhirclient (the SMART sign-in library) failed while completing the sign-in.', { cause: error });
    const oauth = error instanceof Error && error.name === 'HttpError' ? /\n([a-z_]+)(?::\s*(.*))?$/m.exec(error.message) : null;
    if (oauth) return oauthError(oauth[1]!, oauth[2], this.options, error);
    if (error instanceof TypeError) return new SessionError('network', 'The token endpoint could not be reached.', { cause: error });
    return new SessionError('unknown', 'The sign-in could not be completed.', { cause: error });
  }

  /** The session kept in sessionStorage, when there is one (fhirclient is not needed for that). */
  private async restoreSignedIn(): Promise<SignedInSession | undefined> {
    const key = this.store.get<string>(SMART_KEY);
    this.state = key ? this.store.get<fhirclient.ClientState>(key) : undefined;
    const session = this.describe();
    if (!session) {
      // Nothing usable kept (no token or no patient): forget it.
      this.state = undefined;
      if (key) this.store.remove(key);
      this.store.remove(SMART_KEY);
      return undefined;
    }
    if (session.expiresAt && session.expiresAt < Date.now()) return this.refresh();
    return session;
  }

  private describe(): SignedInSession | undefined {
    return smartSession(this.state, this.options.fhirBaseUrl);
  }

  async signIn(): Promise<void> {
    await this.authorize();
  }

  /** `.well-known/smart-configuration`, fetched once per strategy (so once per sign-in); a missing or unusable one is a clear sign-in error. */
  private discover(): Promise<SmartConfiguration> {
    this.configuration ??= (async () => {
      const url = `${this.options.fhirBaseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
      const config = (await fetchDiscovery(url, 'a SMART configuration')) as SmartConfiguration;
      const methods = config.code_challenge_methods_supported;
      if (Array.isArray(methods) && !methods.includes('S256')) {
        throw new SessionError('config-discovery', `${url} does not offer PKCE S256, which Portico requires.`);
      }
      return config;
    })();
    this.configuration.catch(() => (this.configuration = undefined));
    return this.configuration;
  }

  /**
   * Builds the authorization request (PKCE S256, a random state) from the configuration fetched once,
   * stores it as fhirclient expects for the callback, and goes to the authorization server. fhirclient
   * is loaded first, so a library that cannot load fails here rather than after the patient signed in.
   */
  private async authorize(launch?: string): Promise<void> {
    if (!isWebAddress(this.options.redirectUri)) {
      throw new SessionError('config-rejected', `The redirect URI "${this.options.redirectUri}" is not an http(s) address.`);
    }
    // fhirclient loads meanwhile (the callback needs it); a discovery failure is reported first.
    const library = this.load();
    library.catch(() => undefined);
    const config = await this.discover();
    await library;
    const key = randomId();
    const codeVerifier = randomId(48);
    const codeChallenge = await pkceChallenge(codeVerifier);
    const scope = launch ? `launch ${this.options.scope}` : this.options.scope;
    const state: fhirclient.ClientState = {
      serverUrl: this.options.fhirBaseUrl,
      clientId: this.options.clientId,
      redirectUri: this.options.redirectUri,
      scope,
      tokenResponse: {},
      key,
      authorizeUri: config.authorization_endpoint,
      tokenUri: config.token_endpoint,
      codeChallenge,
      codeVerifier,
      // Always complete in this window (fhirclient would hand the callback to a parent frame otherwise).
      completeInTarget: true,
    };
    const url = new URL(config.authorization_endpoint);
    const query = {
      response_type: 'code',
      client_id: this.options.clientId,
      scope,
      redirect_uri: this.options.redirectUri,
      aud: this.options.fhirBaseUrl,
      state: key,
      ...(launch ? { launch } : {}),
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const uiLocales = this.options.uiLocales?.();
    if (uiLocales) url.searchParams.set('ui_locales', uiLocales);
    // An earlier attempt that never came back is forgotten; a signed-in session stays until this one completes.
    const earlier = this.store.get<string>(PENDING_SIGN_IN_KEY);
    if (earlier && earlier !== this.store.get<string>(SMART_KEY)) this.store.remove(earlier);
    this.store.set(key, state);
    this.store.set(PENDING_SIGN_IN_KEY, key);
    window.location.assign(url.href);
  }

  async getAccessToken(): Promise<string | undefined> {
    return this.state?.tokenResponse?.access_token;
  }

  /**
   * Uses the refresh token. Done here rather than with fhirclient's `refresh()`, which leaves out
   * `client_id`: a public client must name itself, and servers (oidc-provider among them) refuse it otherwise.
   */
  async refresh(): Promise<SignedInSession | undefined> {
    const state = this.state;
    const refreshToken = state?.tokenResponse?.refresh_token;
    if (!state || !refreshToken || !state.tokenUri) return undefined;
    try {
      const response = await fetch(state.tokenUri, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: this.options.clientId }),
      });
      if (!response.ok) return undefined;
      const tokens = (await response.json()) as fhirclient.TokenResponse;
      if (!tokens.access_token) return undefined;
      state.tokenResponse = { ...state.tokenResponse, ...tokens };
      state.expiresAt = tokens.expires_in ? Math.floor(Date.now() / 1000) + Number(tokens.expires_in) : undefined;
      if (state.key) this.store.set(state.key, state);
      return this.describe();
    } catch {
      return undefined;
    }
  }

  /**
   * Forgets the session here first, then revokes the tokens and ends the server's session at an http(s)
   * `end_session_endpoint` (any other is ignored: signing out still clears the session on this page).
   */
  async signOut(): Promise<void> {
    const token = this.state?.tokenResponse;
    const idToken = token?.id_token;
    this.state = undefined;
    this.store.clear();
    if (!token) return;
    const config = await this.discover().catch((): Partial<SmartConfiguration> => ({}));
    const revocation = config.revocation_endpoint;
    if (isWebAddress(revocation)) {
      const revoke = (value: string | undefined, hint: string) =>
        value
          ? fetch(revocation, {
              method: 'POST',
              credentials: 'omit',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ token: value, token_type_hint: hint, client_id: this.options.clientId }),
            }).catch(() => undefined)
          : undefined;
      await Promise.all([revoke(token.refresh_token, 'refresh_token'), revoke(token.access_token, 'access_token')]);
    }
    if (isWebAddress(config.end_session_endpoint) && idToken) {
      const end = new URL(config.end_session_endpoint);
      end.searchParams.set('id_token_hint', idToken);
      end.searchParams.set('client_id', this.options.clientId);
      end.searchParams.set('post_logout_redirect_uri', this.options.redirectUri);
      window.location.assign(end.href);
    }
  }
}

function sameServer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
