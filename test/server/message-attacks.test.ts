/**
 * The message inbox's write rules (demo/server/fhir/message-writes.ts) under attack: Maria's token
 * goes after James's threads, messages and attachments, writes as someone else or to someone outside
 * her care team, rewrites or deletes messages; James acting for Leo writes as himself into Leo's record.
 * Each refusal is a 403 (the request or the token's own data says no) or a 404 (a message or Binary she
 * may not see, answered as one that does not exist), directly and inside a batch or transaction, and
 * leaves nothing written. The positive cases run the same requests the inbox sends on her own data.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/message-attacks.test.ts
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Binary, Bundle, BundleEntry, CapabilityStatement, Communication } from 'fhir/r4';
import { call } from '../helpers/server-http.js';
import { assertRefused, assertRefusedEntry, attackSandbox, attackServer, transaction, type Victim, VICTIMS } from './attack-support.js';

/** What the inbox asks for, plus uploading attachments; and every scope, so only the record's rules refuse. */
const INBOX_SCOPE = 'patient/*.rs patient/Communication.cu patient/Binary.c';
const TIMEOUT = 10_000;
const james = VICTIMS.james;
/** Maria's data, for James's side of the attacks. */
const maria: Victim = { username: 'maria', patient: 'maria', markers: /maria|Hernández/i };

const server = attackServer();

/** A fresh sandbox and the tokens the cases use. */
async function setUp() {
  const { maria: mariaToken, ...rest } = await attackSandbox(server(), INBOX_SCOPE);
  return { mariaToken, ...rest };
}

/** A new message as the inbox sends it: Maria's reply in her metformin thread, with a browser-made identifier. */
function reply(overrides: Partial<Communication> = {}): Communication {
  return {
    resourceType: 'Communication',
    identifier: [{ system: 'urn:portico:message', value: randomUUID() }],
    status: 'completed',
    subject: { reference: 'Patient/maria' },
    sender: { reference: 'Patient/maria' },
    recipient: [{ reference: 'Practitioner/dr-chen' }],
    partOf: [{ reference: 'Communication/msg-maria-metformin' }],
    inResponseTo: [{ reference: 'Communication/msg-maria-metformin-3' }],
    sent: new Date().toISOString(),
    payload: [{ contentString: 'One more question about the dose.' }],
    ...overrides,
  };
}

const post = (entry: Omit<BundleEntry, 'request'>, url: string): BundleEntry => ({ ...entry, request: { method: 'POST', url } });

