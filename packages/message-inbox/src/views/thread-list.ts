import { html, nothing } from 'lit';
import { renderDataText } from '@portico/core';
import type { InboxLocalize } from '../i18n/terms.js';
import type { People } from '../model/people.js';
import type { Thread } from '../model/threads.js';
import { isPatientSide, type PatientSide } from '../model/threads.js';

export interface ThreadListOptions {
  people: People;
  side: PatientSide;
  onOpen(thread: Thread): void;
}

/** When, as a list shows it: the time for today's messages, else the date. */
export function shortWhen(localize: InboxLocalize, ms: number, now = new Date()): string {
  const day = (value: Date) => localize.date(value, { dateStyle: 'short' });
  const date = new Date(ms);
  return day(date) === day(now) ? localize.date(date, { timeStyle: 'short' }) : localize.date(date, { dateStyle: 'medium' });
}

/** Characters of a message's first line the list shows (the whole text is in the conversation). */
const PREVIEW_LENGTH = 120;

/** The first line of a message, shortened at a word for the list. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim())?.trim() ?? '';
  if (line.length <= PREVIEW_LENGTH) return line;
  const cut = line.slice(0, PREVIEW_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > PREVIEW_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The care team's people in a conversation, by name ("Dr. Wei Chen, Jordan Brooks"); the patient's side is left out. */
export function careTeamNames(localize: InboxLocalize, thread: Thread, options: Pick<ThreadListOptions, 'people' | 'side'>): string {
  const names = thread.participants
    .filter((reference) => !isPatientSide(reference, options.side))
    .map((reference) => {
      const { name, role } = options.people.label(reference, localize.term('careTeam'));
      return role ? `${name}, ${role}` : name;
    });
  return [...new Set(names)].join(' · ') || localize.term('careTeam');
}

/** The conversations, newest activity first: subject, who, the last message's first line, when, and unread. */
export function renderThreadList(localize: InboxLocalize, threads: readonly Thread[], options: ThreadListOptions) {
  return html`<ul class="threads" part="threads" role="list">
    ${threads.map((thread) => {
      const last = thread.messages.at(-1);
      const unread = thread.unreadCount > 0;
      return html`<li class="thread ${unread ? 'unread' : ''}" part="thread${unread ? ' thread-unread' : ''}" data-thread-id=${thread.id}>
        <button type="button" class="row-button" part="thread-button" @click=${() => options.onOpen(thread)}>
          <span class="thread-top">
            <span class="subject">${renderDataText(thread.subject || localize.term('noSubject'))}</span>
            ${thread.lastActivity !== undefined ? html`<span class="when">${shortWhen(localize, thread.lastActivity)}</span>` : nothing}
          </span>
          <span class="who">${renderDataText(careTeamNames(localize, thread, options))}</span>
          ${last ? html`<span class="preview">${renderDataText(firstLine(last.text) || last.attachments[0]?.title || '')}</span>` : nothing}
          ${unread ? html`<span class="unread-badge" part="unread-badge">${localize.term('unreadMessages', thread.unreadCount)}</span>` : nothing}
        </button>
      </li>`;
    })}
  </ul>`;
}
