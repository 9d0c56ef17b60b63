/**
 * lab-results: requests and time from adding `<lab-results>` inside a signed-in `<portal-session>` to
 * its first screen of reports, for a patient with a few hundred results (maria) and one with ten years
 * of labs (~600 reports, ~5,000 results: `large`). Production build of the demo site, headless Chromium,
 * real sign-in. Targets: 1 request; under 100 ms to render, and flat as the history grows.
 */
import { signInOn, startDemo } from '../../test/e2e/demo.js';
import { firstScreen } from './first-screen.js';
import { report } from './report.js';
import type { BenchContext } from './sizes.js';

export const labResultsBudgets = {
  requestsToFirstScreen: 1,
  /** Milliseconds from the element's first update to the first screen of reports, server time excluded. */
  renderMs: 100,
};

interface Run {
  requests: string[];
  totalMs: number;
  renderMs: number;
  reports: number;
}

export async function labResults(_context: BenchContext): Promise<void> {
  const demo = await startDemo({ largePatient: true });
  try {
    const rows = [];
    for (const username of ['maria', 'large']) {
      const { page, context } = await demo.newPage();
      await signInOn(demo, page, 'my-health.html', username);
      await page.locator('patient-banner [part="name"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const runs: Run[] = [];
      for (let run = 0; run < 5; run++) {
        const id = `bench-labs-${run}`;
        // Time spent rendering: from the moment the report search has been read to the reports on screen.
        const { count, ...measured } = await firstScreen(page, { tag: 'lab-results', id, ready: '[part="report-button"]', search: 'DiagnosticReport' });
        const timing = { ...measured, reports: count };
        runs.push(timing);
        await page.evaluate((elementId) => document.getElementById(elementId)?.remove(), id);
      }
      // Scrolled to the end: every report loaded, page by page (content-visibility skips painting the
      // ones off screen; closed reports render no results).
      const whole =
        username === 'large'
          ? await page.evaluate(async () => {
              const element = document.createElement('lab-results') as HTMLElement & { loadMore(): Promise<void>; updateComplete: Promise<boolean> };
              document.querySelector('portal-session')!.append(element);
              // (No named functions in here: the page has no helper for their names.)
              while (!element.shadowRoot?.querySelector('[part="report-button"]')) await new Promise((resolve) => setTimeout(resolve, 20));
              // Each page: from its search read to the frame after it is in the list.
              const read = { at: 0 };
              const original = window.fetch;
              window.fetch = async (input, init) => {
                const response = await original(input, init);
                if (!String(input instanceof Request ? input.url : input).includes('/DiagnosticReport')) return response;
                const body = await response.text();
                read.at = performance.now();
                return new Response(body, { status: response.status, headers: response.headers });
              };
              const appendMs: number[] = [];
              let pages = 1;
              while (element.shadowRoot!.querySelector('.sentinel')) {
                await element.loadMore();
                await element.updateComplete;
                await new Promise((resolve) => requestAnimationFrame(resolve));
                appendMs.push(performance.now() - read.at);
                pages++;
              }
              window.fetch = original;
              const result = { pages, entries: element.shadowRoot!.querySelectorAll('[part="report-button"]').length, elements: element.shadowRoot!.querySelectorAll('*').length, appendMs };
              element.remove();
              return result;
            })
          : undefined;
      await context.close();
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const label = username === 'large' ? 'ten years of labs (~600 reports, ~5,000 results)' : 'a few years of labs (maria)';
      rows.push(
        {
          label: `${label}: requests to the first screen`,
          values: { requests: runs[0]!.requests.length },
          budget: { column: 'requests', max: labResultsBudgets.requestsToFirstScreen },
          note: runs[0]!.requests.join(', '),
          details: runs,
        },
        {
          label: `${label}: time to the first screen (median of 5)`,
          values: { render: Math.round(median(runs.map((r) => r.renderMs))), total: Math.round(median(runs.map((r) => r.totalMs))) },
          budget: { column: 'render', max: labResultsBudgets.renderMs },
          note: `${runs[0]!.reports} reports on the first screen; "total" includes the server`,
        },
      );
      if (whole) {
        rows.push({
          label: `${label}: scrolled to the end`,
          values: { render: Math.round(Math.max(...whole.appendMs)), elements: whole.elements },
          budget: { column: 'render', max: labResultsBudgets.renderMs },
          note: `${whole.entries} entries in ${whole.pages} pages; "render": the slowest page, from its search read to the frame after it is listed; elements in the shadow root`,
          details: whole,
        });
      }
    }
    report(
      {
        id: 'requests.lab-results',
        title: 'lab-results: opening to the first screen of reports (signed in, demo site, production build)',
        columns: [
          { key: 'requests', label: 'requests', unit: 'count' },
          { key: 'render', label: 'render', unit: 'ms' },
          { key: 'total', label: 'total', unit: 'ms' },
          { key: 'elements', label: 'elements', unit: 'count' },
        ],
        notes: ['Render time is measured in the page from the moment the report search has been read to the reports on screen (one frame later).'],
      },
      rows,
    );
  } finally {
    await demo.close();
  }
}
