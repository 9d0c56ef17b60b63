export { MessageInbox } from './message-inbox/message-inbox.js';
export { PorticoUnreadChangeEvent, type UnreadChangeDetail } from './events.js';
export { messageServiceFor, type MessageService } from './inbox/message-service.js';
export { loadCareTeams, loadMessagePage, loadThreadMessages, MESSAGE_PAGE, type MessagePage } from './inbox/read-messages.js';
export { People, type PersonLabel } from './model/people.js';
export { isPatientSide, messageOf, threadsOf, unreadCount, type Message, type PatientSide, type Thread } from './model/threads.js';
export { MESSAGE_INBOX_SCOPES } from './scopes.js';
export { MESSAGE_INBOX_TERMS, type MessageInboxTerms } from './i18n/terms.js';
