import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Patient } from 'fhir/r4';
import '../../packages/core/src/define.js';
import '../../packages/lab-results/src/define.js';
import '../../packages/appointment-booker/src/define.js';
import type { PatientBanner } from '../../packages/core/src/patient-banner/patient-banner.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { Sandbox } from '../helpers/backend.js';
import { part, settled } from './sign-in-support.js';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The text a person sees (`innerText`: rendered text only, nothing hidden). */
const seen = (el: HTMLElement | null | undefined) => (el?.innerText ?? '').replace(/\s+/g, ' ').trim();
const timesIn = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const heading = (el: Element, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`h2#${id}`);

/** A session for `username` viewing `patient`'s record (a host token), with the banner, lab results and the booker inside. */
async function sessionFor(sandbox: Sandbox, username: string, patient: string, fhirUser: string, locale = '') {
  const { access_token } = await sandbox.token(username, undefined, patient);
  const el = await fixture<PortalSession>(html`<portal-session auth="token" locale=${locale} fhir-base-url=${sandbox.fhirBaseUrl} patient-id=${patient} fhir-user=${fhirUser} .accessToken=${access_token}>
    <lab-results></lab-results>
    <appointment-booker></appointment-booker>
  </portal-session>`);
  await settled(el, 'signed-in');
  const labs = el.querySelector('lab-results')!;
  const booker = el.querySelector('appointment-booker')!;
  await waitUntil(() => heading(labs, 'results-heading') && heading(booker, 'browse-heading'), 'the elements never showed their headings', { timeout: 8000 });
  return { el, labs, booker };
}

