import { elementUpdated, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { consume, ContextConsumer, createContext } from '@lit/context';
import { LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../packages/core/src/define.js';
import { sessionContext, type SessionState } from '../../packages/core/src/context.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import type { PatientBanner } from '../../packages/core/src/patient-banner/patient-banner.js';
import { Sandbox } from '../helpers/backend.js';

/** Stands in for a Portico element: shows what the session gives it, and keeps a draft it must not lose. */
@customElement('session-probe')
class SessionProbe extends LitElement {
  @consume({ context: sessionContext, subscribe: true })
  @state()
  session?: SessionState;

  draft = '';

  override render() {
    return html`<p>status: ${this.session?.status}; patient: ${this.session?.patientId ?? '-'}</p>`;
  }
}

const shadowText = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function settled(el: PortalSession, status: SessionState['status']) {
  await waitUntil(() => (el as unknown as { session: SessionState }).session.status === status, `session never became ${status}`, { timeout: 5000 });
  await elementUpdated(el);
}

describe('portal-session', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());

  it('in token mode provides a signed-in FHIR client and the patient to the elements inside', async () => {
    const { access_token } = await sandbox.token('maria');
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}>
      <session-probe></session-probe>
      <patient-banner></patient-banner>
    </portal-session>`);
    await settled(el, 'signed-in');
    const probe = el.querySelector<SessionProbe>('session-probe')!;
    await waitUntil(() => probe.session?.patient, 'patient never loaded');
    expect(probe.session?.patientId).to.equal('maria');
    const patient = await probe.session!.client!.read('Patient', 'maria');
    expect(patient.id).to.equal('maria');
    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await elementUpdated(banner);
    expect(part(banner, 'name')!.textContent).to.contain('Hernández');
    expect(shadowText(banner)).to.contain('MRN');
    expect(shadowText(banner)).to.match(/RH-\d+/);
    expect(part(banner, 'switch-button') === null).to.equal(true);
    await expect(el).to.be.accessible();
    await expect(banner).to.be.accessible();
  });

  it('in token mode, the host’s `scope` says what its token grants, so the client knows what it may not do', async () => {
    const scope = 'patient/Patient.rs patient/Observation.rs';
    const { access_token } = await sandbox.token('maria', scope);
    const told = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" scope=${scope} .accessToken=${access_token}>
      <session-probe></session-probe>
    </portal-session>`);
    await settled(told, 'signed-in');
    const client = told.querySelector<SessionProbe>('session-probe')!.session!.client!;
    expect(client.scopeAllows('Observation', 'r')).to.equal(true);
    expect(client.scopeAllows('MedicationRequest', 'r')).to.equal(false);
    // Without it, nothing is known of the token: every request is tried.
    const untold = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}>
      <session-probe></session-probe>
    </portal-session>`);
    await settled(untold, 'signed-in');
    expect(untold.querySelector<SessionProbe>('session-probe')!.session!.client!.scopeAllows('MedicationRequest', 'r')).to.equal(true);
  });

  it('shows the sign-in prompt when nobody is signed in, and asks the host in token mode', async () => {
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl}><session-probe></session-probe></portal-session>`);
    await settled(el, 'signed-out');
    expect(part(el, 'sign-in')!.textContent).to.contain('Sign in to see your health information.');
    expect(part(el, 'content')!.hidden).to.equal(true);
    const asked = oneEvent(el, 'portico-sign-in-requested');
    part(el, 'sign-in-button')!.click();
    expect((await asked).detail.reason).to.equal('signed-out');
    await expect(el).to.be.accessible();
  });

  it('lets the host replace the sign-in prompt through the sign-in slot', async () => {
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl}>
      <a slot="sign-in" href="/login">Log in to MyRiverside</a>
    </portal-session>`);
    await settled(el, 'signed-out');
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="sign-in"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Log in to MyRiverside']);
  });

  it('explains a missing fhir-base-url instead of showing a blank box', async () => {
    const el = await fixture<PortalSession>(html`<portal-session></portal-session>`);
    await settled(el, 'error');
    expect(part(el, 'error-message')!.textContent).to.contain('This portal is not set up');
    await expect(el).to.be.accessible();
  });

  it('explains a server without SMART discovery when the patient tries to sign in', async () => {
    const el = await fixture<PortalSession>(html`<portal-session fhir-base-url=${`${window.__PORTICO_TEST__.origin}/no-fhir-here`} client-id="portico-demo"></portal-session>`);
    await settled(el, 'signed-out');
    part(el, 'sign-in-button')!.click();
    await settled(el, 'error');
    expect(part(el, 'error-message')!.textContent).to.contain("sign-in service could not be found");
    expect(window.location.search).to.not.contain('state=');
  });

  it('explains a server that is down', async () => {
    const el = await fixture<PortalSession>(html`<portal-session fhir-base-url="http://127.0.0.1:9/fhir" client-id="portico-demo"></portal-session>`);
    await settled(el, 'signed-out');
    part(el, 'sign-in-button')!.click();
    await settled(el, 'error');
    expect(part(el, 'error-message')!.textContent).to.contain("couldn't reach the hospital's sign-in service");
    part(el, 'retry-button')!.click();
    await settled(el, 'signed-out');
  });

  it('asks the FHIR server for the session’s language: the locale attribute, else the nearest lang', async () => {
    // The requests pass through to the embedded server unchanged; the test reads the headers they carried.
    const sent: { url: string; language: string | null }[] = [];
    const pageFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith(sandbox.fhirBaseUrl)) sent.push({ url, language: new Headers(init?.headers).get('Accept-Language') });
      return pageFetch(input, init);
    };
    try {
      const { access_token } = await sandbox.token('maria');
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="es-MX">
        <portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}><session-probe></session-probe></portal-session>
      </div>`);
      const el = wrapper.querySelector<PortalSession>('portal-session')!;
      await settled(el, 'signed-in');
      const probe = el.querySelector<SessionProbe>('session-probe')!;
      await waitUntil(() => probe.session?.patient, 'patient never loaded');
      expect(sent.length).to.be.greaterThan(0);
      expect(sent.map((s) => s.language)).to.deep.equal(sent.map(() => 'es-MX'));

      sent.length = 0;
      el.setAttribute('locale', 'ar');
      await elementUpdated(el);
      await probe.session!.client!.search('Observation', { patient: 'maria' });
      expect(sent.map((s) => s.language)).to.deep.equal(['ar']);
    } finally {
      window.fetch = pageFetch;
    }
  });

  it('says once that the session ended, with "Sign in again" and no "Try again"', async () => {
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${'revoked-token'}>
      <patient-banner></patient-banner>
    </portal-session>`);
    await settled(el, 'expired');
    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await elementUpdated(banner);
    const buttons = [...el.shadowRoot!.querySelectorAll('button'), ...banner.shadowRoot!.querySelectorAll('button')]
      .filter((button) => button.getClientRects().length > 0)
      .map((button) => button.textContent!.trim());
    expect(buttons).to.deep.equal(['Sign out', 'Sign in again']);
    const page = `${shadowText(el)} ${shadowText(banner)}`;
    expect(page.match(/session has ended|sign-in has expired|sign in again/gi)?.map((s) => s.toLowerCase())).to.deep.equal(['session has ended', 'sign in again']);
    await expect(el).to.be.accessible();
  });

  it('asks to sign in again when the token stops working, keeping the elements and their state', async () => {
    const requests: string[] = [];
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${'revoked-token'}
      @portico-sign-in-requested=${(e: CustomEvent & { detail: { reason: string } }) => requests.push(e.detail.reason)}>
      <session-probe></session-probe>
    </portal-session>`);
    await settled(el, 'expired');
    expect(requests).to.deep.equal(['expired']);
    const probe = el.querySelector<SessionProbe>('session-probe')!;
    probe.draft = 'Half-written message';
    const failure = await probe.session!.client!.read('Patient', 'maria').catch((e: unknown) => e);
    expect((failure as { kind: string }).kind).to.equal('unauthorized');
    expect(part(el, 'expired')!.textContent).to.contain('Your session has ended.');
    expect(part(el, 'content')!.hidden).to.equal(false);
    await expect(el).to.be.accessible();

    el.accessToken = (await sandbox.token('maria')).access_token;
    await settled(el, 'signed-in');
    expect(el.querySelector('session-probe')).to.equal(probe);
    expect(probe.draft).to.equal('Half-written message');
    expect((await probe.session!.client!.read('Patient', 'maria')).id).to.equal('maria');
  });

  it('uses the host callback for tokens and retries once with a fresh one', async () => {
    let calls = 0;
    const good = (await sandbox.token('maria')).access_token;
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .getAccessToken=${() => (++calls === 1 ? 'stale' : good)}>
      <session-probe></session-probe>
    </portal-session>`);
    await settled(el, 'signed-in');
    const probe = el.querySelector<SessionProbe>('session-probe')!;
    await waitUntil(() => probe.session?.patient, 'patient never loaded');
    expect(probe.session!.status).to.equal('signed-in');
    expect(calls).to.be.greaterThan(1);
  });

  it('speaks the session locale in every element inside', async () => {
    const { access_token } = await sandbox.token('maria');
    const el = await fixture<PortalSession>(html`<portal-session locale="es" auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}>
      <patient-banner></patient-banner>
    </portal-session>`);
    await settled(el, 'signed-in');
    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await waitUntil(() => shadowText(banner).includes('Fecha de nacimiento'), 'banner not in Spanish');
    expect(shadowText(el)).to.contain('Cerrar sesión');
  });

  it('signs out: forgets the client and tells the host', async () => {
    const { access_token } = await sandbox.token('maria');
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}>
      <session-probe></session-probe>
    </portal-session>`);
    await settled(el, 'signed-in');
    const change = oneEvent(el, 'portico-session-change');
    part(el, 'sign-out-button')!.click();
    expect((await change).detail.status).to.equal('signed-out');
    expect(el.querySelector<SessionProbe>('session-probe')!.session?.client).to.equal(undefined);
  });
});

