import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/appointment-booker/src/define.js';
import { newBookingId, schedulerFor, type AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { ANNUAL, downloaded, shadow, text, until, visitInList, ownClinicPerTest } from './booker-page.js';

const HOUR = 3_600_000;

describe('<appointment-booker> with impossible or missing visit times', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  const participants = () => [
    { actor: { reference: `Patient/${patientId}` }, status: 'accepted' },
    { actor: { reference: 'Practitioner/dr-chen' }, status: 'accepted' },
  ];

  it('a visit whose end is before its start: "length not given" (never "-60 minutes"), and its calendar file still reads', async () => {
    const start = new Date(Date.now() + 9 * 24 * HOUR);
    start.setUTCMinutes(0, 0, 0);
    await sandbox.load([
      { resourceType: 'Appointment', id: 'reversed-visit', status: 'booked', start: start.toISOString(), end: new Date(start.getTime() - HOUR).toISOString(), participant: participants() },
      { resourceType: 'Appointment', id: 'untimed-request', status: 'waitlist', participant: participants() },
    ]);
    const client = await sandbox.client('maria');
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patientId} view="appointments" viewer-time-zone="America/New_York"></appointment-booker>`);
    const visit = await visitInList(el, 'reversed-visit');
    const said = (visit.textContent ?? '').replace(/\s+/g, ' ');
    expect(said).not.to.match(/-\d+ minutes/);
    expect(said).to.contain('length not given');
    const add = [...visit.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Add to calendar')!;
    const ics = await (await downloaded(() => add.click())).text();
    expect(ics).to.contain('BEGIN:VEVENT');
    // A request with no time at all says so, and offers no calendar file.
    const request = await visitInList(el, 'untimed-request');
    expect((request.textContent ?? '').replace(/\s+/g, ' ')).to.contain('Time not given');
    expect([...request.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Add to calendar')).to.equal(false);
  });

  it('an open time whose end is before its start: the time list, review and confirmation say "length not given"', async () => {
    const client = await sandbox.client('maria');
    const { resources: schedules } = await client.search('Schedule', { actor: 'Practitioner/dr-chen', active: 'true' });
    const schedule = schedules.find((s) => s.serviceType?.some((c) => c.coding?.some((k) => k.code === 'annual-physical')))!;
    // The earliest open time of all (3 hours from now), so the calendar opens on its day with it first.
    const start = new Date(Date.now() + 3 * HOUR);
    start.setUTCSeconds(0, 0);
    await sandbox.load([
      { resourceType: 'Slot', id: 'reversed-slot', status: 'free', schedule: { reference: `Schedule/${schedule.id}` }, serviceType: schedule.serviceType, start: start.toISOString(), end: new Date(start.getTime() - HOUR).toISOString() },
    ]);
    const el = await fixture<AppointmentBooker>(
      html`<appointment-booker .client=${client} patient-id=${patientId} service-type=${ANNUAL} practitioner="dr-chen" viewer-time-zone="America/New_York"></appointment-booker>`,
    );
    const time = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~="time-button"]'), 'the open times');
    expect((el as unknown as { selectedTime?: unknown }).selectedTime).to.equal(undefined);
    expect(time.textContent).not.to.match(/-\d+ minutes/);
    expect(time.textContent).to.contain('length not given');
    time.click();
    const review = await until(() => shadow(el).querySelector('[part="review"]'), 'the review');
    expect(review.textContent).not.to.match(/-\d+ minutes/);
    expect(review.textContent).to.contain('length not given');
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    const confirmation = await until(() => shadow(el).querySelector('[part="confirmation"]'), 'the confirmation');
    expect(confirmation.textContent).not.to.match(/-\d+ minutes/);
    expect(text(el)).to.contain('length not given');
  });
});

describe('<appointment-booker> calendar file and the reason for the visit', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  for (const optIn of [false, true]) {
    it(optIn ? 'with ics-include-reason, the reason is in the event description' : 'leaves the reason out of the .ics description by default', async () => {
      const client = await sandbox.client('maria');
      const scheduler = await schedulerFor(client);
      const { times } = await scheduler.find({ start: new Date(Date.now() + 5 * 24 * HOUR), end: new Date(Date.now() + 12 * 24 * HOUR), practitioner: 'dr-nguyen' });
      const appointment = await scheduler.book({ time: times[0]!, patientId, bookingId: newBookingId(), reason: 'Rash on my left arm since May' });
      const el = await fixture<AppointmentBooker>(
        html`<appointment-booker .client=${client} patient-id=${patientId} view="appointments" ?ics-include-reason=${optIn}></appointment-booker>`,
      );
      const visit = await visitInList(el, appointment.id!);
      const add = [...visit.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Add to calendar')!;
      const ics = (await (await downloaded(() => add.click())).text()).replace(/\r\n /g, '');
      expect(ics).to.contain('BEGIN:VEVENT');
      expect(ics.includes('Rash on my left arm since May')).to.equal(optIn);
    });
  }
});
