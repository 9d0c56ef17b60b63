import type { Communication } from 'fhir/r4';
import { isFhirError, type FhirClient, type RequestOptions } from '@portico/core';
import type { OutgoingMessage } from '../model/outgoing.js';

/**
 * What the inbox writes, in its own words, so a host whose messages go through a vendor's API can hand
 * its own (docs/services.md). The FHIR default writes Communications.
 */
export interface MessageService {
  /** Messages can be sent (replies and new conversations); when not, the inbox says how to reach the care team. */
  readonly canSend: boolean;
  /** Messages can be marked read (the care team sees the patient opened them). */
  readonly canMarkRead: boolean;
  /**
   * Sends a message and returns it as stored. Exactly once per `messageId`: a retry with the same id
   * must not make a second message (a vendor API takes it as its idempotency key).
   */
  send(message: OutgoingMessage, options?: RequestOptions): Promise<Communication>;
  /** Marks the care team's messages read when the patient opens them; returns them as stored. */
  markRead(messages: readonly Communication[], options?: RequestOptions): Promise<Communication[]>;
}

/** The FHIR message service: what the CapabilityStatement offers and the granted scopes allow. */
export async function messageServiceFor(client: FhirClient, options: RequestOptions = {}): Promise<MessageService> {
  const [canSend, canMarkRead] = await Promise.all([client.allows('create', 'Communication', options), client.allows('update', 'Communication', options)]);
  return {
    canSend,
    canMarkRead,
    send: async (message, request) => (await import('./send-message.js')).sendWithFhir(client, message, request),
    markRead: (messages, request) => markReadWithFhir(client, messages, request),
  };
}

/**
 * Sets `received` on each message, only on the version read (`If-Match`): a message someone changed
 * meanwhile is read again and marked if it still is not. A message already marked stays as it is.
 */
async function markReadWithFhir(client: FhirClient, messages: readonly Communication[], options: RequestOptions = {}): Promise<Communication[]> {
  const received = new Date().toISOString();
  return Promise.all(
    messages.map(async (message) => {
      if (message.received || !message.id) return message;
      try {
        return (await client.update({ ...message, received }, options)).resource;
      } catch (error) {
        if (!isFhirError(error) || error.status !== 412) throw error;
        const current = await client.read('Communication', message.id, options);
        return current.received ? current : (await client.update({ ...current, received }, options)).resource;
      }
    }),
  );
}
