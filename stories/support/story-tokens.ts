import { DEMO_CLIENT_SCOPES } from '../../demo/server/auth/scopes.js';

/**
 * Access tokens of the in-browser demo server (story-server.ts). A story signs in by handing
 * `portal-session` one of these, as a host page hands over its own: the token names the patient and
 * the scopes, and the server looks the signed-in person up in the seed's accounts, as the embedded
 * server's token check does (auth/provider.ts `introspect`).
 */

/** A token the server does not know: every FHIR request with it answers 401 ("Your session has ended"). */
export const EXPIRED_TOKEN = 'expired';
/** What the demo portal client is granted by default (auth/scopes.ts). */
export const STORY_SCOPE = ['openid', 'fhirUser', 'launch/patient', ...DEMO_CLIENT_SCOPES].join(' ');
const PREFIX = 'story.';

/** What a story token grants. */
export interface StoryGrant {
  /** The patient whose record the token opens. */
  patient: string;
  /** The demo user signed in (default: the first account that may open `patient`: `james` for `leo`). */
  user?: string;
  /** Granted scopes (default {@link STORY_SCOPE}). */
  scope?: string;
}

/** A token for `patient`, signed in as `user`. */
export function storyToken(patient: string, options: Omit<StoryGrant, 'patient'> = {}): string {
  const json = JSON.stringify({ patient, ...options });
  return PREFIX + btoa(String.fromCharCode(...new TextEncoder().encode(json))).replace(/=+$/, '');
}

/** What `token` grants, or undefined for a token the server never minted. */
export function readStoryToken(token: string): StoryGrant | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  try {
    const grant = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(token.slice(PREFIX.length)), (c) => c.charCodeAt(0)))) as StoryGrant;
    return typeof grant.patient === 'string' ? grant : undefined;
  } catch {
    return undefined;
  }
}
