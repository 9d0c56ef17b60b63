import type { Communication, Reference, Task } from 'fhir/r4';
import type { FhirClient, RequestOptions } from '@portico/core';
import type { RefillAsk } from '../model/refill-request.js';

/**
 * What the list writes, in its own words, so a host whose refill requests go through a vendor's or a
 * pharmacy's API can hand its own (docs/services.md). The FHIR default records a Task; it never writes
 * a prescription (MedicationRequest): only the prescriber does.
 */
export interface RefillService {
  /** Refill and renewal requests can be recorded; when not, the list offers a message to the prescriber or the hospital's page. */
  readonly canAsk: boolean;
  /** A pending request can be withdrawn. */
  readonly canWithdraw: boolean;
  /**
   * Records a request and returns it as stored. Exactly once per `requestId`: a retry with the same id
   * must not make a second request (a vendor API takes it as its idempotency key).
   */
  ask(request: RefillAsk, options?: RequestOptions): Promise<Task>;
  /** Withdraws a pending request; returns it as stored (status `cancelled`). */
  withdraw(request: Task, options?: RequestOptions): Promise<Task>;
}

/**
 * The message a patient sends the prescriber where requests cannot be recorded: the part of
 * message-inbox's `MessageService` (`session.services.messages`) the list uses.
 */
export interface PrescriberMessages {
  readonly canSend: boolean;
  send(message: PrescriberMessage, options?: RequestOptions): Promise<Communication>;
}

/** A new message to the prescriber, in the shape message-inbox's service sends (topic `prescription`). */
export interface PrescriberMessage {
  messageId: string;
  patientId: string;
  sender: Reference;
  recipients: readonly Reference[];
  text: string;
  attachments: readonly never[];
  subject: string;
  topic: 'prescription';
}

/** The FHIR refill service: Task create and update as the CapabilityStatement offers and the granted scopes allow. */
export async function refillServiceFor(client: FhirClient, options: RequestOptions = {}): Promise<RefillService> {
  const [canAsk, canWithdraw] = await Promise.all([client.allows('create', 'Task', options), client.allows('update', 'Task', options)]);
  return {
    canAsk,
    canWithdraw,
    ask: async (request, more) => (await import('./task-writes.js')).askWithFhir(client, request, more),
    withdraw: async (request, more) => (await import('./task-writes.js')).withdrawWithFhir(client, request, more),
  };
}

/** The FHIR messages to the prescriber: a Communication, when the server takes one from the patient. */
export async function prescriberMessagesFor(client: FhirClient, options: RequestOptions = {}): Promise<PrescriberMessages> {
  return {
    canSend: await client.allows('create', 'Communication', options),
    send: async (message, more) => (await import('./task-writes.js')).messageWithFhir(client, message, more),
  };
}
