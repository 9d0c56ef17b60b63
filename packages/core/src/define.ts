import { PatientBanner } from './patient-banner/patient-banner.js';
import { PortalSession } from './portal-session/portal-session.js';
import { defineElement } from './registration.js';

/** Kept here too for hosts that imported it from `@portico/core/define.js`; new code imports it from `@portico/core`. */
export { defineElement };

defineElement('portal-session', PortalSession);
defineElement('patient-banner', PatientBanner);

declare global {
  interface HTMLElementTagNameMap {
    'portal-session': PortalSession;
    'patient-banner': PatientBanner;
  }
}