describe('patient-banner on its own', () => {
  it('renders a patient the host already has, without a session', async () => {
    const el = await fixture<PatientBanner>(html`<patient-banner
      .patient=${{ resourceType: 'Patient', id: 'x', name: [{ given: ['Ana'], family: 'López' }], birthDate: '1990-02-03', identifier: [{ type: { coding: [{ code: 'MR' }] }, value: 'MRN-42' }] }}
    ></patient-banner>`);
    expect(part(el, 'name')!.textContent).to.equal('Ana López');
    expect(shadowText(el)).to.contain('MRN-42');
    expect(shadowText(el)).to.contain('1990');
    await expect(el).to.be.accessible();
  });
});

describe('patient-banner with its own client', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());

  it('reads the patient it is given by id', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<PatientBanner>(html`<patient-banner .client=${client} patient-id="maria"></patient-banner>`);
    await waitUntil(() => part(el, 'name'), 'never showed the patient');
    expect(part(el, 'name')!.textContent).to.match(/Maria .*Hernández/);
  });

  it('says why when the patient cannot be read, and retries', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'GET', path: '^Patient/maria$', status: 500, diagnostics: 'down' }]);
    const el = await fixture<PatientBanner>(html`<patient-banner .client=${client} patient-id="maria"></patient-banner>`);
    await waitUntil(() => part(el, 'error'), 'no error shown');
    expect(part(el, 'error-message')!.textContent).to.contain('Something went wrong');
    await expect(el).to.be.accessible();
    part(el, 'retry-button')!.click();
    await waitUntil(() => part(el, 'name'), 'retry did not load the patient');
  });
});

