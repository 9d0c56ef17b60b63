import type { ChargeItem, Invoice, InvoiceLineItemPriceComponent, PaymentReconciliation } from 'fhir/r4';
import { toMinor } from './money.js';

/** Where a statement stands, as the patient reads it. */
export type StatementState = 'open' | 'partly-paid' | 'paid' | 'cancelled';

/** One part of a line's price: the charge, an adjustment, what insurance paid, a tax, a note. */
export interface PricePart {
  type: InvoiceLineItemPriceComponent['type'];
  /** The component's own words ("Contractual adjustment", "Paid by BlueCross PPO Gold"). */
  label?: string;
  /** Minor units, positive; `counts` says whether it adds to the patient's share or takes from it. */
  minor: number;
  counts: 'adds' | 'subtracts' | 'informational';
}

/** One line of a statement: what it was, the charge, the adjustments, and what is left for the patient. */
export interface StatementLine {
  sequence?: number;
  /** What it was, as the line or its charge names it. */
  description?: string;
  chargeItem?: ChargeItem;
  parts: PricePart[];
  /** Charges less adjustments and insurance (minor units). */
  patientShare: number;
}

/** A payment as the server recorded it, never as the browser said. */
export interface PaymentRecord {
  payment: PaymentReconciliation;
  id: string;
  /** `urn:portico:payment` identifier: the id the browser made before going to the processor. */
  paymentId?: string;
  date?: string;
  minor: number;
  currency: string;
  /** How it was paid, as the processor reported it ("Card payment (Visa ending 4242) …"). */
  method?: string;
  state: 'complete' | 'processing' | 'failed';
  /** What each statement (Invoice id) received from it, in minor units. */
  toStatements: Map<string, number>;
}

/** A patient statement (an Invoice) with what has been paid on it and what is left. */
export interface Statement {
  invoice: Invoice;
  id: string;
  number?: string;
  date?: string;
  /** The date the statement is due, when its payment terms name one. */
  dueDate?: string;
  state: StatementState;
  currency: string;
  /** What the statement asks of the patient (`totalNet`), in minor units. */
  totalMinor: number;
  /** Paid and settled. */
  paidMinor: number;
  /** Paid but still settling at the processor. */
  processingMinor: number;
  /** Still owed: total less what is paid or settling, never below zero. */
  owedMinor: number;
  lines: StatementLine[];
  payments: PaymentRecord[];
}

export const PAYMENT_ID_SYSTEM = 'urn:portico:payment';

const INVOICE = /(?:^|\/)Invoice\/([^/]+)(?:\/_history\/[^/]+)?$/;
const ADDS: ReadonlySet<string> = new Set(['base', 'surcharge', 'tax']);
const SUBTRACTS: ReadonlySet<string> = new Set(['deduction', 'discount']);

/** The payments the server recorded, newest first; each with what it paid on which statement. */
export function paymentsOf(reconciliations: readonly PaymentReconciliation[]): PaymentRecord[] {
  return reconciliations
    .filter((p) => p.id && p.status !== 'entered-in-error' && p.status !== 'cancelled')
    .map((payment) => {
      const total = toMinor(payment.paymentAmount);
      const toStatements = new Map<string, number>();
      for (const detail of payment.detail ?? []) {
        const invoiceId = detail.request?.reference ? INVOICE.exec(detail.request.reference)?.[1] : undefined;
        const amount = toMinor(detail.amount, total?.currency);
        if (invoiceId && amount) toStatements.set(invoiceId, (toStatements.get(invoiceId) ?? 0) + amount.minor);
      }
      return {
        payment,
        id: payment.id!,
        paymentId: payment.identifier?.find((i) => i.system === PAYMENT_ID_SYSTEM)?.value,
        date: payment.paymentDate ?? payment.created,
        minor: total?.minor ?? [...toStatements.values()].reduce((a, b) => a + b, 0),
        currency: total?.currency ?? 'USD',
        method: payment.disposition?.trim() || undefined,
        state: payment.outcome === 'queued' || payment.outcome === 'partial' ? 'processing' : payment.outcome === 'error' ? 'failed' : 'complete',
        toStatements,
      } satisfies PaymentRecord;
    })
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}

