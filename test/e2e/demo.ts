// First: with PORTICO_NOW set, the backend, the test and the pages all run on one pinned clock.
import { pinnedClockScript } from '../../tools/clock.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { startPorticoServer, type PorticoServer, type PorticoServerOptions } from '../../demo/server/server.js';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.mjs';
import { serveStatic } from '../helpers/static-server.js';
import { copyDemoSite } from './demo-site-build.js';

/** The demo as a person meets it: the real backend, the demo site built for production, real Chromium. */
export interface Demo {
  backend: PorticoServer;
  siteUrl: string;
  /** The built site's folder (a test may add a page of its own there). */
  siteDir: string;
  browser: Browser;
  /**
   * A fresh browser context and page; `cspViolations` collects what the page's Content-Security-Policy refused,
   * `pageErrors` what the page threw. `contextOptions` set up the visitor's browser, e.g. `{ timezoneId: 'America/Los_Angeles' }`.
   */
  newPage(contextOptions?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page; cspViolations: string[]; pageErrors: Error[] }>;
  close(): Promise<void>;
}

/** The demo's other signed-in pages that carry the elements (besides my-health.html), with how tests name them. */
export const OTHER_ELEMENT_PAGES = [
  ['my-health-oidc.html', 'the OpenID Connect page'],
  ['react.html', 'the React page'],
  ['vue.html', 'the Vue page'],
] as const;

/** `largePatient` adds the demo's patient with ten years of labs (`large`, password `large-demo`). */
export async function startDemo(options: Pick<PorticoServerOptions, 'accessTokenTtlSeconds' | 'largePatient'> = {}): Promise<Demo> {
  const backend = await startPorticoServer({ port: 0, ...options });
  // Each run gets a copy of its own (a test may add a page), so two runs (or two test files) never overwrite each other.
  const outDir = await mkdtemp(join(tmpdir(), 'portico-e2e-site-'));
  await copyDemoSite(outDir, { fhirBaseUrl: backend.fhirBaseUrl, authIssuer: backend.authIssuer });
  // The pages are served under a strict Content-Security-Policy: no inline script, no eval, no inline style.
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${new URL(backend.origin).origin}`,
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  const site = await serveStatic({ mounts: { '/': outDir }, csp });
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  return {
    backend,
    siteUrl: site.url,
    siteDir: outDir,
    browser,
    async newPage(contextOptions) {
      const context = await browser.newContext(contextOptions);
      const clockScript = pinnedClockScript();
      if (clockScript) await context.addInitScript(clockScript);
      const page = await context.newPage();
      const cspViolations: string[] = [];
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => {
        pageErrors.push(error);
        console.error('[page error]', error);
      });
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
      });
      return { context, page, cspViolations, pageErrors };
    },
    async close() {
      await browser.close();
      await site.close();
      await backend.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the authorization server's own pages, as a patient would. */
export async function signInOnLoginPage(page: Page, username: string, options: { patient?: string; deny?: boolean } = {}): Promise<void> {
  await page.waitForURL(/\/auth\/interaction\//);
  if (await page.getByLabel('Username').isVisible().catch(() => false)) {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(`${username}-demo`);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByRole('heading', { name: /Allow .* to access your record/ }).waitFor();
  if (options.patient) await page.getByRole('radio', { name: new RegExp(options.patient) }).check();
  await page.getByRole('button', { name: options.deny ? 'Deny' : 'Allow' }).click();
}

/** The access token the SMART session on the page keeps in sessionStorage, to ask the FHIR server what it holds. */
/**
 * The text a person reads in `locator`, scrolled to as they would: an element far below the fold is drawn
 * only as it nears the screen (content-visibility), and `innerText` reads what is drawn.
 */
export async function shownText(locator: Locator): Promise<string> {
  // The browser draws what has come near the screen at its next frames; elements above still being drawn
  // for the first time may move it away again meanwhile. So: scroll to it until it is drawn (up to 5 s).
  const until = Date.now() + 5_000;
  for (;;) {
    await locator.scrollIntoViewIfNeeded();
    await locator.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
    const text = await locator.innerText();
    if (text.trim() || Date.now() > until) return text;
  }
}

export async function sessionAccessToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i)!;
      const value = sessionStorage.getItem(key) ?? '';
      if (key.startsWith('portico:') && value.includes('access_token')) {
        return (JSON.parse(value) as { tokenResponse?: { access_token?: string } }).tokenResponse?.access_token;
      }
    }
    return undefined;
  });
  if (!token) throw new Error('No access token in sessionStorage: is a patient signed in?');
  return token;
}

/** Reads `path` (relative to the FHIR base, e.g. `Observation?code=…`) from the demo FHIR server with a patient's token, as FHIR JSON. */
export async function fhirRead<T>(demo: Demo, token: string, path: string): Promise<T> {
  const response = await fetch(`${demo.backend.fhirBaseUrl}/${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The bytes of an attachment as the FHIR server holds them: inline `data`, or its `url` (a Binary,
 * relative to the FHIR base, or absolute) read with a patient's token.
 */
export async function attachmentBytes(demo: Demo, token: string, attachment: { data?: string; url?: string; contentType?: string }): Promise<Buffer> {
  if (attachment.data) return Buffer.from(attachment.data, 'base64');
  if (!attachment.url) throw new Error('The attachment has neither data nor url');
  const url = new URL(attachment.url, `${demo.backend.fhirBaseUrl}/`);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: attachment.contentType ?? '*/*' } });
  if (response.status !== 200) throw new Error(`GET ${url.href}: ${response.status}`);
  // A server may answer a Binary read with the resource itself (FHIR JSON) rather than its bytes.
  if (/fhir\+json|application\/json/.test(response.headers.get('Content-Type') ?? '')) {
    const binary = (await response.json()) as { resourceType?: string; data?: string };
    if (binary.resourceType !== 'Binary') throw new Error(`GET ${url.href}: not a Binary`);
    return Buffer.from(binary.data ?? '', 'base64');
  }
  return Buffer.from(await response.arrayBuffer());
}

/** Opens a page of the site, signs in there through the real login page and waits to be back on it. */
export async function signInOn(demo: Demo, page: Page, file: string, username = 'maria'): Promise<void> {
  await page.goto(`${demo.siteUrl}${file}`);
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await signInOnLoginPage(page, username);
  await page.waitForURL(`${demo.siteUrl}${file}`);
}

/** Records the FHIR requests the page sends ('GET Slot', …) until `stop()`. */
export function recordFhirRequests(demo: Demo, page: Page): { requests: string[]; stop(): void } {
  const requests: string[] = [];
  const listener = (request: { url(): string; method(): string }) => {
    if (request.url().startsWith(demo.backend.fhirBaseUrl)) requests.push(`${request.method()} ${new URL(request.url()).pathname.replace(/^.*\/fhir\/?/, '') || '/'}`);
  };
  page.on('request', listener);
  return { requests, stop: () => page.off('request', listener) };
}
