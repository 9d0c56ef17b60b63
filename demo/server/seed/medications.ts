/**
 * The medicine list beyond the prescriptions themselves (seed/clinical.ts): the pharmacies, a few more
 * prescriptions (one written only as structured timing, one whose refills ran out, one expired), every
 * pharmacy fill (MedicationDispense) of each prescription, and the patients' refill and renewal requests
 * (Task, code system `urn:portico:task-code`, identifier `urn:portico:task`).
 *
 * Refills left = `dispenseRequest.numberOfRepeatsAllowed` minus the fills after the first; a
 * prescription with refills left and a `validityPeriod` that has not ended is refilled, any other
 * active one is renewed by the prescriber.
 */
import type { CodeableConcept, Dosage, MedicationDispense, MedicationRequest, Organization, Resource, Task } from 'fhir/r4';
import { addDays, daysBetween, isoDate, zonedDateTime, type LocalDate } from './calendar.js';
import { HOSPITAL_ID } from './organizations.js';
import { patientRef, type PatientId, type PatientProfile } from './patients.js';
import { clinician, clinicianName } from './practitioners.js';
import type { Random } from './random.js';
import { ref } from './references.js';
import { SYSTEM, coding, concept, snomed, ucum } from './terminology.js';

export interface MedicationContext {
  readonly today: LocalDate;
  readonly profiles: readonly PatientProfile[];
  readonly prescriptions: readonly MedicationRequest[];
  readonly random: Random;
}

/** The code system of the Tasks the portal records: what the patient asks the prescriber for. */
export const TASK_CODE_SYSTEM = 'urn:portico:task-code';
/** What a patient may ask for about a prescription: more of it (`refill`), or a new one (`renewal`). */
export const TASK_CODES = ['refill', 'renewal'] as const;
/** The identifier system of a Task the portal records (its value a client-chosen UUID, so a retry finds it). */
export const TASK_IDENTIFIER_SYSTEM = 'urn:portico:task';

/** The pharmacies the patients use (directory data, readable by everyone). */
export const PHARMACY_IDS = ['pharmacy-riverside', 'pharmacy-elm'] as const;
type PharmacyId = (typeof PHARMACY_IDS)[number];
const PHARMACY_NAMES: Readonly<Record<PharmacyId, string>> = {
  'pharmacy-riverside': 'Riverside Health Outpatient Pharmacy',
  'pharmacy-elm': 'Elm Street Pharmacy',
};
/** Where each patient has prescriptions filled. */
export const PREFERRED_PHARMACY: Readonly<Record<PatientId, PharmacyId>> = {
  maria: 'pharmacy-riverside',
  james: 'pharmacy-elm',
  leo: 'pharmacy-elm',
  aisha: 'pharmacy-riverside',
  large: 'pharmacy-riverside',
};

export function pharmacyRef(id: PharmacyId) {
  return ref('Organization', id, PHARMACY_NAMES[id]);
}

