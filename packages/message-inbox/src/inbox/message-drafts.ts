import { PatientStorage } from '@portico/core';
import type { MessageTopic } from '../model/outgoing.js';

/** A file the patient attached, as the draft remembers it (the bytes cannot be kept: they attach it again). */
export interface DraftFile {
  title: string;
  contentType?: string;
  size?: number;
}

/** A message being written: everything typed and chosen, and the id it will be sent with. */
export interface MessageDraft {
  messageId: string;
  text: string;
  /** A new conversation's subject, recipient (`Type/id`) and topic. */
  subject?: string;
  recipient?: string;
  topic?: MessageTopic;
  files: DraftFile[];
  /** The fee notice was acknowledged for this conversation. */
  feeAcknowledged?: boolean;
}

/** Drafts by conversation: a reply under the conversation's id, a new conversation under `new`. */
export type MessageDrafts = Record<string, MessageDraft>;

/**
 * What the patient is writing, per patient, kept in this tab (sessionStorage, under a hash of the
 * patient id): back after a reload, the sign-in round trip after an expired session, or a failed
 * send; removed once sent and on sign-out; never shown for another patient.
 */
export const messageDrafts = new PatientStorage<MessageDrafts>('message-inbox', 'tab');

/** The conversations in which the patient acknowledged the fee notice (by conversation id), so it is asked once per conversation. */
export const feeAcknowledgements = new PatientStorage<string[]>('message-inbox:fee-acknowledged', 'tab');
