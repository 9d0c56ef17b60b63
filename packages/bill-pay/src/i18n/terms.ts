import type { LocalizeController, TermPack } from '@portico/core';
import en from './en.js';

/** The words <bill-pay> adds to core's catalogue (shared terms such as "Try again" stay in core). */
export interface BillPayTerms {
  billing: string;
  loadingBilling: string;
  signInToPay: string;
  amountDue: string;
  dueBy: (date: string) => string;
  nothingOwed: string;
  openStatements: (count: number) => string;
  statementsTab: string;
  insuranceTab: string;
  paymentsTab: string;
  statementNumber: (number: string) => string;
  stateOpen: string;
  statePartlyPaid: string;
  statePaid: string;
  stateCancelled: string;
  processing: string;
  total: string;
  leftToPay: string;
  paidSoFar: string;
  allStatements: string;
  service: string;
  charge: string;
  yourShare: string;
  adjustment: string;
  noStatements: string;
  noInsurance: string;
  coverageOrder: (order: number) => string;
  payer: string;
  plan: string;
  memberId: string;
  groupNumber: string;
  subscriber: string;
  coveragePeriod: string;
  noPayments: string;
  paymentFor: (statements: string) => string;
  paymentProcessing: string;
  paymentFailed: string;
  paymentsOnStatement: string;
  pay: string;
  payWhat: string;
  payBalance: (amount: string) => string;
  payStatement: string;
  payOther: string;
  amountLabel: string;
  amountEmpty: string;
  amountInvalid: string;
  amountTooManyDecimals: string;
  amountZero: string;
  amountNegative: string;
  amountOver: (max: string) => string;
  payAmount: (amount: string) => string;
  processorNote: string;
  openingPayment: string;
  checkingPayment: string;
  paymentStillProcessing: string;
  receiptHeading: string;
  reference: string;
  paidOn: string;
  method: string;
  notCompleted: string;
  notYet: string;
  checkAgain: string;
  backToBill: string;
  payUnavailable: string;
  callToPay: (phone: string) => string;
  needHelp: string;
  requestItemized: string;
  questionCharge: string;
  financialAssistance: string;
  fromInsurer: string;
  printStatement: string;
  receipt: string;
  allPayments: string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const BILL_PAY_TERMS: TermPack<BillPayTerms> = {
  en,
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type BillPayLocalize = LocalizeController<BillPayTerms>;
