import type { Attachment, Communication } from 'fhir/r4';
import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  downloadAttachment,
  formatHumanName,
  LocalizeController,
  PagedList,
  renderEmpty,
  renderError,
  renderSkeleton,
  renderUntilReady,
  renderViewingFor,
  resolveHostService,
  SessionController,
  controlStyles,
  stateStyles,
  themeStyles,
  type FhirClient,
  type HostService,
} from '@portico/core';
import { PorticoUnreadChangeEvent } from '../events.js';
import { MESSAGE_INBOX_TERMS, type MessageInboxTerms } from '../i18n/terms.js';
import { messageServiceFor, type MessageService } from '../inbox/message-service.js';
import { loadCareTeams, loadMessagePage, loadThreadMessages } from '../inbox/read-messages.js';
import { People } from '../model/people.js';
import { threadsOf, unreadCount, type Message, type PatientSide, type Thread } from '../model/threads.js';
import { MESSAGE_INBOX_SCOPES } from '../scopes.js';
import { renderThreadList } from '../views/thread-list.js';
import { renderThread } from '../views/thread-view.js';
import { messageInboxStyles } from './message-inbox.styles.js';

/**
 * Secure messages between the patient and their care team: conversations newest activity first with
 * who is in them, the last message and what is unread; a conversation with every message, who wrote
 * it (a parent writing for a child says so), when, and its files. Opening a conversation marks the
 * care team's messages read on the server. The list is one request per page of messages.
 *
 * @summary Secure messages with the care team.
 *
 * @csspart threads - The list of conversations.
 * @csspart thread - One conversation in the list (see also `thread-unread`).
 * @csspart thread-unread - A conversation with unread messages.
 * @csspart thread-button - The button that opens a conversation.
 * @csspart unread-badge - "2 unread messages" on a conversation.
 * @csspart conversation - An open conversation.
 * @csspart back-button - "All conversations".
 * @csspart messages - The messages of the open conversation.
 * @csspart message - One message (see also `message-unread`).
 * @csspart message-unread - A message that was unread when the conversation opened.
 * @csspart message-text - A message's text.
 * @csspart attachment - A file attached to a message.
 * @csspart attachment-button - The button that downloads a file.
 * @csspart load-more - The button that loads older conversations.
 *
 * @fires {PorticoUnreadChangeEvent} portico-unread-change - The number of unread messages changed (first known, a conversation read); detail `{ count }`.
 */
