import { defineElement } from '@portico/core';
import { BillPay } from './bill-pay/bill-pay.js';

defineElement('bill-pay', BillPay);

declare global {
  interface HTMLElementTagNameMap {
    'bill-pay': BillPay;
  }
}
