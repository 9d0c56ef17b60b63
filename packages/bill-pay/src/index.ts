export { BillPay, BILL_PAY_VIEWS, type BillPayView } from './bill-pay/bill-pay.js';
export { loadChargeItems, loadInsurance, loadStatements, STATEMENT_PAGE, type InsurancePlan } from './billing/read-billing.js';
export { minorDigits, parseAmount, toMinor, toMoney, type AmountProblem, type MinorAmount } from './model/money.js';
export { balanceOf, PAYMENT_ID_SYSTEM, paymentsOf, statementsOf, type PaymentRecord, type PricePart, type Statement, type StatementLine, type StatementState } from './model/statements.js';
export { BILL_PAY_SCOPES } from './scopes.js';
export { BILL_PAY_TERMS, type BillPayTerms } from './i18n/terms.js';
