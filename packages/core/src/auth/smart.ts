import type Client from 'fhirclient/lib/Client';
import type { fhirclient } from 'fhirclient/lib/types';
import { randomId, SessionStore } from './storage.js';
import { cleanCallbackUrl, relativeReference, SessionError, type AuthStrategy, type SignedInSession } from './strategy.js';

export interface SmartStrategyOptions {
  fhirBaseUrl: string;
  clientId: string;
  scope: string;
  redirectUri: string;
  /** sessionStorage prefix of this session. */
  storagePrefix: string;
}

interface SmartConfiguration {
  authorization_endpoint?: string;
  token_endpoint?: string;
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

/**
 * SMART App Launch 2.x through fhirclient: discovery from `.well-known/smart-configuration`, authorization
 * code with PKCE S256 required, a crypto-random state, standalone and EHR launch (`launch` + `iss`),
 * `patient` and `fhirUser` context, refresh when granted. fhirclient keeps one state per tab under a fixed
 * key; this strategy gives it a storage under the session's own prefix so sessions don't collide.
 */
export class SmartStrategy implements AuthStrategy {
  readonly mode = 'smart' as const;
  private client: Client | undefined;
  private readonly store: SessionStore;
  private modules?: Promise<{ smart: SmartModule; Adapter: AdapterConstructor }>;

  constructor(private readonly options: SmartStrategyOptions) {
    this.store = new SessionStore(options.storagePrefix);
  }

  private load() {
    this.modules ??= Promise.all([import('fhirclient/lib/smart'), import('fhirclient/lib/adapters/BrowserAdapter')]).then(([smart, adapter]) => ({
      smart: pick<SmartModule>(smart, (m) => typeof (m as { authorize?: unknown }).authorize === 'function'),
      Adapter: pick<AdapterConstructor>(adapter, (m) => typeof m === 'function'),
    }));
    return this.modules;
  }

  /**
   * fhirclient with this session's storage, reading the address as it was when `restore()` began (another
   * session on the page may clean the address meanwhile); `hideCallback` hides a callback meant for another session.
   */
  private async environment(address = new URL(window.location.href), hideCallback = false) {
    const { smart, Adapter } = await this.load();
    const storage = this.store.asAsyncStorage();
    class SessionAdapter extends Adapter {
      override getStorage() {
        return storage as unknown as ReturnType<InstanceType<AdapterConstructor>['getStorage']>;
      }

      override getUrl() {
        const url = new URL(address.href);
        if (hideCallback) for (const name of ['code', 'state', 'error', 'error_description']) url.searchParams.delete(name);
        return url;
      }
    }
    return { smart, env: new SessionAdapter({ replaceBrowserHistory: true, refreshTokenWithCredentials: 'omit' } as fhirclient.BrowserFHIRSettings) };
  }

  async restore(): Promise<SignedInSession | undefined> {
    const address = new URL(window.location.href);
    const params = address.searchParams;
    const state = params.get('state');
    const ourState = state !== null && this.store.get(state) !== undefined;
    if (params.has('error') && ourState) {
      const error = params.get('error') ?? 'unknown';
      this.store.remove(state);
      cleanCallbackUrl();
      throw new SessionError(error === 'access_denied' ? 'access-denied' : 'unknown', `${error}: ${params.get('error_description') ?? ''}`);
    }
    let hideCallback = false;
    if (params.has('code') && state !== null && !ourState) {
      if (!stateKnownToAnySession(state)) {
        // A code with a state no session on this page issued: a forged or replayed callback.
        cleanCallbackUrl();
        throw new SessionError('state-mismatch', 'The sign-in response does not match a sign-in started here.');
      }
      hideCallback = true; // another session's callback: restore ours without touching it
    }
    // EHR launch: the EHR opened this page with launch + iss for our server.
    const launch = params.get('launch');
    const iss = params.get('iss');
    if (launch && iss && sameServer(iss, this.options.fhirBaseUrl) && !params.has('code')) {
      await this.authorize(launch);
      return undefined;
    }
    if (!ourState && this.store.get('SMART_KEY') === undefined) return undefined;
    const { smart, env } = await this.environment(address, hideCallback);
    try {
      this.client = await smart.ready(env);
    } catch (error) {
      this.store.clear();
      if (ourState) {
        cleanCallbackUrl();
        throw new SessionError('unknown', 'The sign-in could not be completed.', { cause: error });
      }
      return undefined;
    }
    // Only the session that started this sign-in tidies the address (the others read it first).
    if (ourState) cleanCallbackUrl();
    const session = this.describe();
    if (!session) {
      this.store.clear();
      throw new SessionError('unknown', 'The authorization server did not say which patient was chosen (no patient in the token response).');
    }
    if (session.expiresAt && session.expiresAt < Date.now()) return this.refresh();
    return session;
  }