describe('Maria writes into James’s record or as someone else: refused', () => {
  let fhir: string;
  let token: string;
  let ownCount: number;

  const count = async () => (await call<Bundle>(fhir, 'GET', 'Communication?_summary=count', { token })).body.total!;
  const create = (body: unknown, t = token) => call(fhir, 'POST', 'Communication', { token: t, body });

  before(async () => {
    ({ fhir, mariaToken: token } = await setUp());
    ownCount = await count();
  });

  it('subject or sender James', { timeout: TIMEOUT }, async () => {
    assertRefused(await create(reply({ subject: { reference: 'Patient/james' } })), 403, james);
    assertRefused(await create(reply({ sender: { reference: 'Patient/james' } })), 403, james);
    assertRefused(await create(reply({ subject: { reference: 'Patient/james' }, sender: { reference: 'Patient/james' }, partOf: undefined, inResponseTo: undefined })), 403, james);
    assertRefused(await create(reply({ sender: undefined })), 403, james);
    assertRefused(await create(reply({ sender: { reference: 'Practitioner/dr-chen' } })), 403, james);
  });

  it('a reply partOf or inResponseTo James’s thread (404: it answers as a message that does not exist)', { timeout: TIMEOUT }, async () => {
    const partOf = await create(reply({ partOf: [{ reference: 'Communication/msg-james-cough' }], inResponseTo: undefined }));
    assertRefused(partOf, 404, james);
    const missing = await create(reply({ partOf: [{ reference: 'Communication/msg-nobody' }], inResponseTo: undefined }));
    assert.deepEqual(partOf.body, missing.body, 'the same answer as for a message that does not exist');
    assertRefused(await create(reply({ inResponseTo: [{ reference: 'Communication/msg-james-cough-2' }] })), 404, james);
    assertRefused(await create(reply({ partOf: undefined, inResponseTo: [{ reference: 'Communication/msg-james-rash-3' }] })), 404, james);
    assertRefused(await create(reply({ inResponseTo: [{ reference: `${fhir}/Communication/msg-james-cough-2` }] })), 404, james);
    // Not a message of this server at all: refused from the request alone.
    assertRefused(await create(reply({ partOf: [{ reference: 'https://elsewhere.example/fhir/Communication/msg-james-cough' }] })), 403, james);
    assertRefused(await create(reply({ partOf: [{ reference: 'Patient/james' }] })), 403, james);
    assertRefused(await create(reply({ partOf: [{ reference: 'Observation/obs-x' }] })), 403, james);
  });

  it('a recipient that is a patient, or a clinician not on her care team', { timeout: TIMEOUT }, async () => {
    assertRefused(await create(reply({ recipient: [{ reference: 'Patient/james' }] })), 403, james);
    assertRefused(await create(reply({ recipient: [{ reference: 'Patient/maria' }] })), 403, james);
    assertRefused(await create(reply({ recipient: [{ reference: 'RelatedPerson/james-for-leo' }] })), 403, james);
    assertRefused(await create(reply({ recipient: [{ reference: 'Practitioner/dr-patel' }] })), 403, james);
    assertRefused(await create(reply({ recipient: [{ reference: 'Practitioner/dr-chen' }, { reference: 'Practitioner/dr-okafor' }] })), 403, james);
    assertRefused(await create(reply({ recipient: [{ reference: 'CareTeam/careteam-james' }] })), 403, james);
    assertRefused(await create(reply({ recipient: undefined })), 403, james);
  });

  it('a received time, or a status other than completed / in-progress, on a new message', { timeout: TIMEOUT }, async () => {
    assertRefused(await create(reply({ received: new Date().toISOString() })), 403, james);
    assertRefused(await create(reply({ status: 'stopped' })), 403, james);
  });

  it('an attachment of James’s, or at an address other than Binary/<id>', { timeout: TIMEOUT }, async () => {
    const attach = (url: string) => reply({ payload: [{ contentString: 'See attached.' }, { contentAttachment: { contentType: 'application/pdf', url } }] });
    const theirs = await create(attach('Binary/bin-msg-james-rash-2'));
    assertRefused(theirs, 404, james);
    assert.deepEqual(theirs.body, (await create(attach('Binary/bin-nobody'))).body, 'the same answer as for a Binary that does not exist');
    for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'https://elsewhere.example/leaflet.pdf', `${fhir}/Binary/bin-msg-james-rash-2`, '//elsewhere.example/x', 'Binary/../Patient/james']) {
      assertRefused(await create(attach(url)), 403, james);
    }
    assertRefused(await create(reply({ payload: [{ contentReference: { reference: 'Communication/msg-james-cough-2' } }] })), 404, james);
  });

  it('a Binary whose securityContext is James or his message', { timeout: TIMEOUT }, async () => {
    const binary = (securityContext: string): Binary => ({ resourceType: 'Binary', contentType: 'image/png', securityContext: { reference: securityContext }, data: 'iVBORw0KGgo=' });
    assertRefused(await call(fhir, 'POST', 'Binary', { token, body: binary('Patient/james') }), 403, james);
    assertRefused(await call(fhir, 'POST', 'Binary', { token, body: binary('Communication/msg-james-cough') }), 403, james);
  });

  it('the same inside a transaction (nothing is written) and a batch', { timeout: TIMEOUT }, async () => {
    const message = 'urn:uuid:4b8e8f60-0000-4000-8000-00000000c001';
    assertRefused(await call(fhir, 'POST', '', { token, body: transaction('transaction', post({ resource: reply({ partOf: [{ reference: 'Communication/msg-james-cough' }] }) }, 'Communication')) }), 404, james);
    assertRefused(await call(fhir, 'POST', '', { token, body: transaction('transaction', post({ resource: reply() }, 'Communication'), post({ resource: reply({ recipient: [{ reference: 'Practitioner/dr-patel' }] }) }, 'Communication')) }), 403, james);
    // A Binary into James's record with a message pointing at it: the whole transaction is refused.
    const upload = post({ fullUrl: 'urn:uuid:4b8e8f60-0000-4000-8000-00000000c002', resource: { resourceType: 'Binary', contentType: 'application/pdf', securityContext: { reference: 'Patient/james' }, data: 'JVBERi0=' } }, 'Binary');
    const withUpload = post({ fullUrl: message, resource: reply({ payload: [{ contentAttachment: { contentType: 'application/pdf', url: 'urn:uuid:4b8e8f60-0000-4000-8000-00000000c002' } }] }) }, 'Communication');
    assertRefused(await call(fhir, 'POST', '', { token, body: transaction('transaction', upload, withUpload) }), 403, james);
    // inResponseTo a transaction entry that is not a message.
    const notMessage = post({ fullUrl: 'urn:uuid:4b8e8f60-0000-4000-8000-00000000c003', resource: { resourceType: 'Binary', contentType: 'application/pdf', securityContext: { reference: 'Patient/maria' }, data: 'JVBERi0=' } }, 'Binary');
    assertRefused(await call(fhir, 'POST', '', { token, body: transaction('transaction', notMessage, post({ resource: reply({ inResponseTo: [{ reference: 'urn:uuid:4b8e8f60-0000-4000-8000-00000000c003' }] }) }, 'Communication')) }), 403, james);
    assertRefusedEntry(await call(fhir, 'POST', '', { token, body: transaction('batch', post({ resource: reply({ inResponseTo: [{ reference: 'Communication/msg-james-cough-2' }] }) }, 'Communication')) }), 404, james);
    assertRefusedEntry(await call(fhir, 'POST', '', { token, body: transaction('batch', post({ resource: reply({ sender: { reference: 'RelatedPerson/james-for-leo' } }) }, 'Communication')) }), 403, james);
  });

  it('sending as James’s RelatedPerson for Leo', { timeout: TIMEOUT }, async () => {
    assertRefused(await create(reply({ sender: { reference: 'RelatedPerson/james-for-leo' } })), 403, james);
  });

  it('nothing refused was written', { timeout: TIMEOUT }, async () => {
    assert.equal(await count(), ownCount);
  });
});

