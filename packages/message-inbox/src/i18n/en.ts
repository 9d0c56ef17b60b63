import { plural } from '@portico/core';
import type { MessageInboxTerms } from './terms.js';

const en: MessageInboxTerms = {
  messages: 'Messages',
  loadingMessages: 'Loading your messages…',
  noMessages: 'No messages yet',
  noMessagesHint: 'Messages between you and your care team will appear here.',
  signInToRead: 'Sign in to read and send messages to your care team.',
  unreadMessages: (count) => plural('en', count, { one: '# unread message', other: '# unread messages' }),
  unreadMarker: 'Unread',
  allConversations: 'All conversations',
  noSubject: '(No subject)',
  careTeam: 'Your care team',
  senderYou: 'You',
  writingFor: (writer, patient) => `${writer} for ${patient}`,
  withPeople: (people) => `With ${people}`,
  sentAt: (when) => `Sent ${when}`,
  attachments: 'Attachments',
  downloadFile: (name) => `Download ${name}`,
  showOlderMessages: 'Show older conversations',
  olderShown: (count) => plural('en', count, { one: '# more conversation shown', other: '# more conversations shown' }),
  loadingConversation: 'Loading the conversation…',
  untitledFile: 'Attachment',
};

export default en;