  private describe(): SignedInSession | undefined {
    const client = this.client;
    const patientId = client?.patient.id ?? undefined;
    if (!client || !patientId) return undefined;
    const token = client.state.tokenResponse ?? {};
    const idToken = client.getIdToken() as { name?: string; fhirUser?: string } | null;
    return {
      fhirBaseUrl: this.options.fhirBaseUrl,
      patientId: String(patientId),
      fhirUser: relativeReference(idToken?.fhirUser ?? client.getFhirUser() ?? undefined),
      userName: typeof idToken?.name === 'string' ? idToken.name : undefined,
      scope: token.scope,
      expiresAt: client.state.expiresAt ? client.state.expiresAt * 1000 : undefined,
      canRefresh: !!token.refresh_token,
    };
  }

  async signIn(): Promise<void> {
    await this.authorize();
  }

  private configuration?: Promise<SmartConfiguration>;

  /** `.well-known/smart-configuration`, fetched once; a missing or unusable one is a clear sign-in error. */
  private discover(): Promise<SmartConfiguration> {
    this.configuration ??= (async () => {
      const url = `${this.options.fhirBaseUrl.replace(/\/+$/, '')}/.well-known/smart-configuration`;
      let response: Response;
      try {
        response = await fetch(url, { credentials: 'omit', headers: { Accept: 'application/json' } });
      } catch (error) {
        throw new SessionError('network', `${url} could not be reached.`, { cause: error });
      }
      const config = response.ok ? ((await response.json().catch(() => undefined)) as SmartConfiguration | undefined) : undefined;
      if (!config?.authorization_endpoint || !config.token_endpoint) {
        throw new SessionError('config-discovery', `${url} answered ${response.status} without SMART authorization and token endpoints.`);
      }
      if (config.code_challenge_methods_supported && !config.code_challenge_methods_supported.includes('S256')) {
        throw new SessionError('config-discovery', `${url} does not offer PKCE S256, which Portico requires.`);
      }
      return config;
    })();
    this.configuration.catch(() => (this.configuration = undefined));
    return this.configuration;
  }

  private async authorize(launch?: string): Promise<void> {
    await this.discover();
    const { smart, env } = await this.environment();
    let url: string;
    try {
      url = String(
        await smart.authorize(env, {
          iss: this.options.fhirBaseUrl,
          clientId: this.options.clientId,
          scope: launch ? `launch ${this.options.scope}` : this.options.scope,
          redirectUri: this.options.redirectUri,
          pkceMode: 'required',
          stateKey: randomId(),
          noRedirect: true,
          launch,
        } as fhirclient.AuthorizeParams),
      );
    } catch (error) {
      this.store.clear();
      throw new SessionError('config-discovery', `SMART discovery failed for ${this.options.fhirBaseUrl}.`, { cause: error });
    }
    if (!/^https?:/.test(url) || url.startsWith(this.options.redirectUri.split('?')[0]!)) {
      // fhirclient treats a server without authorization endpoints as an open server: refuse that.
      this.store.clear();
      throw new SessionError('config-discovery', `${this.options.fhirBaseUrl} does not advertise a SMART authorization endpoint.`);
    }
    window.location.assign(url);
  }

  async getAccessToken(): Promise<string | undefined> {
    return this.client?.state.tokenResponse?.access_token;
  }

  /**
   * Uses the refresh token. Done here rather than with fhirclient's `refresh()`, which leaves out
   * `client_id`: a public client must name itself, and servers (oidc-provider among them) refuse it otherwise.
   */
  async refresh(): Promise<SignedInSession | undefined> {
    const state = this.client?.state;
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

  async signOut(): Promise<void> {
    const client = this.client;
    const token = client?.state.tokenResponse;
    const idToken = token?.id_token;
    this.client = undefined;
    this.store.clear();
    if (!token) return;
    const config = await this.discover().catch((): SmartConfiguration => ({}));
    if (config.revocation_endpoint) {
      const revoke = (value: string | undefined, hint: string) =>
        value
          ? fetch(config.revocation_endpoint!, {
              method: 'POST',
              credentials: 'omit',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ token: value, token_type_hint: hint, client_id: this.options.clientId }),
            }).catch(() => undefined)
          : undefined;
      await Promise.all([revoke(token.refresh_token, 'refresh_token'), revoke(token.access_token, 'access_token')]);
    }
    if (config.end_session_endpoint && idToken) {
      const end = new URL(config.end_session_endpoint);
      end.searchParams.set('id_token_hint', idToken);
      end.searchParams.set('client_id', this.options.clientId);
      end.searchParams.set('post_logout_redirect_uri', this.options.redirectUri);
      window.location.assign(end.href);
    }
  }
}

/** Does any Portico session in this tab (any prefix) hold this state? */
function stateKnownToAnySession(state: string): boolean {
  for (let i = 0; i < window.sessionStorage.length; i++) {
    const key = window.sessionStorage.key(i);
    if (key?.startsWith('portico:') && key.endsWith(`:${state}`)) return true;
  }
  return false;
}

function sameServer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
