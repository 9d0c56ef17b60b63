import { defineElement } from '@portico/core';
import { HealthReminders } from './health-reminders.js';

defineElement('health-reminders', HealthReminders);

declare global {
  interface HTMLElementTagNameMap {
    'health-reminders': HealthReminders;
  }
}
