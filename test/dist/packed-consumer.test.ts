/**
 * The packages as npm delivers them: `npm pack` of every workspace package, installed from the tarballs into a
 * project of its own outside the workspace (no `source` condition, no workspace links), type-checked with
 * `tsc --strict`, built with Vite for production and opened in Chromium under a strict CSP, where a patient
 * signs in against the embedded backend. Needs `npm run build:packages` first.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { signInOnLoginPage } from '../e2e/demo.js';
import { serveStatic, type StaticServer } from '../helpers/static-server.js';
import { builtScripts, launchChromium, PACKAGE_FOLDERS, strictCsp, watchPage, WORKSPACE } from './built-files.js';
import { createConsumer, installConsumer, packPackages, type PackedPackage } from './packed-consumer/project.js';

const run = promisify(execFile);

/** Text only each package's element code holds (a CSS class, a part name, an event name). */
const ELEMENT_CODE_MARKERS = { '@portico/lab-results': 'report-heading', '@portico/message-inbox': 'thread-button', '@portico/bill-pay': 'statement-button', '@portico/record-download': 'export-start-button', '@portico/medications': 'medicine-name', '@portico/health-record': 'condition-name', '@portico/health-record/health-reminders.js': 'reminder-when', '@portico/appointment-booker': 'day-selected', '@portico/core': 'portico-session-change' } as const;

/** The paths an `exports` map names (every condition but `source`, which points into the repository). */
function exportedPaths(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (!exports || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) => (key === 'source' ? [] : exportedPaths(value)));
}

/** The JavaScript files of a build, with their text. */
async function builtJs(outDir: string): Promise<{ file: string; text: string }[]> {
  const files = (await readdir(outDir, { recursive: true })).filter((file) => file.endsWith('.js'));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(join(outDir, file), 'utf8') })));
}

/** What a test page wrote into `<body data-results>`. */
async function pageResults<T>(page: Page): Promise<T> {
  await page.locator('body[data-results]').waitFor({ state: 'attached' });
  return JSON.parse((await page.locator('body').getAttribute('data-results')) ?? 'null') as T;
}

