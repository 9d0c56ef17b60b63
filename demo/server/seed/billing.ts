/**
 * Accounts, insurance, statements and payments: an Account and a Coverage per patient (a child's is
 * the parent's plan, the parent its subscriber; Maria also has a secondary plan); for every
 * visit that took place, ChargeItems and an Invoice whose line items show the charge, the insurer's
 * payment and the contractual adjustment; ExplanationOfBenefit for a few visits; and
 * PaymentReconciliation records for the payments patients have already made.
 *
 * Money is computed in whole cents, so line items, totals and payments always add up.
 */
import type {
  Account,
  ChargeItem,
  Coverage,
  ExplanationOfBenefit,
  ExplanationOfBenefitItemAdjudication,
  Invoice,
  InvoiceLineItem,
  PaymentNotice,
  PaymentReconciliation,
  Resource,
} from 'fhir/r4';
import { addDays, daysBetween, isoDate, zonedDateTime, type LocalDate } from './calendar.js';
import { HOSPITAL_ID, LOCATION_NAMES, type PayerId } from './organizations.js';
import { fullName, patientRef, type PatientProfile } from './patients.js';
import { clinicianName } from './practitioners.js';
import type { Random } from './random.js';
import { ref } from './references.js';
import type { Visit } from './scheduling.js';
import { SYSTEM, coding, concept, usd } from './terminology.js';

export interface BillingContext {
  readonly today: LocalDate;
  readonly profiles: readonly PatientProfile[];
  readonly visits: readonly Visit[];
  readonly random: Random;
}

interface Plan {
  readonly name: string;
  readonly planCode: string;
  readonly group: string;
  readonly groupName: string;
  readonly type: readonly [string, string];
  /** Share of the list price the insurer allows (the rest is a contractual adjustment). */
  readonly allowedRate: number;
  /** What the patient pays for a problem visit; preventive visits cost nothing. */
  readonly copayCents: number;
  /** The patient's share of allowed amounts for everything that is not an office visit. */
  readonly coinsurance: number;
}

const PLANS: Readonly<Record<PayerId, Plan>> = {
  bluecross: { name: 'BlueCross PPO Gold', planCode: 'PPO-GOLD-2500', group: 'HV-48213', groupName: 'Hudson Valley Employers Group',
    type: ['PPO', 'preferred provider organization policy'], allowedRate: 0.8, copayCents: 3000, coinsurance: 0.2 },
  evergreen: { name: 'Evergreen Essential HMO', planCode: 'HMO-ESS-1000', group: 'EV-20931', groupName: 'Marist College Staff',
    type: ['HMO', 'health maintenance organization policy'], allowedRate: 0.75, copayCents: 2000, coinsurance: 0.1 },
};

interface Procedure {
  readonly cpt: string;
  readonly display: string;
  readonly priceCents: number;
  readonly kind: 'office' | 'preventive' | 'other';
}

const P = (cpt: string, display: string, priceCents: number, kind: Procedure['kind'] = 'other'): Procedure => ({ cpt, display, priceCents, kind });

function officeVisit(v: Visit): Procedure {
  switch (v.visitType) {
    case 'annual-physical':
      if (v.ageYears >= 65) return P('99397', 'Preventive visit, established patient, 65 years and older', 36000, 'preventive');
      if (v.ageYears >= 40) return P('99396', 'Preventive visit, established patient, 40-64 years', 33500, 'preventive');
      return P('99395', 'Preventive visit, established patient, 18-39 years', 31000, 'preventive');
    case 'well-child':
      return v.ageYears >= 5
        ? P('99393', 'Preventive visit, established patient, 5-11 years', 25000, 'preventive')
        : P('99392', 'Preventive visit, established patient, 1-4 years', 24000, 'preventive');
    case 'new-patient':
      return P('99204', 'Office visit, new patient, moderate complexity', 33000, 'office');
    case 'follow-up':
      return P('99214', 'Office visit, established patient, moderate complexity', 26500, 'office');
    case 'sick-visit':
    case 'skin-check':
      return P('99213', 'Office visit, established patient, low complexity', 18500, 'office');
  }
}

