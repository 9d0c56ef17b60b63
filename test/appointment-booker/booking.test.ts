import { expect } from '@open-wc/testing';
import type { Appointment } from 'fhir/r4';
import type { FhirClient } from '../../packages/core/src/fhir/client.js';
import {
  bookedAppointmentOf,
  BOOKING_ID_SYSTEM,
  canCancel,
  joinWaitlist,
  loadDirectory,
  loadVisits,
  newBookingId,
  requestOpenTime,
  schedulerFor,
  SlotTakenError,
  type OpenTime,
  type Scheduler,
  type SchedulingPath,
} from '../../packages/appointment-booker/src/index.js';
import { Sandbox } from '../helpers/backend.js';

const DAY = 24 * 3600 * 1000;

async function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

for (const path of ['slots', 'operations'] as const satisfies readonly SchedulingPath[]) {
  describe(`booking on the real server (${path === 'slots' ? 'Slot search + transaction' : '$find / $book'})`, () => {
    let sandbox: Sandbox;
    let client: FhirClient;
    let scheduler: Scheduler;
    let patientId: string;
    let times: OpenTime[];
    let next = 0;
    const start = new Date(Date.now() + 2 * DAY);
    const end = new Date(start.getTime() + 14 * DAY);
    /** A different open time for each test. */
    const take = () => times[(next += 3)]!;

    before(async () => {
      sandbox = await Sandbox.create({ schedulingOperations: path === 'operations' });
      client = await sandbox.client('maria');
      patientId = (await sandbox.token('maria')).patient;
      scheduler = await schedulerFor(client);
      ({ times } = await scheduler.find({ start, end }));
    });
    after(() => sandbox.dispose());

    it(`chooses the ${path} path from the CapabilityStatement`, () => {
      expect(scheduler.path).to.equal(path);
      expect(times.length).to.be.greaterThan(40);
    });

    it('books: the Appointment names the patient, clinician and place, and the Slot is busy on the server', async () => {
      const time = take();
      const booked = await scheduler.book({ time, patientId, bookingId: newBookingId(), reason: 'Knee pain on stairs' });
      expect(booked.id).to.be.a('string');
      expect(booked.status).to.equal('booked');
      expect(booked.start).to.equal(time.start);
      const actors = (booked.participant ?? []).map((p) => p.actor?.reference);
      expect(actors).to.include(`Patient/${patientId}`);
      expect(actors).to.include(`Practitioner/${time.practitioner!.id}`);
      expect(actors).to.include(`Location/${time.location!.id}`);
      expect(booked.slot?.[0]?.reference).to.match(new RegExp(`Slot/${time.slot.id}$`));
      expect((await client.read('Slot', time.slot.id!)).status).to.equal('busy');
      const after = await scheduler.find({ start, end });
      expect(after.times.some((t) => t.slot.id === time.slot.id)).to.equal(false);
    });

    it('20 patients racing for one time: exactly one Appointment, 19 "just taken", the Slot busy once', async () => {
      const time = take();
      const racers = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const own = await sandbox.client('maria');
          return schedulerFor(own);
        }),
      );
      const results = await Promise.all(racers.map((s) => outcome(s.book({ time, patientId, bookingId: newBookingId() }))));
      const booked = results.filter((r) => r.value);
      const taken = results.filter((r) => r.error instanceof SlotTakenError);
      expect(booked.length, JSON.stringify(results.map((r) => String(r.error ?? 'ok')))).to.equal(1);
      expect(taken.length).to.equal(19);
      const onServer = await client.search('Appointment', { slot: `Slot/${time.slot.id}` });
      expect(onServer.resources.filter((a) => a.status === 'booked').length).to.equal(1);
      const slot = await client.read('Slot', time.slot.id!);
      expect(slot.status).to.equal('busy');
    });

    it('the same booking sent twice (double click, retry) books once', async () => {
      const time = take();
      const bookingId = newBookingId();
      const [first, second] = await Promise.all([scheduler.book({ time, patientId, bookingId }), scheduler.book({ time, patientId, bookingId })]);
      expect(second.id).to.equal(first.id);
      const third = await scheduler.book({ time, patientId, bookingId });
      expect(third.id).to.equal(first.id);
      const found = await client.search('Appointment', { identifier: `${BOOKING_ID_SYSTEM}|${bookingId}` });
      expect(found.resources.length).to.equal(1);
    });

    it('a dropped connection after the server committed books once', async () => {
      const time = take();
      const bookingId = newBookingId();
      await sandbox.injectFaults([{ method: 'POST', drop: 'after', times: 1 }]);
      const booked = await scheduler.book({ time, patientId, bookingId });
      await sandbox.clearFaults();
      expect(booked.status).to.equal('booked');
      const found = await client.search('Appointment', { slot: `Slot/${time.slot.id}` });
      expect(found.resources.length).to.equal(1);
    });

    it('a 503 and then success books once', async () => {
      const time = take();
      await sandbox.injectFaults([{ method: 'POST', status: 503, retryAfter: 0, times: 1 }]);
      const booked = await scheduler.book({ time, patientId, bookingId: newBookingId() });
      await sandbox.clearFaults();
      const found = await client.search('Appointment', { slot: `Slot/${time.slot.id}` });
      expect(found.resources.map((a) => a.id)).to.deep.equal([booked.id]);
    });

    it('cancels with a reason and frees the slot in one step', async () => {
      const time = take();
      const booked = await scheduler.book({ time, patientId, bookingId: newBookingId() });
      const { cancelAppointment } = await import('../../packages/appointment-booker/src/index.js');
      const done = await cancelAppointment(client, booked, { reason: 'Feeling better' });
      expect(done.status).to.equal('cancelled');
      expect(done.cancelationReason?.text).to.equal('Feeling better');
      expect((await client.read('Slot', time.slot.id!)).status).to.equal('free');
      // Retrying a cancel that went through is harmless.
      const again = await cancelAppointment(client, booked);
      expect(again.status).to.equal('cancelled');
    });

    it('reschedules: the new time is booked and the old one cancelled and freed', async () => {
      const [from, to] = [take(), take()];
      const booked = await scheduler.book({ time: from, patientId, bookingId: newBookingId() });
      const moved = await scheduler.reschedule({ appointment: booked, time: to, patientId, bookingId: newBookingId() });
      expect(moved.start).to.equal(to.start);
      expect((await client.read('Appointment', booked.id!)).status).to.equal('cancelled');
      expect((await client.read('Slot', from.slot.id!)).status).to.equal('free');
      expect((await client.read('Slot', to.slot.id!)).status).to.equal('busy');
    });

    it('a reschedule whose cancel of the old visit fails leaves the patient with the old visit only', async () => {
      const [from, to] = [take(), take()];
      const booked = await scheduler.book({ time: from, patientId, bookingId: newBookingId() });
      // The next transaction fails. On the Slot path that is the whole reschedule, so nothing changes;
      // with $book it is the cancel of the old visit, after the new one was booked.
      await sandbox.injectFaults([{ method: 'POST', path: '^$', status: 500, times: 1 }]);
      const { error } = await outcome(scheduler.reschedule({ appointment: booked, time: to, patientId, bookingId: newBookingId() }));
      await sandbox.clearFaults();
      expect(error, 'the patient is told').to.be.instanceOf(Error);
      expect((await client.read('Appointment', booked.id!)).status).to.equal('booked');
      const onNewSlot = await client.search('Appointment', { slot: `Slot/${to.slot.id}` });
      expect(onNewSlot.resources.filter((a) => a.status === 'booked').length).to.equal(0);
      expect((await client.read('Slot', to.slot.id!)).status).to.equal('free');
    });

    it('a reschedule to a time just taken leaves the original visit as it was', async () => {
      const [from, to] = [take(), take()];
      const booked = await scheduler.book({ time: from, patientId, bookingId: newBookingId() });
      const other = await sandbox.client('maria');
      await (await schedulerFor(other)).book({ time: to, patientId, bookingId: newBookingId() });
      const { error } = await outcome(scheduler.reschedule({ appointment: booked, time: to, patientId, bookingId: newBookingId() }));
      expect(error).to.be.instanceOf(SlotTakenError);
      const original = await client.read('Appointment', booked.id!);
      expect(original.status).to.equal('booked');
      expect((await client.read('Slot', from.slot.id!)).status).to.equal('busy');
    });
  });
}

