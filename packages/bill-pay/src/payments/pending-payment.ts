import type { PaymentReconciliation } from 'fhir/r4';
import { PatientStorage, type FhirClient, type RequestOptions } from '@portico/core';
import { PAYMENT_ID_SYSTEM, paymentsOf, type PaymentRecord } from '../model/statements.js';

/** A payment the patient started: kept in the tab through the processor's round trip until the server has recorded its outcome. */
export interface PendingPayment {
  paymentId: string;
  minor: number;
  currency: string;
  invoices: string[];
  /** When the patient pressed Pay (ms). */
  startedAt: number;
}

/**
 * The payment on its way, per patient, in this tab (sessionStorage, under a hash of the patient id):
 * the same id is sent again if the patient presses Pay twice or comes back and tries again, so the
 * processor charges once; forgotten once the server has its outcome, and on sign-out.
 */
export const pendingPayments = new PatientStorage<PendingPayment>('bill-pay:pending', 'tab');

/** A new payment id (a UUID where the browser has one). */
export function newPaymentId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The payment the hospital recorded for `paymentId` (its `urn:portico:payment` identifier), if it has:
 * the only source of a payment's outcome. Undefined while nothing is recorded yet.
 */
export async function findPayment(client: FhirClient, paymentId: string, options: RequestOptions = {}): Promise<PaymentRecord | undefined> {
  const { resources } = await client.search('PaymentReconciliation', { identifier: `${PAYMENT_ID_SYSTEM}|${paymentId}` }, options);
  return paymentsOf(resources as PaymentReconciliation[]).find((p) => p.paymentId === paymentId);
}
