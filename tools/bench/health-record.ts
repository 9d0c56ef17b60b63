/**
 * health-record: requests and time from adding `<health-record>` inside a signed-in `<portal-session>`
 * to its first screen (the summary: conditions first), for Maria. Production build of the demo site,
 * headless Chromium, real sign-in.
 * Targets: 6 requests before the first screen (one per section, side by side); under 100 ms to render.
 */
import { benchFirstScreen } from './first-screen.js';
import type { BenchContext } from './sizes.js';

export const healthRecordBudgets = {
  /** FHIR requests before the first screen: one per section, side by side. */
  requestsToFirstScreen: 6,
  /** Milliseconds from the conditions read to the first screen, server time excluded. */
  renderMs: 100,
};

export function healthRecord(_context: BenchContext): Promise<void> {
  return benchFirstScreen({
    tag: 'health-record',
    ready: '[part~="condition"]',
    search: 'Condition',
    patient: 'Maria (the summary of every section)',
    items: 'conditions',
    budgets: healthRecordBudgets,
    report: { id: 'requests.health-record', title: 'health-record: opening to the summary (signed in, demo site, production build)' },
  });
}