function buildPharmacies(): Organization[] {
  const pharmacy = concept(SYSTEM.snomed, '264372000', 'Pharmacy', 'Pharmacy');
  return [
    {
      resourceType: 'Organization',
      id: 'pharmacy-riverside',
      active: true,
      identifier: [{ system: SYSTEM.npi, value: '1639204518' }],
      type: [concept(SYSTEM.organizationType, 'dept', 'Hospital Department'), pharmacy],
      name: PHARMACY_NAMES['pharmacy-riverside'],
      partOf: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
      telecom: [{ system: 'phone', value: '+1 845-555-0170', use: 'work' }],
      address: [{ use: 'work', line: ['200 River Road', 'Ground floor'], city: 'Riverside', state: 'NY', postalCode: '12601', country: 'US' }],
    },
    {
      resourceType: 'Organization',
      id: 'pharmacy-elm',
      active: true,
      identifier: [{ system: SYSTEM.npi, value: '1780645327' }],
      type: [pharmacy],
      name: PHARMACY_NAMES['pharmacy-elm'],
      telecom: [{ system: 'phone', value: '+1 845-555-0233', use: 'work' }],
      address: [{ use: 'work', line: ['48 Elm Street'], city: 'Riverside', state: 'NY', postalCode: '12603', country: 'US' }],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// More prescriptions

/** A prescription as the seed writes it (clinical.ts's and the medicine list's own). */
export interface PrescriptionPlan {
  readonly id: string;
  readonly patient: PatientId;
  readonly rxnorm: readonly [string, string];
  readonly text: string;
  readonly status: MedicationRequest['status'];
  readonly authoredDaysAgo: number;
  readonly prescriber: string;
  readonly dosage: Dosage;
  readonly quantity: readonly [number, string, string];
  readonly refills: number;
  readonly supplyDays: number;
  /** How long the prescription may be filled, from when it was written (default a year). */
  readonly validDays?: number;
  readonly reason?: string;
  readonly contained?: boolean;
  readonly note?: string;
  /** Why a stopped prescription was stopped (SNOMED). */
  readonly statusReason?: readonly [string, string, string];
}

export const ORAL = concept(SYSTEM.snomed, '26643006', 'Oral route', 'By mouth');

const EXTRA_PRESCRIPTIONS: readonly PrescriptionPlan[] = [
  // Only structured: the element words the dose itself ("1 tablet by mouth every morning").
  { id: 'medrx-maria-aspirin', patient: 'maria', rxnorm: ['243670', 'aspirin 81 MG Oral Tablet'], text: 'Aspirin 81 mg tablet',
    status: 'active', authoredDaysAgo: 60, prescriber: 'dr-chen', reason: 'cond-maria-chest-pain', quantity: [90, 'tablets', '{tbl}'], refills: 3, supplyDays: 90,
    dosage: { sequence: 1, timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] } }, route: ORAL, doseAndRate: [{ doseQuantity: ucum(1, 'tablet', '{tbl}') }] } },
  // Expired: written 14 months ago for a year, refills unused — only a renewal helps.
  { id: 'medrx-maria-test-strips', patient: 'maria', rxnorm: ['2563334', 'blood glucose test strips'], text: 'Blood sugar test strips',
    status: 'active', authoredDaysAgo: 425, prescriber: 'dr-chen', reason: 'cond-maria-diabetes', quantity: [100, 'strips', '{strip}'], refills: 2, supplyDays: 50,
    dosage: { sequence: 1, text: 'Test your blood sugar twice a day: before breakfast and 2 hours after dinner.', timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } } } },
  { id: 'medrx-james-ibuprofen', patient: 'james', rxnorm: ['197806', 'ibuprofen 600 MG Oral Tablet'], text: 'Ibuprofen 600 mg tablet',
    status: 'completed', authoredDaysAgo: 1090, prescriber: 'dr-okafor', reason: 'cond-james-ankle', quantity: [30, 'tablets', '{tbl}'], refills: 0, supplyDays: 10,
    dosage: { sequence: 1, timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd', when: ['C'], boundsDuration: ucum(10, 'days', 'd') } }, route: ORAL,
      doseAndRate: [{ doseQuantity: ucum(1, 'tablet', '{tbl}') }], maxDosePerPeriod: { numerator: ucum(3, 'tablets', '{tbl}'), denominator: ucum(1, 'day', 'd') } } },
  { id: 'medrx-aisha-sumatriptan', patient: 'aisha', rxnorm: ['313163', 'sumatriptan 50 MG Oral Tablet'], text: 'Sumatriptan 50 mg tablet',
    status: 'active', authoredDaysAgo: 150, prescriber: 'dr-okafor', reason: 'cond-aisha-migraine', quantity: [9, 'tablets', '{tbl}'], refills: 5, supplyDays: 30,
    dosage: { sequence: 1, asNeededCodeableConcept: snomed('37796009', 'Migraine', 'Migraine'), route: ORAL, doseAndRate: [{ doseQuantity: ucum(1, 'tablet', '{tbl}') }],
      timing: { repeat: { frequency: 1, period: 2, periodUnit: 'h' } }, maxDosePerPeriod: { numerator: ucum(4, 'tablets', '{tbl}'), denominator: ucum(1, 'day', 'd') } } },
];

function buildExtraPrescriptions(ctx: MedicationContext, byId: ReadonlyMap<string, PatientProfile>): MedicationRequest[] {
  return EXTRA_PRESCRIPTIONS.flatMap((plan) => {
    const p = byId.get(plan.patient);
    return p ? [prescription(plan, p, ctx.today)] : [];
  });
}

