import { html, nothing } from 'lit';
import { renderDataText } from '@portico/core';
import type { ComposerState } from '../compose/composer.js';
import type { InboxLocalize } from '../i18n/terms.js';
import { MESSAGE_TOPICS, type MessageTopic } from '../model/outgoing.js';
import type { RecipientChoice } from '../model/recipients.js';


export interface ComposeOptions {
  /** A reply (in the open conversation) or the first message of a new one. */
  reply: boolean;
  recipients: readonly RecipientChoice[];
  /** The host fixed the recipient (`recipient` attribute): no choice is shown. */
  recipientFixed: boolean;
  /** The emergency number for the notice, or none known ("your local emergency number"). */
  emergencyNumber?: string;
  /** How soon the team usually answers (`reply-time`). */
  replyTime?: string;
  /** The host's notice that some messages may be billed (`fee-notice`); acknowledged once per conversation. */
  feeNotice?: string;
  /** The topic leads elsewhere ("Book a visit instead"), when the host or the page has a place for it. */
  elsewhere?: { label: string; go(): void };
  accept: string;
  onChange(changes: { text?: string; subject?: string; recipient?: string; topic?: MessageTopic; feeAcknowledged?: boolean }): void;
  onFiles(files: File[]): void;
  onRemoveFile(index: number): void;
  onSend(): void;
  onCancel?(): void;
}

const TOPIC_TERMS = {
  medical: 'topicMedical',
  prescription: 'topicPrescription',
  appointment: 'topicAppointment',
  billing: 'topicBilling',
  other: 'topicOther',
} as const satisfies Record<MessageTopic, string>;

/** "Messages are not for emergencies", how soon the team answers, and the fee notice: said before the first word. */
export function renderBeforeWriting(localize: InboxLocalize, options: Pick<ComposeOptions, 'emergencyNumber' | 'replyTime'>) {
  return html`<div class="before-writing" part="emergency-notice">
    <p><strong>${options.emergencyNumber ? localize.term('notForEmergencies', options.emergencyNumber) : localize.term('notForEmergenciesLocal')}</strong></p>
    ${options.replyTime ? html`<p>${localize.term('replyTime', options.replyTime)}</p>` : nothing}
  </div>`;
}

/** The form to write a reply or a new conversation; everything typed is the draft's. */
export function renderCompose(localize: InboxLocalize, state: ComposerState, options: ComposeOptions) {
  const { draft, busy } = state;
  const invalid = (field: 'recipient' | 'subject' | 'text') => state.invalid.includes(field);
  const feeBlocks = !!options.feeNotice && !draft.feeAcknowledged;
  return html`<form class="compose" part="compose" aria-labelledby=${options.reply ? 'conversation-heading' : 'compose-heading'} @submit=${(event: Event) => {
    event.preventDefault();
    options.onSend();
  }}>
    ${options.reply ? html`<h4 class="compose-heading">${localize.term('reply')}</h4>` : html`<h3 id="compose-heading" tabindex="-1" data-focus-target>${localize.term('newMessage')}</h3>`}
    ${renderBeforeWriting(localize, options)}
    ${options.reply
      ? nothing
      : html`${options.recipientFixed
            ? html`<p class="field">${localize.term('to')}: ${renderDataText(options.recipients.find((r) => r.reference === draft.recipient)?.label ?? localize.term('careTeam'))}</p>`
            : html`<label class="field"><span>${localize.term('to')}</span>
                <select part="recipient" aria-invalid=${invalid('recipient') ? 'true' : 'false'} @change=${(e: Event) => options.onChange({ recipient: (e.target as HTMLSelectElement).value || undefined })}>
                  <option value="" ?selected=${!draft.recipient}>${localize.term('chooseRecipient')}</option>
                  ${options.recipients.map((r) => html`<option value=${r.reference} ?selected=${draft.recipient === r.reference}>${r.label}</option>`)}
                </select></label>`}
          <label class="field"><span>${localize.term('topic')}</span>
            <select part="topic" @change=${(e: Event) => options.onChange({ topic: (e.target as HTMLSelectElement).value as MessageTopic })}>
              ${MESSAGE_TOPICS.map((topic) => html`<option value=${topic} ?selected=${(draft.topic ?? 'medical') === topic}>${localize.term(TOPIC_TERMS[topic])}</option>`)}
            </select></label>
          ${options.elsewhere ? html`<p class="elsewhere"><button type="button" part="elsewhere-button" @click=${options.elsewhere.go}>${options.elsewhere.label}</button></p>` : nothing}
          <label class="field"><span>${localize.term('subject')}</span>
            <input part="subject" maxlength="200" .value=${draft.subject ?? ''} aria-invalid=${invalid('subject') ? 'true' : 'false'} @input=${(e: Event) => options.onChange({ subject: (e.target as HTMLInputElement).value })} /></label>`}
    <label class="field"><span>${localize.term('messageText')}</span>
      <textarea part="message-input" rows="6" .value=${draft.text} aria-invalid=${invalid('text') ? 'true' : 'false'} @input=${(e: Event) => options.onChange({ text: (e.target as HTMLTextAreaElement).value })}></textarea></label>
    ${renderFiles(localize, state, options)}
    ${options.feeNotice
      ? html`<div class="fee-notice" part="fee-notice"><p>${renderDataText(options.feeNotice)}</p>
          <label class="check"><input type="checkbox" .checked=${!!draft.feeAcknowledged} @change=${(e: Event) => options.onChange({ feeAcknowledged: (e.target as HTMLInputElement).checked })} /> ${localize.term('feeAcknowledge')}</label></div>`
      : nothing}
    ${state.error ? html`<p class="notice error" part="send-error" role="alert">${state.error}</p>` : nothing}
    <div class="actions">
      <button type="submit" class="primary" part="send-button" aria-disabled=${busy || feeBlocks ? 'true' : 'false'} @click=${(e: Event) => {
        if (busy || feeBlocks) e.preventDefault();
      }}>${localize.term(busy ? 'sending' : state.error ? 'tryAgainSend' : 'send')}</button>
      ${options.onCancel ? html`<button type="button" part="cancel-button" @click=${options.onCancel}>${localize.term('cancelMessage')}</button>` : nothing}
    </div>
  </form>`;
}

function renderFiles(localize: InboxLocalize, state: ComposerState, options: ComposeOptions) {
  return html`<div class="files">
    <label class="attach"><span class="button-like">${localize.term('attachFiles')}</span>
      <input type="file" multiple accept=${options.accept} part="file-input" class="visually-hidden" @change=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        options.onFiles([...(input.files ?? [])]);
        input.value = '';
      }} /></label>
    ${state.files.length
      ? html`<ul class="chosen-files">${state.files.map(
          (file, index) => html`<li part="chosen-file">${renderDataText(file.name)} <span class="hint">${localize.fileSize(file.size)}</span>
            <button type="button" aria-label=${localize.term('removeFile', file.name)} @click=${() => options.onRemoveFile(index)}>${localize.term('remove')}</button></li>`,
        )}</ul>`
      : nothing}
    ${state.filesToAttachAgain.length ? html`<p class="hint" part="attach-again">${localize.term('attachAgain', state.filesToAttachAgain.map((f) => f.title).join(', '))}</p>` : nothing}
    ${state.fileNotices.map((notice) => html`<p class="notice error" role="alert">${notice}</p>`)}
  </div>`;
}
