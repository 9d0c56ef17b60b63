/**
 * The demo payment processor: a stand-in for a hosted payment page such as Stripe Checkout, Adyen or
 * Square, on the embedded server's origin under `/processor/` (processor-http.ts). The browser opens a
 * checkout session with its FHIR access token; the patient pays on the processor's page (hosted-page.ts),
 * so no card number ever reaches the hospital's page; the processor charges once per payment id and
 * tells the hospital through its signed webhook (fhir/payment-webhook.ts), which records the payment.
 *
 * No real card is handled: only the test cards of test-cards.ts are accepted.
 */
import { randomBytes } from 'node:crypto';
import type { Bundle, Invoice } from '@medplum/fhirtypes';
import { owedOn } from '../fhir/invoice-balance.js';
import { PAYMENT_ID, type PaymentEvent } from '../fhir/payment-webhook.js';
import type { JournalingRepository } from '../fhir/repository.js';
import { SIGNATURE_HEADER, signWebhook } from './signature.js';
import { methodOf, testCard, type TestCard } from './test-cards.js';

/** The only currency the demo hospital bills in. */
export const CURRENCIES = ['USD'] as const;
/** The most one checkout may charge, in cents, and the most statements it may pay. */
const MAX_CENTS = 10_000_000;
const MAX_INVOICES = 20;

/** A hospital (FHIR tenant) the processor pays into: its data and its webhook. */
export interface Merchant {
  repo: JournalingRepository;
  webhookUrl: string;
}

export interface ProcessorOptions {
  /** The server's origin: the hosted pages' URLs start with it. */
  origin: string;
  /** Shared with the hospital's webhook. */
  secret: string;
  /** The hospital whose FHIR base is `fhirBase` (the server's own or a sandbox's), else undefined. */
  merchantAt(fhirBase: string): Merchant | undefined;
  /** How long the slow test card stays `processing` for a hospital, in ms (Infinity: until `settleAll`). */
  settleMs(merchant: Merchant): number;
}

/** Where a checkout session stands. A decline leaves it open (the patient may try another card). */
export type SessionStatus = 'open' | 'processing' | 'succeeded';

/** One checkout: what is paid, for whom, and what happened. */
export interface CheckoutSession {
  readonly id: string;
  readonly paymentId: string;
  /** In cents. */
  readonly amount: { value: number; currency: string };
  readonly invoices: readonly string[];
  readonly patient: string;
  readonly returnUrl: string;
  readonly fhirBase: string;
  readonly url: string;
  status: SessionStatus;
  /** The last decline (`declined`, `insufficient-funds`), while the session is open. */
  decline?: string;
  charge?: { id: string; method: string; chargedAt: string };
}

/** A checkout-session request, as the browser sends it (fields unchecked). */
export interface CheckoutRequest {
  paymentId?: unknown;
  amount?: { value?: unknown; currency?: unknown };
  invoices?: unknown;
  patient?: unknown;
  returnUrl?: unknown;
  fhirBase?: unknown;
}

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** What submitting a card does: back to the hospital, or the page again with a message. */
export type PayAnswer = { redirect: string } | { status: number; message: string; session?: CheckoutSession };

/** A sandbox's own delay for the slow test card (features/billing.ts sandbox setting `paymentSettleMs`). */
const settleDelays = new WeakMap<JournalingRepository, number>();

/** Sets how long the slow test card stays processing for the hospital of `repo` (Infinity: until settled by hand). */
export function setSettleDelay(repo: JournalingRepository, ms: number): void {
  settleDelays.set(repo, ms);
}

/** The delay set for `repo`, else undefined. */
export function settleDelayOf(repo: JournalingRepository): number | undefined {
  return settleDelays.get(repo);
}

const fail = (status: number, error: string): JsonAnswer => ({ status, body: { error } });
const randomId = (prefix: string) => `${prefix}_${randomBytes(18).toString('base64url')}`;

export class DemoProcessor {
  private readonly sessions = new Map<string, CheckoutSession>();
  private readonly byPaymentId = new Map<string, CheckoutSession>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly settling = new Set<CheckoutSession>();

  constructor(private readonly options: ProcessorOptions) {}

  session(id: string): CheckoutSession | undefined {
    return this.sessions.get(id);
  }

  /** The statement numbers (`RH-104321`) of a session's Invoices, for its page. */
  statementNumbers(session: CheckoutSession): string[] {
    const merchant = this.options.merchantAt(session.fhirBase);
    return session.invoices.map((reference) => {
      const invoice = merchant?.repo.peek('Invoice', reference.slice('Invoice/'.length)) as Invoice | undefined;
      return invoice?.identifier?.[0]?.value ?? reference;
    });
  }

