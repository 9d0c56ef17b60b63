import { html, nothing } from 'lit';
import type { ExplanationOfBenefit } from 'fhir/r4';
import { displayConcept, renderDataText, renderEmpty } from '@portico/core';
import type { InsurancePlan } from '../billing/read-billing.js';
import type { BillPayLocalize } from '../i18n/terms.js';
import { toMinor, toMoney } from '../model/money.js';
import type { PaymentRecord, Statement, StatementState } from '../model/statements.js';

const STATE_TERMS = { open: 'stateOpen', 'partly-paid': 'statePartlyPaid', paid: 'statePaid', cancelled: 'stateCancelled' } as const satisfies Record<StatementState, string>;

/** An amount in minor units, in the locale's words for the currency ("$1,234.50", "1234,50 US$"). */
export function money(localize: BillPayLocalize, minor: number, currency: string): string {
  return localize.money(toMoney({ minor, currency }));
}

/** What the patient owes now, by when, and on how many statements. */
export function renderBalance(localize: BillPayLocalize, balance: { owedMinor: number; currency: string; dueDate?: string; openStatements: number }) {
  if (!balance.owedMinor) return html`<section class="balance" part="balance"><p class="balance-none">${localize.term('nothingOwed')}</p></section>`;
  return html`<section class="balance" part="balance" aria-labelledby="balance-heading">
    <h3 id="balance-heading">${localize.term('amountDue')}</h3>
    <p class="balance-amount" part="balance-amount">${money(localize, balance.owedMinor, balance.currency)}</p>
    <p class="hint">${balance.dueDate ? html`${localize.term('dueBy', localize.fhirDate(balance.dueDate))} · ` : nothing}${localize.term('openStatements', balance.openStatements)}</p>
  </section>`;
}

/** The statements, newest first: date, number, where each stands, its total and what is left. */
export function renderStatementList(localize: BillPayLocalize, statements: readonly Statement[], onOpen: (statement: Statement) => void) {
  if (!statements.length) return renderEmpty({ heading: localize.term('noStatements') });
  return html`<ul class="statements" part="statements" role="list">
    ${statements.map(
      (s) => html`<li class="statement ${s.state}" part="statement statement-${s.state}" data-invoice-id=${s.id}>
        <button type="button" class="row-button" part="statement-button" @click=${() => onOpen(s)}>
          <span class="statement-top">
            <span class="statement-name">${s.number ? renderDataText(localize.term('statementNumber', s.number)) : localize.term('statementsTab')}</span>
            <span class="badge ${s.state}" part="state">${localize.term(STATE_TERMS[s.state])}${s.processingMinor ? html` · ${localize.term('processing')}` : nothing}</span>
          </span>
          <span class="hint">${s.date ? localize.fhirDate(s.date) : ''}</span>
          <span class="amounts">
            <span>${localize.term('total')}: ${money(localize, s.totalMinor, s.currency)}</span>
            ${s.owedMinor ? html`<strong>${localize.term('leftToPay')}: ${money(localize, s.owedMinor, s.currency)}</strong>` : nothing}
          </span>
        </button>
      </li>`,
    )}
  </ul>`;
}

/** One statement: each line with the charge, the adjustments and what insurance paid, the patient's share, and the payments on it. */
/** What the insurer said about the visit: what was billed, allowed and paid, in the insurer's categories, and its note. */
function renderExplanations(localize: BillPayLocalize, explanations: readonly ExplanationOfBenefit[], currency: string) {
  if (!explanations.length) return nothing;
  return html`<section class="explanations" part="explanation" aria-labelledby="explanation-heading">
    <h4 id="explanation-heading">${localize.term('fromInsurer')}</h4>
    ${explanations.map(
      (eob) => html`<dl class="totals">
          ${(eob.total ?? []).map((total) => {
            const amount = toMinor(total.amount, currency);
            const label = displayConcept(total.category, '', localize.lang());
            return amount && label ? html`<div><dt>${renderDataText(label)}</dt><dd>${money(localize, amount.minor, amount.currency)}</dd></div>` : nothing;
          })}
        </dl>
        ${(eob.processNote ?? []).map((note) => (note.text ? html`<p class="hint">${renderDataText(note.text)}</p>` : nothing))}`,
    )}
  </section>`;
}

