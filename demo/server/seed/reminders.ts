/**
 * What is due: each patient's vaccine forecast (ImmunizationRecommendation, due and overdue, dates
 * relative to today), care plans with screenings and follow-ups not done yet (CarePlan activities with
 * a scheduled period or timing), and orders placed but not yet done (active ServiceRequests).
 */
import type { CarePlan, CarePlanActivity, ImmunizationRecommendation, Resource, ServiceRequest } from 'fhir/r4';
import { addDays, isoDate, zonedDateTime, type LocalDate } from './calendar.js';
import { patientRef, type PatientId, type PatientProfile } from './patients.js';
import { practitionerRef } from './practitioners.js';
import { ref } from './references.js';
import { SYSTEM, coding, concept, loinc, snomed } from './terminology.js';

export interface ReminderContext {
  readonly today: LocalDate;
  readonly profiles: readonly PatientProfile[];
}

const RECOMMENDATION_STATUS = 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status';
const CAREPLAN_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category';


// ---------------------------------------------------------------------------------------------
// Vaccine forecast

interface Forecast {
  readonly cvx: readonly [string, string];
  readonly text: string;
  readonly status: 'due' | 'overdue';
  /** Days from today the dose is due (negative: overdue since). */
  readonly dueIn: number;
  readonly dose?: number;
  readonly series?: string;
}

const FORECASTS: Readonly<Record<PatientId, readonly Forecast[]>> = {
  maria: [
    { cvx: ['309', 'COVID-19, mRNA, LNP-S, bivalent, PF, 50 mcg/0.5 mL dose'], text: 'COVID-19 (updated vaccine)', status: 'overdue', dueIn: -75 },
    { cvx: ['216', 'Pneumococcal conjugate PCV20, polysaccharide CRM197, preservative free'], text: 'Pneumococcal (PCV20)', status: 'due', dueIn: 21 },
  ],
  james: [
    { cvx: ['309', 'COVID-19, mRNA, LNP-S, bivalent, PF, 50 mcg/0.5 mL dose'], text: 'COVID-19 (updated vaccine)', status: 'overdue', dueIn: -40 },
    { cvx: ['45', 'Hep B, unspecified formulation'], text: 'Hepatitis B', status: 'due', dueIn: 30, dose: 1, series: '3-dose adult series' },
  ],
  leo: [
    { cvx: ['150', 'Influenza, injectable, quadrivalent, preservative free'], text: 'Flu shot', status: 'due', dueIn: 7 },
    { cvx: ['309', 'COVID-19, mRNA, LNP-S, bivalent, PF, 50 mcg/0.5 mL dose'], text: 'COVID-19 (updated vaccine)', status: 'overdue', dueIn: -20 },
  ],
  aisha: [
    { cvx: ['163', 'meningococcal B, OMV'], text: 'Meningococcal B', status: 'overdue', dueIn: -120, dose: 1 },
    { cvx: ['150', 'Influenza, injectable, quadrivalent, preservative free'], text: 'Flu shot', status: 'due', dueIn: 10 },
  ],
  large: [{ cvx: ['187', 'zoster vaccine recombinant'], text: 'Shingles (Shingrix)', status: 'overdue', dueIn: -200, dose: 1 }],
};

function buildForecasts(ctx: ReminderContext): ImmunizationRecommendation[] {
  return ctx.profiles.map((p) => ({
    resourceType: 'ImmunizationRecommendation',
    id: `immrec-${p.id}`,
    patient: patientRef(p),
    date: zonedDateTime(ctx.today, 6, 0),
    authority: ref('Organization', 'riverside', 'Riverside Health'),
    recommendation: FORECASTS[p.id].map((f) => {
      const due = addDays(ctx.today, f.dueIn);
      return {
        vaccineCode: [{ coding: [coding(SYSTEM.cvx, f.cvx[0], f.cvx[1])], text: f.text }],
        forecastStatus: concept(RECOMMENDATION_STATUS, f.status, f.status === 'due' ? 'Due' : 'Overdue'),
        dateCriterion: [
          { code: loinc('30980-7', 'Date vaccine due', 'Due'), value: isoDate(due) },
          { code: loinc('30981-5', 'Earliest date to give', 'Earliest'), value: isoDate(addDays(due, -28)) },
        ],
        ...(f.dose ? { doseNumberPositiveInt: f.dose } : {}),
        ...(f.series ? { series: f.series } : {}),
        description: `${f.text}: ${f.status === 'due' ? 'due' : 'overdue since'} ${isoDate(due)}`,
      };
    }),
  }));
}

// ---------------------------------------------------------------------------------------------
// Care plans

interface PlannedActivity {
  readonly code: readonly [string, string, string];
  readonly status: 'not-started' | 'scheduled';
  /** Days from today the period starts and ends (an overdue one ended before today). */
  readonly window?: readonly [number, number];
  /** A repeating activity: every `every` months, for the past year and on. */
  readonly every?: number;
  readonly description: string;
}

interface PlanSpec {
  readonly id: string;
  readonly patient: PatientId;
  readonly title: string;
  readonly author: string;
  readonly addresses?: string;
  readonly activities: readonly PlannedActivity[];
}

