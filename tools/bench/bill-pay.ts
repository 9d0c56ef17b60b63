/**
 * bill-pay: requests and time from adding `<bill-pay>` inside a signed-in `<portal-session>` to its
 * first screen (the amount due and the statements), for Maria (the seed's seven statements, two open),
 * and the insurance view to her two plans.
 * Production build of the demo site, headless Chromium, real sign-in.
 * Targets: 2 requests before the first screen (the Invoice search and the PaymentReconciliation search,
 * side by side); under 100 ms to render.
 */
import type { Page } from 'playwright-core';
import { signInOn, startDemo } from '../../test/e2e/demo.js';
import { firstScreen } from './first-screen.js';
import { report, type Row } from './report.js';
import type { BenchContext } from './sizes.js';

export const billPayBudgets = {
  /** FHIR requests before the first screen: the statements and the payments, side by side. */
  requestsToFirstScreen: 2,
  /** Milliseconds from the statements read to the first screen, server time excluded. */
  renderMs: 100,
};

interface Run {
  requests: string[];
  totalMs: number;
  renderMs: number;
  statements: number;
}

/** Adds a `<bill-pay>` to the page's session and times it to its statements (measured in the page). */
async function firstStatements(page: Page, id: string): Promise<Run> {
  const { count, ...run } = await firstScreen(page, { tag: 'bill-pay', id, ready: '[part~="statement-button"]', search: 'Invoice' });
  await page.waitForLoadState('networkidle');
  await page.evaluate((elementId) => document.getElementById(elementId)?.remove(), id);
  return { ...run, statements: count };
}

/**
 * Adds a `<bill-pay view="insurance">` and times it to the patient's plans: the FHIR requests it sent
 * before they showed (the Coverage search with its payers, beside the statements and payments).
 */
async function firstPlans(page: Page): Promise<{ requests: string[]; totalMs: number; plans: number }> {
  // (No named functions in here: the callback runs in the page as written.)
  return page.evaluate(async () => {
    const requests: string[] = [];
    const original = window.fetch;
    const element = document.createElement('bill-pay');
    window.fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.includes('/fhir/') && !element.shadowRoot?.querySelector('[part~="plan"]')) requests.push(`${init?.method ?? 'GET'} ${url.pathname.split('/fhir/')[1]}${url.search}`);
      return original(input, init);
    };
    const start = performance.now();
    element.setAttribute('view', 'insurance');
    document.querySelector('portal-session')!.append(element);
    while (!element.shadowRoot?.querySelector('[part~="plan"]')) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const result = { requests, totalMs: performance.now() - start, plans: element.shadowRoot.querySelectorAll('[part~="plan"]').length };
    window.fetch = original;
    element.remove();
    return result;
  });
}

export async function billPay(_context: BenchContext): Promise<void> {
  const demo = await startDemo();
  try {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const { page, context } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html', 'maria');
    await page.locator('patient-banner [part="name"]').first().waitFor();
    await page.locator('bill-pay [part~="statement-button"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    const runs: Run[] = [];
    for (let run = 0; run < 5; run++) runs.push(await firstStatements(page, `bench-bills-${run}`));
    const rows: Row[] = [
      {
        label: 'Maria (the seed: seven statements, two open): requests to the first screen',
        values: { requests: runs[0]!.requests.length },
        budget: { column: 'requests', max: billPayBudgets.requestsToFirstScreen },
        note: `sent before it: ${runs[0]!.requests.join(', ')}`,
        details: runs,
      },
      {
        label: 'Maria: time to the first screen (median of 5)',
        values: { render: Math.round(median(runs.map((r) => r.renderMs))), total: Math.round(median(runs.map((r) => r.totalMs))) },
        budget: { column: 'render', max: billPayBudgets.renderMs },
        note: `${runs[0]!.statements} statements on the first screen; "total" includes the server`,
      },
    ];
    const plans = await firstPlans(page);
    rows.push({
      label: 'Maria: the insurance view to her plans',
      values: { requests: plans.requests.length, total: Math.round(plans.totalMs) },
      note: `${plans.plans} plans; sent before they showed: ${plans.requests.join(', ')}`,
    });
    await context.close();
    report(
      {
        id: 'requests.bill-pay',
        title: 'bill-pay: opening to the amount due and the statements (signed in, demo site, production build)',
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
