import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/lab-results/src/define.js';
import '../../packages/appointment-booker/src/define.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { Sandbox } from '../helpers/backend.js';
import { captureNavigation, part, resetPage, settled, SMART_LIBRARY_NOT_CALLED, type TestPortalSession } from './sign-in-support.js';

const authIssuer = () => `${window.__PORTICO_TEST__.origin}/auth`;
const SESSION = ['openid', 'fhirUser', 'launch/patient', 'online_access', 'patient/Patient.r', 'patient/Person.r', 'patient/RelatedPerson.r'];
const LAB_RESULTS = ['patient/DiagnosticReport.rs', 'patient/Observation.rs', 'patient/ServiceRequest.rs', 'patient/DocumentReference.rs', 'patient/Binary.r', 'patient/Practitioner.rs', 'patient/PractitionerRole.rs'];
const BOOKER = ['patient/Schedule.rs', 'patient/Slot.rs', 'patient/Appointment.rs', 'patient/Encounter.rs', 'patient/Practitioner.rs', 'patient/PractitionerRole.rs', 'patient/Location.rs', 'patient/Organization.rs', 'patient/Appointment.cu', 'patient/Slot.u'];
/** Resource types neither lab-results nor the booker touches. */
const NOT_USED_BY_LAB_RESULTS = /^patient\/(\*|Appointment|Slot|Schedule|Communication|PaymentReconciliation|Task|Encounter)\./;

const sorted = (scopes: Iterable<string>) => [...new Set(scopes)].sort();

describe('portal-session asks for the scopes of the elements inside it', () => {
  let sandbox: Sandbox;
  let navigation: ReturnType<typeof captureNavigation>;

  /** Clicks "Sign in" and returns the scopes of the authorization request the session navigates to. */
  async function askedScopes(el: PortalSession): Promise<string[]> {
    await settled(el, 'signed-out');
    part(el, 'sign-in-button')!.click();
    const url = await navigation.next;
    expect(url.href.startsWith(authIssuer()), `went to ${url.origin}${url.pathname}`).to.equal(true);
    return url.searchParams.get('scope')!.split(' ');
  }

  before(async () => {
    sandbox = await Sandbox.create();
  });
  beforeEach(() => {
    navigation = captureNavigation();
  });
  afterEach(() => {
    navigation.stop();
    resetPage();
  });
  after(() => sandbox.dispose());

  it('with only lab-results: the session’s own scopes and the lab reads, no booking, message, payment or task scopes', async () => {
    const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="labs-only" .loader=${SMART_LIBRARY_NOT_CALLED}>
      <section><h1>My results</h1><lab-results></lab-results></section>
    </test-portal-session>`);
    const scopes = await askedScopes(el);
    expect(scopes.filter((s) => NOT_USED_BY_LAB_RESULTS.test(s))).to.deep.equal([]);
    expect(sorted(scopes)).to.deep.equal(sorted([...SESSION, ...LAB_RESULTS]));
  });

  it('with lab-results and the booker: the union, each scope once', async () => {
    const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="labs-and-booker" .loader=${SMART_LIBRARY_NOT_CALLED}>
      <lab-results></lab-results>
      <div><appointment-booker></appointment-booker></div>
    </test-portal-session>`);
    const scopes = await askedScopes(el);
    expect(scopes.length).to.equal(new Set(scopes).size);
    expect(sorted(scopes)).to.deep.equal(sorted([...SESSION, ...LAB_RESULTS, ...BOOKER]));
  });

  it('counts an element the page adds before the patient signs in', async () => {
    const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="added-later" .loader=${SMART_LIBRARY_NOT_CALLED}>
      <lab-results></lab-results>
    </test-portal-session>`);
    await settled(el, 'signed-out');
    el.append(document.createElement('appointment-booker'));
    const scopes = await askedScopes(el);
    expect(scopes).to.include.members(['patient/Appointment.cu', 'patient/Slot.u', 'patient/Schedule.rs']);
  });

  it('the scope attribute replaces everything, offline-access still applied', async () => {
    const el = await fixture<TestPortalSession>(html`<test-portal-session fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="attribute" offline-access
      scope="openid fhirUser launch/patient online_access patient/*.rs" .loader=${SMART_LIBRARY_NOT_CALLED}>
      <lab-results></lab-results>
      <appointment-booker></appointment-booker>
    </test-portal-session>`);
    expect(sorted(await askedScopes(el))).to.deep.equal(sorted(['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/*.rs']));
  });

  it('OpenID Connect sign-in asks for the same scopes', async () => {
    const el = await fixture<PortalSession>(html`<portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="oidc-labs">
      <lab-results></lab-results>
    </portal-session>`);
    expect(sorted(await askedScopes(el))).to.deep.equal(sorted([...SESSION, ...LAB_RESULTS]));
  });

  it('asks the sign-in pages to speak the page\'s language (ui_locales), SMART and OpenID Connect alike', async () => {
    const smart = await fixture<TestPortalSession>(html`<test-portal-session locale="es" fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="ui-locales-smart" .loader=${SMART_LIBRARY_NOT_CALLED}>
      <lab-results></lab-results>
    </test-portal-session>`);
    await askedScopes(smart);
    expect((await navigation.next).searchParams.get('ui_locales')).to.equal('es');
    resetPage();
    navigation.stop();
    navigation = captureNavigation();
    const wrapper = await fixture<HTMLElement>(html`<div lang="ar"><portal-session auth="oidc" oidc-authority=${authIssuer()} fhir-base-url=${sandbox.fhirBaseUrl} client-id="portico-demo" storage-key="ui-locales-oidc">
      <lab-results></lab-results>
    </portal-session></div>`);
    await askedScopes(wrapper.querySelector<PortalSession>('portal-session')!);
    expect((await navigation.next).searchParams.get('ui_locales')).to.equal('ar');
  });
});
