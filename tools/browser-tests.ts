/**
 * `npm run test:unit`: the browser tests (web-test-runner.config.mjs), in shards side by side. One
 * runner shows one page at a time (a second tab would be hidden, without animation frames or focus)
 * and mostly waits on its server and the page, so one shard per core, each with its own browser,
 * backend and port, keeps the cores busy.
 *
 * `PORTICO_TEST_FILES` (a glob) picks the files, as for web-test-runner itself. `--shards <n>` sets the
 * number of shards (default: the cores, at most 2). With one shard, or any other argument (`--watch`,
 * `--manual`), web-test-runner runs alone with those arguments and its own live output.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { globSync } from 'tinyglobby';

import { freshPort, runKept, runSideBySide, type KeptRun } from './side-by-side.js';
import { readWeights } from './test-timings.mjs';

/** Test folders that are not browser tests (node:test suites of their own). */
const NOT_BROWSER_TESTS = ['test/e2e/**', 'test/dist/**', 'test/server/**', 'test/stories/**'];
const NODE_OPTIONS = '--experimental-websocket --import tsx';
/** What a test file not yet in the weights is taken to need, in seconds. */
const TYPICAL_SECONDS = 2;

/**
 * The files split into `count` shards of about equal work: heaviest first, each to the lightest shard
 * so far.
 */
function shardFiles(files: readonly string[], count: number, weight: (file: string) => number): string[][] {
  const shards = Array.from({ length: count }, () => ({ files: [] as string[], load: 0 }));
  const heaviest = [...files].map((file) => ({ file, load: weight(file) })).sort((a, b) => b.load - a.load || a.file.localeCompare(b.file));
  for (const { file, load } of heaviest) {
    const lightest = shards.reduce((a, b) => (b.load < a.load ? b : a));
    lightest.files.push(file);
    lightest.load += load;
  }
  return shards.map((s) => s.files.sort()).filter((s) => s.length);
}

/** web-test-runner alone, with these arguments and its live output. */
function runAlone(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['web-test-runner', ...args], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function runShard(files: string[], index: number, count: number): Promise<KeptRun> {
  const started = Date.now();
  const name = `browser tests, shard ${index + 1} of ${count}`;
  const output = [`\n=== ${name}: ${files.length} files ===\n`];
  const port = String(await freshPort());
  const code = await runKept('npx', ['web-test-runner'], { NODE_OPTIONS, PORTICO_TEST_FILE_LIST: JSON.stringify(files), PORTICO_TEST_PORT: port }, output);
  output.push(`=== ${name}: ${code ? 'FAILED' : 'passed'} in ${Math.round((Date.now() - started) / 1000)} s ===\n`);
  return { name, passed: !code, output };
}

async function main(): Promise<void> {
  const passThrough = process.argv.slice(2);
  const at = passThrough.findIndex((arg) => arg === '--shards' || arg.startsWith('--shards='));
  const shardsArg = at < 0 ? undefined : passThrough[at]!.includes('=') ? passThrough.splice(at, 1)[0]!.split('=')[1] : passThrough.splice(at, 2)[1];
  const files = globSync(process.env.PORTICO_TEST_FILES ?? 'test/**/*.test.ts', { ignore: NOT_BROWSER_TESTS }).sort();
  const count = Math.max(1, Math.min(files.length, Number(shardsArg ?? Math.min(2, availableParallelism()))));
  if (count === 1 || passThrough.length) {
    process.exitCode = await runAlone(passThrough);
    return;
  }
  // Each file weighs what it last took (browser-test-weights.json, `PORTICO_TEST_TIMINGS=write npm run
  // test:unit` brings it up to date); a file not listed yet weighs as a typical one.
  const weights = readWeights();
  const shards = shardFiles(files, count, (file) => weights[file] ?? TYPICAL_SECONDS);
  console.log(`Browser tests: ${files.length} files in ${shards.length} shards side by side (each prints when it ends).`);
  const failed = await runSideBySide(shards.map((shard, i) => () => runShard(shard, i, shards.length)), shards.length);
  if (failed.length) {
    console.error(`\nBrowser tests failed in: ${failed.join('; ')}`);
    process.exitCode = 1;
  } else console.log(`\nBrowser tests passed in all ${shards.length} shards.`);
}

await main();