describe('a proxy sees whose record is open, in every element', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());

  it('James viewing Leo’s record: a bar above the elements names Leo, and each element’s heading does too', async () => {
    const { el, labs, booker } = await sessionFor(sandbox, 'james', 'leo', 'Person/person-james');
    await waitUntil(() => part(el, 'acting-for'), 'no bar saying whose record it is');
    const bar = part(el, 'acting-for')!;
    expect(text(bar)).to.equal("L You are viewing Leo James Carter's record");
    expect(text(bar.querySelector('bdi'))).to.equal('Leo James Carter');
    expect(bar.querySelector('[part~="acting-for-initial"]')!.getAttribute('aria-hidden')).to.equal('true');

    // Seen, coloured, and above every element inside.
    const box = bar.getBoundingClientRect();
    expect(box.height > 0 && box.width > 0).to.equal(true);
    expect(getComputedStyle(bar).backgroundColor).to.not.equal(getComputedStyle(el).backgroundColor);
    expect(box.bottom <= labs.getBoundingClientRect().top).to.equal(true);
    expect(box.bottom <= booker.getBoundingClientRect().top).to.equal(true);

    await waitUntil(() => text(heading(labs, 'results-heading')).includes('Leo'), 'lab-results heading does not name Leo');
    await waitUntil(() => text(heading(booker, 'browse-heading')).includes('Leo'), 'the booker heading does not name Leo');
    expect(text(heading(labs, 'results-heading'))).to.equal('Test results for Leo James Carter');
    expect(text(heading(booker, 'browse-heading'))).to.equal('Book a visit for Leo James Carter');
    expect(text(heading(labs, 'results-heading')!.querySelector('bdi'))).to.equal('Leo James Carter');
    await expect(el).to.be.accessible();
  });

  it('in Spanish too', async () => {
    const { el, labs } = await sessionFor(sandbox, 'james', 'leo', 'Person/person-james', 'es');
    await waitUntil(() => part(el, 'acting-for'), 'no bar saying whose record it is');
    await waitUntil(() => text(part(el, 'acting-for')!.querySelector('p')) === 'Está viendo el expediente de Leo James Carter', `the bar says "${text(part(el, 'acting-for'))}"`);
    await waitUntil(() => text(heading(labs, 'results-heading')).endsWith('de Leo James Carter'), 'lab-results heading does not name Leo in Spanish');
  });

  /** James viewing Leo's record, with a patient banner inside (given `patient`, when the host has it); once the banner shows Leo as a proxy. */
  async function leoWithBanner(patient?: Patient) {
    const { access_token } = await sandbox.token('james', undefined, 'leo');
    const el = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="leo" fhir-user="Person/person-james" .accessToken=${access_token}>
      <patient-banner .patient=${patient}></patient-banner>
    </portal-session>`);
    await settled(el, 'signed-in');
    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await waitUntil(() => part(banner, 'switch-button'), 'the banner does not show Leo as a proxy, with a switch button');
    return { el, banner };
  }

  it('with a patient banner inside (and its Switch patient): whose record it is, said once, by the bar', async () => {
    const { el, banner } = await leoWithBanner();
    await waitUntil(() => part(el, 'acting-for'), 'no bar saying whose record it is');
    const bar = part(el, 'acting-for')!;
    const box = part(banner, 'banner')!;
    expect(seen(bar)).to.equal("L You are viewing Leo James Carter's record");
    expect(timesIn(seen(bar), 'Leo James Carter')).to.equal(1);
    // The banner names the patient (its heading line) and says nothing more about whose record it is.
    expect(seen(part(banner, 'name'))).to.equal('Leo James Carter');
    expect(timesIn(seen(box), 'Leo James Carter'), `the banner says "${seen(box)}"`).to.equal(1);
    expect(timesIn(`${seen(bar)} ${seen(box)}`.toLowerCase(), 'record'), `bar and banner say "${seen(bar)} | ${seen(box)}"`).to.equal(1);
    // Screen readers hear the bar's sentence: it is text, not hidden from them, and not said again in the banner.
    expect(bar.querySelector('p')!.closest('[aria-hidden="true"]') === null).to.equal(true);
    expect(timesIn((box.textContent ?? '').toLowerCase(), 'record')).to.equal(0);
    await expect(banner).to.be.accessible();
    await expect(el).to.be.accessible();
  });

  it('when the session could not read the patient (no bar), a banner given the patient says whose record it is', async () => {
    const leo = await (await sandbox.client('james', { patient: 'leo' })).read('Patient', 'leo');
    await sandbox.injectFaults([{ method: 'GET', path: '^Patient/leo$', status: 500, diagnostics: 'down', times: 1 }]);
    try {
      const { el, banner } = await leoWithBanner(leo);
      await waitUntil(() => (el as unknown as { session: { patientError?: unknown } }).session.patientError !== undefined, 'the session read the patient after all');
      expect(part(el, 'acting-for') === null, 'no acting-for bar').to.equal(true);
      expect(seen(part(banner, 'banner'))).to.contain('Viewing the record of Leo James Carter');
    } finally {
      await sandbox.clearFaults();
    }
  });

  it('Maria on her own record: no bar, headings as they are', async () => {
    const { el, labs, booker } = await sessionFor(sandbox, 'maria', 'maria', 'Patient/maria');
    await waitUntil(() => (el as unknown as { session: { patient?: unknown } }).session.patient, 'patient never loaded');
    await el.updateComplete;
    expect(part(el, 'acting-for') === null, 'no acting-for bar').to.equal(true);
    expect(text(heading(labs, 'results-heading'))).to.equal('Test results');
    expect(text(heading(booker, 'browse-heading'))).to.equal('Book a visit');
  });

  it('James on his own record: no bar', async () => {
    const { el, labs } = await sessionFor(sandbox, 'james', 'james', 'Person/person-james');
    await waitUntil(() => (el as unknown as { session: { patient?: unknown } }).session.patient, 'patient never loaded');
    await el.updateComplete;
    expect(part(el, 'acting-for') === null, 'no acting-for bar').to.equal(true);
    expect(text(heading(labs, 'results-heading'))).to.equal('Test results');
  });
});
