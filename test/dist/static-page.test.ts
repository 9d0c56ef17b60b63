import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Appointment, Bundle, DiagnosticReport, Observation, Slot } from 'fhir/r4';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.mjs';
import { signInOnLoginPage } from '../e2e/demo.js';
import { serveStatic, type StaticServer } from '../helpers/static-server.js';
import { importsOf } from './built-files.js';

/**
 * The shipped bundle on a plain static page, included exactly as README.md's "Embed it" says: the files of
 * packages/portico/dist served unchanged at /portico/, a page with a `<script type="module">` and the tags,
 * no bundler, no import map, no inline script or style, under a strict Content-Security-Policy.
 * Run after `npm run build`; PORTICO_DIST=<folder> tests another build of the umbrella package instead.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DIST = resolve(process.env.PORTICO_DIST ?? join(REPO, 'packages/portico/dist'));
const SITE = fileURLToPath(new URL('./static-site/', import.meta.url));
/** The visitor is where the demo clinic is, so the times the page shows are the clinic's. */
const ZONE = 'America/New_York';
const LOCALE = 'en-US';
/** How long one step (a sign-in, a list loading) may take before the test fails with what the page shows. */
const STEP_MS = 15_000;

/** What went into building dist/portico.js: a file here newer than the bundle means the bundle is stale. */
const BUILD_INPUTS = ['packages/core/src', 'packages/appointment-booker/src', 'packages/lab-results/src', 'packages/message-inbox/src', 'packages/bill-pay/src', 'packages/record-download/src', 'packages/medications/src', 'packages/health-record/src', 'packages/portico/src', 'packages/portico/vite.config.ts', 'tools/vite'];

