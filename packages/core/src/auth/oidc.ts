import type { OidcMetadata, User, UserManager } from 'oidc-client-ts';
import { fetchDiscovery } from './discovery.js';
import { awaitedByAnotherSession, isStateValue, SessionStore } from './storage.js';
import { OIDC_PREFIX, oidcSession, type OidcStoredUser } from './stored-session.js';
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

export interface OidcStrategyOptions {
  fhirBaseUrl: string;
  authority: string;
  clientId: string;
  scope: string;
  redirectUri: string;
  storagePrefix: string;
  /** The patient's language (BCP 47), sent as `ui_locales` so the sign-in pages can speak it. */
  uiLocales?: () => string | undefined;
  /**
   * The ID-token claim that names the patient. oidc-client-ts 3.5 drops the SMART `patient` field of the
   * token response, so the patient comes from a claim: this one, else `patient`, else a `fhirUser` that is a Patient.
   */
  patientClaim?: string;
  /** Loads the oidc-client-ts module instead of the dynamic `import()` (see `AuthLibraryLoader`). */
  loadLibrary?: AuthLibraryLoader;
}

type OidcLibrary = typeof import('oidc-client-ts');

/**
 * A generic OpenID Connect provider (Okta, Entra ID, Keycloak…) through oidc-client-ts: authorization
 * code with PKCE, tokens in sessionStorage under the session's prefix, refresh with the refresh token.
 * Sign-in fetches the provider's metadata itself (once) and hands it to oidc-client-ts, so each failure
 * gets its own message. A callback is answered only when its `state` is one of this session's
 * sign-ins in progress; another session's is left alone, and one nobody started changes nothing stored.
 */
export class OidcStrategy implements AuthStrategy {
  readonly mode = 'oidc' as const;
  private manager?: Promise<UserManager>;
  private managerHasMetadata = false;
  private library?: Promise<OidcLibrary>;
  private metadata?: Promise<Partial<OidcMetadata>>;
  private user: User | null = null;
  private readonly store: SessionStore;

  constructor(private readonly options: OidcStrategyOptions) {
    this.store = new SessionStore(options.storagePrefix);
  }

  /** oidc-client-ts, loaded once; a failure is a `sign-in-library` error. */
  private load(): Promise<OidcLibrary> {
    this.library ??= (async () => {
      try {
        const library = (await (this.options.loadLibrary ? this.options.loadLibrary() : import('oidc-client-ts'))) as OidcLibrary | undefined;
        if (typeof library?.UserManager !== 'function' || typeof library.WebStorageStateStore !== 'function') throw new Error('oidc-client-ts has no UserManager.');
        return library;
      } catch (error) {
        throw new SessionError('sign-in-library', 'oidc-client-ts (the OpenID Connect sign-in library) could not be loaded.', { cause: error });
      }
    })();
    this.library.catch(() => (this.library = undefined));
    return this.library;
  }

  /** The provider's metadata, fetched once: unreachable, or without endpoints, each says so. */
  private discover(): Promise<Partial<OidcMetadata>> {
    this.metadata ??= fetchDiscovery(`${this.options.authority.replace(/\/+$/, '')}/.well-known/openid-configuration`, 'OpenID Connect metadata') as Promise<Partial<OidcMetadata>>;
    this.metadata.catch(() => (this.metadata = undefined));
    return this.metadata;
  }

  /** The UserManager; given metadata (sign-in), oidc-client-ts uses it instead of fetching it again. */
  private userManager(metadata?: Partial<OidcMetadata>): Promise<UserManager> {
    if (!this.manager || (metadata && !this.managerHasMetadata)) {
      this.managerHasMetadata = !!metadata;
      this.manager = this.load().then(({ UserManager, WebStorageStateStore }) => {
        try {
          const store = new WebStorageStateStore({ store: window.sessionStorage, prefix: `${this.store.prefix}${OIDC_PREFIX}` });
          return new UserManager({
            authority: this.options.authority,
            ...(metadata ? { metadata } : {}),
            client_id: this.options.clientId,
            redirect_uri: this.options.redirectUri,
            post_logout_redirect_uri: this.options.redirectUri,
            scope: this.options.scope,
            response_type: 'code',
            userStore: store,
            stateStore: store,
            automaticSilentRenew: false,
            loadUserInfo: false,
            extraQueryParams: { aud: this.options.fhirBaseUrl },
            fetchRequestCredentials: 'omit',
          });
        } catch (error) {
          throw new SessionError('sign-in-library', 'oidc-client-ts (the OpenID Connect sign-in library) could not be set up.', { cause: error });
        }
      });
      this.manager.catch(() => (this.manager = undefined));
    }
    return this.manager;
  }

