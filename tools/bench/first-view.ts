/**
 * first-view: milliseconds from navigation start to each element's first useful view on a throttled phone,
 * on the demo site's My health page with the visit type set (production build, real sign-in, served with
 * production caching).
 *
 * Phone profile: Chrome DevTools' "Slow 4G" network preset (`Slow4GConditions` in devtools-frontend
 * front_end/core/sdk/NetworkManager.ts, called "Fast 3G" before May 2024: 562.5 ms latency, 1.6 Mbps down,
 * 0.75 Mbps up, each throughput × 0.9) through `Network.emulateNetworkConditions`, 4× CPU slowdown through
 * `Emulation.setCPUThrottlingRate`, a 375×812 viewport. Two cases, each run 3 times (median reported):
 * a cold cache (fresh browser context signed in through the login page, then the page loaded with the HTTP
 * cache cleared and disabled) and a signed-in reload (same context, HTTP cache warm). Target: 2 s.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { signInOn, startDemo } from '../../test/e2e/demo.js';
import { serveWithCaching } from './caching-site-server.js';
import { report, type Row } from './report.js';
import type { BenchContext } from './sizes.js';

export const firstViewBudgets = {
  /** Milliseconds from navigation start to an element's first useful view, on the phone profile. */
  firstViewMs: 2_000,
};

/** DevTools' "Slow 4G" preset (`Slow4GConditions`): throughputs in bytes per second, latency in ms. */
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
} as const;

const CPU_SLOWDOWN = 4;
const RUNS = 3;
/** The built My health page with the booker's visit type set by the page, written beside it (see below). */
const PAGE = 'my-health-annual-physical.html';
const VISIT_TYPE = 'https://riverside-health.example.org/fhir/CodeSystem/visit-type|annual-physical';

/**
 * My health opens the booker on "What is the visit for?"; a page for one kind of visit (as a hospital's
 * "Book an annual physical" link would be) sets `service-type`, and the calendar is the booker's first screen.
 * This writes that page into the built site: the production my-health.html with that one attribute added.
 */
async function writeVisitTypePage(siteDir: string): Promise<void> {
  const page = await readFile(join(siteDir, 'my-health.html'), 'utf8');
  const withVisitType = page.replace(/<appointment-booker\b/, `<appointment-booker service-type="${VISIT_TYPE}"`);
  if (withVisitType === page) throw new Error('my-health.html has no <appointment-booker>');
  await writeFile(join(siteDir, PAGE), withVisitType);
}

/** Each element on the page and what shows its first useful view in its shadow root. */
export const FIRST_VIEWS = [
  { tag: 'appointment-booker', view: 'the calendar with open times', selector: 'button.has-times' },
  { tag: 'lab-results', view: 'the first reports listed', selector: '[part="report-button"]' },
  { tag: 'message-inbox', view: 'the first conversations listed', selector: '[part~="thread-button"]' },
  { tag: 'bill-pay', view: 'the amount due and the statements', selector: '[part~="statement-button"]' },
  { tag: 'record-download', view: 'the export’s choices', selector: '[part~="export-start-button"]' },
] as const;

const CASES = [
  { id: 'cold', label: 'cold cache (fresh context, signed in, HTTP cache cleared)' },
  { id: 'reload', label: 'signed-in reload (same context, HTTP cache warm)' },
] as const;

type CaseId = (typeof CASES)[number]['id'];

interface Traffic {
  /** Requests the page made, including those the HTTP cache answered. */
  requests: number;
  /** Bytes received (headers and bodies as sent), until the last first view. */
  transferred: number;
  /** Of that, FHIR responses: as received, and their bodies gzip-compressed (what a compressing server would send). */
  fhir: number;
  fhirGzip: number;
  largest: { url: string; bytes: number }[];
}

interface Load extends Traffic {
  /** Milliseconds from navigation start to each element's first view, by tag. */
  views: Record<string, number>;
}

/** Counts requests and bytes received on `cdp` until `stop()`; `fhirBase` marks the FHIR server's responses. */
function countTraffic(cdp: CDPSession, fhirBase: string): { stop(): Promise<Traffic> } {
  const urls = new Map<string, string>();
  const received: { url: string; bytes: number }[] = [];
  const fhirGzip: Promise<number>[] = [];
  const sent = (event: { requestId: string; request: { url: string } }) => void urls.set(event.requestId, event.request.url);
  const finished = (event: { requestId: string; encodedDataLength: number }) => {
    const url = urls.get(event.requestId) ?? '';
    received.push({ url, bytes: event.encodedDataLength });
    if (url.startsWith(fhirBase)) {
      fhirGzip.push(
        cdp
          .send('Network.getResponseBody', { requestId: event.requestId })
          .then(({ body, base64Encoded }) => gzipSync(Buffer.from(body, base64Encoded ? 'base64' : 'utf8'), { level: 9 }).length)
          .catch(() => 0),
      );
    }
  };
  cdp.on('Network.requestWillBeSent', sent);
  cdp.on('Network.loadingFinished', finished);
  return {
    async stop() {
      cdp.off('Network.requestWillBeSent', sent);
      cdp.off('Network.loadingFinished', finished);
      return {
        requests: urls.size,
        transferred: received.reduce((n, r) => n + r.bytes, 0),
        fhir: received.filter((r) => r.url.startsWith(fhirBase)).reduce((n, r) => n + r.bytes, 0),
        fhirGzip: (await Promise.all(fhirGzip)).reduce((a, b) => a + b, 0),
        largest: [...received].sort((a, b) => b.bytes - a.bytes).slice(0, 8),
      };
    },
  };
}

