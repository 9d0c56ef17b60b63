import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { assertNoScriptRan, XSS_MARKER } from '../fixtures/hostile-data.js';
import { idTokenWith, keepOidcUser, keepSmartSession, part, resetPage, sessionOf, settled, storedKeys, type TestPortalSession } from './sign-in-support.js';

/** Discovery documents whose revocation and end-session endpoints are `javascript:` and `data:` addresses (test/fixtures/sign-in). */
const HOSTILE = `${window.location.origin}/test/fixtures/sign-in/hostile-endpoints`;

/** A session kept from an earlier sign-in against the hostile discovery documents, and the session element that restores it. */
const HOSTILE_SESSIONS: { name: string; storageKey: string; keep: () => void; session: () => TemplateResult }[] = [
  {
    name: 'SMART',
    storageKey: 'hostile-smart',
    keep: () => void keepSmartSession('hostile-smart', { fhirBaseUrl: HOSTILE, tokenUri: 'https://auth.hostile.invalid/token', accessToken: 'an-access-token', patient: 'maria', idToken: idTokenWith({ name: 'Maria' }) }),
    session: () => html`<portal-session fhir-base-url=${HOSTILE} client-id="portico-demo" storage-key="hostile-smart"></portal-session>`,
  },
  {
    name: 'OpenID Connect',
    storageKey: 'hostile-oidc',
    keep: () => keepOidcUser('hostile-oidc', HOSTILE, { accessToken: 'an-access-token', idToken: idTokenWith({ sub: 'maria', patient: 'maria' }), profile: { sub: 'maria', patient: 'maria', name: 'Maria' } }),
    session: () => html`<portal-session auth="oidc" oidc-authority=${HOSTILE} fhir-base-url=${HOSTILE} client-id="portico-demo" storage-key="hostile-oidc"></portal-session>`,
  },
];

describe('signing out with end-session endpoints that are not web addresses', () => {
  afterEach(() => {
    resetPage();
    const ran = (window as unknown as Record<string, unknown>)[XSS_MARKER];
    delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
    if (ran !== undefined) throw new Error(`an end-session address ran as script (window.${XSS_MARKER} = ${String(ran)})`);
  });

  for (const { name, storageKey, keep, session } of HOSTILE_SESSIONS) {
    it(`${name}: a javascript: end_session_endpoint is ignored, and the session still ends on the page`, async () => {
      keep();
      const el = await fixture<PortalSession>(session());
      await settled(el, 'signed-in');
      const href = window.location.href;
      part(el, 'sign-out-button')!.click();
      await settled(el, 'signed-out');
      // The tokens are forgotten once the sign-in code has loaded to revoke them.
      await waitUntil(() => storedKeys(storageKey).length === 0, `the tokens forgotten (still kept: ${storedKeys(storageKey).join(', ')})`);
      // Sign-out fetches the configuration again and would navigate after it: give it every chance.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await nextFrame();
      assertNoScriptRan();
      expect(window.location.href).to.equal(href);
      expect(storedKeys(storageKey)).to.deep.equal([]);
      expect(sessionOf(el).client).to.equal(undefined);
    });
  }
});

describe('a reload while signing out', () => {
  afterEach(() => resetPage());

  it('finds nobody signed in while the sign-in code is still loading to revoke the tokens, and finishes signing out', async () => {
    const storageKey = 'reload-signing-out';
    keepOidcUser(storageKey, HOSTILE, { accessToken: 'an-access-token', idToken: idTokenWith({ sub: 'maria', patient: 'maria' }), profile: { sub: 'maria', patient: 'maria', name: 'Maria' } });
    // The sign-in library arrives only when the test says (a slow phone).
    let arrive!: () => void;
    const held = new Promise<void>((resolve) => (arrive = resolve));
    const loader = async () => {
      await held;
      return import('oidc-client-ts');
    };
    const session = () => html`<test-portal-session auth="oidc" oidc-authority=${HOSTILE} fhir-base-url=${HOSTILE} client-id="portico-demo" storage-key=${storageKey} .loader=${loader}></test-portal-session>`;
    const first = await fixture<TestPortalSession>(session());
    await settled(first, 'signed-in');
    part(first, 'sign-out-button')!.click();
    await settled(first, 'signed-out');
    expect(storedKeys(storageKey).some((key) => key.startsWith('oidc.user:')), 'the tokens wait for the sign-in code').to.equal(true);
    first.remove();

    // The page is loaded again before the sign-in code arrives: the stored tokens are not taken up.
    const again = await fixture<TestPortalSession>(session());
    await settled(again, 'signed-out');
    expect(sessionOf(again).client).to.equal(undefined);
    arrive();
    await waitUntil(() => storedKeys(storageKey).length === 0, `the tokens forgotten (still kept: ${storedKeys(storageKey).join(', ')})`);
    expect(sessionOf(again).status).to.equal('signed-out');
  });
});