describe('Maria changes messages: only marking her care team’s read', () => {
  let fhir: string;
  let token: string;
  let all: string;

  const read = async (id: string) => (await call<Communication>(fhir, 'GET', `Communication/${id}`, { token })).body;
  const put = (message: Communication, t = token) => call<Communication>(fhir, 'PUT', `Communication/${message.id}`, { token: t, body: message, headers: { 'If-Match': `W/"${message.meta?.versionId}"` } });

  before(async () => {
    ({ fhir, mariaToken: token, mariaAll: all } = await setUp());
  });

  it('marking James’s message read (404, as one that does not exist)', { timeout: TIMEOUT }, async () => {
    assertRefused(await call(fhir, 'PUT', 'Communication/msg-james-cough-2', { token, body: { resourceType: 'Communication', id: 'msg-james-cough-2', status: 'completed', received: new Date().toISOString() } }), 404, james);
  });

  it('changing the text, sender or recipients of her care team’s message', { timeout: TIMEOUT }, async () => {
    const message = await read('msg-maria-lab-results-1');
    assertRefused(await put({ ...message, payload: [{ contentString: 'Your A1c is 5.0%. No more visits needed.' }] }), 403, james);
    assertRefused(await put({ ...message, received: new Date().toISOString(), payload: [{ contentString: 'Changed while marking read.' }] }), 403, james);
    assertRefused(await put({ ...message, sender: { reference: 'Patient/maria' } }), 403, james);
    assertRefused(await put({ ...message, status: 'entered-in-error' }), 403, james);
    assert.deepEqual((await read('msg-maria-lab-results-1')).payload, message.payload);
  });

  it('clearing or moving a received time', { timeout: TIMEOUT }, async () => {
    const message = await read('msg-maria-metformin-2');
    assert.ok(message.received, 'the seed has it read');
    const { received: _received, ...cleared } = message;
    assertRefused(await put(cleared), 403, james);
    assertRefused(await put({ ...message, received: new Date().toISOString() }), 403, james);
    assert.equal((await read('msg-maria-metformin-2')).received, message.received);
  });

  it('changing or marking read a message she sent', { timeout: TIMEOUT }, async () => {
    const mine = await read('msg-maria-metformin-1');
    assertRefused(await put({ ...mine, payload: [{ contentString: 'Edited after sending.' }] }), 403, james);
    assertRefused(await put({ ...mine, received: new Date().toISOString() }), 403, james);
  });

  it('deleting or patching a message, directly and in a transaction', { timeout: TIMEOUT }, async () => {
    assertRefused(await call(fhir, 'DELETE', 'Communication/msg-maria-metformin-1', { token: all }), 403, james);
    assertRefused(await call(fhir, 'DELETE', 'Communication/msg-maria-lab-results-1', { token: all }), 403, james);
    assertRefused(await call(fhir, 'PATCH', 'Communication/msg-maria-lab-results-1', { token: all, body: [{ op: 'add', path: '/received', value: new Date().toISOString() }], headers: { 'Content-Type': 'application/json-patch+json' } }), 403, james);
    assertRefused(await call(fhir, 'POST', '', { token: all, body: transaction('transaction', { request: { method: 'DELETE', url: 'Communication/msg-maria-metformin-1' } }) }), 403, james);
    assertRefusedEntry(await call(fhir, 'POST', '', { token: all, body: transaction('batch', { request: { method: 'DELETE', url: 'Communication/msg-maria-metformin-1' } }) }), 403, james);
    const message = await read('msg-maria-lab-results-1');
    const rewrite = { resource: { ...message, payload: [{ contentString: 'Rewritten in a transaction.' }] }, request: { method: 'PUT' as const, url: 'Communication/msg-maria-lab-results-1' } };
    assertRefused(await call(fhir, 'POST', '', { token, body: transaction('transaction', rewrite) }), 403, james);
    assert.equal((await call(fhir, 'GET', 'Communication/msg-maria-metformin-1', { token })).status, 200, 'still there');
    assert.deepEqual((await read('msg-maria-lab-results-1')).payload, message.payload);
  });

  it('her care team is not hers to change (it decides whom she may write to)', { timeout: TIMEOUT }, async () => {
    const team = (await call<{ resourceType: 'CareTeam'; id: string }>(fhir, 'GET', 'CareTeam/careteam-maria', { token })).body;
    assertRefused(await call(fhir, 'PUT', 'CareTeam/careteam-maria', { token: all, body: { ...team, participant: [{ member: { reference: 'Practitioner/dr-patel' } }] } }), 403, james);
    assertRefused(await call(fhir, 'POST', 'CareTeam', { token: all, body: { resourceType: 'CareTeam', status: 'active', subject: { reference: 'Patient/maria' }, participant: [{ member: { reference: 'Practitioner/dr-patel' } }] } }), 403, james);
    assertRefused(await call(fhir, 'DELETE', 'CareTeam/careteam-maria', { token: all }), 403, james);
  });

  it('control: she marks her unread message read, on the version she read', { timeout: TIMEOUT }, async () => {
    const unread = await read('msg-maria-lab-results-1');
    assert.equal(unread.received, undefined, 'the seed has it unread');
    const received = new Date().toISOString();
    const marked = await put({ ...unread, received });
    assert.equal(marked.status, 200, JSON.stringify(marked.body).slice(0, 300));
    assert.equal(marked.body.received, received);
    assert.equal((await read('msg-maria-lab-results-1')).received, received);
    // The version she read is gone now: a second tab marking it again gets 412, not a second change.
    assert.equal((await put({ ...unread, received: new Date().toISOString() })).status, 412);
    // Marking it again with the same time changes nothing and is allowed; inside a transaction too.
    const now = await read('msg-maria-lab-results-1');
    const again = await call<Bundle>(fhir, 'POST', '', { token, body: transaction('transaction', { resource: now, request: { method: 'PUT', url: `Communication/${now.id}`, ifMatch: `W/"${now.meta?.versionId}"` } }) });
    assert.equal(again.status, 200, JSON.stringify(again.body).slice(0, 300));
    assert.equal((await read('msg-maria-lab-results-1')).received, received);
  });
});

