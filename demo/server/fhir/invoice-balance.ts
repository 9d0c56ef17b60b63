/**
 * What a patient still owes on an Invoice, the one rule the payment processor (before it charges) and
 * the payment webhook (when it records) both follow:
 *
 * - the amount due is the Invoice's `totalNet` (the patient's share after insurance);
 * - a payment counts against it with its `detail[].amount` for that Invoice (`detail[].request`), when the
 *   PaymentReconciliation is `active` with `outcome` `complete`, or `queued` (charged, still settling:
 *   counted so the same balance cannot be charged twice meanwhile);
 * - the Invoice becomes `balanced` when its completed payments cover it; a partial payment leaves it `issued`.
 *
 * Money is handled in whole cents.
 */
import type { Invoice, Money, PaymentReconciliation } from '@medplum/fhirtypes';
import type { JournalingRepository } from './repository.js';

/** Outcomes that take money off a balance. */
const COUNTED = ['complete', 'queued'] as const;

/** `value` of a Money in cents. */
export function centsOf(money: Money | undefined): number {
  return Math.round((money?.value ?? 0) * 100);
}

/** What the payments of `repo` put on `Invoice/<id>`: counting completed ones only, or also those still settling. */
export function paidOn(repo: JournalingRepository, invoiceId: string, outcomes: readonly string[] = COUNTED): number {
  let cents = 0;
  for (const payment of repo.peekAll('PaymentReconciliation') as Iterable<PaymentReconciliation>) {
    if (payment.status !== 'active' || !outcomes.includes(payment.outcome ?? '')) continue;
    for (const detail of payment.detail ?? []) if (detail.request?.reference === `Invoice/${invoiceId}`) cents += centsOf(detail.amount);
  }
  return cents;
}

/** An Invoice with what is still owed on it, in cents. */
export interface OpenBalance {
  invoice: Invoice;
  owedCents: number;
}

/** What is owed on `invoice` now (totalNet minus completed and settling payments; never below zero). */
export function owedOn(repo: JournalingRepository, invoice: Invoice): number {
  return Math.max(0, centsOf(invoice.totalNet) - paidOn(repo, invoice.id!));
}

/** Is the Invoice paid in full by completed payments (the rule for `balanced`)? */
export function settled(repo: JournalingRepository, invoice: Invoice): boolean {
  return paidOn(repo, invoice.id!, ['complete']) >= centsOf(invoice.totalNet);
}

/**
 * Spreads a payment over its Invoices, oldest statement first, each up to what is owed on it; anything
 * beyond every balance (a payment that raced another) stays on the last one, so nothing paid goes unrecorded.
 */
export function allocate(amountCents: number, balances: readonly OpenBalance[]): { invoice: Invoice; cents: number }[] {
  const ordered = [...balances].sort((a, b) => (a.invoice.date ?? '').localeCompare(b.invoice.date ?? ''));
  let left = amountCents;
  const parts = ordered.map((b) => {
    const cents = Math.min(left, b.owedCents);
    left -= cents;
    return { invoice: b.invoice, cents };
  });
  if (left > 0 && parts.length) parts[parts.length - 1]!.cents += left;
  return parts.filter((p) => p.cents > 0);
}
