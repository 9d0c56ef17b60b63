import type { SessionStatus } from './context.js';

export interface SessionChangeDetail {
  status: SessionStatus;
  patientId?: string;
  fhirUser?: string;
}

/** Fired by `portal-session` when someone signs in or out, the patient changes or the session expires. */
export class PorticoSessionChangeEvent extends Event {
  static readonly eventName = 'portico-session-change';
  constructor(readonly detail: SessionChangeDetail) {
    super(PorticoSessionChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Fired by `portal-session` in token mode when the host's token no longer works: the host signs the
 * patient in again its own way and sets a new token.
 */
export const SIGN_IN_REASONS = ['signed-out', 'expired', 'switch-patient'] as const;
export type SignInReason = (typeof SIGN_IN_REASONS)[number];

export interface SignInRequestedDetail {
  /** signed-out: nobody is signed in; expired: the token was refused; switch-patient: the person wants another record. */
  reason: SignInReason;
  /** True when the person pressed a button; false when the session noticed on its own (a refused token). */
  userInitiated: boolean;
}

export class PorticoSignInRequestedEvent extends Event {
  static readonly eventName = 'portico-sign-in-requested';
  constructor(readonly detail: SignInRequestedDetail) {
    super(PorticoSignInRequestedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portico-session-change': PorticoSessionChangeEvent;
    'portico-sign-in-requested': PorticoSignInRequestedEvent;
  }
}
