/**
 * first-view: on a phone, milliseconds from navigation start to each element's first useful view, and what
 * the browser fetched before it, on the page a hospital deploys: `packages/portico` built fresh with its own
 * config, on a plain static page (strict CSP, no bundler; tools/bench/shipped-page.ts) with `portal-session`
 * (SMART), `patient-banner` and every element, served as a production host serves it (brotli or gzip, hashed
 * chunks cached immutably, the page and `portico.js` revalidated with an ETag; caching-site-server.ts),
 * against the embedded backend, signed in through its real login page.
 *
 * Phone profile: Chrome DevTools' "Slow 4G" network preset (`Slow4GConditions` in devtools-frontend
 * front_end/core/sdk/NetworkManager.ts, called "Fast 3G" before May 2024: 562.5 ms latency, 1.6 Mbps down,
 * 0.75 Mbps up, each throughput × 0.9) through `Network.emulateNetworkConditions`, 4× CPU slowdown through
 * `Emulation.setCPUThrottlingRate`, a 375×812 viewport. Two cases per run, on the phone and unthrottled:
 * a cold cache (a fresh browser context holding the signed-in tab's sessionStorage, so nothing is cached:
 * no HTTP cache, no CORS preflight cache, no open connection) and a signed-in reload (the same tab, reloaded
 * twice; the second is timed, with the HTTP cache as a returning patient has it). Medians of RUNS.
 */
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { startPorticoServer } from '../../demo/server/server.js';
import { CLINIC_TIME_ZONE } from '../../demo/server/seed/calendar.js';
import { signInOnLoginPage } from '../../test/e2e/demo.js';
import { CHROMIUM_ARGS, findChromium } from '../chromium.mjs';
import { serveWithCaching } from './caching-site-server.js';
import { startProfile } from './cpu-profile.js';
import { searchUrl, type FirstSearches } from '../../packages/core/src/fhir/index.js';
import { BILL_PAY_FIRST_SEARCHES } from '../../packages/bill-pay/src/scopes.js';
import { HEALTH_RECORD_FIRST_SEARCHES, HEALTH_REMINDERS_FIRST_SEARCHES } from '../../packages/health-record/src/scopes.js';
import { MEDICATION_LIST_FIRST_SEARCHES } from '../../packages/medications/src/scopes.js';
import { MESSAGE_INBOX_FIRST_SEARCHES } from '../../packages/message-inbox/src/scopes.js';
import { lazyElementTags } from './element-defines.js';
import { localhostTls } from '../localhost-tls.js';
import { traceNetwork, type TracedRequest } from './network-trace.js';
import { fhirChain, importedThrough, scriptChain } from './request-chains.js';
import { report, type Budget, type Row } from './report.js';
import { alonePage, PAGE, writeShippedPage, type PageElement, type ShippedPage } from './shipped-page.js';
import type { BenchContext } from './sizes.js';

export const firstViewBudgets = {
  /** Milliseconds from navigation start to an element's first useful view on the phone, signed-in reload. */
  warmMs: 2_000,
  /** The same with a cold cache. */
  coldMs: 3_500,
  /** Bytes of FHIR JSON (decoded) the element itself asked for before its first view. */
  fhirDecoded: 150_000,
  /** Dependent FHIR round trips before its first view (see request-chains.ts). */
  fhirChain: 2,
};

/** DevTools' "Slow 4G" preset (`Slow4GConditions`): throughputs in bytes per second, latency in ms. */
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
} as const;

