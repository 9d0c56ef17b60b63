import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../packages/core/src/define.js';
import '../../packages/lab-results/src/define.js';
import '../../packages/appointment-booker/src/define.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { Sandbox } from '../helpers/backend.js';
import { part, settled } from './sign-in-support.js';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
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