export function renderStatement(localize: BillPayLocalize, statement: Statement, options: { onBack: () => void; onPrint: () => void; loadingLines: boolean; explanations: readonly ExplanationOfBenefit[] }) {
  const { currency } = statement;
  return html`<section class="statement-detail" part="statement-detail" aria-labelledby="statement-heading">
    <div class="statement-actions">
      <button type="button" part="back-button" @click=${options.onBack}>${localize.term('allStatements')}</button>
      <button type="button" part="print-button" @click=${options.onPrint}>${localize.term('printStatement')}</button>
    </div>
    <h3 id="statement-heading" tabindex="-1" data-focus-target>${statement.number ? renderDataText(localize.term('statementNumber', statement.number)) : localize.term('statementsTab')}</h3>
    <p class="hint">${statement.date ? localize.fhirDate(statement.date) : ''} · ${localize.term(STATE_TERMS[statement.state])}${statement.dueDate && statement.owedMinor ? html` · ${localize.term('dueBy', localize.fhirDate(statement.dueDate))}` : nothing}</p>
    <ol class="lines" part="lines">
      ${statement.lines.map((line) => {
        const who = line.chargeItem?.performer?.[0]?.actor?.display;
        const when = line.chargeItem?.occurrenceDateTime ?? line.chargeItem?.occurrencePeriod?.start;
        return html`<li class="line" part="line">
          <p class="line-name">${renderDataText(line.description ?? localize.term('service'))}</p>
          ${when || who ? html`<p class="hint">${when ? localize.fhirDate(when) : ''}${when && who ? ' · ' : ''}${who ? renderDataText(who) : ''}</p>` : nothing}
          <dl class="parts">
            ${line.parts.map(
              (part) => html`<div class="part ${part.counts}"><dt>${part.label ? renderDataText(part.label) : localize.term(part.type === 'base' ? 'charge' : 'adjustment')}</dt>
                <dd>${money(localize, part.counts === 'subtracts' ? -part.minor : part.minor, currency)}</dd></div>`,
            )}
            <div class="part share"><dt>${localize.term('yourShare')}</dt><dd>${money(localize, line.patientShare, currency)}</dd></div>
          </dl>
        </li>`;
      })}
    </ol>
    ${options.loadingLines ? html`<p class="hint" role="status">${localize.term('loadingBilling')}</p>` : nothing}
    <dl class="totals" part="totals">
      <div><dt>${localize.term('total')}</dt><dd>${money(localize, statement.totalMinor, currency)}</dd></div>
      ${statement.paidMinor ? html`<div><dt>${localize.term('paidSoFar')}</dt><dd>${money(localize, statement.paidMinor, currency)}</dd></div>` : nothing}
      ${statement.processingMinor ? html`<div><dt>${localize.term('processing')}</dt><dd>${money(localize, statement.processingMinor, currency)}</dd></div>` : nothing}
      <div class="owed"><dt>${localize.term('leftToPay')}</dt><dd>${money(localize, statement.owedMinor, currency)}</dd></div>
    </dl>
    ${renderExplanations(localize, options.explanations, currency)}
    ${statement.payments.length
      ? html`<h4>${localize.term('paymentsOnStatement')}</h4>${renderPaymentList(localize, statement.payments, () => [])}`
      : nothing}
  </section>`;
}

