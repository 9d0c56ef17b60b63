import type { ChargeItem } from 'fhir/r4';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  canNavigate,
  LocalizeController,
  navigate,
  renderError,
  renderSkeleton,
  renderUntilReady,
  renderViewingFor,
  resolveHostService,
  SessionController,
  controlStyles,
  stateStyles,
  offscreenStyles, themeStyles,
  type FhirClient,
  type HostService,
} from '@portico/core';
import { loadChargeItems, loadExplanations, loadInsurance, loadStatements } from '../billing/read-billing.js';
import { BILL_PAY_TERMS, type BillPayTerms } from '../i18n/terms.js';
import { parseAmount } from '../model/money.js';
import { balanceOf, statementsOf, type PaymentRecord, type Statement } from '../model/statements.js';
import { PaymentFlow } from '../payments/payment-flow.js';
import { hostedPageProcessor, type PaymentProcessor } from '../payments/payment-processor.js';
import { renderPayForm, renderPaymentStage, type PayFormState } from '../views/pay-views.js';
import { BILL_PAY_SCOPES } from '../scopes.js';
import { renderBalance, renderInsurance, renderPaymentList, renderReceipt, renderStatement, renderStatementList } from '../views/billing-views.js';
import { PorticoPaymentStartEvent } from '../events.js';
import { billPayStyles } from './bill-pay.styles.js';

/** The views of the element: statements (with the balance), insurance, payment history. */
export const BILL_PAY_VIEWS = ['statements', 'insurance', 'payments'] as const;
export type BillPayView = (typeof BILL_PAY_VIEWS)[number];

const VIEW_TERMS = { statements: 'statementsTab', insurance: 'insuranceTab', payments: 'paymentsTab' } as const satisfies Record<BillPayView, keyof BillPayTerms>;

/**
 * What the patient owes and why: the amount due and by when, the statements newest first (each with
 * its lines, what insurance paid and what is left), the patient's insurance, and the payments the
 * hospital recorded. Two requests side by side for the first screen (statements and payments).
 *
 * @summary Balance, statements, insurance and payments.
 *
 * @csspart balance - The amount due, its due date and how many statements are open.
 * @csspart balance-amount - The amount due.
 * @csspart tabs - Statements, Insurance, Payments.
 * @csspart statements - The list of statements.
 * @csspart statement - One statement in the list (see also `statement-open`, `statement-partly-paid`, `statement-paid`, `statement-cancelled`).
 * @csspart statement-button - The button that opens a statement.
 * @csspart state - Where a statement or payment stands ("Partly paid", "Processing").
 * @csspart statement-detail - An open statement.
 * @csspart back-button - "All statements".
 * @csspart print-button - "Print or save as PDF": the browser's print of the statement (the element prints only the statement; the host page's own print styles decide the rest of the page).
 * @csspart lines - A statement's lines.
 * @csspart line - One line: the service, the charge, adjustments, what insurance paid, the patient's share.
 * @csspart totals - A statement's total, what was paid and what is left.
 * @csspart insurance - The patient's insurance plans.
 * @csspart plan - One plan.
 * @csspart payments - The payments recorded.
 * @csspart payment - One payment.
 * @csspart explanation - What the insurer said about the visit (ExplanationOfBenefit), marked not a bill.
 * @csspart pay-unavailable - Where online payment is not available: how to pay by phone.
 * @csspart pay-open-button - "Pay", beside the amount due.
 * @csspart pay-form - What to pay: the balance, one statement or another amount.
 * @csspart statement-choice - The statement to pay.
 * @csspart amount-input - Another amount.
 * @csspart amount-problem - What is wrong with the amount typed.
 * @csspart pay-button - "Pay $45.20": goes to the processor's page.
 * @csspart payment-stage - Checking, processing, not completed, not heard of yet (see also `payment-processing`, `payment-not-completed`).
 * @csspart payment-processing - A payment still settling.
 * @csspart payment-not-completed - A payment not completed (nothing was charged).
 * @csspart receipt - The receipt of a recorded payment: after paying, or opened from the payment history.
 * @csspart receipt-amount - The amount on a receipt.
 * @csspart payment-button - A settled payment in the history: opens its receipt.
 * @csspart help - Help with a bill: an itemized bill, a question about a charge, financial assistance.
 *
 * @fires {PorticoPaymentStartEvent} portico-payment-start - The patient is about to go to the processor's payment page; detail `{ url }`. Cancel it to go there your own way.
 * @fires {PorticoNavigateEvent} portico-navigate - A request for help with a bill; detail `{ target: 'message-inbox', params: { topic: 'billing', subject } }`.
 *
 * @slot processor - Where a processor whose card fields must live in the page mounts its component (light DOM).
 */
