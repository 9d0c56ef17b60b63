import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { Sandbox, type FaultRule } from '../helpers/backend.js';
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

const PAGE_DID_NOT_LOAD = 'Sign-in could not start because part of this page did not load. Reload the page and try again.';
const NOT_FOUND = "The hospital's sign-in service could not be found.";
const fhirclientMissing = new TypeError('Failed to fetch dynamically imported module: /portico/chunks/smart.js');
const fhirclientThrew = new ReferenceError('process is not defined');
const oidcClientMissing = new TypeError('Failed to fetch dynamically imported module: /portico/chunks/oidc.js');
const oidcClientThrew = new ReferenceError('process is not defined');

/** A sign-in that fails: how it is set up, and what the patient is told and the web team finds in the console. */
interface SignInFailure {
  name: string;
  /** Faults the server has before the session starts. */
  faults?: FaultRule[];
  /** The session on the page; the patient presses its "Sign in". */
  session: (sandbox: Sandbox) => TemplateResult;
  /**
   * The authorization server sends the patient back to the page with these parameters (and the
   * request's `state`), where the page's session (`session` again, unless given) reads them.
   */
  returnsWith?: { params: Record<string, string>; session?: (sandbox: Sandbox) => TemplateResult };
  /** Checks on the authorization request the patient was sent to. */
  request?: (request: URL, sandbox: Sandbox) => void;
  /** What the patient reads. */
  message?: string;
  /** The message after the locale changes. */
  alsoIn?: { locale: string; message: string };
  /** The logged SessionError's kind, words it contains, and its cause (the same object, or of this class). */
  kind: string;
  logged?: (sandbox: Sandbox) => string[];
  cause?: unknown;
  causeType?: new (...args: never[]) => Error;
  /** The patient never left for a sign-in that cannot complete. */
  staysOnPage?: boolean;
  /** The session's storage-key whose stored attempt is gone. */
  forgets?: string;
}

