/**
 * The medicine list's server rules under attack (demo/server/features/medications.ts,
 * fhir/task-writes.ts): Maria's token asks for refills in James's record, as James, about his
 * prescription, to someone who did not prescribe it, in a state or with an intent the clinic sets, and
 * writes prescriptions and pharmacy fills; directly and inside a batch or transaction. Each refusal is a
 * 403 (the request or her own data says no) or a 404 (a prescription she may not see, answered as one
 * that does not exist) and leaves nothing written. The positive cases: her refill request, retried
 * (one stored), cancelled; James asking for Leo as his parent.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/health-attacks.test.ts
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, CapabilityStatement, MedicationRequest, Task } from 'fhir/r4';
import { call } from '../helpers/server-http.js';
import { asNew, assertRefused, assertRefusedEntry, attackSandbox, attackServer, matches, onlyEntry, transaction, VICTIMS } from './attack-support.js';

/** What asking for a refill needs, as the portal asks for it, and every scope, so only the rules refuse. */
const REFILL_SCOPE = 'patient/*.rs patient/Task.cu';
const TIMEOUT = 15_000;
const james = VICTIMS.james;
const TASK_CODE = 'urn:portico:task-code';

const server = attackServer();

/** A fresh sandbox and the tokens the cases use. */
function setUp() {
  return attackSandbox(server(), REFILL_SCOPE);
}

/** A refill request as the medicine list sends it: Maria's, for her metformin, to Dr. Chen. */
function refill(overrides: Partial<Task> = {}): Task {
  return {
    resourceType: 'Task',
    identifier: [{ system: 'urn:portico:task', value: randomUUID() }],
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: TASK_CODE, code: 'refill', display: 'Refill request' }], text: 'Refill request' },
    focus: { reference: 'MedicationRequest/medrx-maria-metformin' },
    for: { reference: 'Patient/maria' },
    authoredOn: new Date().toISOString(),
    requester: { reference: 'Patient/maria' },
    owner: { reference: 'Practitioner/dr-chen' },
    ...overrides,
  };
}

const post = (resource: Task | MedicationRequest, url: string): BundleEntry => ({ resource, request: { method: 'POST', url } });

describe('Maria asks for refills outside her own record or rules: refused', () => {
  let fhir: string;
  let maria: string;
  let mariaAll: string;
  let tasksOf: (token: string) => Promise<number>;
  let jamesToken: string;

  before(async () => {
    ({ fhir, maria, mariaAll, jamesToken } = await setUp());
    tasksOf = async (token) => (await call<Bundle>(fhir, 'GET', 'Task?_summary=count', { token })).body.total ?? -1;
  });

  const cases: [string, () => Task, number][] = [
    ['for James', () => refill({ for: { reference: 'Patient/james' } }), 403],
    ['for James, about his prescription, as him', () => refill({ for: { reference: 'Patient/james' }, requester: { reference: 'Patient/james' }, focus: { reference: 'MedicationRequest/medrx-james-loratadine' }, owner: { reference: 'Practitioner/dr-okafor' } }), 403],
    ['with James as the requester', () => refill({ requester: { reference: 'Patient/james' } }), 403],
    ['with James’s Person as the requester', () => refill({ requester: { reference: 'Person/person-james' } }), 403],
    ['as the RelatedPerson acting for Leo', () => refill({ requester: { reference: 'RelatedPerson/james-for-leo' } }), 403],
    ['with a clinician as the requester', () => refill({ requester: { reference: 'Practitioner/dr-chen' } }), 403],
    ['without a requester', () => refill({ requester: undefined }), 403],
    ['about James’s prescription (404: she may not see it)', () => refill({ focus: { reference: 'MedicationRequest/medrx-james-loratadine' }, owner: { reference: 'Practitioner/dr-okafor' } }), 404],
    ['about a prescription that does not exist', () => refill({ focus: { reference: 'MedicationRequest/medrx-nobody' } }), 404],
    ['about something that is not a prescription', () => refill({ focus: { reference: 'Condition/cond-maria-diabetes' } }), 403],
    ['without a focus', () => refill({ focus: undefined }), 403],
    ['to a clinician who did not prescribe it', () => refill({ owner: { reference: 'Practitioner/dr-silva' } }), 403],
    ['to the hospital', () => refill({ owner: { reference: 'Organization/riverside' } }), 403],
    ['to nobody', () => refill({ owner: undefined }), 403],
    ['already completed', () => refill({ status: 'completed' }), 403],
    ['accepted', () => refill({ status: 'accepted' }), 403],
    ['with intent plan', () => refill({ intent: 'plan' }), 403],
    ['with another code', () => refill({ code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] } }), 403],
    ['without a code', () => refill({ code: undefined }), 403],
    ['a refill of the stopped simvastatin', () => refill({ focus: { reference: 'MedicationRequest/medrx-maria-simvastatin' } }), 403],
    ['with what the clinic fills in (businessStatus)', () => refill({ businessStatus: { text: 'Sent to the pharmacy' } }), 403],
  ];

  for (const [name, task, status] of cases) {
    it(`${name}: ${status}, directly, in a transaction and in a batch`, { timeout: TIMEOUT }, async () => {
      const before = await tasksOf(maria);
      assertRefused(await call(fhir, 'POST', 'Task', { token: mariaAll, body: task() }), status, james);
      assertRefused(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('transaction', post(task(), 'Task')) }), status, james);
      assertRefusedEntry(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('batch', post(task(), 'Task')) }), status, james);
      assert.equal(await tasksOf(maria), before, 'nothing was stored');
    });
  }

  it('a refused request in a transaction rolls back her valid one beside it', { timeout: TIMEOUT }, async () => {
    const before = await tasksOf(maria);
    const bundle = transaction('transaction', post(refill(), 'Task'), post(refill({ owner: { reference: 'Practitioner/dr-silva' } }), 'Task'));
    assertRefused(await call(fhir, 'POST', '', { token: mariaAll, body: bundle }), 403, james);
    assert.equal(await tasksOf(maria), before);
  });

  it('James’s requests stay as they are: no count, no change', { timeout: TIMEOUT }, async () => {
    assert.equal(await tasksOf(jamesToken), 0, 'James has none of his own');
  });
});

