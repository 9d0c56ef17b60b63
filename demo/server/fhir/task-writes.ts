/**
 * Refill and renewal requests as a patient token may write them (the medications module's rules,
 * features/medications.ts), after the generic checks of writes.ts (scopes, every patient named is the
 * token's). The same for a direct request and a Bundle entry.
 *
 * - Create: `for` the token's patient; `requester` that patient, the token's fhirUser or a RelatedPerson
 *   acting for them (message-writes.ts `senders`); `intent` order; `status` requested; `code`
 *   `urn:portico:task-code` refill or renewal; `focus` a MedicationRequest of the same patient (active,
 *   or completed for a renewal); `owner` that prescription's prescriber (its `requester`). Nothing the
 *   clinic's side fills in: no `executionPeriod`, `output`, `businessStatus`, `partOf` or `basedOn`.
 * - Update: only cancelling a refill or renewal request the patient's side made, still `requested`:
 *   `status` becomes `cancelled` and nothing else but `meta` changes (an unchanged copy is accepted as
 *   the no-op it is). A stale `If-Match` is 412 first.
 * - Patch and delete: refused.
 * A prescription the token may not see is 404, as one that does not exist; everything else refused is 403.
 */
import { preconditionFailed } from '@medplum/core';
import type { MedicationRequest, Resource, Task } from '@medplum/fhirtypes';
import type { CheckedWrite } from '../features/feature.js';
import { TASK_CODE_SYSTEM, TASK_CODES } from '../seed/medications.js';
import { patientIdOf } from './access.js';
import { forbidden, HttpProblem, notVisible, type RequestContext } from './interactions.js';
import { localReference, localTarget, senders } from './message-writes.js';
import { sameApartFrom } from './resource-compare.js';

/** The refusal of a Task patch or delete. */
export const TASKS_STAY = 'A request cannot be deleted or patched here; to withdraw a refill or renewal request, update it to status cancelled.';
/** The refusal of any patient write to a prescription or a pharmacy fill. */
export const PRESCRIPTIONS_KEPT = 'Prescriptions and pharmacy fills are written by the clinic and the pharmacy: ask for a refill or renewal instead.';
const ONLY_CANCEL = 'You may only cancel a refill or renewal request you made that is still requested: set its status to cancelled and change nothing else.';
/** What only the clinic's side fills in on a request. */
const CLINIC_FIELDS = ['executionPeriod', 'output', 'businessStatus', 'partOf', 'basedOn', 'restriction'] as const;

/** The request's `urn:portico:task-code` code (refill or renewal), else undefined. */
export function taskCodeOf(task: Task): (typeof TASK_CODES)[number] | undefined {
  const codes = (task.code?.coding ?? []).filter((c) => c.system === TASK_CODE_SYSTEM).map((c) => c.code);
  return TASK_CODES.find((code) => codes.includes(code));
}

function checkCreate(context: RequestContext, task: Task): void {
  const patient = patientIdOf(task.for?.reference);
  if (!patient || !context.access.patients.has(patient) || localTarget(context, task.for?.reference)?.type !== 'Patient') {
    throw forbidden('A request is for the patient this token is for.');
  }
  if (!senders(context, patient).has(localReference(context, task.requester?.reference) ?? '')) {
    throw forbidden('A request is made by the patient, or by the person signed in for them; not by anyone else.');
  }
  if (task.intent !== 'order') throw forbidden('A refill or renewal request has intent order.');
  if (task.status !== 'requested') throw forbidden('A new request has status requested: the clinic moves it on.');
  const code = taskCodeOf(task);
  if (!code) throw forbidden(`A patient asks only for a refill or a renewal (code ${TASK_CODE_SYSTEM}|${TASK_CODES.join(' or ')}).`);
  for (const field of CLINIC_FIELDS) if (task[field] !== undefined) throw forbidden(`Only the clinic sets ${CLINIC_FIELDS.join(', ')} on a request.`);
  const focus = localTarget(context, task.focus?.reference);
  if (focus?.type !== 'MedicationRequest') throw forbidden('A refill or renewal request points (focus) at the prescription it is about.');
  const prescription = context.repo.peek('MedicationRequest', focus.id) as MedicationRequest | undefined;
  if (!prescription || !context.access.allowsResource(prescription as Resource)) throw notVisible();
  if (patientIdOf(prescription.subject?.reference) !== patient) throw forbidden('A request is about a prescription of the same patient.');
  const open = prescription.status === 'active' || (code === 'renewal' && prescription.status === 'completed');
  if (!open) throw forbidden('Only an active prescription is refilled, or an active or completed one renewed.');
  const prescriber = localReference(context, prescription.requester?.reference);
  if (!prescriber || localReference(context, task.owner?.reference) !== prescriber) throw forbidden('A request goes to the prescriber (owner: the prescription’s requester).');
}

function checkUpdate(context: RequestContext, id: string, task: Task, ifMatch: string | undefined): void {
  const stored = context.repo.peek('Task', id) as Task;
  if (ifMatch && ifMatch !== `W/"${stored.meta?.versionId}"`) throw new HttpProblem(412, preconditionFailed);
  if (sameApartFrom(stored as Resource, task as Resource, ['meta'])) return;
  const patient = patientIdOf(stored.for?.reference);
  const ours = !!patient && senders(context, patient).has(localReference(context, stored.requester?.reference) ?? '');
  if (!ours || !taskCodeOf(stored) || stored.status !== 'requested' || task.status !== 'cancelled') throw forbidden(ONLY_CANCEL);
  if (!sameApartFrom(stored as Resource, task as Resource, ['meta', 'status'])) throw forbidden(ONLY_CANCEL);
}

/** The Task write rule's check: a create or update that passed the generic checks. */
export function checkTaskWrite(context: RequestContext, write: CheckedWrite): void {
  const task = write.resource as Task;
  if (write.interaction === 'create') checkCreate(context, task);
  else checkUpdate(context, write.id!, task, write.ifMatch);
}
