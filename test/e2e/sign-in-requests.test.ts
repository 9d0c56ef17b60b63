import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signInOnLoginPage, startDemo, type Demo } from './demo.js';

/** Every request the page sends (preflights aside), as 'METHOD url'. */
function recordRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'OPTIONS') requests.push(`${request.method()} ${request.url()}`);
  });
  return requests;
}

describe('a full sign-in, as the patient goes through it', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('fetches the SMART configuration once and reads the Patient once, from "Sign in" to the banner', async () => {
    const { page, context, pageErrors } = await demo.newPage();
    const myHealth = `${demo.siteUrl}my-health.html`;
    await page.goto(myHealth);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const requests = recordRequests(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'maria');
    await page.waitForURL(myHealth);
    await page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/).waitFor();

    const configurations = requests.filter((r) => r.endsWith('/.well-known/smart-configuration'));
    const patientReads = requests.filter((r) => r === `GET ${demo.backend.fhirBaseUrl}/Patient/maria`);
    console.log(`[sign-in] ${requests.length} requests from Sign in to the banner; SMART configuration ${configurations.length}×, Patient ${patientReads.length}×`);
    assert.deepEqual(configurations, [`GET ${demo.backend.fhirBaseUrl}/.well-known/smart-configuration`]);
    assert.deepEqual(patientReads, [`GET ${demo.backend.fhirBaseUrl}/Patient/maria`]);
    assert.deepEqual(pageErrors, []);
    await context.close();
  });

  it('keeps the patient signed in through crafted sign-in responses', async () => {
    const { page, context } = await demo.newPage();
    const myHealth = `${demo.siteUrl}my-health.html`;
    await page.goto(myHealth);
    const requests = recordRequests(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'maria');
    await page.waitForURL(myHealth);
    const name = page.locator('patient-banner [part="name"]').getByText(/Maria .*Hernández/);
    await name.waitFor();
    const authorize = requests.find((r) => r.startsWith(`GET ${demo.backend.authIssuer}/authorize?`))!;
    const usedState = new URL(authorize.slice(4)).searchParams.get('state')!;
    assert.ok(usedState, 'the sign-in sent a state');

    const craftedResponses: Record<string, string>[] = [
      { error: 'access_denied', state: usedState },
      { error: 'server_error', state: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { code: 'stolen-code', state: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' },
    ];
    for (const crafted of craftedResponses) {
      await page.goto(`${myHealth}?${new URLSearchParams(crafted)}`);
      await name.waitFor();
      assert.equal(await page.locator('portal-session [part="error-message"]').count(), 0, `no error for ${JSON.stringify(crafted)}`);
      assert.equal(new URL(page.url()).search, '', 'the crafted response is not left in the address');
    }
    await page.reload();
    await name.waitFor();
    await context.close();
  });

  it('signs in SMART and OpenID Connect sessions on one page, each leaving the other’s callback alone', async () => {
    const { page, context, pageErrors } = await demo.newPage();
    const myHealth = await (await fetch(`${demo.siteUrl}my-health.html`)).text();
    const script = /<script type="module"[^>]*src="([^"]+)"/.exec(myHealth)?.[1];
    assert.ok(script, 'the demo page has a module script');
    const url = `${demo.siteUrl}smart-and-oidc.html`;
    await writeFile(
      join(demo.siteDir, 'smart-and-oidc.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two ways to sign in</title><script type="module" src="${script}"></script></head><body>
        <portal-session id="smart" storage-key="smart" fhir-base-url="${demo.backend.fhirBaseUrl}" client-id="portico-demo"><patient-banner></patient-banner></portal-session>
        <portal-session id="oidc" storage-key="oidc" auth="oidc" oidc-authority="${demo.backend.authIssuer}" fhir-base-url="${demo.backend.fhirBaseUrl}" client-id="portico-demo"><patient-banner></patient-banner></portal-session>
      </body></html>`,
    );
    await page.goto(url);
    await page.locator('#smart').getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'maria');
    await page.waitForURL(url);
    await page.locator('#smart patient-banner [part="name"]').getByText(/Maria/).waitFor();
    await page.locator('#oidc').getByRole('button', { name: 'Sign in' }).waitFor();

    // Someone else signs in with OpenID Connect; the SMART session must leave that callback to it.
    await context.clearCookies();
    await page.locator('#oidc').getByRole('button', { name: 'Sign in' }).click();
    await signInOnLoginPage(page, 'aisha');
    await page.waitForURL(url);
    await page.locator('#oidc patient-banner [part="name"]').getByText(/Aisha/).waitFor();
    await page.locator('#smart patient-banner [part="name"]').getByText(/Maria/).waitFor();
    assert.equal(await page.locator('[part="error-message"]').count(), 0);
    assert.equal(new URL(page.url()).search, '');

    await page.reload();
    await page.locator('#smart patient-banner [part="name"]').getByText(/Maria/).waitFor();
    await page.locator('#oidc patient-banner [part="name"]').getByText(/Aisha/).waitFor();
    assert.deepEqual(pageErrors, []);
    await context.close();
  });
});
