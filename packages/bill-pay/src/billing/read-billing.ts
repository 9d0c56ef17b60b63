import type { ChargeItem, Coverage, ExplanationOfBenefit, Invoice, Organization, PaymentReconciliation, Resource } from 'fhir/r4';
import type { FhirClient, RequestOptions } from '@portico/core';
import { paymentsOf, statementsOf, type Statement } from '../model/statements.js';
import { statementSearches } from '../scopes.js';

export { STATEMENT_PAGE } from '../scopes.js';

/**
 * The patient's statements with what was paid on each, in two requests side by side: the Invoices
 * (newest first) and the payments recorded for them. A patient token sees only its own payments.
 */
export async function loadStatements(client: FhirClient, options: RequestOptions & { patientId: string }): Promise<Statement[]> {
  const [invoiceSearch, paymentSearch] = statementSearches(options.patientId);
  const [invoices, payments] = await Promise.all([
    client.search(invoiceSearch.resourceType, invoiceSearch.params, options),
    client.searchAll(paymentSearch.resourceType, paymentSearch.params, { ...options, max: 500 }),
  ]);
  return statementsOf(invoices.resources as Invoice[], paymentsOf(payments.resources as PaymentReconciliation[]));
}

/** What each line of a statement was (date of service, who provided it), read when the statement is opened. */
export async function loadChargeItems(client: FhirClient, ids: readonly string[], options: RequestOptions = {}): Promise<Map<string, ChargeItem>> {
  if (!ids.length) return new Map();
  const { resources } = await client.search('ChargeItem', { _id: [...new Set(ids)].join(','), _count: ids.length }, options);
  return new Map((resources as ChargeItem[]).filter((c) => c.id).map((c) => [c.id!, c]));
}

/**
 * What the insurer said about the visits a statement bills (ExplanationOfBenefit, when the server has
 * it), found by the visits' encounters; none when the server keeps no such records.
 */
export async function loadExplanations(client: FhirClient, encounters: readonly string[], options: RequestOptions & { patientId: string }): Promise<ExplanationOfBenefit[]> {
  if (!encounters.length) return [];
  const { resources } = await client.search('ExplanationOfBenefit', { patient: `Patient/${options.patientId}`, encounter: [...new Set(encounters)].join(','), _count: 20 }, options);
  return (resources as ExplanationOfBenefit[]).filter((eob) => eob.status !== 'entered-in-error' && eob.status !== 'cancelled');
}

/** One insurance plan as the patient needs it at the front desk. */
export interface InsurancePlan {
  coverage: Coverage;
  /** 1 for primary, 2 for secondary, … (Coverage.order, else the listed order). */
  order: number;
  payer?: string;
  plan?: string;
  group?: string;
  memberId?: string;
  subscriber?: string;
  subscriberId?: string;
  period?: { start?: string; end?: string };
}

/** The patient's active insurance, primary first, with the payers' names (one request). */
export async function loadInsurance(client: FhirClient, options: RequestOptions & { patientId: string }): Promise<InsurancePlan[]> {
  const page = await client.search('Coverage', { beneficiary: `Patient/${options.patientId}`, status: 'active', _include: 'Coverage:payor' }, options);
  const payers = new Map((page.included as Resource[]).filter((r): r is Organization => r.resourceType === 'Organization').map((o) => [`Organization/${o.id}`, o.name]));
  return (page.resources as Coverage[])
    .map((coverage, index) => {
      const classOf = (code: string) => coverage.class?.find((c) => c.type?.coding?.some((coding) => coding.code === code));
      const payerRef = coverage.payor?.[0];
      return {
        coverage,
        order: coverage.order ?? index + 1,
        payer: (payerRef?.reference && payers.get(payerRef.reference)) || payerRef?.display,
        plan: classOf('plan')?.name ?? classOf('plan')?.value ?? coverage.network,
        group: classOf('group')?.value,
        memberId: coverage.identifier?.[0]?.value ?? coverage.subscriberId,
        subscriber: coverage.subscriber?.display,
        subscriberId: coverage.subscriberId,
        period: coverage.period,
      } satisfies InsurancePlan;
    })
    .sort((a, b) => a.order - b.order);
}
