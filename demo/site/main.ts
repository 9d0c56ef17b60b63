/**
 * What the My health pages share: Portico (which registers <portal-session>, <patient-banner> and the
 * other elements) and the site's own behaviour (language switcher, translations). Each page has its
 * own small entry (my-health.ts, my-health-oidc.ts) that calls `startMyHealthPage()`, so the built page
 * includes one script of its own, like the embed snippet on the For web teams page.
 */
import 'portico';
import './site.js';

/** Page rules that depend on the patient's session. */
export function startMyHealthPage(): void {
  connectPaymentProcessor();
  // The sign-in help only matters until the patient has signed in: the page's CSS hides it after that.
  document.addEventListener('portico-session-change', (event) => {
    document.documentElement.dataset.portalStatus = event.detail.status;
  });
}

/**
 * The demo server's payment processor, beside its FHIR service (`<its origin>/processor`): the address
 * each `<bill-pay>` sends payments to, derived from its `portal-session`'s `fhir-base-url` as the build
 * wrote it.
 */
function connectPaymentProcessor(): void {
  for (const bills of document.querySelectorAll('bill-pay')) {
    const base = bills.closest('portal-session')?.getAttribute('fhir-base-url');
    if (base && !bills.processorUrl) bills.processorUrl = new URL('/processor', base).href;
  }
}
