/**
 * The embedded sign-in pages in Chromium: in Arabic the login form reads right to left (measured), in
 * Spanish its labels are Spanish, and the username field has the focus.
 *
 * Run: node --experimental-websocket --import tsx --test test/e2e/sign-in-pages.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.mjs';

function authorizeUrl(server: PorticoServer, uiLocales?: string): string {
  const url = new URL(`${server.authIssuer}/authorize`);
  const params: Record<string, string> = {
    client_id: 'portico-demo',
    response_type: 'code',
    redirect_uri: 'http://localhost:5999/callback',
    scope: 'openid fhirUser launch/patient patient/*.rs',
    state: 'state',
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
    ...(uiLocales ? { ui_locales: uiLocales } : {}),
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

describe('the sign-in pages in a browser', () => {
  let server: PorticoServer;
  let browser: Browser;
  before(async () => {
    server = await startPorticoServer({ port: 0 });
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lays the Arabic login form out right to left, with the username field focused', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(authorizeUrl(server, 'ar'));
    await page.getByLabel('اسم المستخدم').waitFor();
    const layout = await page.evaluate(() => {
      const main = document.querySelector('main')!.getBoundingClientRect();
      const label = document.querySelector('label[for="username"]')!.getBoundingClientRect();
      const button = document.querySelector('button[type="submit"]')!.getBoundingClientRect();
      return {
        dir: getComputedStyle(document.documentElement).direction,
        labelGapRight: main.right - label.right,
        labelGapLeft: label.left - main.left,
        buttonGapRight: main.right - button.right,
        buttonGapLeft: button.left - main.left,
        focused: document.activeElement?.id ?? '',
      };
    });
    assert.equal(layout.dir, 'rtl');
    // The label's text and the Sign in button start at the right edge of the card.
    assert.ok(layout.buttonGapRight < layout.buttonGapLeft, JSON.stringify(layout));
    assert.equal(await page.getByRole('button', { name: 'تسجيل الدخول' }).count(), 1);
    assert.equal(layout.focused, 'username');
    const labelWidth = await page.locator('label[for="username"]').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const text = range.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return { textRightGap: box.right - text.right, textLeftGap: text.left - box.left };
    });
    assert.ok(labelWidth.textRightGap < labelWidth.textLeftGap, `label text sits on the right: ${JSON.stringify(labelWidth)}`);
    await context.close();
  });

  it("speaks the browser's language when the portal does not say", async () => {
    const context = await browser.newContext({ locale: 'es-MX' });
    const page = await context.newPage();
    await page.goto(authorizeUrl(server));
    await page.getByLabel('Usuario').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Inicie sesión en Riverside Health patient portal');
    assert.equal(await page.getByRole('button', { name: 'Iniciar sesión' }).count(), 1);
    await context.close();
  });
});