  async restore(): Promise<SignedInSession | undefined> {
    const params = new URL(window.location.href).searchParams;
    const state = params.get('state');
    if (state !== null && (params.has('code') || params.has('error'))) {
      if (isStateValue(state) && this.store.has(`${OIDC_PREFIX}${state}`)) return this.completeSignIn(params);
      if (!awaitedByAnotherSession(state, this.store.prefix)) {
        // A response no session on this page is waiting for (forged, replayed, stale): it changes nothing stored.
        cleanCallbackUrl();
        const restored = await this.restoreSignedIn();
        if (restored) return restored;
        throw new SessionError('state-mismatch', 'The sign-in response does not match a sign-in started here.');
      }
    }
    return this.restoreSignedIn();
  }

  /** The callback of a sign-in this session started. An error ends that attempt; a user signed in before stays stored. */
  private async completeSignIn(params: URLSearchParams): Promise<SignedInSession | undefined> {
    // The address is tidied before oidc-client-ts takes the state: another session on the page sees
    // either the callback and this session waiting for it, or neither.
    const callback = window.location.href;
    cleanCallbackUrl();
    try {
      const manager = await this.userManager(params.has('error') ? undefined : await this.discover());
      this.user = await manager.signinRedirectCallback(callback);
    } catch (error) {
      throw this.callbackError(error);
    }
    if (this.user.expired) return this.refresh();
    return this.describe();
  }

  private callbackError(error: unknown): SessionError {
    if (error instanceof SessionError) return error;
    const code = (error as { error?: unknown }).error;
    if (typeof code === 'string' && code) return oauthError(code, (error as { error_description?: string }).error_description ?? undefined, this.options, error);
    if (isLibraryFault(error)) return new SessionError('sign-in-library', 'oidc-client-ts (the OpenID Connect sign-in library) failed while completing the sign-in.', { cause: error });
    if (/state/i.test((error as Error).message)) return new SessionError('state-mismatch', 'The sign-in response does not match a sign-in started here.', { cause: error });
    if (error instanceof TypeError) return new SessionError('network', 'The token endpoint could not be reached.', { cause: error });
    return new SessionError('unknown', 'The sign-in could not be completed.', { cause: error });
  }

  /** The user kept in sessionStorage, when there is one (oidc-client-ts is not even loaded otherwise). */
  private async restoreSignedIn(): Promise<SignedInSession | undefined> {
    if (!this.store.keys().some((key) => key.startsWith(`${OIDC_PREFIX}user:`))) return undefined;
    const manager = await this.userManager();
    this.user = await manager.getUser();
    if (!this.user) return undefined;
    if (this.user.expired) return this.refresh();
    return this.describe();
  }

  private describe(): SignedInSession | undefined {
    if (!this.user) return undefined;
    const session = oidcSession(this.user as OidcStoredUser, this.options);
    if (!session) throw new SessionError('unknown', `The ID token has no patient claim (${this.options.patientClaim ?? 'patient'}) and fhirUser is not a Patient.`);
    return session;
  }

  /** Fetches the metadata and loads oidc-client-ts (both before leaving the page), then goes to the provider. */
  async signIn(): Promise<void> {
    if (!isWebAddress(this.options.redirectUri)) {
      throw new SessionError('config-rejected', `The redirect URI "${this.options.redirectUri}" is not an http(s) address.`);
    }
    const [metadata] = await Promise.all([this.discover(), this.load()]);
    const manager = await this.userManager(metadata);
    try {
      const uiLocales = this.options.uiLocales?.();
      await manager.signinRedirect(uiLocales ? { ui_locales: uiLocales } : undefined);
    } catch (error) {
      throw new SessionError('sign-in-library', 'oidc-client-ts (the OpenID Connect sign-in library) failed to start the sign-in.', { cause: error });
    }
  }

  async getAccessToken(): Promise<string | undefined> {
    return this.user?.access_token;
  }

  async refresh(): Promise<SignedInSession | undefined> {
    if (!this.user?.refresh_token) return undefined;
    try {
      const manager = await this.userManager();
      this.user = await manager.signinSilent();
      return this.describe();
    } catch {
      return undefined;
    }
  }

  /** Forgets the user here first; ends the provider's session only at an http(s) end-session endpoint. */
  async signOut(): Promise<void> {
    const user = this.user;
    this.user = null;
    const manager = await this.userManager().catch(() => undefined);
    if (!manager) {
      this.store.clear();
      return;
    }
    await manager.revokeTokens().catch(() => undefined);
    await manager.removeUser().catch(() => undefined);
    this.store.clear();
    if (!user?.id_token) return;
    const endSession = await manager.metadataService.getEndSessionEndpoint().catch(() => undefined);
    if (isWebAddress(endSession)) await manager.signoutRedirect({ id_token_hint: user.id_token }).catch(() => undefined);
  }
}