describe('directory, visits and the waitlist', () => {
  let sandbox: Sandbox;
  let client: FhirClient;
  let patientId: string;

  before(async () => {
    sandbox = await Sandbox.create();
    client = await sandbox.client('maria');
    patientId = (await sandbox.token('maria')).patient;
  });
  after(() => sandbox.dispose());

  it('loads visit types, clinicians and places from the schedules in one request', async () => {
    const directory = await loadDirectory(client);
    expect(directory.practitioners.map((p) => p.id)).to.include.members(['dr-chen', 'dr-okafor']);
    expect(directory.locations.map((l) => l.id)).to.have.members(['loc-main', 'loc-north']);
    expect(directory.serviceTypes.some((c) => c.coding?.some((x) => x.code === 'annual-physical'))).to.equal(true);
  });

  it('lists upcoming visits soonest first with clinician and place, and past ones newest first', async () => {
    const upcoming = await loadVisits(client, { patientId, when: 'upcoming' });
    expect(upcoming.visits.length).to.be.greaterThan(0);
    const starts = upcoming.visits.map((v) => Date.parse(v.appointment.start!));
    expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
    expect(starts.every((s) => s > Date.now())).to.equal(true);
    expect(upcoming.visits.every((v) => v.practitioner?.resourceType === 'Practitioner')).to.equal(true);
    const past = await loadVisits(client, { patientId, when: 'past' });
    const pastStarts = past.visits.map((v) => Date.parse(v.appointment.start!));
    expect(pastStarts.every((s) => s < Date.now())).to.equal(true);
    expect(pastStarts).to.deep.equal([...pastStarts].sort((a, b) => b - a));
  });

  it('joins the waitlist once and shows the request among upcoming visits', async () => {
    const bookingId = newBookingId();
    const period = { start: new Date(Date.now() + DAY).toISOString().slice(0, 10), end: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10) };
    const first = await joinWaitlist(client, { patientId, bookingId, practitionerId: 'dr-chen', period, comment: 'Any morning' });
    const again = await joinWaitlist(client, { patientId, bookingId, practitionerId: 'dr-chen', period });
    expect(again.id).to.equal(first.id);
    expect(first.status).to.equal('waitlist');
    const { visits } = await loadVisits(client, { patientId, when: 'upcoming' });
    expect(visits.filter((v) => v.appointment.id === first.id).length).to.equal(1);
  });

  it('respects a cancellation cutoff', () => {
    const soon: Appointment = { resourceType: 'Appointment', status: 'booked', start: new Date(Date.now() + 3 * 3600_000).toISOString(), participant: [] };
    expect(canCancel(soon, 0)).to.equal(true);
    expect(canCancel(soon, 24)).to.equal(false);
    expect(canCancel({ ...soon, status: 'cancelled' })).to.equal(false);
  });
});