export class MessageInbox extends LitElement {
  /** The SMART scopes it needs: messages, care teams and the people in them, attached files (`portal-session` asks for them). */
  static readonly scopes = MESSAGE_INBOX_SCOPES;
  static override styles = [themeStyles, stateStyles, controlStyles, messageInboxStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController<MessageInboxTerms>(this, { locale: () => this.session.locale, terms: MESSAGE_INBOX_TERMS });
  private readonly people = new People();
  /** Messages read or written after their page: a conversation's older ones, and each as last stored (read marks). */
  private readonly latest = new Map<string, Communication>();
  private threadRequest?: AbortController;
  private downloadRequest?: AbortController;
  /** The count last announced to the host page, so the event fires on a change only. */
  private announcedUnread?: number;

  /** The patient's messages, a page (one request) at a time, newest first, with their senders and recipients. */
  private readonly list = new PagedList(this, {
    args: () => [this.session.client, this.session.patientId] as const,
    first: async ([client, patientId], signal) => {
      if (!client || !patientId) return undefined;
      this.latest.clear();
      this.openThreadId = undefined;
      const page = await loadMessagePage(client, { patientId, signal });
      this.people.addResources(page.included);
      return { items: page.messages, next: page.next };
    },
    next: async (next, signal) => {
      const page = await loadMessagePage(this.session.client!, { patientId: this.session.patientId!, next, signal });
      this.people.addResources(page.included);
      return { items: page.messages, next: page.next };
    },
    added: (count) => this.localize.term('olderShown', count),
  });

  /** The patient's care teams: the roles of the people in the conversations (not needed for the first screen; the list redraws with them). */
  protected readonly careTeams = new Task(this, {
    task: async ([client, patientId], { signal }) => {
      if (!client || !patientId) return [];
      const teams = await loadCareTeams(client, { patientId, signal }).catch(() => []);
      this.people.addCareTeams(teams, this.localize.lang());
      return teams;
    },
    args: () => [this.session.client, this.session.patientId] as const,
  });

  /** How messages are written: the host's own service, else FHIR as the server allows. */
  private readonly service = new Task(this, {
    task: async ([client, own], { signal }): Promise<MessageService | undefined> => {
      if (!client) return undefined;
      return (await resolveHostService(own, client)) ?? messageServiceFor(client, { signal });
    },
    args: () => [this.session.client, this.messageService ?? this.session.service<MessageService>('messages')] as const,
  });

  @query('[data-focus-target]') private focusTarget?: HTMLElement | null;
  @query('.sentinel') private sentinel?: HTMLElement | null;

  @state() private openThreadId?: string;
  @state() private threadLoading = false;
  @state() private downloadError?: { messageId: string; text: string };
  @state() private markError?: string;

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose messages to show, without a portal-session (with `.client`). */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /**
   * The host's own message service, where messages go through a vendor's API rather than FHIR writes
   * (`canMarkRead`, `markRead`), or a function making one for the signed-in client. Also taken from
   * the surrounding session's `services.messages`; this property wins. Default: FHIR Communications,
   * as the CapabilityStatement and the granted scopes allow.
   */
  @property({ attribute: false }) messageService?: HostService<MessageService>;

  /** Messages from the care team the patient has not opened yet (also told by `portico-unread-change`). */
  get unreadCount(): number {
    return unreadCount(this.threads());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.threadRequest?.abort();
    this.downloadRequest?.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.list.observe(this.sentinel);
    if (!this.list.ready) return;
    const count = this.unreadCount;
    if (count !== this.announcedUnread) {
      this.announcedUnread = count;
      this.dispatchEvent(new PorticoUnreadChangeEvent({ count }));
    }
  }

  private side(): PatientSide {
    const user = this.session.session?.user?.fhirUser;
    return { patientId: this.session.patientId ?? '', user: user && !user.startsWith('Patient/') ? user : undefined };
  }

  private threadsMemo?: { items: readonly Communication[]; latest: number; patientId: string; threads: Thread[] };

  /** The conversations from every message read so far (worked out again only when messages change). */
  private threads(): Thread[] {
    const items = this.list.all;
    const patientId = this.session.patientId ?? '';
    const memo = this.threadsMemo;
    if (memo && memo.items === items && memo.latest === this.latestVersion && memo.patientId === patientId) return memo.threads;
    const byId = new Map<string, Communication>();
    for (const c of items) if (c.id) byId.set(c.id, c);
    for (const [id, c] of this.latest) byId.set(id, c);
    const threads = threadsOf([...byId.values()], this.side());
    this.threadsMemo = { items, latest: this.latestVersion, patientId, threads };
    return threads;
  }

  /** Bumped whenever `latest` changes. */
  @state() private latestVersion = 0;

  private remember(communications: readonly Communication[]): void {
    for (const c of communications) if (c.id) this.latest.set(c.id, c);
    this.latestVersion++;
  }

  private async openThread(thread: Thread): Promise<void> {
    this.openThreadId = thread.id;
    this.markError = undefined;
    this.downloadError = undefined;
    await this.updateComplete;
    this.focusTarget?.focus();
    const client = this.session.client;
    const patientId = this.session.patientId;
    if (!client || !patientId) return;
    this.threadRequest?.abort();
    const request = (this.threadRequest = new AbortController());
    const { signal } = request;
    // A conversation with a header: its older messages may be on pages not read yet.
    if (!thread.root.payload?.length || thread.messages.some((m) => m.communication.partOf?.length)) {
      this.threadLoading = true;
      try {
        const { messages, included } = await loadThreadMessages(client, { patientId, threadId: thread.id, signal });
        this.people.addResources(included);
        this.remember(messages);
      } catch {
        // What the list already holds is shown; opening it again tries again.
      } finally {
        if (!signal.aborted) this.threadLoading = false;
      }
    }
    await this.markThreadRead(thread.id, signal);
  }

  /** Marks the care team's unread messages in the conversation read on the server. */
  private async markThreadRead(threadId: string, signal: AbortSignal): Promise<void> {
    const service = this.service.value ?? (await this.service.taskComplete.catch(() => undefined));
    const unread = this.threads().find((t) => t.id === threadId)?.messages.filter((m) => m.unread) ?? [];
    if (!service?.canMarkRead || !unread.length || signal.aborted) return;
    try {
      this.remember(await service.markRead(unread.map((m) => m.communication), { signal }));
    } catch (error) {
      if (!signal.aborted && !this.session.expired) this.markError = this.localize.errorMessage(error);
    }
  }

  private closeThread(): void {
    const id = this.openThreadId;
    this.threadRequest?.abort();
    this.openThreadId = undefined;
    this.threadLoading = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(id ?? '')}"] button`)?.focus());
  }