const CPU_SLOWDOWN = 4;
/** The demo patient the bench signs in as (her user name is her Patient id). */
const PATIENT = 'maria';
/** Loads per case and profile (`--runs=N` to change, e.g. 1 while looking at a timeline). */
const RUNS = Number(/^--runs=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--runs=')) ?? '')?.[1] ?? 5);
/** How long a load may take before a view not shown yet is reported as missing. */
const VIEW_TIMEOUT_MS = 30_000;
/** Loads per case and profile of each element's page of its own (fewer: there are eight such pages). */
const ALONE_RUNS = Math.min(RUNS, 3);

/** What shows each element's first useful view in its shadow root; `owner` is whose FHIR requests count for it. */
export const FIRST_VIEWS = [
  { id: 'banner', tag: 'patient-banner', owner: 'session', view: 'the patient’s name', selector: '[part~="name"]', budget: true },
  { id: 'booker', tag: 'appointment-booker', owner: 'appointment-booker', view: 'the calendar with open times', selector: '[part~="day-has-times"]', budget: true },
  { id: 'booker-times', tag: 'appointment-booker', owner: 'appointment-booker', view: 'the first day’s open times', selector: '[part~="time-button"]', budget: false },
  { id: 'lab-results', tag: 'lab-results', owner: 'lab-results', view: 'the first reports listed', selector: '[part~="report-button"]', budget: true },
  { id: 'message-inbox', tag: 'message-inbox', owner: 'message-inbox', view: 'the first conversations listed', selector: '[part~="thread-button"]', budget: true },
  { id: 'bill-pay', tag: 'bill-pay', owner: 'bill-pay', view: 'the amount due and the statements', selector: '[part~="statement-button"]', budget: true },
  { id: 'record-download', tag: 'record-download', owner: 'record-download', view: 'the export’s choices', selector: '[part~="export-start-button"]', budget: true },
  { id: 'medication-list', tag: 'medication-list', owner: 'medication-list', view: 'the medicines listed', selector: '[part~="medicine"]', budget: true },
  { id: 'health-record', tag: 'health-record', owner: 'health-record', view: 'the conditions listed', selector: '[part~="condition"]', budget: true },
  { id: 'health-reminders', tag: 'health-reminders', owner: 'health-reminders', view: 'what is due listed', selector: '[part~="reminder"]', budget: true },
] as const satisfies readonly { id: string; tag: string; owner: PageElement | 'session'; view: string; selector: string; budget: boolean }[];

type ViewId = (typeof FIRST_VIEWS)[number]['id'];
type Owner = (typeof FIRST_VIEWS)[number]['owner'];

const PROFILES = ['phone', 'unthrottled'] as const;
type Profile = (typeof PROFILES)[number];
const CASES = [
  { id: 'cold', label: 'cold cache', budget: firstViewBudgets.coldMs },
  { id: 'warm', label: 'signed-in reload', budget: firstViewBudgets.warmMs },
] as const;
type CaseId = (typeof CASES)[number]['id'];

/** One timed page load: when each view first showed (ms from navigation start) and every request. */
interface Load {
  views: Partial<Record<ViewId, number>>;
  requests: TracedRequest[];
}

/**
 * Runs in every document before the page's own scripts (CSP does not apply to it): checks each animation
 * frame whether each element shows its first view, and keeps the first time it does. A string, since the
 * page runs it as written.
 */
const watchViews = (views: readonly { id: string; tag: string; selector: string }[]) => `(() => {
  const views = ${JSON.stringify(views.map(({ id, tag, selector }) => [id, tag, selector]))};
  const shown = {};
  window.__porticoFirstViews = shown;
  const check = () => {
    for (const [id, tag, selector] of views) {
      if (!(id in shown) && document.querySelector(tag)?.shadowRoot?.querySelector(selector)) shown[id] = performance.now();
    }
    if (Object.keys(shown).length < views.length) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/** Puts the signed-in tab's sessionStorage into a fresh context's first document of `origin`. */
const restoreSession = (origin: string, entries: [string, string][]) => `(() => {
  if (location.origin !== ${JSON.stringify(origin)} || sessionStorage.length) return;
  for (const [key, value] of ${JSON.stringify(entries)}) sessionStorage.setItem(key, value);
})();`;

/** Nodes under each Portico element on the page, its shadow roots' (nested ones too) included, by tag. A string, as the page runs it. */
const COUNT_NODES = `(() => {
  const count = (root) => {
    let n = 0;
    const walk = (node) => {
      n++;
      if (node.shadowRoot) walk(node.shadowRoot);
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(root);
    return n;
  };
  const counts = {};
  for (const element of document.querySelectorAll('portal-session > *')) counts[element.localName] = count(element);
  return counts;
})()`;

/** Starts a navigation, waits until every view shows (or VIEW_TIMEOUT_MS), and returns what the page did. */
async function timeLoad(page: Page, cdp: CDPSession, viewCount: number, navigate: () => Promise<unknown>): Promise<Load> {
  const trace = traceNetwork(cdp);
  await navigate();
  await page.waitForFunction(
    ([count, timeout]) => {
      const shown = (window as unknown as { __porticoFirstViews?: Record<string, number> }).__porticoFirstViews ?? {};
      return Object.keys(shown).length >= count || performance.now() > timeout;
    },
    [viewCount, VIEW_TIMEOUT_MS] as const,
    { timeout: VIEW_TIMEOUT_MS + 30_000, polling: 100 },
  );
  const views = await page.evaluate(() => ({ ...(window as unknown as { __porticoFirstViews: Record<string, number> }).__porticoFirstViews }));
  // The protocol's last events of the load arrive a moment after the page has shown it.
  await new Promise((done) => setTimeout(done, 300));
  return { views: views as Load['views'], requests: trace.stop() };
}

/** A page in `context` with the network traced (async call stacks on) and, on the phone, the network and CPU throttled. */
async function visit(context: BrowserContext, profile: Profile): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Async call stacks on each fetch's initiator: they name the element whose code asked for it.
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.setAsyncCallStackDepth', { maxDepth: 32 });
  if (profile === 'phone') {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  return { page, cdp };
}

/**
 * The searches each element's first screen declares (packages/portico/src/index.ts), which the session
 * sends for it while its code loads: the element's own though no code of its own asked for them. An
 * element of the page that declares some belongs here.
 */
const FIRST_SEARCHES: Partial<Record<PageElement, FirstSearches>> = {
  'message-inbox': MESSAGE_INBOX_FIRST_SEARCHES,
  'bill-pay': BILL_PAY_FIRST_SEARCHES,
  'medication-list': MEDICATION_LIST_FIRST_SEARCHES,
  'health-record': HEALTH_RECORD_FIRST_SEARCHES,
  'health-reminders': HEALTH_REMINDERS_FIRST_SEARCHES,
};

/**
 * A search's URL with each `date` parameter cut to its comparator (`ge`, `lt`): the first searches that
 * depend on the day (the visits booked ahead) are worked out in the phone's time zone, not this process's.
 */
function withoutDates(url: string): string {
  const parsed = new URL(url);
  const dates = parsed.searchParams.getAll('date');
  parsed.searchParams.delete('date');
  for (const date of dates) parsed.searchParams.append('date', date.slice(0, 2));
  return parsed.href;
}

/** The first searches the session sends for the page's elements, by URL without dates (the page sets none of the attributes they read). */
function firstSearchOwners(shipped: ShippedPage, fhirBase: string, patientId: string): Map<string, PageElement> {
  const noAttributes = { getAttribute: () => null } as unknown as Element;
  const owners = new Map<string, PageElement>();
  for (const tag of shipped.elements) for (const search of FIRST_SEARCHES[tag]?.(noAttributes, patientId) ?? []) owners.set(withoutDates(searchUrl(fhirBase, search)), tag);
  return owners;
}

/**
 * Who asked for a FHIR request: the element whose own chunks are on its call stack, or whose first search
 * the session sent for it, else the session. The CapabilityStatement is always the session's (every
 * element's client shares it).
 */
function ownerOf(request: TracedRequest, shipped: ShippedPage, firstSearches: ReadonlyMap<string, PageElement>): Owner {
  if (/\/metadata(?:\?|$)/.test(request.url)) return 'session';
  const declared = request.url.includes('?') ? firstSearches.get(withoutDates(request.url)) : undefined;
  if (declared) return declared;
  for (const url of request.stackUrls) {
    const path = new URL(url).pathname;
    const element = shipped.elements.find((tag) => shipped.ownChunks[tag]?.includes(path));
    if (element) return element;
  }
  return 'session';
}

/** What one load fetched before one view showed. */
interface Before {
  requests: number;
  scripts: number;
  scriptsDecoded: number;
  fhir: number;
  fhirDecoded: number;
  ownRequests: number;
  ownPreflights: number;
  ownFhir: number;
  ownFhirDecoded: number;
  scriptChain: number;
  fhirChain: number;
  /** The element's own FHIR requests (for results.json): what was asked for, when, and whether it needed a preflight. */
  own: { request: string; issued: number; ended: number; preflight: boolean }[];
}

/** What the measured page is: its build, its FHIR server, and the first searches the session sends for its elements (firstSearchOwners). */
interface MeasuredPage {
  shipped: ShippedPage;
  fhirBase: string;
  firstSearches: ReadonlyMap<string, PageElement>;
}

function before(load: Load, shownAt: number, owner: Owner, { shipped, fhirBase, firstSearches }: MeasuredPage): Before {
  const done = load.requests.filter((r) => r.ended !== undefined && r.ended <= shownAt);
  const scripts = done.filter((r) => r.type === 'Script');
  const fhirAll = done.filter((r) => r.url.startsWith(fhirBase));
  const byId = new Map(load.requests.map((r) => [r.id, r]));
  // A CORS preflight names the request it was sent for; it belongs to that request's owner.
  const preflights = new Map(load.requests.filter((r) => r.method === 'OPTIONS' && r.initiatorRequest && byId.has(r.initiatorRequest)).map((r) => [r.initiatorRequest!, r]));
  const isPreflight = (r: TracedRequest) => r.method === 'OPTIONS' && !!r.initiatorRequest && byId.has(r.initiatorRequest);
  const fhirCalls = fhirAll.filter((r) => !isPreflight(r));
  const own = fhirCalls.filter((r) => ownerOf(r, shipped, firstSearches) === owner);
  const ownPreflights = own.filter((r) => preflights.has(r.id)).map((r) => preflights.get(r.id)!);
  const capability = fhirCalls.filter((r) => /\/metadata(?:\?|$)/.test(r.url));
  const define = owner === 'session' ? '' : (shipped.defineChunk[owner] ?? '');
  const sum = (list: TracedRequest[], key: 'transferred' | 'decoded') => list.reduce((n, r) => n + r[key], 0);
  return {
    requests: done.filter((r) => !r.fromCache && !r.url.startsWith('data:')).length,
    scripts: sum(scripts, 'transferred'),
    scriptsDecoded: sum(scripts, 'decoded'),
    fhir: sum(fhirAll, 'transferred'),
    fhirDecoded: sum(fhirAll, 'decoded'),
    ownRequests: own.length + ownPreflights.length,
    ownPreflights: ownPreflights.length,
    ownFhir: sum([...own, ...ownPreflights], 'transferred'),
    ownFhirDecoded: sum(own, 'decoded'),
    // The session's view (the banner) needs `portico.js`; an element's, its define chunk and what that imports.
    scriptChain: scriptChain(done, (r) => (owner === 'session' ? new URL(r.url).pathname === '/portico/portico.js' : importedThrough(load.requests, r, define))),
    fhirChain: fhirChain([...new Set([...own, ...capability])], own, preflights),
    own: own.map((r) => ({ request: `${r.method} ${r.url.slice(fhirBase.length)}`, issued: Math.round(r.issued), ended: Math.round(r.ended!), preflight: preflights.has(r.id) })),
  };
}

/** `--timeline`: a load's views and requests in the order they were issued (ms from the page's request), to see where the time goes. */
function printTimeline(title: string, load: Load): void {
  const at = (ms: number | undefined) => (ms === undefined ? '–' : String(Math.round(ms))).padStart(6);
  console.log(`\n### ${title}\nviews: ${Object.entries(load.views).map(([id, ms]) => `${id} ${Math.round(ms)}`).join(', ')}`);
  for (const r of [...load.requests].sort((a, b) => a.issued - b.issued)) {
    console.log(`${r.type.padEnd(10)} ${at(r.issued)} ${at(r.ended)}  ${(r.fromCache ? 'cache' : String(r.status ?? '–')).padEnd(5)} ${r.method.padEnd(7)} ${r.url.replace(/^https?:\/\/localhost:\d+/, '').slice(0, 120)}`);
  }
}

/**
 * A view's times in one case: the phone's median and slowest, the unthrottled median, and each run's. A view
 * that never showed counts as endless, so its median is over budget rather than left out.
 */
function timings(loads: Record<Profile, Record<CaseId, Load[]>>, caseId: CaseId, id: ViewId) {
  const ms = (profile: Profile) => loads[profile][caseId].map((l) => Math.round(l.views[id] ?? Infinity));
  const phone = ms('phone');
  const missing = phone.filter((v) => v === Infinity).length;
  const shown = (runs: number[]) => runs.map((v) => (v === Infinity ? null : v));
  return {
    values: { ms: median(phone), slowest: Math.max(...phone), unthrottled: median(ms('unthrottled')) },
    note: `runs: ${phone.filter((v) => v !== Infinity).join(', ')} ms${missing ? `; not shown within ${VIEW_TIMEOUT_MS / 1000} s in ${missing} of ${phone.length}` : ''}`,
    details: { phone: shown(phone), unthrottled: shown(ms('unthrottled')) },
  };
}

const median = (values: number[]) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! : undefined);

