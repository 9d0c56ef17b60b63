/**
 * record-download: requests and time from adding `<record-download>` inside a signed-in `<portal-session>`
 * to its first screen, in the Everything view (the export's choices) and the Documents view (Maria's
 * documents listed); and the export of the whole record of the patient with ten years of labs (`large`):
 * requests, seconds, the page's peak JS heap (CDP `Runtime.getHeapUsage`, sampled every 50 ms) and the
 * longest task (PerformanceObserver `longtask`) while it runs.
 * Production build of the demo site, headless Chromium, real sign-in.
 * Targets: the Everything view needs no request of its own (the CapabilityStatement the session already
 * read); the Documents view one (the DocumentReference search); under 100 ms to render the list.
 */
import type { Page } from 'playwright-core';
import { signInOn, startDemo } from '../../test/e2e/demo.js';
import { firstScreen } from './first-screen.js';
import { report, type Row } from './report.js';
import type { BenchContext } from './sizes.js';

export const recordDownloadBudgets = {
  /** FHIR requests before the Everything view's choices: none of its own. */
  everythingRequests: 0,
  /** FHIR requests before the Documents view's list: the DocumentReference search. */
  documentsRequests: 1,
  /** Milliseconds from the DocumentReference search read to the list on screen. */
  documentsRenderMs: 100,
  /** The longest task while the large patient's record is exported, in ms (the page stays responsive). */
  exportLongestTaskMs: 200,
};

interface Run {
  requests: string[];
  totalMs: number;
  renderMs: number;
  count: number;
}

/** Adds a `<record-download view=…>` to the page's session, times it to `ready`, removes it. */
async function timeView(page: Page, id: string, view: 'everything' | 'documents'): Promise<Run> {
  const ready = view === 'everything' ? '[part~="export-start-button"]' : '[part~="format-button"]';
  const run = await firstScreen(page, { tag: 'record-download', id, ready, search: view === 'everything' ? 'metadata' : 'DocumentReference', attributes: { view } });
  await page.waitForLoadState('networkidle');
  await page.evaluate((elementId) => document.getElementById(elementId)?.remove(), id);
  return run;
}

interface ExportRun {
  requests: number;
  seconds: number;
  longestTaskMs: number;
  longTasks: number;
  savedText: string;
  peakHeapMb: number;
  heapBeforeMb: number;
}

/** The large patient's whole record: Start in the Everything view, until "Save the file" is offered. */
async function exportLarge(page: Page): Promise<ExportRun> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  const heapBefore = await heap();
  let peak = heapBefore;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await heap().catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  // (No named functions in here: the callback runs in the page as written.)
  const measured = await page
    .evaluate(async () => {
    const element = document.createElement('record-download');
    element.setAttribute('view', 'everything');
    document.querySelector('portal-session')!.append(element);
    while (!element.shadowRoot?.querySelector<HTMLElement>('[part~="export-start-button"]')) await new Promise((resolve) => setTimeout(resolve, 10));
    let requests = 0;
    const original = window.fetch;
    window.fetch = async (input, init) => {
      if (new URL(String(input instanceof Request ? input.url : input)).pathname.includes('/fhir/')) requests++;
      return original(input, init);
    };
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      });
    observer.observe({ type: 'longtask' });
    const start = performance.now();
    element.shadowRoot?.querySelector<HTMLElement>('[part~="export-start-button"]')!.click();
    while (!element.shadowRoot?.querySelector<HTMLElement>('[part~="export-save-button"]')) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - start) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    window.fetch = original;
    const result = { requests, seconds, longestTaskMs: Math.max(0, ...tasks), longTasks: tasks.length, savedText: (element.shadowRoot?.querySelector<HTMLElement>('[part~="export-done"]')?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 160) };
    element.remove();
    return result;
  })
    .finally(async () => {
      sampling = false;
      await sampler;
    });
  await cdp.detach();
  return { ...measured, peakHeapMb: peak / 1e6, heapBeforeMb: heapBefore / 1e6 };
}

export async function recordDownload(_context: BenchContext): Promise<void> {
  const demo = await startDemo({ largePatient: true });
  try {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const rows: Row[] = [];
    {
      const { page, context } = await demo.newPage();
      await signInOn(demo, page, 'my-health.html', 'maria');
      await page.locator('patient-banner [part="name"]').first().waitFor();
      await page.locator('record-download [part~="export-start-button"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const everything: Run[] = [];
      const documents: Run[] = [];
      for (let run = 0; run < 5; run++) everything.push(await timeView(page, `bench-record-everything-${run}`, 'everything'));
      for (let run = 0; run < 5; run++) documents.push(await timeView(page, `bench-record-documents-${run}`, 'documents'));
      await context.close();
      rows.push(
        {
          label: 'Maria: the Everything view (the export’s choices), requests to the first screen',
          values: { requests: everything[0]!.requests.length, total: Math.round(median(everything.map((r) => r.totalMs))) },
          budget: { column: 'requests', max: recordDownloadBudgets.everythingRequests },
          note: `sent before it: ${everything[0]!.requests.join(', ') || 'nothing'}; "total" is the median of 5 (the view's code was loaded by the page's own element)`,
          details: everything,
        },
        {
          label: 'Maria: the Documents view, requests to the first screen',
          values: { requests: documents[0]!.requests.length },
          budget: { column: 'requests', max: recordDownloadBudgets.documentsRequests },
          note: `sent before it: ${documents[0]!.requests.join(', ')}`,
          details: documents,
        },
        {
          label: 'Maria: the Documents view, time to the first screen (median of 5)',
          values: { render: Math.round(median(documents.map((r) => r.renderMs))), total: Math.round(median(documents.map((r) => r.totalMs))) },
          budget: { column: 'render', max: recordDownloadBudgets.documentsRenderMs },
          note: `${documents[0]!.count} file buttons on the first screen; "total" includes the server`,
        },
      );
    }
    {
      const { page, context } = await demo.newPage();
      await signInOn(demo, page, 'my-health.html', 'large');
      await page.locator('patient-banner [part="name"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const run = await exportLarge(page);
      await context.close();
      rows.push({
        label: 'the large patient (ten years of labs): the whole record exported, one FHIR JSON file',
        values: { requests: run.requests, total: Math.round(run.seconds * 1000), heap: Number(run.peakHeapMb.toFixed(1)), longest: Math.round(run.longestTaskMs) },
        budget: { column: 'longest', max: recordDownloadBudgets.exportLongestTaskMs },
        note: `${run.seconds.toFixed(1)} s; peak JS heap ${run.peakHeapMb.toFixed(1)} MB (${run.heapBeforeMb.toFixed(1)} MB before); ${run.longTasks} long tasks; "${run.savedText}"`,
        details: run,
      });
    }
    report(
      {
        id: 'requests.record-download',
        title: 'record-download: the first screens and the export of a large record (signed in, demo site, production build)',
        columns: [
          { key: 'requests', label: 'requests', unit: 'count' },
          { key: 'render', label: 'render', unit: 'ms' },
          { key: 'total', label: 'total', unit: 'ms' },
          { key: 'heap', label: 'peak heap (MB)', unit: 'count' },
          { key: 'longest', label: 'longest task', unit: 'ms' },
        ],
      },
      rows,
    );
  } finally {
    await demo.close();
  }
}
