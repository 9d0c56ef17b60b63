/**
 * health-record: requests and time from adding `<health-record>` inside a signed-in `<portal-session>`
 * to its first screen (the summary: conditions first), for Maria. Production build of the demo site,
 * headless Chromium, real sign-in.
 * Targets: 6 requests before the first screen (one per section, side by side); under 100 ms to render.
 */
import { signInOn, startDemo } from '../../test/e2e/demo.js';
import { firstScreen, type FirstScreen } from './first-screen.js';
import { report, type Row } from './report.js';
import type { BenchContext } from './sizes.js';

export const healthRecordBudgets = {
  /** FHIR requests before the first screen: one per section, side by side. */
  requestsToFirstScreen: 6,
  /** Milliseconds from the conditions read to the first screen, server time excluded. */
  renderMs: 100,
};

export async function healthRecord(_context: BenchContext): Promise<void> {
  const demo = await startDemo();
  try {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const { page, context } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html', 'maria');
    await page.locator('health-record [part~="condition"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    const runs: FirstScreen[] = [];
    for (let run = 0; run < 5; run++) {
      const id = `bench-record-${run}`;
      runs.push(await firstScreen(page, { tag: 'health-record', id, ready: '[part~="condition"]', search: 'Condition' }));
      await page.waitForLoadState('networkidle');
      await page.evaluate((elementId) => document.getElementById(elementId)?.remove(), id);
    }
    const rows: Row[] = [
      {
        label: 'Maria (the summary of every section): requests to the first screen',
        values: { requests: runs[0]!.requests.length },
        budget: { column: 'requests', max: healthRecordBudgets.requestsToFirstScreen },
        note: `sent before it: ${runs[0]!.requests.join(', ')}`,
        details: runs,
      },
      {
        label: 'Maria: time to the first screen (median of 5)',
        values: { render: Math.round(median(runs.map((r) => r.renderMs))), total: Math.round(median(runs.map((r) => r.totalMs))) },
        budget: { column: 'render', max: healthRecordBudgets.renderMs },
        note: `${runs[0]!.count} conditions on the first screen; "total" includes the server`,
      },
    ];
    await context.close();
    report(
      {
        id: 'requests.health-record',
        title: 'health-record: opening to the summary (signed in, demo site, production build)',
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
