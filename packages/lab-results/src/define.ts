import { defineElement } from '@portico/core';
import { LabResults } from './lab-results/lab-results.js';

defineElement('lab-results', LabResults);

declare global {
  interface HTMLElementTagNameMap {
    'lab-results': LabResults;
  }
}
