import type { SessionStatus } from './context.js';

/** An event a Portico element fires: it bubbles out of shadow roots to the host page and carries `detail`. */
export class PorticoEvent<D> extends Event {
  constructor(
    type: string,
    readonly detail: D,
    init: { cancelable?: boolean } = {},
  ) {
    super(type, { bubbles: true, composed: true, ...init });
  }
}

/**
 * The class of one kind of Portico event, named once:
 * `export class PorticoUnreadChangeEvent extends porticoEvent<UnreadChangeDetail>('portico-unread-change') {}`.
 */
export function porticoEvent<D>(eventName: string, init: { cancelable?: boolean } = {}) {
  return class extends PorticoEvent<D> {
    static readonly eventName = eventName;
    constructor(detail: D) {
      super(eventName, detail, init);
    }
  };
}

export interface SessionChangeDetail {
  status: SessionStatus;
  patientId?: string;
  fhirUser?: string;
}

/** Fired by `portal-session` when someone signs in or out, the patient changes or the session expires. */
export class PorticoSessionChangeEvent extends porticoEvent<SessionChangeDetail>('portico-session-change') {}

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

export class PorticoSignInRequestedEvent extends porticoEvent<SignInRequestedDetail>('portico-sign-in-requested') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'portico-session-change': PorticoSessionChangeEvent;
    'portico-sign-in-requested': PorticoSignInRequestedEvent;
  }
}
