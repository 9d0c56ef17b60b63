import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signInOnLoginPage, startDemo, type Demo, shownText } from './demo.js';

describe('signing in to the demo hospital site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('signs a patient in through the real login page, shows the banner, and keeps no code or token in the URL', async () => {
    const { page, context, cspViolations } = await demo.newPage();
    await page.goto(`${demo.siteUrl}my-health.html`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'maria');
    await page.waitForURL(`${demo.siteUrl}my-health.html`);
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();
    assert.match(await shownText(page.locator('patient-banner [part="details"]')), /RH-\d+/);
    assert.equal(new URL(page.url()).search, '', 'no code or state left in the URL');
    const history = await page.evaluate(() => window.history.length);
    assert.ok(history >= 1);
    const local = await page.evaluate(() => JSON.stringify(window.localStorage));
    assert.doesNotMatch(local, /access_token|refresh_token/, 'no token in localStorage');

    // A reload keeps the session: no trip to the login page.
    await page.reload();
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();
    assert.equal(new URL(page.url()).pathname, '/my-health.html');

    // Sign out: the prompt returns, and signing in again needs the password again.
    const back = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() && frame.url().startsWith(`${demo.siteUrl}my-health.html`) });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await back;
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.locator('patient-banner [part="name"]').count(), 0);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/auth\/interaction\//);
    await page.getByLabel('Username').waitFor();
    assert.deepEqual(cspViolations, [], 'the page works under a strict Content-Security-Policy');
    await context.close();
  });

  it('lets a parent open their child’s record and switch back to their own', async () => {
    const { page, context } = await demo.newPage();
    await page.goto(`${demo.siteUrl}my-health.html`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'james', { patient: 'Leo' });
    await page.waitForURL(`${demo.siteUrl}my-health.html`);
    const banner = page.locator('patient-banner');
    await banner.locator('[part="name"]').getByText(/Leo/).waitFor();
    await page.locator('portal-session [part="acting-for"]').getByText(/You are viewing Leo .*record/).waitFor();
    assert.equal(await banner.getByText(/record/).count(), 0, 'the banner does not repeat whose record it is');
    await page.locator('portal-session [part="bar"]').getByText(/Signed in as James Carter/).waitFor();
    await banner.getByRole('button', { name: 'Switch patient' }).click();
    // Already signed in at the hospital, and Leo's record consented to: straight to choosing whose record.
    await page.waitForURL(/\/auth\/interaction\//);
    await page.getByRole('heading', { name: 'Whose record do you want to open?' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Allow' }).count(), 0, 'no consent question on the picker');
    await page.getByRole('radio', { name: /^James/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    // His own record was not consented to yet: asked once.
    await page.getByRole('heading', { name: /Allow .* to access your record/ }).waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${demo.siteUrl}my-health.html`);
    await banner.locator('[part="name"]').getByText(/^James .*Carter/).waitFor();
    assert.equal(await banner.getByRole('button', { name: 'Switch patient' }).count(), 1, 'James can still switch back to Leo');

    // Back to Leo: the consent given before is reused, so choosing him returns straight to the portal.
    await banner.getByRole('button', { name: 'Switch patient' }).click();
    await page.getByRole('heading', { name: 'Whose record do you want to open?' }).waitFor();
    await page.getByRole('radio', { name: /^Leo/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${demo.siteUrl}my-health.html`);
    await banner.locator('[part="name"]').getByText(/Leo/).waitFor();
    await context.close();
  });

  it('rejects a forged sign-in response', async () => {
    const { page, context } = await demo.newPage();
    await page.goto(`${demo.siteUrl}my-health.html?code=stolen-code&state=forged-state`);
    await page.getByText('This sign-in link is not valid or has expired').waitFor();
    assert.equal(new URL(page.url()).search, '');
    await context.close();
  });

  it('explains a denied consent', async () => {
    const { page, context } = await demo.newPage();
    await page.goto(`${demo.siteUrl}my-health.html`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'aisha', { deny: true });
    await page.waitForURL(/my-health\.html/);
    await page.getByText('Sign-in was cancelled or access was not allowed.').waitFor();
    assert.equal(new URL(page.url()).search, '');
    await context.close();
  });

  it('starts from an EHR launch with the patient the EHR chose', async () => {
    const { page, context } = await demo.newPage();
    const app = `${demo.siteUrl}my-health.html`;
    await page.goto(`${demo.backend.authIssuer}/launch?patient=leo&app=${encodeURIComponent(app)}`);
    await signInOnLoginPage(page, 'james');
    await page.waitForURL(app);
    await page.locator('patient-banner [part="name"]').getByText(/Leo/).waitFor();
    await context.close();
  });

  it('keeps two sessions on one page apart (their own storage), each signed in as a different person', async () => {
    const { page, context, cspViolations } = await demo.newPage();
    // A host page with two portal sessions, each with its own storage key, built from the demo's own bundle.
    const myHealth = await (await fetch(`${demo.siteUrl}my-health.html`)).text();
    const script = /<script type="module"[^>]*src="([^"]+)"/.exec(myHealth)?.[1];
    assert.ok(script, 'the demo page has a module script');
    const url = `${demo.siteUrl}two-sessions.html`;
    await writeFile(
      join(demo.siteDir, 'two-sessions.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two sessions</title><script type="module" src="${script}"></script></head><body>
        <portal-session id="first" storage-key="first" fhir-base-url="${demo.backend.fhirBaseUrl}" client-id="portico-demo"><patient-banner></patient-banner></portal-session>
        <portal-session id="second" storage-key="second" fhir-base-url="${demo.backend.fhirBaseUrl}" client-id="portico-demo"><patient-banner></patient-banner></portal-session>
      </body></html>`,
    );
    await page.goto(url);
    await page.locator('#first').getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'maria');
    await page.waitForURL(url);
    await page.locator('#first patient-banner [part="name"]').getByText(/Maria/).waitFor();
    await page.locator('#second').getByRole('button', { name: 'Sign in' }).waitFor();

    // The hospital session is still Maria's: sign her out at the server so the second session can sign in as James.
    await context.clearCookies();
    await page.locator('#second').getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'james', { patient: 'Leo' });
    await page.waitForURL(url);
    await page.locator('#second patient-banner [part="name"]').getByText(/Leo/).waitFor();
    await page.locator('#first patient-banner [part="name"]').getByText(/Maria/).waitFor();
    assert.equal(new URL(page.url()).search, '');

    await page.reload();
    await page.locator('#first patient-banner [part="name"]').getByText(/Maria/).waitFor();
    await page.locator('#second patient-banner [part="name"]').getByText(/Leo/).waitFor();
    assert.deepEqual(cspViolations, []);
    await context.close();
  });

  it('signs in with plain OpenID Connect', async () => {
    const { page, context } = await demo.newPage();
    await page.goto(`${demo.siteUrl}my-health-oidc.html`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'maria');
    await page.waitForURL(`${demo.siteUrl}my-health-oidc.html`);
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();
    assert.equal(new URL(page.url()).search, '');
    await page.reload();
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();
    await context.close();
  });
});
