import type { Reference, Task } from 'fhir/r4';
import { TASK_CODE_SYSTEM } from '../scopes.js';

/** The code system of the requests the portal records: what the patient asks the prescriber for. */
export { TASK_CODE_SYSTEM };

/** What a patient asks for about a prescription: more of it (`refill`) or a new one (`renewal`). */
export const REQUEST_KINDS = ['refill', 'renewal'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
/** The system of the identifier a request is recorded with: made in the browser, it makes a retry one request. */
export const TASK_ID_SYSTEM = 'urn:portico:task';
/** The code system of what a request carries besides its note (the pharmacy chosen). */
export const TASK_INPUT_SYSTEM = 'urn:portico:task-input';

/** Request statuses still waiting for the prescriber (a pending request can be withdrawn while `requested`). */
export const PENDING_STATUSES = ['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'] as const satisfies readonly Task['status'][];

/** A refill or renewal request the patient wants recorded. */
export interface RefillAsk {
  /** Made in the browser once per request (kept while the form is open): every retry sends the same. */
  requestId: string;
  kind: RequestKind;
  patientId: string;
  /** The prescription, as `MedicationRequest/<id>`, and the medicine's name for its display. */
  prescription: Reference;
  /** The patient, or the person acting for them. */
  requester: Reference;
  /** The prescriber: the prescription's `requester`. */
  prescriber: Reference;
  note?: string;
  /** The pharmacy chosen, when not the prescription's own. */
  pharmacy?: Reference;
}

/** A new id for a request (a UUID where the browser has one). */
export function newRequestId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** The request's kind from its `urn:portico:task-code` code, else undefined (another kind of Task). */
export function requestKindOf(task: Task): RequestKind | undefined {
  const codes = (task.code?.coding ?? []).filter((c) => c.system === TASK_CODE_SYSTEM).map((c) => c.code);
  return REQUEST_KINDS.find((kind) => codes.includes(kind));
}

/** Whether the request still waits for the prescriber. */
export function isPending(task: Task): boolean {
  return (PENDING_STATUSES as readonly string[]).includes(task.status);
}

/** The pharmacy a request names (its `input` of type pharmacy). */
export function requestedPharmacy(task: Task): Reference | undefined {
  return task.input?.find((i) => i.type.coding?.some((c) => c.system === TASK_INPUT_SYSTEM && c.code === 'pharmacy'))?.valueReference;
}

/**
 * The Task for a request: `requested`, intent `order`, its code, `focus` the prescription, `for` the
 * patient, `requester` who asks, `owner` the prescriber, the browser's identifier, the note and the
 * pharmacy chosen. Never a MedicationRequest: the prescriber writes those.
 */
export function taskFor(ask: RefillAsk, now = new Date()): Task {
  const label = ask.kind === 'refill' ? 'Refill request' : 'Renewal request';
  return {
    resourceType: 'Task',
    identifier: [{ system: TASK_ID_SYSTEM, value: ask.requestId }],
    status: 'requested',
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: TASK_CODE_SYSTEM, code: ask.kind, display: label }], text: label },
    ...(ask.prescription.display ? { description: `${label}: ${ask.prescription.display}` } : {}),
    focus: ask.prescription,
    for: { reference: `Patient/${ask.patientId}` },
    authoredOn: now.toISOString(),
    requester: ask.requester,
    owner: ask.prescriber,
    ...(ask.note?.trim() ? { note: [{ text: ask.note.trim(), time: now.toISOString() }] } : {}),
    ...(ask.pharmacy
      ? { input: [{ type: { coding: [{ system: TASK_INPUT_SYSTEM, code: 'pharmacy', display: 'Pharmacy' }], text: 'Pharmacy' }, valueReference: ask.pharmacy }] }
      : {}),
  };
}
