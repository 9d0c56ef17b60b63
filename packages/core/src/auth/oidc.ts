import type { User, UserManager } from 'oidc-client-ts';
import { SessionStore } from './storage.js';
import { cleanCallbackUrl, relativeReference, SessionError, type AuthStrategy, type SignedInSession } from './strategy.js';

export interface OidcStrategyOptions {
  fhirBaseUrl: string;
  authority: string;
  clientId: string;
  scope: string;
  redirectUri: string;
  storagePrefix: string;
  /**
   * The ID-token claim that names the patient. oidc-client-ts 3.5 drops the SMART `patient` field of the
   * token response, so the patient comes from a claim: this one, else `patient`, else a `fhirUser` that is a Patient.
   */
  patientClaim?: string;
}

/**
 * A generic OpenID Connect provider (Okta, Entra ID, Keycloak…) through oidc-client-ts: authorization
 * code with PKCE, tokens in sessionStorage under the session's prefix, refresh with the refresh token.
 */
export class OidcStrategy implements AuthStrategy {
  readonly mode = 'oidc' as const;
  private manager?: Promise<UserManager>;
  private user: User | null = null;
  private readonly store: SessionStore;

  constructor(private readonly options: OidcStrategyOptions) {
    this.store = new SessionStore(options.storagePrefix);
  }

  private userManager(): Promise<UserManager> {
    this.manager ??= import('oidc-client-ts').then(({ UserManager, WebStorageStateStore }) => {
      const store = new WebStorageStateStore({ store: window.sessionStorage, prefix: `${this.store.prefix}oidc.` });
      return new UserManager({
        authority: this.options.authority,
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
    });
    return this.manager;
  }

  async restore(): Promise<SignedInSession | undefined> {
    const manager = await this.userManager();
    const params = new URL(window.location.href).searchParams;
    if ((params.has('code') || params.has('error')) && params.has('state')) {
      try {
        this.user = await manager.signinRedirectCallback(window.location.href);
      } catch (error) {
        cleanCallbackUrl();
        const code = (error as { error?: string }).error;
        if (code === 'access_denied') throw new SessionError('access-denied', 'Sign-in was refused.', { cause: error });
        if (/state/i.test((error as Error).message)) throw new SessionError('state-mismatch', 'The sign-in response does not match a sign-in started here.', { cause: error });
        throw new SessionError('unknown', 'The sign-in could not be completed.', { cause: error });
      }
      cleanCallbackUrl();
    } else {
      this.user = await manager.getUser();
    }
    if (!this.user) return undefined;
    if (this.user.expired) return this.refresh();
    return this.describe();
  }

  private describe(): SignedInSession | undefined {
    const user = this.user;
    if (!user) return undefined;
    const claims = user.profile as Record<string, unknown>;
    const fhirUser = relativeReference(typeof claims.fhirUser === 'string' ? claims.fhirUser : undefined);
    const fromClaim = [this.options.patientClaim, 'patient'].map((c) => (c ? claims[c] : undefined)).find((v) => typeof v === 'string') as string | undefined;
    const patientId = fromClaim ?? (fhirUser?.startsWith('Patient/') ? fhirUser.slice(8) : undefined);
    if (!patientId) throw new SessionError('unknown', `The ID token has no patient claim (${this.options.patientClaim ?? 'patient'}) and fhirUser is not a Patient.`);
    return {
      fhirBaseUrl: this.options.fhirBaseUrl,
      patientId,
      fhirUser,
      userName: typeof claims.name === 'string' ? claims.name : undefined,
      scope: user.scope,
      expiresAt: user.expires_at ? user.expires_at * 1000 : undefined,
      canRefresh: !!user.refresh_token,
    };
  }

  async signIn(): Promise<void> {
    const manager = await this.userManager();
    try {
      await manager.signinRedirect();
    } catch (error) {
      throw new SessionError('config-discovery', `OpenID Connect discovery failed for ${this.options.authority}.`, { cause: error });
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

  async signOut(): Promise<void> {
    const manager = await this.userManager();
    const user = this.user;
    this.user = null;
    await manager.revokeTokens().catch(() => undefined);
    await manager.removeUser();
    this.store.clear();
    if (user?.id_token) await manager.signoutRedirect({ id_token_hint: user.id_token }).catch(() => undefined);
  }
}
