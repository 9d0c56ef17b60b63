/**
 * `npm run screenshots`: the portal's key screens as JPEGs for design review, each at desktop (1280×800),
 * on a 375 px phone and in Arabic (right to left, desktop), written to docs/screenshots/<scene>-<variant>.jpg.
 *
 *   npm run screenshots                                   the demo built here, its own backend
 *   npm run screenshots -- --out /tmp/shots               somewhere else
 *   npm run screenshots -- --base-url http://localhost:5173/   a demo that is already running (npm start)
 *
 * The clock is pinned (tools/clock.mjs) to a fixed instant in the clinic's zone unless PORTICO_NOW / TZ say
 * otherwise, so the seed's dates, the open times and the pages are the same on every run. A demo given by
 * --base-url must run on the same pin: `PORTICO_NOW=<instant> TZ=<zone> node --experimental-websocket
 * --import tsx --import ./tools/clock.mjs demo/start.ts`.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import type { Demo } from '../test/e2e/demo.js';

/** The instant the screenshots are taken at (a Tuesday morning in New York), and the clinic's zone. */
const PINNED_NOW = '2030-03-12T14:30:00.000Z';
const CLINIC_ZONE = 'America/New_York';
/** Space left around the captured parts (CSS px). */
const MARGIN = 12;

/** Before the clock module is first evaluated (by the dynamic imports below): the run's pinned clock. */
process.env.PORTICO_NOW ??= PINNED_NOW;
process.env.TZ ??= CLINIC_ZONE;

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screenshots' }, 'base-url': { type: 'string' } } });
const outDir = resolve(values.out);

/** How each scene is shown: the viewport and whether the page is switched to Arabic. */
const VARIANTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, arabic: false },
  { name: 'phone', viewport: { width: 375, height: 812 }, arabic: false },
  { name: 'arabic', viewport: { width: 1280, height: 800 }, arabic: true },
] as const;

/** A key screen: who signs in (and for whom), how to get there, and what part of the page to capture. */
interface Scene {
  name: string;
  user: string;
  /** The patient a proxy chooses on the sign-in server's consent page. */
  patient?: string;
  /** Brings the page to the state shown; returns the parts of the page the picture spans. */
  open(page: Page): Promise<Locator[]>;
}

const SCENES: readonly Scene[] = [
  { name: 'booker-review', user: 'maria', open: openBookerReview },
  { name: 'lab-report', user: 'maria', open: openFlaggedReport },
  { name: 'proxy', user: 'james', patient: 'Leo', open: openProxyView },
];

/** The visit type chosen in the booker, by its name in English and in the seed's Arabic. */
const FOLLOW_UP = /^(Follow-up visit|زيارة متابعة)$/;

/** The booker's review step: "Follow-up visit", the first open day from today and its first time. */
async function openBookerReview(page: Page): Promise<Locator[]> {
  const booker = page.locator('appointment-booker');
  const visitType = booker.locator('[part="filters"] select').first();
  await visitType.waitFor();
  const followUp = await visitType.evaluate((select, source) => [...(select as HTMLSelectElement).options].find((o) => new RegExp(source).test(o.text.trim()))?.value, FOLLOW_UP.source);
  if (followUp) await visitType.selectOption(followUp);
  const openDay = booker.locator('[part~="day-has-times"]:not([disabled])').first();
  for (let month = 0; month < 3; month++) {
    await booker.locator('[part~="day-selected"], [part~="notice"]').first().waitFor();
    if (await openDay.count()) break;
    await booker.locator('[part~="next-month-button"]').click();
  }
  await openDay.click();
  await booker.locator('[part="time-button"]').first().click();
  await booker.locator('[part="review"]').waitFor();
  return [booker];
}

/** The newest lab report with results outside the range, opened. */
async function openFlaggedReport(page: Page): Promise<Locator[]> {
  const labs = page.locator('portal-session lab-results');
  const flagged = labs.locator('[part="report-button"]').filter({ has: page.locator('.outside') }).first();
  await flagged.waitFor();
  const controls = (await flagged.getAttribute('aria-controls')) ?? '';
  await flagged.click();
  await labs.locator(`[id="${controls}"] [part="results"]`).waitFor();
  return [labs.locator('[part="report"]').filter({ has: page.locator(`[aria-controls="${controls}"]`) })];
}

