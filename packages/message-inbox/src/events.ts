import { porticoEvent } from '@portico/core';

export interface UnreadChangeDetail {
  /** Messages from the care team the patient has not opened yet. */
  count: number;
}

/** The number of unread messages changed (first known, a conversation opened, a new reply arrived): badge your own navigation with it. */
export class PorticoUnreadChangeEvent extends porticoEvent<UnreadChangeDetail>('portico-unread-change') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'portico-unread-change': PorticoUnreadChangeEvent;
  }
}
