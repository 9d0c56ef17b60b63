import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { Sandbox } from '../helpers/backend.js';
import {
  arriveWith,
  captureNavigation,
  loggedSessionError,
  part,
  recordConsoleErrors,
  resetPage,
  settled,
  SMART_LIBRARY_NOT_CALLED,
  storedKeys,
  type TestPortalSession,
} from './sign-in-support.js';

const origin = () => window.__PORTICO_TEST__.origin;
const authIssuer = () => `${origin()}/auth`;
/** A port nothing listens on. */
const CLOSED = 'http://127.0.0.1:9';

/** What a session shows and logs when sign-in fails: the patient's words, and the SessionError (with its cause) for the web team. */
async function failure(el: PortalSession, logs: { calls: unknown[][] }) {
  await settled(el, 'error');
  const logged = loggedSessionError(logs.calls);
  expect(logged, 'a SessionError in the console').to.not.equal(undefined);
  return { message: part(el, 'error-message')!.textContent!.trim(), logged: logged! };
}

describe('sign-in errors say what failed', () => {
  let sandbox: Sandbox;
  let logs: ReturnType<typeof recordConsoleErrors>;
  let navigation: ReturnType<typeof captureNavigation>;

  before(async () => {
    sandbox = await Sandbox.create();
  });
  beforeEach(() => {
    logs = recordConsoleErrors();
    navigation = captureNavigation();
  });
  afterEach(async () => {
    logs.stop();
    navigation.stop();
    resetPage();
    await sandbox.clearFaults();
  });
  after(() => sandbox.dispose());

  describe('discovery unreachable', () => {
    it('SMART: a server that does not answer at all', async () => {
      const el = await fixture<PortalSession>(html`<portal-session fhir-base-url=${`${CLOSED}/fhir`} client-id="portico-demo"></portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal("We couldn't reach the hospital's sign-in service. Check your connection and try again.");
      expect(logged.kind).to.equal('discovery-unreachable');
      expect(logged.message).to.contain(`${CLOSED}/fhir/.well-known/smart-configuration`);
      expect(logged.cause).to.be.instanceOf(TypeError);
      expect(navigation.seen).to.deep.equal([]);
    });

    it('OpenID Connect: metadata that does not answer, in Spanish and Arabic too', async () => {
      const el = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${`${CLOSED}/auth`} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" locale="es"></portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal('No pudimos comunicarnos con el servicio de inicio de sesión del hospital. Revise su conexión e intente de nuevo.');
      expect(logged.kind).to.equal('discovery-unreachable');
      expect(logged.message).to.contain(`${CLOSED}/auth/.well-known/openid-configuration`);
      expect(logged.cause).to.be.instanceOf(TypeError);
      el.locale = 'ar';
      await waitUntil(() => part(el, 'error-message')!.textContent!.trim() === 'تعذّر الوصول إلى خدمة تسجيل الدخول الخاصة بالمستشفى. تحقّق من اتصالك ثم أعد المحاولة.', 'not in Arabic');
    });
  });

  describe('discovery without SMART endpoints', () => {
    it('SMART: a base URL whose configuration is a 404', async () => {
      const el = await fixture<PortalSession>(html`<portal-session fhir-base-url=${`${origin()}/no-fhir-here`} client-id="portico-demo"></portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal("The hospital's sign-in service could not be found.");
      expect(logged.kind).to.equal('config-discovery');
      expect(logged.message).to.contain('404');
    });

    it('SMART: a configuration that answers JSON without authorization and token endpoints', async () => {
      await sandbox.injectFaults([{ method: 'GET', path: '^\\.well-known/smart-configuration$', status: 200, diagnostics: 'not a SMART configuration' }]);
      const el = await fixture<PortalSession>(html`<portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="no-endpoints"></portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal("The hospital's sign-in service could not be found.");
      expect(logged.kind).to.equal('config-discovery');
      expect(logged.message).to.contain('authorization_endpoint or token_endpoint');
      expect(navigation.seen).to.deep.equal([]);
      expect(storedKeys('no-endpoints')).to.deep.equal([]);
    });

    it('SMART: a configuration that is not JSON', async () => {
      const base = `${window.location.origin}/test/fixtures/sign-in/html-configuration`;
      const el = await fixture<PortalSession>(html`<portal-session fhir-base-url=${base} client-id="portico-demo"></portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal("The hospital's sign-in service could not be found.");
      expect(logged.kind).to.equal('config-discovery');
      expect(logged.message).to.contain('did not answer with JSON');
      expect(logged.cause).to.be.instanceOf(SyntaxError);
    });

    it('OpenID Connect: an authority with no metadata', async () => {
      const el = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${`${origin()}/no-auth-here`} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo"></portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal("The hospital's sign-in service could not be found.");
      expect(logged.kind).to.equal('config-discovery');
    });
  });

  describe('the sign-in library failed', () => {
    it('SMART: fhirclient does not load: said before the patient leaves, never as a discovery problem', async () => {
      const cause = new TypeError('Failed to fetch dynamically imported module: /portico/chunks/smart.js');
      const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" .loader=${() => Promise.reject(cause)}></test-portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal('Sign-in could not start because part of this page did not load. Reload the page and try again.');
      expect(message).to.not.contain('could not be found');
      expect(logged.kind).to.equal('sign-in-library');
      expect(logged.cause).to.equal(cause);
      expect(navigation.seen, 'the patient never left for a sign-in that cannot complete').to.deep.equal([]);
    });

    it('SMART: fhirclient throws (process is not defined) while completing the sign-in', async () => {
      const cause = new ReferenceError('process is not defined');
      const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="threw" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const state = (await navigation.next).searchParams.get('state')!;
      // Back from the authorization server with a code; this time fhirclient breaks.
      arriveWith({ code: 'a-code', state });
      const back = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="threw"
        .loader=${async () => ({
          smart: {
            ready: () => {
              throw cause;
            },
          },
          adapter: class {},
        })}></test-portal-session>`);
      const { message, logged } = await failure(back, logs);
      expect(message).to.equal('Sign-in could not start because part of this page did not load. Reload the page and try again.');
      expect(logged.kind).to.equal('sign-in-library');
      expect(logged.cause).to.equal(cause);
      expect(new URL(window.location.href).searchParams.has('code')).to.equal(false);
    });

    it('OpenID Connect: oidc-client-ts does not load', async () => {
      const cause = new TypeError('Failed to fetch dynamically imported module: /portico/chunks/oidc.js');
      const el = await fixture<TestPortalSession>(html`<test-portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" .loader=${() => Promise.reject(cause)}></test-portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal('Sign-in could not start because part of this page did not load. Reload the page and try again.');
      expect(logged.kind).to.equal('sign-in-library');
      expect(logged.cause).to.equal(cause);
    });

    it('OpenID Connect: oidc-client-ts throws', async () => {
      const cause = new ReferenceError('process is not defined');
      const broken = {
        UserManager: class {
          constructor() {
            throw cause;
          }
        },
        WebStorageStateStore: class {},
      };
      const el = await fixture<TestPortalSession>(html`<test-portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" .loader=${async () => broken}></test-portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { message, logged } = await failure(el, logs);
      expect(message).to.equal('Sign-in could not start because part of this page did not load. Reload the page and try again.');
      expect(logged.kind).to.equal('sign-in-library');
      expect(logged.cause).to.equal(cause);
    });
  });

  describe('consent denied', () => {
    it('SMART: the authorization server sends the patient back with access_denied', async () => {
      const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="denied" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const request = await navigation.next;
      // The request the authorization server got: PKCE S256, our state, our return address, the FHIR server as audience.
      expect(request.href.startsWith(`${authIssuer()}/authorize?`)).to.equal(true);
      expect(request.searchParams.get('code_challenge_method')).to.equal('S256');
      expect(request.searchParams.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(request.searchParams.get('redirect_uri')).to.equal(`${window.location.origin}${window.location.pathname}`);
      expect(request.searchParams.get('aud')).to.equal(sandbox.fhirBaseUrl);
      const state = request.searchParams.get('state')!;
      expect(state).to.match(/^[A-Za-z0-9_-]{32}$/);

      arriveWith({ error: 'access_denied', error_description: 'Access was not allowed.', state });
      const back = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="denied" locale="ar"></test-portal-session>`);
      const { message, logged } = await failure(back, logs);
      expect(message).to.equal('أُلغي تسجيل الدخول أو لم يُسمح بالوصول.');
      expect(logged.kind).to.equal('access-denied');
      expect(window.location.search).to.not.contain('state=');
      expect(storedKeys('denied'), 'the attempt is over').to.deep.equal([]);
    });

    it('OpenID Connect: the provider sends the patient back with access_denied', async () => {
      const el = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="oidc-denied"></portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const request = await navigation.next;
      expect(request.href.startsWith(`${authIssuer()}/authorize?`)).to.equal(true);
      const state = request.searchParams.get('state')!;
      arriveWith({ error: 'access_denied', state });
      const back = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="oidc-denied"></portal-session>`);
      const { message, logged } = await failure(back, logs);
      expect(message).to.equal('Sign-in was cancelled or access was not allowed.');
      expect(logged.kind).to.equal('access-denied');
      expect(window.location.search).to.not.contain('state=');
    });
  });

  describe('a bad redirect URI', () => {
    it('SMART: the authorization server refuses the request with invalid_request (redirect_uri)', async () => {
      const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="bad-redirect" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const state = (await navigation.next).searchParams.get('state')!;
      arriveWith({ error: 'invalid_request', error_description: 'redirect_uri did not match any of the client\u2019s registered redirect_uris', state });
      const back = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="bad-redirect" locale="es"></test-portal-session>`);
      const { message, logged } = await failure(back, logs);
      expect(message).to.equal('El inicio de sesión de este portal no está bien configurado, por lo que el servicio de inicio de sesión del hospital no puede aceptarlo. Avise al hospital.');
      expect(logged.kind).to.equal('config-rejected');
      expect(logged.message).to.contain('redirect_uri did not match');
      expect(logged.message).to.contain(`${window.location.origin}${window.location.pathname}`);
    });

    it('OpenID Connect: the provider says unauthorized_client', async () => {
      const el = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="oidc-unauthorized"></portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const state = (await navigation.next).searchParams.get('state')!;
      arriveWith({ error: 'unauthorized_client', state });
      const back = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="oidc-unauthorized"></portal-session>`);
      const { message, logged } = await failure(back, logs);
      expect(message).to.equal("This portal's sign-in is not set up correctly, so the hospital's sign-in service can't accept it. Please let the hospital know.");
      expect(logged.kind).to.equal('config-rejected');
    });

    it('a redirect-uri that is not a web address is refused before leaving', async () => {
      const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" redirect-uri="javascript:alert(1)" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      const { logged } = await failure(el, logs);
      expect(logged.kind).to.equal('config-rejected');
      expect(navigation.seen).to.deep.equal([]);
    });

    it('a relative redirect-uri is resolved against the page', async () => {
      const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" redirect-uri="/portal/callback" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`);
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      expect((await navigation.next).searchParams.get('redirect_uri')).to.equal(`${window.location.origin}/portal/callback`);
    });
  });
});