/** A parent viewing his son's record: from the session bar (who is signed in) down to the first element. */
async function openProxyView(page: Page): Promise<Locator[]> {
  const bar = page.locator('portal-session [part="bar"]');
  await page.locator('patient-banner [part="name"]').getByText(/Leo/).waitFor();
  await bar.getByText(/James/).waitFor();
  const booker = page.locator('appointment-booker');
  await booker.locator('[part="filters"] select').first().waitFor();
  return [bar, booker];
}

/**
 * Switches the site to Arabic with its own language buttons and loads the page again (the session stays),
 * so every element draws itself in Arabic from the start, right to left.
 */
async function switchToArabic(page: Page): Promise<void> {
  await page.locator('.lang-switch button[data-lang="ar"]').click();
  await page.locator('html[lang="ar"][dir="rtl"]').waitFor({ state: 'attached' });
  await page.reload();
  await page.locator('patient-banner [part="name"]').waitFor();
}

/** The JPEG of the page region that holds every part, with a margin, at the page's scale. */
async function capture(page: Page, parts: readonly Locator[], path: string): Promise<void> {
  await parts[0]!.scrollIntoViewIfNeeded();
  const boxes = await Promise.all(parts.map(async (part) => (await part.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }));
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY, width: document.documentElement.scrollWidth }));
  const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) + scroll.x - MARGIN);
  const top = Math.max(0, Math.min(...boxes.map((b) => b.y)) + scroll.y - MARGIN);
  const right = Math.min(scroll.width, Math.max(...boxes.map((b) => b.x + b.width)) + scroll.x + MARGIN);
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + scroll.y + MARGIN;
  const clip = { x: left, y: top, width: right - left, height: bottom - top };
  await page.screenshot({ path, clip, fullPage: true, type: 'jpeg', quality: 70, animations: 'disabled' });
}

/** Waits for web fonts and two frames, so what Lit scheduled is on screen. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/** Opens a page of the site and signs in there through the real login page (choosing `patient` as a proxy). */
async function signIn(page: Page, siteUrl: string, user: string, patient?: string): Promise<void> {
  const { signInOnLoginPage } = await import('../test/e2e/demo.js');
  const url = new URL('my-health.html', siteUrl).href;
  await page.goto(url);
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await signInOnLoginPage(page, user, { patient });
  await page.waitForURL(url);
}

/** A fresh page on the pinned clock: the demo's own (started here), or one on `browser` for a running demo. */
type PageOpener = (options: BrowserContextOptions) => Promise<Page>;

async function pageOpener(demo: Demo | undefined, browser: Browser | undefined): Promise<PageOpener> {
  if (demo) return async (options) => (await demo.newPage(options)).page;
  const { pinnedClockScript } = await import('./clock.mjs');
  return async (options) => {
    const context = await browser!.newContext(options);
    await context.addInitScript(pinnedClockScript());
    return context.newPage();
  };
}

async function main(): Promise<void> {
  const { startDemo } = await import('../test/e2e/demo.js');
  const { CHROMIUM_ARGS, findChromium } = await import('./chromium.mjs');
  const { describeClock } = await import('./clock.mjs');
  const baseUrl = values['base-url'];
  const demo = baseUrl ? undefined : await startDemo();
  const browser = demo ? undefined : await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  const siteUrl = baseUrl ? new URL(baseUrl).href : demo!.siteUrl;
  const newPage = await pageOpener(demo, browser);
  console.log(`Screenshots of ${siteUrl} on a ${describeClock()} into ${outDir}`);
  await mkdir(outDir, { recursive: true });
  try {
    for (const scene of SCENES) {
      for (const variant of VARIANTS) {
        const page = await newPage({ viewport: variant.viewport, deviceScaleFactor: 1, locale: 'en-US', timezoneId: process.env.TZ });
        await signIn(page, siteUrl, scene.user, scene.patient);
        if (variant.arabic) await switchToArabic(page);
        const parts = await scene.open(page);
        await settle(page);
        const path = join(outDir, `${scene.name}-${variant.name}.jpg`);
        await capture(page, parts, path);
        console.log(`  ${path}`);
        await page.context().close();
      }
    }
  } finally {
    await browser?.close();
    await demo?.close();
  }
}

await main();
