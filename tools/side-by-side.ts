/**
 * What the test runs that go side by side share (the browser tests' shards, tools/browser-tests.ts; the
 * date matrix's rows, tools/date-matrix.ts): a command run to its end with its output kept, a port of its
 * own for each run's test server, and the lines of a failed run's output that say what failed.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command to its end, its output kept (runs side by side print whole, one after another). */
export function runKept(command: string, args: string[], env: NodeJS.ProcessEnv, output: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** The next port a run's test server may be given (each run gets its own). */
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
 * A free port for one run's test server, never one given to another run. Left to itself, each test
 * runner takes the first free port from 8000, and runs starting at once all find the same one: all but
 * one then fail to listen on it.
 */
export async function freshPort(): Promise<number> {
  for (;;) {
    const port = nextPort++;
    if (await portIsFree(port)) return port;
  }
}

/** The lines of a run's output that say what failed (a failed test, an assertion, an error), each with the lines after it. */
export function whatFailed(output: string): string {
  const lines = output.split('\n');
  const kept = new Set<number>();
  lines.forEach((line, i) => {
    if (/❌|not ok|AssertionError|Error:|✖|FAIL/.test(line)) for (let j = i; j < Math.min(lines.length, i + 8); j++) kept.add(j);
  });
  const excerpt = [...kept].sort((a, b) => a - b).map((i) => lines[i]);
  return (excerpt.length ? excerpt.slice(0, 120) : lines.slice(-40)).join('\n');
}

/** One run's outcome: its name, whether it passed, and its whole output. */
export interface KeptRun {
  name: string;
  passed: boolean;
  output: string[];
}

/**
 * Runs `jobs` side by side, `width` at a time; prints each passed run's output as it ends, then the
 * failed ones' whole, then what failed in each: a failed run prints last, so the end of a long log (what
 * CI keeps) shows it. Resolves to the names of the failed runs.
 */
export async function runSideBySide(jobs: (() => Promise<KeptRun>)[], width: number): Promise<string[]> {
  const failures: KeptRun[] = [];
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const result = await job();
      if (result.passed) process.stdout.write(result.output.join(''));
      else failures.push(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, jobs.length)) }, worker));
  for (const failure of failures) process.stdout.write(failure.output.join(''));
  for (const failure of failures) console.error(`\n--- ${failure.name}: what failed ---\n${whatFailed(failure.output.join(''))}`);
  return failures.map((f) => f.name);
}
