import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import type { Attachment, DiagnosticReport, DocumentReference, Communication, Patient, Resource } from 'fhir/r4';
import '../../packages/core/src/define.js';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import { FhirError } from '../../packages/core/src/fhir/errors.js';
import type { PatientBanner } from '../../packages/core/src/patient-banner/patient-banner.js';
import {
  assertNoScriptRan,
  DATA_HTML_BASE64_URL,
  DATA_HTML_URL,
  HOSTILE_PATIENT_ID,
  hostileResources,
  IMG_PAYLOAD,
  JAVASCRIPT_URL,
  LONG_FAMILY_NAME,
  SCRIPT_PAYLOAD,
  XSS_MARKER,
} from '../fixtures/hostile-data.js';
import { Sandbox } from '../helpers/backend.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Elements and attributes that would mean markup from the data became DOM. */
const INJECTED = 'img, script, iframe, object, embed, b, i, a[href^="javascript:" i], a[href^="data:" i], [onerror], [onclick], [onmouseover], [onfocus]';

/** Waits until anything the render could have set off (an image error, a microtask, a frame) had its chance. */
async function afterRender(el: Element): Promise<void> {
  await (el as PatientBanner).updateComplete;
  await nextFrame();
  await nextFrame();
}

function rejection(promise: Promise<unknown>): Promise<FhirError> {
  return promise.then(
    () => {
      throw new Error('expected the promise to reject');
    },
    (error: unknown) => {
      expect(error).to.be.instanceOf(FhirError);
      return error as FhirError;
    },
  );
}

/** A fetch that serves the fixtures by `Type/id` (no demo user may read patient `hostile` from the server). */
function fixtureFetch(resources: readonly Resource[], calls: string[]): typeof fetch {
  return async (input) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    calls.push(url.href);
    const [type, id] = url.pathname.split('/').slice(-2);
    const found = resources.find((r) => r.resourceType === type && r.id === id);
    return found
      ? new Response(JSON.stringify(found), { status: 200, headers: { 'Content-Type': 'application/fhir+json' } })
      : new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }), { status: 404 });
  };
}

/** Every attachment URL in the fixtures that is not a web address. */
function dangerousAttachments(resources: readonly Resource[]): Attachment[] {
  return resources.flatMap((r): Attachment[] => {
    if (r.resourceType === 'DiagnosticReport') return (r as DiagnosticReport).presentedForm ?? [];
    if (r.resourceType === 'DocumentReference') return (r as DocumentReference).content.map((c) => c.attachment);
    if (r.resourceType === 'Communication') return ((r as Communication).payload ?? []).flatMap((p) => (p.contentAttachment ? [p.contentAttachment] : []));
    return [];
  });
}

describe('hostile data: the fixture set', () => {
  afterEach(() => {
    delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
  });

  it('assertNoScriptRan fails once a payload has run', () => {
    expect(() => assertNoScriptRan()).not.to.throw();
    (window as unknown as Record<string, unknown>)[XSS_MARKER] = 1;
    expect(() => assertNoScriptRan()).to.throw(/hostile payload ran/);
  });

  it('really is hostile: the payloads run when assigned as HTML', async () => {
    // Proves the marker check can catch what the elements must never do.
    const probe = document.createElement('div');
    probe.innerHTML = IMG_PAYLOAD;
    document.body.append(probe);
    await waitUntil(() => (window as unknown as Record<string, unknown>)[XSS_MARKER] === 1, 'the image payload never ran', { timeout: 3000 });
    probe.remove();
  });

  it('covers every case the elements must survive', () => {
    const resources = hostileResources();
    const patient = resources.find((r) => r.resourceType === 'Patient') as Patient;
    expect(patient.id).to.equal(HOSTILE_PATIENT_ID);
    expect(patient.name?.[0]?.family).to.have.length(5000);
    const huge = resources.find((r) => r.id === 'obs-hostile-huge') as { valueString?: string };
    expect(huge.valueString).to.have.length(100_000);
    const urls = dangerousAttachments(resources).map((a) => a.url);
    expect(urls).to.include.members([JAVASCRIPT_URL, DATA_HTML_URL]);
    expect(resources.map((r) => r.resourceType)).to.include.members(['Patient', 'Observation', 'DiagnosticReport', 'DocumentReference', 'Communication', 'Appointment']);
    // Every resource belongs to the hostile patient's compartment, so loading it cannot touch a demo patient.
    expect(JSON.stringify(resources)).not.to.match(/Patient\/(maria|james|leo|aisha)/);
  });
});

