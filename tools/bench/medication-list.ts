/**
 * medication-list: requests and time from adding `<medication-list>` inside a signed-in `<portal-session>`
 * to its first screen (the medicines, each with how to ask for more), for Maria (the seed's six current
 * prescriptions and one past). Production build of the demo site, headless Chromium, real sign-in.
 * Targets: 3 requests before the first screen (the prescriptions with their medicines and prescribers,
 * the pharmacy fills and the refill requests, side by side); under 100 ms to render.
 */
import { benchFirstScreen } from './first-screen.js';
import type { BenchContext } from './sizes.js';

export const medicationListBudgets = {
  /** FHIR requests before the first screen: prescriptions, fills and requests, side by side. */
  requestsToFirstScreen: 3,
  /** Milliseconds from the prescriptions read to the first screen, server time excluded. */
  renderMs: 100,
};

export function medicationList(_context: BenchContext): Promise<void> {
  return benchFirstScreen({
    tag: 'medication-list',
    ready: '[part~="medicine"]',
    search: 'MedicationRequest',
    patient: 'Maria (the seed: six current prescriptions, one past)',
    items: 'medicines',
    budgets: medicationListBudgets,
    report: { id: 'requests.medication-list', title: 'medication-list: opening to the medicines (signed in, demo site, production build)' },
  });
}
