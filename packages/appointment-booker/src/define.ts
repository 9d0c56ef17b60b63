import { defineElement } from '@portico/core';
import { AppointmentBooker } from './appointment-booker/appointment-booker.js';

defineElement('appointment-booker', AppointmentBooker);

declare global {
  interface HTMLElementTagNameMap {
    'appointment-booker': AppointmentBooker;
  }
}