describe('asking the clinic for a time (the request path, real server)', () => {
  let sandbox: Sandbox;
  let patientId: string;
  let times: OpenTime[];
  let next = 0;
  /** A different open time for each test. */
  const take = () => times[(next += 2)]!;

  before(async () => {
    sandbox = await Sandbox.create();
    patientId = (await sandbox.token('maria')).patient;
    ({ times } = await (await schedulerFor(await sandbox.client('maria'))).find({ start: new Date(Date.now() + 2 * DAY), end: new Date(Date.now() + 16 * DAY) }));
  });
  after(() => sandbox.dispose());

  it('without Slot writes: a proposed Appointment, recorded once per booking id, and the Slot left free', async () => {
    const client = await sandbox.client('maria', { scope: 'patient/*.rs patient/Appointment.cu' });
    const scheduler = await schedulerFor(client);
    expect(scheduler.path).to.equal('request');
    const time = take();
    const bookingId = newBookingId();
    const first = await scheduler.book({ time, patientId, bookingId, reason: 'Knee pain' });
    const again = await scheduler.book({ time, patientId, bookingId });
    expect(again.id).to.equal(first.id);
    const found = await client.search('Appointment', { identifier: `${BOOKING_ID_SYSTEM}|${bookingId}` });
    expect(found.resources.map((a) => `${a.status} ${a.start}`)).to.deep.equal([`proposed ${time.start}`]);
    expect((await client.read('Slot', time.slot.id!)).status).to.equal('free');
    // A request is no visit to move: the patient asks for another time instead.
    const { error } = await outcome(scheduler.reschedule({ appointment: first, time: take(), patientId, bookingId: newBookingId() }));
    expect(error).to.be.instanceOf(Error);
  });

  it('withdrawing a request never frees its Slot, even for a patient who may write Slots', async () => {
    const client = await sandbox.client('maria');
    const scheduler = await schedulerFor(client);
    expect(scheduler.rights.writeSlots).to.equal(true);
    const time = take();
    const request = await requestOpenTime(client, { time, patientId, bookingId: newBookingId() });
    const someoneElse = await scheduler.book({ time, patientId, bookingId: newBookingId() });
    const withdrawn = await scheduler.cancel(request, { reason: 'Found another time' });
    expect(withdrawn.status).to.equal('cancelled');
    expect((await client.read('Slot', time.slot.id!)).status).to.equal('busy');
    expect((await client.read('Appointment', someoneElse.id!)).status).to.equal('booked');
  });
});