function assertBundleBuilt(): void {
  const bundle = join(DIST, 'portico.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} does not exist: run \`npm run build\` first.`);
  if (process.env.PORTICO_DIST) return;
  const builtAt = statSync(bundle).mtimeMs;
  for (const input of BUILD_INPUTS) {
    const path = join(REPO, input);
    const files = statSync(path).isDirectory() ? readdirSync(path, { recursive: true, encoding: 'utf8' }).map((f) => join(path, f)) : [path];
    const newer = files.find((f) => statSync(f).mtimeMs > builtAt);
    if (newer) throw new Error(`packages/portico/dist is older than ${relative(REPO, newer)}: run \`npm run build\` first.`);
  }
}

/** One visitor: a fresh browser context and what the page reported. */
interface Visit {
  context: BrowserContext;
  page: Page;
  cspViolations: string[];
  pageErrors: Error[];
  consoleErrors: string[];
  /** Console errors still being described. */
  pending: Promise<void>[];
  /** Paths of the Portico files the current document fetched (`/portico/chunks/define-….js`, …), in order. */
  porticoFiles: string[];
}

/** Every file of DIST that `file` imports statically, level after level (paths relative to DIST). */
function staticImportsOf(file: string, seen = new Set<string>()): string[] {
  for (const target of importsOf(file, readFileSync(join(DIST, file), 'utf8')).statics) {
    if (seen.has(target)) continue;
    seen.add(target);
    staticImportsOf(target, seen);
  }
  return [...seen];
}

/** The element chunks (appointment-booker, lab-results) the page fetched. */
const elementChunks = (visit: Visit) => visit.porticoFiles.filter((path) => /^\/portico\/chunks\/define-[\w-]+\.js$/.test(path));

/** Patient-readable error text the session shows, or what a page outside the site (the login server) says. */
async function visibleProblem(visit: Visit, siteOrigin: string): Promise<string | undefined> {
  try {
    return await visit.page.evaluate((origin) => {
      if (!location.href.startsWith(origin)) return `${location.href} says: ${(document.body?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 400)}`;
      for (const session of document.querySelectorAll('portal-session')) {
        const error = session.shadowRoot?.querySelector<HTMLElement>('[part="error"]');
        if (error) return `portal-session shows: ${error.innerText.replace(/\s+/g, ' ').trim()}`;
      }
      return undefined;
    }, siteOrigin);
  } catch {
    return undefined; // navigating: nothing to read yet
  }
}

/**
 * Waits until `done()` holds. Fails at once when the session shows an error, or after STEP_MS, with the
 * page's address, what it shows and every console error, page error and CSP violation it reported.
 */
async function until(visit: Visit, siteOrigin: string, what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    if (await done().catch(() => false)) return;
    const problem = await visibleProblem(visit, siteOrigin);
    const shown = problem?.startsWith('portal-session') ? problem : undefined;
    if (shown || Date.now() > deadline) {
      await Promise.allSettled(visit.pending);
      const list = (items: readonly unknown[]) => (items.length ? items.map((item) => `\n    ${String(item)}`).join('') : ' none');
      throw new Error(
        `${what}: ${shown ? 'the page shows an error' : `not within ${STEP_MS / 1000} s`}.\n  address: ${visit.page.url()}\n  ${problem ?? 'no error shown'}` +
          `\n  console errors:${list(visit.consoleErrors)}\n  page errors:${list(visit.pageErrors.map((e) => e.stack ?? e.message))}\n  CSP violations:${list(visit.cspViolations)}`,
      );
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The text of the banner's name, or '' before it shows one. */
function bannerName(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('patient-banner')?.shadowRoot?.querySelector<HTMLElement>('[part="name"]')?.innerText.trim() ?? '');
}

/** [hour, minute] on a 24-hour clock of a time as the page shows it ('9:30 AM'). */
function clockTime(text: string): [number, number] {
  const match = /(\d{1,2}):(\d{2})\s*([AP]M)/i.exec(text);
  assert.ok(match, `a clock time in "${text}"`);
  return [(Number(match[1]) % 12) + (match[3]!.toUpperCase() === 'PM' ? 12 : 0), Number(match[2])];
}

describe('the built bundle on a plain static page (packages/portico/dist as README.md embeds it)', () => {
  let backend: PorticoServer;
  let site: StaticServer;
  let browser: Browser;
  const visits: Visit[] = [];

  /** A real access token for a demo user, to ask the FHIR server what it holds. */
  async function serverToken(username: string): Promise<string> {
    const response = await fetch(`${backend.origin}/__admin/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, scope: 'patient/*.rs' }),
    });
    assert.equal(response.status, 200, `a token for ${username}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function fhirRead<T>(token: string, path: string): Promise<T> {
    const response = await fetch(`${backend.fhirBaseUrl}/${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' } });
    assert.equal(response.status, 200, `GET ${path}`);
    return (await response.json()) as T;
  }

  async function visit(): Promise<Visit> {
    const context = await browser.newContext({ timezoneId: ZONE, locale: LOCALE });
    context.setDefaultTimeout(STEP_MS);
    const page = await context.newPage();
    const entry: Visit = { context, page, cspViolations: [], pageErrors: [], consoleErrors: [], pending: [], porticoFiles: [] };
    visits.push(entry);
    page.on('pageerror', (error) => entry.pageErrors.push(error));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) return void entry.cspViolations.push(message.text());
      if (message.type() !== 'error') return;
      // An Error logged with a cause (a SessionError wrapping "process is not defined") is told in full.
      const index = entry.consoleErrors.push(message.text()) - 1;
      const described = message.args().map((arg) =>
        arg
          .evaluate((value) => {
            if (!(value instanceof Error)) return String(value);
            const chain: string[] = [];
            for (let error: unknown = value; error instanceof Error && chain.length < 5; error = error.cause) chain.push(`${error.name}: ${error.message}`);
            return chain.join(' — caused by ');
          })
          .catch(() => arg.toString()),
      );
      // A message logged just before the page navigates can no longer be described: its own text (and where) stays.
      const plain = `${message.text()} (${message.location().url})`;
      entry.consoleErrors[index] = plain;
      entry.pending.push(Promise.all(described).then((parts) => void (entry.consoleErrors[index] = parts.join(' ').trim() || plain)));
    });
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) entry.porticoFiles.length = 0;
      const url = new URL(request.url());
      if (url.origin === site.origin && url.pathname.startsWith('/portico/')) entry.porticoFiles.push(url.pathname);
    });
    return entry;
  }

  /** Opens a page of the site and presses Sign in; resolves on the authorization server's login page. */
  async function startSignIn(entry: Visit, file: string): Promise<void> {
    await entry.page.goto(`${site.origin}/${file}`);
    const button = entry.page.getByRole('button', { name: 'Sign in' });
    await until(entry, site.origin, `The Sign in button on ${file}`, () => button.isVisible());
    await button.click();
    await until(entry, site.origin, `Pressing Sign in on ${file} opens the login page`, async () => /\/auth\/interaction\//.test(entry.page.url()));
  }

  /** Waits to be back on `file`, signed in, with the banner naming the patient. */
  async function signedIn(entry: Visit, file: string, name: RegExp): Promise<void> {
    await until(entry, site.origin, `Signing in on ${file}: the banner shows ${name}`, async () => entry.page.url().startsWith(`${site.origin}/${file}`) && name.test(await bannerName(entry.page)));
    const address = new URL(entry.page.url());
    assert.equal(address.search + address.hash, '', 'no code, state or launch left in the address');
  }

  /** Nothing the Content-Security-Policy refused, nothing thrown, no error logged. */
  async function assertClean(entry: Visit): Promise<void> {
    await Promise.allSettled(entry.pending);
    assert.deepEqual(entry.consoleErrors, [], 'the page logs no error');
    assert.deepEqual(entry.cspViolations, [], 'the page works under the strict Content-Security-Policy');
    assert.deepEqual(
      entry.pageErrors.map((e) => e.message),
      [],
      'the page throws nothing',
    );
  }

  before(async () => {
    assertBundleBuilt();
    backend = await startPorticoServer({ port: 0, testAdmin: true });
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
    site = await serveStatic({ mounts: { '/portico/': DIST, '/': SITE }, csp, variables: { fhirBaseUrl: backend.fhirBaseUrl, authIssuer: backend.authIssuer } });
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await Promise.all(visits.map((v) => v.context.close().catch(() => undefined)));
    await browser?.close();
    await site?.close();
    await backend?.close();
  });

  it('SMART standalone launch: Maria signs in; the booker books the first open time and lab results open a report, as the server holds them', async (t) => {
    const v = await visit();
    const { page } = v;
    await startSignIn(v, 'smart.html');
    await signInOnLoginPage(page, 'maria');
    await signedIn(v, 'smart.html', /^Maria .*Hernández$/);
    assert.match(await page.locator('patient-banner [part="details"]').innerText(), /RH-\d+/, 'the banner shows her record number');

    // Each element's code came as its own chunk, once, because its tag is on the page.
    assert.equal(v.porticoFiles[0], '/portico/portico.js');
    assert.equal(elementChunks(v).length, 2, `one chunk each for appointment-booker and lab-results: ${elementChunks(v).join(', ')}`);
    assert.equal(new Set(elementChunks(v)).size, 2, 'no chunk fetched twice');
    const bytes = v.porticoFiles.reduce((sum, path) => sum + statSync(join(DIST, path.slice('/portico/'.length))).size, 0);
    t.diagnostic(`signed in, the page fetched ${v.porticoFiles.length} Portico files, ${(bytes / 1024).toFixed(1)} kB before compression: ${v.porticoFiles.join(' ')}`);
    assert.doesNotMatch(await page.evaluate(() => JSON.stringify(localStorage)), /access_token|refresh_token/, 'no token in localStorage');

    // What the host page hears when a visit is booked.
    await page.evaluate(() => {
      const booked: string[] = [];
      (window as unknown as { booked: string[] }).booked = booked;
      document.addEventListener('portico-appointment-booked', (event) => booked.push(event.detail.appointment.id ?? ''));
    });

    // appointment-booker: the first day with open times is chosen; book its first time.
    const booker = page.locator('appointment-booker');
    await booker.getByRole('heading', { name: 'Book a visit' }).waitFor();
    const visitType = booker.getByLabel('What is the visit for?');
    if (await visitType.isVisible()) await visitType.selectOption({ label: 'Follow-up visit' });
    const firstTime = booker.locator('[part="time-button"]').first();
    const nextAvailable = booker.getByRole('button', { name: 'Show that day' });
    await firstTime.or(nextAvailable).first().waitFor();
    if (!(await firstTime.isVisible())) await nextAvailable.click();
    await firstTime.waitFor();
    const firstOpenDay = await booker.locator('[part~="day-has-times"]:not([disabled])').first().getAttribute('data-day');
    assert.equal(await booker.locator('[part~="day-selected"]').getAttribute('data-day'), firstOpenDay, 'the first day with open times is the one shown');
    const clock = clockTime(await firstTime.locator('.clock').innerText());
    await firstTime.click();
    await booker.getByRole('heading', { name: 'Review your visit' }).waitFor();
    await booker.getByRole('button', { name: 'Confirm booking' }).click();
    await booker.locator('[part="confirmation"]').getByRole('heading', { name: /^You['’]re booked$/ }).waitFor();

    const booked = await page.evaluate(() => (window as unknown as { booked: string[] }).booked);
    assert.equal(booked.length, 1, 'the page heard one booking');
    const token = await serverToken('maria');
    const appointment = await fhirRead<Appointment>(token, `Appointment/${booked[0]}`);
    assert.equal(appointment.status, 'booked', 'the server holds the visit, booked');
    assert.ok(appointment.participant.some((p) => p.actor?.reference === 'Patient/maria'), 'for Maria');
    assert.ok(appointment.start, 'at a time');
    const start = new Date(appointment.start);
    assert.equal(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(start), firstOpenDay, 'on the day chosen');
    assert.deepEqual(clockTime(new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: 'numeric', minute: '2-digit' }).format(start)), clock, 'at the time chosen');
    const slot = appointment.slot?.[0]?.reference;
    assert.ok(slot, 'in a slot');
    assert.equal((await fhirRead<Slot>(token, slot)).status, 'busy', 'the slot is taken');

    // lab-results: reports newest first, as the server dates them.
    const labs = page.locator('lab-results');
    const reportButtons = labs.locator('[part="report"]:not(.loose) [part="report-button"]');
    await reportButtons.first().waitFor();
    const reports = await fhirRead<Bundle>(token, 'DiagnosticReport?patient=Patient/maria&category=LAB&_count=1000');
    const dates = new Map((reports.entry ?? []).map((e) => e.resource as DiagnosticReport).map((r) => [r.id!, Date.parse(r.effectiveDateTime ?? '')]));
    const shownIds = (await reportButtons.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-controls') ?? ''))).map((id) => id.replace(/^report-/, ''));
    assert.ok(shownIds.length >= 2, `several reports are listed (${shownIds.length})`);
    const shownDates = shownIds.map((id) => {
      assert.ok(dates.has(id), `report ${id} is one of Maria's lab reports on the server`);
      return dates.get(id)!;
    });
    assert.deepEqual(shownDates, [...shownDates].sort((a, b) => b - a), 'newest first');
    assert.equal(shownDates[0], Math.max(...dates.values()), 'the first is the newest on the server');

    // Open the newest report: a result's value is the server's Observation value.
    await reportButtons.first().click();
    const body = labs.locator(`[id="report-${shownIds[0]}"]`);
    const row = body.locator('tbody tr').filter({ has: page.locator('[data-trend-for]') }).first();
    await row.waitFor();
    const observationId = (await row.locator('[data-trend-for]').getAttribute('data-trend-for')) ?? '';
    const quantity = (await fhirRead<Observation>(token, `Observation/${observationId}`)).valueQuantity;
    assert.ok(typeof quantity?.value === 'number', `Observation/${observationId} has a number`);
    const value = (await row.locator('td.value > bdi').innerText()).trim();
    const number = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 4 }).format(quantity.value);
    assert.ok(value === `${number}${quantity.unit ?? ''}` || value === `${number} ${quantity.unit ?? ''}`, `the value shown, "${value}", is the server’s: ${number} ${quantity.unit}`);
    await assertClean(v);
  });

  it('SMART EHR launch: the EHR opens the page with launch and iss, and the session opens the patient the EHR chose', async () => {
    const v = await visit();
    const app = `${site.origin}/smart.html`;
    await v.page.goto(`${backend.authIssuer}/launch?patient=leo&app=${encodeURIComponent(app)}`);
    await until(v, site.origin, 'An EHR launch of smart.html goes on to the login page', async () => /\/auth\/interaction\//.test(v.page.url()));
    // James may open two records; the EHR's choice (Leo) stands, with no picker.
    await signInOnLoginPage(v.page, 'james');
    await signedIn(v, 'smart.html', /^Leo /);
    await assertClean(v);
  });

  it('OpenID Connect: signs in at the OIDC issuer and the banner shows the patient', async () => {
    const v = await visit();
    await startSignIn(v, 'oidc.html');
    await signInOnLoginPage(v.page, 'maria');
    await signedIn(v, 'oidc.html', /^Maria .*Hernández$/);
    await v.page.locator('lab-results [part="report-button"]').first().waitFor();
    await assertClean(v);
  });

  it('an element added to the page: its chunk and every chunk that one imports are all requested before its chunk has arrived, and it alone is registered', async () => {
    const tags = ['appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'medication-list', 'health-record', 'health-reminders'] as const;
    let dependencies = 0;
    const chunkOf = new Map<string, string>();
    for (const tag of tags) {
      const v = await visit();
      await v.page.goto(`${site.origin}/token.html`);
      await until(v, site.origin, 'Token mode on token.html: the banner shows Maria', async () => /^Maria .*Hernández$/.test(await bannerName(v.page)));
      // Each response takes a while to come back, as on any real network: a chunk found only once another has arrived shows.
      const cdp = await v.context.newCDPSession(v.page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: -1, uploadThroughput: -1 });
      await v.page.evaluate((name) => document.querySelector('portal-session')!.append(document.createElement(name)), tag);
      await until(v, site.origin, `<${tag}> added to token.html is defined`, () => v.page.evaluate((name) => customElements.get(name) !== undefined, tag));
      assert.equal(elementChunks(v).length, 1, `one element chunk for ${tag}: ${elementChunks(v).join(', ')}`);
      // Two elements of one package (health-record, health-reminders) load apart too.
      const defined = await v.page.evaluate((all) => all.filter((name) => customElements.get(name) !== undefined), [...tags]);
      assert.deepEqual(defined, [tag], `<${tag}> alone is registered`);
      const chunk = elementChunks(v)[0]!.slice('/portico/'.length);
      chunkOf.set(tag, `/portico/${chunk}`);
      const needed = staticImportsOf(chunk).filter((file) => file !== 'portico.js');
      dependencies += needed.length;
      const timings = await v.page.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => ({ path: new URL(entry.name).pathname, startTime: entry.startTime, responseEnd: (entry as PerformanceResourceTiming).responseEnd })),
      );
      const timing = (file: string) => timings.find((entry) => entry.path === `/portico/${file}`);
      const arrived = timing(chunk)?.responseEnd;
      assert.ok(arrived, `${chunk} was fetched`);
      const late = needed.filter((file) => !(timing(file) && timing(file)!.startTime <= arrived));
      assert.deepEqual(late, [], `<${tag}>: every chunk ${chunk} imports was requested before ${chunk} had arrived`);
      await assertClean(v);
      await v.context.close();
    }
    assert.ok(dependencies > 0, 'some element chunk imports another chunk (else this checks nothing)');

    // Several at once: their chunks are asked for in the order the page has the elements (not the bundle's).
    const v = await visit();
    await v.page.goto(`${site.origin}/token.html`);
    await until(v, site.origin, 'Token mode on token.html: the banner shows Maria', async () => /^Maria .*Hernández$/.test(await bannerName(v.page)));
    const order = ['health-reminders', 'bill-pay', 'appointment-booker', 'lab-results'];
    await v.page.evaluate((names) => {
      const section = document.createElement('section');
      section.append(...names.map((name) => document.createElement(name)));
      document.querySelector('portal-session')!.append(section);
    }, order);
    await until(v, site.origin, `${order.join(', ')} added at once are defined`, () => v.page.evaluate((names) => names.every((name) => customElements.get(name)), order));
    assert.deepEqual(
      elementChunks(v).map((path) => [...chunkOf].find(([, chunk]) => chunk === path)?.[0] ?? path),
      order,
      'element chunks asked for in the order of the page',
    );
    await assertClean(v);
    await v.context.close();
  });

  it('token mode: the website hands over its token; an element added later loads its chunk then, and only its own', async () => {
    const v = await visit();
    await v.page.goto(`${site.origin}/token.html`);
    await until(v, site.origin, 'Token mode on token.html: the banner shows Maria', async () => /^Maria .*Hernández$/.test(await bannerName(v.page)));
    assert.deepEqual(elementChunks(v), [], 'no element chunk while no element tag is on the page');
    const signInLibraries = readdirSync(join(DIST, 'chunks')).filter((file) => /^(oidc-client-ts|BrowserAdapter)-[\w-]+\.js$/.test(file));
    assert.equal(signInLibraries.length, 2, `oidc-client-ts and fhirclient are chunks of their own: ${signInLibraries.join(', ')}`);
    assert.deepEqual(
      v.porticoFiles.filter((path) => signInLibraries.some((file) => path.endsWith(`/${file}`))),
      [],
      'token mode loads no sign-in library',
    );

    await v.page.evaluate(() => document.querySelector('portal-session')!.append(document.createElement('lab-results')));
    const reportButtons = v.page.locator('lab-results [part="report"]:not(.loose) [part="report-button"]');
    await until(v, site.origin, 'lab-results added to token.html lists reports', () => reportButtons.first().isVisible());
    assert.equal(elementChunks(v).length, 1, `one element chunk, lab-results': ${elementChunks(v).join(', ')}`);
    assert.equal(await v.page.evaluate(() => customElements.get('appointment-booker') === undefined), true, 'appointment-booker is not loaded');
    const token = await serverToken('maria');
    const newest = (await fhirRead<Bundle>(token, 'DiagnosticReport?patient=Patient/maria&category=LAB&_sort=-date&_count=1')).entry?.[0]?.resource as DiagnosticReport | undefined;
    const firstId = ((await reportButtons.first().getAttribute('aria-controls')) ?? '').replace(/^report-/, '');
    const first = await fhirRead<DiagnosticReport>(token, `DiagnosticReport/${firstId}`);
    assert.ok(newest?.effectiveDateTime, 'Maria has lab reports on the server');
    assert.equal(first.effectiveDateTime, newest.effectiveDateTime, 'the first report listed is the newest on the server');
    await assertClean(v);
  });
});