/** A MedicationRequest from its plan: the medicine (or a contained Medication), dose, prescriber, refills and pharmacy. */
export function prescription(plan: PrescriptionPlan, p: PatientProfile, today: LocalDate): MedicationRequest {
  const authored = addDays(today, -plan.authoredDaysAgo);
  const medication: CodeableConcept = { coding: [coding(SYSTEM.rxnorm, plan.rxnorm[0], plan.rxnorm[1])], text: plan.text };
  const request: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: plan.id,
    ...(plan.contained
      ? {
          contained: [
            {
              resourceType: 'Medication',
              id: 'med',
              code: medication,
              form: snomed('385219001', 'Solution for injection', 'Prefilled pen'),
              ingredient: [
                {
                  itemCodeableConcept: concept(SYSTEM.rxnorm, '274783', 'insulin glargine'),
                  isActive: true,
                  strength: { numerator: ucum(100, 'units', '[IU]'), denominator: ucum(1, 'mL') },
                },
              ],
            },
          ],
          medicationReference: { reference: '#med', display: plan.text },
        }
      : { medicationCodeableConcept: medication }),
    status: plan.status,
    ...(plan.statusReason ? { statusReason: snomed(...plan.statusReason) } : {}),
    intent: 'order',
    category: [concept(SYSTEM.medicationRequestCategory, 'community', 'Community')],
    subject: patientRef(p),
    authoredOn: isoDate(authored),
    requester: ref('Practitioner', plan.prescriber, clinicianName(clinician(plan.prescriber))),
    ...(plan.reason ? { reasonReference: [ref('Condition', plan.reason)] } : {}),
    ...(plan.note ? { note: [{ text: plan.note }] } : {}),
    dosageInstruction: [plan.dosage],
    dispenseRequest: {
      validityPeriod: { start: isoDate(authored), end: isoDate(addDays(authored, plan.validDays ?? 365)) },
      numberOfRepeatsAllowed: plan.refills,
      quantity: ucum(plan.quantity[0], plan.quantity[1], plan.quantity[2]),
      expectedSupplyDuration: ucum(plan.supplyDays, 'days', 'd'),
      performer: pharmacyRef(PREFERRED_PHARMACY[plan.patient]),
    },
  };
  return request;
}

// ---------------------------------------------------------------------------------------------
// Pharmacy fills

const FILL_TYPE = { first: ['FF', 'First Fill'], refill: ['RF', 'Refill'] } as const;

/** What the request's medicine is called, also when it names a contained Medication. */
function medicineOf(request: MedicationRequest): CodeableConcept {
  if (request.medicationCodeableConcept) return request.medicationCodeableConcept;
  const contained = request.contained?.find((c) => `#${c.id}` === request.medicationReference?.reference);
  return (contained as { code?: CodeableConcept } | undefined)?.code ?? { text: request.medicationReference?.display ?? 'Medicine' };
}

/**
 * The fills of one prescription: the first when it was written, then one each supply period while
 * refills and the validity period last (a completed course: the first only; nothing on or after today).
 */
function fillDates(request: MedicationRequest, today: LocalDate, random: Random): LocalDate[] {
  const authored = parseDate(request.authoredOn!);
  const validUntil = parseDate(request.dispenseRequest!.validityPeriod!.end!);
  const supply = request.dispenseRequest!.expectedSupplyDuration!.value!;
  const fills = request.status === 'completed' ? 1 : request.dispenseRequest!.numberOfRepeatsAllowed! + 1;
  const dates: LocalDate[] = [];
  for (let n = 0; n < fills; n++) {
    const date = addDays(authored, n * supply + (n === 0 ? 0 : random.int(0, 3)));
    if (daysBetween(date, today) < 1 || daysBetween(date, validUntil) < 0) break;
    dates.push(date);
  }
  return dates;
}

