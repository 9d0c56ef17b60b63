/**
 * What `npm run build:packages` writes, as it reaches a hospital: every `.js` file in every package's `dist/`
 * reads no Node global, `packages/portico/dist` loads as it is in a plain page under a strict CSP, and the
 * packages built for bundlers load once a bundler has resolved their bare imports.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import {
  BUNDLER_PACKAGES,
  builtScripts,
  distDir,
  IMPORT_EACH_PAGE,
  importEachModule,
  importResults,
  launchChromium,
  PACKAGE_FOLDERS,
  strictCsp,
  watchPage,
} from './built-files.js';
import { serveStatic } from '../helpers/static-server.js';
import { findNodeGlobals } from './node-globals.js';

const TAGS = ['portal-session', 'patient-banner', 'appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'medication-list', 'health-record', 'health-reminders'] as const;

/**
 * The page that imports each file (`importEachModule`) finished: every one of `files` imported without
 * throwing, the page reported no problem, and every element is registered (`registered` says by what).
 */
async function expectEveryFileLoaded(page: Page, problems: string[], files: readonly string[], registered: string): Promise<void> {
  const results = await importResults(page);
  assert.deepEqual(results.map((result) => result.file), files, 'every file was imported');
  assert.deepEqual(results.filter((result) => result.error !== undefined), [], 'no import threw');
  assert.deepEqual(problems, [], 'the page reported no error');
  const defined = await page.evaluate((tags) => tags.filter((tag) => customElements.get(tag) !== undefined), [...TAGS]);
  assert.deepEqual(defined, [...TAGS], registered);
}

describe('the built packages', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser.close());

  it('read no Node global (process.env, require, __dirname, Buffer, global …) unless a typeof test guards it', async () => {
    const reads: string[] = [];
    let scanned = 0;
    for (const folder of PACKAGE_FOLDERS) {
      for (const file of await builtScripts(folder)) {
        scanned++;
        const source = await readFile(join(distDir(folder), file), 'utf8');
        for (const read of findNodeGlobals(source, file)) reads.push(`packages/${folder}/dist/${file}:${read.line}: ${read.name} in …${read.snippet}…`);
      }
    }
    assert.ok(scanned >= 4 * 3, `every package's dist has its scripts (${scanned} scanned)`);
    assert.deepEqual(reads, [], `Node globals a browser does not have:\n${reads.join('\n')}`);
  });

  it('packages/portico/dist loads as it is: each of its files imported by URL in a plain page with a strict CSP', async () => {
    const files = await builtScripts('portico');
    assert.ok(files.includes('portico.js') && files.some((file) => file.startsWith('chunks/')), `portico.js and its chunks are built (${files.join(', ')})`);
    const server = await serveStatic({
      mounts: { '/portico/': distDir('portico') },
      files: { '/index.html': IMPORT_EACH_PAGE, '/import-each.js': importEachModule(files.map((file) => [file, `./portico/${file}`])) },
      csp: strictCsp(),
    });
    const page = await browser.newPage();
    const problems = watchPage(page);
    try {
      await page.goto(server.url);
      await expectEveryFileLoaded(page, problems, files, 'the bundle registered every element');
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('the packages built for bundlers load in a plain page once Vite has bundled each of their files', async () => {
    // Their imports are bare (`lit`, `@portico/core`, `fhirclient/lib/smart`, which is CommonJS): a browser needs a
    // bundler for them. Vite builds a page that imports every file of their dist/ (by path, nothing from source).
    const root = await mkdtemp(join(tmpdir(), 'portico-built-packages-'));
    const server = { close: async () => {} };
    const page = await browser.newPage();
    const problems = watchPage(page);
    try {
      const entries: [string, string][] = [];
      for (const folder of BUNDLER_PACKAGES) {
        for (const file of await builtScripts(folder)) entries.push([`${folder}/${file}`, `./${relative(root, join(distDir(folder), file)).split('\\').join('/')}`]);
      }
      await writeFile(join(root, 'index.html'), IMPORT_EACH_PAGE);
      await writeFile(join(root, 'import-each.js'), importEachModule(entries));
      await build({ root, configFile: false, logLevel: 'error', build: { outDir: join(root, 'out'), target: 'es2022' } });

      const served = await serveStatic({ mounts: { '/': join(root, 'out') }, csp: strictCsp() });
      server.close = served.close;
      await page.goto(served.url);
      await expectEveryFileLoaded(page, problems, entries.map(([file]) => file), 'the define.js files registered every element');
    } finally {
      await page.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
