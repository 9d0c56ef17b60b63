/**
 * Conformance of the embedded FHIR R4 server and its SMART authorization server, through HTTP only:
 * discovery, tokens, scopes, the patient compartment, proxy access, paging, search validation,
 * versioned writes, transactions, Binary, fault injection and loading Synthea bundles with --data.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/fhir-server.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Appointment, Binary, Bundle, CapabilityStatement, Communication, DiagnosticReport, DocumentReference, OperationOutcome, Patient, Person, Reference, Resource } from 'fhir/r4';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { admin, call, FHIR_JSON, tokenFor as tokenWithScope, type Reply } from '../helpers/server-http.js';

/** The scopes the Portico elements ask for (as in test/helpers/backend.ts). */
const ELEMENT_SCOPE = 'patient/*.rs patient/Appointment.cu patient/Communication.cu patient/Slot.u patient/Task.c';

const tokenFor = (server: PorticoServer, username: string, scope = ELEMENT_SCOPE, patient?: string) => tokenWithScope(server, username, scope, patient);

function resources<T extends Resource = Resource>(bundle: Bundle, mode?: 'match' | 'include'): T[] {
  return (bundle.entry ?? []).filter((e) => !mode || e.search?.mode === mode).map((e) => e.resource as T);
}

function nextLink(bundle: Bundle): string | undefined {
  return bundle.link?.find((l) => l.relation === 'next')?.url;
}

function assertOutcome(reply: Reply<unknown>, status: number): void {
  assert.equal(reply.status, status, JSON.stringify(reply.body).slice(0, 300));
  assert.equal((reply.body as Resource).resourceType, 'OperationOutcome');
  assert.ok(((reply.body as OperationOutcome).issue ?? []).length > 0, 'the OperationOutcome has an issue');
}

const subjectOf = (r: Resource) => (r as { subject?: Reference }).subject?.reference;

function message(patient: string, extra: Partial<Communication> = {}): Communication {
  return {
    resourceType: 'Communication',
    status: 'completed',
    subject: { reference: `Patient/${patient}` },
    sender: { reference: `Patient/${patient}` },
    recipient: [{ reference: `CareTeam/careteam-${patient}` }],
    payload: [{ contentString: 'Conformance test message' }],
    ...extra,
  };
}

/**
 * A visit request, for the conformance tests of updates: a patient may change an Appointment of theirs
 * freely, while a message only gets marked read (test/server/message-attacks.test.ts).
 */
function visit(patient: string, extra: Partial<Appointment> = {}): Appointment {
  return { resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: `Patient/${patient}` }, status: 'needs-action' }], ...extra };
}

let server: PorticoServer;
/** A fresh copy of the demo data, so writes never touch /fhir. */
let fhir: string;
let sandboxId: string;
let maria: string;

before(async () => {
  server = await startPorticoServer({ port: 0, testAdmin: true });
  const sandbox = await admin<{ id: string; fhirBaseUrl: string }>(server, 'POST', 'sandboxes', {});
  fhir = sandbox.fhirBaseUrl;
  sandboxId = sandbox.id;
  maria = await tokenFor(server, 'maria');
});

after(async () => {
  await server?.close();
});

