/**
 * `npm run bench`: runs each benchmark section in turn, prints its table, writes dist/bench/results.json.
 * Budgets are reported as PASS / OVER and never change the exit code (tests don't time things; this reports).
 * A section that throws is reported as FAILED and makes the exit code 1; the other sections still run.
 *
 *   npm run bench               every section
 *   npm run bench -- sizes      only the named section(s)
 *   npm run bench -- first-view each element's first view on a throttled phone: the shipped portico.js on a static page
 *
 * A new section is a function `(context) => Promise<void>` that calls `report(section, rows)` from
 * tools/bench/report.ts; add it to `sections` below.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version as viteVersion } from 'vite';
import { results } from './bench/report.js';
import { billPay } from './bench/bill-pay.js';
import { firstView } from './bench/first-view.js';
import { healthRecord } from './bench/health-record.js';
import { healthReminders } from './bench/health-reminders.js';
import { labResults } from './bench/lab-results.js';
import { medicationList } from './bench/medication-list.js';
import { messageInbox } from './bench/message-inbox.js';
import { recordDownload } from './bench/record-download.js';
import { requests } from './bench/requests.js';
import { sizes, type BenchContext } from './bench/sizes.js';

const sections: { name: string; run: (context: BenchContext) => Promise<void> }[] = [
  { name: 'sizes', run: sizes },
  { name: 'requests', run: requests },
  { name: 'lab-results', run: labResults },
  { name: 'message-inbox', run: messageInbox },
  { name: 'bill-pay', run: billPay },
  { name: 'record-download', run: recordDownload },
  { name: 'medication-list', run: medicationList },
  { name: 'health-record', run: healthRecord },
  { name: 'health-reminders', run: healthReminders },
  { name: 'first-view', run: firstView },
];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !sections.some((s) => s.name === w));
if (unknown.length) {
  console.error(`Unknown section(s): ${unknown.join(', ')}. Known: ${sections.map((s) => s.name).join(', ')}.`);
  process.exit(2);
}

const started = performance.now();
const tmp = await mkdtemp(join(tmpdir(), 'portico-bench-'));
const timings: Record<string, number> = {};
/** Sections that threw: reported at the end, and the run exits non-zero, but the other sections still run. */
const failed: { name: string; error: string }[] = [];
try {
  for (const section of sections) {
    if (wanted.length && !wanted.includes(section.name)) continue;
    const t = performance.now();
    try {
      await section.run({ root, tmp });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`\n## ${section.name}: FAILED\n\n${message}`);
      failed.push({ name: section.name, error: message.split('\n')[0]! });
    }
    timings[section.name] = Math.round(performance.now() - t);
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

const all = results();
const out = join(root, 'dist', 'bench', 'results.json');
await mkdir(dirname(out), { recursive: true });
await writeFile(
  out,
  `${JSON.stringify(
    {
      generatedAt: new Date().toISOString(),
      environment: { node: process.version, vite: viteVersion, platform: `${process.platform}-${process.arch}` },
      units: { bytes: 'bytes (sizes printed as kB = 1000 bytes)', gzip: 'zlib gzip level 9', brotli: 'brotli quality 11' },
      durationsMs: timings,
      failed,
      ...all,
    },
    null,
    2,
  )}\n`,
);

const over = all.budgets.filter((b) => b.verdict === 'OVER');
console.log(
  `\nBudgets: ${all.summary.pass} of ${all.summary.budgets} PASS` +
    (over.length ? `, ${over.length} OVER: ${over.map((b) => (all.budgets.filter((o) => o.section === b.section && o.row === b.row).length > 1 ? `${b.row} (${b.column})` : b.row)).join('; ')}` : '') +
    ` — ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${join('dist', 'bench', 'results.json')}`,
);
if (failed.length) {
  console.error(`Failed: ${failed.map((f) => `${f.name} (${f.error})`).join('; ')}`);
  process.exitCode = 1;
}