export class BillPay extends LitElement {
  /** The SMART scopes it needs, all read-only (`portal-session` asks for them). */
  static readonly scopes = BILL_PAY_SCOPES;
  static override styles = [themeStyles, offscreenStyles, stateStyles, controlStyles, billPayStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController<BillPayTerms>(this, { locale: () => this.session.locale, terms: BILL_PAY_TERMS });

  /** The statements with what was paid on each (two requests side by side). */
  private readonly statements = new Task(this, {
    task: async ([client, patientId], { signal }) => (client && patientId ? loadStatements(client, { patientId, signal }) : undefined),
    args: () => [this.session.client, this.session.patientId] as const,
  });

  /** The insurance, read the first time its view is shown. */
  private readonly insurance = new Task(this, {
    task: async ([client, patientId, shown], { signal }) => (client && patientId && shown ? loadInsurance(client, { patientId, signal }) : undefined),
    args: () => [this.session.client, this.session.patientId, this.view === 'insurance'] as const,
  });

  /** The open statement's lines with their dates of service and providers, and what the insurer said (read when it is opened). */
  private readonly lines = new Task(this, {
    task: async ([client, patientId, statement], { signal }) => {
      if (!client || !patientId || !statement) return undefined;
      const ids = (statement.invoice.lineItem ?? []).map((item) => item.chargeItemReference?.reference?.split('/').pop()).filter((id): id is string => !!id);
      const charges: Map<string, ChargeItem> = await loadChargeItems(client, ids, { signal }).catch(() => new Map());
      const encounters = [...charges.values()].map((c) => c.context?.reference).filter((r): r is string => !!r && r.startsWith('Encounter/'));
      const explanations = await loadExplanations(client, encounters, { patientId, signal }).catch(() => []);
      return { statement: statementsOf([statement.invoice], statement.payments, charges)[0]!, explanations };
    },
    args: () => [this.session.client, this.session.patientId, this.openStatement] as const,
  });

  /** The payment processor: the host's own, else the hosted page behind `processor-url`. */
  private readonly payments = new Task(this, {
    task: async ([client, own, url]): Promise<PaymentProcessor | undefined> => {
      if (!client) return undefined;
      return (await resolveHostService(own, client)) ?? (url ? hostedPageProcessor(url) : undefined);
    },
    args: () => [this.session.client, this.processor ?? this.session.service<PaymentProcessor>('payments'), this.processorUrl] as const,
  });

  /** A payment the patient started, from Pay to the receipt. */
  private readonly flow = new PaymentFlow(this, {
    session: this.session,
    processor: () => this.payments.value,
    slot: () => this.processorSlot(),
    returnUrl: () => location.href,
    go: (url) => {
      // A host that routes itself (or opens the page its own way) cancels the event and goes there.
      if (this.dispatchEvent(new PorticoPaymentStartEvent({ url }))) location.assign(url);
    },
    recorded: () => void this.statements.run(),
    describe: (error) => (error instanceof Error && error.name === 'PaymentStartError' ? error.message : this.localize.errorMessage(error)),
  });

  @query('[data-focus-target]') private focusTarget?: HTMLElement | null;

  @state() private openStatement?: Statement;
  /** The payment whose receipt is open in the payment history. */
  @state() private openReceipt?: PaymentRecord;
  /** The pay form is open, and what is chosen in it. */
  @state() private paying = false;
  @state() private payForm: PayFormState = { choice: 'balance', typed: '' };

  /**
   * The hospital's payments backend for a processor's hosted payment page (`POST {processor-url}/checkout-sessions`);
   * see the README for what it must do. Without it (or `.processor`), the element says how to pay by phone.
   */
  @property({ attribute: 'processor-url' }) processorUrl = '';

  /**
   * The host's own payment processor (`begin`, `resume`, `status`), or a function making one for the signed-in
   * client; also read from the session's `services.payments`. This property wins.
   */
  @property({ attribute: false }) processor?: HostService<PaymentProcessor>;

  /** The billing office's phone, said where online payment is not available. */
  @property({ attribute: 'billing-phone' }) billingPhone = '';

  /** The hospital's page for billing questions, when the page has no message-inbox for them. */
  @property({ attribute: 'help-href' }) helpHref = '';

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose bills to show, without a portal-session (with `.client`). */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** The view shown: `statements` (default, with the balance), `insurance` or `payments`. */
  @property({ reflect: true }) view: BillPayView = 'statements';

  protected override updated(): void {
    // A payment on its way (back from the processor, or a reload): its outcome is read once the bills are.
    if (this.statements.value && this.flow.stage === 'idle') this.flow.resume();
  }

  /** The light-DOM element a processor's own component is mounted in. */
  private processorSlot(): HTMLElement {
    let slot = this.querySelector<HTMLElement>(':scope > [slot="processor"]');
    if (!slot) {
      slot = document.createElement('div');
      slot.slot = 'processor';
      this.append(slot);
    }
    return slot;
  }

  /** Pays what the form says, once it is a valid amount. */
  private pay(statements: readonly Statement[]): void {
    const open = statements.filter((s) => s.owedMinor > 0);
    const balance = balanceOf(statements);
    const form = this.payForm;
    let minor = balance.owedMinor;
    let invoices = open.map((s) => `Invoice/${s.id}`);
    if (form.choice === 'statement') {
      const chosen = open.find((s) => s.id === form.statementId) ?? open[0];
      if (!chosen) return;
      minor = chosen.owedMinor;
      invoices = [`Invoice/${chosen.id}`];
    } else if (form.choice === 'other') {
      const parsed = parseAmount(form.typed, { locale: this.localize.lang(), currency: balance.currency, owed: balance.owedMinor });
      if ('problem' in parsed) {
        this.payForm = { ...form, problem: parsed.problem };
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="amount-input"]')?.focus());
        return;
      }
      minor = parsed.minor;
    }
    void this.flow.start({ minor, currency: balance.currency }, invoices);
  }