function partsOf(components: readonly InvoiceLineItemPriceComponent[] | undefined, currency: string): PricePart[] {
  return (components ?? []).flatMap((component) => {
    const amount = toMinor(component.amount, currency);
    if (!amount) return [];
    const counts = ADDS.has(component.type) ? 'adds' : SUBTRACTS.has(component.type) ? 'subtracts' : 'informational';
    return [{ type: component.type, label: component.code?.text?.trim() || component.code?.coding?.[0]?.display?.trim() || undefined, minor: Math.abs(amount.minor), counts } satisfies PricePart];
  });
}

/** The date in payment terms such as "Due within 30 days (by 2026-12-21)." */
function dueDateOf(terms: string | undefined): string | undefined {
  return terms ? /\b(\d{4}-\d{2}-\d{2})\b/.exec(terms)?.[1] : undefined;
}

/**
 * The patient's statements, newest first, each with its lines and what has been paid on it. Payments
 * count only as the server recorded them: settled ones as paid, those still at the processor as
 * processing; failed ones not at all. Statements entered in error are left out.
 */
export function statementsOf(invoices: readonly Invoice[], payments: readonly PaymentRecord[], chargeItems: ReadonlyMap<string, ChargeItem> = new Map()): Statement[] {
  return invoices
    .filter((invoice) => invoice.id && invoice.status !== 'entered-in-error' && invoice.status !== 'draft')
    .map((invoice) => {
      const id = invoice.id!;
      const total = toMinor(invoice.totalNet) ?? toMinor(invoice.totalGross);
      const currency = total?.currency ?? 'USD';
      const lines: StatementLine[] = (invoice.lineItem ?? []).map((item) => {
        const chargeId = item.chargeItemReference?.reference?.split('/').pop();
        const chargeItem = chargeId ? chargeItems.get(chargeId) : undefined;
        const parts = partsOf(item.priceComponent, currency);
        const patientShare = parts.reduce((sum, p) => sum + (p.counts === 'adds' ? p.minor : p.counts === 'subtracts' ? -p.minor : 0), 0);
        const description =
          chargeItem?.code?.text?.trim() || item.chargeItemReference?.display?.trim() || item.chargeItemCodeableConcept?.text?.trim() || item.chargeItemCodeableConcept?.coding?.[0]?.display?.trim() || undefined;
        return { sequence: item.sequence, description, chargeItem, parts, patientShare: Math.max(0, patientShare) };
      });
      const mine = payments.filter((p) => p.toStatements.has(id));
      const paidMinor = mine.filter((p) => p.state === 'complete').reduce((sum, p) => sum + p.toStatements.get(id)!, 0);
      const processingMinor = mine.filter((p) => p.state === 'processing').reduce((sum, p) => sum + p.toStatements.get(id)!, 0);
      const totalMinor = total?.minor ?? lines.reduce((sum, l) => sum + l.patientShare, 0);
      const cancelled = invoice.status === 'cancelled';
      const owedMinor = cancelled ? 0 : invoice.status === 'balanced' ? 0 : Math.max(0, totalMinor - paidMinor - processingMinor);
      const state: StatementState = cancelled ? 'cancelled' : owedMinor === 0 && processingMinor === 0 ? 'paid' : paidMinor > 0 || processingMinor > 0 ? 'partly-paid' : 'open';
      return {
        invoice,
        id,
        number: invoice.identifier?.[0]?.value,
        date: invoice.date,
        dueDate: dueDateOf(invoice.paymentTerms),
        state,
        currency,
        totalMinor,
        paidMinor,
        processingMinor,
        owedMinor,
        lines,
        payments: mine,
      } satisfies Statement;
    })
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
}

/** What the patient owes now: the sum of what is left on open statements, and the earliest due date among them. */
export function balanceOf(statements: readonly Statement[]): { owedMinor: number; currency: string; dueDate?: string; openStatements: number } {
  const open = statements.filter((s) => s.owedMinor > 0);
  const dueDate = open.map((s) => s.dueDate).filter((d): d is string => !!d).sort()[0];
  return { owedMinor: open.reduce((sum, s) => sum + s.owedMinor, 0), currency: open[0]?.currency ?? statements[0]?.currency ?? 'USD', dueDate, openStatements: open.length };
}