/** What was done at a visit besides the office visit itself. */
function extras(v: Visit): Procedure[] {
  const list: Procedure[] = [];
  if (v.visitType === 'annual-physical') list.push(P('36415', 'Collection of venous blood by venipuncture', 2500), P('80061', 'Lipid panel', 6800));
  if (v.key === 'maria-chest') list.push(P('93000', 'Electrocardiogram, complete', 9500));
  if (v.key === 'maria-followup-95' || v.key === 'maria-sick') list.push(P('82962', 'Glucose, blood, by glucose monitoring device', 1800));
  if (v.key === 'leo-throat') list.push(P('87880', 'Rapid strep test (Streptococcus, group A)', 3800));
  if (v.key === 'aisha-new') list.push(P('81025', 'Urine pregnancy test', 2200), P('85025', 'Complete blood count with automated differential', 4200));
  return list;
}

interface PricedLine {
  readonly procedure: Procedure;
  readonly chargeItemId: string;
  readonly baseCents: number;
  readonly allowedCents: number;
  readonly insurerCents: number;
  readonly patientCents: number;
}

function priceLine(procedure: Procedure, plan: Plan, chargeItemId: string): PricedLine {
  const baseCents = procedure.priceCents;
  const allowedCents = Math.round(baseCents * plan.allowedRate);
  const patientCents =
    procedure.kind === 'preventive' ? 0 : procedure.kind === 'office' ? Math.min(plan.copayCents, allowedCents) : Math.round(allowedCents * plan.coinsurance);
  return { procedure, chargeItemId, baseCents, allowedCents, insurerCents: allowedCents - patientCents, patientCents };
}

