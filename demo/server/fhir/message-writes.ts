/**
 * Secure messages as a patient token may write them (the message inbox's rules, features/messages.ts),
 * after the generic checks of writes.ts (scopes, every patient named is the token's). The same for a
 * direct request and a Bundle entry.
 *
 * - Create: `subject` the token's patient; `sender` that patient, the token's fhirUser, or (when the
 *   fhirUser is not that patient: a parent acting for a child) an active RelatedPerson for the patient
 *   that is the fhirUser or that the fhirUser's Person links; every `recipient` the patient's CareTeam,
 *   a member of it or its managing Organization (or a PractitionerRole of a member); `partOf` and
 *   `inResponseTo` messages of this record; no `received`; status `completed` or `in-progress`;
 *   attachments inline or `Binary/<id>` of this record.
 * - Update: only marking a care-team message to the patient (or proxy) read: nothing but `received`
 *   (set once, never cleared or moved) and `meta` may change. A stale `If-Match` is 412 first.
 * - Patch and delete: refused.
 * A refusal decided from the request and the token's own data is 403; a reference to a message or
 * Binary the token may not see is 404, as one that does not exist (its existence does not leak).
 */
import { preconditionFailed } from '@medplum/core';
import type { Attachment, CareTeam, Communication, Person, PractitionerRole, Reference, RelatedPerson, Resource } from '@medplum/fhirtypes';
import type { CheckedWrite } from '../features/feature.js';
import { patientIdOf } from './access.js';
import { forbidden, HttpProblem, notVisible, type RequestContext, type TransactionView } from './interactions.js';
import { sameApartFrom } from './resource-compare.js';

/** Who may receive a patient's message: the care team's side. */
const CARE_TEAM_TYPES = ['Practitioner', 'PractitionerRole', 'CareTeam', 'Organization'] as const;
/** The statuses a patient sends a message with (`in-progress`: a draft kept on the server). */
const SENT_STATUSES = ['completed', 'in-progress'] as const;
/** CareTeam statuses that no longer make a team the patient's. */
const ENDED_TEAM = ['inactive', 'entered-in-error'] as const;

const ID = '[A-Za-z0-9\\-.]{1,64}';

/** The refusal of a message patch or delete. */
export const MESSAGES_STAY = 'Messages cannot be deleted or patched here; to mark one read, update it with its received time.';
/** The refusal of any CareTeam write. */
export const CARE_TEAM_KEPT = 'Your care team is kept by the clinic and cannot be changed here.';
const ONLY_MARK_READ = 'You may only mark a message from your care team as read: set its received time and change nothing else.';

/** `{ type, id }` of a reference to this server (relative, or absolute under its base; a version is ignored), else undefined. */
export function localTarget(context: RequestContext, reference: string | undefined): { type: string; id: string } | undefined {
  if (!reference) return undefined;
  const path = reference.startsWith(`${context.baseUrl}/`) ? reference.slice(context.baseUrl.length + 1) : reference;
  const match = new RegExp(`^([A-Z][A-Za-z]+)/(${ID})(?:/_history/${ID})?$`).exec(path);
  return match ? { type: match[1]!, id: match[2]! } : undefined;
}

/** The `Type/id` of a reference to this server, else undefined. */
export function localReference(context: RequestContext, reference: string | undefined): string | undefined {
  const target = localTarget(context, reference);
  return target && `${target.type}/${target.id}`;
}

/** Is `reference` an entry the same transaction creates, of `type`? (It is checked on its own.) */
export function pendingOfType(transaction: TransactionView | undefined, reference: string | undefined, type: string): boolean {
  if (!transaction || !reference || !transaction.pending.has(reference)) return false;
  return transaction.writes.some((w) => w.fullUrl === reference && w.classified.interaction === 'create' && w.classified.resourceType === type);
}

/**
 * Whom a patient's token may write as, in the record of `patient` (a message's sender, a document's
 * author): the patient, the token's fhirUser, or a RelatedPerson acting for the patient.
 */
export function senders(context: RequestContext, patient: string): Set<string> {
  const { fhirUser } = context.access.grant;
  const allowed = new Set([`Patient/${patient}`, fhirUser]);
  if (fhirUser === `Patient/${patient}`) return allowed;
  // A parent acting for a child: the RelatedPerson that is the fhirUser, or that the fhirUser's Person links.
  const [type, id] = fhirUser.split('/') as [string, string];
  const own = context.repo.peek(type, id);
  const candidates = own?.resourceType === 'RelatedPerson' ? [fhirUser] : own?.resourceType === 'Person' ? ((own as Person).link ?? []).map((l) => l.target.reference ?? '') : [];
  for (const candidate of candidates) {
    const [relType, relId] = candidate.split('/') as [string, string];
    if (relType !== 'RelatedPerson') continue;
    const related = context.repo.peek('RelatedPerson', relId) as RelatedPerson | undefined;
    if (related && related.active !== false && patientIdOf(related.patient?.reference) === patient) allowed.add(candidate);
  }
  return allowed;
}

