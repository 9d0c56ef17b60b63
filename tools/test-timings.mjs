// @ts-check
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * A web-test-runner reporter that prints how long each test file took in the browser, slowest first
 * (`PORTICO_TEST_TIMINGS=1 npm run test:unit`): where to look when the suite grows slow. With
 * `PORTICO_TEST_TIMINGS=write` it also records them in the file the browser tests' shards are balanced
 * by (tools/browser-tests.ts), merged with what is there.
 */

/** Seconds per test file, the weights the shards are balanced by. */
export const WEIGHTS_FILE = new URL('./browser-test-weights.json', import.meta.url);

/** @returns {Record<string, number>} */
export function readWeights() {
  try {
    return JSON.parse(readFileSync(WEIGHTS_FILE, 'utf8'));
  } catch {
    return {};
  }
}

/** @returns {import('@web/test-runner').Reporter} */
export function testTimingsReporter() {
  /** @type {Map<string, number>} */
  const started = new Map();
  /** @type {Map<string, number>} */
  const took = new Map();
  return {
    start({ sessions }) {
      sessions.on('session-status-updated', (session) => {
        if (session.status !== 'SCHEDULED' && session.status !== 'FINISHED' && !started.has(session.testFile)) started.set(session.testFile, Date.now());
        if (session.status === 'FINISHED') took.set(session.testFile, Date.now() - (started.get(session.testFile) ?? Date.now()));
      });
    },
    onTestRunFinished() {
      const rows = [...took].sort((a, b) => b[1] - a[1]);
      const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
      console.log(`\nTest files by time (${(total / 1000).toFixed(1)} s in all):`);
      for (const [file, ms] of rows) console.log(`${(ms / 1000).toFixed(1).padStart(7)} s  ${file.replace(process.cwd() + '/', '')}`);
      if (process.env.PORTICO_TEST_TIMINGS === 'write') {
        // Read just before writing: shards side by side each merge their own files in.
        const weights = readWeights();
        for (const [file, ms] of rows) weights[file.replace(process.cwd() + '/', '')] = Math.round(ms / 100) / 10;
        const sorted = Object.fromEntries(Object.entries(weights).sort(([a], [b]) => a.localeCompare(b)));
        writeFileSync(WEIGHTS_FILE, `${JSON.stringify(sorted, null, 1)}\n`);
      }
    },
  };
}
