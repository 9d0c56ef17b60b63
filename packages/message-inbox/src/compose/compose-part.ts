// What writing a message needs, loaded the first time the patient opens a conversation or starts a new
// one: the list and the conversation's first screen do without it.
export { Composer } from './composer.js';
export { emergencyNumberFor } from '../model/emergency.js';
export { recipientChoices, replyRecipients } from '../model/recipients.js';
export { renderCompose } from '../views/compose.js';
