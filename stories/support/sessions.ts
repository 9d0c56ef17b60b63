import { STORY_AUTH_ISSUER, STORY_CLIENT_ID, STORY_FHIR_BASE, STORY_TOKEN_ENDPOINT } from './story-fhir.js';
import { storyToken } from './story-tokens.js';

/**
 * Session storage helpers for stories: each story starts with no Portico session, and the stories that
 * show a returning patient seed one the way `portal-session` (through fhirclient) keeps it.
 */

/** Forgets every Portico session of this tab (keys under `portico:`), so no story inherits a sign-in. */
export function clearPorticoSessions(): void {
  const keys: string[] = [];
  for (let i = 0; i < window.sessionStorage.length; i++) {
    const key = window.sessionStorage.key(i);
    if (key?.startsWith('portico:')) keys.push(key);
  }
  for (const key of keys) window.sessionStorage.removeItem(key);
}

/** An unsigned JWT-shaped ID token (fhirclient only decodes it); non-ASCII is escaped so `atob` keeps it. */
function idToken(claims: Record<string, unknown>): string {
  const encode = (value: object) =>
    btoa(JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).replace(/=+$/, '');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

export interface SeededSmartSession {
  /** The `storage-key` attribute the story's `portal-session` uses. */
  storageKey: string;
  patientId: string;
  /** The signed-in person (`Patient/…`, `Person/…`, `RelatedPerson/…`). */
  fhirUser: string;
  /** The signed-in person's name (ID token `name` claim). */
  name: string;
  /** The access token has expired, so restoring it first asks the token endpoint for a new one. */
  expired?: boolean;
  /** The demo user signed in (default: the one who may open `patientId`). */
  user?: string;
}

/**
 * Stores a SMART session as if the patient had signed in earlier in this tab: `portal-session
 * auth="smart" storage-key=…` restores it on load. With `expired`, restoring refreshes the token first,
 * which is when the session shows its initializing state (hold it with a delay on the token endpoint).
 */
export function seedSmartSession({ storageKey, patientId, fhirUser, name, expired = false, user }: SeededSmartSession): void {
  const prefix = `portico:${storageKey}:`;
  const key = 'story-smart-state';
  const now = Math.floor(Date.now() / 1000);
  const scope = 'openid fhirUser launch/patient patient/*.rs online_access';
  const token = storyToken(patientId, { user, scope });
  const state = {
    clientId: STORY_CLIENT_ID,
    scope,
    redirectUri: `${window.location.origin}${window.location.pathname}`,
    serverUrl: STORY_FHIR_BASE,
    tokenUri: STORY_TOKEN_ENDPOINT,
    key,
    // Storybook shows stories in an iframe: finish here rather than hand the sign-in to the parent page.
    completeInTarget: true,
    expiresAt: expired ? now - 60 : now + 3600,
    tokenResponse: {
      access_token: expired ? 'expired' : token,
      token_type: 'Bearer',
      expires_in: 3600,
      scope,
      refresh_token: token,
      patient: patientId,
      id_token: idToken({ iss: STORY_AUTH_ISSUER, sub: fhirUser, aud: STORY_CLIENT_ID, fhirUser, name, iat: now - 3600, exp: now + 3600 }),
    },
  };
  window.sessionStorage.setItem(`${prefix}SMART_KEY`, JSON.stringify(key));
  window.sessionStorage.setItem(`${prefix}${key}`, JSON.stringify(state));
}