const PLANS: readonly PlanSpec[] = [
  { id: 'careplan-maria-diabetes', patient: 'maria', title: 'Diabetes care plan', author: 'dr-chen', addresses: 'cond-maria-diabetes', activities: [
    { code: ['134395001', 'Diabetic retinopathy screening', 'Diabetic eye exam'], status: 'scheduled', window: [5, 60], description: 'Yearly dilated eye exam with ophthalmology.' },
    { code: ['401191002', 'Diabetic foot examination', 'Diabetic foot exam'], status: 'not-started', window: [-90, -14], description: 'Yearly foot check: sensation, pulses and skin.' },
    { code: ['24623002', 'Screening mammography', 'Mammogram (breast cancer screening)'], status: 'not-started', window: [0, 45], description: 'Every 2 years from age 40.' },
    { code: ['43396009', 'Hemoglobin A1c measurement', 'A1c blood test'], status: 'scheduled', every: 3, description: 'Every 3 months, a week before the diabetes follow-up.' },
  ] },
  { id: 'careplan-james-prevention', patient: 'james', title: 'Preventive care', author: 'dr-okafor', activities: [
    { code: ['166833005', 'Lipid panel', 'Cholesterol check'], status: 'scheduled', window: [20, 40], description: 'Fasting lipid panel before the annual physical.' },
  ] },
  { id: 'careplan-leo-asthma', patient: 'leo', title: 'Asthma action plan', author: 'dr-patel', addresses: 'cond-leo-asthma', activities: [
    { code: ['406162001', 'Asthma management', 'Asthma check-up'], status: 'scheduled', every: 6, description: 'Review of symptoms, inhaler technique and the school action plan.' },
  ] },
  { id: 'careplan-aisha-anemia', patient: 'aisha', title: 'Anemia follow-up', author: 'dr-okafor', addresses: 'cond-aisha-anemia', activities: [
    { code: ['26604007', 'Complete blood count', 'Blood count (CBC)'], status: 'not-started', window: [-30, -1], description: 'Recheck hemoglobin and ferritin after 6 months of iron.' },
    { code: ['171149006', 'Screening for malignant neoplasm of cervix', 'Cervical cancer screening (Pap test)'], status: 'not-started', window: [10, 90], description: 'Every 3 years from age 21.' },
  ] },
];

function activityOf(a: PlannedActivity, today: LocalDate): CarePlanActivity {
  const timing = a.every
    ? { scheduledTiming: { repeat: { frequency: 1, period: a.every, periodUnit: 'mo' as const, boundsPeriod: { start: isoDate(addDays(today, -365)) } } } }
    : { scheduledPeriod: { start: isoDate(addDays(today, a.window![0])), end: isoDate(addDays(today, a.window![1])) } };
  return { detail: { kind: 'ServiceRequest', code: snomed(...a.code), status: a.status, ...timing, description: a.description } };
}

function buildCarePlans(ctx: ReminderContext, byId: ReadonlyMap<string, PatientProfile>): CarePlan[] {
  const out: CarePlan[] = [];
  for (const plan of PLANS) {
    const p = byId.get(plan.patient);
    if (!p) continue;
    out.push({
      resourceType: 'CarePlan',
      id: plan.id,
      status: 'active',
      intent: 'plan',
      category: [concept(CAREPLAN_CATEGORY, 'assess-plan', 'Assessment and Plan of Treatment')],
      title: plan.title,
      subject: patientRef(p),
      period: { start: isoDate(addDays(ctx.today, -365)) },
      created: isoDate(addDays(ctx.today, -365)),
      author: practitionerRef(plan.author),
      ...(plan.addresses ? { addresses: [ref('Condition', plan.addresses)] } : {}),
      activity: plan.activities.map((a) => activityOf(a, ctx.today)),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Orders not yet done

const ORDERS: readonly { id: string; patient: PatientId; code: readonly [string, string, string]; requester: string; orderedDaysAgo: number; dueBy: number; note: string; reason?: string }[] = [
  { id: 'sr-maria-lipid-panel-pending', patient: 'maria', code: ['57698-3', 'Lipid panel with direct LDL - Serum or Plasma', 'Lipid panel'], requester: 'dr-chen', orderedDaysAgo: 10, dueBy: 11,
    note: 'Fasting: nothing but water for 10 hours before the test.', reason: 'cond-maria-hyperlipidemia' },
  { id: 'sr-james-lipid-panel-pending', patient: 'james', code: ['57698-3', 'Lipid panel with direct LDL - Serum or Plasma', 'Lipid panel'], requester: 'dr-okafor', orderedDaysAgo: 20, dueBy: 29,
    note: 'Fasting: nothing but water for 10 hours before the test.' },
];

function buildOrders(ctx: ReminderContext, byId: ReadonlyMap<string, PatientProfile>): ServiceRequest[] {
  const out: ServiceRequest[] = [];
  for (const order of ORDERS) {
    const p = byId.get(order.patient);
    if (!p) continue;
    out.push({
      resourceType: 'ServiceRequest',
      id: order.id,
      status: 'active',
      intent: 'order',
      category: [snomed('108252007', 'Laboratory procedure', 'Laboratory')],
      code: loinc(...order.code),
      subject: patientRef(p),
      authoredOn: zonedDateTime(addDays(ctx.today, -order.orderedDaysAgo), 10, 0),
      occurrencePeriod: { start: isoDate(addDays(ctx.today, -order.orderedDaysAgo)), end: isoDate(addDays(ctx.today, order.dueBy)) },
      requester: practitionerRef(order.requester),
      ...(order.reason ? { reasonReference: [ref('Condition', order.reason)] } : {}),
      patientInstruction: order.note,
    });
  }
  return out;
}

/** The reminders' seed: vaccine forecasts, care plans, pending orders. */
export function buildReminders(ctx: ReminderContext): Resource[] {
  const byId = new Map(ctx.profiles.map((p) => [p.id as string, p]));
  return [...buildForecasts(ctx), ...buildCarePlans(ctx, byId), ...buildOrders(ctx, byId)];
}
