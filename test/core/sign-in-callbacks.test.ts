import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PatientBanner } from '../../packages/core/src/patient-banner/patient-banner.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { Sandbox } from '../helpers/backend.js';
import {
  arriveWith,
  captureNavigation,
  keepSmartSession,
  loggedSessionError,
  part,
  recordConsoleErrors,
  resetPage,
  sessionOf,
  settled,
  SMART_LIBRARY_NOT_CALLED,
  storedKeys,
  type TestPortalSession,
} from './sign-in-support.js';

const authIssuer = () => `${window.__PORTICO_TEST__.origin}/auth`;
/** A state no session on the page issued (the shape of a real one). */
const strangerState = () => crypto.randomUUID().replace(/-/g, '');

async function bannerName(session: Element): Promise<string> {
  const banner = session.querySelector<PatientBanner>('patient-banner')!;
  await waitUntil(() => part(banner, 'name'), 'the banner never showed the patient');
  return part(banner, 'name')!.textContent!.trim();
}

describe('sign-in callbacks: each answered only by the sign-in that is waiting for it', () => {
  let sandbox: Sandbox;
  let logs: ReturnType<typeof recordConsoleErrors>;
  let navigation: ReturnType<typeof captureNavigation>;

  /** A SMART session signed in as Maria, kept as a completed sign-in leaves it (a real token). */
  async function keepMaria(storageKey: string): Promise<string> {
    const { access_token } = await sandbox.token('maria', 'launch/patient patient/*.rs');
    return keepSmartSession(storageKey, { fhirBaseUrl: sandbox.fhirBaseUrl, tokenUri: `${authIssuer()}/token`, accessToken: access_token, patient: 'maria' });
  }

  before(async () => {
    sandbox = await Sandbox.create();
  });
  beforeEach(() => {
    logs = recordConsoleErrors();
    navigation = captureNavigation();
  });
  afterEach(() => {
    logs.stop();
    navigation.stop();
    resetPage();
  });
  after(() => sandbox.dispose());

  it('a crafted ?error=…&state=<the signed-in session’s own state> signs nobody out', async () => {
    const key = await keepMaria('crafted');
    arriveWith({ error: 'access_denied', state: key });
    const el = await fixture<PortalSession>(html`<portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="crafted"><patient-banner></patient-banner></portal-session>`);
    await settled(el, 'signed-in');
    expect(await bannerName(el)).to.match(/Maria .*Hernández/);
    expect(storedKeys('crafted')).to.deep.equal(['SMART_KEY', key].sort());
    expect(window.location.search).to.not.contain('error=');
  });

  it('a crafted ?error=…&state=<anything> signs nobody out', async () => {
    const key = await keepMaria('crafted-any');
    arriveWith({ error: 'server_error', error_description: 'Please sign in again', state: strangerState() });
    const el = await fixture<PortalSession>(html`<portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="crafted-any"><patient-banner></patient-banner></portal-session>`);
    await settled(el, 'signed-in');
    expect(await bannerName(el)).to.match(/Maria/);
    expect(storedKeys('crafted-any')).to.deep.equal(['SMART_KEY', key].sort());
  });

  it('a forged code leaves a signed-in session as it was, and is refused when nobody is signed in', async () => {
    const key = await keepMaria('forged');
    arriveWith({ code: 'stolen-code', state: strangerState() });
    const signedIn = await fixture<PortalSession>(html`<portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="forged"><patient-banner></patient-banner></portal-session>`);
    await settled(signedIn, 'signed-in');
    expect(storedKeys('forged')).to.deep.equal(['SMART_KEY', key].sort());
    expect(window.location.search, 'the forged response is not left in the address').to.not.contain('code=');

    arriveWith({ code: 'stolen-code', state: strangerState() });
    const nobody = await fixture<PortalSession>(html`<portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="nobody"></portal-session>`);
    await settled(nobody, 'error');
    expect(part(nobody, 'error-message')!.textContent).to.contain('This sign-in link is not valid or has expired');
  });

  it('a refused "switch patient" ends only that attempt: the session signed in before stays', async () => {
    const key = await keepMaria('switch');
    const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="switch" .loader=${SMART_LIBRARY_NOT_CALLED}><patient-banner></patient-banner></test-portal-session>`);
    await settled(el, 'signed-in');
    sessionOf(el).switchPatient();
    const state = (await navigation.next).searchParams.get('state')!;
    expect(storedKeys('switch')).to.deep.equal(['SMART_KEY', key, 'pending-sign-in', state].sort());

    arriveWith({ error: 'access_denied', state });
    const back = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="switch"><patient-banner></patient-banner></test-portal-session>`);
    await settled(back, 'error');
    expect(part(back, 'error-message')!.textContent).to.contain('Sign-in was cancelled or access was not allowed.');
    expect(storedKeys('switch'), 'the attempt is gone, the signed-in session stays').to.deep.equal(['SMART_KEY', key].sort());
    part(back, 'retry-button')!.click();
    await settled(back, 'signed-in');
    expect(await bannerName(back)).to.match(/Maria/);
  });

  it('SMART and OpenID Connect on one page: the OpenID Connect callback is left to its session', async () => {
    await keepMaria('smart-a');
    const oidc = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="oidc-b"></portal-session>`);
    await settled(oidc, 'signed-out');
    part(oidc, 'sign-in-button')!.click();
    const state = (await navigation.next).searchParams.get('state')!;

    // Back from the provider with a code for the OpenID Connect session (a code the provider never issued).
    arriveWith({ code: 'not-issued-by-the-provider', state });
    const smart = await fixture<PortalSession>(html`<portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="smart-a"><patient-banner></patient-banner></portal-session>`);
    await settled(smart, 'signed-in');
    expect(await bannerName(smart)).to.match(/Maria/);
    expect(new URL(window.location.href).searchParams.get('state'), 'the SMART session leaves the callback in the address').to.equal(state);

    // The OpenID Connect session reads it and takes the code to the provider, which refuses it.
    const oidcBack = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="oidc-b"></portal-session>`);
    await settled(oidcBack, 'error');
    const logged = loggedSessionError(logs.calls);
    expect(logged?.kind, 'the OpenID Connect session answered its own callback').to.not.equal('state-mismatch');
    expect(String((logged?.cause as Error | undefined)?.message ?? logged?.message)).to.match(/grant/i);
    expect(window.location.search).to.not.contain('state=');
    expect(sessionOf(smart).status).to.equal('signed-in');
  });

  it('SMART and OpenID Connect on one page: the SMART callback is left to its session', async () => {
    const smart = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="smart-c" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`);
    await settled(smart, 'signed-out');
    part(smart, 'sign-in-button')!.click();
    const state = (await navigation.next).searchParams.get('state')!;

    arriveWith({ error: 'access_denied', state });
    const oidc = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="oidc-d"></portal-session>`);
    await settled(oidc, 'signed-out');
    expect(loggedSessionError(logs.calls), 'the OpenID Connect session reports nothing').to.equal(undefined);
    expect(new URL(window.location.href).searchParams.get('state'), 'the OpenID Connect session leaves the callback in the address').to.equal(state);

    const smartBack = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="smart-c"></test-portal-session>`);
    await settled(smartBack, 'error');
    expect(part(smartBack, 'error-message')!.textContent).to.contain('Sign-in was cancelled');
  });
});