describe('portal-session details', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());

  it('sets the direction for a right-to-left locale', async () => {
    const { access_token } = await sandbox.token('aisha');
    const el = await fixture<PortalSession>(html`<portal-session locale="ar" auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="aisha" .accessToken=${access_token}>
      <patient-banner></patient-banner>
    </portal-session>`);
    await settled(el, 'signed-in');
    expect(el.getAttribute('dir')).to.equal('rtl');
    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await waitUntil(() => part(banner, 'name'), 'no banner');
    expect(getComputedStyle(part(banner, 'banner')!).direction).to.equal('rtl');
  });

  it('gives the page its language back when the locale is cleared', async () => {
    const el = await fixture<PortalSession>(html`<portal-session locale="ar"></portal-session>`);
    await settled(el, 'error');
    expect(el.getAttribute('dir')).to.equal('rtl');
    el.locale = '';
    await elementUpdated(el);
    expect(el.hasAttribute('dir')).to.equal(false);
    expect(el.hasAttribute('lang')).to.equal(false);
    await waitUntil(() => part(el, 'error-message')!.textContent!.includes('This portal is not set up'), 'not back in English');
  });

  it('does not show a person’s own record as someone else’s', async () => {
    const { access_token } = await sandbox.token('james', undefined, 'james');
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="james" fhir-user="Person/person-james" .accessToken=${access_token}>
      <patient-banner></patient-banner>
    </portal-session>`);
    await settled(el, 'signed-in');
    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await waitUntil(() => part(banner, 'switch-button'), 'no switch button');
    expect(shadowText(banner)).to.not.contain('Viewing the record of');
  });

  it('goes to expired when the host callback keeps handing out a refused token', async () => {
    const reasons: { reason: string; userInitiated: boolean }[] = [];
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .getAccessToken=${() => 'always-refused'}
      @portico-sign-in-requested=${(e: CustomEvent & { detail: { reason: string; userInitiated: boolean } }) => reasons.push(e.detail)}>
    </portal-session>`);
    await settled(el, 'expired');
    expect(reasons).to.deep.equal([{ reason: 'expired', userInitiated: false }]);
    part(el, 'sign-in-button')!.click();
    expect(reasons[1]).to.deep.equal({ reason: 'expired', userInitiated: true });
  });

  it('shows patients words they can act on, not the technical reason', async () => {
    const el = await fixture<PortalSession>(html`<portal-session locale="es"></portal-session>`);
    await settled(el, 'error');
    expect(shadowText(el)).to.not.contain('fhir-base-url');
    expect(part(el, 'error-message')!.textContent).to.contain('Este portal');
  });
});

