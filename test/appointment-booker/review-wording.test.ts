import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CodeableConcept } from 'fhir/r4';
import '../../packages/appointment-booker/src/define.js';
import { newBookingId, schedulerFor, type AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { buttonNamed, openReview, shadow, text, until, visitInList, ownClinicPerTest } from './booker-page.js';

const FOLLOW_UP = 'https://riverside-health.example.org/fhir/CodeSystem/visit-type|follow-up';

/** The review's facts as read aloud: "When … Visit type Follow-up visit …". */
function reviewFacts(el: AppointmentBooker): string {
  return (shadow(el).querySelector('[part="review"] .facts')?.textContent ?? '').replace(/\s+/g, ' ');
}

describe('<appointment-booker> review: says what will be booked', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  // The visit types in the page's language (the demo data carries Spanish and Arabic translations).
  const VISIT_NAMES = {
    en: ['Follow-up visit', 'Annual physical'],
    es: ['Consulta de seguimiento', 'Examen físico anual'],
    ar: ['زيارة متابعة', 'الفحص الطبي السنوي'],
  } as const;
  for (const lang of ['en', 'es', 'ar'] as const) {
    it(`names the chosen visit type (Follow-up), not the slot's first (Annual physical) [${lang}]`, async () => {
      const client = await sandbox.client('maria');
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang=${lang}><appointment-booker .client=${client} patient-id=${patientId} service-type=${FOLLOW_UP} practitioner="dr-chen" viewer-time-zone="America/New_York"></appointment-booker></div>`,
      );
      const el = wrapper.querySelector<AppointmentBooker>('appointment-booker')!;
      await openReview(el);
      expect(reviewFacts(el)).to.contain(VISIT_NAMES[lang][0]);
      expect(reviewFacts(el)).not.to.contain(VISIT_NAMES[lang][1]);
      const booked = oneEvent(el, 'portico-appointment-booked');
      shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
      const { detail } = await booked;
      expect(detail.appointment.serviceType?.[0]?.coding?.[0]?.code).to.equal('follow-up');
    });
  }

  it('in Arabic, the address keeps its own order: the house number before the street, not at the end of the line', async () => {
    const client = await sandbox.client('maria');
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ar" dir="rtl"><appointment-booker .client=${client} patient-id=${patientId} service-type=${FOLLOW_UP} practitioner="dr-chen" viewer-time-zone="America/New_York"></appointment-booker></div>`,
    );
    const el = wrapper.querySelector<AppointmentBooker>('appointment-booker')!;
    await openReview(el);
    const address = shadow(el).querySelector<HTMLElement>('[part="review"] .address')!;
    const written = address.textContent!.trim();
    const number = /^\d+/.exec(written)?.[0];
    expect(number, `the seed's address starts with a house number: ${written}`).to.be.a('string');
    // Where the number and the word after it are drawn: in a left-to-right address the number is left of it.
    const walker = document.createTreeWalker(address, NodeFilter.SHOW_TEXT);
    const node = walker.nextNode() as Text;
    const at = (from: number, to: number) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      return range.getBoundingClientRect();
    };
    const offset = node.data.indexOf(number!);
    const numberBox = at(offset, offset + number!.length);
    const streetStart = offset + number!.length + 1;
    const streetBox = at(streetStart, streetStart + 1);
    expect(numberBox.top === streetBox.top && numberBox.right <= streetBox.left, `"${written}": number drawn at x=${numberBox.left}, street at x=${streetBox.left}`).to.equal(true);
  });

  const MOVE = { en: ['Move my visit to', 'Move my visit'], es: ['Pasar mi cita a:', 'Cambiar mi cita'], ar: ['نقل موعدي إلى', 'نقل موعدي'] } as const;
  for (const lang of ['en', 'es', 'ar'] as const) {
    it(`reschedule: the review says "Move my visit to <when>", the button "Move my visit", and names the visit type being moved [${lang}]`, async () => {
      const client = await sandbox.client('maria');
      const scheduler = await schedulerFor(client);
      const { times } = await scheduler.find({ start: new Date(Date.now() + 6 * 86_400_000), end: new Date(Date.now() + 13 * 86_400_000), practitioner: 'dr-chen', serviceType: FOLLOW_UP });
      const followUp = times[0]!.serviceTypes.find((c: CodeableConcept) => c.coding?.[0]?.code === 'follow-up');
      const original = await scheduler.book({ time: times[0]!, patientId, bookingId: newBookingId(), serviceType: followUp });
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang=${lang}><appointment-booker .client=${client} patient-id=${patientId} view="appointments" viewer-time-zone="America/New_York"></appointment-booker></div>`,
      );
      const el = wrapper.querySelector<AppointmentBooker>('appointment-booker')!;
      const visit = await visitInList(el, original.id!);
      // A booked visit's buttons: Add to calendar, Reschedule, Cancel visit.
      visit.querySelectorAll('.actions button')[1]!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await openReview(el);
      expect(reviewFacts(el)).to.contain(VISIT_NAMES[lang][0]);
      expect(reviewFacts(el)).not.to.contain(VISIT_NAMES[lang][1]);
      const review = (shadow(el).querySelector('[part="review"]')!.textContent ?? '').replace(/\s+/g, ' ');
      expect(review).not.to.contain('Choose a new time');
      const when = (el as unknown as { selectedTime: { start: string } }).selectedTime.start;
      const said = new Date(when).toLocaleString(lang, { timeZone: 'America/New_York', month: 'long', day: 'numeric' });
      expect(review).to.contain(MOVE[lang][0]);
      expect(review.slice(review.indexOf(MOVE[lang][0]))).to.contain(said);
      expect(shadow(el).querySelector('[part="confirm-button"]')!.textContent!.trim()).to.equal(MOVE[lang][1]);
    });
  }

  it('"Your visit has been cancelled." names the visit, and is gone after moving to another view or tab', async () => {
    const client = await sandbox.client('maria');
    const scheduler = await schedulerFor(client);
    const { times } = await scheduler.find({ start: new Date(Date.now() + 5 * 86_400_000), end: new Date(Date.now() + 12 * 86_400_000), practitioner: 'dr-nguyen' });
    const appointment = await scheduler.book({ time: times[0]!, patientId, bookingId: newBookingId() });
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patientId} view="appointments" viewer-time-zone="America/New_York"></appointment-booker>`);
    const visit = await visitInList(el, appointment.id!);
    [...visit.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel visit')!.click();
    (await until(() => buttonNamed(el, 'Yes, cancel this visit'), 'the cancel form')).click();
    const notice = await until(() => shadow(el).querySelector('[part="notice"].done'), 'the cancelled message');
    const said = (notice.textContent ?? '').replace(/\s+/g, ' ');
    const day = new Date(appointment.start!).toLocaleString('en-US', { timeZone: 'America/New_York', month: 'long', day: 'numeric' });
    expect(said).to.contain('Your visit');
    expect(said).to.contain('has been cancelled');
    expect(said).to.contain(day);
    expect(said).to.match(/Nguyen/);
    expect(said).to.contain(times[0]!.serviceTypes[0]!.coding![0]!.display!);
    buttonNamed(el, 'Past')!.click();
    await el.updateComplete;
    expect(text(el)).not.to.contain('has been cancelled');
    buttonNamed(el, 'Upcoming')!.click();
    await el.updateComplete;
    expect(text(el)).not.to.contain('has been cancelled');
  });
});