  /**
   * `POST /processor/checkout-sessions`. The browser proves whose bill it pays with its FHIR access
   * token: the processor reads the Invoices from the hospital's FHIR server with that token, so the
   * server's own rules decide (another patient's Invoice is not found). The same `paymentId` (the
   * idempotency key) answers the same session; with other parameters it is 409.
   */
  async createSession(request: CheckoutRequest, token: string | undefined): Promise<JsonAnswer> {
    if (!token) return fail(401, 'Send the FHIR access token (Authorization: Bearer …).');
    const { paymentId, amount, invoices, patient, returnUrl, fhirBase } = request ?? {};
    if (typeof paymentId !== 'string' || !PAYMENT_ID.test(paymentId)) return fail(400, 'paymentId must be 8–64 letters, digits or dashes (a UUID made in the browser).');
    const value = amount?.value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_CENTS) return fail(400, 'amount.value must be a positive whole number of cents.');
    if (!(CURRENCIES as readonly unknown[]).includes(amount?.currency)) return fail(400, `amount.currency must be one of ${CURRENCIES.join(', ')}.`);
    if (!Array.isArray(invoices) || !invoices.length || invoices.length > MAX_INVOICES || !invoices.every((i) => typeof i === 'string' && /^Invoice\/[A-Za-z0-9\-.]{1,64}$/.test(i))) {
      return fail(400, `invoices must list 1–${MAX_INVOICES} references Invoice/<id>.`);
    }
    if (typeof patient !== 'string' || !/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(patient)) return fail(400, 'patient must be a reference Patient/<id>.');
    if (typeof returnUrl !== 'string' || !isWebUrl(returnUrl)) return fail(400, 'returnUrl must be an http or https URL.');
    const merchant = typeof fhirBase === 'string' ? this.options.merchantAt(fhirBase) : undefined;
    if (!merchant) return fail(400, 'fhirBase must be the FHIR base of this server (or of one of its sandboxes).');
    const wanted = [...new Set(invoices as string[])].sort();

    const owned = await this.readInvoices(fhirBase as string, wanted, token);
    if ('error' in owned) return owned.error;
    if (owned.invoices.some((i) => i.subject?.reference !== patient)) return fail(403, 'These statements are not the patient’s.');

    const existing = this.byPaymentId.get(paymentId);
    if (existing) {
      const same = existing.fhirBase === fhirBase && existing.patient === patient && existing.amount.value === value && existing.amount.currency === amount!.currency && existing.invoices.join() === wanted.join();
      if (!same) return fail(409, 'This paymentId was used for another checkout; make a new one for a new payment.');
      return { status: 200, body: describe(existing) };
    }
    // Another tab (another paymentId) paying the same statements, the same amount, while a checkout for
    // them is still open or settling: that checkout, under its own paymentId, so the patient pays once.
    const twin = [...this.sessions.values()].find(
      (s) => s.status !== 'succeeded' && s.fhirBase === fhirBase && s.patient === patient && s.amount.value === value && s.amount.currency === amount!.currency && s.invoices.join() === wanted.join(),
    );
    if (twin) return { status: 200, body: describe(twin) };
    if (owned.invoices.some((i) => i.status !== 'issued')) return fail(400, 'Only statements still owed (status issued) can be paid.');
    const owed = owned.invoices.reduce((sum, invoice) => sum + owedOn(merchant.repo, invoice), 0);
    if (value > owed) return fail(400, 'The amount is more than is owed on these statements.');

