/**
 * A signed-in reload takes up the session kept in the tab without loading any sign-in code (the
 * strategy chunks, fhirclient, oidc-client-ts) and without asking the authorization server anything:
 * the first FHIR requests go out as soon as the page's elements run. Signing out afterwards loads the
 * strategy to revoke the tokens, and the FHIR server refuses them from then on. The CapabilityStatement
 * read on the first visit is kept: a reload shows every element without waiting for it, and asks the
 * server only whether it changed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signInOnLoginPage, startDemo, type Demo } from './demo.js';

/** The sign-in code a reload must not load: the strategies, their discovery and their libraries. */
const SIGN_IN_CODE = /\/assets\/(smart|oidc|oidc-client-ts|BrowserAdapter|discovery|token)-[\w-]{8}\.js$/;

/** Every request the page makes from now on (URLs). */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** The access token the session keeps in sessionStorage (SMART's state or the OpenID Connect user). */
async function storedAccessToken(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const value = sessionStorage.getItem(sessionStorage.key(i)!) ?? '';
      const token = /"access_token":"([^"]+)"/.exec(value)?.[1];
      if (token) return token;
    }
    return undefined;
  });
}

describe('a signed-in reload', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  for (const [file, name] of [
    ['my-health.html', 'SMART'],
    ['my-health-oidc.html', 'OpenID Connect'],
  ] as const) {
    it(`${name}: loads no sign-in code and asks the authorization server nothing; sign-out still revokes the tokens`, async () => {
      const { page, context, pageErrors } = await demo.newPage();
      await page.goto(`${demo.siteUrl}${file}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await signInOnLoginPage(page, 'maria');
      await page.waitForURL(`${demo.siteUrl}${file}`);
      await page.locator('patient-banner [part="name"]').getByText(/Maria/).waitFor();
      await page.waitForLoadState('networkidle');

      const requests = recordRequests(page);
      await page.reload();
      await page.locator('patient-banner [part="name"]').getByText(/Maria/).waitFor();
      await page.locator('lab-results [part="report-button"]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const fhir = requests.filter((url) => url.startsWith(demo.backend.fhirBaseUrl));
      assert.ok(fhir.some((url) => /\/DiagnosticReport\?/.test(url)), 'the elements read the record');
      assert.deepEqual(
        requests.filter((url) => SIGN_IN_CODE.test(new URL(url).pathname)),
        [],
        'no sign-in code on a reload',
      );
      assert.deepEqual(
        requests.filter((url) => url.startsWith(demo.backend.authIssuer) || /\/\.well-known\/(smart-configuration|openid-configuration)$/.test(url)),
        [],
        'no request to the authorization server or its discovery',
      );
      assert.equal(fhir.filter((url) => /\/Patient\/maria(\?|$)/.test(url)).length, 1, 'the Patient is read once');

      const token = await storedAccessToken(page);
      assert.ok(token, 'the session keeps its token in the tab');
      assert.equal((await fetch(`${demo.backend.fhirBaseUrl}/Patient/maria`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
      const back = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() && frame.url().startsWith(`${demo.siteUrl}${file}`) });
      await page.getByRole('button', { name: 'Sign out' }).click();
      await back;
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.equal((await fetch(`${demo.backend.fhirBaseUrl}/Patient/maria`, { headers: { Authorization: `Bearer ${token}` } })).status, 401, 'revoked on sign-out');
      assert.equal(await storedAccessToken(page), undefined, 'nothing kept in the tab');
      assert.deepEqual(pageErrors, []);
      await context.close();
    });
  }
});

describe('the first screens of a signed-in page', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  /** What each element shows first (in its shadow root), waited for on the page. */
  const FIRST_VIEWS = [
    ['lab-results', '[part="report-button"]'],
    ['message-inbox', '[part~="thread-button"]'],
    ['bill-pay', '[part~="statement-button"]'],
    ['record-download', '[part~="export-start-button"]'],
    ['patient-banner', '[part="name"]'],
  ] as const;

  /** Signs `username` in on my-health.html and waits until every first view shows and the page is idle. */
  async function signInAndShowFirstViews(page: Page, username: string): Promise<void> {
    await page.goto(`${demo.siteUrl}my-health.html`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, username);
    await page.waitForURL(`${demo.siteUrl}my-health.html`);
    for (const [tag, selector] of FIRST_VIEWS) await page.locator(`${tag} ${selector}`).first().waitFor();
    await page.waitForLoadState('networkidle');
  }

  /** Each of the page's scripts arrives half a second late, as on a phone's network. */
  async function slowScripts(page: Page): Promise<void> {
    await page.route(/\/assets\/[^?]*\.js$/, async (route) => {
      await new Promise((done) => setTimeout(done, 500));
      await route.continue();
    });
  }

  it('sends the first screens’ searches while the elements’ code is on its way, and each element takes its answers: no search is sent twice', async () => {
    const { page, context, pageErrors } = await demo.newPage();
    await signInAndShowFirstViews(page, 'maria');

    // The reload: the page's scripts arrive slowly, as on a phone's network, and each element's code
    // only after the session's (which loads it).
    await slowScripts(page);
    const early = [
      ['appointment-booker', '/Schedule?'],
      ['lab-results', '/DiagnosticReport?'],
      ['bill-pay', '/Invoice?'],
      ['medication-list', '/MedicationRequest?'],
      ['message-inbox', '/Communication?'],
      ['health-record', '/Condition?'],
      ['health-reminders', '/ImmunizationRecommendation?'],
      ['health-reminders', '/Appointment?'],
    ] as const;
    await page.addInitScript((tags) => {
      const defined: Record<string, number> = {};
      (window as unknown as { __defined: Record<string, number> }).__defined = defined;
      for (const tag of tags) void customElements.whenDefined(tag).then(() => (defined[tag] = performance.now()));
    }, early.map(([tag]) => tag));
    const searches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && request.url().startsWith(`${demo.backend.fhirBaseUrl}/`) && request.url().includes('?')) searches.push(request.url());
    });
    await page.reload();
    for (const [tag, selector] of [...FIRST_VIEWS, ['medication-list', '[part~="medicine"]'], ['health-record', '[part~="condition"]'], ['health-reminders', '[part~="reminder"]'], ['appointment-booker', 'select, [part~="day-has-times"]']] as const) {
      await page.locator(`${tag} ${selector}`).first().waitFor();
    }
    await page.waitForLoadState('networkidle');
    assert.deepEqual(searches.filter((url, i) => searches.indexOf(url) !== i), [], 'no search sent twice');
    // Lab results' first page, sized to the screen before its code drew the list, answers the drawn list too (which asks for no more).
    assert.equal(searches.filter((url) => url.includes('/DiagnosticReport?')).length, 1, `one first page of reports: ${searches.filter((url) => url.includes('/DiagnosticReport?')).join(' | ')}`);
    const { defined, started } = await page.evaluate(() => ({
      defined: (window as unknown as { __defined: Record<string, number> }).__defined,
      started: performance.getEntriesByType('resource').map((entry) => [entry.name, entry.startTime] as const),
    }));
    for (const [tag, search] of early) {
      const sent = started.find(([url]) => url.includes(search))?.[1];
      assert.ok(sent !== undefined && defined[tag] !== undefined && sent < defined[tag], `<${tag}>: ${search} sent (at ${sent} ms) before its code arrived (${defined[tag]} ms)`);
    }
    assert.deepEqual(pageErrors, []);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  });

  it('with a visit type fixed on the page, the booker’s first open times are sent beside the directory, before its code arrives and before the directory answers', async () => {
    const { page, context, pageErrors } = await demo.newPage();
    await signInAndShowFirstViews(page, 'maria');
    await slowScripts(page);
    // The page's booker offers one visit type (the host fixed it), as the parser adds it.
    await page.addInitScript(() => {
      new MutationObserver(() => document.querySelector('appointment-booker:not([service-type])')?.setAttribute('service-type', 'https://riverside-health.example.org/fhir/CodeSystem/visit-type|annual-physical')).observe(document, { childList: true, subtree: true });
      void customElements.whenDefined('appointment-booker').then(() => ((window as unknown as { __bookerDefined: number }).__bookerDefined = performance.now()));
    });
    const slotSearches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'GET' && request.url().startsWith(`${demo.backend.fhirBaseUrl}/Slot?`)) slotSearches.push(request.url());
    });
    await page.reload();
    await page.locator('appointment-booker [part~="day-has-times"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    const { defined, entries } = await page.evaluate(() => ({
      defined: (window as unknown as { __bookerDefined: number }).__bookerDefined,
      entries: performance.getEntriesByType('resource').map((entry) => ({ url: entry.name, start: entry.startTime, end: (entry as PerformanceResourceTiming).responseEnd })),
    }));
    const schedule = entries.find((entry) => entry.url.includes('/Schedule?'))!;
    const slot = entries.find((entry) => entry.url.includes('/Slot?'))!;
    assert.ok(schedule && slot, 'the directory and the open times were read');
    assert.ok(slot.start < schedule.end, `the Slot search (sent at ${slot.start} ms) went before the directory answered (${schedule.end} ms)`);
    assert.ok(slot.start < defined, `the Slot search (sent at ${slot.start} ms) went before the booker's code arrived (${defined} ms)`);
    assert.deepEqual(slotSearches.filter((url, i) => slotSearches.indexOf(url) !== i), [], 'no Slot search sent twice');
    assert.deepEqual(pageErrors, []);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  });

  it('no list read on the first screens carries a file (attachment data): files are read when the patient opens them', async () => {
    const { page, context } = await demo.newPage();
    const searches: Promise<{ url: string; attachments: number }>[] = [];
    page.on('response', (response) => {
      const url = response.url();
      if (!url.startsWith(`${demo.backend.fhirBaseUrl}/`) || !url.includes('?') || response.request().method() !== 'GET') return;
      searches.push(
        response.json().then((body: unknown) => {
          let attachments = 0;
          const visit = (value: unknown): void => {
            if (Array.isArray(value)) return value.forEach(visit);
            if (!value || typeof value !== 'object') return;
            const record = value as Record<string, unknown>;
            if (typeof record.contentType === 'string' && typeof record.data === 'string' && record.resourceType !== 'Binary') attachments++;
            Object.values(record).forEach(visit);
          };
          visit(body);
          return { url, attachments };
        }),
      );
    });
    await signInAndShowFirstViews(page, 'james');
    const read = await Promise.all(searches);
    assert.ok(read.some((r) => /\/Communication\?/.test(r.url)) && read.some((r) => /\/DiagnosticReport\?/.test(r.url)), 'the lists were read');
    assert.deepEqual(read.filter((r) => r.attachments > 0).map((r) => r.url), []);
    await context.close();
  });

  it('is read in full once, then kept: a reload shows every element while the server is still asked (If-None-Match, 304)', async () => {
    const { page, context } = await demo.newPage();
    const metadata: { ifNoneMatch?: string; status?: number }[] = [];
    page.on('request', (request) => {
      if (request.url() === `${demo.backend.fhirBaseUrl}/metadata` && request.method() === 'GET') metadata.push({ ifNoneMatch: request.headers()['if-none-match'] });
    });
    page.on('response', (response) => {
      if (response.url() === `${demo.backend.fhirBaseUrl}/metadata` && response.request().method() === 'GET') metadata.find((m) => m.status === undefined)!.status = response.status();
    });
    await signInAndShowFirstViews(page, 'maria');
    assert.deepEqual(metadata.map((m) => m.status), [200], 'read once in full on the first visit');

    // The reload: the server's answer to metadata is held until every element has shown its first view.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${demo.backend.fhirBaseUrl}/metadata`, async (route) => {
      await held;
      await route.continue();
    });
    metadata.length = 0;
    const asked = page.waitForRequest((request) => request.url() === `${demo.backend.fhirBaseUrl}/metadata` && request.method() === 'GET');
    await page.reload();
    for (const [tag, selector] of FIRST_VIEWS) await page.locator(`${tag} ${selector}`).first().waitFor();
    await asked;
    assert.equal(metadata.length, 1, 'asked once');
    assert.equal(metadata[0]!.status, undefined, 'every first view came before the server answered');
    assert.match(metadata[0]!.ifNoneMatch ?? '', /^W\/"/, 'asked whether it changed');
    const answered = page.waitForResponse((response) => response.url() === `${demo.backend.fhirBaseUrl}/metadata` && response.request().method() === 'GET');
    release();
    assert.equal((await answered).status(), 304);
    assert.equal(metadata.length, 1, 'asked once');
    await page.unroute(`${demo.backend.fhirBaseUrl}/metadata`);
    await context.close();
  });
});
