import type { LocalizeController, TermPack } from '@portico/core';
import en from './en.js';

/** The words <message-inbox> adds to core's catalogue (shared terms such as "Try again" stay in core). */
export interface MessageInboxTerms {
  messages: string;
  loadingMessages: string;
  noMessages: string;
  noMessagesHint: string;
  signInToRead: string;
  unreadMessages: (count: number) => string;
  unreadMarker: string;
  allConversations: string;
  noSubject: string;
  careTeam: string;
  senderYou: string;
  /** "James Carter for Leo Carter": someone writing on the patient's behalf. */
  writingFor: (writer: string, patient: string) => string;
  withPeople: (people: string) => string;
  sentAt: (when: string) => string;
  attachments: string;
  downloadFile: (name: string) => string;
  showOlderMessages: string;
  olderShown: (count: number) => string;
  loadingConversation: string;
  untitledFile: string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const MESSAGE_INBOX_TERMS: TermPack<MessageInboxTerms> = {
  en,
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type InboxLocalize = LocalizeController<MessageInboxTerms>;
