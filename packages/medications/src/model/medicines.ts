import type { CodeableConcept, Dosage, Medication, MedicationDispense, MedicationRequest, Reference, Resource, Task } from 'fhir/r4';
import { conceptName, localToday, referenceKey, referenceName } from '@portico/core';
import { isPending, requestKindOf, type RequestKind } from './refill-request.js';

/** Where a medicine is in the list: taken now, or no longer. */
export const MEDICINE_STATES = ['current', 'past'] as const;
export type MedicineState = (typeof MEDICINE_STATES)[number];

/** A medicine as the list shows it, made from its prescription, its fills and the requests about it. */
export interface Medicine {
  id: string;
  request: MedicationRequest;
  /** The name the patient knows it by (the Medication's or the code's text). */
  name: string;
  state: MedicineState;
  status: MedicationRequest['status'];
  /** Why it was stopped, when the prescription says. */
  statusReason?: string;
  /** The prescription's own wording of how to take it, when it has one; else `dosage` to be worded. */
  doseText?: string;
  dosage?: Dosage;
  prescriber?: string;
  prescriberRef?: Reference;
  /** When it was prescribed (`authoredOn`, else the validity period's start). */
  started?: string;
  /** The newest fill's hand-over (or preparation) time, when the server keeps fills. */
  lastFilled?: string;
  /** Refills left: allowed less the fills after the first when fills are known, else the number allowed. */
  refillsLeft?: number;
  /** Whether `refillsLeft` counts fills the server keeps (true: it holds some fill for the patient) or is only the number allowed. */
  fillsKnown: boolean;
  /** The last day it may be filled (`dispenseRequest.validityPeriod.end`). */
  validUntil?: string;
  expired: boolean;
  pharmacy?: string;
  pharmacyRef?: Reference;
  /** What asking for more would be: a refill while refills are left and it is valid, else a renewal; none for a past medicine. */
  ask?: RequestKind;
  /** Refill and renewal requests about it, newest first. */
  requests: RefillRequest[];
}

/** A refill or renewal request as shown with its medicine. */
export interface RefillRequest {
  id: string;
  task: Task;
  kind: RequestKind;
  status: Task['status'];
  pending: boolean;
  asked?: string;
  note?: string;
}

/** Prescriptions counted as current; the rest (stopped, completed, cancelled, unknown) are past. Entered in error is never shown. */
const CURRENT: readonly MedicationRequest['status'][] = ['active', 'on-hold', 'draft'];

/** The day of a date-time or date (YYYY-MM-DD), for comparing with today. */
function day(value: string | undefined): string | undefined {
  return value?.slice(0, 10);
}

/** The medicine's name: the code's text, the contained or included Medication's, or the reference's display. */
export function medicineName(request: MedicationRequest, included: ReadonlyMap<string, Resource> = new Map(), locale?: string): string {
  let concept: CodeableConcept | undefined = request.medicationCodeableConcept;
  const reference = request.medicationReference?.reference;
  if (!concept && reference) {
    const medication = (reference.startsWith('#') ? request.contained?.find((c) => `#${c.id}` === reference) : included.get(referenceKey(reference) ?? '')) as Medication | undefined;
    concept = medication?.code;
  }
  return conceptName(concept, locale) || request.medicationReference?.display || '';
}


/** The prescription a fill or a request is about. */
function prescriptionId(reference: string | undefined): string | undefined {
  const key = referenceKey(reference);
  return key?.startsWith('MedicationRequest/') ? key.slice('MedicationRequest/'.length) : undefined;
}

/**
 * What asking for more of a prescription is: a refill when it is active, has refills left and can still
 * be filled; a renewal by the prescriber when it is active otherwise; nothing for a past one.
 */
export function requestKindFor(medicine: Pick<Medicine, 'status' | 'refillsLeft' | 'expired'>): RequestKind | undefined {
  if (medicine.status !== 'active') return undefined;
  return (medicine.refillsLeft ?? 0) > 0 && !medicine.expired ? 'refill' : 'renewal';
}

