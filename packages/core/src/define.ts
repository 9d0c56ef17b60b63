import { PatientBanner } from './patient-banner/patient-banner.js';
import { PortalSession } from './portal-session/portal-session.js';

/** Registers a tag unless the page already has it (another copy of Portico, or a host's subclass). */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}

defineElement('portal-session', PortalSession);
defineElement('patient-banner', PatientBanner);

declare global {
  interface HTMLElementTagNameMap {
    'portal-session': PortalSession;
    'patient-banner': PatientBanner;
  }
}