  /** Help with a bill: in the page's message inbox (topic billing), else the hospital's page for it. */
  private renderHelp() {
    const inbox = canNavigate(this, 'message-inbox');
    if (!inbox && !this.helpHref) return nothing;
    const ask = (subjectTerm: 'requestItemized' | 'questionCharge' | 'financialAssistance') =>
      inbox
        ? html`<li><button type="button" class="link" @click=${() => void navigate(this, 'message-inbox', { topic: 'billing', subject: this.localize.term(subjectTerm) })}>${this.localize.term(subjectTerm)}</button></li>`
        : html`<li><a class="action-link" href=${this.helpHref}>${this.localize.term(subjectTerm)}</a></li>`;
    return html`<section class="help" part="help" aria-labelledby="help-heading"><h4 id="help-heading">${this.localize.term('needHelp')}</h4>
      <ul>${ask('requestItemized')} ${ask('questionCharge')} ${ask('financialAssistance')}</ul></section>`;
  }

  /** Paying: the stage of a payment on its way, else "Pay" and its form, else how to pay by phone. */
  private renderPaying(statements: readonly Statement[]) {
    const { localize } = this;
    const names = new Map(statements.map((s) => [s.id, s.number ?? s.id]));
    if (this.flow.stage !== 'idle' && this.flow.stage !== 'starting') {
      return renderPaymentStage(localize, this.flow.stage, {
        receipt: this.flow.receipt,
        error: this.flow.error,
        statementName: (id) => names.get(id) ?? id,
        onCheckAgain: () => this.flow.checkAgain(),
        onDone: () => {
          this.flow.done();
          this.paying = false;
        },
      });
    }
    const balance = balanceOf(statements);
    if (!balance.owedMinor) return nothing;
    if (!this.payments.value) {
      return this.payments.status === TaskStatus.INITIAL || this.payments.status === TaskStatus.PENDING
        ? nothing
        : html`<p class="notice" part="pay-unavailable">${localize.term('payUnavailable')} ${this.billingPhone ? localize.term('callToPay', this.billingPhone) : nothing}</p>`;
    }
    if (!this.paying) return html`<button type="button" class="primary" part="pay-open-button" @click=${() => (this.paying = true)}>${localize.term('pay')}</button>`;
    const open = statements.filter((s) => s.owedMinor > 0);
    const form = this.payForm;
    const chosen = form.choice === 'statement' ? (open.find((s) => s.id === form.statementId) ?? open[0]) : undefined;
    const typed = form.choice === 'other' ? parseAmount(form.typed, { locale: localize.lang(), currency: balance.currency, owed: balance.owedMinor }) : undefined;
    const amountMinor = form.choice === 'balance' ? balance.owedMinor : chosen ? chosen.owedMinor : typed && 'minor' in typed ? typed.minor : undefined;
    return renderPayForm(localize, form, {
      open,
      owedMinor: balance.owedMinor,
      currency: balance.currency,
      amountMinor,
      busy: this.flow.stage === 'starting',
      onChange: (changes) => (this.payForm = { ...this.payForm, ...changes }),
      onPay: () => this.pay(statements),
    });
  }