describe('Maria sends: replies, new conversations, attachments, retries', () => {
  let fhir: string;
  let token: string;

  before(async () => {
    ({ fhir, mariaToken: token } = await setUp());
  });

  it('a reply into her own thread', { timeout: TIMEOUT }, async () => {
    const sent = await call<Communication>(fhir, 'POST', 'Communication', { token, body: reply() });
    assert.equal(sent.status, 201, JSON.stringify(sent.body).slice(0, 300));
    const thread = await call<Bundle>(fhir, 'GET', 'Communication?part-of=Communication/msg-maria-metformin', { token });
    assert.ok((thread.body.entry ?? []).some((e) => e.resource?.id === sent.body.id), 'the reply is in the thread');
    // A reply to a chain without a header, by inResponseTo only, and to the team as a whole.
    const toTeam = await call(fhir, 'POST', 'Communication', { token, body: reply({ partOf: undefined, inResponseTo: [{ reference: 'Communication/msg-maria-lab-results-1' }], recipient: [{ reference: 'CareTeam/careteam-maria' }] }) });
    assert.equal(toTeam.status, 201, JSON.stringify(toTeam.body).slice(0, 300));
  });

  it('a new conversation to her care team: a clinician, a role of one, the team, its organization', { timeout: TIMEOUT }, async () => {
    const role = (await call<Bundle>(fhir, 'GET', 'PractitionerRole?practitioner=Practitioner/rn-brooks&_count=1', { token })).body.entry![0]!.resource!;
    for (const recipient of ['Practitioner/rn-brooks', `PractitionerRole/${role.id}`, 'CareTeam/careteam-maria', 'Organization/riverside', 'Practitioner/dr-nguyen']) {
      const created = await call<Communication>(fhir, 'POST', 'Communication', {
        token,
        body: reply({ partOf: undefined, inResponseTo: undefined, topic: { text: 'Blood pressure readings' }, category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification' }] }], recipient: [{ reference: recipient }] }),
      });
      assert.equal(created.status, 201, `${recipient}: ${JSON.stringify(created.body).slice(0, 300)}`);
      assert.equal(created.body.topic?.text, 'Blood pressure readings');
    }
  });

  it('attachments: inline data, a Binary she uploaded first, a Binary and a message in one transaction', { timeout: TIMEOUT }, async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
    const inline = await call(fhir, 'POST', 'Communication', { token, body: reply({ payload: [{ contentString: 'Photo' }, { contentAttachment: { contentType: 'image/png', data: png } }] }) });
    assert.equal(inline.status, 201, JSON.stringify(inline.body).slice(0, 300));
    const binary = await call<Binary>(fhir, 'POST', 'Binary', { token, body: { resourceType: 'Binary', contentType: 'image/png', securityContext: { reference: 'Patient/maria' }, data: png } });
    assert.equal(binary.status, 201, JSON.stringify(binary.body).slice(0, 300));
    const byUrl = await call<Communication>(fhir, 'POST', 'Communication', { token, body: reply({ payload: [{ contentString: 'Photo' }, { contentAttachment: { contentType: 'image/png', url: `Binary/${binary.body.id}` } }] }) });
    assert.equal(byUrl.status, 201, JSON.stringify(byUrl.body).slice(0, 300));
    const raw = await fetch(`${fhir}/Binary/${binary.body.id}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'image/png' } });
    assert.equal(raw.status, 200);
    const upload = 'urn:uuid:4b8e8f60-0000-4000-8000-00000000d001';
    const together = await call<Bundle>(fhir, 'POST', '', {
      token,
      body: transaction(
        'transaction',
        post({ fullUrl: upload, resource: { resourceType: 'Binary', contentType: 'image/png', securityContext: { reference: 'Patient/maria' }, data: png } }, 'Binary'),
        post({ resource: reply({ payload: [{ contentAttachment: { contentType: 'image/png', url: upload } }] }) }, 'Communication'),
      ),
    });
    assert.equal(together.status, 200, JSON.stringify(together.body).slice(0, 300));
    const [storedBinary, storedMessage] = together.body.entry!.map((e) => e.resource!);
    assert.equal((storedMessage as Communication).payload![0]!.contentAttachment!.url, `Binary/${storedBinary!.id}`);
  });

  it('a retried send with the same identifier and If-None-Exist returns the first; one is stored', { timeout: TIMEOUT }, async () => {
    const message = reply();
    const ifNoneExist = `identifier=urn:portico:message|${message.identifier![0]!.value}`;
    const first = await call<Communication>(fhir, 'POST', 'Communication', { token, body: message, headers: { 'If-None-Exist': ifNoneExist } });
    assert.equal(first.status, 201, JSON.stringify(first.body).slice(0, 300));
    const retry = await call<Communication>(fhir, 'POST', 'Communication', { token, body: message, headers: { 'If-None-Exist': ifNoneExist } });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.id, first.body.id);
    const inTransaction = await call<Bundle>(fhir, 'POST', '', { token, body: transaction('transaction', { resource: message, request: { method: 'POST', url: 'Communication', ifNoneExist } }) });
    assert.equal(inTransaction.body.entry?.[0]?.resource?.id, first.body.id);
    const stored = await call<Bundle>(fhir, 'GET', `Communication?${ifNoneExist}`, { token });
    assert.equal(stored.body.total, 1);
  });

  it('the CapabilityStatement offers create, update, read and search of messages; no delete or patch', { timeout: TIMEOUT }, async () => {
    const capability = (await call<CapabilityStatement>(fhir, 'GET', 'metadata')).body;
    const interactions = (type: string) => capability.rest![0]!.resource!.find((r) => r.type === type)!.interaction!.map((i) => i.code).sort();
    assert.deepEqual(interactions('Communication'), ['create', 'history-instance', 'read', 'search-type', 'update', 'vread']);
    assert.deepEqual(interactions('CareTeam'), ['history-instance', 'read', 'search-type', 'vread']);
  });
});

describe('James acting for Leo', () => {
  let fhir: string;
  let leoToken: string;
  let jamesToken: string;
  const forLeo = (overrides: Partial<Communication> = {}): Communication =>
    reply({
      subject: { reference: 'Patient/leo' },
      sender: { reference: 'RelatedPerson/james-for-leo' },
      recipient: [{ reference: 'Practitioner/dr-patel' }],
      partOf: [{ reference: 'Communication/msg-leo-school-allergy-plan' }],
      inResponseTo: [{ reference: 'Communication/msg-leo-school-allergy-plan-4' }],
      ...overrides,
    });

  before(async () => {
    ({ fhir, leoToken, jamesToken } = await setUp());
  });

  it('sends as the RelatedPerson that gives him access, and as Leo', { timeout: TIMEOUT }, async () => {
    const asParent = await call(fhir, 'POST', 'Communication', { token: leoToken, body: forLeo() });
    assert.equal(asParent.status, 201, JSON.stringify(asParent.body).slice(0, 300));
    const toTeam = await call(fhir, 'POST', 'Communication', { token: leoToken, body: forLeo({ partOf: undefined, inResponseTo: undefined, topic: { text: 'Inhaler refill' }, recipient: [{ reference: 'CareTeam/careteam-leo' }] }) });
    assert.equal(toTeam.status, 201, JSON.stringify(toTeam.body).slice(0, 300));
    const asPerson = await call(fhir, 'POST', 'Communication', { token: leoToken, body: forLeo({ sender: { reference: 'Person/person-james' } }) });
    assert.notEqual(asPerson.status, 403, 'his fhirUser is himself');
  });

  it('marks Dr. Patel’s unread message to him read', { timeout: TIMEOUT }, async () => {
    const unread = (await call<Communication>(fhir, 'GET', 'Communication/msg-leo-school-allergy-plan-4', { token: leoToken })).body;
    assert.equal(unread.received, undefined);
    const marked = await call<Communication>(fhir, 'PUT', `Communication/${unread.id}`, { token: leoToken, body: { ...unread, received: new Date().toISOString() } });
    assert.equal(marked.status, 200, JSON.stringify(marked.body).slice(0, 300));
  });

  it('refused: as Patient/james into Leo’s record, to a clinician not on Leo’s team, into his own thread', { timeout: TIMEOUT }, async () => {
    assertRefused(await call(fhir, 'POST', 'Communication', { token: leoToken, body: forLeo({ sender: { reference: 'Patient/james' } }) }), 403, maria);
    assertRefused(await call(fhir, 'POST', 'Communication', { token: leoToken, body: forLeo({ recipient: [{ reference: 'Practitioner/dr-chen' }] }) }), 403, maria);
    assertRefused(await call(fhir, 'POST', 'Communication', { token: leoToken, body: forLeo({ partOf: [{ reference: 'Communication/msg-james-cough' }], inResponseTo: undefined }) }), 404, maria);
  });

  it('refused: as the RelatedPerson for Leo in his own record', { timeout: TIMEOUT }, async () => {
    const own = reply({ subject: { reference: 'Patient/james' }, sender: { reference: 'RelatedPerson/james-for-leo' }, recipient: [{ reference: 'Practitioner/dr-okafor' }], partOf: [{ reference: 'Communication/msg-james-cough' }], inResponseTo: undefined });
    assertRefused(await call(fhir, 'POST', 'Communication', { token: jamesToken, body: own }), 403, maria);
    // Control: as himself.
    const asHimself = await call(fhir, 'POST', 'Communication', { token: jamesToken, body: { ...own, sender: { reference: 'Patient/james' } } });
    assert.equal(asHimself.status, 201, JSON.stringify(asHimself.body).slice(0, 300));
  });
});
