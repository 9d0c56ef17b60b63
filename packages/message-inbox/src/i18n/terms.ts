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
  allConversations: string;
  noSubject: string;
  careTeam: string;
  senderYou: string;
  /** "James Carter for Leo Carter": someone writing on the patient's behalf. */
  writingFor: (writer: string, patient: string) => string;
  attachments: string;
  downloadFile: (name: string) => string;
  showOlderMessages: string;
  olderShown: (count: number) => string;
  loadingConversation: string;
  untitledFile: string;
  // writing
  newMessage: string;
  reply: string;
  to: string;
  chooseRecipient: string;
  wholeCareTeam: string;
  topic: string;
  topicMedical: string;
  topicPrescription: string;
  topicAppointment: string;
  topicBilling: string;
  topicOther: string;
  subject: string;
  messageText: string;
  attachFiles: string;
  remove: string;
  removeFile: (name: string) => string;
  attachAgain: (names: string) => string;
  notForEmergencies: (phone: string) => string;
  notForEmergenciesLocal: string;
  replyTime: (time: string) => string;
  feeAcknowledge: string;
  send: string;
  sending: string;
  tryAgainSend: string;
  cancelMessage: string;
  messageSent: string;
  fixFields: string;
  draftKeptSignIn: string;
  fileTypeRefused: (name: string) => string;
  fileTooLarge: (name: string, limit: string) => string;
  messageTooLarge: (name: string, limit: string) => string;
  cannotSend: string;
  callCareTeam: (phone: string) => string;
  bookInstead: string;
  refillInstead: string;
  newMessageFrom: (name: string) => string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const MESSAGE_INBOX_TERMS: TermPack<MessageInboxTerms> = {
  en,
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type InboxLocalize = LocalizeController<MessageInboxTerms>;
