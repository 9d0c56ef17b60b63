// @ts-check
/**
 * A web-test-runner reporter that prints how long each test file took in the browser, slowest first
 * (`PORTICO_TEST_TIMINGS=1 npm run test:unit`): where to look when the suite grows slow.
 */

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
    },
  };
}
