import type { Attachment, CodeableConcept, Communication, Reference } from 'fhir/r4';

/** One message as the patient reads it: who wrote it, when, its text and its files. */
export interface Message {
  communication: Communication;
  id: string;
  /** `Practitioner/dr-chen`, `Patient/maria`, `RelatedPerson/…`. */
  sender?: Reference;
  recipients: readonly Reference[];
  /** When it was sent (ms since the epoch); undefined when the server does not say. */
  sent?: number;
  text: string;
  attachments: readonly Attachment[];
  /** Written by the patient or someone acting for them (not by the care team). */
  fromPatientSide: boolean;
  /** From the care team and not yet read (no `received`). */
  unread: boolean;
}

/** A conversation: its first Communication (the header, or the first message of a reply chain) and its messages, oldest first. */
export interface Thread {
  /** The id of the Communication that starts it. */
  id: string;
  root: Communication;
  subject: string;
  /** The topic or category (a Coding's display or text), when the server gives one. */
  category?: CodeableConcept;
  messages: readonly Message[];
  /** The latest message's time, else the root's. */
  lastActivity?: number;
  unreadCount: number;
  /** Everyone who wrote or was written to, the patient's side included, each once. */
  participants: readonly Reference[];
}

/** Whose side of the conversation a reference is on: the patient, or someone acting for them. */
export interface PatientSide {
  patientId: string;
  /** The signed-in person when not the patient (`RelatedPerson/…`, `Person/…`). */
  user?: string;
}

const COMMUNICATION = /(?:^|\/)Communication\/([^/]+)(?:\/_history\/[^/]+)?$/;

/** The id of a `Communication/x` reference, else undefined. */
function communicationId(reference: Reference | undefined): string | undefined {
  return reference?.reference ? COMMUNICATION.exec(reference.reference)?.[1] : undefined;
}

function timeOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Is this reference the patient or the person acting for them (a parent, a RelatedPerson for the patient)? */
export function isPatientSide(reference: Reference | undefined, side: PatientSide): boolean {
  const value = reference?.reference ?? '';
  if (/(?:^|\/)RelatedPerson\//.test(value)) return true;
  if (side.user && (value === side.user || value.endsWith(`/${side.user}`))) return true;
  return value === `Patient/${side.patientId}` || value.endsWith(`/Patient/${side.patientId}`);
}

/** A Communication as a message, or undefined when it carries nothing to read (a thread header). */
export function messageOf(communication: Communication, side: PatientSide): Message | undefined {
  const payload = communication.payload ?? [];
  const text = payload
    .map((p) => p.contentString)
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .join('\n\n');
  const attachments = payload.map((p) => p.contentAttachment).filter((a): a is Attachment => !!a);
  if (!text && !attachments.length) return undefined;
  const fromPatientSide = isPatientSide(communication.sender, side);
  return {
    communication,
    id: communication.id ?? '',
    sender: communication.sender,
    recipients: communication.recipient ?? [],
    sent: timeOf(communication.sent),
    text,
    attachments,
    fromPatientSide,
    unread: !fromPatientSide && !communication.received,
  };
}

/**
 * Groups Communications into conversations, newest activity first. Both shapes real servers use: a
 * header (topic, no payload or the first message) with the messages `partOf` it, and chains of
 * `inResponseTo`. A message whose thread start is not among `communications` (an older page not read
 * yet) starts a thread of its own until it is. `entered-in-error` ones are left out.
 */
export function threadsOf(communications: readonly Communication[], side: PatientSide): Thread[] {
  const usable = communications.filter((c) => c.id && c.status !== 'entered-in-error');
  const byId = new Map(usable.map((c) => [c.id!, c]));
  const rootOf = new Map<string, string>();
  const findRoot = (c: Communication, seen = new Set<string>()): string => {
    const known = rootOf.get(c.id!);
    if (known) return known;
    seen.add(c.id!);
    const parentId = communicationId(c.partOf?.find((p) => communicationId(p))) ?? communicationId(c.inResponseTo?.[0]);
    const parent = parentId && !seen.has(parentId) ? byId.get(parentId) : undefined;
    const root = parent ? findRoot(parent, seen) : c.id!;
    rootOf.set(c.id!, root);
    return root;
  };
  const groups = new Map<string, Communication[]>();
  for (const c of usable) {
    const root = findRoot(c);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  }
  const threads = [...groups].map(([id, members]) => threadOf(byId.get(id)!, members, side));
  return threads.sort((a, b) => (b.lastActivity ?? 0) - (a.lastActivity ?? 0) || a.id.localeCompare(b.id));
}

function threadOf(root: Communication, members: readonly Communication[], side: PatientSide): Thread {
  const messages = members
    .map((c) => messageOf(c, side))
    .filter((m): m is Message => !!m)
    .sort((a, b) => (a.sent ?? 0) - (b.sent ?? 0) || a.id.localeCompare(b.id));
  const participants = new Map<string, Reference>();
  for (const c of [root, ...members]) {
    for (const reference of [c.sender, ...(c.recipient ?? [])]) {
      const key = reference?.reference ?? reference?.display;
      if (reference && key && !participants.has(key)) participants.set(key, reference);
    }
  }
  const subject = root.topic?.text?.trim() || members.find((m) => m.topic?.text?.trim())?.topic?.text?.trim() || '';
  const last = messages.at(-1);
  return {
    id: root.id!,
    root,
    subject,
    category: root.category?.[0],
    messages,
    lastActivity: last?.sent ?? timeOf(root.sent),
    unreadCount: messages.filter((m) => m.unread).length,
    participants: [...participants.values()],
  };
}

/** Unread messages across threads (each message once). */
export function unreadCount(threads: readonly Thread[]): number {
  return threads.reduce((sum, t) => sum + t.unreadCount, 0);
}
