/**
 * `npm run test:dates`: the date-sensitive suites (the booker's and lab-results' browser tests, and the
 * booking e2e) run again with the clock pinned (tools/clock.mjs) to instants where calendars break
 * (tools/date-matrix-rows.ts) — a Saturday evening, 24 December, 31 December at 23:30, the days before and
 * after the US (clinic) and EU (viewer) daylight-saving changes of one season, and 29 February — each in
 * the clinic's zone or a viewer's zone far from it. The seed at the same instants is checked once, by
 * test/server/seed.test.ts.
 *
 * Instants are the next such dates from today, so they stay in the future (sign-in cookies set by the
 * pinned server must not arrive already expired). `--only <name>` runs one row; `--list` prints the rows;
 * `--jobs <n>` runs n rows side by side (default: one more than the cores, at most 3).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

import { matrixRows, type Row } from './date-matrix-rows.js';
import { freshPort, runKept, runSideBySide, type KeptRun } from './side-by-side.js';

/**
 * The browser tests whose outcome can depend on "now": they read the calendar, book, list visits or
 * count windows back from today. Layout, hostile-data and pure formatting tests (fixed dates in their
 * fixtures) run once in `npm run test:unit`, not per row. A new date-sensitive test file belongs here.
 */
const DATE_SENSITIVE_BROWSER_TESTS =
  'test/{appointment-booker/{appointment-booker,booking,scheduling,requests,review-wording,keyboard,past-encounters,date-grid,ics,first-view},lab-results/{lab-results,reports,trend-window,keyboard},medications/medication-list,health-record/health-reminders}.test.ts';

/**
 * Each browser test's time limit in a row (10 s when run alone): three rows share two cores, and a test
 * that seeds a sandbox of its own can wait its turn for a while.
 */
const ROW_TEST_TIMEOUT_MS = '20000';

/** One row: the browser tests, then the booking e2e where the row asks for it; its output and whether it passed. */
async function runRow(row: Row): Promise<KeptRun> {
  const started = Date.now();
  const output = [`\n=== ${row.name}: clock ${row.now}, zone ${row.zone} ===\n`];
  const env = { PORTICO_NOW: row.now, TZ: row.zone };
  const port = String(await freshPort());
  const browser = await runKept('npx', ['web-test-runner'], { ...env, NODE_OPTIONS: '--experimental-websocket --import tsx', PORTICO_TEST_FILES: DATE_SENSITIVE_BROWSER_TESTS, PORTICO_TEST_PORT: port, PORTICO_TEST_TIMEOUT: ROW_TEST_TIMEOUT_MS }, output);
  // The seed at each of these instants is checked by test/server/seed.test.ts ("any now works"), in one process.
  const node = row.e2e ? await runKept(process.execPath, ['--experimental-websocket', '--import', 'tsx', '--test', 'test/e2e/appointment-booker.test.ts'], env, output) : 0;
  const passed = !browser && !node;
  output.push(`=== ${row.name}: ${passed ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s ===\n`);
  return { name: `${row.name} (${row.now}, ${row.zone})`, passed, output };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, list: { type: 'boolean', default: false }, jobs: { type: 'string' } } });
  const rows = matrixRows().filter((r) => !values.only || r.name === values.only);
  if (values.list || !rows.length) {
    for (const r of matrixRows()) console.log(`${r.name.padEnd(22)} ${r.now}  ${r.zone}${r.e2e ? '  + booking e2e' : ''}`);
    if (!rows.length) process.exitCode = 1;
    return;
  }
  // A row is one browser page at a time, mostly waiting on its server: three rows keep two cores busy
  // (six rows in two rounds: 5 min 10 s on two cores, against 5 min 40 s in three rounds of two).
  const jobs = Math.max(1, Number(values.jobs ?? Math.min(3, availableParallelism() + 1)));
  const failed = await runSideBySide(rows.map((row) => () => runRow(row)), jobs);
  if (failed.length) {
    console.error(`\nDate-sensitive suites failed at: ${failed.join('; ')}`);
    process.exitCode = 1;
  } else console.log(`\nDate-sensitive suites passed at all ${rows.length} instants.`);
}

await main();