describe('portal-session shares what it reads', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  afterEach(() => sandbox.clearFaults());
  after(() => sandbox.dispose());

  /** Records the FHIR requests the page sends through `fetch` (they still go to the real server). */
  function recordRequests(): { sent: string[]; stop(): void } {
    const original = window.fetch;
    const sent: string[] = [];
    window.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.href.startsWith(sandbox.fhirBaseUrl)) sent.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname.slice(new URL(sandbox.fhirBaseUrl).pathname.length + 1)}`);
      return original.call(window, input, init);
    };
    return { sent, stop: () => (window.fetch = original) };
  }

  it('reads the Patient once from sign-in to a rendered banner', async () => {
    const { access_token } = await sandbox.token('maria');
    const requests = recordRequests();
    try {
      const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}>
        <patient-banner></patient-banner>
        <patient-banner></patient-banner>
      </portal-session>`);
      await settled(el, 'signed-in');
      const banners = [...el.querySelectorAll<PatientBanner>('patient-banner')];
      await waitUntil(() => banners.every((b) => part(b, 'name')), 'the banners never showed the patient');
      expect(banners.every((b) => /^Maria .*Hernández$/.test(part(b, 'name')!.textContent!.trim()))).to.equal(true);
      expect(requests.sent.filter((r) => r === 'GET Patient/maria')).to.deep.equal(['GET Patient/maria']);
    } finally {
      requests.stop();
    }
  });

  it('the banner says when the session could not read the patient, and its retry reads it again', async () => {
    const { access_token } = await sandbox.token('maria');
    await sandbox.injectFaults([{ method: 'GET', path: '^Patient/maria$', status: 500, diagnostics: 'down' }]);
    const requests = recordRequests();
    try {
      const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}>
        <patient-banner></patient-banner>
      </portal-session>`);
      await settled(el, 'signed-in');
      const banner = el.querySelector<PatientBanner>('patient-banner')!;
      await waitUntil(() => part(banner, 'error'), 'no error shown');
      expect(part(banner, 'error-message')!.textContent).to.contain('Something went wrong');
      await expect(banner).to.be.accessible();
      part(banner, 'retry-button')!.click();
      await waitUntil(() => part(banner, 'name'), 'the retry did not show the patient');
      expect(requests.sent.filter((r) => r === 'GET Patient/maria')).to.have.length(2);
    } finally {
      requests.stop();
    }
  });

  it('shares the session with a second copy of Portico on the page (a context keyed by Symbol.for)', async () => {
    // What another copy of @portico/core does: its own createContext call with the same global key.
    const otherCopysContext = createContext<SessionState | undefined>(Symbol.for('portico-session'));
    class OtherCopyElement extends LitElement {
      readonly session = new ContextConsumer(this, { context: otherCopysContext, subscribe: true });
    }
    if (!customElements.get('other-copy-element')) customElements.define('other-copy-element', OtherCopyElement);
    const { access_token } = await sandbox.token('maria');
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" .accessToken=${access_token}>
      <other-copy-element></other-copy-element>
    </portal-session>`);
    await settled(el, 'signed-in');
    const other = el.querySelector<OtherCopyElement>('other-copy-element')!;
    await waitUntil(() => other.session.value?.status === 'signed-in', 'the other copy never got the session');
    expect(other.session.value?.patientId).to.equal('maria');
  });
});
