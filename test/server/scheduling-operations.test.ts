/**
 * Argonaut-style scheduling operations on the embedded FHIR server (Appointment/$find and
 * Appointment/$book), off by default and enabled per server or per sandbox.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/scheduling-operations.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Bundle, CapabilityStatement, OperationOutcome, Parameters, Resource, Schedule, Slot } from 'fhir/r4';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { admin, call, tokenFor as tokenWithScope, type Reply } from '../helpers/server-http.js';

const SCOPE = 'patient/*.rs patient/Appointment.cu patient/Slot.u';
const tokenFor = (server: PorticoServer, username: string, scope = SCOPE, patient?: string) => tokenWithScope(server, username, scope, patient);
const VISIT_TYPE = 'https://riverside-health.example.org/fhir/CodeSystem/visit-type';
const DAY = 86_400_000;

async function sandbox(server: PorticoServer, schedulingOperations: boolean, bookAnswer?: string): Promise<string> {
  return (await admin<{ fhirBaseUrl: string }>(server, 'POST', 'sandboxes', { schedulingOperations, bookAnswer })).fhirBaseUrl;
}

/** The booked Appointment of a `$book` answer in the Argonaut shape: a searchset Bundle with it as the only `match`. */
function bookedOf(reply: Reply<unknown>): Appointment {
  const bundle = reply.body as Bundle;
  assert.equal(bundle.resourceType, 'Bundle', JSON.stringify(reply.body).slice(0, 300));
  assert.equal(bundle.type, 'searchset');
  assert.equal(bundle.total, 1);
  const [appointment, ...others] = entries<Appointment>(bundle, 'match', 'Appointment');
  assert.ok(appointment, 'the booked Appointment is the match entry');
  assert.equal(others.length, 0);
  assert.ok(bundle.entry?.find((e) => e.resource === appointment)?.fullUrl?.endsWith(`/Appointment/${appointment.id}`), 'its fullUrl names it');
  return appointment;
}

function entries<T extends Resource>(bundle: Bundle, mode: 'match' | 'include', type?: string): T[] {
  return (bundle.entry ?? []).filter((e) => e.search?.mode === mode && (!type || e.resource?.resourceType === type)).map((e) => e.resource as T);
}

function operationsOf(capability: CapabilityStatement): string[] {
  const appointment = capability.rest?.[0]?.resource?.find((r) => r.type === 'Appointment');
  return (appointment?.operation ?? []).map((o) => o.name).sort();
}

function assertOutcome(reply: Reply<unknown>, status: number, code?: string): OperationOutcome {
  assert.equal(reply.status, status, JSON.stringify(reply.body).slice(0, 400));
  const outcome = reply.body as OperationOutcome;
  assert.equal(outcome.resourceType, 'OperationOutcome');
  if (code) assert.equal(outcome.issue?.[0]?.code, code);
  return outcome;
}

/** A week starting tomorrow (the seeded slots start tomorrow). */
function week(): { start: string; end: string } {
  const start = new Date(Date.now() + DAY);
  start.setUTCHours(0, 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 7 * DAY).toISOString() };
}

function findQuery(extra: Record<string, string> = {}): string {
  return `Appointment/$find?${new URLSearchParams({ ...week(), _count: '500', ...extra })}`;
}

function bookParameters(appointment: Appointment, identifier?: string, comment?: string): Parameters {
  const appt: Appointment = identifier ? { ...appointment, identifier: [{ system: 'urn:portico:booking', value: identifier }] } : appointment;
  return {
    resourceType: 'Parameters',
    parameter: [{ name: 'appt-resource', resource: appt }, ...(comment ? [{ name: 'comment', valueString: comment }] : [])],
  };
}

