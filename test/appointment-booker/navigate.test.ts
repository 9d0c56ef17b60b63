import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/appointment-booker/src/define.js';
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { canNavigate, navigate, navigationUrl, type PorticoNavigateEvent } from '../../packages/core/src/index.js';
import { ANNUAL, firstOpenDay, openReview, ownClinicPerTest, shadow, until } from './booker-page.js';
import type { Sandbox } from '../helpers/backend.js';

describe('portico-navigate: one element sends the patient to another', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  const FOLLOW_UP = 'https://riverside-health.example.org/fhir/CodeSystem/visit-type|follow-up';

  async function pageWithBooker(): Promise<{ from: HTMLButtonElement; booker: AppointmentBooker; page: HTMLElement }> {
    const client = await sandbox.client('maria');
    const page = await fixture<HTMLElement>(html`<main>
      <button type="button" id="from">Book a follow-up</button>
      <appointment-booker .client=${client} patient-id=${patientId} view="appointments" viewer-time-zone="America/New_York"></appointment-booker>
    </main>`);
    return { from: page.querySelector<HTMLButtonElement>('#from')!, booker: page.querySelector<AppointmentBooker>('appointment-booker')!, page };
  }

  it('the target on the page opens there, preset: the booking view, the visit type, and the reason in the review', async () => {
    const { from, booker, page } = await pageWithBooker();
    const seen: PorticoNavigateEvent[] = [];
    page.addEventListener('portico-navigate', (event) => seen.push(event));
    expect(canNavigate(from, 'appointment-booker')).to.equal(true);
    expect(canNavigate(from, 'bill-pay')).to.equal(false);
    const outcome = await navigate(from, 'appointment-booker', { serviceType: FOLLOW_UP, reason: 'Follow-up on my Hemoglobin A1c' });
    expect(outcome).to.equal('opened');
    expect(seen.length).to.equal(1);
    expect(seen[0]!.detail.target).to.equal('appointment-booker');
    expect(seen[0]!.cancelable && seen[0]!.composed && seen[0]!.bubbles).to.equal(true);
    await until(() => shadow(booker).querySelector('#browse-heading'), 'the booking view');
    expect(shadow(booker).activeElement?.id).to.equal('browse-heading');
    await openReview(booker);
    expect((shadow(booker).querySelector('[part="review"] .facts')?.textContent ?? '').replace(/\s+/g, ' ')).to.contain('Follow-up visit');
    expect(shadow(booker).querySelector<HTMLTextAreaElement>('[part="review"] textarea')!.value).to.equal('Follow-up on my Hemoglobin A1c');
  });

  it('a host that routes itself cancels the event: nothing opens on the page', async () => {
    const { from, booker, page } = await pageWithBooker();
    page.addEventListener('portico-navigate', (event) => event.preventDefault());
    expect(await navigate(from, 'appointment-booker', { reason: 'x' })).to.equal('host');
    await booker.updateComplete;
    expect(booker.view).to.equal('appointments');
  });

  it("the target not on the page: the session's navigate-url is followed, with the target and its params", async () => {
    const page = await fixture<HTMLElement>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} navigate-url="/portal/{target}?{params}"><button type="button">Book</button></portal-session>`);
    const followed: string[] = [];
    expect(canNavigate(page.querySelector('button')!, 'appointment-booker')).to.equal(true);
    const outcome = await navigate(page.querySelector('button')!, 'appointment-booker', { reason: 'Follow-up on A1c & lipids', serviceType: FOLLOW_UP }, { follow: (url) => followed.push(url) });
    expect(outcome).to.equal('followed');
    expect(followed).to.deep.equal([`/portal/appointment-booker?reason=Follow-up+on+A1c+%26+lipids&serviceType=${encodeURIComponent(FOLLOW_UP)}`]);
  });

  it('nowhere to go (no target, no address): says so, and goes nowhere', async () => {
    const button = await fixture<HTMLButtonElement>(html`<button type="button">Book</button>`);
    const followed: string[] = [];
    expect(canNavigate(button, 'bill-pay')).to.equal(false);
    expect(await navigate(button, 'bill-pay', {}, { follow: (url) => followed.push(url) })).to.equal('none');
    expect(followed.length).to.equal(0);
    expect(navigationUrl(undefined, { target: 'bill-pay', params: {} })).to.equal(undefined);
  });

  /** The visit-type select as the patient sees it: the name of the chosen option ('' for the "Visit type…" prompt). */
  function chosenVisitType(booker: AppointmentBooker): string {
    const select = shadow(booker).querySelector<HTMLSelectElement>('[part="filters"] select')!;
    return select.value ? (select.selectedOptions[0]?.textContent ?? '').trim() : '';
  }

  it('a visit type sent by a bare code chooses the offered type carrying it, and its open times show', async () => {
    const { from, booker } = await pageWithBooker();
    expect(await navigate(from, 'appointment-booker', { serviceType: 'follow-up', reason: 'Follow-up on my Hemoglobin A1c' })).to.equal('opened');
    await until(() => shadow(booker).querySelector('[part="filters"] select'), 'the visit-type choice');
    expect(chosenVisitType(booker)).to.equal('Follow-up visit');
    await firstOpenDay(booker);
    await openReview(booker);
    expect((shadow(booker).querySelector('[part="review"] .facts')?.textContent ?? '').replace(/\s+/g, ' ')).to.contain('Follow-up visit');
    expect(shadow(booker).querySelector<HTMLTextAreaElement>('[part="review"] textarea')!.value).to.equal('Follow-up on my Hemoglobin A1c');
  });

  it('a visit type the clinic does not offer leaves the choice to the patient, and the reason is kept', async () => {
    const { from, booker } = await pageWithBooker();
    await navigate(from, 'appointment-booker', { serviceType: 'http://terminology.hl7.org/CodeSystem/service-type|57', reason: 'Flu shot' });
    const select = await until(() => shadow(booker).querySelector<HTMLSelectElement>('[part="filters"] select'), 'the visit-type choice');
    expect(chosenVisitType(booker)).to.equal('');
    // Nothing to pick a day from until the patient says what the visit is for (not an empty calendar).
    expect(shadow(booker).querySelector('.picker') === null).to.equal(true);
    select.value = [...select.options].find((o) => o.textContent?.trim() === 'Follow-up visit')!.value;
    select.dispatchEvent(new Event('change'));
    await openReview(booker);
    expect((shadow(booker).querySelector('[part="review"] .facts')?.textContent ?? '').replace(/\s+/g, ' ')).to.contain('Follow-up visit');
    expect(shadow(booker).querySelector<HTMLTextAreaElement>('[part="review"] textarea')!.value).to.equal('Flu shot');
  });

  it('a host-fixed visit type is kept over the one sent', async () => {
    const client = await sandbox.client('maria');
    const page = await fixture<HTMLElement>(html`<main><button type="button">x</button><appointment-booker .client=${client} patient-id=${patientId} service-type=${ANNUAL} viewer-time-zone="America/New_York"></appointment-booker></main>`);
    const booker = page.querySelector<AppointmentBooker>('appointment-booker')!;
    await navigate(page.querySelector('button')!, 'appointment-booker', { serviceType: FOLLOW_UP });
    await openReview(booker);
    expect((shadow(booker).querySelector('[part="review"] .facts')?.textContent ?? '').replace(/\s+/g, ' ')).to.contain('Annual physical');
  });
});
