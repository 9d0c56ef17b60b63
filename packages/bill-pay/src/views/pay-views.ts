import { html, nothing } from 'lit';
import type { BillPayLocalize, BillPayTerms } from '../i18n/terms.js';
import type { AmountProblem } from '../model/money.js';
import type { PaymentRecord, Statement } from '../model/statements.js';
import type { PaymentStage } from '../payments/payment-flow.js';
import { money, renderReceipt } from './billing-views.js';

/** What the patient chose to pay: everything owed, one statement, or an amount they type. */
export type PayChoice = 'balance' | 'statement' | 'other';

export interface PayFormState {
  choice: PayChoice;
  statementId?: string;
  typed: string;
  /** What is wrong with the typed amount, once they tried to pay it. */
  problem?: AmountProblem;
}

const PROBLEM_TERMS = {
  empty: 'amountEmpty',
  invalid: 'amountInvalid',
  'too-many-decimals': 'amountTooManyDecimals',
  zero: 'amountZero',
  negative: 'amountNegative',
  over: 'amountOver',
} as const satisfies Record<AmountProblem, keyof BillPayTerms>;

export interface PayFormOptions {
  open: readonly Statement[];
  owedMinor: number;
  currency: string;
  /** The amount that would be paid now, when it is known and valid. */
  amountMinor?: number;
  busy: boolean;
  onChange(changes: Partial<PayFormState>): void;
  onPay(): void;
}

/** Pay the full balance, one statement or another amount (checked before anything is sent), then the processor's page. */
export function renderPayForm(localize: BillPayLocalize, form: PayFormState, options: PayFormOptions) {
  const { currency } = options;
  const problem = form.problem;
  const radio = (choice: PayChoice, label: unknown) => html`<label class="check"><input type="radio" name="pay-choice" value=${choice} .checked=${form.choice === choice} @change=${() => options.onChange({ choice, problem: undefined })} /> ${label}</label>`;
  return html`<form class="pay" part="pay-form" aria-labelledby="pay-heading" novalidate @submit=${(event: Event) => {
    event.preventDefault();
    options.onPay();
  }}>
    <fieldset>
      <legend id="pay-heading">${localize.term('payWhat')}</legend>
      ${radio('balance', localize.term('payBalance', money(localize, options.owedMinor, currency)))}
      ${options.open.length > 1
        ? html`${radio('statement', localize.term('payStatement'))}
          ${form.choice === 'statement'
            ? html`<select part="statement-choice" aria-label=${localize.term('payStatement')} @change=${(e: Event) => options.onChange({ statementId: (e.target as HTMLSelectElement).value })}>
                ${options.open.map((s) => html`<option value=${s.id} ?selected=${(form.statementId ?? options.open[0]!.id) === s.id}>${s.number ? localize.term('statementNumber', s.number) : s.id} · ${money(localize, s.owedMinor, currency)}</option>`)}
              </select>`
            : nothing}`
        : nothing}
      ${radio('other', localize.term('payOther'))}
      ${form.choice === 'other'
        ? html`<label class="field"><span>${localize.term('amountLabel')}</span>
            <input part="amount-input" inputmode="decimal" autocomplete="off" .value=${form.typed} aria-invalid=${problem ? 'true' : 'false'} aria-describedby="amount-problem"
              @input=${(e: Event) => options.onChange({ typed: (e.target as HTMLInputElement).value, problem: undefined })} /></label>
          <p id="amount-problem" class="notice error" part="amount-problem" role=${problem ? 'alert' : 'none'}>${problem ? (problem === 'over' ? localize.term('amountOver', money(localize, options.owedMinor, currency)) : localize.term(PROBLEM_TERMS[problem])) : ''}</p>`
        : nothing}
    </fieldset>
    <p class="hint">${localize.term('processorNote')}</p>
    <button type="submit" class="primary" part="pay-button" aria-disabled=${options.busy ? 'true' : 'false'}>
      ${options.busy ? localize.term('openingPayment') : options.amountMinor ? localize.term('payAmount', money(localize, options.amountMinor, currency)) : localize.term('pay')}
    </button>
  </form>`;
}

/** Where a payment the patient started stands: checking, processing, the receipt, not completed, not heard of yet. */
export function renderPaymentStage(localize: BillPayLocalize, stage: PaymentStage, options: { receipt?: PaymentRecord; error?: string; statementName: (id: string) => string; onCheckAgain(): void; onDone(): void }) {
  switch (stage) {
    case 'checking':
      return html`<p class="stage" part="payment-stage" role="status">${localize.term('checkingPayment')}</p>`;
    case 'processing':
      return html`<p class="stage" part="payment-stage payment-processing" role="status">${localize.term('paymentStillProcessing')}</p>`;
    case 'receipt':
      return renderReceipt(localize, options.receipt!, {
        heading: localize.term('receiptHeading'),
        statementName: options.statementName,
        actions: html`<button type="button" @click=${options.onDone}>${localize.term('backToBill')}</button>`,
      });
    case 'not-completed':
      return html`<div class="stage" part="payment-stage payment-not-completed" role="alert"><p>${localize.term('notCompleted')}</p><button type="button" @click=${options.onDone}>${localize.term('backToBill')}</button></div>`;
    case 'not-yet':
      return html`<div class="stage" part="payment-stage" role="status"><p>${localize.term('notYet')}</p><button type="button" @click=${options.onCheckAgain}>${localize.term('checkAgain')}</button></div>`;
    case 'failed-to-start':
      return html`<div class="stage" part="payment-stage" role="alert"><p>${options.error}</p><button type="button" @click=${options.onDone}>${localize.term('backToBill')}</button></div>`;
    default:
      return nothing;
  }
}