describe('hostile data: patient-banner', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
    await sandbox.load(hostileResources());
  });
  afterEach(() => {
    const ran = (window as unknown as Record<string, unknown>)[XSS_MARKER];
    delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
    if (ran !== undefined) throw new Error(`a hostile payload ran during the test (window.${XSS_MARKER} = ${String(ran)})`);
  });
  after(() => sandbox.dispose());

  it('shows markup in the name and MRN as text, runs nothing, and wraps a 5,000-character name', async () => {
    const patient = hostileResources()[0] as Patient;
    const container = await fixture<HTMLDivElement>(html`<div style="inline-size: 20rem"><patient-banner .patient=${patient}></patient-banner></div>`);
    const el = container.querySelector<PatientBanner>('patient-banner')!;
    await afterRender(el);

    assertNoScriptRan();
    const name = part(el, 'name')!;
    expect(name.textContent).to.contain('<img src=x onerror=');
    expect(name.textContent).to.contain(SCRIPT_PAYLOAD);
    expect(name.textContent).to.contain(LONG_FAMILY_NAME);
    expect(part(el, 'details')!.textContent).to.contain('<b onmouseover=');
    expect(el.shadowRoot!.querySelectorAll(INJECTED)).to.have.length(0);

    const banner = part(el, 'banner')!;
    expect(el.getBoundingClientRect().width).to.be.at.most(container.getBoundingClientRect().width + 0.5);
    expect(banner.getBoundingClientRect().right).to.be.at.most(container.getBoundingClientRect().right + 0.5);
    expect(banner.scrollWidth, 'the banner scrolls sideways').to.be.at.most(banner.clientWidth);
    expect(name.scrollWidth, 'the name overflows').to.be.at.most(name.clientWidth);
    const lineHeight = Number.parseFloat(getComputedStyle(name).lineHeight) || 24;
    expect(name.getBoundingClientRect().height, 'the name does not wrap').to.be.greaterThan(lineHeight * 3);
    await expect(el).to.be.accessible();
  });

  it('reads the hostile patient through a FhirClient and renders it as text', async () => {
    const calls: string[] = [];
    const client = new FhirClient({ baseUrl: sandbox.fhirBaseUrl, getAccessToken: () => 'fixture', fetch: fixtureFetch(hostileResources(), calls) });
    const container = await fixture<HTMLDivElement>(html`<div style="inline-size: 20rem"><patient-banner .client=${client} patient-id=${HOSTILE_PATIENT_ID}></patient-banner></div>`);
    const el = container.querySelector<PatientBanner>('patient-banner')!;
    await waitUntil(() => part(el, 'name'), 'the banner never showed the patient');
    await afterRender(el);

    expect(calls).to.deep.equal([`${sandbox.fhirBaseUrl}/Patient/${HOSTILE_PATIENT_ID}`]);
    assertNoScriptRan();
    expect(part(el, 'name')!.textContent).to.contain('<img src=x onerror=');
    expect(el.shadowRoot!.querySelectorAll(INJECTED)).to.have.length(0);
    expect(part(el, 'banner')!.scrollWidth).to.be.at.most(part(el, 'banner')!.clientWidth);
    await expect(el).to.be.accessible();
  });

  it('is refused the hostile patient by the server for another patient’s token, and says so', async () => {
    // The fixtures are in the sandbox (403, not 404) but outside maria's compartment.
    const client = await sandbox.client('maria');
    const error = await rejection(client.read('Patient', HOSTILE_PATIENT_ID));
    expect(error.kind).to.equal('forbidden');

    const el = await fixture<PatientBanner>(html`<patient-banner .client=${client} patient-id=${HOSTILE_PATIENT_ID}></patient-banner>`);
    await waitUntil(() => part(el, 'error'), 'no error shown');
    expect(part(el, 'name')).to.equal(null);
    expect(el.shadowRoot!.textContent).not.to.contain('<img');
    assertNoScriptRan();
    await expect(el).to.be.accessible();
  });
});

describe('hostile data: FhirClient.download', () => {
  let sandbox: Sandbox;
  let client: FhirClient;
  const fetched: string[] = [];

  before(async () => {
    sandbox = await Sandbox.create();
    const { access_token } = await sandbox.token('maria');
    client = new FhirClient({
      baseUrl: sandbox.fhirBaseUrl,
      getAccessToken: () => access_token,
      fetch: (input, init) => {
        fetched.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
  });
  beforeEach(() => {
    fetched.length = 0;
  });
  after(() => sandbox.dispose());

  for (const url of [JAVASCRIPT_URL, 'JavaScript:window.__xss=1', DATA_HTML_URL, DATA_HTML_BASE64_URL, 'data:application/pdf;base64,JVBERi0=', 'file:///etc/passwd', 'blob:http://localhost/1234']) {
    it(`refuses ${url.slice(0, 40)} as not a web address, without fetching it`, async () => {
      const error = await rejection(client.download({ url, contentType: 'application/pdf' }));
      expect(error.kind).to.equal('invalid');
      expect(fetched).to.deep.equal([]);
      assertNoScriptRan();
    });
  }

  it('refuses every dangerous attachment in the fixture set, given as an attachment or as a string', async () => {
    const attachments = dangerousAttachments(hostileResources());
    expect(attachments.length).to.be.at.least(5);
    for (const attachment of attachments) {
      expect((await rejection(client.download(attachment))).kind, attachment.url).to.equal('invalid');
      expect((await rejection(client.download(attachment.url!))).kind, attachment.url).to.equal('invalid');
    }
    expect(fetched).to.deep.equal([]);
    assertNoScriptRan();
  });

  it('turns inline HTML data into an inert Blob (nothing runs)', async () => {
    const blob = await client.download({ contentType: 'text/html', data: btoa(`${SCRIPT_PAYLOAD}${IMG_PAYLOAD}`) });
    expect(blob.type).to.equal('text/html');
    expect(await blob.text()).to.equal(`${SCRIPT_PAYLOAD}${IMG_PAYLOAD}`);
    expect(fetched).to.deep.equal([]);
    await nextFrame();
    assertNoScriptRan();
  });
});
