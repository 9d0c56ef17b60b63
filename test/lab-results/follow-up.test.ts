import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../packages/core/src/define.js';
import '../../packages/lab-results/src/define.js';
import '../../packages/appointment-booker/src/define.js';
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import type { PorticoNavigateEvent } from '../../packages/core/src/index.js';
import { openReview } from '../appointment-booker/booker-page.js';
import { Sandbox } from '../helpers/backend.js';
import { animationsDone, forgetDeviceStorage, shadow, until } from '../helpers/element.js';
import { layoutFaults } from './layout-checks.js';

/** Opens the newest report and returns its name as the list shows it. */
async function openFirstReport(el: LabResults): Promise<string> {
  const button = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part="report"]:not(.loose) [part="report-button"]'), 'the reports');
  button.click();
  await until(() => button.getAttribute('aria-expanded') === 'true' && shadow(el).querySelector('.report-body:not([hidden]) [part="results"]'), 'the opened report');
  return button.querySelector('.report-name')!.textContent!.trim();
}

const followUpButton = (el: LabResults) => shadow(el).querySelector<HTMLButtonElement>('.report-body:not([hidden]) [part="follow-up-button"]');

describe('<lab-results> "Book a follow-up" from a report', () => {
  let sandbox: Sandbox;
  let patient: string;

  beforeEach(async () => {
    sandbox = await Sandbox.create();
    patient = (await sandbox.token('maria')).patient;
  });
  afterEach(async () => {
    fixtureCleanup();
    sessionStorage.clear();
    forgetDeviceStorage();
    await setViewport({ width: 800, height: 600 });
    await sandbox.dispose();
  });

  it('with a booker on the page: opens its booking view with "Follow-up on <report>" as the reason', async () => {
    const client = await sandbox.client('maria');
    const page = await fixture<HTMLElement>(html`<main>
      <lab-results .client=${client} patient-id=${patient}></lab-results>
      <appointment-booker .client=${client} patient-id=${patient} view="appointments" viewer-time-zone="America/New_York"></appointment-booker>
    </main>`);
    const el = page.querySelector<LabResults>('lab-results')!;
    const booker = page.querySelector<AppointmentBooker>('appointment-booker')!;
    const sent: PorticoNavigateEvent[] = [];
    page.addEventListener('portico-navigate', (event) => sent.push(event));
    const name = await openFirstReport(el);
    const button = await until(() => followUpButton(el), 'the follow-up button');
    expect(button.textContent!.trim()).to.equal('Book a follow-up');
    await expect(el).to.be.accessible();

    button.click();
    await until(() => shadow(booker).querySelector('#browse-heading'), 'the booking view');
    expect(sent.map((e) => [e.detail.target, e.detail.params.reason])).to.deep.equal([['appointment-booker', `Follow-up on ${name}`]]);
    // The patient picks the kind of visit, a day and a time; the reason waits in the review.
    const types = await until(() => shadow(booker).querySelector<HTMLSelectElement>('select'), 'the visit types');
    types.value = [...types.options].find((o) => /follow-up/i.test(o.textContent ?? ''))!.value;
    types.dispatchEvent(new Event('change'));
    await openReview(booker);
    expect(shadow(booker).querySelector<HTMLTextAreaElement>('[part="review"] textarea')!.value).to.equal(`Follow-up on ${name}`);
  });

  it('with neither a booker nor an address for it: no button, the PDF download still there', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="50"></lab-results>`);
    const reports = await client.searchAll('DiagnosticReport', { patient: `Patient/${patient}`, category: 'LAB', _sort: '-date' }, { max: 50 });
    const withPdf = reports.resources.find((r) => r.presentedForm?.length)!;
    const button = await until(() => shadow(el).querySelector<HTMLButtonElement>(`[aria-controls="report-${CSS.escape(withPdf.id!)}"]`), 'a report with a PDF');
    button.click();
    await until(() => shadow(el).querySelector(`#report-${CSS.escape(withPdf.id!)} .download`), 'the opened report with its PDF');
    expect(!!shadow(el).querySelector('[part="follow-up-button"]')).to.equal(false);
    expect(!!shadow(el).querySelector(`#report-${CSS.escape(withPdf.id!)} .report-actions .download`)).to.equal(true);
  });

  it("in a session with navigate-url, in Spanish: the button shows and sends the reason in the patient's language to the host", async () => {
    const client = await sandbox.client('maria');
    const wrapper = await fixture<HTMLElement>(html`<div lang="es">
      <portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} navigate-url="/portal/{target}?{params}">
        <lab-results .client=${client} patient-id=${patient}></lab-results>
      </portal-session>
    </div>`);
    const el = wrapper.querySelector<LabResults>('lab-results')!;
    const sent: PorticoNavigateEvent[] = [];
    // The host routes itself (a single-page app), so the test page stays where it is.
    wrapper.addEventListener('portico-navigate', (event) => {
      sent.push(event);
      event.preventDefault();
    });
    const name = await openFirstReport(el);
    // Spanish arrives with its term pack, which may come after the first render on a busy machine.
    const button = await until(() => (followUpButton(el)?.textContent?.trim() === 'Pedir una cita de seguimiento' ? followUpButton(el) : null), 'the follow-up button, in Spanish');
    button.click();
    await until(() => sent.length, 'the navigation');
    expect(sent.map((e) => [e.detail.target, e.detail.params.reason])).to.deep.equal([['appointment-booker', `Seguimiento de ${name}`]]);
  });

  it('fits a 320 px screen in Arabic beside the PDF download', async () => {
    await setViewport({ width: 320, height: 800 });
    const client = await sandbox.client('maria');
    const page = await fixture<HTMLElement>(html`<main lang="ar">
      <lab-results .client=${client} patient-id=${patient} page-size="50"></lab-results>
      <appointment-booker .client=${client} patient-id=${patient} view="appointments"></appointment-booker>
    </main>`);
    const el = page.querySelector<LabResults>('lab-results')!;
    const reports = await client.searchAll('DiagnosticReport', { patient: `Patient/${patient}`, category: 'LAB', _sort: '-date' }, { max: 50 });
    const withPdf = reports.resources.find((r) => r.presentedForm?.length)!;
    const button = await until(() => shadow(el).querySelector<HTMLButtonElement>(`[aria-controls="report-${CSS.escape(withPdf.id!)}"]`), 'a report with a PDF');
    button.click();
    await until(() => shadow(el).querySelector(`#report-${CSS.escape(withPdf.id!)} .download`) && followUpButton(el), 'both buttons');
    await el.updateComplete;
    await animationsDone();
    expect(layoutFaults(el).join('\n')).to.equal('');
  });
});
