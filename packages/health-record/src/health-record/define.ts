import { defineElement } from '@portico/core';
import { HealthRecord } from './health-record.js';

defineElement('health-record', HealthRecord);

declare global {
  interface HTMLElementTagNameMap {
    'health-record': HealthRecord;
  }
}