describe('prescriptions and pharmacy fills are never a patient’s to write', () => {
  let fhir: string;
  let mariaAll: string;
  let mine: MedicationRequest;

  before(async () => {
    ({ fhir, mariaAll } = await setUp());
    mine = (await call<MedicationRequest>(fhir, 'GET', 'MedicationRequest/medrx-maria-metformin', { token: mariaAll })).body;
  });

  it('create, update, patch and delete of her own prescription: 403 with a plain sentence', { timeout: TIMEOUT }, async () => {
    const more = { ...mine, dispenseRequest: { ...mine.dispenseRequest, numberOfRepeatsAllowed: 99 } };
    for (const reply of [
      await call(fhir, 'POST', 'MedicationRequest', { token: mariaAll, body: asNew(more) }),
      await call(fhir, 'PUT', 'MedicationRequest/medrx-maria-metformin', { token: mariaAll, body: more }),
      await call(fhir, 'PATCH', 'MedicationRequest/medrx-maria-metformin', { token: mariaAll, body: [{ op: 'replace', path: '/status', value: 'active' }] }),
      await call(fhir, 'DELETE', 'MedicationRequest/medrx-maria-metformin', { token: mariaAll }),
      await call(fhir, 'POST', 'MedicationDispense', { token: mariaAll, body: { resourceType: 'MedicationDispense', status: 'completed', subject: { reference: 'Patient/maria' }, medicationCodeableConcept: { text: 'Metformin' } } }),
      await call(fhir, 'DELETE', 'MedicationDispense/meddisp-maria-metformin-1', { token: mariaAll }),
    ]) {
      assertRefused(reply, 403, james);
      assert.match(JSON.stringify(reply.body), /written by the clinic and the pharmacy/);
    }
    const after = (await call<MedicationRequest>(fhir, 'GET', 'MedicationRequest/medrx-maria-metformin', { token: mariaAll })).body;
    assert.equal(after.meta?.versionId, mine.meta?.versionId, 'her prescription is unchanged');
    assert.equal(after.dispenseRequest?.numberOfRepeatsAllowed, 3);
  });

  it('the same in a transaction and a batch', { timeout: TIMEOUT }, async () => {
    const more = { ...mine, dispenseRequest: { ...mine.dispenseRequest, numberOfRepeatsAllowed: 99 } };
    assertRefused(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('transaction', { resource: more, request: { method: 'PUT', url: 'MedicationRequest/medrx-maria-metformin' } }) }), 403, james);
    assertRefused(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('transaction', post(asNew(more), 'MedicationRequest')) }), 403, james);
    assertRefused(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('transaction', { request: { method: 'DELETE', url: 'MedicationRequest/medrx-maria-metformin' } }) }), 403, james);
    assertRefusedEntry(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('batch', post(asNew(more), 'MedicationRequest')) }), 403, james);
    // A refill request and a new prescription together: the whole transaction is refused.
    const count = async () => (await call<Bundle>(fhir, 'GET', 'Task?_summary=count', { token: mariaAll })).body.total;
    const before = await count();
    assertRefused(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('transaction', post(refill(), 'Task'), post(asNew(more), 'MedicationRequest')) }), 403, james);
    assert.equal(await count(), before);
    assert.equal((await call<Bundle>(fhir, 'GET', 'MedicationRequest?_summary=count', { token: mariaAll })).body.total, 7, 'still her seven prescriptions');
  });

  it('the CapabilityStatement lists Task create and update, and prescriptions and fills as read-only', async () => {
    const statement = (await call<CapabilityStatement>(fhir, 'GET', 'metadata')).body;
    const codes = (type: string) => statement.rest![0]!.resource!.find((r) => r.type === type)?.interaction?.map((i) => i.code).sort();
    assert.deepEqual(codes('Task'), ['create', 'history-instance', 'read', 'search-type', 'update', 'vread']);
    assert.deepEqual(codes('MedicationRequest'), ['history-instance', 'read', 'search-type', 'vread']);
    assert.deepEqual(codes('MedicationDispense'), ['history-instance', 'read', 'search-type', 'vread']);
  });
});

