/**
 * The demo site applies a returning visitor's language before the page is first drawn, from a classic script
 * with a content hash in its name (a host caches it for good: a reload does not wait on revalidating it),
 * under the site's strict Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDemo, type Demo } from './demo.js';

describe('the demo site’s saved language', () => {
  let demo: Demo;

  before(async () => {
    demo = await startDemo();
  });

  after(async () => {
    await demo?.close();
  });

  it('is applied by a content-hashed classic script alone, before any module script runs', async () => {
    const { context, page, cspViolations, pageErrors } = await demo.newPage();
    try {
      await page.goto(`${demo.siteUrl}index.html`);
      await page.evaluate(() => localStorage.setItem('riverside:lang', 'ar'));
      // Only the classic script may run: every module script of the site is refused.
      const scripts: string[] = [];
      await page.route('**/*.js', (route) => {
        const request = route.request();
        const path = new URL(request.url()).pathname;
        scripts.push(path);
        return /^\/assets\/lang-init-/.test(path) ? route.continue() : route.abort();
      });
      await page.reload({ waitUntil: 'domcontentloaded' });
      const initScripts = scripts.filter((path) => /lang-init/.test(path));
      assert.equal(initScripts.length, 1, `one language script: ${scripts.join(', ')}`);
      assert.match(initScripts[0]!, /^\/assets\/lang-init-[\w-]{8}\.js$/, 'its name carries a content hash');
      const root = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, js: document.documentElement.classList.contains('js') }));
      assert.deepEqual(root, { lang: 'ar', dir: 'rtl', js: true }, 'the page is Arabic, right to left, before the site’s modules run');
      assert.deepEqual(cspViolations, [], 'the Content-Security-Policy refuses nothing');
      assert.deepEqual(
        pageErrors.map((e) => e.message),
        [],
      );
    } finally {
      await context.close();
    }
  });
});