/** A deterministic UUID-shaped value, like the ones the payment element generates. */
function paymentKey(random: Random): string {
  const hex = random.code(32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** How each past visit's statement stands today. */
function paymentPlan(v: Visit, invoiceDate: LocalDate, today: LocalDate, netCents: number): { paidCents: number; status: 'issued' | 'balanced' } {
  if (netCents === 0) return { paidCents: 0, status: 'balanced' };
  if (v.key === 'maria-chest') return { paidCents: Math.min(2500, netCents), status: 'issued' };
  if (daysBetween(invoiceDate, today) > 65) return { paidCents: netCents, status: 'balanced' };
  return { paidCents: 0, status: 'issued' };
}

/** A second plan, paying after the first: Maria's through her employer's retiree plan. */
const SECONDARY: Readonly<Record<string, { payer: PayerId; payerName: string; memberId: string; groupName: string }>> = {
  maria: { payer: 'evergreen', payerName: 'Evergreen Health Plan', memberId: 'EVG550218734', groupName: 'Hudson Valley Schools Retirees' },
};

function secondaryCoverage(p: PatientProfile, secondary: (typeof SECONDARY)[string], primaryId: string, today: LocalDate): Coverage {
  const plan = PLANS[secondary.payer];
  return {
    resourceType: 'Coverage',
    id: `${primaryId}-secondary`,
    identifier: [{ system: SYSTEM.memberId, value: secondary.memberId }],
    status: 'active',
    type: concept(SYSTEM.v3ActCode, plan.type[0], plan.type[1]),
    order: 2,
    policyHolder: patientRef(p),
    subscriber: patientRef(p),
    subscriberId: secondary.memberId,
    beneficiary: patientRef(p),
    dependent: '01',
    relationship: concept(SYSTEM.subscriberRelationship, 'self', 'Self'),
    period: { start: `${today.year - 1}-01-01`, end: `${today.year + 1}-12-31` },
    payor: [ref('Organization', secondary.payer, secondary.payerName)],
    class: [
      { type: concept(SYSTEM.coverageClass, 'group', 'Group'), value: plan.group, name: secondary.groupName },
      { type: concept(SYSTEM.coverageClass, 'plan', 'Plan'), value: plan.planCode, name: plan.name },
    ],
    network: plan.name,
  };
}

const EOB_VISITS = new Set(['maria-chest', 'maria-followup-95', 'james-physical-330', 'aisha-skin']);

export function buildBilling(ctx: BillingContext): Resource[] {
  const resources: Resource[] = [];
  const random = ctx.random.fork('billing');
  const byId = new Map(ctx.profiles.map((p) => [p.id as string, p]));
  let invoiceNumber = 104_200;

  for (const p of ctx.profiles) {
    let latestPayment: PaymentReconciliation | undefined;
    const plan = PLANS[p.payer];
    const guarantor = byId.get(p.guarantor)!;
    const isSelf = guarantor.id === p.id;
    const coverageId = `cov-${p.id}`;
    const accountId = `acct-${p.id}`;
    const coverage: Coverage = {
      resourceType: 'Coverage',
      id: coverageId,
      identifier: [{ system: SYSTEM.memberId, value: `${p.payer === 'bluecross' ? 'XHV' : 'EVG'}${random.code(9, '0123456789')}` }],
      status: 'active',
      type: concept(SYSTEM.v3ActCode, plan.type[0], plan.type[1]),
      order: 1,
      policyHolder: patientRef(guarantor),
      subscriber: patientRef(guarantor),
      subscriberId: `${p.payer === 'bluecross' ? 'XHV' : 'EVG'}${guarantor.mrn.replace(/\D/g, '')}${p.payer === 'bluecross' ? '01' : ''}`,
      beneficiary: patientRef(p),
      dependent: isSelf ? '01' : '02',
      relationship: isSelf
        ? concept(SYSTEM.subscriberRelationship, 'self', 'Self')
        : concept(SYSTEM.subscriberRelationship, 'child', 'Child'),
      period: { start: `${ctx.today.year - 3}-01-01`, end: `${ctx.today.year + 1}-12-31` },
      payor: [ref('Organization', p.payer, p.payer === 'bluecross' ? 'BlueCross BlueShield of the Hudson Valley' : 'Evergreen Health Plan')],
      class: [
        { type: concept(SYSTEM.coverageClass, 'group', 'Group'), value: plan.group, name: plan.groupName },
        { type: concept(SYSTEM.coverageClass, 'plan', 'Plan'), value: plan.planCode, name: plan.name },
      ],
      network: plan.name,
      costToBeneficiary: [
        { type: concept('http://terminology.hl7.org/CodeSystem/coverage-copay-type', 'gpvisit', 'GP Office Visit'), valueMoney: usd(plan.copayCents) },
        { type: concept('http://terminology.hl7.org/CodeSystem/coverage-copay-type', 'copaypct', 'Copay Percentage'), valueQuantity: { value: plan.coinsurance * 100, unit: '%', system: SYSTEM.ucum, code: '%' } },
      ],
    };
    const account: Account = {
      resourceType: 'Account',
      id: accountId,
      status: 'active',
      type: concept(SYSTEM.v3ActCode, 'PBILLACCT', 'patient billing account'),
      name: `${fullName(p)} — patient account`,
      subject: [patientRef(p)],
      servicePeriod: { start: `${ctx.today.year - 3}-01-01` },
      coverage: [
        { coverage: ref('Coverage', coverageId, plan.name), priority: 1 },
        ...(SECONDARY[p.id] ? [{ coverage: ref('Coverage', `${coverageId}-secondary`, PLANS[SECONDARY[p.id]!.payer].name), priority: 2 }] : []),
      ],
      owner: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
      description: isSelf ? 'Statements are sent to the patient.' : `Statements are sent to ${fullName(guarantor)} (parent).`,
      guarantor: [{ party: patientRef(guarantor), onHold: false }],
    };
    resources.push(coverage, account);
    const secondary = SECONDARY[p.id];
    if (secondary) resources.push(secondaryCoverage(p, secondary, coverageId, ctx.today));

    for (const v of ctx.visits) {
      if (v.patient.id !== p.id || !v.encounterId) continue;
      const stem = v.encounterId.replace(/^enc-/, '');
      const encounterRef = ref('Encounter', v.encounterId);
      const lines = [officeVisit(v), ...extras(v)].map((procedure) => priceLine(procedure, plan, `chg-${stem}-${procedure.cpt}`));
      for (const line of lines) {
        const chargeItem: ChargeItem = {
          resourceType: 'ChargeItem',
          id: line.chargeItemId,
          status: 'billed',
          code: { coding: [coding(SYSTEM.cpt, line.procedure.cpt, line.procedure.display)], text: line.procedure.display },
          subject: patientRef(p),
          context: encounterRef,
          occurrenceDateTime: v.start,
          performer: [{ actor: ref('Practitioner', v.clinician.id, clinicianName(v.clinician)) }],
          performingOrganization: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
          quantity: { value: 1 },
          priceOverride: usd(line.baseCents),
          overrideReason: 'Riverside Health chargemaster price',
          enteredDate: zonedDateTime(v.date, 17, 30),
          account: [ref('Account', accountId)],
        };
        resources.push(chargeItem);
      }

      const invoiceDate = daysBetween(addDays(v.date, 10), ctx.today) >= 0 ? addDays(v.date, 10) : ctx.today;
      const grossCents = lines.reduce((sum, l) => sum + l.baseCents, 0);
      const netCents = lines.reduce((sum, l) => sum + l.patientCents, 0);
      const { paidCents, status } = paymentPlan(v, invoiceDate, ctx.today, netCents);
      const invoiceId = `inv-${stem}`;
      invoiceNumber += 1 + random.int(0, 40);
      const lineItems: InvoiceLineItem[] = lines.map((l, i) => ({
        sequence: i + 1,
        chargeItemReference: ref('ChargeItem', l.chargeItemId, l.procedure.display),
        priceComponent: [
          { type: 'base', code: { text: 'Charge' }, amount: usd(l.baseCents) },
          ...(l.baseCents > l.allowedCents
            ? [{ type: 'deduction' as const, code: { text: 'Contractual adjustment' }, amount: usd(l.baseCents - l.allowedCents) }]
            : []),
          ...(l.insurerCents > 0 ? [{ type: 'deduction' as const, code: { text: `Paid by ${plan.name}` }, amount: usd(l.insurerCents) }] : []),
        ],
      }));
      const invoice: Invoice = {
        resourceType: 'Invoice',
        id: invoiceId,
        identifier: [{ system: SYSTEM.invoiceNumber, value: `RH-${invoiceNumber}` }],
        status,
        type: { text: 'Patient statement' },
        subject: patientRef(p),
        recipient: patientRef(guarantor),
        date: isoDate(invoiceDate),
        participant: [{ role: { text: 'Rendering provider' }, actor: ref('Practitioner', v.clinician.id, clinicianName(v.clinician)) }],
        issuer: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
        account: ref('Account', accountId),
        lineItem: lineItems,
        totalGross: usd(grossCents),
        totalNet: usd(netCents),
        paymentTerms: `Due within 30 days (by ${isoDate(addDays(invoiceDate, 30))}).`,
        note: [{ text: `${v.reason} — ${clinicianName(v.clinician)}, ${LOCATION_NAMES[v.location]}, ${isoDate(v.date)}.` }],
      };
      resources.push(invoice);

      if (paidCents > 0) {
        const paid = addDays(invoiceDate, 4 + random.int(0, 12));
        const paidOn = daysBetween(paid, ctx.today) >= 0 ? paid : ctx.today;
        // As the payment processor reports the card (fhir/payment-webhook.ts writes the same).
        const method = `Visa ending ${p.id === 'james' || p.id === 'leo' ? '1881' : '4242'}`;
        const payment: PaymentReconciliation = {
          resourceType: 'PaymentReconciliation',
          id: `pay-${stem}`,
          identifier: [{ system: SYSTEM.payment, value: paymentKey(random) }],
          status: 'active',
          created: zonedDateTime(paidOn, 19, random.int(0, 59)),
          outcome: 'complete',
          disposition: `Card payment (${method}) from the patient portal`,
          paymentDate: isoDate(paidOn),
          paymentAmount: usd(paidCents),
          processNote: [{ type: 'display', text: method }],
          paymentIdentifier: { system: 'urn:portico:demo-processor', value: `ch_${random.code(14, 'abcdefghijklmnopqrstuvwxyz0123456789')}` },
          detail: [
            {
              type: concept(SYSTEM.paymentType, 'payment', 'Payment'),
              request: ref('Invoice', invoiceId, `Statement RH-${invoiceNumber}`),
              payee: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
              date: isoDate(paidOn),
              amount: usd(paidCents),
            },
          ],
        };
        resources.push(payment);
        latestPayment = payment;
      }

      if (EOB_VISITS.has(v.key)) resources.push(buildEob(v, p, plan, lines, coverageId, invoiceDate));
    }
    if (latestPayment) resources.push(paymentNotice(latestPayment));
  }
  return resources;
}

/** The hospital's notice that a payment was received, for each patient's latest payment. */
function paymentNotice(payment: PaymentReconciliation): PaymentNotice {
  const detail = payment.detail![0]!;
  return {
    resourceType: 'PaymentNotice',
    id: payment.id!.replace(/^pay-/, 'paynotice-'),
    status: 'active',
    request: detail.request,
    created: payment.created,
    payment: ref('PaymentReconciliation', payment.id!),
    paymentDate: payment.paymentDate,
    payee: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
    recipient: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
    amount: payment.paymentAmount,
    paymentStatus: concept('http://terminology.hl7.org/CodeSystem/paymentstatus', 'cleared', 'Cleared'),
  };
}

function buildEob(v: Visit, p: PatientProfile, plan: Plan, lines: readonly PricedLine[], coverageId: string, processed: LocalDate): ExplanationOfBenefit {
  const adjudicationCategory = (code: string, display: string) => concept(SYSTEM.adjudication, code, display);
  const sum = (pick: (l: PricedLine) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const patientShare = sum((l) => l.patientCents);
  return {
    resourceType: 'ExplanationOfBenefit',
    id: `eob-${v.encounterId!.replace(/^enc-/, '')}`,
    identifier: [{ system: 'urn:oid:2.16.840.1.113883.3.9999.8', value: `CLM${v.date.year}${String(v.date.month).padStart(2, '0')}${v.patient.mrn.replace(/\D/g, '')}` }],
    status: 'active',
    type: concept(SYSTEM.claimType, 'professional', 'Professional'),
    use: 'claim',
    patient: patientRef(p),
    billablePeriod: { start: v.start, end: v.end },
    created: zonedDateTime(processed, 6, 0),
    insurer: ref('Organization', p.payer),
    provider: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
    outcome: 'complete',
    disposition: 'Claim settled as per contract.',
    careTeam: [{ sequence: 1, provider: ref('Practitioner', v.clinician.id, clinicianName(v.clinician)) }],
    insurance: [{ focal: true, coverage: ref('Coverage', coverageId, plan.name) }],
    item: lines.map((l, i) => {
      const adjudication: ExplanationOfBenefitItemAdjudication[] = [
        { category: adjudicationCategory('submitted', 'Submitted Amount'), amount: usd(l.baseCents) },
        { category: adjudicationCategory('eligible', 'Eligible Amount'), amount: usd(l.allowedCents) },
        ...(l.procedure.kind === 'office' ? [{ category: adjudicationCategory('copay', 'CoPay'), amount: usd(l.patientCents) }] : []),
        ...(l.procedure.kind === 'other' ? [{ category: adjudicationCategory('eligpercent', 'Eligible %'), value: Math.round((1 - plan.coinsurance) * 100) }] : []),
        { category: adjudicationCategory('benefit', 'Benefit Amount'), amount: usd(l.insurerCents) },
      ];
      return {
        sequence: i + 1,
        careTeamSequence: [1],
        productOrService: { coding: [coding(SYSTEM.cpt, l.procedure.cpt, l.procedure.display)], text: l.procedure.display },
        servicedDate: isoDate(v.date),
        locationReference: ref('Location', v.location, LOCATION_NAMES[v.location]),
        net: usd(l.baseCents),
        encounter: [ref('Encounter', v.encounterId!)],
        adjudication,
      };
    }),
    total: [
      { category: adjudicationCategory('submitted', 'Submitted Amount'), amount: usd(sum((l) => l.baseCents)) },
      { category: adjudicationCategory('eligible', 'Eligible Amount'), amount: usd(sum((l) => l.allowedCents)) },
      { category: adjudicationCategory('benefit', 'Benefit Amount'), amount: usd(sum((l) => l.insurerCents)) },
    ],
    payment: {
      type: concept('http://terminology.hl7.org/CodeSystem/ex-paymenttype', 'complete', 'Complete'),
      date: isoDate(processed),
      amount: usd(sum((l) => l.insurerCents)),
    },
    processNote: [{ number: 1, type: 'display', text: `Your share for this visit: $${(patientShare / 100).toFixed(2)}. This is not a bill.` }],
  };
}
