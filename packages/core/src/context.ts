import { createContext } from '@lit/context';
import type { Patient } from 'fhir/r4';
import type { FhirClient } from './fhir/client.js';
import type { PorticoServices } from './services.js';

export const SESSION_STATUSES = ['initializing', 'signed-out', 'signing-in', 'signed-in', 'expired', 'error'] as const;
/**
 * - initializing: restoring a session or completing a sign-in redirect
 * - signed-out: nobody is signed in (the session shows its sign-in prompt)
 * - signing-in: on the way to the authorization server
 * - signed-in: `client` and `patientId` are ready
 * - expired: the server refused the token and refreshing did not help; elements keep their state
 *   while the session asks the patient to sign in again
 * - error: the session is misconfigured or sign-in failed (`error` says why)
 */
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** What `portal-session` provides to every element inside it. Immutable: a change replaces it. */
export interface SessionState {
  status: SessionStatus;
  /** The FHIR client, signed in as the patient (present when signed in or expired). */
  client?: FhirClient;
  /** The patient whose record the elements show. */
  patientId?: string;
  /**
   * That patient's resource, once loaded: the session reads it once per sign-in and every element
   * (the banner, headings) uses this copy instead of reading it again.
   */
  patient?: Patient;
  /** Why the patient's resource could not be read, when it could not (`reloadPatient()` tries again). */
  patientError?: unknown;
  /** The signed-in person: their reference and name (a parent acting for a child differs from the patient). */
  user?: { fhirUser?: string; name?: string };
  /** True when the signed-in person is viewing someone else's record (a parent viewing a child's). */
  actingForOther: boolean;
  /** True when the signed-in person may act for more than one patient (proxy access). */
  canSwitchPatient: boolean;
  /** The locale the session was given (`locale` attribute); elements fall back to the page's `lang`. */
  locale?: string;
  /** Why sign-in failed (status 'error'). */
  error?: unknown;
  /** The host's own services for the elements inside, by name (`services` property of the session). */
  services?: PorticoServices;
  signIn(): void;
  signOut(): void;
  /** Goes back to the authorization server to choose another patient (proxy access). */
  switchPatient(): void;
  /** Reads the patient's resource again (after `patientError`). */
  reloadPatient(): void;
}

/**
 * The session context. Its key is a global symbol (`Symbol.for`), so two copies of Portico on one
 * page (a bundled one and the host's own, or two versions) still share one session.
 */
export const sessionContext = createContext<SessionState | undefined>(Symbol.for('portico-session'));