function parseDate(value: string): LocalDate {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function buildDispenses(ctx: MedicationContext, requests: readonly MedicationRequest[]): MedicationDispense[] {
  const out: MedicationDispense[] = [];
  const random = ctx.random.fork('fills');
  for (const request of requests) {
    const patient = request.subject.reference!.split('/')[1] as PatientId;
    const pharmacy = PREFERRED_PHARMACY[patient];
    fillDates(request, ctx.today, random).forEach((date, n) => {
      const [code, display] = n === 0 ? FILL_TYPE.first : FILL_TYPE.refill;
      out.push({
        resourceType: 'MedicationDispense',
        id: `meddisp-${request.id!.replace(/^medrx-/, '')}-${n + 1}`,
        status: 'completed',
        type: concept(SYSTEM.v3ActCode, code, display),
        medicationCodeableConcept: medicineOf(request),
        subject: request.subject,
        performer: [{ actor: pharmacyRef(pharmacy) }],
        authorizingPrescription: [ref('MedicationRequest', request.id!)],
        quantity: request.dispenseRequest!.quantity!,
        daysSupply: request.dispenseRequest!.expectedSupplyDuration!,
        whenPrepared: zonedDateTime(date, 11, 0),
        whenHandedOver: zonedDateTime(date, 16, 10 + random.int(0, 40)),
        ...(request.dosageInstruction ? { dosageInstruction: request.dosageInstruction } : {}),
      });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Refill and renewal requests

interface TaskPlan {
  readonly id: string;
  readonly identifier: string;
  readonly patient: PatientId;
  readonly prescription: string;
  readonly code: (typeof TASK_CODES)[number];
  readonly status: Task['status'];
  /** The patient, or the RelatedPerson acting for them. */
  readonly requester: string;
  readonly daysAgo: number;
  readonly doneDaysAgo?: number;
}

const TASKS: readonly TaskPlan[] = [
  { id: 'task-maria-refill-aspirin', identifier: '5b0f7c1e-3d2a-4f5e-9a61-2c8e4b7d0a11', patient: 'maria', prescription: 'medrx-maria-aspirin',
    code: 'refill', status: 'requested', requester: 'Patient/maria', daysAgo: 2 },
  { id: 'task-leo-refill-albuterol', identifier: '0c6e2a94-8b1f-4d37-a5c2-71e9f3b4d602', patient: 'leo', prescription: 'medrx-leo-albuterol',
    code: 'refill', status: 'completed', requester: 'RelatedPerson/james-for-leo', daysAgo: 95, doneDaysAgo: 94 },
];

const TASK_DISPLAY = { refill: 'Refill request', renewal: 'Renewal request' } as const;

function buildTasks(ctx: MedicationContext, byId: ReadonlyMap<string, PatientProfile>, prescriptions: readonly MedicationRequest[]): Task[] {
  const out: Task[] = [];
  for (const plan of TASKS) {
    const p = byId.get(plan.patient);
    const request = prescriptions.find((r) => r.id === plan.prescription);
    if (!p || !request) continue;
    const asked = zonedDateTime(addDays(ctx.today, -plan.daysAgo), 19, 5);
    const done = plan.doneDaysAgo === undefined ? undefined : zonedDateTime(addDays(ctx.today, -plan.doneDaysAgo), 9, 40);
    out.push({
      resourceType: 'Task',
      id: plan.id,
      identifier: [{ system: TASK_IDENTIFIER_SYSTEM, value: plan.identifier }],
      status: plan.status,
      intent: 'order',
      code: { coding: [coding(TASK_CODE_SYSTEM, plan.code, TASK_DISPLAY[plan.code])], text: TASK_DISPLAY[plan.code] },
      description: `${TASK_DISPLAY[plan.code]}: ${medicineOf(request).text}`,
      focus: ref('MedicationRequest', request.id!, medicineOf(request).text),
      for: patientRef(p),
      authoredOn: asked,
      lastModified: done ?? asked,
      requester: { reference: plan.requester },
      owner: request.requester!,
      ...(done ? { executionPeriod: { start: asked, end: done }, businessStatus: { text: 'Sent to the pharmacy' } } : {}),
    });
  }
  return out;
}

/** The medicine list's seed: pharmacies, the extra prescriptions, every fill, the refill requests. */
export function buildMedications(ctx: MedicationContext): Resource[] {
  const byId = new Map(ctx.profiles.map((p) => [p.id as string, p]));
  const extra = buildExtraPrescriptions(ctx, byId);
  const prescriptions = [...ctx.prescriptions, ...extra];
  return [...buildPharmacies(), ...extra, ...buildDispenses(ctx, prescriptions), ...buildTasks(ctx, byId, prescriptions)];
}