/** Whom the patient may write to: their CareTeams, the clinicians and organizations on them, and those clinicians' roles. */
function recipients(context: RequestContext, patient: string): Set<string> {
  const allowed = new Set<string>();
  const practitioners = new Set<string>();
  for (const team of context.repo.peekAll('CareTeam') as Iterable<CareTeam>) {
    if (patientIdOf(team.subject?.reference) !== patient || (ENDED_TEAM as readonly string[]).includes(team.status ?? '')) continue;
    allowed.add(`CareTeam/${team.id}`);
    const references = [...(team.managingOrganization ?? []), ...(team.participant ?? []).flatMap((p) => [p.member, p.onBehalfOf])];
    for (const reference of references) {
      const target = localReference(context, reference?.reference);
      if (!target || !(CARE_TEAM_TYPES as readonly string[]).includes(target.split('/')[0]!)) continue;
      allowed.add(target);
      if (target.startsWith('Practitioner/')) practitioners.add(target);
    }
  }
  if (practitioners.size) {
    for (const role of context.repo.peekAll('PractitionerRole') as Iterable<PractitionerRole>) {
      if (role.active !== false && practitioners.has(role.practitioner?.reference ?? '')) allowed.add(`PractitionerRole/${role.id}`);
    }
  }
  return allowed;
}

/** A message of this patient's record the token may see, or the transaction's own new message; else 403 or 404. */
function checkThreadReference(context: RequestContext, reference: Reference, patient: string, transaction: TransactionView | undefined): void {
  if (pendingOfType(transaction, reference.reference, 'Communication')) return;
  const target = localTarget(context, reference.reference);
  if (!target || target.type !== 'Communication') throw forbidden('A reply points (partOf, inResponseTo) only at a message of this record.');
  const stored = context.repo.peek('Communication', target.id) as Communication | undefined;
  if (!stored || !context.access.allowsResource(stored) || patientIdOf(stored.subject?.reference) !== patient) throw notVisible();
}

/** Inline data, or `Binary/<id>` of this record (or one the same transaction creates); never another URL. */
export function checkAttachment(context: RequestContext, attachment: Attachment, transaction: TransactionView | undefined): void {
  const { url } = attachment;
  if (url === undefined || pendingOfType(transaction, url, 'Binary')) return;
  const match = new RegExp(`^Binary/(${ID})$`).exec(url);
  if (!match) throw forbidden('An attachment is sent inline (data) or as Binary/<id> of this record; no other address.');
  const binary = context.repo.peek('Binary', match[1]!);
  if (!binary || !context.access.allowsResource(binary)) throw notVisible();
}

function checkCreate(context: RequestContext, message: Communication, transaction: TransactionView | undefined): void {
  const patient = patientIdOf(message.subject?.reference);
  if (!patient || !context.access.patients.has(patient) || !localTarget(context, message.subject?.reference)) {
    throw forbidden('A message needs as its subject the patient this token is for.');
  }
  if (!(SENT_STATUSES as readonly string[]).includes(message.status)) throw forbidden('A message is sent with status completed (or in-progress for a draft).');
  if (message.received !== undefined) throw forbidden('A new message has no received time: the care team’s side sets it when they read it.');
  if (!senders(context, patient).has(localReference(context, message.sender?.reference) ?? '')) {
    throw forbidden('A message is sent by the patient, or by the person signed in for them; not by anyone else.');
  }
  const allowed = recipients(context, patient);
  if (!message.recipient?.length) throw forbidden('A message needs a recipient from the patient’s care team.');
  for (const recipient of message.recipient) {
    if (!allowed.has(localReference(context, recipient.reference) ?? '')) throw forbidden('A message goes only to the patient’s care team: the team, its members or its organization.');
  }
  for (const reference of [...(message.partOf ?? []), ...(message.inResponseTo ?? [])]) checkThreadReference(context, reference, patient, transaction);
  for (const part of message.payload ?? []) {
    if (part.contentAttachment) checkAttachment(context, part.contentAttachment, transaction);
    if (part.contentReference) {
      const target = localTarget(context, part.contentReference.reference);
      if (!target) throw forbidden('A message refers only to resources of this server.');
      const stored = context.repo.peek(target.type, target.id);
      if (!stored || !context.access.allowsResource(stored)) throw notVisible();
    }
  }
}

/** Is this reference the patient's side of the conversation (the patient, or someone acting for them)? */
function patientSide(reference: string | undefined): boolean {
  return /^(Patient|RelatedPerson|Person)\//.test(reference ?? '');
}

function checkUpdate(context: RequestContext, id: string, message: Communication, ifMatch: string | undefined): void {
  const stored = context.repo.peek('Communication', id) as Communication;
  // Written on a version that is no longer current: stale (412) before anything else, so the inbox reads
  // the message again (another tab may have marked it read meanwhile) instead of seeing a refusal.
  if (ifMatch && ifMatch !== `W/"${stored.meta?.versionId}"`) throw new HttpProblem(412, preconditionFailed);
  const fromCareTeam = (CARE_TEAM_TYPES as readonly string[]).includes(stored.sender?.reference?.split('/')[0] ?? '');
  const toPatient = (stored.recipient ?? []).some((r) => patientSide(r.reference));
  if (!fromCareTeam || !toPatient) throw forbidden(ONLY_MARK_READ);
  if (stored.received !== undefined && message.received !== stored.received) throw forbidden('A message marked read stays read at the time it was read.');
  if (!sameApartFrom(stored as Resource, message as Resource, ['meta', 'received'])) throw forbidden(ONLY_MARK_READ);
}

/** The Communication write rule's check: a create or update that passed the generic checks. */
export function checkMessageWrite(context: RequestContext, write: CheckedWrite, transaction?: TransactionView): void {
  const message = write.resource as Communication;
  if (write.interaction === 'create') checkCreate(context, message, transaction);
  else checkUpdate(context, write.id!, message, write.ifMatch);
}