  private show(view: BillPayView): void {
    this.view = view;
    this.openStatement = undefined;
    this.openReceipt = undefined;
  }

  /** Opens a statement or a receipt and puts focus on its heading. */
  private async openDetail(change: () => void): Promise<void> {
    change();
    await this.updateComplete;
    this.focusTarget?.focus();
  }

  /** Back from a statement or a receipt to the list, with focus on the row it was opened from. */
  private async closeDetail(row: string): Promise<void> {
    this.openStatement = undefined;
    this.openReceipt = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`${row} button`)?.focus();
  }

  protected override render() {
    const gate = renderUntilReady(this.session, { message: this.localize.term('signInToPay'), signInLabel: this.localize.term('signIn'), loadingLabel: this.localize.term('loadingBilling') });
    if (gate) return gate;
    return html`<section class="bill-pay" dir=${this.localize.dir()} aria-labelledby="billing-heading">
      <h2 id="billing-heading">${this.localize.term('billing')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
      <div class="tabs" part="tabs" role="group" aria-label=${this.localize.term('billing')}>
        ${BILL_PAY_VIEWS.map((view) => html`<button type="button" aria-pressed=${this.view === view ? 'true' : 'false'} @click=${() => this.show(view)}>${this.localize.term(VIEW_TERMS[view])}</button>`)}
      </div>
      ${this.view === 'insurance' ? this.renderInsuranceView() : this.renderStatementsView()}
      <slot name="processor"></slot>
    </section>`;
  }

  private failure(error: unknown, retry: () => void) {
    return this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(error), onRetry: retry, retryLabel: this.localize.term('retry') });
  }

  private renderStatementsView() {
    const loading = () => renderSkeleton({ label: this.localize.term('loadingBilling'), lines: 4 });
    return this.statements.render({
      initial: loading,
      pending: loading,
      error: (error) => this.failure(error, () => void this.statements.run()),
      complete: (statements) => {
        if (!statements) return nothing;
        if (this.view === 'payments') {
          const names = new Map(statements.map((s) => [s.id, s.number ?? s.id]));
          const payments = [...new Map(statements.flatMap((s) => s.payments).map((p) => [p.id, p])).values()].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
          const receipt = this.openReceipt;
          if (receipt) {
            return renderReceipt(this.localize, receipt, {
              heading: this.localize.term('receipt'),
              statementName: (id) => names.get(id) ?? id,
              actions: html`<button type="button" part="back-button" @click=${() => void this.closeDetail(`[data-payment-id="${CSS.escape(receipt.id)}"]`)}>${this.localize.term('allPayments')}</button>
                <button type="button" part="print-button" @click=${() => window.print()}>${this.localize.term('printStatement')}</button>`,
            });
          }
          return renderPaymentList(
            this.localize,
            payments,
            (p) => [...p.toStatements.keys()].map((id) => names.get(id) ?? id),
            (p) => void this.openDetail(() => (this.openReceipt = p)),
          );
        }
        if (this.openStatement) {
          return renderStatement(this.localize, this.lines.value?.statement ?? this.openStatement, {
            onBack: () => void this.closeDetail(`[data-invoice-id="${CSS.escape(this.openStatement!.id)}"]`),
            // The browser's print, which also saves as PDF; the element's print styles leave only the statement.
            onPrint: () => window.print(),
            loadingLines: !this.lines.value,
            explanations: this.lines.value?.explanations ?? [],
          });
        }
        return html`${renderBalance(this.localize, balanceOf(statements))} ${this.renderPaying(statements)}
          ${renderStatementList(this.localize, statements, (s) => void this.openDetail(() => (this.openStatement = s)))} ${this.renderHelp()}`;
      },
    });
  }

  private renderInsuranceView() {
    const loading = () => renderSkeleton({ label: this.localize.term('loadingBilling'), lines: 3 });
    return this.insurance.render({
      initial: loading,
      pending: loading,
      error: (error) => this.failure(error, () => void this.insurance.run()),
      complete: (plans) => (plans ? renderInsurance(this.localize, plans) : loading()),
    });
  }
}
