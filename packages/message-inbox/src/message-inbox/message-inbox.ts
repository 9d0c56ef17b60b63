import type { Attachment, CareTeam, Communication, Resource } from 'fhir/r4';
import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  canNavigate,
  downloadAttachment,
  navigate,
  formatHumanName,
  LocalizeController,
  PagedList,
  renderEmpty,
  renderError,
  renderSkeleton,
  renderUntilReady,
  renderViewingFor,
  resolveHostService,
  type Navigable,
  type NavigationParams,
  SessionController,
  controlStyles,
  stateStyles,
  offscreenStyles, themeStyles,
  type FhirClient,
  type HostService,
} from '@portico/core';
import type { Composer } from '../compose/composer.js';
import { PorticoUnreadChangeEvent } from '../events.js';
import { MESSAGE_INBOX_TERMS, type MessageInboxTerms } from '../i18n/terms.js';
import { messageServiceFor, type MessageService } from '../inbox/message-service.js';
import { MessagePoller } from '../inbox/new-messages.js';
import { Thumbnails } from '../inbox/thumbnails.js';
import { loadCareTeams, loadMessagePage, loadThreadMessages } from '../inbox/read-messages.js';
import { MESSAGE_TOPICS, type MessageTopic } from '../model/outgoing.js';
import { People } from '../model/people.js';
import { Conversations } from '../model/conversations.js';
import { isPatientSide, unreadCount, type Message, type PatientSide, type Thread } from '../model/threads.js';
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
 * @csspart thumbnail - A small picture of an attached image.
 * @csspart load-more - The button that loads older conversations.
 * @csspart new-message-button - "New message".
 * @csspart compose - The form to write a reply or a new conversation.
 * @csspart emergency-notice - "Messages are not for emergencies", and how soon the team answers.
 * @csspart recipient - The choice of who to write to.
 * @csspart topic - The choice of topic.
 * @csspart subject - A new conversation's subject.
 * @csspart message-input - The message being written.
 * @csspart file-input - The file chooser.
 * @csspart chosen-file - A file attached to the message being written.
 * @csspart attach-again - Files a restored draft had, to attach again.
 * @csspart fee-notice - The host's notice that some messages may be billed, with its acknowledgement.
 * @csspart send-button - "Send".
 * @csspart send-error - Why the message was not sent (the text stays).
 * @csspart cancel-button - Leaves a new message (its draft is kept).
 * @csspart elsewhere-button - "Book or change a visit online instead" for the appointment topic (and refills for prescriptions), when the page has a place for it.
 * @csspart read-only - How to reach the care team where messages cannot be sent.
 *
 * @slot contact - Replaces the sentence saying how to reach the care team where messages cannot be sent.
 *
 * @fires {PorticoNavigateEvent} portico-navigate - "Book or change a visit online instead" (topic appointment) or "Ask for a refill online instead" (topic prescription) was pressed; detail `{ target, params: { reason } }`. Cancel it to route the patient yourself.
 * @fires {PorticoUnreadChangeEvent} portico-unread-change - The number of unread messages changed (first known, a conversation read); detail `{ count }`.
 */
