/**
 * The record download's server rules under attack (demo/server/features/documents.ts): Maria's token
 * asks for James's record through the operations ($everything, $summary, $docref, $health-cards-issue),
 * adds a document to his record or as someone else, points her document at his file, uploads a file
 * into his record, and rewrites the clinic's documents; directly and inside a batch or transaction.
 * Each refusal is a 403 (the request or her own data says no) or a 404 (a file she may not see,
 * answered as one that does not exist) and leaves nothing written. The positive cases: her own upload
 * (a file and the document pointing at it, alone and in one transaction, retried safely), and James
 * adding a document to Leo's record as his parent.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/record-attacks.test.ts
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Binary, Bundle, BundleEntry, CapabilityStatement, DocumentReference } from 'fhir/r4';
import { call, tokenFor } from '../helpers/server-http.js';
import { assertRefused, assertRefusedEntry, attackSandbox, attackServer, matches, transaction, type Victim, VICTIMS } from './attack-support.js';

/** What adding a document needs, and every scope, so only the record's rules refuse. */
const UPLOAD_SCOPE = 'patient/*.rs patient/DocumentReference.c patient/Binary.c';
const TIMEOUT = 15_000;
const james = VICTIMS.james;
const leo: Victim = VICTIMS.leo;
const PATAST = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'PATAST' };
const PDF = Buffer.from('%PDF-1.4\n% my own record\n').toString('base64');

const server = attackServer();

/** A fresh sandbox and the tokens the cases use. */
function setUp() {
  return attackSandbox(server(), UPLOAD_SCOPE, { everythingOperation: true });
}

/** A document as the record download adds it: Maria's own, patient-asserted, its file in a Binary or inline. */
function upload(overrides: Partial<DocumentReference> = {}, url?: string): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    meta: { security: [PATAST] },
    identifier: [{ system: 'urn:portico:document', value: randomUUID() }],
    status: 'current',
    type: { text: 'Vaccination card from my previous doctor' },
    subject: { reference: 'Patient/maria' },
    author: [{ reference: 'Patient/maria' }],
    date: new Date().toISOString(),
    content: [{ attachment: { contentType: 'application/pdf', title: 'card.pdf', ...(url ? { url } : { data: PDF }) } }],
    ...overrides,
  };
}

const file = (securityContext: string | undefined): Binary => ({ resourceType: 'Binary', contentType: 'application/pdf', ...(securityContext ? { securityContext: { reference: securityContext } } : {}), data: PDF });
const post = (entry: Omit<BundleEntry, 'request'>, url: string): BundleEntry => ({ ...entry, request: { method: 'POST', url } });

