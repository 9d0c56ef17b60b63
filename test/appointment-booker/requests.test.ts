import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { FhirClient } from '../../packages/core/src/fhir/client.js';
import '../../packages/appointment-booker/src/define.js';
import { schedulerFor, type AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { Sandbox, type SentRequest } from '../helpers/backend.js';
import { ANNUAL, buttonNamed, openReview, shadow, text, until, visitInList, ownClinicPerTest } from './booker-page.js';
import { animationsDone } from '../helpers/element.js';

/** What production servers give patient apps: reads, and Appointments created and updated, but no Slot writes and no $book. */
const NO_SLOT_WRITES = 'patient/*.rs patient/Appointment.cu';
const READ_ONLY = 'patient/*.rs';

/** A client with these scopes that records every request it sends to the real server. */
async function recording(sandbox: Sandbox, scope: string): Promise<{ client: FhirClient; sent: SentRequest[] }> {
  const sent: SentRequest[] = [];
  const client = await sandbox.client('maria', {
    scope,
    fetch: (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      sent.push({ method: init?.method ?? 'GET', path: url.pathname.split('/fhir/')[1] ?? '', params: url.searchParams });
      return fetch(input, init);
    },
  });
  return { client, sent };
}

/** Writes to Slots, or transactions (which could carry one): what the request path must never send. */
function slotWrites(sent: SentRequest[]): string[] {
  return sent.filter((r) => r.method !== 'GET' && (r.path.startsWith('Slot') || r.path === '')).map((r) => `${r.method} ${r.path || '(transaction)'}`);
}

describe('<appointment-booker> where the patient may not write Slots and the server offers no $book', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  async function booker(client: FhirClient, attributes: Partial<AppointmentBooker> = {}): Promise<AppointmentBooker> {
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patientId} service-type=${ANNUAL} viewer-time-zone="America/New_York"></appointment-booker>`);
    Object.assign(el, attributes);
    await el.updateComplete;
    return el;
  }

  it('offers a request: confirming (twice) records one proposed Appointment, the Slot stays free, and the list shows it as requested', async () => {
    const { client, sent } = await recording(sandbox, NO_SLOT_WRITES);
    const el = await booker(client);
    await until(() => text(el).includes('Choosing a time sends the clinic a request.'), 'the request note');
    expect(el.path).to.equal('request');
    await openReview(el);
    const time = (el as unknown as { selectedTime: { slot: { id: string }; start: string } }).selectedTime;
    expect(shadow(el).querySelector('#review-heading')!.textContent).to.equal('Review your request');
    expect(text(el)).to.contain('The clinic will confirm it with you');
    const confirm = shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!;
    expect(confirm.textContent!.trim()).to.equal('Request this time');
    const textarea = shadow(el).querySelector('textarea')!;
    textarea.value = 'Yearly check-up';
    textarea.dispatchEvent(new Event('input'));
    await animationsDone();
    await expect(el).to.be.accessible();

    let booked = false;
    el.addEventListener('portico-appointment-booked', () => (booked = true));
    const requested = oneEvent(el, 'portico-appointment-requested');
    confirm.click();
    confirm.click();
    const { detail } = await requested;
    const confirmation = await until(() => shadow(el).querySelector<HTMLElement>('[part="confirmation"]'), 'the confirmation');
    expect(confirmation.querySelector('h2')!.textContent).to.equal('Requested');
    expect(confirmation.textContent).to.contain('The clinic will confirm this time with you.');
    expect(text(el)).not.to.contain("You're booked");
    expect(!!buttonNamed(confirmation, 'Add to calendar')).to.equal(false);
    expect(booked).to.equal(false);

    // On the server: one request for that time, proposed, naming the patient (accepted) and the clinician and place (to accept).
    const stored = await client.search('Appointment', { slot: `Slot/${time.slot.id}` });
    expect(stored.resources.map((a) => a.id)).to.deep.equal([detail.appointment.id]);
    const request = stored.resources[0]!;
    expect(request.status).to.equal('proposed');
    expect(request.start).to.equal(time.start);
    expect(request.requestedPeriod?.[0]?.start).to.equal(time.start);
    expect(request.description).to.equal('Yearly check-up');
    const statuses = Object.fromEntries(request.participant.map((p) => [p.actor!.reference!.split('/')[0], p.status]));
    expect(statuses).to.deep.equal({ Patient: 'accepted', Practitioner: 'needs-action', Location: 'needs-action' });
    expect((await client.read('Slot', time.slot.id)).status).to.equal('free');
    expect(sent.filter((r) => r.method === 'POST' && r.path === 'Appointment').length).to.equal(1);
    expect(slotWrites(sent)).to.deep.equal([]);

    // "Your appointments": requested, withdrawable, not in the calendar, not movable.
    buttonNamed(confirmation, 'See your appointments')!.click();
    const visit = await visitInList(el, detail.appointment.id!);
    expect(visit.querySelector('.status')!.textContent).to.equal('Requested');
    expect([...visit.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Withdraw request']);
    await animationsDone();
    await expect(el).to.be.accessible();

    // Meanwhile the clinic gives the time to someone else (a Slot write the patient's own token could not make).
    const clinic = await schedulerFor(await sandbox.client('maria'));
    const [open] = (await clinic.find({ start: new Date(Date.parse(time.start) - 1000), end: new Date(Date.parse(time.start) + 1000) })).times.filter((t) => t.slot.id === time.slot.id);
    const other = await clinic.book({ time: open!, patientId, bookingId: crypto.randomUUID() });

    // Withdrawing: the request is cancelled, and the Slot (never the patient's) is left alone.
    buttonNamed(visit, 'Withdraw request')!.click();
    const withdrawn = oneEvent(el, 'portico-appointment-cancelled');
    (await until(() => buttonNamed(el, 'Yes, withdraw this request'), 'the withdraw confirmation')).click();
    expect((await withdrawn).detail.appointment.status).to.equal('cancelled');
    await until(() => text(el).includes('Your request has been withdrawn.'), 'the withdrawn message');
    expect((await client.read('Appointment', detail.appointment.id!)).status).to.equal('cancelled');
    expect((await client.read('Slot', time.slot.id)).status).to.equal('busy');
    expect((await client.read('Appointment', other.id!)).status).to.equal('booked');
    expect(slotWrites(sent)).to.deep.equal([]);
  });

  it('a request whose answer is lost is sent again and recorded once', async () => {
    const { client, sent } = await recording(sandbox, NO_SLOT_WRITES);
    const el = await booker(client);
    await openReview(el);
    const time = (el as unknown as { selectedTime: { slot: { id: string } } }).selectedTime;
    // The server records the request, then the connection drops before the answer arrives.
    await sandbox.injectFaults([{ method: 'POST', path: '^Appointment$', drop: 'after', times: 1 }]);
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(() => shadow(el).querySelector('[part="confirmation"]'), 'the confirmation');
    await sandbox.clearFaults();
    expect(sent.filter((r) => r.method === 'POST' && r.path === 'Appointment').length).to.equal(2);
    const stored = await client.search('Appointment', { slot: `Slot/${time.slot.id}` });
    expect(stored.resources.map((a) => a.status)).to.deep.equal(['proposed']);
  });

  it('with read-only scopes: how to reach the clinic, and no button that would fail', async () => {
    const { client, sent } = await recording(sandbox, READ_ONLY);
    const el = await booker(client);
    await until(() => text(el).includes('Visits cannot be booked online here.'), 'the call-the-clinic message');
    expect(el.path).to.equal('request');
    const contact = shadow(el).querySelector('[part~="contact"]')!;
    expect([...contact.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.include('tel:+18455550100');
    await openReview(el);
    expect(text(el)).to.contain('To book one of these times, call the clinic.');
    expect(!!shadow(el).querySelector('[part="confirm-button"]')).to.equal(false);
    expect(!!shadow(el).querySelector('textarea')).to.equal(false);
    await animationsDone();
    await expect(el).to.be.accessible();

    // Booked visits cannot be cancelled or moved online either: the clinic's phone instead.
    buttonNamed(el, 'Your appointments')!.click();
    const visit = await until(() => shadow(el).querySelector<HTMLElement>('[part="visit"].booked'), 'a booked visit');
    expect([...visit.querySelectorAll('button')].some((b) => /Cancel visit|Reschedule|Withdraw/.test(b.textContent ?? ''))).to.equal(false);
    expect(visit.textContent).to.match(/To cancel or change this visit, call \+1 845-555-0\d00\./);
    expect(sent.filter((r) => r.method !== 'GET')).to.deep.equal([]);
  });

  it('with no time open in the window, a read-only patient is not offered the waitlist', async () => {
    const { client } = await recording(sandbox, READ_ONLY);
    // A one-day window with every time of that clinician taken (by a patient who may book).
    const booking = await schedulerFor(await sandbox.client('maria'));
    const { times } = await booking.find({ start: new Date(), end: new Date(Date.now() + 3 * 86_400_000), practitioner: 'dr-chen', serviceType: ANNUAL });
    for (const time of times) await booking.book({ time, patientId, bookingId: crypto.randomUUID() });
    const el = await booker(client, { practitioner: 'dr-chen', daysAhead: 1 });
    await until(() => buttonNamed(el, 'Show that day'), 'the next available offer');
    expect(!!buttonNamed(el, 'Join the waitlist')).to.equal(false);
  });
});

describe('choosing how to book from the CapabilityStatement and the granted scopes (real server)', () => {
  const cases: { scope: string; operations: boolean; path: string; canBook: boolean }[] = [
    { scope: 'patient/*.rs patient/Appointment.cu patient/Slot.u', operations: false, path: 'slots', canBook: true },
    { scope: 'patient/*.read patient/*.write', operations: false, path: 'slots', canBook: true },
    { scope: 'patient/*.*', operations: false, path: 'slots', canBook: true },
    { scope: 'patient/*.read patient/Slot.write patient/Appointment.write', operations: false, path: 'slots', canBook: true },
    { scope: 'patient/*.rs patient/Slot.* patient/Appointment.*', operations: false, path: 'slots', canBook: true },
    { scope: NO_SLOT_WRITES, operations: false, path: 'request', canBook: true },
    { scope: 'patient/*.rs patient/Slot.u', operations: false, path: 'request', canBook: false },
    { scope: READ_ONLY, operations: false, path: 'request', canBook: false },
    { scope: 'patient/*.rs patient/Appointment.c', operations: true, path: 'operations', canBook: true },
    { scope: READ_ONLY, operations: true, path: 'request', canBook: false },
  ];
  for (const { scope, operations, path, canBook } of cases) {
    it(`${scope.trim()}${operations ? ' with $find/$book' : ''}: ${path}${canBook ? '' : ', booking by phone'}`, async () => {
      const sandbox = await Sandbox.create({ schedulingOperations: operations });
      try {
        const scheduler = await schedulerFor(await sandbox.client('maria', { scope }));
        expect(`${scheduler.path} ${scheduler.canBook}`).to.equal(`${path} ${canBook}`);
      } finally {
        await sandbox.dispose();
      }
    });
  }

  it('scopes not known (a host token): the CapabilityStatement decides', async () => {
    const sandbox = await Sandbox.create();
    try {
      const scheduler = await schedulerFor(await sandbox.client('maria', { grantedScope: undefined }));
      expect(scheduler.path).to.equal('slots');
    } finally {
      await sandbox.dispose();
    }
  });
});