describe('her own refill requests work', () => {
  let fhir: string;
  let maria: string;
  let leoToken: string;

  before(async () => {
    ({ fhir, maria, leoToken } = await setUp());
  });

  it('a refill request for her metformin is stored as sent; a retry with the same identifier returns it (one stored)', { timeout: TIMEOUT }, async () => {
    const task = refill();
    const search = `identifier=urn:portico:task|${task.identifier![0]!.value}`;
    const first = await call<Task>(fhir, 'POST', 'Task', { token: maria, body: task, headers: { 'If-None-Exist': search } });
    assert.equal(first.status, 201, JSON.stringify(first.body).slice(0, 300));
    assert.equal(first.body.status, 'requested');
    assert.equal(first.body.focus?.reference, 'MedicationRequest/medrx-maria-metformin');
    const again = await call<Task>(fhir, 'POST', 'Task', { token: maria, body: task, headers: { 'If-None-Exist': search } });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    const inBundle = onlyEntry(await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', { ...post(task, 'Task'), request: { method: 'POST', url: 'Task', ifNoneExist: search } }) }));
    assert.equal(inBundle.response?.status?.slice(0, 3), '200');
    assert.equal(inBundle.resource?.id, first.body.id);
    assert.equal((await call<Bundle>(fhir, 'GET', `Task?${search}`, { token: maria })).body.total, 1);
  });

  it('a renewal of her lisinopril (no refills left) and her seeded pending request are hers to read', { timeout: TIMEOUT }, async () => {
    const renewal = refill({ code: { coding: [{ system: TASK_CODE, code: 'renewal' }] }, focus: { reference: 'MedicationRequest/medrx-maria-lisinopril' } });
    assert.equal((await call(fhir, 'POST', 'Task', { token: maria, body: renewal })).status, 201);
    const pending = matches((await call<Bundle>(fhir, 'GET', 'Task?status=requested&focus=MedicationRequest/medrx-maria-aspirin', { token: maria })).body) as Task[];
    assert.deepEqual(pending.map((t) => t.id), ['task-maria-refill-aspirin']);
  });

  it('she cancels her own requested one; nothing else may change, and a cancelled one stays cancelled', { timeout: TIMEOUT }, async () => {
    const created = (await call<Task>(fhir, 'POST', 'Task', { token: maria, body: refill() })).body;
    assertRefused(await call(fhir, 'PUT', `Task/${created.id}`, { token: maria, body: { ...created, status: 'completed' } }), 403, james);
    assertRefused(await call(fhir, 'PUT', `Task/${created.id}`, { token: maria, body: { ...created, status: 'cancelled', owner: { reference: 'Practitioner/dr-silva' } } }), 403, james);
    const cancelled = await call<Task>(fhir, 'PUT', `Task/${created.id}`, { token: maria, body: { ...created, status: 'cancelled' } });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body).slice(0, 300));
    assert.equal(cancelled.body.status, 'cancelled');
    assertRefused(await call(fhir, 'PUT', `Task/${created.id}`, { token: maria, body: { ...cancelled.body, status: 'requested' } }), 403, james);
    assertRefused(await call(fhir, 'DELETE', `Task/${created.id}`, { token: maria }), 403, james);
    assertRefused(await call(fhir, 'PATCH', `Task/${created.id}`, { token: maria, body: [{ op: 'replace', path: '/status', value: 'requested' }] }), 403, james);
    const stale = await call(fhir, 'PUT', `Task/${created.id}`, { token: maria, body: { ...created, status: 'cancelled' }, headers: { 'If-Match': `W/"${created.meta?.versionId}"` } });
    assert.equal(stale.status, 412);
  });

  it('James asks for a refill of Leo’s inhaler as the RelatedPerson acting for him, and as himself', { timeout: TIMEOUT }, async () => {
    for (const requester of ['RelatedPerson/james-for-leo', 'Person/person-james']) {
      const task = refill({ for: { reference: 'Patient/leo' }, requester: { reference: requester }, focus: { reference: 'MedicationRequest/medrx-leo-albuterol' }, owner: { reference: 'Practitioner/dr-patel' } });
      const created = await call<Task>(fhir, 'POST', 'Task', { token: leoToken, body: task });
      assert.equal(created.status, 201, JSON.stringify(created.body).slice(0, 300));
      assert.equal(created.body.requester?.reference, requester);
    }
    // Leo's token does not make Leo's record Maria's, nor James a requester in it as Leo's own patient record.
    const asJamesPatient = refill({ for: { reference: 'Patient/leo' }, requester: { reference: 'Patient/james' }, focus: { reference: 'MedicationRequest/medrx-leo-albuterol' }, owner: { reference: 'Practitioner/dr-patel' } });
    assertRefused(await call(fhir, 'POST', 'Task', { token: leoToken, body: asJamesPatient }), 403, VICTIMS.aisha);
  });
});
