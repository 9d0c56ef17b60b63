import type { EarlySearch, FirstSearches } from '@portico/core';

/**
 * The SMART scopes `<bill-pay>` needs: statements and their lines, the account and insurance, the
 * insurer's explanations and the payments recorded. All read-only: a payment is recorded by the
 * hospital's backend when the processor tells it, never by the browser.
 */
export const BILL_PAY_SCOPES = [
  'patient/Invoice.rs',
  'patient/ChargeItem.rs',
  'patient/Account.rs',
  'patient/Coverage.rs',
  'patient/ExplanationOfBenefit.rs',
  'patient/PaymentReconciliation.rs',
  'patient/PaymentNotice.rs',
  'patient/Organization.rs',
] as const;

/** Statements read in the first request: years of visits for most patients. */
export const STATEMENT_PAGE = 50;

/** The first screen's searches: the statements (Invoices, newest first) and the payments recorded for them. */
export function statementSearches(patientId: string) {
  return [
    { resourceType: 'Invoice', params: { subject: `Patient/${patientId}`, _sort: '-date', _count: STATEMENT_PAGE } },
    { resourceType: 'PaymentReconciliation', params: { _sort: '-created', _count: 100 } },
  ] as const satisfies readonly EarlySearch[];
}

/** What `<bill-pay>` searches for its first screen, for the session to send while its code loads. */
export const BILL_PAY_FIRST_SEARCHES: FirstSearches = (_element, patientId) => statementSearches(patientId);
