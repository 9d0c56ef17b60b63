/**
 * medication-list: requests and time from adding `<medication-list>` inside a signed-in `<portal-session>`
 * to its first screen (the medicines, each with how to ask for more), for Maria (the seed's six current
 * prescriptions and one past). Production build of the demo site, headless Chromium, real sign-in.
 * Targets: 3 requests before the first screen (the prescriptions with their medicines and prescribers,
 * the pharmacy fills and the refill requests, side by side); under 100 ms to render.
 */
import { signInOn, startDemo } from '../../test/e2e/demo.js';
import { firstScreen, type FirstScreen } from './first-screen.js';
import { report, type Row } from './report.js';
import type { BenchContext } from './sizes.js';

export const medicationListBudgets = {
  /** FHIR requests before the first screen: prescriptions, fills and requests, side by side. */
  requestsToFirstScreen: 3,
  /** Milliseconds from the prescriptions read to the first screen, server time excluded. */
  renderMs: 100,
};

export async function medicationList(_context: BenchContext): Promise<void> {
  const demo = await startDemo();
  try {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const { page, context } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html', 'maria');
    await page.locator('medication-list [part~="medicine"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    const runs: FirstScreen[] = [];
    for (let run = 0; run < 5; run++) {
      const id = `bench-medicines-${run}`;
      runs.push(await firstScreen(page, { tag: 'medication-list', id, ready: '[part~="medicine"]', search: 'MedicationRequest' }));
      await page.waitForLoadState('networkidle');
      await page.evaluate((elementId) => document.getElementById(elementId)?.remove(), id);
    }
    const rows: Row[] = [
      {
        label: 'Maria (the seed: six current prescriptions, one past): requests to the first screen',
        values: { requests: runs[0]!.requests.length },
        budget: { column: 'requests', max: medicationListBudgets.requestsToFirstScreen },
        note: `sent before it: ${runs[0]!.requests.join(', ')}`,
        details: runs,
      },
      {
        label: 'Maria: time to the first screen (median of 5)',
        values: { render: Math.round(median(runs.map((r) => r.renderMs))), total: Math.round(median(runs.map((r) => r.totalMs))) },
        budget: { column: 'render', max: medicationListBudgets.renderMs },
        note: `${runs[0]!.count} medicines on the first screen; "total" includes the server`,
      },
    ];
    await context.close();
    report(
      {
        id: 'requests.medication-list',
        title: 'medication-list: opening to the medicines (signed in, demo site, production build)',
        columns: [
          { key: 'requests', label: 'requests', unit: 'count' },
          { key: 'render', label: 'render', unit: 'ms' },
          { key: 'total', label: 'total', unit: 'ms' },
        ],
      },
      rows,
    );
  } finally {
    await demo.close();
  }
}
