/**
 * Times an element from being added inside the page's signed-in `<portal-session>` to its first screen,
 * measured in the page: the requests it sent before the screen was there, the time from adding it, and
 * the time from the answer to its main search (`search`, a path under the FHIR base; with several searches
 * side by side, the last of them to answer) to the frame after `ready` (a selector in its shadow root)
 * first matched, with how many matched.
 */
import type { Page } from 'playwright-core';
import { signInOn, startDemo } from '../../test/e2e/demo.js';
import { report } from './report.js';

export interface FirstScreen {
  requests: string[];
  totalMs: number;
  renderMs: number;
  /** How many elements matched `ready` (reports, conversations). */
  count: number;
}

export interface FirstScreenOptions {
  /** The element's tag, e.g. `lab-results`. */
  tag: string;
  /** The id it gets, so the run can remove it afterwards. */
  id: string;
  /** What the first screen shows, e.g. `[part~="thread-button"]`. */
  ready: string;
  /** The search whose answer starts the render clock, e.g. `DiagnosticReport`; several: the last of them to answer. */
  search: string | readonly string[];
  /** Attributes set before it is added, e.g. `{ view: 'documents' }`. */
  attributes?: Readonly<Record<string, string>>;
}

export async function firstScreen(page: Page, options: FirstScreenOptions): Promise<FirstScreen> {
  // No named functions inside: the callback runs in the page as written.
  await page.evaluate(({ tag, id, ready, search, attributes }) => {
    const state = window as unknown as {
      benchFetch?: typeof fetch;
      benchStart: number;
      benchResponded: number;
      benchAnswered: string[];
      benchShown: number;
      benchCount: number;
      benchRequests: string[];
    };
    const searches: readonly string[] = typeof search === 'string' ? [search] : search;
    state.benchFetch = window.fetch;
    state.benchStart = performance.now();
    state.benchResponded = 0;
    state.benchAnswered = [];
    state.benchShown = 0;
    state.benchRequests = [];
    window.fetch = async (input, init) => {
      // Requests sent while the first screen is not there yet (later ones start once it is).
      const url = new URL(String(input instanceof Request ? input.url : input));
      const shown = !!document.getElementById(id)?.shadowRoot?.querySelector(ready);
      if (!shown && url.pathname.includes('/fhir/')) state.benchRequests.push(`${init?.method ?? 'GET'} ${url.pathname.split('/fhir/')[1]}${url.search}`);
      const response = await state.benchFetch!(input, init);
      const searched = searches.find((path) => url.pathname.endsWith(`/${path}`));
      if (searched && (init?.method ?? 'GET') === 'GET' && !state.benchAnswered.includes(searched)) {
        const body = await response.text();
        state.benchAnswered.push(searched);
        if (state.benchAnswered.length === searches.length) state.benchResponded = performance.now();
        return new Response(body, { status: response.status, headers: response.headers });
      }
      return response;
    };
    const element = document.createElement(tag);
    element.id = id;
    for (const [name, value] of Object.entries(attributes ?? {})) element.setAttribute(name, value);
    document.querySelector('portal-session')!.append(element);
    // On screen: the frame after the first screen is in the DOM (measured in the page, not by polling from outside).
    const observer = new MutationObserver(() => {
      const count = element.shadowRoot!.querySelectorAll(ready).length;
      if (!count) return;
      observer.disconnect();
      state.benchCount = count;
      requestAnimationFrame(() => (state.benchShown = performance.now()));
    });
    observer.observe(element.shadowRoot!, { childList: true, subtree: true });
  }, options);
  await page.waitForFunction(() => (window as unknown as { benchShown: number }).benchShown > 0);
  return page.evaluate(() => {
    const state = window as unknown as { benchFetch?: typeof fetch; benchStart: number; benchResponded: number; benchShown: number; benchCount: number; benchRequests: string[] };
    window.fetch = state.benchFetch!;
    return { totalMs: state.benchShown - state.benchStart, renderMs: state.benchShown - state.benchResponded, count: state.benchCount, requests: state.benchRequests };
  });
}

/** An element's first-screen section: who it is measured for, what shows, its budgets and its report. */
export interface FirstScreenSection extends Omit<FirstScreenOptions, 'id'> {
  /** The report's id (`requests.<tag>`) and title. */
  report: { id: string; title: string };
  /** The patient and what their record holds, for the rows' labels: 'Maria (six current prescriptions, one past)'. */
  patient: string;
  /** What the first screen shows, counted: 'medicines'. */
  items: string;
  budgets: { requestsToFirstScreen: number; renderMs: number };
}

/**
 * Times an element's first screen five times on the demo site (production build, headless Chromium, a
 * real sign-in as Maria): the FHIR requests before it, and the median time from adding it and from its
 * main search's answer; reported against its budgets.
 */
export async function benchFirstScreen(section: FirstScreenSection): Promise<void> {
  const demo = await startDemo();
  try {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const { page, context } = await demo.newPage();
    await signInOn(demo, page, 'my-health.html', 'maria');
    await page.locator(`${section.tag} ${section.ready}`).first().waitFor();
    await page.waitForLoadState('networkidle');
    const runs: FirstScreen[] = [];
    for (let run = 0; run < 5; run++) {
      const id = `bench-${section.tag}-${run}`;
      runs.push(await firstScreen(page, { tag: section.tag, id, ready: section.ready, search: section.search, attributes: section.attributes }));
      await page.waitForLoadState('networkidle');
      await page.evaluate((elementId) => document.getElementById(elementId)?.remove(), id);
    }
    await context.close();
    report(
      {
        id: section.report.id,
        title: section.report.title,
        columns: [
          { key: 'requests', label: 'requests', unit: 'count' },
          { key: 'render', label: 'render', unit: 'ms' },
          { key: 'total', label: 'total', unit: 'ms' },
        ],
      },
      [
        {
          label: `${section.patient}: requests to the first screen`,
          values: { requests: runs[0]!.requests.length },
          budget: { column: 'requests', max: section.budgets.requestsToFirstScreen },
          note: `sent before it: ${runs[0]!.requests.join(', ')}`,
          details: runs,
        },
        {
          label: 'Maria: time to the first screen (median of 5)',
          values: { render: Math.round(median(runs.map((r) => r.renderMs))), total: Math.round(median(runs.map((r) => r.totalMs))) },
          budget: { column: 'render', max: section.budgets.renderMs },
          note: `${runs[0]!.count} ${section.items} on the first screen; "total" includes the server`,
        },
      ],
    );
  } finally {
    await demo.close();
  }
}
