/**
 * The README's quick start on a fresh clone: `npm start` with no package built, the My health page in Chromium,
 * a patient signing in and every element showing her record; then Ctrl-C stops it all.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { signInOnLoginPage } from '../e2e/demo.js';
import { launchChromium, PACKAGE_FOLDERS, watchPage } from './built-files.js';
import { freshWorkingCopy } from './npm-start/working-copy.js';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Whether anything answers on `url`. */
async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
}

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with what `child` has printed once `pattern` appears in it; rejects when it exits first or after `ms`. */
function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no ${pattern} within ${ms} ms. Output:\n${output()}`)), ms);
    const check = () => {
      if (pattern.test(output())) done();
    };
    const exited = (code: number | null) => done(new Error(`npm start exited (${code}) before ${pattern}. Output:\n${output()}`));
    function done(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', exited);
      if (error) reject(error);
      else resolve(output());
    }
    child.stdout?.on('data', check);
    child.once('exit', exited);
    check();
  });
}

describe('npm start on a fresh clone', () => {
  let copy: string;
  let start: ChildProcess;
  let browser: Browser | undefined;
  let printed = '';

  before(async () => {
    copy = await mkdtemp(join(tmpdir(), 'portico-fresh-clone-'));
    await freshWorkingCopy(copy);
  });

  after(async () => {
    await browser?.close();
    if (start?.pid && groupAlive(start.pid)) process.kill(-start.pid, 'SIGKILL');
    await rm(copy, { recursive: true, force: true });
  });

  it('serves the demo from source: a patient signs in on My health and sees every element; Ctrl-C stops it', async () => {
    assert.deepEqual(PACKAGE_FOLDERS.filter((folder) => existsSync(join(copy, 'packages', folder, 'dist'))), [], 'the copy has no built package');
    const [port, sitePort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, PORTICO_PORT: String(port), PORTICO_SITE_PORT: String(sitePort), NO_COLOR: '1' };
    delete env.NODE_TEST_CONTEXT;
    // Its own process group, as a terminal runs it: Ctrl-C signals the whole group.
    start = spawn('npm', ['start'], { cwd: copy, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    start.stdout!.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    start.stderr!.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    const startedAt = Date.now();
    await waitForOutput(start, () => printed, /Press Ctrl-C to stop\./, 90_000);
    const myHealth = /My health page:\s+(\S+)/.exec(printed)?.[1];
    const fhirBase = /FHIR R4 server:\s+(\S+)/.exec(printed)?.[1];
    assert.ok(myHealth && fhirBase, `npm start printed the addresses:\n${printed}`);
    assert.equal(new URL(fhirBase).port, String(port), 'the backend is on the port asked for');
    console.info(`npm start printed its addresses after ${Date.now() - startedAt} ms`);

    browser = await launchChromium();
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(myHealth);
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await signInOnLoginPage(page, 'maria');
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();
    // The booker lists the clinic's visit types, and once one is chosen, picks the first day with open times.
    const booker = page.locator('appointment-booker');
    await booker.getByRole('heading', { name: 'Book a visit' }).waitFor();
    const visitType = booker.getByLabel('What is the visit for?');
    if (await visitType.isVisible()) await visitType.selectOption({ label: 'Follow-up visit' });
    await booker.locator('[part~="day-selected"]').or(booker.getByText(/^No open times through /)).first().waitFor();
    await page.locator('lab-results [part="report-button"]').first().waitFor();
    assert.equal(await page.locator('vite-error-overlay').count(), 0, 'no Vite error overlay');
    assert.deepEqual(problems, [], 'the page reported no error');
    console.info(`signed in and every element shown ${Date.now() - startedAt} ms after npm start`);
    await browser.close();
    browser = undefined;

    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    const stoppingAt = Date.now();
    process.kill(-start.pid!, 'SIGINT');
    const code = await Promise.race([exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
    assert.notEqual(code, 'still running', `npm stopped within 15 s of Ctrl-C. Output:\n${printed}`);
    // The demo itself closes its servers first; give it as long as npm had.
    while (groupAlive(start.pid!) && Date.now() - stoppingAt < 15_000) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(groupAlive(start.pid!), false, `no process of npm start is left running 15 s after Ctrl-C. Output:\n${printed}`);
    console.info(`npm start and the demo exited ${Date.now() - stoppingAt} ms after Ctrl-C`);
    assert.equal(await answers(myHealth), false, 'the site no longer answers');
    assert.equal(await answers(`${fhirBase}/metadata`), false, 'the backend no longer answers');
  });
});
