import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signInOnLoginPage, startDemo, type Demo } from './demo.js';

/** The tokens the SMART session keeps in sessionStorage (under its own prefix). */
async function storedTokens(page: Page): Promise<{ access_token?: string; refresh_token?: string }> {
  return page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i)!;
      const value = sessionStorage.getItem(key) ?? '';
      if (key.startsWith('portico:') && value.includes('access_token')) return (JSON.parse(value) as { tokenResponse: { access_token?: string; refresh_token?: string } }).tokenResponse;
    }
    return {};
  });
}

/** Resolves once the session keeps an access token other than `old` (the refresh's). */
async function untilTokenReplaced(page: Page, old: string | undefined): Promise<void> {
  await page.waitForFunction((previous) => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const value = sessionStorage.getItem(sessionStorage.key(i)!) ?? '';
      if (value.includes('access_token') && !value.includes(previous)) return true;
    }
    return false;
  }, old ?? '');
}

/** Opens My health and signs `username` in through the login page, up to the banner. */
async function signedIn(demo: Demo, username: string) {
  const opened = await demo.newPage();
  await opened.page.goto(`${demo.siteUrl}my-health.html`);
  await opened.page.getByRole('button', { name: 'Sign in' }).click();
  await signInOnLoginPage(opened.page, username);
  await opened.page.locator('patient-banner [part="name"]').waitFor();
  return opened;
}

describe('tokens', () => {
  let demo: Demo;
  before(async () => {
    // Access tokens live 65 s; the session refreshes a minute before expiry, so about 5 s after sign-in.
    demo = await startDemo({ accessTokenTtlSeconds: 65 });
  });
  after(() => demo.close());

  it('refreshes the access token before it expires, with a rotated refresh token, and keeps working', async () => {
    const { page, context } = await signedIn(demo, 'maria');
    const first = await storedTokens(page);
    assert.ok(first.access_token && first.refresh_token, 'a refresh token was granted (online_access)');

    const refresh = await page.waitForRequest((r) => r.url().endsWith('/auth/token') && (r.postData() ?? '').includes('grant_type=refresh_token'), { timeout: 20000 });
    const refreshed = await refresh.response();
    assert.equal(refreshed?.status(), 200);
    await untilTokenReplaced(page, first.access_token);
    const second = await storedTokens(page);
    assert.notEqual(second.access_token, first.access_token);
    assert.notEqual(second.refresh_token, first.refresh_token, 'refresh tokens are rotated');

    const read = await fetch(`${demo.backend.fhirBaseUrl}/Patient/maria`, { headers: { Authorization: `Bearer ${second.access_token}` } });
    assert.equal(read.status, 200);
    await context.close();
  });

  it('a session taken up on a reload (without the sign-in code) still refreshes before its token expires', async () => {
    const { page, context } = await signedIn(demo, 'james');
    const first = await storedTokens(page);
    const refresh = page.waitForRequest((r) => r.url().endsWith('/auth/token') && (r.postData() ?? '').includes('grant_type=refresh_token'), { timeout: 20000 });
    await page.reload();
    await page.locator('patient-banner [part="name"]').waitFor();
    assert.equal((await (await refresh).response())?.status(), 200);
    await untilTokenReplaced(page, first.access_token);
    const second = await storedTokens(page);
    assert.notEqual(second.access_token, first.access_token);
    // The refreshed token is the one kept, and the FHIR server takes it.
    const read = await fetch(`${demo.backend.fhirBaseUrl}/Patient/james`, { headers: { Authorization: `Bearer ${second.access_token}` } });
    assert.equal(read.status, 200);
    await context.close();
  });

  it('revokes the tokens on sign-out: the FHIR server refuses them afterwards', async () => {
    const { page, context } = await signedIn(demo, 'aisha');
    const { access_token } = await storedTokens(page);
    assert.ok(access_token);
    const before = await fetch(`${demo.backend.fhirBaseUrl}/Patient/aisha`, { headers: { Authorization: `Bearer ${access_token}` } });
    assert.equal(before.status, 200);

    // Sign-out revokes the tokens, then goes through the authorization server's logout and back.
    const back = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() && frame.url().startsWith(`${demo.siteUrl}my-health.html`) });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await back;
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const after = await fetch(`${demo.backend.fhirBaseUrl}/Patient/aisha`, { headers: { Authorization: `Bearer ${access_token}` } });
    assert.equal(after.status, 401);
    assert.deepEqual(await storedTokens(page), {}, 'nothing left in sessionStorage');
    await context.close();
  });
});