/** Starts a navigation and waits for every element's first view; times are the page's own, from navigation start. */
async function timeLoad(page: Page, cdp: CDPSession, fhirBase: string, navigate: () => Promise<unknown>): Promise<Load> {
  const traffic = countTraffic(cdp, fhirBase);
  await navigate();
  const times = await Promise.all(
    FIRST_VIEWS.map(async ({ tag, selector }) => {
      const shown = await page.waitForFunction(
        ([t, s]) => (document.querySelector(t)?.shadowRoot?.querySelector(s) ? performance.now() : 0),
        [tag, selector] as const,
        { timeout: 60_000 },
      );
      return [tag, (await shown.jsonValue()) as number] as const;
    }),
  );
  return { views: Object.fromEntries(times), ...(await traffic.stop()) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function firstView(_context: BenchContext): Promise<void> {
  const demo = await startDemo();
  // The same pages and Content-Security-Policy as the demo's own server, with a production host's caching.
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${new URL(demo.backend.origin).origin}`,
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  await writeVisitTypePage(demo.siteDir);
  const site = await serveWithCaching(demo.siteDir, csp);
  const cachedDemo = { ...demo, siteUrl: site.url };
  const fhirBase = demo.backend.fhirBaseUrl;
  try {
    const loads: Record<CaseId, Load[]> = { cold: [], reload: [] };
    for (let run = 0; run < RUNS; run++) {
      const { page, context } = await demo.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
      await signInOn(cachedDemo, page, PAGE);
      await page.locator('patient-banner [part="name"]').first().waitFor();
      await page.waitForLoadState('networkidle');

      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.clearBrowserCache');
      // Disabled as well: Chromium's in-memory cache would otherwise hand back what this tab already loaded.
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      loads.cold.push(await timeLoad(page, cdp, fhirBase, () => page.goto(`${site.url}${PAGE}`, { waitUntil: 'commit' })));

      // A first visit with the cache on fills it (not timed); the reload after it is the one a patient makes.
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
      await timeLoad(page, cdp, fhirBase, () => page.reload({ waitUntil: 'commit' }));
      loads.reload.push(await timeLoad(page, cdp, fhirBase, () => page.reload({ waitUntil: 'commit' })));
      await cdp.detach();
      await context.close();
    }

    const rows: Row[] = CASES.flatMap(({ id, label }) => [
      {
        label: `${label}: the page`,
        values: { requests: median(loads[id].map((l) => l.requests)), transferred: median(loads[id].map((l) => l.transferred)), fhir: median(loads[id].map((l) => l.fhir)), fhirGzip: median(loads[id].map((l) => l.fhirGzip)) },
        note: 'until the last first view (medians); FHIR: the responses of the FHIR server as received, and gzip-compressed',
        details: { runs: loads[id] },
      },
      ...FIRST_VIEWS.map(({ tag, view }) => {
        const runs = loads[id].map((l) => Math.round(l.views[tag]!));
        return {
          label: `<${tag}>, ${id === 'cold' ? 'cold cache' : 'reload'}: ${view}`,
          depth: 1,
          values: { ms: median(runs), slowest: Math.max(...runs) },
          budget: { column: 'ms', max: firstViewBudgets.firstViewMs },
          note: `runs: ${runs.join(', ')} ms`,
          details: { runs },
        };
      }),
    ]);
    report(
      {
        id: 'first-view',
        title: `First view on a phone (Slow 4G, ${CPU_SLOWDOWN}× CPU, 375×812): demo site ${PAGE}, production build, signed in`,
        columns: [
          { key: 'ms', label: `median of ${RUNS}`, unit: 'ms' },
          { key: 'slowest', label: 'slowest', unit: 'ms' },
          { key: 'requests', label: 'requests', unit: 'count' },
          { key: 'transferred', label: 'received', unit: 'bytes' },
          { key: 'fhir', label: 'FHIR', unit: 'bytes' },
          { key: 'fhirGzip', label: 'FHIR gzip', unit: 'bytes' },
        ],
        notes: [
          'Milliseconds from navigation start to the element showing its first view in its shadow root (polled each frame).',
          `Network: DevTools "Slow 4G" (${SLOW_4G.latency} ms latency, 1.6 Mbps down, 0.75 Mbps up, × 0.9). Both elements load on the same page.`,
        ],
      },
      rows,
    );
  } finally {
    await site.close();
    await demo.close();
  }
}