async function firstProposal(base: string, token: string, extra: Record<string, string> = {}): Promise<Appointment> {
  const found = await call<Bundle>(base, 'GET', findQuery(extra), { token: token });
  assert.equal(found.status, 200, JSON.stringify(found.body).slice(0, 300));
  const proposal = entries<Appointment>(found.body, 'match')[0];
  assert.ok(proposal, 'at least one free slot in the coming week');
  return proposal;
}

describe('scheduling operations ($find, $book)', () => {
  let server: PorticoServer;

  before(async () => {
    server = await startPorticoServer({ port: 0, testAdmin: true, schedulingOperations: true });
  });
  after(async () => {
    await server?.close();
  });

  it('advertises find and book in the CapabilityStatement only where enabled', async () => {
    const enabled = await call<CapabilityStatement>(server.fhirBaseUrl, 'GET', 'metadata');
    assert.deepEqual(operationsOf(enabled.body), ['book', 'find']);
    const definitions = enabled.body.rest?.[0]?.resource?.find((r) => r.type === 'Appointment')?.operation?.map((o) => o.definition);
    assert.ok(definitions?.includes('http://fhir.org/guides/argonaut-scheduling/OperationDefinition/appointment-find'));
    assert.ok(definitions?.includes('http://fhir.org/guides/argonaut-scheduling/OperationDefinition/appointment-book'));

    const on = await call<CapabilityStatement>(await sandbox(server, true), 'GET', 'metadata');
    assert.deepEqual(operationsOf(on.body), ['book', 'find']);
    const off = await call<CapabilityStatement>(await sandbox(server, false), 'GET', 'metadata');
    assert.deepEqual(operationsOf(off.body), []);
  });

  it('$find returns a proposed Appointment for each free slot in range, with the slots and actors included', async () => {
    const base = await sandbox(server, true);
    const token = await tokenFor(server, 'maria');
    const found = await call<Bundle>(base, 'GET', findQuery(), { token: token });
    assert.equal(found.status, 200);
    assert.equal(found.body.type, 'searchset');
    const proposals = entries<Appointment>(found.body, 'match');
    assert.ok(proposals.length > 0);
    assert.equal(found.body.total, proposals.length);

    // Exactly the free slots of the week.
    const { start, end } = week();
    const slots = await call<Bundle>(base, 'GET', `Slot?status=free&start=ge${start}&start=lt${end}&_count=1000`, { token: token });
    const freeIds = entries<Slot>(slots.body, 'match').map((s) => `Slot/${s.id}`).sort();
    assert.deepEqual(proposals.map((a) => a.slot?.[0]?.reference).sort(), freeIds);

    const included = entries<Resource>(found.body, 'include');
    const includedSlots = new Map(included.filter((r): r is Slot => r.resourceType === 'Slot').map((s) => [`Slot/${s.id}`, s]));
    for (const appointment of proposals) {
      assert.equal(appointment.status, 'proposed');
      const slot = includedSlots.get(appointment.slot![0]!.reference!);
      assert.ok(slot, 'the slot is included');
      assert.equal(slot.status, 'free');
      assert.equal(appointment.start, slot.start);
      assert.equal(appointment.end, slot.end);
      assert.ok(appointment.serviceType?.length);
      const actors = appointment.participant.map((p) => p.actor?.reference ?? '');
      assert.ok(actors.includes('Patient/maria'));
      assert.ok(actors.some((a) => a.startsWith('Practitioner/')));
      assert.ok(actors.some((a) => a.startsWith('Location/')));
      for (const p of appointment.participant) assert.equal(p.status, 'needs-action');
      assert.ok(new Date(appointment.start!) >= new Date(start) && new Date(appointment.start!) < new Date(end));
    }
    assert.ok(included.some((r) => r.resourceType === 'Practitioner'), 'practitioners included');
    assert.ok(included.some((r) => r.resourceType === 'Location'), 'locations included');

    // POST with Parameters answers the same.
    const posted = await call<Bundle>(base, 'POST', 'Appointment/$find', { token: token, body: {
      resourceType: 'Parameters',
      parameter: [
        { name: 'start', valueDateTime: start },
        { name: 'end', valueDateTime: end },
        { name: '_count', valueInteger: 500 },
      ],
    } });
    assert.equal(posted.status, 200);
    assert.equal(entries(posted.body, 'match').length, proposals.length);

    const limited = await call<Bundle>(base, 'GET', findQuery({ _count: '3' }), { token: token });
    assert.equal(entries(limited.body, 'match').length, 3);
  });

  it('$find filters by service type and practitioner', async () => {
    const base = await sandbox(server, true);
    const token = await tokenFor(server, 'maria');

    const sick = await call<Bundle>(base, 'GET', findQuery({ 'service-type': `${VISIT_TYPE}|sick-visit` }), { token: token });
    assert.equal(sick.status, 200);
    const sickProposals = entries<Appointment>(sick.body, 'match');
    assert.ok(sickProposals.length > 0);
    for (const a of sickProposals) {
      assert.ok(a.serviceType?.every((t) => t.coding?.some((c) => c.code === 'sick-visit')), JSON.stringify(a.serviceType));
      assert.ok(!a.participant.some((p) => p.actor?.reference === 'Practitioner/dr-chen'), 'Dr Chen offers no sick visits');
    }
    const bareCode = await call<Bundle>(base, 'GET', findQuery({ 'service-type': 'sick-visit' }), { token: token });
    assert.equal(entries(bareCode.body, 'match').length, sickProposals.length);

    const chen = await call<Bundle>(base, 'GET', findQuery({ practitioner: 'Practitioner/dr-chen' }), { token: token });
    const chenProposals = entries<Appointment>(chen.body, 'match');
    assert.ok(chenProposals.length > 0);
    for (const a of chenProposals) assert.ok(a.participant.some((p) => p.actor?.reference === 'Practitioner/dr-chen'));
    const schedules = await call<Bundle>(base, 'GET', 'Schedule?actor=Practitioner/dr-chen', { token: token });
    const scheduleRefs = new Set(entries<Schedule>(schedules.body, 'match').map((s) => `Schedule/${s.id}`));
    const chenSlots = entries<Slot>(chen.body, 'include', 'Slot');
    assert.ok(chenSlots.length > 0 && chenSlots.every((s) => scheduleRefs.has(s.schedule.reference!)));

    const none = await call<Bundle>(base, 'GET', findQuery({ practitioner: 'Practitioner/dr-chen', 'service-type': 'sick-visit' }), { token: token });
    assert.equal(entries(none.body, 'match').length, 0);

    assertOutcome(await call(base, 'GET', 'Appointment/$find?end=2030-01-01', { token: token }), 400);
  });

  it('$book books the slot for the patient and makes it busy, and answers a Bundle holding the booked Appointment', async () => {
    const base = await sandbox(server, true);
    const token = await tokenFor(server, 'maria');
    const proposal = await firstProposal(base, token);
    const slotRef = proposal.slot![0]!.reference!;

    const reply = await call<Bundle>(base, 'POST', 'Appointment/$book', { token: token, body: bookParameters(proposal, 'book-1', 'Please call first.') });
    assert.equal(reply.status, 201, JSON.stringify(reply.body).slice(0, 300));
    const booked = bookedOf(reply);
    assert.ok(booked.id);
    assert.equal(booked.status, 'booked');
    assert.equal(booked.comment, 'Please call first.');
    assert.deepEqual(booked.slot, [{ reference: slotRef }]);
    const patient = booked.participant.find((p) => p.actor?.reference === 'Patient/maria');
    assert.equal(patient?.status, 'accepted');
    assert.ok(reply.headers.get('location')?.includes(`/Appointment/${booked.id}`));

    const slot = await call<Slot>(base, 'GET', slotRef, { token: token });
    assert.equal(slot.body.status, 'busy');
    const stored = await call<Appointment>(base, 'GET', `Appointment/${booked.id}`, { token: token });
    assert.equal(stored.status, 200);
    assert.equal(stored.body.status, 'booked');

    // The slot is no longer offered.
    const again = await call<Bundle>(base, 'GET', findQuery(), { token: token });
    assert.ok(!entries<Appointment>(again.body, 'match').some((a) => a.slot?.[0]?.reference === slotRef));
  });

  it('$book: the same slot again is a conflict, the same identifier again returns the Appointment', async () => {
    const base = await sandbox(server, true);
    const token = await tokenFor(server, 'maria');
    const proposal = await firstProposal(base, token);

    const first = await call(base, 'POST', 'Appointment/$book', { token: token, body: bookParameters(proposal, 'idem-1') });
    assert.equal(first.status, 201);
    const conflict = await call(base, 'POST', 'Appointment/$book', { token: token, body: bookParameters(proposal, 'idem-2') });
    const outcome = assertOutcome(conflict, 409, 'conflict');
    assert.equal(outcome.issue?.[0]?.details?.text, 'That time was just taken.');

    const repeated = await call(base, 'POST', 'Appointment/$book', { token: token, body: bookParameters(proposal, 'idem-1') });
    assert.equal(repeated.status, 200);
    assert.equal(bookedOf(repeated).id, bookedOf(first).id);
    assert.equal(bookedOf(repeated).meta?.versionId, bookedOf(first).meta?.versionId);

    const search = await call<Bundle>(base, 'GET', `Appointment?slot=${proposal.slot![0]!.reference}`, { token: token });
    assert.equal(entries(search.body, 'match').length, 1);
  });

  it('$book: 20 concurrent bookings of one slot give exactly one Appointment', async () => {
    const base = await sandbox(server, true);
    const token = await tokenFor(server, 'maria');
    const proposal = await firstProposal(base, token);
    const slotRef = proposal.slot![0]!.reference!;

    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(base, 'POST', 'Appointment/$book', { token: token, body: bookParameters(proposal, `race-${i}`) })),
    );
    const ok = replies.filter((r) => r.status === 200 || r.status === 201);
    const conflicts = replies.filter((r) => r.status === 409);
    assert.equal(ok.length, 1, replies.map((r) => r.status).join(','));
    assert.equal(conflicts.length, 19);
    for (const c of conflicts) assert.equal((c.body as unknown as OperationOutcome).issue?.[0]?.code, 'conflict');

    const search = await call<Bundle>(base, 'GET', `Appointment?slot=${slotRef}&status=booked`, { token: token });
    const booked = entries<Appointment>(search.body, 'match');
    assert.equal(booked.length, 1);
    assert.equal(booked[0]!.id, bookedOf(ok[0]!).id);
    assert.equal((await call<Slot>(base, 'GET', slotRef, { token: token })).body.status, 'busy');
  });

  it('$book answers as the sandbox says: a bare Appointment, or a warning beside the Appointment', async () => {
    const token = await tokenFor(server, 'maria');
    const bare = await sandbox(server, true, 'appointment');
    const proposal = await firstProposal(bare, token);
    const reply = await call<Appointment>(bare, 'POST', 'Appointment/$book', { token, body: bookParameters(proposal, 'bare-1') });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.resourceType, 'Appointment');
    assert.equal(reply.body.status, 'booked');
    assert.ok(reply.headers.get('etag'));
    assert.equal((await call<Slot>(bare, 'GET', proposal.slot![0]!.reference!, { token })).body.status, 'busy');

    const warned = await sandbox(server, true, 'bundle-with-warning');
    const found = await call<Bundle>(warned, 'GET', findQuery(), { token });
    const findOutcomes = (found.body.entry ?? []).filter((e) => e.search?.mode === 'outcome');
    assert.deepEqual(findOutcomes.map((e) => (e.resource as OperationOutcome).issue[0]?.severity), ['warning'], 'a warning beside the proposals');
    assert.equal(found.body.total, entries(found.body, 'match').length);
    const other = await firstProposal(warned, token);
    const answer = await call<Bundle>(warned, 'POST', 'Appointment/$book', { token, body: bookParameters(other, 'warned-1') });
    assert.equal(answer.status, 201);
    assert.equal(bookedOf(answer).status, 'booked');
    const outcomes = (answer.body.entry ?? []).filter((e) => e.resource?.resourceType === 'OperationOutcome');
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0]!.search?.mode, 'outcome');
    const issue = (outcomes[0]!.resource as OperationOutcome).issue[0]!;
    assert.equal(issue.severity, 'warning');
    assert.equal(issue.details?.text, 'Please arrive 15 minutes early to complete your paperwork.');
  });

  it('$book on a sandbox told to fail softly answers a Bundle with only an OperationOutcome, and books nothing', async () => {
    const base = await sandbox(server, true, 'no-appointment');
    const token = await tokenFor(server, 'maria');
    const proposal = await firstProposal(base, token);
    const reply = await call<Bundle>(base, 'POST', 'Appointment/$book', { token, body: bookParameters(proposal, 'soft-1') });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.resourceType, 'Bundle');
    assert.deepEqual(reply.body.entry?.map((e) => e.resource?.resourceType), ['OperationOutcome']);
    assert.equal((await call<Slot>(base, 'GET', proposal.slot![0]!.reference!, { token })).body.status, 'free');
    const found = await call<Bundle>(base, 'GET', 'Appointment?identifier=urn:portico:booking|soft-1', { token });
    assert.equal(entries(found.body, 'match').length, 0);

    const refused = await fetch(`${server.origin}/__admin/sandboxes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ bookAnswer: 'parameters' }) });
    assert.equal(refused.status, 400, 'an unknown answer shape is refused');
  });

  it('$book for another patient is forbidden, and needs Appointment create scope', async () => {
    const base = await sandbox(server, true);
    const maria = await tokenFor(server, 'maria');
    const aisha = await tokenFor(server, 'aisha');
    const proposal = await firstProposal(base, maria);
    const slotRef = proposal.slot![0]!.reference!;

    assertOutcome(await call(base, 'POST', 'Appointment/$book', { token: aisha, body: bookParameters(proposal, 'other-1') }), 403, 'forbidden');
    const readOnly = await tokenFor(server, 'maria', 'patient/*.rs');
    assertOutcome(await call(base, 'POST', 'Appointment/$book', { token: readOnly, body: bookParameters(proposal, 'other-2') }), 403, 'forbidden');
    assert.equal((await call<Slot>(base, 'GET', slotRef, { token: maria })).body.status, 'free', 'nothing was booked');
  });

  it('is not offered where disabled', async () => {
    const base = await sandbox(server, false);
    const token = await tokenFor(server, 'maria');
    const find = await call(base, 'GET', findQuery(), { token: token });
    assert.ok(find.status >= 400 && find.status < 500, `status ${find.status}`);
    assert.equal((find.body as Resource).resourceType, 'OperationOutcome');
    const book = await call(base, 'POST', 'Appointment/$book', { token: token, body: bookParameters({ resourceType: 'Appointment', status: 'proposed', participant: [] }) });
    assert.ok(book.status >= 400 && book.status < 500, `status ${book.status}`);
  });

  it('is off by default on a server started without the option', async () => {
    const plain = await startPorticoServer({ port: 0, testAdmin: true });
    try {
      const capability = await call<CapabilityStatement>(plain.fhirBaseUrl, 'GET', 'metadata');
      assert.deepEqual(operationsOf(capability.body), []);
      const token = await tokenFor(plain, 'maria');
      const find = await call(plain.fhirBaseUrl, 'GET', findQuery(), { token: token });
      assert.ok(find.status >= 400 && find.status < 500, `status ${find.status}`);
    } finally {
      await plain.close();
    }
  });
});
