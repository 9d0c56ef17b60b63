import type { Attachment, Communication, Reference } from 'fhir/r4';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { uploadAttachment, type SessionController } from '@portico/core';
import type { InboxLocalize } from '../i18n/terms.js';
import type { MessageService } from '../inbox/message-service.js';
import { feeAcknowledgements, messageDrafts, type DraftFile, type MessageDraft } from '../inbox/message-drafts.js';
import { newMessageId, type MessageTopic, type OutgoingMessage } from '../model/outgoing.js';

/** A file the patient chose on this page, and once sent, the attachment it became (a retry does not send it again). */
interface ChosenFile {
  file: File;
  attachment?: Attachment;
}

/** The limits a host sets on files: allowed types, bytes per file and per message. */
export interface FileLimits {
  types: readonly string[];
  maxFileBytes: number;
  maxMessageBytes: number;
}

/** What the composer needs from the inbox it is in. */
export interface ComposerPort {
  readonly session: SessionController;
  readonly localize: InboxLocalize;
  service(): MessageService | undefined;
  limits(): FileLimits;
  /** The host's preset recipient (`recipient` attribute), when there is one. */
  presetRecipient(): string | undefined;
  /** A message was sent (stored as `communication`) from the draft under `key`. */
  sent(communication: Communication, key: string): void;
}

/** Where the composer stands: the draft, the files on this page, and what the patient was told. */
export interface ComposerState {
  key: string;
  draft: MessageDraft;
  files: readonly File[];
  /** Files a restored draft had: the bytes were not kept, so they are attached again. */
  filesToAttachAgain: readonly DraftFile[];
  busy: boolean;
  /** Why files were not attached (type, size), each in the patient's words. */
  fileNotices: readonly string[];
  /** What is missing or what failed, in the patient's words; the text typed stays. */
  error?: string;
  invalid: readonly ('recipient' | 'subject' | 'text')[];
}

/**
 * The message being written, a reply or a new conversation: kept as a draft in the tab after every
 * change (PatientStorage), files checked as they are chosen, and sent once however often the patient
 * presses Send or tries again (the draft's message id).
 */
