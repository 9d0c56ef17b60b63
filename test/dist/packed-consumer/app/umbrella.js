/* global document, customElements */
// The umbrella package with a bundler: `portico` registers the session and banner, the rest on first use.
import { LAZY_ELEMENTS, loadAllElements } from 'portico';

const before = ['portal-session', 'patient-banner', ...LAZY_ELEMENTS].filter((tag) => customElements.get(tag) !== undefined);
await loadAllElements();
const after = ['portal-session', 'patient-banner', ...LAZY_ELEMENTS].filter((tag) => customElements.get(tag) !== undefined);
document.body.dataset.results = JSON.stringify({ before, after });
