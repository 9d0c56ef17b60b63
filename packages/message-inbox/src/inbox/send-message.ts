import type { Communication } from 'fhir/r4';
import type { FhirClient, RequestOptions } from '@portico/core';
import { communicationFor, MESSAGE_ID_SYSTEM, type OutgoingMessage } from '../model/outgoing.js';

/**
 * Sends a message as a Communication, exactly once: created only if none with its browser-made
 * identifier exists (`If-None-Exist`), so a double click, a retry after a lost answer or two tabs
 * sending the same draft leave one message. Returns it as stored. Loaded the first time the patient sends.
 */
export async function sendWithFhir(client: FhirClient, message: OutgoingMessage, options: RequestOptions = {}): Promise<Communication> {
  const { resource } = await client.create(communicationFor(message), { ...options, ifNoneExist: { identifier: `${MESSAGE_ID_SYSTEM}|${message.messageId}` } });
  return resource;
}
