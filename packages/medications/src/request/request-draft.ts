import { PatientStorage } from '@portico/core';
import type { RequestKind } from '../model/refill-request.js';

/** How a request reaches the prescriber: recorded as a Task (or the host's service), or as a message. */
export const REQUEST_ROUTES = ['task', 'message'] as const;
export type RequestRoute = (typeof REQUEST_ROUTES)[number];

/** A request being written for one medicine: what was typed and chosen, kept when sending fails. */
export interface RequestDraft {
  /** Made once when the form opens: a retry or a second click sends the same request. */
  requestId: string;
  kind: RequestKind;
  route: RequestRoute;
  note: string;
  /** The pharmacy chosen (`Organization/<id>`); '' for the prescription's own. */
  pharmacy: string;
  busy: boolean;
  error?: string;
}

/** What is kept of a draft in the tab: what was typed and chosen, and its request id (not whether it was sending). */
export type KeptDraft = Pick<RequestDraft, 'requestId' | 'kind' | 'route' | 'note' | 'pharmacy'>;

/**
 * The requests being written, per patient and prescription, kept in this tab (sessionStorage, under a
 * hash of the patient id): back after a reload or the sign-in round trip after an expired session, with
 * the same request id (so a request that did reach the server is not made twice); removed once sent or
 * cancelled, and on sign-out; never shown for another patient.
 */
export const requestDrafts = new PatientStorage<Record<string, KeptDraft>>('medication-list', 'tab');
