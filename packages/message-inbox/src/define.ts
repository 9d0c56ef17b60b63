import { defineElement } from '@portico/core';
import { MessageInbox } from './message-inbox/message-inbox.js';

defineElement('message-inbox', MessageInbox);

declare global {
  interface HTMLElementTagNameMap {
    'message-inbox': MessageInbox;
  }
}