describe('the packed packages in a project of their own', () => {
  const timings: string[] = [];
  let root: string;
  let app: string;
  let packed: PackedPackage[];
  let backend: PorticoServer;
  let site: StaticServer;
  let browser: Browser;

  before(async () => {
    for (const folder of PACKAGE_FOLDERS) await builtScripts(folder); // fails plainly when a package is not built
    let start = Date.now();
    const step = (name: string) => {
      timings.push(`${name} ${Date.now() - start} ms`);
      start = Date.now();
    };
    root = await mkdtemp(join(tmpdir(), 'portico-consumer-'));
    app = join(root, 'app');
    await mkdir(join(root, 'packs'));
    packed = await packPackages(join(root, 'packs'));
    step('npm pack');
    await createConsumer(app, join(root, 'packs'), packed);
    step(`npm install (${await installConsumer(app)})`);
    backend = await startPorticoServer({ port: 0 });
    process.env.VITE_FHIR_BASE_URL = backend.fhirBaseUrl;
    const input = { index: join(app, 'index.html'), classes: join(app, 'classes.html'), umbrella: join(app, 'umbrella.html') };
    await build({ root: app, configFile: false, logLevel: 'error', build: { outDir: join(app, 'dist'), target: 'es2022', rollupOptions: { input } } });
    step('vite build');
    site = await serveStatic({ mounts: { '/': join(app, 'dist') }, csp: strictCsp([backend.origin]) });
    browser = await launchChromium();
  });

  after(async () => {
    console.info(`packed consumer: ${timings.join(', ')}`);
    await browser?.close();
    await site?.close();
    await backend?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('packs the built files and everything its package.json points at, and no source', async () => {
    assert.deepEqual(packed.map((pack) => pack.name), ['@portico/core', '@portico/appointment-booker', '@portico/lab-results', '@portico/message-inbox', '@portico/bill-pay', '@portico/record-download', '@portico/medications', '@portico/health-record', 'portico']);
    for (const pack of packed) {
      const manifest = JSON.parse(await readFile(join(app, 'node_modules', pack.name, 'package.json'), 'utf8')) as { main: string; types: string; exports: unknown };
      const named = [manifest.main, manifest.types, ...exportedPaths(manifest.exports)].map((path) => path.replace(/^\.\//, ''));
      assert.deepEqual(named.filter((path) => !pack.files.includes(path)), [], `${pack.name}: every file package.json names is packed`);
      assert.deepEqual(pack.files.filter((path) => !/^(dist\/|package\.json$|README\.md$|LICENSE)/.test(path)), [], `${pack.name}: only dist/, package.json, the README and a licence are packed`);
    }
  });

  it('type-checks a host’s TypeScript (classes, HTMLElementTagNameMap, events) with tsc --strict against the packed declarations', async () => {
    const tsc = join(WORKSPACE, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', join(app, 'tsconfig.json')], { cwd: app }).catch((error: { stdout?: string }) => error);
    assert.equal('stdout' in result ? result.stdout?.trim() : '', '', 'tsc reports no error');
  });

  it('registers each tag from its define.js, and a patient signs in on the built page against the embedded backend', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await signInOnLoginPage(page, 'maria');
      await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();
      assert.equal(page.url(), site.url, 'back on the page, with no code left in its address');
      await page.locator('lab-results [part="report-button"]').first().waitFor();
      await page.locator('appointment-booker').getByRole('heading', { name: 'Book a visit' }).waitFor();
      assert.deepEqual(problems, [], 'the page reported no error');
    } finally {
      await page.close();
    }
  });

  it('registers nothing when only the classes are imported, and a host registers a subclass under its own name', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${site.url}classes.html`);
      const results = await pageResults<{ defined: Record<string, boolean>; classes: boolean; subclass: boolean; upgraded: boolean }>(page);
      assert.deepEqual(results.defined, { 'portal-session': false, 'patient-banner': false, 'appointment-booker': false, 'lab-results': false, 'message-inbox': false, 'bill-pay': false, 'record-download': false, 'medication-list': false, 'health-record': false, 'health-reminders': false });
      assert.equal(results.classes, true, 'the classes are custom element classes');
      assert.equal(results.subclass, true, 'the subclass is registered under the host’s name');
      assert.equal(results.upgraded, true, 'an element created under that name is a LabResults');
      assert.deepEqual(problems, [], 'the page reported no error');
    } finally {
      await page.close();
    }
  });

  it('portico registers the session and banner at once and the other elements when asked', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(`${site.url}umbrella.html`);
      const results = await pageResults<{ before: string[]; after: string[] }>(page);
      assert.deepEqual(results.before, ['portal-session', 'patient-banner']);
      assert.deepEqual(results.after, ['portal-session', 'patient-banner', 'appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'medication-list', 'health-record', 'health-reminders']);
      assert.deepEqual(problems, [], 'the page reported no error');
    } finally {
      await page.close();
    }
  });

  it('lets a production build leave out the element code a page imports and never uses (sideEffects)', async () => {
    const used = await builtJs(join(app, 'dist'));
    for (const [name, marker] of Object.entries(ELEMENT_CODE_MARKERS)) {
      assert.ok(used.some(({ text }) => text.includes(marker)), `${name}'s code (“${marker}”) is in the build of the pages that use it`);
    }
    const outDir = join(app, 'dist-unused');
    await build({ root: app, configFile: false, logLevel: 'error', build: { outDir, target: 'es2022', rollupOptions: { input: join(app, 'unused.html') } } });
    // What the page loads (the build may also write chunks that nothing imports: the targets of the sign-in
    // libraries' dynamic imports, which the bundler keeps as entries of their own).
    const served = await serveStatic({ mounts: { '/': outDir }, csp: strictCsp() });
    const page = await browser.newPage();
    const problems = watchPage(page);
    const scripts: Promise<string>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.text());
    });
    try {
      await page.goto(`${served.url}unused.html`, { waitUntil: 'networkidle' });
      const loaded = await Promise.all(scripts);
      const bytes = loaded.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
      const written = (await builtJs(outDir)).reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);
      console.info(`a page that imports LabResults, AppointmentBooker and PortalSession and uses none loads ${loaded.length} script(s), ${bytes} bytes (the build wrote ${written} bytes)`);
      for (const [name, marker] of Object.entries(ELEMENT_CODE_MARKERS)) {
        assert.ok(!loaded.some((text) => text.includes(marker)), `${name}'s code (“${marker}”) is not loaded`);
      }
      assert.ok(loaded.length >= 1 && bytes < 2_000, `next to nothing is loaded (${loaded.length} scripts, ${bytes} bytes)`);
      assert.deepEqual(problems, [], 'the page reported no error');
    } finally {
      await page.close();
      await served.close();
    }
  });
});
