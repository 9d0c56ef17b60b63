import type { Attachment } from 'fhir/r4';
import { html, nothing } from 'lit';
import { renderDataText, renderSentenceWithData } from '@portico/core';
import type { InboxLocalize } from '../i18n/terms.js';
import type { People } from '../model/people.js';
import type { Message, Thread } from '../model/threads.js';

export interface ThreadViewOptions {
  people: People;
  /** The patient's name, for "James Carter for Leo Carter" when someone writes on their behalf. */
  patientName?: string;
  /** The patient's own messages are "You" when the signed-in person wrote them. */
  isViewer(message: Message): boolean;
  loading: boolean;
  downloadError?: { messageId: string; text: string };
  onBack(): void;
  onDownload(message: Message, attachment: Attachment): void;
  /** The picture of an image attachment, once fetched. */
  thumbnail(message: Message, index: number, attachment: Attachment): string | undefined;
}

/** Who wrote a message, as the patient reads it: "You", "Dr. Wei Chen, Internal medicine", "James Carter for Leo Carter". */
function senderLine(localize: InboxLocalize, message: Message, options: ThreadViewOptions) {
  if (options.isViewer(message)) return html`${localize.term('senderYou')}`;
  const { name, role } = options.people.label(message.sender, localize.term('careTeam'));
  if (message.fromPatientSide && /(?:^|\/)(RelatedPerson|Person)\//.test(message.sender?.reference ?? '') && options.patientName) {
    return renderSentenceWithData((writer) => localize.term('writingFor', writer, options.patientName!), name);
  }
  return html`${renderDataText(name)}${role ? html`<span class="role">, ${renderDataText(role)}</span>` : nothing}`;
}

function renderAttachment(localize: InboxLocalize, message: Message, attachment: Attachment, index: number, options: ThreadViewOptions) {
  const name = attachment.title?.trim() || localize.term('untitledFile');
  const facts = [attachment.contentType?.split(';')[0], typeof attachment.size === 'number' ? localize.fileSize(attachment.size) : undefined].filter(Boolean).join(' · ');
  const picture = options.thumbnail(message, index, attachment);
  return html`<li class="attachment" part="attachment">
    ${picture ? html`<img class="thumbnail" part="thumbnail" src=${picture} alt=${name} />` : nothing}
    <button type="button" class="link" part="attachment-button" aria-label=${localize.term('downloadFile', name)} @click=${() => options.onDownload(message, attachment)}>${renderDataText(name)}</button>
    ${facts ? html`<span class="hint">${facts}</span>` : nothing}
  </li>`;
}

function renderMessage(localize: InboxLocalize, message: Message, options: ThreadViewOptions) {
  const error = options.downloadError?.messageId === message.id ? options.downloadError.text : undefined;
  return html`<li class="message ${message.fromPatientSide ? 'mine' : 'theirs'}" part="message${message.unread ? ' message-unread' : ''}" data-message-id=${message.id}>
    <article>
      <header class="message-head">
        <span class="sender">${senderLine(localize, message, options)}</span>
        ${message.sent !== undefined ? html`<time datetime=${new Date(message.sent).toISOString()}>${localize.date(new Date(message.sent), { dateStyle: 'medium', timeStyle: 'short' })}</time>` : nothing}
      </header>
      ${message.text ? html`<p class="text" part="message-text">${renderDataText(message.text)}</p>` : nothing}
      ${message.attachments.length
        ? html`<ul class="attachments" aria-label=${localize.term('attachments')}>${message.attachments.map((a, i) => renderAttachment(localize, message, a, i, options))}</ul>`
        : nothing}
      ${error ? html`<p class="notice error" role="alert">${error}</p>` : nothing}
    </article>
  </li>`;
}

/** One conversation: its subject, every message oldest first with who wrote it and when, and its files. */
export function renderThread(localize: InboxLocalize, thread: Thread, options: ThreadViewOptions) {
  return html`<section class="conversation" part="conversation" aria-labelledby="conversation-heading">
    <button type="button" class="back" part="back-button" @click=${options.onBack}>${localize.term('allConversations')}</button>
    <h3 id="conversation-heading" tabindex="-1" data-focus-target>${renderDataText(thread.subject || localize.term('noSubject'))}</h3>
    <ol class="messages" part="messages">
      ${thread.messages.map((message) => renderMessage(localize, message, options))}
    </ol>
    ${options.loading ? html`<p class="hint" role="status">${localize.term('loadingConversation')}</p>` : nothing}
  </section>`;
}