export interface MedicinesInput {
  prescriptions: readonly MedicationRequest[];
  /** Resources `_include` brought: Medications, Practitioners. */
  included?: readonly Resource[];
  /** The fills, or undefined when the server keeps none (refills left is then the number allowed). */
  dispenses?: readonly MedicationDispense[];
  tasks?: readonly Task[];
  /** Today, YYYY-MM-DD (default: the viewer's). */
  today?: string;
  locale?: string;
}

/** The list's medicines from the server's answers: current ones first by name, then past ones newest first. */
export function medicinesOf(input: MedicinesInput): Medicine[] {
  const today = input.today ?? localToday();
  const included = new Map((input.included ?? []).map((r) => [`${r.resourceType}/${r.id}`, r]));
  const fills = new Map<string, MedicationDispense[]>();
  for (const dispense of input.dispenses ?? []) {
    if (dispense.status !== 'completed') continue;
    for (const prescription of dispense.authorizingPrescription ?? []) {
      const id = prescriptionId(prescription.reference);
      if (id) fills.set(id, [...(fills.get(id) ?? []), dispense]);
    }
  }
  const requests = new Map<string, RefillRequest[]>();
  for (const task of input.tasks ?? []) {
    const kind = requestKindOf(task);
    const id = prescriptionId(task.focus?.reference);
    if (!kind || !id || !task.id) continue;
    requests.set(id, [
      ...(requests.get(id) ?? []),
      { id: task.id, task, kind, status: task.status, pending: isPending(task), asked: task.authoredOn ?? task.meta?.lastUpdated, note: task.note?.map((n) => n.text).join('\n') || undefined },
    ]);
  }
  const medicines = input.prescriptions
    .filter((request) => request.status !== 'entered-in-error' && request.id)
    .map((request): Medicine => {
      const id = request.id!;
      const dosage = request.dosageInstruction?.[0];
      const own = fills.get(id) ?? [];
      const allowed = request.dispenseRequest?.numberOfRepeatsAllowed;
      // A server with no fill at all for the patient's prescriptions (Synthea's, a system without pharmacy data) does not say none was filled.
      const fillsKnown = !!input.dispenses?.length;
      const refillsLeft = allowed === undefined ? undefined : fillsKnown ? Math.max(0, allowed - Math.max(0, own.length - 1)) : allowed;
      const validUntil = request.dispenseRequest?.validityPeriod?.end;
      const expired = !!validUntil && day(validUntil)! < today;
      const lastFilled = own.map((d) => d.whenHandedOver ?? d.whenPrepared).filter((d): d is string => !!d).sort().pop();
      const pharmacyRef = request.dispenseRequest?.performer;
      const medicine: Medicine = {
        id,
        request,
        name: medicineName(request, included, input.locale),
        state: CURRENT.includes(request.status) ? 'current' : 'past',
        status: request.status,
        statusReason: request.statusReason ? conceptName(request.statusReason, input.locale) || undefined : undefined,
        doseText: request.dosageInstruction?.map((d) => d.text?.trim()).filter(Boolean).join(' ') || undefined,
        dosage,
        prescriber: referenceName(request.requester, input.included) || undefined,
        prescriberRef: request.requester,
        started: request.authoredOn ?? request.dispenseRequest?.validityPeriod?.start,
        lastFilled,
        refillsLeft,
        fillsKnown,
        validUntil,
        expired,
        pharmacy: pharmacyRef?.display ?? (included.get(referenceKey(pharmacyRef?.reference) ?? '') as { name?: string } | undefined)?.name,
        pharmacyRef,
        requests: (requests.get(id) ?? []).sort((a, b) => (b.asked ?? '').localeCompare(a.asked ?? '')),
      };
      medicine.ask = requestKindFor(medicine);
      return medicine;
    });
  return medicines.sort((a, b) => {
    if (a.state !== b.state) return a.state === 'current' ? -1 : 1;
    return a.state === 'current' ? a.name.localeCompare(b.name) : (b.started ?? '').localeCompare(a.started ?? '') || a.name.localeCompare(b.name);
  });
}