export class MessageInbox extends LitElement implements Navigable {
  /** The SMART scopes it needs: messages, care teams and the people in them, attached files (`portal-session` asks for them). */
  static readonly scopes = MESSAGE_INBOX_SCOPES;
  static override styles = [themeStyles, offscreenStyles, stateStyles, controlStyles, messageInboxStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController<MessageInboxTerms>(this, { locale: () => this.session.locale, terms: MESSAGE_INBOX_TERMS });
  private readonly people = new People();
  /** Messages read or written after their page: a conversation's older ones, and each as last stored (read marks). */
  private readonly conversations = new Conversations(this);
  private threadRequest?: AbortController;
  private downloadRequest?: AbortController;
  /** The patient the list was last read for. */
  private listPatient?: string;
  /** The count last announced to the host page, so the event fires on a change only. */
  private announcedUnread?: number;

  /** Pictures of the images in the open conversation. */
  private readonly thumbnails = new Thumbnails(this, () => this.session.client);

  /** Looks for new replies while the page is visible. */
  private readonly poller = new MessagePoller(this, {
    client: () => this.session.client,
    patientId: () => this.session.patientId,
    seconds: () => this.pollSeconds,
    since: () => this.conversations.newestChange(this.list.all),
    found: (messages, included) => this.arrived(messages, included),
  });

  /** What writing needs (`compose/compose-part.ts`), loaded the first time the patient writes or opens a conversation. */
  private compose?: typeof import('../compose/compose-part.js');
  /** The message being written: a reply in the open conversation, or a new one (made with the writing code). */
  private composer?: Composer;

  /** Loads what writing needs, once, and makes the composer. */
  private async loadCompose(): Promise<Composer> {
    this.compose ??= await import('../compose/compose-part.js');
    this.composer ??= new this.compose.Composer(this, {
    session: this.session,
    localize: this.localize,
    service: () => this.service.value,
    limits: () => ({ types: this.accept.split(',').map((t) => t.trim()).filter(Boolean), maxFileBytes: this.maxFileSize, maxMessageBytes: this.maxMessageSize }),
    // One recipient set by the host is the message's; several are a choice.
    presetRecipient: () => {
      const preset = this.recipient.trim().split(/\s+/).filter(Boolean);
      return preset.length === 1 ? preset[0] : undefined;
    },
    sent: (communication, key) => this.sent(communication, key),
  });
    return this.composer;
  }

  /** The patient's messages, a page (one request) at a time, newest first, with their senders and recipients. */
  private readonly list = new PagedList(this, {
    args: () => [this.session.client, this.session.patientId] as const,
    first: async ([client, patientId], signal) => {
      if (!client || !patientId) return undefined;
      // Another patient starts afresh; the same one (signed in again after the session expired) keeps the open conversation.
      if (patientId !== this.listPatient) {
        this.listPatient = patientId;
        this.conversations.clear();
        this.openThreadId = undefined;
        this.writingNew = false;
        this.composer?.close();
      }
      const page = await loadMessagePage(client, { patientId, signal });
      this.people.addResources(page.included);
      // The next look for new replies counts from this read.
      this.poller.restart();
      return { items: page.messages, next: page.next };
    },
    next: async (next, signal) => {
      const page = await loadMessagePage(this.session.client!, { patientId: this.session.patientId!, next, signal });
      this.people.addResources(page.included);
      return { items: page.messages, next: page.next };
    },
    added: (count) => this.localize.term('olderShown', count),
  });

  /**
   * The patient's care teams: the roles of the people in the conversations and whom to write to. Not
   * needed for the first screen, so read once the first page of conversations is there (the list
   * redraws with them): on a slow phone the first requests have the connections to themselves.
   */
  protected readonly careTeams = new Task(this, {
    task: async ([client, patientId, listed], { signal }) => {
      if (!client || !patientId || !listed) return [];
      const teams = await loadCareTeams(client, { patientId, signal }).catch(() => []);
      this.people.addCareTeams(teams, this.localize.lang());
      return teams;
    },
    args: () => [this.session.client, this.session.patientId, this.list.ready] as const,
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
  /** The patient is writing a new conversation. */
  @state() private writingNew = false;
  @state() private announcement = '';
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

  /**
   * Who a new conversation goes to, set by the host: one reference fixes it (`Practitioner/dr-chen`,
   * `CareTeam/…`), several separated by spaces limit the choice to them. Default: the patient chooses
   * from the care team.
   */
  @property() recipient = '';

  /** The number to call in an emergency, said before the patient writes; default: the one of the locale's region (none when unknown). */
  @property({ attribute: 'emergency-number' }) emergencyNumber = '';

  /** How soon the care team usually answers ("2 business days"), said before the patient writes. */
  @property({ attribute: 'reply-time' }) replyTime = '';

  /** That some messages may be billed: shown before sending and acknowledged once per conversation. */
  @property({ attribute: 'fee-notice' }) feeNotice = '';

  /** The care team's phone number, for where messages cannot be sent (or the `contact` slot). */
  @property({ attribute: 'contact-phone' }) contactPhone = '';

  /** The file types a message may carry (MIME types, comma-separated). */
  @property() accept = 'application/pdf,image/jpeg,image/png,image/heic';

  /** The largest file a message may carry, in bytes (default 10 MB). */
  @property({ type: Number, attribute: 'max-file-size' }) maxFileSize: number = 10 * 1024 * 1024;

  /** The most a message's files may weigh together, in bytes (default 20 MB). */
  @property({ type: Number, attribute: 'max-message-size' }) maxMessageSize: number = 20 * 1024 * 1024;

  /** How often to look for new replies while the page is visible, in seconds (0: never; default 60). Hidden pages are not polled. */
  @property({ type: Number, attribute: 'poll-seconds' }) pollSeconds = 60;

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

  /** The conversations from every message read or stored so far. */
  private threads(): Thread[] {
    return this.conversations.threads(this.list.all, this.side());
  }

  private async openThread(thread: Thread): Promise<void> {
    this.openThreadId = thread.id;
    this.writingNew = false;
    void this.loadCompose().then((composer) => this.openThreadId === thread.id && composer.open(thread.id));
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
        this.conversations.remember(messages);
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
      this.conversations.remember(await service.markRead(unread.map((m) => m.communication), { signal }));
    } catch (error) {
      if (!signal.aborted && !this.session.expired) this.markError = this.localize.errorMessage(error);
    }
  }

  private closeThread(): void {
    const id = this.openThreadId;
    this.threadRequest?.abort();
    this.composer?.close();
    this.thumbnails.clear();
    this.openThreadId = undefined;
    this.threadLoading = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(id ?? '')}"] button`)?.focus());
  }

  private async startNew(defaults: { subject?: string; topic?: MessageTopic; recipient?: string; text?: string } = {}): Promise<void> {
    this.openThreadId = undefined;
    this.writingNew = true;
    (await this.loadCompose()).open('new', { ...defaults, text: defaults.text ?? '' });
    await this.updateComplete;
    this.focusTarget?.focus();
  }

  /**
   * Opens a new message preset, for another element sending the patient here ("question this charge"):
   * `subject`, `topic` (medical, prescription, appointment, billing, other), `recipient` (`Practitioner/…`)
   * and `text`. A message the patient had started is kept as it was.
   */
  async open(params: NavigationParams): Promise<void> {
    const topic = MESSAGE_TOPICS.find((t) => t === params.topic);
    await this.startNew({ subject: params.subject || params.reason || undefined, topic, recipient: params.recipient || undefined, text: params.text || undefined });
  }

  /** Messages that arrived while the page was open: they join their conversations, and a new reply is said politely. */
  private arrived(messages: Communication[], included: Resource[]): void {
    const known = new Set(this.conversations.all(this.list.all).map((c) => c.id));
    this.people.addResources(included);
    this.conversations.remember(messages);
    const side = this.side();
    const fresh = messages.filter((m) => m.id && !known.has(m.id) && !isPatientSide(m.sender, side));
    if (fresh.length) this.announce(this.localize.term('newMessageFrom', this.people.label(fresh.at(-1)!.sender, this.localize.term('careTeam')).name));
  }

  private leaveNew(): void {
    this.writingNew = false;
    this.composer?.close();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="new-message-button"]')?.focus());
  }