export class Composer implements ReactiveController {
  private chosen: ChosenFile[] = [];
  private current?: ComposerState;
  private sending?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly port: ComposerPort,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.sending?.abort();
  }

  get state(): ComposerState | undefined {
    return this.current;
  }

  /** Opens the draft of a conversation (`key` its id) or of a new one (`new`), as it was left. */
  open(key: string, defaults: Partial<MessageDraft> = {}): void {
    const patientId = this.port.session.patientId;
    if (!patientId) return;
    if (this.current?.key === key) return;
    const kept = messageDrafts.read(patientId)?.[key];
    const acknowledged = feeAcknowledgements.read(patientId)?.includes(key) || undefined;
    const draft: MessageDraft = kept ?? { messageId: newMessageId(), text: '', files: [], feeAcknowledged: acknowledged, ...defaults };
    if (!kept && key === 'new') draft.recipient ??= this.port.presetRecipient();
    this.chosen = [];
    this.current = { key, draft, files: [], filesToAttachAgain: kept?.files ?? [], busy: false, fileNotices: [], invalid: [] };
    this.host.requestUpdate();
  }

  close(): void {
    this.sending?.abort();
    this.current = undefined;
    this.chosen = [];
    this.host.requestUpdate();
  }

  /** Takes what the patient typed or chose, and keeps it. */
  change(changes: Partial<Pick<MessageDraft, 'text' | 'subject' | 'recipient' | 'topic' | 'feeAcknowledged'>>): void {
    const state = this.current;
    if (!state) return;
    const invalid = state.invalid.filter((field) => !(field in changes));
    this.set({ draft: { ...state.draft, ...changes }, invalid, error: undefined });
  }

  /** Adds the files the patient chose: each of an allowed type and size, within the message's total; the others say why. */
  addFiles(files: readonly File[]): void {
    const state = this.current;
    if (!state) return;
    const { localize } = this.port;
    const limits = this.port.limits();
    const notices: string[] = [];
    let total = this.chosen.reduce((sum, c) => sum + c.file.size, 0);
    for (const file of files) {
      if (!limits.types.includes(file.type)) notices.push(localize.term('fileTypeRefused', file.name));
      else if (file.size > limits.maxFileBytes) notices.push(localize.term('fileTooLarge', file.name, localize.fileSize(limits.maxFileBytes)));
      else if (total + file.size > limits.maxMessageBytes) notices.push(localize.term('messageTooLarge', file.name, localize.fileSize(limits.maxMessageBytes)));
      else {
        this.chosen.push({ file });
        total += file.size;
      }
    }
    const remaining = state.filesToAttachAgain.filter((kept) => !files.some((f) => f.name === kept.title));
    this.set({ fileNotices: notices, filesToAttachAgain: remaining }, true);
  }

  removeFile(index: number): void {
    this.chosen.splice(index, 1);
    this.set({ fileNotices: [] }, true);
  }

  /**
   * Sends the message: the fields checked first (what is missing is named and keeps everything typed),
   * the files uploaded once, then the message with the draft's id. On failure the draft stays as it
   * was and the patient can try again; on success the draft is forgotten.
   */
  async send(options: { thread?: { root: Communication; last?: Communication }; recipients: () => Reference[] }): Promise<void> {
    const state = this.current;
    const service = this.port.service();
    const { session, localize } = this.port;
    const patientId = session.patientId;
    const client = session.client;
    if (!state || state.busy || !service || !patientId || !client) return;
    const { draft } = state;
    const isNew = !options.thread;
    const recipients = isNew && draft.recipient ? [{ reference: draft.recipient }] : options.recipients();
    const invalid = [
      ...(isNew && !recipients.length ? (['recipient'] as const) : []),
      ...(isNew && !draft.subject?.trim() ? (['subject'] as const) : []),
      ...(!draft.text.trim() && !this.chosen.length ? (['text'] as const) : []),
    ];
    if (invalid.length) {
      this.set({ invalid, error: localize.term('fixFields') });
      return;
    }
    this.sending?.abort();
    const request = (this.sending = new AbortController());
    const { signal } = request;
    this.set({ busy: true, error: undefined, invalid: [] });
    try {
      for (const chosen of this.chosen) {
        chosen.attachment ??= await uploadAttachment(client, chosen.file, { signal, allowedTypes: this.port.limits().types, maxBytes: this.port.limits().maxFileBytes, securityContext: { reference: `Patient/${patientId}` } });
      }
      const message: OutgoingMessage = {
        messageId: draft.messageId,
        patientId,
        sender: await this.port.session.actingPerson(signal),
        recipients,
        text: draft.text,
        attachments: this.chosen.map((c) => c.attachment!),
        ...(isNew ? { subject: draft.subject!.trim(), topic: draft.topic ?? 'medical' } : { thread: options.thread }),
      };
      const stored = await service.send(message, { signal });
      // The fee notice was acknowledged for this conversation (a new one: under its new id).
      if (draft.feeAcknowledged) this.acknowledged(patientId, isNew ? (stored.id ?? state.key) : state.key);
      this.forget(state.key);
      this.chosen = [];
      this.current = undefined;
      this.host.requestUpdate();
      this.port.sent(stored, state.key);
    } catch (error) {
      if (signal.aborted) return;
      this.set({ busy: false, error: session.expired ? localize.term('draftKeptSignIn') : localize.errorMessage(error) });
    }
  }

  private set(changes: Partial<ComposerState>, filesChanged = false): void {
    if (!this.current) return;
    this.current = { ...this.current, ...changes, ...(filesChanged ? { files: this.chosen.map((c) => c.file) } : {}) };
    this.keep();
    this.host.requestUpdate();
  }

  /** Keeps the draft (with the files' names, not their bytes) for this patient, or forgets it once empty. */
  private keep(): void {
    const state = this.current;
    const patientId = this.port.session.patientId;
    if (!state || !patientId) return;
    const files: DraftFile[] = [...state.filesToAttachAgain, ...this.chosen.map(({ file }) => ({ title: file.name, contentType: file.type, size: file.size }))];
    const draft = { ...state.draft, files };
    const empty = !draft.text.trim() && !draft.subject?.trim() && !files.length;
    const drafts = { ...messageDrafts.read(patientId) };
    if (empty) delete drafts[state.key];
    else drafts[state.key] = draft;
    messageDrafts.write(patientId, Object.keys(drafts).length ? drafts : undefined);
  }

  private acknowledged(patientId: string, conversation: string): void {
    const kept = feeAcknowledgements.read(patientId) ?? [];
    if (!kept.includes(conversation)) feeAcknowledgements.write(patientId, [...kept, conversation]);
  }

  private forget(key: string): void {
    const patientId = this.port.session.patientId;
    if (!patientId) return;
    const drafts = { ...messageDrafts.read(patientId) };
    delete drafts[key];
    messageDrafts.write(patientId, Object.keys(drafts).length ? drafts : undefined);
  }

  /** The topic chosen for a new conversation. */
  topic(): MessageTopic {
    return this.current?.draft.topic ?? 'medical';
  }
}
