/**
 * Helpers for the payment tests (billing-attacks.test.ts, payment-processor.test.ts): a server with a
 * known webhook secret, a sandbox per describe, the demo processor driven over plain HTTP as a browser
 * would (a JSON request for the session, then the hosted page's form), and the hospital's record of a
 * payment read back through FHIR.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, Invoice, PaymentReconciliation } from 'fhir/r4';
import { signWebhook } from '../../demo/server/processor/signature.js';
import type { PorticoServer } from '../../demo/server/server.js';
import { admin, call } from '../helpers/server-http.js';

/** The secret the tests' server shares between processor and webhook (so a test can sign, or forge, an event). */
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
/** What the bill-pay element reads with: the whole record, no writes to bills. */
export const READ_SCOPE = 'patient/*.rs';
/** Every scope on the record, so only the server's rules refuse. */
export const EVERYTHING = 'patient/*.cruds';
export const RETURN_URL = 'http://localhost:5999/my-health.html?view=bills#pay';

/** A sandbox of the demo data (`paymentSettleMs` as given); its FHIR base and its webhook. */
export async function paymentSandbox(server: PorticoServer, settings: Record<string, unknown> = { paymentSettleMs: 'manual' }): Promise<{ id: string; fhir: string; webhook: string }> {
  const { id, fhirBaseUrl } = await admin<{ id: string; fhirBaseUrl: string }>(server, 'POST', 'sandboxes', settings);
  return { id, fhir: fhirBaseUrl, webhook: `${server.origin}/sandbox/${id}/payments/webhook` };
}

export interface CheckoutBody {
  paymentId: string;
  amount: { value: number; currency: string };
  invoices: string[];
  patient: string;
  returnUrl: string;
  fhirBase: string;
}

/** A checkout-session body for `invoices` of `patient` (a new paymentId unless given). */
export function checkout(fhir: string, patient: string, invoices: string[], cents: number, overrides: Partial<CheckoutBody> = {}): CheckoutBody {
  return { paymentId: randomUUID(), amount: { value: cents, currency: 'USD' }, invoices, patient: `Patient/${patient}`, returnUrl: RETURN_URL, fhirBase: fhir, ...overrides };
}

export interface JsonReply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** `POST /processor/checkout-sessions` as the browser sends it. */
export async function openCheckout(server: PorticoServer, body: unknown, token?: string): Promise<JsonReply<{ id?: string; url?: string; paymentId?: string; status?: string; error?: string }>> {
  const response = await fetch(`${server.processorUrl}/checkout-sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:5999', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { id?: string; url?: string; paymentId?: string; status?: string; error?: string } };
}

/** Submits the hosted page's form with a card number; the answer is not followed. */
export async function submitCard(url: string, card: string): Promise<{ status: number; location: string | null; text: string }> {
  const response = await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ card }) });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

/** The hospital's record(s) of a payment, searched by its id as the element does. */
export async function paymentsWithId(fhir: string, token: string, paymentId: string): Promise<PaymentReconciliation[]> {
  const reply = await call<Bundle>(fhir, 'GET', `PaymentReconciliation?identifier=${encodeURIComponent(`urn:portico:payment|${paymentId}`)}`, { token });
  if (reply.status !== 200) throw new Error(`search: ${reply.status} ${JSON.stringify(reply.body)}`);
  return (reply.body.entry ?? []).map((e) => e.resource as PaymentReconciliation);
}

export async function invoice(fhir: string, token: string, id: string): Promise<Invoice> {
  return (await call<Invoice>(fhir, 'GET', `Invoice/${id}`, { token })).body;
}

/** A webhook event as the processor sends it. */
export function paymentEvent(type: 'payment.processing' | 'payment.succeeded', data: { paymentId: string; cents: number; invoices: string[]; patient: string }): string {
  return JSON.stringify({
    id: `evt_${randomUUID()}`,
    type,
    created: Math.floor(Date.now() / 1000),
    data: { paymentId: data.paymentId, charge: `ch_${randomUUID()}`, amount: { value: data.cents, currency: 'USD' }, invoices: data.invoices, patient: `Patient/${data.patient}`, method: 'Visa ending 4242', chargedAt: new Date().toISOString() },
  });
}

/** Posts `body` to a webhook with the given signature header (none when undefined). */
export async function postWebhook(url: string, body: string, signature: string | undefined): Promise<JsonReply> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(signature ? { 'Portico-Signature': signature } : {}) }, body });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** Signed with the shared secret, as the processor signs. */
export const signed = (body: string, timestamp?: number) => signWebhook(WEBHOOK_SECRET, body, timestamp);