/** A session that signs in at the embedded OpenID Connect provider. */
const oidcSession = (storageKey: string) => (sandbox: Sandbox) =>
  html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key=${storageKey}></portal-session>`;

const SIGN_IN_FAILURES: SignInFailure[] = [
  {
    name: 'discovery unreachable, SMART: a server that does not answer at all',
    session: () => html`<portal-session fhir-base-url=${`${CLOSED}/fhir`} client-id="portico-demo"></portal-session>`,
    message: "We couldn't reach the hospital's sign-in service. Check your connection and try again.",
    kind: 'discovery-unreachable',
    logged: () => [`${CLOSED}/fhir/.well-known/smart-configuration`],
    causeType: TypeError,
    staysOnPage: true,
  },
  {
    name: 'discovery unreachable, OpenID Connect: metadata that does not answer, in Spanish and Arabic too',
    session: (sandbox) => html`<portal-session auth="oidc" oidc-authority=${`${CLOSED}/auth`} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" locale="es"></portal-session>`,
    message: 'No pudimos comunicarnos con el servicio de inicio de sesión del hospital. Revise su conexión e intente de nuevo.',
    alsoIn: { locale: 'ar', message: 'تعذّر الوصول إلى خدمة تسجيل الدخول الخاصة بالمستشفى. تحقّق من اتصالك ثم أعد المحاولة.' },
    kind: 'discovery-unreachable',
    logged: () => [`${CLOSED}/auth/.well-known/openid-configuration`],
    causeType: TypeError,
  },
  {
    name: 'discovery without SMART endpoints, SMART: a base URL whose configuration is a 404',
    session: () => html`<portal-session fhir-base-url=${`${origin()}/no-fhir-here`} client-id="portico-demo"></portal-session>`,
    message: NOT_FOUND,
    kind: 'config-discovery',
    logged: () => ['404'],
  },
  {
    name: 'discovery without SMART endpoints, SMART: a configuration that answers JSON without authorization and token endpoints',
    faults: [{ method: 'GET', path: '^\\.well-known/smart-configuration$', status: 200, diagnostics: 'not a SMART configuration' }],
    session: (sandbox) => html`<portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="no-endpoints"></portal-session>`,
    message: NOT_FOUND,
    kind: 'config-discovery',
    logged: () => ['authorization_endpoint or token_endpoint'],
    staysOnPage: true,
    forgets: 'no-endpoints',
  },
  {
    name: 'discovery without SMART endpoints, SMART: a configuration that is not JSON',
    session: () => html`<portal-session fhir-base-url=${`${window.location.origin}/test/fixtures/sign-in/html-configuration`} client-id="portico-demo"></portal-session>`,
    message: NOT_FOUND,
    kind: 'config-discovery',
    logged: () => ['did not answer with JSON'],
    causeType: SyntaxError,
  },
  {
    name: 'discovery without SMART endpoints, OpenID Connect: an authority with no metadata',
    session: (sandbox) => html`<portal-session auth="oidc" oidc-authority=${`${origin()}/no-auth-here`} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo"></portal-session>`,
    message: NOT_FOUND,
    kind: 'config-discovery',
  },
  {
    name: 'the sign-in library failed, SMART: fhirclient does not load: said before the patient leaves, never as a discovery problem',
    session: (sandbox) => html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" .loader=${() => Promise.reject(fhirclientMissing)}></test-portal-session>`,
    message: PAGE_DID_NOT_LOAD,
    kind: 'sign-in-library',
    cause: fhirclientMissing,
    staysOnPage: true,
  },
  {
    name: 'the sign-in library failed, SMART: fhirclient throws (process is not defined) while completing the sign-in',
    session: (sandbox) => html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="threw" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`,
    // Back from the authorization server with a code; this time fhirclient breaks.
    returnsWith: {
      params: { code: 'a-code' },
      session: (sandbox) => html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="threw"
        .loader=${async () => ({
          smart: {
            ready: () => {
              throw fhirclientThrew;
            },
          },
          adapter: class {},
        })}></test-portal-session>`,
    },
    message: PAGE_DID_NOT_LOAD,
    kind: 'sign-in-library',
    cause: fhirclientThrew,
  },
  {
    name: 'the sign-in library failed, OpenID Connect: oidc-client-ts does not load',
    session: (sandbox) => html`<test-portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" .loader=${() => Promise.reject(oidcClientMissing)}></test-portal-session>`,
    message: PAGE_DID_NOT_LOAD,
    kind: 'sign-in-library',
    cause: oidcClientMissing,
  },
  {
    name: 'the sign-in library failed, OpenID Connect: oidc-client-ts throws',
    session: (sandbox) => html`<test-portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo"
      .loader=${async () => ({
        UserManager: class {
          constructor() {
            throw oidcClientThrew;
          }
        },
        WebStorageStateStore: class {},
      })}></test-portal-session>`,
    message: PAGE_DID_NOT_LOAD,
    kind: 'sign-in-library',
    cause: oidcClientThrew,
  },
  {
    name: 'consent denied, SMART: the authorization server sends the patient back with access_denied',
    session: (sandbox) => html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="denied" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`,
    // The request the authorization server got: PKCE S256, our state, our return address, the FHIR server as audience.
    request: (request, sandbox) => {
      expect(request.searchParams.get('code_challenge_method')).to.equal('S256');
      expect(request.searchParams.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(request.searchParams.get('redirect_uri')).to.equal(`${window.location.origin}${window.location.pathname}`);
      expect(request.searchParams.get('aud')).to.equal(sandbox.fhirBaseUrl);
      expect(request.searchParams.get('state')).to.match(/^[A-Za-z0-9_-]{32}$/);
    },
    returnsWith: {
      params: { error: 'access_denied', error_description: 'Access was not allowed.' },
      session: (sandbox) => html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="denied" locale="ar"></test-portal-session>`,
    },
    message: 'أُلغي تسجيل الدخول أو لم يُسمح بالوصول.',
    kind: 'access-denied',
    forgets: 'denied',
  },
  {
    name: 'consent denied, OpenID Connect: the provider sends the patient back with access_denied',
    session: oidcSession('oidc-denied'),
    returnsWith: { params: { error: 'access_denied' } },
    message: 'Sign-in was cancelled or access was not allowed.',
    kind: 'access-denied',
  },
  {
    name: 'a bad redirect URI, SMART: the authorization server refuses the request with invalid_request (redirect_uri)',
    session: (sandbox) => html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="bad-redirect" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`,
    returnsWith: {
      params: { error: 'invalid_request', error_description: 'redirect_uri did not match any of the client\u2019s registered redirect_uris' },
      session: (sandbox) => html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="bad-redirect" locale="es"></test-portal-session>`,
    },
    message: 'El inicio de sesión de este portal no está bien configurado, por lo que el servicio de inicio de sesión del hospital no puede aceptarlo. Avise al hospital.',
    kind: 'config-rejected',
    logged: () => ['redirect_uri did not match', `${window.location.origin}${window.location.pathname}`],
  },
  {
    name: 'a bad redirect URI, OpenID Connect: the provider says unauthorized_client',
    session: oidcSession('oidc-unauthorized'),
    returnsWith: { params: { error: 'unauthorized_client' } },
    message: "This portal's sign-in is not set up correctly, so the hospital's sign-in service can't accept it. Please let the hospital know.",
    kind: 'config-rejected',
  },
  {
    name: 'a bad redirect URI: a redirect-uri that is not a web address is refused before leaving',
    session: (sandbox) => html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" redirect-uri="javascript:alert(1)" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`,
    kind: 'config-rejected',
    staysOnPage: true,
  },
];

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

  for (const failed of SIGN_IN_FAILURES) {
    it(failed.name, async () => {
      if (failed.faults) await sandbox.injectFaults(failed.faults);
      let el = await fixture<PortalSession>(failed.session(sandbox));
      await settled(el, 'signed-out');
      part(el, 'sign-in-button')!.click();
      if (failed.returnsWith) {
        const request = await navigation.next;
        expect(request.href.startsWith(`${authIssuer()}/authorize?`)).to.equal(true);
        failed.request?.(request, sandbox);
        arriveWith({ ...failed.returnsWith.params, state: request.searchParams.get('state')! });
        el = await fixture<PortalSession>((failed.returnsWith.session ?? failed.session)(sandbox));
      }
      const { message, logged } = await failure(el, logs);
      if (failed.message !== undefined) expect(message).to.equal(failed.message);
      expect(logged.kind).to.equal(failed.kind);
      for (const words of failed.logged?.(sandbox) ?? []) expect(logged.message).to.contain(words);
      if (failed.cause !== undefined) expect(logged.cause).to.equal(failed.cause);
      if (failed.causeType) expect(logged.cause).to.be.instanceOf(failed.causeType);
      if (failed.staysOnPage) expect(navigation.seen, 'the patient never left for a sign-in that cannot complete').to.deep.equal([]);
      if (failed.forgets) expect(storedKeys(failed.forgets), 'the attempt is over').to.deep.equal([]);
      if (failed.returnsWith) {
        // The callback's parameters are gone from the address.
        expect(window.location.search).to.not.contain('state=');
        expect(new URL(window.location.href).searchParams.has('code')).to.equal(false);
      }
      if (failed.alsoIn) {
        el.locale = failed.alsoIn.locale;
        const { message: expected } = failed.alsoIn;
        await waitUntil(() => part(el, 'error-message')!.textContent!.trim() === expected, `not in ${failed.alsoIn.locale}`);
      }
    });
  }

  it('a relative redirect-uri is resolved against the page', async () => {
    const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" redirect-uri="/portal/callback" .loader=${SMART_LIBRARY_NOT_CALLED}></test-portal-session>`);
    await settled(el, 'signed-out');
    part(el, 'sign-in-button')!.click();
    expect((await navigation.next).searchParams.get('redirect_uri')).to.equal(`${window.location.origin}/portal/callback`);
  });
});
