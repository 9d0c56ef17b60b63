/**
 * Every story of the built Storybook (`npm run build-storybook`, which `npm test` runs first), opened
 * as Storybook opens it: rendered, then its `play` function played. A story fails when its play
 * function throws, when the page throws, or when the console logs an error.
 */

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.mjs';
import { pinnedClockScript } from '../../tools/clock.mjs';

const ROOT = fileURLToPath(new URL('../../storybook-static/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};
const STORY_TIMEOUT_MS = 30_000;
/** Less than the story's own bound, so a story that never finishes says which phase it stopped in. */
const RENDER_TIMEOUT_MS = 25_000;

/**
 * Stories that show an error on purpose, and the console error that comes with it: `portal-session`
 * logs why it failed, for the host page's developers. Any other console error still fails them.
 */
const CONSOLE_ERRORS_SHOWN: Record<string, RegExp> = {
  // Misconfigured: no fhir-base-url.
  'core-portal-session--error-no-server': /^\[portal-session\] SessionError: portal-session needs a fhir-base-url/,
  // A server without SMART discovery (its .well-known/smart-configuration answers 404).
  'core-portal-session--error-no-smart-discovery': /^\[portal-session\] SessionError: .*smart-configuration answered 404/,
};

interface StoryIndex {
  entries: Record<string, { id: string; type: 'story' | 'docs' }>;
}

const index = await readFile(join(ROOT, 'index.json'), 'utf8').then(
  (text) => JSON.parse(text) as StoryIndex,
  () => {
    throw new Error('storybook-static/index.json is missing: run `npm run build-storybook` first.');
  },
);
const storyIds = Object.values(index.entries)
  .filter((entry) => entry.type === 'story')
  .map((entry) => entry.id);

/** The part of the page's Storybook preview that says how far the story has got. */
type StorybookWindow = { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } };

/**
 * Runs in the page: once the story has finished (rendered, played, cleaned up) or Storybook shows its
 * error display (the story could not render), what that display says; until then, false. An exception
 * from a play function never reaches the display: Storybook's component-testing defaults
 * (`throwPlayFunctionExceptions: false`) catch it and log it to the console, where the test finds it.
 */
function settledStory(): { error?: string } | false {
  if (document.body.classList.contains('sb-show-errordisplay')) {
    return { error: document.querySelector('#error-message')?.textContent?.trim() || 'Storybook shows an error with no message' };
  }
  return (window as unknown as StorybookWindow).__STORYBOOK_PREVIEW__?.currentRender?.phase === 'finished' ? {} : false;
}

async function serveStatic(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    // An absolute path normalises with every '..' stopped at '/', so the file is always under root.
    const file = join(root, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    // Chromium asks every new site for /favicon.ico, which the build does not have (it has favicon.svg):
    // answered 404, it would be a console error in whichever story came first.
    if (file === join(root, 'favicon.ico')) return void res.writeHead(204).end();
    // The build does not change during a run: a lane's pages load Storybook from the browser's cache
    // (and its compiled code) after the first story, rather than fetching and compiling it anew.
    readFile(file).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=3600' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return { server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/**
 * Runs first in every page of a lane (before any of its scripts): the page's clock pinned as the run's
 * is, and on a tab's first load its site's localStorage emptied, which is all a story could inherit from
 * the lane's story before (sessionStorage belongs to the tab; Portico keeps nothing in cookies or
 * IndexedDB). A reload within the story keeps what the story stored.
 */
const LANE_INIT_SCRIPT = `${pinnedClockScript()}
try {
  if (!sessionStorage.getItem('stories-test:tab')) {
    localStorage.clear();
    sessionStorage.setItem('stories-test:tab', '1');
  }
} catch {}`;

/**
 * Browser contexts, one per story running at a time: each story has a new page (a fresh document,
 * script realm and sessionStorage) in a context no other story uses meanwhile, whose HTTP cache the
 * stories before it in that context have filled. A story still closing after its time ran out keeps
 * its context; the next story then gets another.
 */
class Lanes {
  private readonly free: BrowserContext[] = [];
  constructor(private readonly browser: Browser) {}
  async take(): Promise<BrowserContext> {
    const context = this.free.pop();
    if (context) return context;
    const created = await this.browser.newContext({ timezoneId: process.env.TZ || undefined });
    await created.addInitScript(LANE_INIT_SCRIPT);
    return created;
  }
  give(context: BrowserContext): void {
    this.free.push(context);
  }
}

// Two stories at a time: two overlap well on two cores (four crowded the play functions' 5 s waits
// on a busy machine).
const LANES = 2;

describe('the stories', { concurrency: LANES }, () => {
  let site: { server: Server; origin: string };
  let browser: Browser;
  let lanes: Lanes;
  before(async () => {
    site = await serveStatic(ROOT);
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    lanes = new Lanes(browser);
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.server.close(resolve));
  });

  for (const id of storyIds) {
    it(id, { timeout: STORY_TIMEOUT_MS }, async () => {
      // The stories' data is the demo seed made for the page's "now": with the clock pinned (the npm
      // script pins it to an ordinary weekday), every run shows the same days, times and results.
      const context = await lanes.take();
      const page = await context.newPage();
      try {
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(`The page threw: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error' && !CONSOLE_ERRORS_SHOWN[id]?.test(message.text())) problems.push(`The console logged an error: ${message.text()}`);
        });
        await page.goto(`${site.origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`);
        const settled = await page
          .waitForFunction(settledStory, undefined, { timeout: RENDER_TIMEOUT_MS })
          .then((handle) => handle.jsonValue())
          .catch(() => undefined);
        if (!settled) {
          const phase = await page.evaluate(() => (window as unknown as StorybookWindow).__STORYBOOK_PREVIEW__?.currentRender?.phase);
          assert.fail(`The story did not finish within ${RENDER_TIMEOUT_MS / 1000} s (render phase: ${phase ?? 'none'}).`);
        }
        // Storybook also logs the error it shows; the shown message is the one that says what happened.
        if (settled.error) assert.fail(`The story failed: ${settled.error}`);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
        lanes.give(context);
      }
    });
  }
});
