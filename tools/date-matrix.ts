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
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

import { matrixRows, type Row } from './date-matrix-rows.js';

/**
 * The browser tests whose outcome can depend on "now": they read the calendar, book, list visits or
 * count windows back from today. Layout, hostile-data and pure formatting tests (fixed dates in their
 * fixtures) run once in `npm run test:unit`, not per row. A new date-sensitive test file belongs here.
 */
const DATE_SENSITIVE_BROWSER_TESTS =
  'test/{appointment-booker/{appointment-booker,booking,scheduling,requests,review-wording,keyboard,past-encounters,date-grid,ics,first-view},lab-results/{lab-results,reports,trend-window,keyboard},medications/medication-list,health-record/health-reminders}.test.ts';

/** Runs a command to its end, its output kept (rows run side by side and print whole, one after another). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, output: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Each browser test's time limit in a row (10 s when run alone): three rows share two cores, and a test
 * that seeds a sandbox of its own can wait its turn for a while.
 */
const ROW_TEST_TIMEOUT_MS = '20000';

/** The next port the date matrix may give a row's test server (each row gets its own). */
let nextPort = 8100;

/** Whether nothing listens on `port` now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/**
 * A free port for one row's test server, never one given to another row. Left to itself, each test
 * runner takes the first free port from 8000, and rows starting at once all find the same one: all but
 * one then fail to listen on it.
 */
async function rowPort(): Promise<number> {
  for (;;) {
    const port = nextPort++;
    if (await portIsFree(port)) return port;
  }
}

/** One row: the browser tests, then the booking e2e where the row asks for it; its output and whether it passed. */
async function runRow(row: Row): Promise<{ passed: boolean; output: string[] }> {
  const started = Date.now();
  const output = [`\n=== ${row.name}: clock ${row.now}, zone ${row.zone} ===\n`];
  const env = { PORTICO_NOW: row.now, TZ: row.zone };
  const port = String(await rowPort());
  const browser = await run('npx', ['web-test-runner'], { ...env, NODE_OPTIONS: '--experimental-websocket --import tsx', PORTICO_TEST_FILES: DATE_SENSITIVE_BROWSER_TESTS, PORTICO_TEST_PORT: port, PORTICO_TEST_TIMEOUT: ROW_TEST_TIMEOUT_MS }, output);
  // The seed at each of these instants is checked by test/server/seed.test.ts ("any now works"), in one process.
  const node = row.e2e ? await run(process.execPath, ['--experimental-websocket', '--import', 'tsx', '--test', 'test/e2e/appointment-booker.test.ts'], env, output) : 0;
  const passed = !browser && !node;
  output.push(`=== ${row.name}: ${passed ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s ===\n`);
  return { passed, output };
}

/** The lines of a row's output that say what failed (a failed test, an assertion, an error), each with the lines after it. */
function whatFailed(output: string): string {
  const lines = output.split('\n');
  const kept = new Set<number>();
  lines.forEach((line, i) => {
    if (/❌|not ok|AssertionError|Error:|✖|FAIL/.test(line)) for (let j = i; j < Math.min(lines.length, i + 8); j++) kept.add(j);
  });
  const excerpt = [...kept].sort((a, b) => a - b).map((i) => lines[i]);
  return (excerpt.length ? excerpt.slice(0, 120) : lines.slice(-40)).join('\n');
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
  const failures: { name: string; output: string[] }[] = [];
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const result = await runRow(row);
      // A failed row prints last, whole, so the end of a long log (what CI keeps) shows what failed.
      if (result.passed) process.stdout.write(result.output.join(''));
      else failures.push({ name: `${row.name} (${row.now}, ${row.zone})`, output: result.output });
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, rows.length) }, worker));
  if (failures.length) {
    for (const failure of failures) process.stdout.write(failure.output.join(''));
    for (const failure of failures) console.error(`\n--- ${failure.name}: what failed ---\n${whatFailed(failure.output.join(''))}`);
    console.error(`\nDate-sensitive suites failed at: ${failures.map((f) => f.name).join('; ')}`);
    process.exitCode = 1;
  } else console.log(`\nDate-sensitive suites passed at all ${rows.length} instants.`);
}

await main();
