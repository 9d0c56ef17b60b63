import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LocalizeController, renderError, renderSkeleton, renderUntilReady, renderViewingFor, SessionController, controlStyles, stateStyles, themeStyles, type FhirClient } from '@portico/core';
import { loadChargeItems, loadInsurance, loadStatements } from '../billing/read-billing.js';
import { BILL_PAY_TERMS, type BillPayTerms } from '../i18n/terms.js';
import { balanceOf, statementsOf, type Statement } from '../model/statements.js';
import { BILL_PAY_SCOPES } from '../scopes.js';
import { renderBalance, renderInsurance, renderPaymentList, renderStatement, renderStatementList } from '../views/billing-views.js';
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
 * @csspart lines - A statement's lines.
 * @csspart line - One line: the service, the charge, adjustments, what insurance paid, the patient's share.
 * @csspart totals - A statement's total, what was paid and what is left.
 * @csspart insurance - The patient's insurance plans.
 * @csspart plan - One plan.
 * @csspart payments - The payments recorded.
 * @csspart payment - One payment.
 */
export class BillPay extends LitElement {
  /** The SMART scopes it needs, all read-only (`portal-session` asks for them). */
  static readonly scopes = BILL_PAY_SCOPES;
  static override styles = [themeStyles, stateStyles, controlStyles, billPayStyles];

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

  /** The open statement's lines with their dates of service and providers (read when it is opened). */
  private readonly lines = new Task(this, {
    task: async ([client, statement], { signal }) => {
      if (!client || !statement) return undefined;
      const ids = (statement.invoice.lineItem ?? []).map((item) => item.chargeItemReference?.reference?.split('/').pop()).filter((id): id is string => !!id);
      const charges = await loadChargeItems(client, ids, { signal }).catch(() => new Map());
      return statementsOf([statement.invoice], statement.payments, charges)[0];
    },
    args: () => [this.session.client, this.openStatement] as const,
  });

  @query('[data-focus-target]') private focusTarget?: HTMLElement | null;

  @state() private openStatement?: Statement;

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient whose bills to show, without a portal-session (with `.client`). */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** The view shown: `statements` (default, with the balance), `insurance` or `payments`. */
  @property({ reflect: true }) view: BillPayView = 'statements';

  private show(view: BillPayView): void {
    this.view = view;
    this.openStatement = undefined;
  }

  private async open(statement: Statement): Promise<void> {
    this.openStatement = statement;
    await this.updateComplete;
    this.focusTarget?.focus();
  }

  private async close(): Promise<void> {
    const id = this.openStatement?.id;
    this.openStatement = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-invoice-id="${CSS.escape(id ?? '')}"] button`)?.focus();
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
          return renderPaymentList(this.localize, payments, (p) => [...p.toStatements.keys()].map((id) => names.get(id) ?? id));
        }
        if (this.openStatement) {
          return renderStatement(this.localize, this.lines.value ?? this.openStatement, { onBack: () => void this.close(), loadingLines: !this.lines.value });
        }
        return html`${renderBalance(this.localize, balanceOf(statements))} ${renderStatementList(this.localize, statements, (s) => void this.open(s))}`;
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
