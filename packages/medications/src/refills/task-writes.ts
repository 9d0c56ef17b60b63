import type { Communication, Task } from 'fhir/r4';
import { isFhirError, type FhirClient, type RequestOptions } from '@portico/core';
import { TASK_ID_SYSTEM, taskFor, type RefillAsk } from '../model/refill-request.js';
import type { PrescriberMessage } from './refill-service.js';

/** The identifier system and topic code system message-inbox writes, so the inbox files the message with the others. */
const MESSAGE_ID_SYSTEM = 'urn:portico:message';
const MESSAGE_TOPIC_SYSTEM = 'urn:portico:message-topic';

/**
 * Records a refill or renewal request as a Task, exactly once: created only if none with its
 * browser-made identifier exists (`If-None-Exist`), so a double click, a retry after a lost answer or
 * two tabs sending the same request leave one. Loaded the first time the patient asks.
 */
export async function askWithFhir(client: FhirClient, ask: RefillAsk, options: RequestOptions = {}): Promise<Task> {
  const { resource } = await client.create(taskFor(ask), { ...options, ifNoneExist: { identifier: `${TASK_ID_SYSTEM}|${ask.requestId}` } });
  return resource;
}

/**
 * Withdraws a request: the same Task with status `cancelled`, only on the version read (`If-Match`).
 * A request someone changed meanwhile is read again and withdrawn if it is still requested.
 */
export async function withdrawWithFhir(client: FhirClient, task: Task, options: RequestOptions = {}): Promise<Task> {
  try {
    return (await client.update({ ...task, status: 'cancelled' as const }, options)).resource;
  } catch (error) {
    if (!isFhirError(error) || error.status !== 412 || !task.id) throw error;
    const current = await client.read('Task', task.id, options);
    return current.status === 'requested' ? (await client.update({ ...current, status: 'cancelled' as const }, options)).resource : current;
  }
}

/** Sends the prescriber a message (a Communication, topic prescription), exactly once per `messageId`. */
export async function messageWithFhir(client: FhirClient, message: PrescriberMessage, options: RequestOptions = {}): Promise<Communication> {
  const communication: Communication = {
    resourceType: 'Communication',
    identifier: [{ system: MESSAGE_ID_SYSTEM, value: message.messageId }],
    status: 'completed',
    category: [{ coding: [{ system: MESSAGE_TOPIC_SYSTEM, code: message.topic }], text: message.topic }],
    topic: { text: message.subject },
    subject: { reference: `Patient/${message.patientId}` },
    sent: new Date().toISOString(),
    sender: message.sender,
    recipient: [...message.recipients],
    payload: [{ contentString: message.text }],
  };
  const { resource } = await client.create(communication, { ...options, ifNoneExist: { identifier: `${MESSAGE_ID_SYSTEM}|${message.messageId}` } });
  return resource;
}