describe('discovery', () => {
  it('serves a CapabilityStatement at /metadata without a token', async () => {
    for (const base of [server.fhirBaseUrl, fhir]) {
      const reply = await call<CapabilityStatement>(base, 'GET', 'metadata');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.resourceType, 'CapabilityStatement');
      assert.equal(reply.body.fhirVersion, '4.0.1');
      const rest = reply.body.rest?.find((r) => r.mode === 'server');
      assert.ok(rest?.interaction?.some((i) => i.code === 'transaction'), 'offers transaction');
      assert.ok(rest?.resource?.some((r) => r.type === 'Observation'), 'serves Observation');
    }
  });

  it('serves the SMART configuration without a token', async () => {
    const reply = await call<Record<string, unknown>>(server.fhirBaseUrl, 'GET', '.well-known/smart-configuration', { headers: { Accept: 'application/json' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.authorization_endpoint, `${server.authIssuer}/authorize`);
    assert.equal(reply.body.token_endpoint, `${server.authIssuer}/token`);
    assert.equal(reply.body.revocation_endpoint, `${server.authIssuer}/revoke`);
    assert.deepEqual(reply.body.code_challenge_methods_supported, ['S256']);
  });
});

describe('authentication', () => {
  it('answers 401 with WWW-Authenticate and an OperationOutcome when there is no token', async () => {
    const reply = await call(fhir, 'GET', 'Patient/maria');
    assertOutcome(reply, 401);
    assert.match(reply.headers.get('WWW-Authenticate') ?? '', /^Bearer /);
  });

  it('answers 401 to a token it did not issue', async () => {
    const reply = await call(fhir, 'GET', 'Patient/maria', { token: 'not-a-token-the-server-issued' });
    assertOutcome(reply, 401);
    assert.match(reply.headers.get('WWW-Authenticate') ?? '', /^Bearer /);
  });

  it('answers 401 once the token was revoked at the authorization server', async () => {
    const token = await tokenFor(server, 'aisha');
    assert.equal((await call(server.fhirBaseUrl, 'GET', 'Patient/aisha', { token })).status, 200);
    const revoked = await fetch(`${server.authIssuer}/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, client_id: 'portico-demo' }),
    });
    assert.equal(revoked.status, 200);
    assertOutcome(await call(server.fhirBaseUrl, 'GET', 'Patient/aisha', { token }), 401);
  });
});

describe('patient compartment', () => {
  it('reads the token’s own patient and refuses another patient', async () => {
    const own = await call<Patient>(fhir, 'GET', 'Patient/maria', { token: maria });
    assert.equal(own.status, 200);
    assert.equal(own.body.id, 'maria');
    assertOutcome(await call(fhir, 'GET', 'Patient/james', { token: maria }), 403);
  });

  it('limits a search without a patient parameter to the token’s patient', async () => {
    const reply = await call<Bundle>(fhir, 'GET', 'Observation?_count=5', { token: maria });
    assert.equal(reply.status, 200);
    const found = resources(reply.body);
    assert.equal(found.length, 5);
    for (const r of found) assert.equal(subjectOf(r), 'Patient/maria');
  });

  it('returns nothing of another patient’s when asked for it', async () => {
    const reply = await call<Bundle>(fhir, 'GET', 'Observation?patient=james', { token: maria });
    assert.ok(reply.status === 200 || reply.status === 403, `status ${reply.status}`);
    if (reply.status === 200) {
      for (const r of resources(reply.body)) assert.notEqual(subjectOf(r), 'Patient/james', `leaked ${r.resourceType}/${r.id}`);
    }
  });

  it('_include brings only the patient’s own results', async () => {
    const reply = await call<Bundle>(fhir, 'GET', 'DiagnosticReport?_include=DiagnosticReport:result&_count=5', { token: maria });
    assert.equal(reply.status, 200);
    const reports = resources<DiagnosticReport>(reply.body, 'match');
    const included = resources(reply.body, 'include');
    assert.equal(reports.length, 5);
    assert.ok(included.length > 0, 'results were included');
    const referenced = new Set(reports.flatMap((r) => (r.result ?? []).map((ref) => ref.reference)));
    for (const r of [...reports, ...included]) assert.equal(subjectOf(r), 'Patient/maria');
    for (const r of included) {
      assert.equal(r.resourceType, 'Observation');
      assert.ok(referenced.has(`Observation/${r.id}`), `Observation/${r.id} is a result of a report on the page`);
    }
  });

  it('refuses writes into another patient’s compartment', async () => {
    const james = await tokenFor(server, 'james', ELEMENT_SCOPE, 'james');
    const theirs = resources<Communication>((await call<Bundle>(fhir, 'GET', 'Communication?_count=1', { token: james })).body)[0];
    assert.ok(theirs?.id, 'James has a message');

    assertOutcome(await call(fhir, 'POST', 'Communication', { token: maria, body: message('james') }), 403);
    // Another patient's resource answers as one that does not exist (404), so its existence does not leak.
    assertOutcome(await call(fhir, 'PUT', `Communication/${theirs.id}`, { token: maria, body: { ...theirs, status: 'entered-in-error' } }), 404);
    assertOutcome(await call(fhir, 'DELETE', `Communication/${theirs.id}`, { token: maria }), 403); // these scopes allow no delete
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { ...theirs, status: 'entered-in-error' }, request: { method: 'PUT', url: `Communication/${theirs.id}` } }],
    };
    assertOutcome(await call(fhir, 'POST', '', { token: maria, body: transaction }), 404);

    const after = await call<Communication>(fhir, 'GET', `Communication/${theirs.id}`, { token: james });
    assert.equal(after.status, 200);
    assert.equal(after.body.meta?.versionId, theirs.meta?.versionId, 'James’s message is unchanged');
  });
});

describe('scopes', () => {
  it('a token with only patient/Observation.rs may search Observations and nothing else', async () => {
    const token = await tokenFor(server, 'maria', 'patient/Observation.rs');
    assert.equal((await call(fhir, 'GET', 'Observation?_count=1', { token })).status, 200);
    assertOutcome(await call(fhir, 'GET', 'Patient/maria', { token }), 403);
    assertOutcome(await call(fhir, 'POST', 'Communication', { token, body: message('maria') }), 403);
    assertOutcome(await call(fhir, 'POST', 'Observation', { token, body: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/maria' } } }), 403);
  });
});

describe('scopes and _include', () => {
  it('included resources of a type the scopes do not cover are left out, and the total still counts the matches', async () => {
    const path = 'DiagnosticReport?category=LAB&_include=DiagnosticReport:result&_revinclude=DocumentReference:related&_count=500';
    const full = await call<Bundle>(fhir, 'GET', path, { token: await tokenFor(server, 'maria', 'patient/DiagnosticReport.rs patient/Observation.rs patient/DocumentReference.rs') });
    assert.equal(full.status, 200);
    assert.ok(resources(full.body, 'include').some((r) => r.resourceType === 'DocumentReference'), 'the documents pointing at reports are included');
    const narrow = await call<Bundle>(fhir, 'GET', path, { token: await tokenFor(server, 'maria', 'patient/DiagnosticReport.rs patient/Observation.rs') });
    assert.equal(narrow.status, 200);
    const types = new Set(resources(narrow.body, 'include').map((r) => r.resourceType));
    assert.deepEqual([...types], ['Observation'], 'only the results are included');
    assert.equal(narrow.body.total, full.body.total);
    assert.equal(resources(narrow.body, 'match').length, resources(full.body, 'match').length);
  });
});

describe('proxy access', () => {
  it('james acting for leo reads Leo and his own Person, not Maria', async () => {
    const token = await tokenFor(server, 'james', ELEMENT_SCOPE, 'leo');
    const leo = await call<Patient>(fhir, 'GET', 'Patient/leo', { token });
    assert.equal(leo.status, 200);
    assert.equal(leo.body.id, 'leo');
    const person = await call<Person>(fhir, 'GET', 'Person/person-james', { token });
    assert.equal(person.status, 200);
    assert.ok(person.body.link?.some((l) => l.target.reference === 'Patient/james'), 'the Person links James’s own record');
    assert.ok(person.body.link?.some((l) => l.target.reference?.startsWith('RelatedPerson/')), 'and his proxy access to Leo');
    assertOutcome(await call(fhir, 'GET', 'Patient/maria', { token }), 403);
  });
});

describe('paging', () => {
  it('links self and next, and the next page continues without overlap', async () => {
    const first = await call<Bundle>(fhir, 'GET', 'Observation?patient=maria&_count=10', { token: maria });
    assert.equal(first.status, 200);
    assert.ok(first.body.link?.some((l) => l.relation === 'self'), 'self link');
    const next = nextLink(first.body);
    assert.ok(next, 'next link');
    assert.ok(next.startsWith(`${fhir}/Observation?`), `absolute next link: ${next}`);
    for (const e of first.body.entry ?? []) assert.ok(e.fullUrl?.startsWith(`${fhir}/Observation/`), `absolute fullUrl: ${e.fullUrl}`);

    const second = await call<Bundle>(fhir, 'GET', next, { token: maria });
    assert.equal(second.status, 200);
    const ids1 = resources(first.body).map((r) => r.id);
    const ids2 = resources(second.body).map((r) => r.id);
    assert.equal(ids1.length, 10);
    assert.equal(ids2.length, 10);
    assert.deepEqual(ids2.filter((id) => ids1.includes(id)), [], 'pages overlap');
    for (const r of resources(second.body)) assert.equal(subjectOf(r), 'Patient/maria');
  });

  it('ends: following next reaches every match once, and the last page has no next', async () => {
    let url: string | undefined = `${fhir}/Observation?patient=maria&_count=100`;
    const seen: string[] = [];
    let total: number | undefined;
    let pages = 0;
    while (url) {
      const page: Reply<Bundle> = await call<Bundle>(fhir, 'GET', url, { token: maria });
      assert.equal(page.status, 200);
      total ??= page.body.total;
      seen.push(...resources(page.body).map((r) => r.id!));
      url = nextLink(page.body);
      assert.ok(++pages < 50, 'paging never ends');
    }
    assert.ok(pages > 1, 'more than one page');
    assert.equal(new Set(seen).size, seen.length, 'no match twice');
    if (total !== undefined) assert.equal(seen.length, total);
  });

  it('an _offset beyond the end gives an empty page without next', async () => {
    const reply = await call<Bundle>(fhir, 'GET', 'Observation?patient=maria&_count=10&_offset=100000', { token: maria });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.resourceType, 'Bundle');
    assert.equal(resources(reply.body).length, 0);
    assert.equal(nextLink(reply.body), undefined);
  });
});

describe('search parameters', () => {
  it('answers 400 with an OperationOutcome for an unknown parameter', async () => {
    const reply = await call<OperationOutcome>(fhir, 'GET', 'Observation?colour=blue', { token: maria });
    assertOutcome(reply, 400);
    assert.match(JSON.stringify(reply.body), /colour/);
  });

  it('accepts modifiers and chains that exist', async () => {
    const text = await call<Bundle>(fhir, 'GET', 'Observation?code:text=glucose&_count=5', { token: maria });
    assert.equal(text.status, 200);
    assert.ok(resources(text.body).length > 0, 'code:text found glucose results');
    const chain = await call<Bundle>(fhir, 'GET', `Observation?subject:Patient.name=${encodeURIComponent('Hernández')}&_count=5`, { token: maria });
    assert.equal(chain.status, 200);
    assert.ok(resources(chain.body).length > 0, 'the chain found Maria’s results');
    for (const r of resources(chain.body)) assert.equal(subjectOf(r), 'Patient/maria');
    const sorted = await call<Bundle>(fhir, 'GET', 'Observation?patient=maria&_sort=-date&_count=3', { token: maria });
    assert.equal(sorted.status, 200);
  });
});

describe('writes', () => {
  it('create: 201 with an absolute versioned Location, ETag and Last-Modified, exposed to the page; the server picks the id', async () => {
    const origin = 'http://localhost:5173';
    const reply = await call<Communication>(fhir, 'POST', 'Communication', { token: maria, body: { ...message('maria'), id: 'chosen-by-client' }, headers: { Origin: origin } });
    assert.equal(reply.status, 201);
    const { id, meta } = reply.body;
    assert.ok(id && id !== 'chosen-by-client', `server-assigned id, got ${id}`);
    assert.equal(reply.headers.get('Location'), `${fhir}/Communication/${id}/_history/${meta?.versionId}`);
    assert.equal(reply.headers.get('ETag'), `W/"${meta?.versionId}"`);
    const lastModified = reply.headers.get('Last-Modified');
    assert.ok(lastModified && !Number.isNaN(Date.parse(lastModified)), `Last-Modified: ${lastModified}`);
    assert.equal(reply.headers.get('Access-Control-Allow-Origin'), origin);
    const exposed = (reply.headers.get('Access-Control-Expose-Headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const name of ['etag', 'location', 'last-modified']) assert.ok(exposed.includes(name), `exposes ${name}`);
    assert.equal((await call(fhir, 'GET', 'Communication/chosen-by-client', { token: maria })).status, 404);
  });

  it('update: If-Match with an old version is 412; the current one, quoted or bare, is 200', async () => {
    const created = (await call<Appointment>(fhir, 'POST', 'Appointment', { token: maria, body: visit('maria') })).body;
    const v1 = created.meta!.versionId!;
    const second = await call<Appointment>(fhir, 'PUT', `Appointment/${created.id}`, { token: maria, body: { ...created, status: 'pending' }, headers: { 'If-Match': `W/"${v1}"` } });
    assert.equal(second.status, 200);
    const v2 = second.body.meta!.versionId!;
    assert.notEqual(v2, v1);
    assert.equal(second.headers.get('ETag'), `W/"${v2}"`);

    assertOutcome(await call(fhir, 'PUT', `Appointment/${created.id}`, { token: maria, body: { ...second.body, status: 'cancelled' }, headers: { 'If-Match': `W/"${v1}"` } }), 412);

    const quoted = await call<Appointment>(fhir, 'PUT', `Appointment/${created.id}`, { token: maria, body: { ...second.body, status: 'proposed' }, headers: { 'If-Match': `"${v2}"` } });
    assert.equal(quoted.status, 200);
    const v3 = quoted.body.meta!.versionId!;
    const bare = await call<Appointment>(fhir, 'PUT', `Appointment/${created.id}`, { token: maria, body: { ...quoted.body, status: 'pending' }, headers: { 'If-Match': v3 } });
    assert.equal(bare.status, 200);
    assert.equal(bare.body.status, 'pending');
  });

  it('conditional create with If-None-Exist creates once and returns the same resource the second time', async () => {
    const identifier = { system: 'urn:portico:test', value: `once-${Date.now()}` };
    const body = message('maria', { identifier: [identifier] });
    const headers = { 'If-None-Exist': `identifier=${identifier.system}|${identifier.value}` };
    const first = await call<Communication>(fhir, 'POST', 'Communication', { token: maria, body, headers });
    const second = await call<Communication>(fhir, 'POST', 'Communication', { token: maria, body, headers });
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.body.id);
    const found = await call<Bundle>(fhir, 'GET', `Communication?identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`, { token: maria });
    assert.equal(resources(found.body).length, 1);
  });
});

describe('transactions', () => {
  it('are all or nothing: a stale ifMatch fails the bundle and no other entry is kept', async () => {
    const other = (await call<Appointment>(fhir, 'POST', 'Appointment', { token: maria, body: visit('maria') })).body;
    const guarded = (await call<Appointment>(fhir, 'POST', 'Appointment', { token: maria, body: visit('maria') })).body;
    const current = (await call<Appointment>(fhir, 'PUT', `Appointment/${guarded.id}`, { token: maria, body: { ...guarded, status: 'pending' } })).body;
    assert.notEqual(current.meta?.versionId, guarded.meta?.versionId);
    const marker = { system: 'urn:portico:test', value: `rolled-back-${Date.now()}` };
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:4f9b1c3e-0000-4000-8000-000000000001', resource: message('maria', { identifier: [marker] }), request: { method: 'POST', url: 'Communication' } },
        { resource: { ...other, status: 'cancelled' }, request: { method: 'PUT', url: `Appointment/${other.id}` } },
        { resource: { ...current, status: 'cancelled' }, request: { method: 'PUT', url: `Appointment/${guarded.id}`, ifMatch: `W/"${guarded.meta!.versionId}"` } },
      ],
    };
    const reply = await call(fhir, 'POST', '', { token: maria, body: transaction });
    assert.ok(reply.status >= 400 && reply.status < 500, `status ${reply.status}`);
    assert.equal(reply.body.resourceType, 'OperationOutcome');

    const created = await call<Bundle>(fhir, 'GET', `Communication?identifier=${encodeURIComponent(`${marker.system}|${marker.value}`)}`, { token: maria });
    assert.equal(resources(created.body).length, 0, 'the POST entry was kept');
    const otherNow = await call<Appointment>(fhir, 'GET', `Appointment/${other.id}`, { token: maria });
    assert.equal(otherNow.body.meta?.versionId, other.meta?.versionId, 'the unguarded PUT entry was kept');
    assert.equal(otherNow.body.status, 'proposed');
    const guardedNow = await call<Appointment>(fhir, 'GET', `Appointment/${guarded.id}`, { token: maria });
    assert.equal(guardedNow.body.meta?.versionId, current.meta?.versionId);
    assert.equal(guardedNow.body.status, 'pending');
  });

  it('roll back a conditional create (If-None-Exist) when a later entry fails', async () => {
    const guarded = (await call<Appointment>(fhir, 'POST', 'Appointment', { token: maria, body: visit('maria') })).body;
    const current = (await call<Appointment>(fhir, 'PUT', `Appointment/${guarded.id}`, { token: maria, body: { ...guarded, status: 'pending' } })).body;
    const marker = `urn:portico:test|conditional-${Date.now()}`;
    const [system, value] = marker.split('|') as [string, string];
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'urn:uuid:4f9b1c3e-0000-4000-8000-000000000002', resource: message('maria', { identifier: [{ system, value }] }), request: { method: 'POST', url: 'Communication', ifNoneExist: `identifier=${marker}` } },
        { resource: { ...current, status: 'cancelled' }, request: { method: 'PUT', url: `Appointment/${guarded.id}`, ifMatch: `W/"${guarded.meta!.versionId}"` } },
      ],
    };
    assertOutcome(await call(fhir, 'POST', '', { token: maria, body: transaction }), 412);
    const created = await call<Bundle>(fhir, 'GET', `Communication?identifier=${encodeURIComponent(marker)}`, { token: maria });
    assert.equal(resources(created.body).length, 0, 'the conditional POST entry was kept');
  });

  it('succeed with absolute locations and resolve urn:uuid references between entries', async () => {
    const header = 'urn:uuid:0c7f4b1a-1111-4a4a-8a8a-000000000001';
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: header, resource: message('maria', { topic: { text: 'Transaction thread' }, payload: undefined }), request: { method: 'POST', url: 'Communication' } },
        { resource: message('maria', { partOf: [{ reference: header }] }), request: { method: 'POST', url: 'Communication' } },
      ],
    };
    const reply = await call<Bundle>(fhir, 'POST', '', { token: maria, body: transaction });
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    assert.equal(reply.body.type, 'transaction-response');
    const locations = (reply.body.entry ?? []).map((e) => e.response?.location ?? '');
    assert.equal(locations.length, 2);
    for (const location of locations) assert.match(location, new RegExp(`^${fhir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/Communication/[^/]+`));
    const [headerId, replyId] = locations.map((l) => /Communication\/([^/]+)/.exec(l)![1]!);
    const child = await call<Communication>(fhir, 'GET', `Communication/${replyId}`, { token: maria });
    assert.equal(child.status, 200);
    assert.equal(child.body.partOf?.[0]?.reference, `Communication/${headerId}`);
  });
});

describe('Binary', () => {
  let binaryPath: string;

  before(async () => {
    const documents = await call<Bundle>(fhir, 'GET', 'DocumentReference?_count=100', { token: maria });
    const url = resources<DocumentReference>(documents.body)
      .flatMap((d) => d.content.map((c) => c.attachment.url))
      .find((u) => u?.startsWith('Binary/'));
    assert.ok(url, 'Maria has a document stored as a Binary');
    binaryPath = url;
  });

  it('returns the raw bytes for Accept: application/pdf', async () => {
    const response = await fetch(`${fhir}/${binaryPath}`, { headers: { Authorization: `Bearer ${maria}`, Accept: 'application/pdf' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type') ?? '', /^application\/pdf/);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('returns the Binary resource for Accept: application/fhir+json', async () => {
    const reply = await call<Binary>(fhir, 'GET', binaryPath, { token: maria });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.resourceType, 'Binary');
    assert.equal(Buffer.from(reply.body.data ?? '', 'base64').subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('refuses another patient’s Binary (as if it did not exist)', async () => {
    const james = await tokenFor(server, 'james', ELEMENT_SCOPE, 'james');
    const response = await fetch(`${fhir}/${binaryPath}`, { headers: { Authorization: `Bearer ${james}`, Accept: 'application/pdf' } });
    assert.equal(response.status, 404);
    assert.notEqual((await response.text()).slice(0, 5), '%PDF-');
  });
});

describe('fault injection', () => {
  it('answers an injected 503 with Retry-After once, then normally', async () => {
    await admin(server, 'POST', `sandboxes/${sandboxId}/faults`, [{ method: 'GET', path: '^Patient/maria$', status: 503, retryAfter: 2 }]);
    const failed = await call(fhir, 'GET', 'Patient/maria', { token: maria });
    assertOutcome(failed, 503);
    assert.equal(failed.headers.get('Retry-After'), '2');
    const ok = await call<Patient>(fhir, 'GET', 'Patient/maria', { token: maria });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.id, 'maria');
  });
});

describe('--data: Synthea bundles', () => {
  const folder = fileURLToPath(new URL('../../../shared/fhir-samples/synthea', import.meta.url));
  let dataServer: PorticoServer | undefined;

  /** The server with the samples loaded; fails (never skips) when the samples are not beside the project. */
  function loaded(): PorticoServer {
    assert.ok(
      existsSync(folder),
      `The Synthea samples are missing: expected ${folder} (the shared/ folder checked out beside the project, as in CI).`,
    );
    assert.ok(dataServer, 'the server with --data did not start');
    return dataServer;
  }

  before(async () => {
    if (existsSync(folder)) dataServer = await startPorticoServer({ port: 0, testAdmin: true, dataFolder: folder });
  });
  after(async () => {
    await dataServer?.close();
  });

  it('loads every bundle and makes an account per patient', () => {
    const s = loaded();
    const bundles = readdirSync(folder).filter((f) => f.endsWith('.json'));
    assert.equal(bundles.length, 3);
    assert.deepEqual(s.accounts.map((a) => a.username).sort(), ['cruz', 'erin', 'julietta']);
    for (const account of s.accounts) {
      assert.equal(account.password, `${account.username}-demo`);
      assert.match(account.fhirUser, /^Patient\/[^/]+$/);
    }
  });

  it('lets Erin Kessler search all of her Observations, and only hers', async () => {
    const s = loaded();
    const erin = s.accounts.find((a) => a.username === 'erin')!;
    const patientId = erin.patients[0]!;
    const source = readdirSync(folder).find((f) => f.startsWith('Erin_Kessler'))!;
    const expected = (JSON.parse(readFileSync(`${folder}/${source}`, 'utf8')) as Bundle).entry!.filter((e) => e.resource?.resourceType === 'Observation').length;
    assert.ok(expected > 50, `the sample has ${expected} Observations`);

    const token = await tokenFor(s, 'erin', 'patient/*.rs');
    const patient = await call<Patient>(s.fhirBaseUrl, 'GET', `Patient/${patientId}`, { token });
    assert.equal(patient.status, 200);
    assert.equal(patient.body.name?.[0]?.family, 'Kessler');

    let url: string | undefined = `${s.fhirBaseUrl}/Observation?_count=200`;
    const ids = new Set<string>();
    while (url) {
      const page: Reply<Bundle> = await call<Bundle>(s.fhirBaseUrl, 'GET', url, { token });
      assert.equal(page.status, 200);
      for (const r of resources(page.body)) {
        assert.equal(subjectOf(r), `Patient/${patientId}`);
        ids.add(r.id!);
      }
      url = nextLink(page.body);
    }
    assert.equal(ids.size, expected, 'every Observation in the bundle was loaded');

    const other = s.accounts.find((a) => a.username === 'cruz')!.patients[0]!;
    assertOutcome(await call(s.fhirBaseUrl, 'GET', `Patient/${other}`, { token }), 403);
  });
});

describe('records stay apart (regressions)', () => {
  const jamesMessage = async () => {
    const james = await tokenFor(server, 'james', ELEMENT_SCOPE, 'james');
    const theirs = resources<Communication>((await call<Bundle>(fhir, 'GET', 'Communication?_count=1', { token: james })).body)[0]!;
    return { james, theirs };
  };

  it('refuses a write that names another patient as well as the token’s own', async () => {
    const sneaky = { ...message('maria'), recipient: [{ reference: 'Patient/james' }] };
    assertOutcome(await call(fhir, 'POST', 'Communication', { token: maria, body: sneaky }), 403);
  });

  it('refuses a PATCH that would move a resource into another record, and keeps it as it was', async () => {
    // An Appointment: messages are never patched (test/server/message-attacks.test.ts), so the PATCH would not run.
    const mine = (await call<Appointment>(fhir, 'POST', 'Appointment', { token: maria, body: visit('maria') })).body;
    const patch = await fetch(`${fhir}/Appointment/${mine.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${maria}`, 'Content-Type': 'application/json-patch+json', Accept: FHIR_JSON },
      body: JSON.stringify([{ op: 'replace', path: '/participant/0/actor/reference', value: 'Patient/james' }]),
    });
    assert.equal(patch.status, 403);
    const after = await call<Appointment>(fhir, 'GET', `Appointment/${mine.id}`, { token: maria });
    assert.equal(after.body.participant[0]!.actor?.reference, 'Patient/maria');
    assert.equal(after.body.meta?.versionId, mine.meta?.versionId, 'the refused PATCH was rolled back');
  });

  it('filters reads inside a transaction', async () => {
    const transaction: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'GET', url: 'Patient/james' } }] };
    const reply = await call<Bundle>(fhir, 'POST', '', { token: maria, body: transaction });
    assert.ok(!JSON.stringify(reply.body).includes('"id":"james"'), 'James’s record is not in the response');
  });

  it('refuses conditional updates and deletes by search, directly and in a transaction', async () => {
    const { james, theirs } = await jamesMessage();
    assertOutcome(await call(fhir, 'DELETE', `Communication?_id=${theirs.id}`, { token: maria }), 403);
    const transaction: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ request: { method: 'DELETE', url: `Communication?_id=${theirs.id}` } }] };
    assertOutcome(await call(fhir, 'POST', '', { token: maria, body: transaction }), 403);
    assert.equal((await call(fhir, 'GET', `Communication/${theirs.id}`, { token: james })).status, 200);
  });

  it('a conditional create never returns another patient’s match', async () => {
    const { theirs } = await jamesMessage();
    const reply = await call<Communication>(fhir, 'POST', 'Communication', { token: maria, body: message('maria'), headers: { 'If-None-Exist': `_id=${theirs.id}` } });
    assert.equal(reply.status, 201, 'no match in Maria’s record, so hers is created');
    assert.equal(subjectOf(reply.body), 'Patient/maria');
  });

  it('totals count only what the token may see', async () => {
    // Naming another patient is refused outright (the search is not quietly narrowed).
    assertOutcome(await call<Bundle>(fhir, 'GET', 'Observation?patient=james&_summary=count', { token: maria }), 403);
    assertOutcome(await call<Bundle>(fhir, 'GET', 'Observation?patient=james,maria&_count=5', { token: maria }), 403);
    const own = await call<Bundle>(fhir, 'GET', 'Observation?_summary=count', { token: maria });
    assert.equal(own.status, 200);
    assert.ok((own.body.total ?? 0) > 0);
    assert.equal(resources(own.body).length, 0, '_summary=count answers the count only');
    const narrowed = await call<Bundle>(fhir, 'GET', 'Observation?subject:not=Patient/maria&_summary=count', { token: maria });
    assert.equal(narrowed.status, 200);
    assert.equal(narrowed.body.total, 0, 'everyone else’s results are not counted');
  });

  it('bounds page sizes: at most 1000, never negative, 20 by default', async () => {
    const big = await call<Bundle>(fhir, 'GET', 'Observation?patient=maria&_count=5000', { token: maria });
    assert.ok(resources(big.body).length <= 1000);
    const negative = await call<Bundle>(fhir, 'GET', 'Observation?patient=maria&_count=-5', { token: maria });
    assert.ok(resources(negative.body).length <= 20);
    const plain = await call<Bundle>(fhir, 'GET', 'Observation?patient=maria', { token: maria });
    assert.equal(resources(plain.body).length, 20);
    assert.match(nextLink(plain.body) ?? '', /_count=20/);
  });

  it('writes to read-only types are refused as the CapabilityStatement says', async () => {
    const everything = await tokenFor(server, 'maria', 'patient/*.cruds');
    const me = (await call<Resource>(fhir, 'GET', 'Patient/maria', { token: everything })).body;
    assertOutcome(await call(fhir, 'PUT', 'Patient/maria', { token: everything, body: me }), 405);
  });

  it('a request without a token gets a challenge without an error code (RFC 6750)', async () => {
    const reply = await call(fhir, 'GET', 'Patient/maria');
    assert.equal(reply.status, 401);
    assert.doesNotMatch(reply.headers.get('WWW-Authenticate') ?? '', /error=/);
  });
});
