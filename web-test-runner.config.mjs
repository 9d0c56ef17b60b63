// @ts-check
// First: with PORTICO_NOW set, the backend's seed, its tokens and the pages all run on one pinned clock.
import { describeClock, pinnedClockScript } from './tools/clock.mjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { defaultReporter } from '@web/test-runner';
import { testTimingsReporter } from './tools/test-timings.mjs';
import { CHROMIUM_ARGS, findChromium } from './tools/chromium.mjs';
import { startPorticoServer } from './demo/server/server.ts';

// The real embedded backend (FHIR + SMART/OIDC), with the test-only admin routes: each test file
// makes its own sandbox (a fresh copy of the seeded data), mints real tokens and injects faults.
const server = await startPorticoServer({ port: 0, testAdmin: true });
if (process.env.PORTICO_NOW || process.env.TZ) console.log(`Browser tests on a ${describeClock()}.`);
const clockScript = pinnedClockScript();

// PORTICO_TEST_FILES: a glob; PORTICO_TEST_FILE_LIST: a JSON list of files (a shard, tools/browser-tests.ts).
const files = process.env.PORTICO_TEST_FILE_LIST ? JSON.parse(process.env.PORTICO_TEST_FILE_LIST) : [process.env.PORTICO_TEST_FILES ?? 'test/**/*.test.ts'];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: '.',
  // PORTICO_TEST_PORT: the test server's port, for runs side by side (the date matrix gives each row its
  // own; left to itself, each run takes the first free port from 8000, and two starting at once collide).
  ...(process.env.PORTICO_TEST_PORT ? { port: Number(process.env.PORTICO_TEST_PORT) } : {}),
  files: [...files, '!test/e2e/**', '!test/dist/**', '!test/server/**', '!test/stories/**'],
  // 'source': workspace packages resolve to their TypeScript source (no build needed to test).
  nodeResolve: { exportConditions: ['source', 'browser', 'development'], browser: true },
  // One page at a time: a second tab is hidden, and hidden pages get no animation frames or focus.
  concurrency: 1,
  // PORTICO_TEST_TIMEOUT: longer for runs side by side on few cores (the date matrix's rows).
  testFramework: { config: { timeout: Number(process.env.PORTICO_TEST_TIMEOUT ?? 10000) } },
  // PORTICO_TEST_TIMINGS=1: also how long each file took, slowest first.
  reporters: process.env.PORTICO_TEST_TIMINGS ? [defaultReporter(), testTimingsReporter()] : [defaultReporter()],
  testsFinishTimeout: 300000,
  plugins: [
    // What a screen reader is given: the browser's accessibility tree.
    a11ySnapshotPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.base.json', import.meta.url).pathname }),
    {
      name: 'portico-backend',
      async serverStop() {
        await server.close();
      },
    },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"></head><body>
${clockScript ? `<script>${clockScript}</script>` : ''}
<script>window.__PORTICO_TEST__ = ${JSON.stringify({ origin: server.origin })};</script>
<script type="module" src="${testFramework}"></script>
</body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
