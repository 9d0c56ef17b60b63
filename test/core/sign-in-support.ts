/** What the sign-in tests share: a session whose sign-in library can be swapped, and the browser around a redirect. */
import { elementUpdated, waitUntil } from '@open-wc/testing';
import '../../packages/core/src/define.js';
import type { AuthLibraryLoader } from '../../packages/core/src/auth/strategy.js';
import type { SessionState } from '../../packages/core/src/context.js';
import { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';

/**
 * A portal-session whose sign-in library is loaded by `loader` (the `signInLibraryLoader` extension
 * point). fhirclient is CommonJS and cannot load unbundled in the test page, so SMART tests that go as
 * far as the authorization server's door give it `SMART_LIBRARY_NOT_CALLED`.
 */
export class TestPortalSession extends PortalSession {
  loader?: AuthLibraryLoader;

  protected override signInLibraryLoader(mode: 'smart' | 'oidc'): AuthLibraryLoader | undefined {
    return this.loader ?? super.signInLibraryLoader(mode);
  }
}
if (!customElements.get('test-portal-session')) customElements.define('test-portal-session', TestPortalSession);

/** Stands in for fhirclient where the test never reaches the code exchange (its `ready` fails loudly if it is called). */
export const SMART_LIBRARY_NOT_CALLED: AuthLibraryLoader = async () => ({
  smart: {
    ready: () => Promise.reject(new Error('the code exchange is not part of this test')),
  },
  adapter: class {},
});

export const sessionOf = (el: PortalSession) => (el as unknown as { session: SessionState }).session;
export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const shadowText = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

export async function settled(el: PortalSession, status: SessionState['status']) {
  await waitUntil(() => sessionOf(el).status === status, `session never became ${status} (it is ${sessionOf(el).status})`, { timeout: 5000 });
  await elementUpdated(el);
}

interface NavigateEvent extends Event {
  destination: { url: string; sameDocument: boolean };
}

/**
 * Keeps the test page from leaving for another document and tells where it was sent: the
 * authorization request a sign-in makes, or an end-session address.
 */
export function captureNavigation(): { next: Promise<URL>; seen: string[]; stop(): void } {
  const navigation = (window as unknown as { navigation: EventTarget }).navigation;
  const seen: string[] = [];
  let resolve!: (url: URL) => void;
  const next = new Promise<URL>((r) => (resolve = r));
  const onNavigate = (event: Event) => {
    const { destination } = event as NavigateEvent;
    if (destination.sameDocument) return;
    event.preventDefault();
    seen.push(destination.url);
    resolve(new URL(destination.url));
  };
  navigation.addEventListener('navigate', onNavigate);
  return { next, seen, stop: () => navigation.removeEventListener('navigate', onNavigate) };
}

/** Records what is logged with console.error (still logging it). */
export function recordConsoleErrors(): { calls: unknown[][]; stop(): void } {
  const original = console.error;
  const calls: unknown[][] = [];
  console.error = (...args: unknown[]) => {
    calls.push(args);
    original.apply(console, args);
  };
  return { calls, stop: () => (console.error = original) };
}

/** The SessionError portal-session logged (its second argument). */
export function loggedSessionError(calls: unknown[][]): (Error & { kind: string; cause?: unknown }) | undefined {
  return calls.map((args) => args[1]).find((value): value is Error & { kind: string } => value instanceof Error && value.name === 'SessionError');
}

const startAddress = window.location.href;

/** Puts the callback an authorization server would send (`?code=…&state=…`) in the address, as on the page it returns to. */
export function arriveWith(params: Record<string, string>): void {
  const url = new URL(startAddress);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, '', url.href);
}

/** The test page's own address back, and no Portico session kept. */
export function resetPage(): void {
  window.history.replaceState(window.history.state, '', startAddress);
  for (const key of Object.keys(window.sessionStorage)) if (key.startsWith('portico:')) window.sessionStorage.removeItem(key);
}

/** sessionStorage keys of one session (by storage-key). */
export function storedKeys(storageKey: string): string[] {
  return Object.keys(window.sessionStorage)
    .filter((key) => key.startsWith(`portico:${storageKey}:`))
    .map((key) => key.slice(`portico:${storageKey}:`.length))
    .sort();
}

/**
 * A SMART session as it is kept after a completed sign-in (fhirclient's state format, under the
 * session's storage key), holding a real access token from the embedded authorization server: a reload
 * of the page then restores it.
 */
export function keepSmartSession(storageKey: string, session: { fhirBaseUrl: string; tokenUri: string; accessToken: string; patient: string; key?: string; idToken?: string }): string {
  const key = session.key ?? `kept-${crypto.randomUUID().replace(/-/g, '')}`;
  const state = {
    serverUrl: session.fhirBaseUrl,
    clientId: 'portico-demo',
    key,
    tokenUri: session.tokenUri,
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    tokenResponse: { access_token: session.accessToken, token_type: 'Bearer', patient: session.patient, scope: 'launch/patient patient/*.rs', id_token: session.idToken },
  };
  window.sessionStorage.setItem(`portico:${storageKey}:${key}`, JSON.stringify(state));
  window.sessionStorage.setItem(`portico:${storageKey}:SMART_KEY`, JSON.stringify(key));
  return key;
}

/** An ID token as a token response carries it (unsigned here: sessions read its claims, never check its signature). */
export function idTokenWith(claims: Record<string, unknown>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${part({ alg: 'none' })}.${part(claims)}.`;
}

/** An OpenID Connect user as oidc-client-ts keeps it after a completed sign-in (under the session's storage key). */
export function keepOidcUser(storageKey: string, authority: string, user: { accessToken: string; idToken: string; profile: Record<string, unknown> }): void {
  const stored = {
    id_token: user.idToken,
    access_token: user.accessToken,
    token_type: 'Bearer',
    scope: 'openid fhirUser launch/patient patient/*.rs',
    profile: user.profile,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
  };
  window.sessionStorage.setItem(`portico:${storageKey}:oidc.user:${authority}:portico-demo`, JSON.stringify(stored));
}