/** The `first-view` section: builds and serves the page, signs in once, times RUNS loads per case and profile, reports two tables. */
export async function firstView({ root, tmp }: BenchContext): Promise<void> {
  // HTTPS over HTTP/2, as a hospital's site and its FHIR server are served (`--http1`: plain HTTP/1.1 to compare).
  const tls = process.argv.includes('--http1') ? undefined : await localhostTls(tmp);
  const protocol = tls ? 'HTTP/2 over TLS' : 'HTTP/1.1 without TLS';
  const backend = await startPorticoServer({ port: 0, tls });
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_ARGS, ...(tls ? [tls.chromiumFlag] : [])] });
  let site: Awaited<ReturnType<typeof serveWithCaching>> | undefined;
  try {
    // --profile: a CPU profile of one phone reload of the page with every element (names kept in the build).
    const profiling = process.argv.includes('--profile');
    const shipped = await writeShippedPage(root, tmp, { fhirBaseUrl: backend.fhirBaseUrl, processorUrl: backend.processorUrl }, { readableNames: profiling });
    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      `connect-src 'self' ${backend.origin}`,
      "img-src 'self' data: blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    site = await serveWithCaching(shipped.siteDir, csp, tls);
    // An element the umbrella loads but the page lacks is named under the tables (it needs a first view above).
    const notOnPage = (await lazyElementTags(join(root, 'packages/portico'))).filter((tag) => !(shipped.elements as readonly string[]).includes(tag));
    const views = FIRST_VIEWS.filter((view) => view.owner === 'session' || shipped.elements.includes(view.owner));
    const pageUrl = `${site.url}${PAGE}`;
    // The patient's phone keeps the demo clinic's time, as a local patient's does: in another zone the
    // booker's first days depend on the hour the bench runs (its calendar is the clinic's, known once the
    // Schedule is read), and so would its first read.
    const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, timezoneId: CLINIC_TIME_ZONE };

    // One real SMART sign-in through the login page; each run's fresh context starts from the tab it left.
    const signIn = await browser.newContext(phone);
    const signInPage = await signIn.newPage();
    await signInPage.goto(pageUrl);
    await signInPage.locator('portal-session').getByRole('button', { name: 'Sign in' }).first().click();
    await signInOnLoginPage(signInPage, PATIENT);
    await signInPage.waitForURL(pageUrl);
    await signInPage.locator('patient-banner [part~="name"]').first().waitFor();
    await signInPage.waitForLoadState('networkidle');
    const session = await signInPage.evaluate(() => Object.entries(sessionStorage));
    await signIn.close();

    /** `runs` loads of each case on each profile of the page at `url`, until every one of `pageViews` shows. */
    const measure = async (url: string, pageViews: readonly (typeof views)[number][], runs: number, title: string) => {
      const loads: Record<Profile, Record<CaseId, Load[]>> = { phone: { cold: [], warm: [] }, unthrottled: { cold: [], warm: [] } };
      for (let run = 0; run < runs; run++) {
        for (const profile of PROFILES) {
          const context = await browser.newContext(phone);
          await context.addInitScript(restoreSession(new URL(site!.url).origin, session));
          await context.addInitScript(watchViews(pageViews));
          const { page, cdp } = await visit(context, profile);
          loads[profile].cold.push(await timeLoad(page, cdp, pageViews.length, () => page.goto(url, { waitUntil: 'commit' })));
          // The reload after the first fills what a returning patient's browser holds (later chunks, compiled code); the next is timed.
          await timeLoad(page, cdp, pageViews.length, () => page.reload({ waitUntil: 'commit' }));
          await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => undefined);
          const stopProfile = profiling && profile === 'phone' && run === 0 && url === pageUrl ? await startProfile(cdp, browser, page) : undefined;
          loads[profile].warm.push(await timeLoad(page, cdp, pageViews.length, () => page.reload({ waitUntil: 'commit' })));
          if (stopProfile) {
            console.log([`\n${title}, phone, signed-in reload: CPU profile`, ...(await stopProfile())].join('\n'));
            console.log(`DOM nodes per element (shadow roots included): ${JSON.stringify(await page.evaluate(COUNT_NODES))}`);
          }
          if (process.argv.includes('--timeline') && profile === 'phone') {
            printTimeline(`${title}, run ${run + 1}, phone, cold cache`, loads.phone.cold.at(-1)!);
            printTimeline(`${title}, run ${run + 1}, phone, signed-in reload`, loads.phone.warm.at(-1)!);
          }
          await context.close();
        }
      }
      return loads;
    };
    const loads = await measure(pageUrl, views, RUNS, 'every element');
    // Each element on a page of its own with the banner, as a hospital's page for one task ("Book a visit") has it.
    const alone = new Map<PageElement, Awaited<ReturnType<typeof measure>>>();
    if (!process.argv.includes('--no-alone')) {
      for (const tag of shipped.elements) {
        alone.set(tag, await measure(`${site.url}${alonePage(tag)}`, views.filter((v) => v.owner === 'session' || v.owner === tag), ALONE_RUNS, `<${tag}> alone`));
      }
    }

    const fhirBase = backend.fhirBaseUrl;
    const measuredPage: MeasuredPage = { shipped, fhirBase, firstSearches: firstSearchOwners(shipped, fhirBase, PATIENT) };
    const timeRows: Row[] = CASES.flatMap(({ id: caseId, label, budget }) => [
      { label: `phone, ${label}`, values: {} },
      ...views.map((view): Row => {
        const timed = timings(loads, caseId, view.id);
        return {
          label: `<${view.tag}>, ${label}: ${view.view}`,
          depth: 1,
          values: timed.values,
          budget: view.budget ? { column: 'ms', max: budget } : undefined,
          note: timed.note,
          details: timed.details,
        };
      }),
    ]);
    report(
      {
        id: 'first-view',
        title: `First view on a phone (Slow 4G, ${CPU_SLOWDOWN}× CPU, 375×812): the shipped portico.js on a static page with every element, signed in`,
        columns: [
          { key: 'ms', label: `median of ${RUNS}`, unit: 'ms' },
          { key: 'slowest', label: 'slowest', unit: 'ms' },
          { key: 'unthrottled', label: 'unthrottled', unit: 'ms' },
        ],
        notes: [
          'Milliseconds from navigation start to the element showing its first view in its shadow root (checked each frame).',
          `Phone: DevTools "Slow 4G" (${SLOW_4G.latency} ms latency, 1.6 Mbps down, 0.75 Mbps up, × 0.9), ${CPU_SLOWDOWN}× CPU; unthrottled: the same load on this machine's network and CPU.`,
          `The page and the FHIR server (two origins) served ${protocol}.`,
          `Cold: a fresh browser context with the signed-in tab's sessionStorage (${session.map(([key]) => key).join(', ')}). Reload: that tab reloaded twice, the second timed.`,
          ...(notOnPage.length ? [`Not on the page (add it to PAGE_ELEMENTS in shipped-page.ts and FIRST_VIEWS here): ${notOnPage.join(', ')}.`] : []),
        ],
      },
      timeRows,
    );

    const fhirBudgets: Budget[] = [
      { column: 'ownFhirDecoded', max: firstViewBudgets.fhirDecoded },
      { column: 'fhirChain', max: firstViewBudgets.fhirChain },
    ];
    const trafficRows: Row[] = CASES.flatMap(({ id: caseId, label }) => {
      const pageLoads = loads.phone[caseId];
      const last = pageLoads.map((l) => Math.max(...Object.values(l.views).filter((v): v is number => v !== undefined)));
      const whole = pageLoads.map((l, i) => ({
        all: l.requests.filter((r) => r.ended !== undefined && r.ended <= last[i]! && !r.fromCache && !r.url.startsWith('data:')).length,
        preflights: l.requests.filter((r) => r.method === 'OPTIONS' && r.url.startsWith(fhirBase) && r.ended !== undefined && r.ended <= last[i]!).length,
      }));
      return [
        {
          label: `phone, ${label}: the page, until the last first view`,
          values: { ...medianOf(pageLoads.map((l, i) => before(l, last[i]!, 'session', measuredPage)), ['requests', 'scripts', 'scriptsDecoded', 'fhir', 'fhirDecoded']), requests: median(whole.map((w) => w.all)) },
          note: `CORS preflights to the FHIR server: ${whole.map((w) => w.preflights).join(', ')} (per run)`,
          details: { runs: pageLoads.map((l) => l.requests.map(({ stackUrls: _stack, ...r }) => r)) },
        },
        ...views.map((view): Row => {
          const measured = pageLoads.flatMap((l) => (l.views[view.id] === undefined ? [] : [before(l, l.views[view.id]!, view.owner, measuredPage)]));
          return {
            label: `<${view.tag}>, ${label}: ${view.view}`,
            depth: 1,
            values: medianOf(measured, ['requests', 'scripts', 'scriptsDecoded', 'fhir', 'fhirDecoded', 'ownRequests', 'ownFhir', 'ownFhirDecoded', 'scriptChain', 'fhirChain']),
            budgets: view.budget ? fhirBudgets : undefined,
            note: view.owner === 'session' ? 'its own: what the session asks for (the Patient read), the CapabilityStatement aside' : undefined,
            details: { runs: measured },
          };
        }),
      ];
    });
    report(
      {
        id: 'first-view.traffic',
        title: 'First view on a phone: what was fetched before each first view (medians)',
        columns: [
          { key: 'requests', label: 'requests', unit: 'count' },
          { key: 'scripts', label: 'scripts', unit: 'bytes' },
          { key: 'scriptsDecoded', label: 'decoded', unit: 'bytes' },
          { key: 'fhir', label: 'FHIR', unit: 'bytes' },
          { key: 'fhirDecoded', label: 'decoded', unit: 'bytes' },
          { key: 'ownRequests', label: 'own FHIR', unit: 'count' },
          { key: 'ownFhir', label: 'own FHIR', unit: 'bytes' },
          { key: 'ownFhirDecoded', label: 'decoded', unit: 'bytes' },
          { key: 'scriptChain', label: 'script chain', unit: 'count' },
          { key: 'fhirChain', label: 'FHIR chain', unit: 'count' },
        ],
        notes: [
          'requests: to the network (304s included, answers from the HTTP cache not). scripts / FHIR: bytes received (compressed) and decoded, of every',
          'response finished before the view. own FHIR: the requests the element itself issued (its code on the call stack), CORS preflights included.',
          'script chain: the page, then each script requested only after the one importing it arrived (cache hits skipped).',
          'FHIR chain: own requests, and the CapabilityStatement, each issued only after the one before it ended; a preflight is a link of its own.',
          `Served: ${Object.entries(site.sent).map(([k, v]) => `${k} ${v}`).join(', ')} (responses by Content-Encoding / 304).`,
        ],
      },
      trafficRows,
    );

    if (alone.size) {
      const aloneRows: Row[] = CASES.flatMap(({ id: caseId, label, budget }) => [
        { label: `phone, ${label}`, values: {} },
        ...[...alone].flatMap(([tag, pageLoads]) =>
          views
            .filter((view) => view.owner === tag)
            .map((view): Row => {
              const timed = timings(pageLoads, caseId, view.id);
              const measured = pageLoads.phone[caseId].flatMap((l) => (l.views[view.id] === undefined ? [] : [before(l, l.views[view.id]!, view.owner, measuredPage)]));
              return {
                label: `<${view.tag}>, ${label}: ${view.view}`,
                depth: 1,
                values: { ...timed.values, banner: timings(pageLoads, caseId, 'banner').values.ms, ...medianOf(measured, ['scripts', 'fhir', 'ownFhirDecoded', 'fhirChain']) },
                budgets: view.budget ? [{ column: 'ms', max: budget }, ...fhirBudgets] : undefined,
                note: timed.note,
                details: { ...timed.details, runs: measured },
              };
            }),
        ),
      ]);
      report(
        {
          id: 'first-view.alone',
          title: `First view on a phone, each element on a page of its own (with portal-session and patient-banner), medians of ${ALONE_RUNS}`,
          columns: [
            { key: 'ms', label: 'phone', unit: 'ms' },
            { key: 'slowest', label: 'slowest', unit: 'ms' },
            { key: 'unthrottled', label: 'unthrottled', unit: 'ms' },
            { key: 'banner', label: 'banner', unit: 'ms' },
            { key: 'scripts', label: 'scripts', unit: 'bytes' },
            { key: 'fhir', label: 'FHIR', unit: 'bytes' },
            { key: 'ownFhirDecoded', label: 'own decoded', unit: 'bytes' },
            { key: 'fhirChain', label: 'FHIR chain', unit: 'count' },
          ],
          notes: [
            `The page a hospital gives one task ("Book a visit", "Test results"): ${alonePage('lab-results' as PageElement)} and the like, the same build, server and profiles as above.`,
            'banner: when the patient banner on that page showed its name. scripts / FHIR: bytes received (compressed) before the view; own decoded and FHIR chain as in the table above.',
          ],
        },
        aloneRows,
      );
    }
  } finally {
    await browser.close();
    await site?.close();
    await backend.close();
  }
}

/** The median of each of `keys` over `list`. */
function medianOf(list: Before[], keys: Exclude<keyof Before, 'own'>[]): Record<string, number | undefined> {
  return Object.fromEntries(keys.map((key) => [key, median(list.map((b) => b[key]))]));
}