    const id = randomId('cs');
    const session: CheckoutSession = {
      id,
      paymentId,
      amount: { value, currency: amount!.currency as string },
      invoices: wanted,
      patient,
      returnUrl,
      fhirBase: fhirBase as string,
      url: `${this.options.origin}/processor/pay/${id}`,
      status: 'open',
    };
    this.sessions.set(id, session);
    this.byPaymentId.set(paymentId, session);
    return { status: 201, body: describe(session) };
  }

  /** `GET /processor/payments/<paymentId>`: where a payment stands, as the processor knows it. */
  status(paymentId: string): JsonAnswer {
    const session = this.byPaymentId.get(paymentId);
    if (!session) return fail(404, 'No checkout with this paymentId.');
    return { status: 200, body: { paymentId, status: session.status, ...(session.decline ? { decline: session.decline } : {}) } };
  }

  /**
   * `POST /processor/pay/<session>` with a card number: charges once per session (a second submit or
   * a reload goes back without charging), tells the hospital, and sends the patient back.
   */
  async pay(sessionId: string, typed: string): Promise<PayAnswer> {
    const session = this.sessions.get(sessionId);
    if (!session) return { status: 404, message: 'This payment page has expired or does not exist.' };
    if (session.status !== 'open') return { redirect: returnTo(session, session.status) };
    const card = testCard(typed);
    if (!card) return { status: 400, message: 'Use one of the test card numbers listed below.', session };
    const merchant = this.options.merchantAt(session.fhirBase);
    if (!merchant) return { status: 410, message: 'The hospital’s records are no longer available; nothing was charged.', session };
    const owed = session.invoices.reduce((sum, reference) => {
      const invoice = merchant.repo.peek('Invoice', reference.slice('Invoice/'.length)) as Invoice | undefined;
      return sum + (invoice ? owedOn(merchant.repo, invoice) : 0);
    }, 0);
    if (session.amount.value > owed) return { status: 409, message: 'These statements have been paid meanwhile. Nothing was charged.', session };
    if (card.outcome === 'declined' || card.outcome === 'insufficient-funds') {
      session.decline = card.outcome;
      return { status: 402, message: card.outcome === 'declined' ? 'Your card was declined. No money was taken.' : 'Your card was declined for insufficient funds. No money was taken.', session };
    }
    // Charged: from here on, the session never charges again (set before anything awaits).
    session.status = card.outcome === 'processing' ? 'processing' : 'succeeded';
    session.decline = undefined;
    session.charge = { id: randomId('ch'), method: methodOf(card as TestCard), chargedAt: new Date().toISOString() };
    await this.notify(merchant, session, session.status === 'processing' ? 'payment.processing' : 'payment.succeeded');
    if (session.status === 'processing') this.scheduleSettle(merchant, session);
    return { redirect: returnTo(session, session.status) };
  }

  /** Settles every payment still processing now (tests); answers how many. */
  async settleAll(): Promise<number> {
    const pending = [...this.settling];
    await Promise.all(pending.map((session) => this.settle(session)));
    return pending.length;
  }

  /** Stops the timers (the server is closing). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private scheduleSettle(merchant: Merchant, session: CheckoutSession): void {
    this.settling.add(session);
    const delay = this.options.settleMs(merchant);
    if (!Number.isFinite(delay)) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.settle(session);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private async settle(session: CheckoutSession): Promise<void> {
    if (!this.settling.delete(session)) return;
    session.status = 'succeeded';
    const merchant = this.options.merchantAt(session.fhirBase);
    if (merchant) await this.notify(merchant, session, 'payment.succeeded');
  }

  /** Reads the Invoices with the patient's token: those it may not see are simply not found. */
  private async readInvoices(fhirBase: string, references: readonly string[], token: string): Promise<{ invoices: Invoice[] } | { error: JsonAnswer }> {
    const ids = references.map((r) => r.slice('Invoice/'.length));
    const response = await fetch(`${fhirBase}/Invoice?_id=${ids.map(encodeURIComponent).join(',')}&_count=${ids.length}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' },
    });
    if (response.status === 401) return { error: fail(401, 'The access token was not accepted by the FHIR server.') };
    if (!response.ok) return { error: fail(403, 'The FHIR server did not let this token read the statements.') };
    const bundle = (await response.json()) as Bundle<Invoice>;
    const invoices = (bundle.entry ?? []).map((e) => e.resource!).filter((r) => r?.resourceType === 'Invoice');
    if (invoices.length !== ids.length) return { error: fail(403, 'These statements are not the patient’s.') };
    return { invoices };
  }

  /** Calls the hospital's webhook, signed; retried in the background when it cannot be reached. */
  private async notify(merchant: Merchant, session: CheckoutSession, type: PaymentEvent['type'], attempt = 0): Promise<void> {
    const event: PaymentEvent = {
      id: randomId('evt'),
      type,
      created: Math.floor(Date.now() / 1000),
      data: {
        paymentId: session.paymentId,
        charge: session.charge!.id,
        amount: session.amount,
        invoices: [...session.invoices],
        patient: session.patient,
        method: session.charge!.method,
        chargedAt: session.charge!.chargedAt,
      },
    };
    const body = JSON.stringify(event);
    const delivered = await fetch(merchant.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signWebhook(this.options.secret, body) }, body })
      .then((response) => response.ok || (response.status >= 400 && response.status < 500))
      .catch(() => false);
    if (delivered || attempt >= 5) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.notify(merchant, session, type, attempt + 1);
    }, 500 * 2 ** attempt);
    timer.unref();
    this.timers.add(timer);
  }
}

/** What the browser gets back for a session. */
function describe(session: CheckoutSession): Record<string, unknown> {
  return { id: session.id, url: session.url, paymentId: session.paymentId, status: session.status };
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The return URL with the payment id and a status (the element reads the server, not this status). */
export function returnTo(session: CheckoutSession, status: SessionStatus | 'cancelled'): string {
  const url = new URL(session.returnUrl);
  url.searchParams.set('paymentId', session.paymentId);
  url.searchParams.set('status', status);
  return url.href;
}