/** The patient's insurance, primary first, readable at the front desk. */
export function renderInsurance(localize: BillPayLocalize, plans: readonly InsurancePlan[]) {
  if (!plans.length) return renderEmpty({ heading: localize.term('noInsurance') });
  const fact = (label: string, value: string | undefined) => (value ? html`<div><dt>${label}</dt><dd>${renderDataText(value)}</dd></div>` : nothing);
  return html`<ul class="plans" part="insurance" role="list">
    ${plans.map(
      (plan) => html`<li class="plan" part="plan">
        <h3>${localize.term('coverageOrder', plan.order)}</h3>
        <dl>
          ${fact(localize.term('payer'), plan.payer)} ${fact(localize.term('plan'), plan.plan)} ${fact(localize.term('memberId'), plan.memberId)}
          ${fact(localize.term('groupNumber'), plan.group)} ${fact(localize.term('subscriber'), plan.subscriber)}
          ${plan.period?.start || plan.period?.end
            ? fact(localize.term('coveragePeriod'), [plan.period.start ? localize.fhirDate(plan.period.start) : '', plan.period.end ? localize.fhirDate(plan.period.end) : ''].join(' – '))
            : nothing}
        </dl>
      </li>`,
    )}
  </ul>`;
}

/** Payments as the server recorded them, newest first: when, how much, how, for which statements, and whether settled; a settled one opens its receipt. */
export function renderPaymentList(localize: BillPayLocalize, payments: readonly PaymentRecord[], statementNames: (payment: PaymentRecord) => string[], onOpen?: (payment: PaymentRecord) => void) {
  if (!payments.length) return renderEmpty({ heading: localize.term('noPayments') });
  return html`<ul class="payments" part="payments" role="list">
    ${payments.map((p) => {
      const names = statementNames(p);
      const facts = html`<span class="payment-top"><strong>${money(localize, p.minor, p.currency)}</strong><span class="hint">${p.date ? localize.fhirDate(p.date) : ''}</span></span>
        ${p.method ? html`<span class="hint">${renderDataText(p.method)}</span>` : nothing}
        ${names.length ? html`<span class="hint">${renderDataText(localize.term('paymentFor', names.join(', ')))}</span>` : nothing}
        ${p.state === 'processing' ? html`<span class="badge processing" part="state">${localize.term('paymentProcessing')}</span>` : p.state === 'failed' ? html`<span class="badge failed" part="state">${localize.term('paymentFailed')}</span>` : nothing}`;
      return html`<li class="payment" part="payment" data-payment-id=${p.id}>
        ${onOpen && p.state === 'complete' ? html`<button type="button" class="row-button" part="payment-button" @click=${() => onOpen(p)}>${facts}</button>` : facts}
      </li>`;
    })}
  </ul>`;
}

/** A payment's receipt: how much, when, how, for which statements, and the reference the processor and the hospital know it by. */
export function renderReceipt(localize: BillPayLocalize, receipt: PaymentRecord, options: { heading: string; statementName: (id: string) => string; actions: unknown }) {
  const names = [...receipt.toStatements.keys()].map(options.statementName);
  return html`<section class="receipt" part="receipt" aria-labelledby="receipt-heading">
    <h3 id="receipt-heading" tabindex="-1" data-focus-target>${options.heading}</h3>
    <dl class="totals">
      <div class="owed"><dt>${localize.term('amountLabel')}</dt><dd part="receipt-amount">${money(localize, receipt.minor, receipt.currency)}</dd></div>
      ${receipt.date ? html`<div><dt>${localize.term('paidOn')}</dt><dd>${localize.fhirDate(receipt.date)}</dd></div>` : nothing}
      ${receipt.method ? html`<div><dt>${localize.term('method')}</dt><dd>${renderDataText(receipt.method)}</dd></div>` : nothing}
      ${names.length ? html`<div><dt>${localize.term('statementsTab')}</dt><dd>${renderDataText(names.join(', '))}</dd></div>` : nothing}
      ${receipt.paymentId ? html`<div><dt>${localize.term('reference')}</dt><dd><bdi>${receipt.paymentId}</bdi></dd></div>` : nothing}
    </dl>
    <div class="statement-actions">${options.actions}</div>
  </section>`;
}
