/**
 * The hospital's side of a card payment: the webhook the payment processor calls (processor/, the demo
 * stand-in for Stripe Checkout, Adyen or Square hosted pages). Only a correctly signed event
 * (processor/signature.ts) is read; it records the payment as a PaymentReconciliation and marks the
 * Invoices it pays in full `balanced` (fhir/invoice-balance.ts). The portal never writes a payment itself.
 *
 * - `payment.processing`: recorded with `outcome` `queued` (the Invoices stay `issued`);
 * - `payment.succeeded`: recorded, or the queued record updated, with `outcome` `complete`;
 * - a declined card sends no event and nothing is recorded.
 *
 * Idempotent on the payment id (`identifier` `urn:portico:payment|<paymentId>`): a repeated or late event
 * changes nothing and is answered 200 with the same record.
 */
import type { Invoice, Money, PaymentReconciliation } from '@medplum/fhirtypes';
import { signatureProblem } from '../processor/signature.js';
import { allocate, owedOn, settled } from './invoice-balance.js';
import type { JournalingRepository } from './repository.js';

/** The identifier system of a payment's id, made in the browser before it leaves for the processor. */
export const PAYMENT_ID_SYSTEM = 'urn:portico:payment';
/** The identifier system of the processor's charge id (`paymentIdentifier`). */
export const CHARGE_ID_SYSTEM = 'urn:portico:demo-processor';
/** A payment id: what the browser makes (a UUID) or anything of that shape. */
export const PAYMENT_ID = /^[A-Za-z0-9-]{8,64}$/;

/** What the processor tells the hospital, as JSON in the webhook's body. */
export interface PaymentEvent {
  id: string;
  type: 'payment.processing' | 'payment.succeeded';
  /** Unix seconds. */
  created: number;
  data: {
    paymentId: string;
    /** The processor's id of the charge. */
    charge: string;
    /** In minor units (cents). */
    amount: { value: number; currency: string };
    invoices: string[];
    patient: string;
    /** The payment method as the processor reports it: "Visa ending 4242". */
    method: string;
    /** When the card was charged (ISO 8601). */
    chargedAt: string;
  };
}

const OUTCOME = { 'payment.processing': 'queued', 'payment.succeeded': 'complete' } as const;

/** Where the hospital is paid (the demo hospital). */
const PAYEE = { reference: 'Organization/riverside', display: 'Riverside Health' };

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

const refuse = (status: number, error: string): WebhookAnswer => ({ status, body: { error } });

/** The event in `body`, or why it is not one. */
function parseEvent(body: string): PaymentEvent | string {
  let event: PaymentEvent;
  try {
    event = JSON.parse(body) as PaymentEvent;
  } catch {
    return 'The body is not JSON.';
  }
  const data = event?.data;
  if (!(event?.type in OUTCOME) || !data) return 'Unknown event type.';
  if (typeof data.paymentId !== 'string' || !PAYMENT_ID.test(data.paymentId)) return 'The event has no valid paymentId.';
  if (!Number.isInteger(data.amount?.value) || data.amount.value <= 0 || typeof data.amount.currency !== 'string') return 'The event has no valid amount.';
  if (!Array.isArray(data.invoices) || !data.invoices.length || !data.invoices.every((i) => typeof i === 'string' && /^Invoice\/[A-Za-z0-9\-.]{1,64}$/.test(i))) return 'The event names no Invoices.';
  if (typeof data.patient !== 'string' || typeof data.charge !== 'string' || typeof data.method !== 'string' || Number.isNaN(Date.parse(data.chargedAt))) return 'The event is incomplete.';
  return event;
}

/** The date in clinic time (America/New_York), YYYY-MM-DD. */
function clinicDate(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** The stored payment with this id, if any. */
export function findPayment(repo: JournalingRepository, paymentId: string): PaymentReconciliation | undefined {
  for (const payment of repo.peekAll('PaymentReconciliation') as Iterable<PaymentReconciliation>) {
    if (payment.identifier?.some((i) => i.system === PAYMENT_ID_SYSTEM && i.value === paymentId)) return payment;
  }
  return undefined;
}

/** Checks the signature, then records the event in `repo` (once per payment id). */
export async function receivePaymentWebhook(repo: JournalingRepository, secret: string, body: string, signature: string | undefined, now = Date.now()): Promise<WebhookAnswer> {
  const bad = signatureProblem(secret, body, signature, now);
  if (bad) return refuse(401, bad);
  const event = parseEvent(body);
  if (typeof event === 'string') return refuse(400, event);
  return repo.atomically(() => record(repo, event));
}

async function record(repo: JournalingRepository, event: PaymentEvent): Promise<WebhookAnswer> {
  const { data } = event;
  const outcome = OUTCOME[event.type];
  const existing = findPayment(repo, data.paymentId);
  if (existing && (existing.outcome === 'complete' || outcome === 'queued')) {
    return { status: 200, body: { paymentReconciliation: `PaymentReconciliation/${existing.id}`, outcome: existing.outcome, duplicate: true } };
  }
  const invoices: Invoice[] = [];
  for (const reference of data.invoices) {
    const invoice = repo.peek('Invoice', reference.slice('Invoice/'.length)) as Invoice | undefined;
    if (!invoice || invoice.subject?.reference !== data.patient) return refuse(422, 'An Invoice of the event is not the patient’s.');
    invoices.push(invoice);
  }
  let payment: PaymentReconciliation;
  if (existing) {
    payment = await repo.updateResource({ ...existing, outcome, disposition: disposition(data.method, outcome) });
  } else {
    const date = clinicDate(data.chargedAt);
    const parts = allocate(data.amount.value, invoices.map((invoice) => ({ invoice, owedCents: owedOn(repo, invoice) })));
    const money = (cents: number): Money => ({ value: cents / 100, currency: data.amount.currency as Money['currency'] });
    payment = await repo.createResource<PaymentReconciliation>({
      resourceType: 'PaymentReconciliation',
      identifier: [{ system: PAYMENT_ID_SYSTEM, value: data.paymentId }],
      status: 'active',
      created: data.chargedAt,
      outcome,
      disposition: disposition(data.method, outcome),
      paymentDate: date,
      paymentAmount: money(data.amount.value),
      paymentIdentifier: { system: CHARGE_ID_SYSTEM, value: data.charge },
      detail: parts.map((part) => ({
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/payment-type', code: 'payment', display: 'Payment' }] },
        request: { reference: `Invoice/${part.invoice.id}` },
        payee: PAYEE,
        date,
        amount: money(part.cents),
      })),
      processNote: [{ type: 'display', text: data.method }],
    });
  }
  if (outcome === 'complete') {
    for (const invoice of invoices) {
      if (invoice.status === 'issued' && settled(repo, invoice)) await repo.updateResource({ ...invoice, status: 'balanced' });
    }
  }
  return { status: 200, body: { paymentReconciliation: `PaymentReconciliation/${payment.id}`, outcome } };
}

function disposition(method: string, outcome: 'queued' | 'complete'): string {
  return outcome === 'queued' ? `Card payment (${method}) from the patient portal, processing` : `Card payment (${method}) from the patient portal`;
}
