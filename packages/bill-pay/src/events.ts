import { porticoEvent } from '@portico/core';

export interface PaymentStartDetail {
  /** The processor's payment page the patient is sent to. */
  url: string;
}

/** The patient is about to leave for the processor's payment page (cancelable: a host may go there its own way). */
export class PorticoPaymentStartEvent extends porticoEvent<PaymentStartDetail>('portico-payment-start', { cancelable: true }) {}

declare global {
  interface GlobalEventHandlersEventMap {
    'portico-payment-start': PorticoPaymentStartEvent;
  }
}