  /** A message went: it joins its conversation (a new one opens), and the patient hears so. */
  private sent(communication: Communication, key: string): void {
    this.conversations.remember([communication]);
    this.announce(this.localize.term('messageSent'));
    if (key === 'new' && communication.id) {
      this.writingNew = false;
      this.openThreadId = communication.id;
      this.composer?.open(communication.id);
    } else {
      this.composer?.open(key);
    }
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(communication.id ?? '')}"]`)?.focus());
  }

  private announce(text: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  /** "Book or change a visit online instead" for appointments, refills for prescriptions, when the page has a place for it. */
  private elsewhere() {
    const topic = this.composer?.topic();
    const target = topic === 'appointment' ? 'appointment-booker' : topic === 'prescription' ? 'medication-list' : undefined;
    if (!target || !canNavigate(this, target)) return undefined;
    const reason = this.composer?.state?.draft.subject?.trim() ?? '';
    return { label: this.localize.term(target === 'appointment-booker' ? 'bookInstead' : 'refillInstead'), go: () => void navigate(this, target, reason ? { reason } : {}) };
  }

  private renderComposer(thread?: Thread) {
    const state = this.composer?.state;
    const service = this.service.value;
    const compose = this.compose;
    const composer = this.composer;
    if (!service) return nothing;
    if (!service.canSend) {
      return html`<div class="read-only" part="read-only"><p>${this.localize.term('cannotSend')}</p>
        <slot name="contact">${this.contactPhone ? html`<p>${this.localize.term('callCareTeam', this.contactPhone)}</p>` : nothing}</slot></div>`;
    }
    if (!state || !compose || !composer) return nothing;
    const { recipientChoices, replyRecipients, emergencyNumberFor } = compose;
    return compose.renderCompose(this.localize, state, {
      reply: !!thread,
      recipients: thread
        ? []
        : recipientChoices((this.careTeams.value ?? []) as CareTeam[], { people: this.people, side: this.side(), fallback: this.localize.term('careTeam'), wholeTeam: this.localize.term('wholeCareTeam'), preset: this.recipient || undefined }),
      recipientFixed: this.recipient.trim().split(/\s+/).filter(Boolean).length === 1,
      emergencyNumber: this.emergencyNumber || emergencyNumberFor(this.localize.lang()),
      replyTime: this.replyTime || undefined,
      feeNotice: this.feeNotice || undefined,
      elsewhere: thread ? undefined : this.elsewhere(),
      accept: this.accept,
      onChange: (changes) => composer.change(changes),
      onFiles: (files) => composer.addFiles(files),
      onRemoveFile: (index) => composer.removeFile(index),
      onSend: () => void composer.send({ thread: thread ? { root: thread.root, last: thread.messages.at(-1)?.communication } : undefined, recipients: () => (thread ? replyRecipients(thread, this.side()) : []) }),
      onCancel: thread ? undefined : () => this.leaveNew(),
    });
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
      <div class="inbox-head">
        <h2 id="inbox-heading">${this.localize.term('messages')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
        ${this.service.value?.canSend && !this.writingNew ? html`<button type="button" class="primary" part="new-message-button" @click=${() => void this.startNew()}>${this.localize.term('newMessage')}</button>` : nothing}
      </div>
      ${this.writingNew ? this.renderComposer() : this.renderBody()}
      <p id="announcement" class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
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
      thumbnail: (message, index, attachment) => this.thumbnails.url(`${message.id}#${index}`, attachment),
    })}
    ${this.markError ? html`<p class="notice error" role="alert">${this.markError}</p>` : nothing}
    ${this.renderComposer(thread)}`;
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
