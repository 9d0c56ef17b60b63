/** What `portal-session` is configured with, checked, and the sign-in strategy it leads to (its code loaded on demand). */
import { SessionError, type AuthLibraryLoader, type AuthMode, type AuthStrategy } from '../auth/strategy.js';
import type { TokenStrategyOptions } from '../auth/token.js';

export interface SessionSetup {
  auth: AuthMode;
  fhirBaseUrl: string;
  clientId: string;
  /** The scopes to ask for. */
  scope: string;
  redirectUri: string;
  storagePrefix: string;
  /** The sign-in pages' language. */
  uiLocales: () => string | undefined;
  oidcAuthority: string;
  patientClaim: string;
  /** How the sign-in library is loaded (a dynamic `import()` when undefined). */
  loadLibrary?: AuthLibraryLoader;
  /** Token mode: what the host gives. */
  token: Omit<TokenStrategyOptions, 'fhirBaseUrl'>;
}

/** `redirect-uri` (relative to the page), else this page without its query. */
export function redirectTarget(redirectUri: string): string {
  if (!redirectUri) return `${window.location.origin}${window.location.pathname}`;
  try {
    return new URL(redirectUri, window.location.href).href;
  } catch {
    return redirectUri;
  }
}

/** The scopes asked for, once each; with `offlineAccess`, `offline_access` in place of `online_access`. */
export function scopesToAsk(asked: readonly string[], offlineAccess: boolean): string {
  const scopes = new Set(asked);
  if (offlineAccess) {
    scopes.add('offline_access');
    scopes.delete('online_access');
  }
  return [...scopes].join(' ');
}

/** Why the configuration cannot be used (no or no absolute FHIR base URL, OIDC without an authority), if it cannot. */
export function setupError(setup: Pick<SessionSetup, 'auth' | 'fhirBaseUrl' | 'oidcAuthority'>): SessionError | undefined {
  if (!setup.fhirBaseUrl) return new SessionError('config-no-server', 'portal-session needs a fhir-base-url.');
  try {
    new URL(setup.fhirBaseUrl);
  } catch {
    return new SessionError('config-no-server', `fhir-base-url "${setup.fhirBaseUrl}" is not an absolute URL.`);
  }
  if (setup.auth === 'oidc' && !setup.oidcAuthority) return new SessionError('config-discovery', 'auth="oidc" needs an oidc-authority.');
  return undefined;
}

/** The strategy of `setup.auth`, its code loaded now; a SessionError when that code does not load. */
export async function loadStrategy(setup: SessionSetup): Promise<AuthStrategy> {
  const { fhirBaseUrl, clientId, scope, redirectUri, storagePrefix, uiLocales } = setup;
  const common = { fhirBaseUrl, clientId, scope, redirectUri, storagePrefix, uiLocales };
  try {
    switch (setup.auth) {
      case 'token': {
        const { TokenStrategy } = await import('../auth/token.js');
        return new TokenStrategy({ fhirBaseUrl, ...setup.token });
      }
      case 'oidc': {
        const { OidcStrategy } = await import('../auth/oidc.js');
        return new OidcStrategy({ ...common, authority: setup.oidcAuthority, patientClaim: setup.patientClaim || undefined, loadLibrary: setup.loadLibrary });
      }
      default: {
        const { SmartStrategy } = await import('../auth/smart.js');
        return new SmartStrategy({ ...common, loadLibrary: setup.loadLibrary });
      }
    }
  } catch (error) {
    // The strategy's own chunk did not load (a deployment that lost it, a network cut).
    throw new SessionError('sign-in-library', `The ${setup.auth} sign-in code could not be loaded.`, { cause: error });
  }
}
