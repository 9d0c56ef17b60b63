import { defineElement } from '@portico/core';
import { MedicationList } from './medication-list/medication-list.js';

defineElement('medication-list', MedicationList);

declare global {
  interface HTMLElementTagNameMap {
    'medication-list': MedicationList;
  }
}
