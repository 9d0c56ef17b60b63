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