  private async download(message: Message, attachment: Attachment): Promise<void> {
    const client = this.session.client;
    if (!client) return;
    this.downloadError = undefined;
    this.downloadRequest?.abort();
    const request = (this.downloadRequest = new AbortController());
    try {
      await downloadAttachment(client, attachment, { fallbackName: 'message-attachment', container: this.renderRoot, signal: request.signal });
    } catch (error) {
      if (!request.signal.aborted) this.downloadError = { messageId: message.id, text: this.localize.errorMessage(error) };
    }
  }

  protected override render() {
    const gate = renderUntilReady(this.session, { message: this.localize.term('signInToRead'), signInLabel: this.localize.term('signIn'), loadingLabel: this.localize.term('loadingMessages') });
    if (gate) return gate;
    return html`<section class="inbox" dir=${this.localize.dir()} aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">${this.localize.term('messages')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody() {
    const loading = () => renderSkeleton({ label: this.localize.term('loadingMessages'), lines: 5 });
    return this.list.render({
      initial: loading,
      pending: loading,
      error: (error) => (this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(error), onRetry: () => void this.list.task.run(), retryLabel: this.localize.term('retry') })),
      complete: () => {
        const threads = this.threads();
        const open = this.openThreadId ? threads.find((t) => t.id === this.openThreadId) : undefined;
        if (open) return this.renderOpen(open);
        if (!threads.length) return renderEmpty({ heading: this.localize.term('noMessages'), message: this.localize.term('noMessagesHint') });
        return html`${renderThreadList(this.localize, threads, { people: this.people, side: this.side(), onOpen: (thread) => void this.openThread(thread) })}
          ${this.renderMore()} ${this.list.renderStatus()}`;
      },
    });
  }

  private renderOpen(thread: Thread) {
    const patient = this.session.session?.patient;
    const viewer = this.session.session?.user?.fhirUser ?? `Patient/${this.session.patientId}`;
    return html`${renderThread(this.localize, thread, {
      people: this.people,
      patientName: patient ? formatHumanName(patient.name) || undefined : undefined,
      isViewer: (message) => !!message.sender?.reference && (message.sender.reference === viewer || message.sender.reference.endsWith(`/${viewer}`)),
      loading: this.threadLoading,
      downloadError: this.downloadError,
      onBack: () => this.closeThread(),
      onDownload: (message, attachment) => void this.download(message, attachment),
    })}
    ${this.markError ? html`<p class="notice error" role="alert">${this.markError}</p>` : nothing}`;
  }

  /** "Show older conversations" (also as the end scrolls into view), a later page's error with a retry. */
  private renderMore() {
    if (this.list.moreError !== undefined && this.session.expired) return nothing;
    const { localize } = this;
    return this.list.renderMore(
      { more: localize.term('showOlderMessages'), loading: localize.term('loading'), error: (error) => localize.errorMessage(error), retry: localize.term('retry') },
      { sentinel: true },
    );
  }
}
