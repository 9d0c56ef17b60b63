import { expect, fixture, html, oneEvent } from '@open-wc/testing';
// Only the element: the package's main entry would bring in at once what the element loads when first used.
import '../../packages/appointment-booker/src/define.js';
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { buttonNamed, shadow, text, until, ownClinicPerTest } from './booker-page.js';

/** The page has fetched the appointments list's code (its module, or the chunk it is built into). */
function listCodeLoaded(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /\/appointment-booker\/src\/(appointment-booker\/(later-views|visit-list|visit-facts)|scheduling\/visits)\./.test(entry.name));
}

/** A visit's facts as read aloud: "When … With … Where …". */
function facts(visit: Element): string {
  return (visit.querySelector('.facts')?.textContent ?? '').replace(/\s+/g, ' ');
}

// The appointments list, its words and the visit's facts load the first time they are needed: this file's
// page has not loaded them before its test.
describe('<appointment-booker> right after the page loads', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  it('opens on the appointments list: each visit with its facts and the cancellation cutoff, and a visit cancels on the server', async () => {
    expect(listCodeLoaded()).to.equal(false);
    const client = await sandbox.client('maria');
    const wrapper = await fixture<HTMLDivElement>(html`<div><appointment-booker .client=${client} patient-id=${patientId} view="appointments" cancel-cutoff-hours="9600" viewer-time-zone="America/New_York"></appointment-booker></div>`);
    const el = wrapper.querySelector<AppointmentBooker>('appointment-booker')!;
    const booked = await until(() => shadow(el).querySelector<HTMLElement>('[part="visit"].booked'), 'a booked visit');
    expect(listCodeLoaded()).to.equal(true);
    // Every booked visit is closer than the cutoff (400 days): no cancel button, and the sentence that says why.
    expect(facts(booked)).to.match(/^ ?When .+ With .+ Where .+/);
    expect(booked.textContent?.replace(/\s+/g, ' ')).to.contain('Visits can be cancelled online up to 9,600 hours before they start.');
    expect(!!buttonNamed(booked, 'Cancel visit')).to.equal(false);

    // With no cutoff, the same visit is cancelled with a reason, and the server records it.
    el.cancelCutoffHours = 0;
    const id = booked.dataset.appointmentId!;
    const visit = () => shadow(el).querySelector<HTMLElement>(`[part="visit"][data-appointment-id="${id}"]`);
    (await until(() => visit() && buttonNamed(visit()!, 'Cancel visit'), 'the cancel button')).click();
    const reason = await until(() => shadow(el).querySelector<HTMLTextAreaElement>('.cancel-form textarea'), 'the cancel form');
    reason.value = 'Moving away';
    reason.dispatchEvent(new Event('input'));
    const cancelled = oneEvent(el, 'portico-appointment-cancelled');
    buttonNamed(el, 'Yes, cancel this visit')!.click();
    expect((await cancelled).detail.appointment.id).to.equal(id);
    const onServer = await client.read('Appointment', id);
    expect(onServer.status).to.equal('cancelled');
    expect(onServer.cancelationReason?.text).to.equal('Moving away');
    await until(() => /Your visit has been cancelled: .+/.test(text(el)), 'the cancelled message');
  });
});
