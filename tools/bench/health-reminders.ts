/**
 * health-reminders: requests and time from adding `<health-reminders>` inside a signed-in `<portal-session>`
 * to its first screen (what is due, grouped), for Maria (the seed: two vaccines, a diabetes care plan, two
 * open orders, two booked visits). Production build of the demo site, headless Chromium, real sign-in.
 * Targets: 4 requests before the first screen (the vaccine forecasts, the care plans, the orders and the
 * booked visits with their clinicians and places, side by side); under 100 ms to render.
 */
import { benchFirstScreen } from './first-screen.js';
import type { BenchContext } from './sizes.js';

export const healthRemindersBudgets = {
  /** FHIR requests before the first screen: forecasts, plans, orders and visits, side by side. */
  requestsToFirstScreen: 4,
  /** Milliseconds from the last of the four answers to the first screen, server time excluded. */
  renderMs: 100,
};

export function healthReminders(_context: BenchContext): Promise<void> {
  return benchFirstScreen({
    tag: 'health-reminders',
    ready: '[part~="reminder"]',
    // The reminders are grouped once all four kinds are read: the clock starts at the last answer.
    search: ['ImmunizationRecommendation', 'CarePlan', 'ServiceRequest', 'Appointment'],
    patient: 'Maria (the seed: vaccines, a care plan, orders and booked visits)',
    items: 'reminders',
    budgets: healthRemindersBudgets,
    report: { id: 'requests.health-reminders', title: 'health-reminders: opening to what is due (signed in, demo site, production build)' },
  });
}
