import type { FhirResource, Invoice, PaymentReconciliation } from 'fhir/r4';
import { pendingPayments, type PaymentProcessor } from '@portico/bill-pay';
import { untilVisible } from './host.js';
import { SEED_PATIENTS } from './signed-in.js';
import { storyNow } from './story-fhir.js';

/**
 * What stories do to `<bill-pay>` in `play` functions (wait for what it shows, as a patient sees it),
 * and the records that put it in a paying state without a processor: a payment on its way kept in
 * the tab, and the hospital's record of it in the story's server.
 */

/** The shadow root of the story's `<bill-pay>`. */
export function billRoot(canvasElement: HTMLElement): ShadowRoot | null | undefined {
  return canvasElement.querySelector('bill-pay')?.shadowRoot;
}

/** Waits until `selector` matches a visible element inside the story's `<bill-pay>`, and returns it. */
export function inBills<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => billRoot(canvasElement)?.querySelector<T>(selector), what, timeout);
}

/** The id of the payment the paying stories show (its `urn:portico:payment` identifier). */
export const STORY_PAYMENT_ID = '6f1c2b0e-story-4a11-9d3e-payment00001';

/** Maria's statement the paying stories pay, $120.00, beside the seed's. */
const PAID_STATEMENT_ID = 'inv-story-paying';
const PAID_MINOR = 12_000;

/** No payment on its way in this tab for any seed patient (a story that paid leaves none for the next). */
export function forgetPendingPayments(): void {
  for (const patient of SEED_PATIENTS) pendingPayments.write(patient, undefined);
}

/** Maria pressed Pay on the story's statement and went to the processor: the payment kept in the tab until its outcome is known. */
export function keepPendingPayment(): void {
  pendingPayments.write('maria', { paymentId: STORY_PAYMENT_ID, minor: PAID_MINOR, currency: 'USD', invoices: [`Invoice/${PAID_STATEMENT_ID}`], startedAt: Date.now() - 60_000 });
}

function isoDay(daysAgo: number): string {
  return new Date(storyNow().getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The story's statement for Maria and, for `outcome`, the hospital's record of the payment on it
 * (as the processor's webhook writes it): `queued` still settling, `complete` paid. None: nothing recorded.
 */
export function paymentFixtures(outcome?: 'queued' | 'complete'): { resources: FhirResource[] } {
  const usd = { value: PAID_MINOR / 100, currency: 'USD' };
  const statement: Invoice = {
    resourceType: 'Invoice',
    id: PAID_STATEMENT_ID,
    identifier: [{ system: 'https://fhir.story.invalid/identifiers/statement', value: 'RH-STORY-1' }],
    status: 'issued',
    subject: { reference: 'Patient/maria', display: 'Maria Hernández' },
    date: isoDay(12),
    totalGross: usd,
    totalNet: usd,
    paymentTerms: `Due within 30 days (by ${isoDay(-18)}).`,
  };
  if (!outcome) return { resources: [statement] };
  const payment: PaymentReconciliation = {
    resourceType: 'PaymentReconciliation',
    id: 'pay-story-paying',
    identifier: [{ system: 'urn:portico:payment', value: STORY_PAYMENT_ID }],
    status: 'active',
    created: `${isoDay(0)}T11:58:00Z`,
    outcome,
    disposition: 'Card payment (Visa ending 4242) from the patient portal',
    paymentDate: isoDay(0),
    paymentAmount: usd,
    detail: [{ type: { text: 'Payment' }, request: { reference: `Invoice/${PAID_STATEMENT_ID}` }, date: isoDay(0), amount: usd }],
  };
  return { resources: [statement, payment] };
}

/**
 * A host's processor that says where it would send the patient (the hosted page's address) and, asked
 * about a payment, what its server would answer (`open`: not paid, nothing charged).
 */
export function storyProcessor(status: 'open' | 'unknown' = 'unknown'): PaymentProcessor {
  return {
    begin: async (request) => ({ redirect: `https://pay.story.invalid/checkout/${request.paymentId}` }),
    status: async () => status,
  };
}