describe('reading a $book answer', () => {
  const booked: Appointment = { resourceType: 'Appointment', id: 'a1', status: 'booked', participant: [] };
  const warning = { resourceType: 'OperationOutcome' as const, issue: [{ severity: 'warning' as const, code: 'informational' as const, details: { text: 'Arrive early' } }] };

  it('takes a bare Appointment, or the match of an Argonaut Bundle with its warnings', () => {
    expect(bookedAppointmentOf(booked).appointment?.id).to.equal('a1');
    const answer = bookedAppointmentOf({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: { ...booked, id: 'old', status: 'cancelled' }, search: { mode: 'include' } },
        { resource: booked, search: { mode: 'match' } },
        { resource: warning, search: { mode: 'outcome' } },
      ],
    });
    expect(answer.appointment?.id).to.equal('a1');
    expect(answer.outcomes.map((o) => o.issue[0]!.details!.text)).to.deep.equal(['Arrive early']);
  });

  it("prefers the Appointment with the booking id; reads a Parameters' return and an id from the fullUrl", () => {
    const mine: Appointment = { ...booked, id: 'mine', identifier: [{ system: BOOKING_ID_SYSTEM, value: 'b-1' }] };
    const two = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: booked }, { resource: mine }] };
    expect(bookedAppointmentOf(two, 'b-1').appointment?.id).to.equal('mine');
    expect(bookedAppointmentOf(two).appointment, 'two with no way to choose: none').to.equal(undefined);
    const wrapped = { resourceType: 'Parameters', parameter: [{ name: 'return', resource: { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'https://ehr.example/fhir/Appointment/77/_history/2', resource: { ...booked, id: undefined } }] } }] };
    expect(bookedAppointmentOf(wrapped).appointment?.id).to.equal('77');
  });

  it('finds nothing in an empty Bundle, a Bundle of OperationOutcomes, or anything else', () => {
    expect(bookedAppointmentOf({ resourceType: 'Bundle', type: 'searchset', entry: [] }).appointment).to.equal(undefined);
    const failed = bookedAppointmentOf({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: warning }] });
    expect(failed.appointment).to.equal(undefined);
    expect(failed.outcomes.length).to.equal(1);
    expect(bookedAppointmentOf(undefined).appointment).to.equal(undefined);
    expect(bookedAppointmentOf({ resourceType: 'Patient', id: 'p' }).appointment).to.equal(undefined);
  });
});
