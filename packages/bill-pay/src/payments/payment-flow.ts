import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionController } from '@portico/core';
import type { MinorAmount } from '../model/money.js';
import type { PaymentRecord } from '../model/statements.js';
import { findPayment, newPaymentId, pendingPayments, type PendingPayment } from './pending-payment.js';
import { RETURN_PARAMS, type PaymentProcessor } from './payment-processor.js';

/** Where a payment the patient started stands, as the element shows it. */
export type PaymentStage = 'idle' | 'starting' | 'checking' | 'processing' | 'receipt' | 'not-completed' | 'not-yet' | 'failed-to-start';

export interface PaymentFlowPort {
  readonly session: SessionController;
  processor(): PaymentProcessor | undefined;
  /** The light-DOM element a processor's own component is mounted in. */
  slot(): HTMLElement;
  /** The address the processor sends the patient back to (this page). */
  returnUrl(): string;
  /** Leaves the page for the processor's (the default: `location.assign`). */
  go(url: string): void;
  /** The statements changed (a payment was recorded): read them again. */
  recorded(): void;
  /** Why a payment could not start, in the patient's words. */
  describe(error: unknown): string;
}

/** How often and how long to read the server for a payment's outcome. */
const CHECK_EVERY_MS = 1500;
const CHECKS_BEFORE_NOT_YET = 20;

/**
 * A payment from the patient pressing Pay to the receipt: a payment id made once and kept in the tab
 * through the processor's round trip (a second press, a reload or a retry sends the same id: one
 * charge), then the outcome read from the hospital's records and, while nothing is recorded, from the
 * processor's server; never from the return address.
 */
export class PaymentFlow implements ReactiveController {
  stage: PaymentStage = 'idle';
  receipt?: PaymentRecord;
  error?: string;
  pending?: PendingPayment;
  private timer?: ReturnType<typeof setTimeout>;
  /** The patient whose payment on its way was looked for on this page. */
  private resumedFor?: string;
  /** Reading stopped while the session is expired (no request would be answered). */
  private paused = false;
  private checks = 0;
  private request?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly port: PaymentFlowPort,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** After the patient signed in again (the session had expired while reading the outcome), reading goes on. */
  hostUpdated(): void {
    if ((this.stage === 'checking' || this.stage === 'processing') && this.paused && this.port.session.ready && !this.port.session.expired) {
      this.paused = false;
      void this.check();
    }
  }

  hostDisconnected(): void {
    this.stop();
  }

  /**
   * Picks up a payment on its way for this patient (after the processor sent the patient back, or a
   * reload): reads its outcome. A return address naming another payment is ignored.
   */
  resume(): void {
    const patientId = this.port.session.patientId;
    // Once per patient and page: a payment the patient just tried again here is not "picked up" again.
    if (!patientId || this.stage !== 'idle' || this.resumedFor === patientId) return;
    this.resumedFor = patientId;
    const pending = pendingPayments.read(patientId);
    this.clearReturnParams();
    if (!pending) return;
    this.pending = pending;
    this.startChecking();
  }

  /** Pays `amount` on `invoices`: the same payment id as a payment already on its way for them, else a new one. */
  async start(amount: MinorAmount, invoices: readonly string[]): Promise<void> {
    const { session } = this.port;
    const processor = this.port.processor();
    const client = session.client;
    const patientId = session.patientId;
    if (!processor || !client || !patientId || this.stage === 'starting') return;
    const kept = pendingPayments.read(patientId);
    const same = kept && kept.minor === amount.minor && kept.currency === amount.currency && kept.invoices.join() === invoices.join();
    const pending: PendingPayment = same ? kept : { paymentId: newPaymentId(), minor: amount.minor, currency: amount.currency, invoices: [...invoices], startedAt: Date.now() };
    pendingPayments.write(patientId, pending);
    this.pending = pending;
    this.set('starting');
    try {
      const started = await processor.begin({ paymentId: pending.paymentId, amount, invoices, patientId, returnUrl: this.port.returnUrl() }, { client, slot: this.port.slot() });
      if (started.paymentId && started.paymentId !== pending.paymentId) {
        // The same statements were already being paid (another tab): this is that payment.
        this.pending = { ...pending, paymentId: started.paymentId };
        pendingPayments.write(patientId, this.pending);
      }
      if ('redirect' in started) this.port.go(started.redirect);
      else this.startChecking();
    } catch (error) {
      this.error = this.port.describe(error);
      this.set('failed-to-start');
    }
  }

  /** Reads the outcome again (after "not yet"). */
  checkAgain(): void {
    this.startChecking();
  }

  /** Back to the bill (after a receipt, or a payment not completed). */
  done(): void {
    this.stop();
    this.receipt = undefined;
    this.error = undefined;
    this.set('idle');
  }

  private startChecking(): void {
    this.checks = 0;
    this.set(this.stage === 'processing' ? 'processing' : 'checking');
    void this.check();
  }

  private async check(): Promise<void> {
    clearTimeout(this.timer);
    const client = this.port.session.client;
    const patientId = this.port.session.patientId;
    const pending = this.pending;
    if (!client || !patientId || !pending) return;
    this.request?.abort();
    const request = (this.request = new AbortController());
    try {
      const recorded = await findPayment(client, pending.paymentId, { signal: request.signal });
      if (recorded && recorded.state !== 'processing') {
        pendingPayments.write(patientId, undefined);
        this.pending = undefined;
        if (recorded.state === 'complete') {
          this.receipt = recorded;
          this.set('receipt');
          this.port.recorded();
        } else this.set('not-completed');
        return;
      }
      if (recorded) this.set('processing');
      else {
        const status = (await this.port.processor()?.status?.(pending.paymentId, { signal: request.signal })) ?? 'unknown';
        if (status === 'open') {
          // Not paid at the processor: cancelled, or declined and the patient came back. Nothing was charged.
          pendingPayments.write(patientId, undefined);
          this.pending = undefined;
          this.set('not-completed');
          return;
        }
        if (status === 'processing') this.set('processing');
      }
    } catch {
      if (request.signal.aborted) return;
      if (this.port.session.expired) {
        // The session asks the patient to sign in again; the outcome is read once they have.
        this.paused = true;
        return;
      }
    }
    this.checks++;
    if (this.stage !== 'processing' && this.checks >= CHECKS_BEFORE_NOT_YET) {
      this.set('not-yet');
      return;
    }
    this.timer = setTimeout(() => void this.check(), CHECK_EVERY_MS * (this.stage === 'processing' ? 2 : 1));
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.request?.abort();
  }

  private set(stage: PaymentStage): void {
    this.stage = stage;
    this.host.requestUpdate();
  }

  /** The processor's parameters leave the address bar: a bookmark or a reload does not carry them. */
  private clearReturnParams(): void {
    if (typeof location === 'undefined' || typeof history === 'undefined') return;
    const url = new URL(location.href);
    if (!RETURN_PARAMS.some((name) => url.searchParams.has(name))) return;
    for (const name of RETURN_PARAMS) url.searchParams.delete(name);
    history.replaceState(history.state, '', url);
  }
}
