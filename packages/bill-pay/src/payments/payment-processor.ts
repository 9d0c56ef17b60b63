import type { FhirClient } from '@portico/core';
import type { MinorAmount } from '../model/money.js';

/** What the patient pays: made in the browser before leaving, kept through the processor's round trip. */
export interface PaymentRequest {
  /** The payment's own id, made once per attempt: the processor's idempotency key, and how the recorded payment is found. */
  paymentId: string;
  amount: MinorAmount;
  /** The statements it pays (`Invoice/…`). */
  invoices: readonly string[];
  patientId: string;
  /** Where the processor sends the patient back. */
  returnUrl: string;
}

/**
 * How paying starts: the processor's own page (the default), or its component mounted in the element's
 * light DOM. `paymentId`, when the processor answers with another: a payment of the same statements already
 * on its way (from another tab), which this one becomes, so the patient pays once.
 */
export type PaymentStart = ({ redirect: string } | { mounted: true }) & { paymentId?: string };

/**
 * The hospital's payment processor, as the element sees it. Portico never shows card fields: either
 * the processor's hosted page takes the card (PCI SAQ-A; `{ redirect }`), or a processor whose fields
 * must live in the page mounts its component into `slot`, a light-DOM element of `<bill-pay>`
 * (`{ mounted: true }`). The outcome is never the processor's word to the browser: the element reads
 * the payment the hospital's backend recorded (by `paymentId`).
 */
export interface PaymentProcessor {
  begin(request: PaymentRequest, context: { client: FhirClient; slot: HTMLElement; signal?: AbortSignal }): Promise<PaymentStart>;
  /** Which payment the return address names (never its outcome); default: the `paymentId` parameter. */
  resume?(params: URLSearchParams): string | undefined;
  /**
   * Where the payment stands at the processor, asked by its server (not read from the return address):
   * `open` (not paid: cancelled, or the card was declined and the patient left), `processing`, `succeeded`.
   * The payment itself is only shown once the hospital has recorded it.
   */
  status?(paymentId: string, options?: { signal?: AbortSignal }): Promise<ProcessorStatus>;
}

export type ProcessorStatus = 'open' | 'processing' | 'succeeded' | 'unknown';

/** The return address's parameters that a payment's round trip adds, removed once read. */
export const RETURN_PARAMS = ['paymentId', 'status', 'session'] as const;

/**
 * A processor with a hosted payment page, through the hospital's payments backend at `endpoint`: `POST
 * {endpoint}/checkout-sessions` with `{ paymentId, amount: { value (minor units), currency }, invoices,
 * patient, returnUrl, fhirBase }`; it answers `{ url }`, the processor's page to send the patient to. The
 * same `paymentId` always gets the same session: a double click or a retry never charges twice. The
 * backend must check that the statements are the patient's: on the FHIR server's own origin it gets the
 * patient's access token; elsewhere no token is sent, only the site's own cookies.
 */
export function hostedPageProcessor(endpoint: string): PaymentProcessor {
  const base = endpoint.replace(/\/+$/, '');
  return {
    async begin(request, { client, signal }) {
      const url = `${base}/checkout-sessions`;
      const token = await client.tokenForSameOrigin(url);
      const response = await fetch(url, {
        method: 'POST',
        signal,
        credentials: token ? 'omit' : 'include',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({
          paymentId: request.paymentId,
          amount: { value: request.amount.minor, currency: request.amount.currency },
          invoices: request.invoices,
          patient: `Patient/${request.patientId}`,
          returnUrl: request.returnUrl,
          fhirBase: client.baseUrl,
        }),
      });
      const answer = (await response.json().catch(() => ({}))) as { url?: unknown; error?: unknown; paymentId?: unknown };
      if (!response.ok || typeof answer.url !== 'string' || !/^https?:\/\//.test(answer.url)) {
        throw new PaymentStartError(typeof answer.error === 'string' ? answer.error : `The payment page could not be opened (${response.status}).`, response.status);
      }
      return { redirect: answer.url, ...(typeof answer.paymentId === 'string' ? { paymentId: answer.paymentId } : {}) };
    },
    resume: (params) => params.get('paymentId') ?? undefined,
    async status(paymentId, options = {}) {
      const response = await fetch(`${base}/payments/${encodeURIComponent(paymentId)}`, { signal: options.signal, credentials: 'omit' }).catch(() => undefined);
      const answer = (await response?.json().catch(() => undefined)) as { status?: unknown } | undefined;
      const status = answer?.status;
      return status === 'open' || status === 'processing' || status === 'succeeded' ? status : 'unknown';
    },
  };
}

/** The processor would not start the payment (nothing was charged). */
export class PaymentStartError extends Error {
  override readonly name = 'PaymentStartError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
