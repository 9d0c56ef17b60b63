import type { Attachment, Communication, Reference } from 'fhir/r4';

/** What a message is about; a host may send "prescription" and "appointment" to its own pages instead. */
export const MESSAGE_TOPICS = ['medical', 'prescription', 'appointment', 'billing', 'other'] as const;
export type MessageTopic = (typeof MESSAGE_TOPICS)[number];

/** The system of the identifier a message is sent with: made in the browser, it makes a retry one message. */
export const MESSAGE_ID_SYSTEM = 'urn:portico:message';

/** The code system of the topics Portico writes in `Communication.category`. */
export const MESSAGE_TOPIC_SYSTEM = 'urn:portico:message-topic';

/** A message the patient sends: a reply in a conversation, or the first of a new one. */
export interface OutgoingMessage {
  /** Made in the browser once per message (kept with the draft): every retry sends the same. */
  messageId: string;
  patientId: string;
  /** The patient, or the person acting for them. */
  sender: Reference;
  recipients: readonly Reference[];
  text: string;
  attachments: readonly Attachment[];
  /** A new conversation: its subject and topic. */
  subject?: string;
  topic?: MessageTopic;
  /** A reply: the conversation's first Communication and the message answered. */
  thread?: { root: Communication; last?: Communication };
}

/** A new id for a message (a UUID where the browser has one). */
export function newMessageId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The Communication for a message: `completed`, sent now, the thread links a server of either shape
 * follows (`partOf` a header, `inResponseTo` the message answered), the browser's identifier.
 */
export function communicationFor(message: OutgoingMessage, now = new Date()): Communication {
  const { thread } = message;
  const headerShaped = !!thread && !thread.root.payload?.length;
  const answered = thread?.last ?? thread?.root;
  return {
    resourceType: 'Communication',
    identifier: [{ system: MESSAGE_ID_SYSTEM, value: message.messageId }],
    status: 'completed',
    ...(message.topic ? { category: [{ coding: [{ system: MESSAGE_TOPIC_SYSTEM, code: message.topic }], text: message.topic }] } : thread?.root.category ? { category: thread.root.category } : {}),
    ...(thread && headerShaped && thread.root.id ? { partOf: [{ reference: `Communication/${thread.root.id}` }] } : {}),
    ...(answered?.id ? { inResponseTo: [{ reference: `Communication/${answered.id}` }] } : {}),
    ...(message.subject ? { topic: { text: message.subject } } : {}),
    subject: { reference: `Patient/${message.patientId}` },
    sent: now.toISOString(),
    sender: message.sender,
    recipient: [...message.recipients],
    payload: [...(message.text.trim() ? [{ contentString: message.text }] : []), ...message.attachments.map((contentAttachment) => ({ contentAttachment }))],
  };
}