describe('the record operations answer for her own record only', () => {
  let fhir: string;
  let maria: string;

  before(async () => {
    ({ fhir, mariaAll: maria } = await setUp());
  });

  it('James’s id in the path: $everything, $summary, $health-cards-issue (403, as a read of his record)', { timeout: TIMEOUT }, async () => {
    for (const path of ['Patient/james/$everything', 'Patient/james/$summary', 'Patient/leo/$everything', 'Patient/aisha/$summary']) {
      assertRefused(await call(fhir, 'GET', path, { token: maria }), 403, james);
    }
    const issue = { resourceType: 'Parameters', parameter: [{ name: 'credentialType', valueUri: 'Immunization' }] };
    assertRefused(await call(fhir, 'POST', 'Patient/james/$health-cards-issue', { token: maria, body: issue }), 403, james);
    assertRefused(await call(fhir, 'POST', 'Patient/james/$summary', { token: maria, body: { resourceType: 'Parameters' } }), 403, james);
  });

  it('James as a parameter: $docref?patient=james, in a Parameters body', { timeout: TIMEOUT }, async () => {
    assertRefused(await call(fhir, 'GET', 'DocumentReference/$docref?patient=james', { token: maria }), 403, james);
    assertRefused(await call(fhir, 'GET', 'DocumentReference/$docref?patient=Patient/james', { token: maria }), 403, james);
    const body = { resourceType: 'Parameters', parameter: [{ name: 'patient', valueId: 'james' }] };
    assertRefused(await call(fhir, 'POST', 'DocumentReference/$docref', { token: maria, body }), 403, james);
  });

  it('inside a batch or a transaction, operations are not offered at all', { timeout: TIMEOUT }, async () => {
    for (const url of ['Patient/james/$everything', 'Patient/maria/$summary', 'DocumentReference/$docref?patient=james']) {
      assertRefusedEntry(await call(fhir, 'POST', '', { token: maria, body: transaction('batch', { request: { method: 'GET', url } }) }), 403, james);
      assertRefused(await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', { request: { method: 'GET', url } }) }), 403, james);
    }
  });

  it('control: her own, by her id and by the type', { timeout: TIMEOUT }, async () => {
    for (const path of ['Patient/maria/$everything?_count=5', 'Patient/$summary', 'DocumentReference/$docref?patient=maria']) {
      const reply = await call<Bundle>(fhir, 'GET', path, { token: maria });
      assert.equal(reply.status, 200, `${path}: ${JSON.stringify(reply.body).slice(0, 200)}`);
      assert.ok((reply.body.entry ?? []).length > 0, path);
    }
  });
});

describe('Maria adds documents and files into James’s record, as someone else, or pointing at his: refused', () => {
  let fhir: string;
  let maria: string;
  let mariaAll: string;
  let jamesFile: string;
  let ownCount: () => Promise<number>;

  before(async () => {
    let jamesToken: string;
    ({ fhir, maria, mariaAll, jamesToken } = await setUp());
    const his = matches((await call<Bundle>(fhir, 'GET', 'DocumentReference?_count=1', { token: jamesToken })).body)[0] as DocumentReference;
    jamesFile = his.content[0]!.attachment.url!;
    ownCount = async () => (await call<Bundle>(fhir, 'GET', 'DocumentReference?_summary=count', { token: maria })).body.total!;
  });

  const create = (body: unknown, token = maria) => call(fhir, 'POST', (body as { resourceType: string }).resourceType, { token, body });

  it('a document for James, or by James, a clinician or nobody', { timeout: TIMEOUT }, async () => {
    const before = await ownCount();
    assertRefused(await create(upload({ subject: { reference: 'Patient/james' } })), 403, james);
    assertRefused(await create(upload({ subject: { reference: 'Patient/james' }, author: [{ reference: 'Patient/james' }] })), 403, james);
    assertRefused(await create(upload({ author: [{ reference: 'Patient/james' }] })), 403, james);
    assertRefused(await create(upload({ author: [{ reference: 'Practitioner/dr-chen' }] })), 403, james);
    assertRefused(await create(upload({ author: [{ reference: 'RelatedPerson/james-for-leo' }] })), 403, james);
    assertRefused(await create(upload({ author: undefined })), 403, james);
    assertRefused(await create(upload({ subject: undefined })), 403, james);
    assert.equal(await ownCount(), before, 'nothing written');
  });

  it('a document that passes for the clinic’s: unmarked, signed, kept, replacing one, or not current', { timeout: TIMEOUT }, async () => {
    const clinic = matches((await call<Bundle>(fhir, 'GET', 'DocumentReference?_count=1', { token: maria })).body)[0] as DocumentReference;
    assertRefused(await create(upload({ meta: undefined })), 403, james);
    assertRefused(await create(upload({ authenticator: { reference: 'Practitioner/dr-chen' } })), 403, james);
    assertRefused(await create(upload({ custodian: { reference: 'Organization/riverside' } })), 403, james);
    assertRefused(await create(upload({ relatesTo: [{ code: 'replaces', target: { reference: `DocumentReference/${clinic.id}` } }] })), 403, james);
    assertRefused(await create(upload({ status: 'superseded' })), 403, james);
  });

  it('content pointing at James’s file (404, as a file that does not exist), or at any other address', { timeout: TIMEOUT }, async () => {
    const his = await create(upload({}, jamesFile));
    assertRefused(his, 404, james);
    assert.deepEqual(his.body, (await create(upload({}, 'Binary/bin-nobody'))).body, 'the same answer as for a file that does not exist');
    for (const url of [`${fhir}/${jamesFile}`, 'https://elsewhere.example/card.pdf', 'javascript:alert(1)', `data:application/pdf;base64,${PDF}`, `../${jamesFile}`]) {
      assertRefused(await create(upload({}, url)), 403, james);
    }
    assertRefused(await create(upload({ content: [{ attachment: { contentType: 'text/html', data: Buffer.from('<script>alert(1)</script>').toString('base64') } }] })), 403, james);
    assertRefused(await create(upload({ content: [{ attachment: { contentType: 'application/pdf', data: Buffer.alloc(1_100_000).toString('base64') } }] })), 403, james);
  });

  it('a file in James’s record, or nobody’s', { timeout: TIMEOUT }, async () => {
    assertRefused(await create(file('Patient/james')), 403, james);
    assertRefused(await create(file(undefined)), 403, james);
    const his = matches((await call<Bundle>(fhir, 'GET', 'DocumentReference?_count=1', { token: await tokenFor(server(), 'james', UPLOAD_SCOPE, 'james') })).body)[0]!;
    assertRefused(await create(file(`DocumentReference/${his.id}`)), 403, james);
  });

  it('changing or deleting the clinic’s documents and files, even her own', { timeout: TIMEOUT }, async () => {
    const clinic = matches((await call<Bundle>(fhir, 'GET', 'DocumentReference?_count=1', { token: maria })).body)[0] as DocumentReference;
    const url = clinic.content[0]!.attachment.url!;
    const stored = (await call<Binary>(fhir, 'GET', url, { token: maria })).body;
    assertRefused(await call(fhir, 'PUT', `DocumentReference/${clinic.id}`, { token: mariaAll, body: { ...clinic, description: 'Changed' } }), 403, james);
    assertRefused(await call(fhir, 'PATCH', `DocumentReference/${clinic.id}`, { token: mariaAll, body: [{ op: 'replace', path: '/status', value: 'entered-in-error' }] }), 403, james);
    assertRefused(await call(fhir, 'DELETE', `DocumentReference/${clinic.id}`, { token: mariaAll }), 403, james);
    assertRefused(await call(fhir, 'PUT', url, { token: mariaAll, body: { ...stored, data: PDF } }), 403, james);
    assertRefused(await call(fhir, 'DELETE', url, { token: mariaAll }), 403, james);
    const after = (await call<DocumentReference>(fhir, 'GET', `DocumentReference/${clinic.id}`, { token: maria })).body;
    assert.equal(after.meta?.versionId, clinic.meta?.versionId, 'unchanged');
  });

  it('the same inside a transaction and a batch: refused, nothing written', { timeout: TIMEOUT }, async () => {
    const before = await ownCount();
    const fileUrl = `urn:uuid:${randomUUID()}`;
    const theirs = transaction('transaction', post({ fullUrl: fileUrl, resource: file('Patient/maria') }, 'Binary'), post({ resource: upload({ subject: { reference: 'Patient/james' } }, fileUrl) }, 'DocumentReference'));
    assertRefused(await call(fhir, 'POST', '', { token: maria, body: theirs }), 403, james);
    const hisFile = transaction('transaction', post({ fullUrl: fileUrl, resource: file('Patient/james') }, 'Binary'), post({ resource: upload({}, fileUrl) }, 'DocumentReference'));
    assertRefused(await call(fhir, 'POST', '', { token: maria, body: hisFile }), 403, james);
    const pointing = transaction('transaction', post({ resource: upload({}, jamesFile) }, 'DocumentReference'));
    assertRefused(await call(fhir, 'POST', '', { token: maria, body: pointing }), 404, james);
    assertRefusedEntry(await call(fhir, 'POST', '', { token: maria, body: transaction('batch', post({ resource: upload({ author: [{ reference: 'Patient/james' }] }) }, 'DocumentReference')) }), 403, james);
    assert.equal(await ownCount(), before, 'nothing written');
  });
});

describe('positive: her own upload, and James for Leo', () => {
  let fhir: string;
  let maria: string;
  let leoToken: string;

  before(async () => {
    ({ fhir, maria, leoToken } = await setUp());
  });

  it('the CapabilityStatement offers DocumentReference and Binary create, nothing more', { timeout: TIMEOUT }, async () => {
    const capability = (await call<CapabilityStatement>(fhir, 'GET', 'metadata')).body;
    const interactions = (type: string) => (capability.rest?.[0]?.resource ?? []).find((r) => r.type === type)!.interaction!.map((i) => i.code).sort();
    assert.deepEqual(interactions('DocumentReference'), ['create', 'history-instance', 'read', 'search-type', 'vread']);
    assert.deepEqual(interactions('Binary'), ['create', 'history-instance', 'read', 'vread']);
  });

  it('a file, then the document pointing at it; she reads both back, the document marked patient-asserted', { timeout: TIMEOUT }, async () => {
    const stored = await call<Binary>(fhir, 'POST', 'Binary', { token: maria, body: file('Patient/maria') });
    assert.equal(stored.status, 201, JSON.stringify(stored.body).slice(0, 300));
    const document = await call<DocumentReference>(fhir, 'POST', 'DocumentReference', { token: maria, body: upload({}, `Binary/${stored.body.id}`) });
    assert.equal(document.status, 201, JSON.stringify(document.body).slice(0, 300));
    assert.deepEqual(document.body.meta?.security?.map((s) => s.code), ['PATAST']);
    const bytes = await fetch(`${fhir}/Binary/${stored.body.id}`, { headers: { Authorization: `Bearer ${maria}` } });
    assert.equal(Buffer.from(await bytes.arrayBuffer()).toString('base64'), PDF);
    const inline = await call(fhir, 'POST', 'DocumentReference', { token: maria, body: upload() });
    assert.equal(inline.status, 201, 'inline data');
  });

  it('in one transaction, and a retried create with If-None-Exist returns the first', { timeout: TIMEOUT }, async () => {
    const fileUrl = `urn:uuid:${randomUUID()}`;
    const docUrl = `urn:uuid:${randomUUID()}`;
    const both = transaction('transaction', post({ fullUrl: fileUrl, resource: file(docUrl) }, 'Binary'), post({ fullUrl: docUrl, resource: upload({}, fileUrl) }, 'DocumentReference'));
    const reply = await call<Bundle>(fhir, 'POST', '', { token: maria, body: both });
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 400));
    const [binary, document] = reply.body.entry!.map((e) => e.resource!) as [Binary, DocumentReference];
    assert.equal(document.content[0]!.attachment.url, `Binary/${binary.id}`);
    assert.equal(binary.securityContext?.reference, `DocumentReference/${document.id}`);

    const body = upload();
    const condition = `identifier=${body.identifier![0]!.system}|${body.identifier![0]!.value}`;
    const first = await call<DocumentReference>(fhir, 'POST', 'DocumentReference', { token: maria, body, headers: { 'If-None-Exist': condition } });
    const again = await call<DocumentReference>(fhir, 'POST', 'DocumentReference', { token: maria, body, headers: { 'If-None-Exist': condition } });
    assert.equal(first.status, 201);
    assert.equal(again.status, 200, 'the first is returned');
    assert.equal(again.body.id, first.body.id);
  });

  it('James adds a document to Leo’s record as his parent, as himself or his RelatedPerson; not as Leo’s father’s own record', { timeout: TIMEOUT }, async () => {
    const forLeo = (overrides: Partial<DocumentReference>) => upload({ subject: { reference: 'Patient/leo' }, ...overrides });
    for (const author of ['RelatedPerson/james-for-leo', 'Person/person-james', 'Patient/leo']) {
      const reply = await call(fhir, 'POST', 'DocumentReference', { token: leoToken, body: forLeo({ author: [{ reference: author }] }) });
      assert.equal(reply.status, 201, `${author}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
    const stored = await call<Binary>(fhir, 'POST', 'Binary', { token: leoToken, body: file('Patient/leo') });
    assert.equal(stored.status, 201);
    // The limits: with Leo's token, nothing of James's own record, nor as James the patient.
    assertRefused(await call(fhir, 'POST', 'DocumentReference', { token: leoToken, body: forLeo({ author: [{ reference: 'Patient/james' }] }) }), 403, VICTIMS.aisha);
    assertRefused(await call(fhir, 'POST', 'DocumentReference', { token: leoToken, body: upload({ subject: { reference: 'Patient/james' }, author: [{ reference: 'Person/person-james' }] }) }), 403, VICTIMS.aisha);
    assertRefused(await call(fhir, 'POST', 'Binary', { token: leoToken, body: file('Patient/james') }), 403, VICTIMS.aisha);
    assertRefused(await call(fhir, 'POST', 'DocumentReference', { token: leoToken, body: upload() }), 403, { ...leo, markers: /Hernández/ });
  });
});
