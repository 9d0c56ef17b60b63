import { expect } from '@open-wc/testing';
import type { Appointment, Communication, Observation, Slot } from 'fhir/r4';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import { FhirError } from '../../packages/core/src/fhir/errors.js';
import { Sandbox } from '../helpers/backend.js';

async function rejection(promise: Promise<unknown>): Promise<FhirError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FhirError);
    return error as FhirError;
  }
  throw new Error('expected the promise to reject');
}

function message(text: string): Communication {
  return {
    resourceType: 'Communication',
    status: 'in-progress',
    subject: { reference: 'Patient/maria' },
    sender: { reference: 'Patient/maria' },
    recipient: [{ reference: 'Practitioner/dr-chen' }],
    payload: [{ contentString: text }],
  };
}

describe('FhirClient against the embedded FHIR server', () => {
  let sandbox: Sandbox;
  let client: FhirClient;

  before(async () => {
    sandbox = await Sandbox.create();
    client = await sandbox.client('maria');
  });
  afterEach(() => sandbox.clearFaults());
  after(() => sandbox.dispose());

  it('reads a resource with the bearer token', async () => {
    const patient = await client.read('Patient', 'maria');
    expect(patient.id).to.equal('maria');
    expect(patient.name?.[0]?.family).to.be.a('string');
  });

  it('pages through a search by following Bundle.link[next]', async () => {
    const pages = [];
    for await (const page of client.searchPages('Observation', { patient: 'maria', _sort: '-date' }, { pageSize: 50 })) {
      pages.push(page);
      if (pages.length === 3) break;
    }
    expect(pages).to.have.length(3);
    const ids = pages.flatMap((p) => p.resources.map((r) => r.id));
    expect(new Set(ids).size).to.equal(150, 'pages do not overlap');
    expect(pages[0]!.next).to.match(/_offset=50/);
  });

  it('searchAll collects every page, bounded by max', async () => {
    const first = await client.search('Observation', { patient: 'maria' }, { pageSize: 1 });
    const all = await client.searchAll('Observation', { patient: 'maria' }, { pageSize: 100 });
    expect(all.resources.length).to.equal(first.total);
    expect(all.truncated).to.equal(false);
    const bounded = await client.searchAll('Observation', { patient: 'maria' }, { pageSize: 20, max: 30 });
    expect(bounded.resources).to.have.length(30);
    expect(bounded.truncated).to.equal(true);
  });

  it('returns _include results apart from the matches, in one request', async () => {
    const page = await client.search('DiagnosticReport', { patient: 'maria', _include: 'DiagnosticReport:result', _sort: '-date' }, { pageSize: 5 });
    expect(page.resources).to.have.length(5);
    expect(page.resources.every((r) => r.resourceType === 'DiagnosticReport')).to.equal(true);
    const resultIds = new Set(page.resources.flatMap((r) => r.result?.map((ref) => ref.reference) ?? []));
    expect(page.included.length).to.be.greaterThan(0);
    expect(page.included.every((o) => resultIds.has(`Observation/${o.id}`))).to.equal(true);
  });

  it('answers an unknown search parameter with a clear invalid error instead of no results', async () => {
    const error = await rejection(client.search('Observation', { patient: 'maria', colour: 'blue' }));
    expect(error.status).to.equal(400);
    expect(error.message).to.contain('colour');
  });

  it('creates with Location and ETag, and a conditional create returns the existing resource', async () => {
    const identifier = `test-${crypto.randomUUID()}`;
    const created = await client.create({ ...message('Hello'), identifier: [{ system: 'urn:test', value: identifier }] }, { ifNoneExist: { identifier: `urn:test|${identifier}` } });
    expect(created.status).to.equal(201);
    expect(created.location).to.contain(`/Communication/${created.resource.id}`);
    expect(created.etag).to.match(/^W\/"/);
    const again = await client.create({ ...message('Hello'), identifier: [{ system: 'urn:test', value: identifier }] }, { ifNoneExist: { identifier: `urn:test|${identifier}` } });
    expect(again.status).to.equal(200);
    expect(again.resource.id).to.equal(created.resource.id);
    const found = await client.search('Communication', { identifier: `urn:test|${identifier}` });
    expect(found.resources).to.have.length(1);
  });

  it('updates with If-Match, and a stale version is a conflict', async () => {
    // A patient's own request for a visit (an Appointment the clinic confirms) is what a patient may edit.
    const request: Appointment = { resourceType: 'Appointment', status: 'proposed', description: 'Draft', participant: [{ actor: { reference: 'Patient/maria' }, status: 'accepted' }] };
    const created = (await client.create(request)).resource;
    const updated = await client.update({ ...created, description: 'Edited' });
    expect(updated.resource.meta?.versionId).to.not.equal(created.meta?.versionId);
    const error = await rejection(client.update({ ...created, description: 'Stale edit' }));
    expect(error.kind).to.equal('conflict');
    expect(error.status).to.equal(412);
    const current = await client.read('Appointment', created.id!);
    expect(current.description).to.equal('Edited');
  });

  it('rolls a transaction back when one entry fails', async () => {
    const slots = await client.search('Slot', { status: 'free' }, { pageSize: 1 });
    const slot = slots.resources[0] as Slot;
    const appointment: Appointment = {
      resourceType: 'Appointment',
      status: 'booked',
      slot: [{ reference: `Slot/${slot.id}` }],
      participant: [{ actor: { reference: 'Patient/maria' }, status: 'accepted' }],
    };
    const error = await rejection(
      client.transaction([
        { resource: appointment, request: { method: 'POST', url: 'Appointment' } },
        { resource: { ...slot, status: 'busy' }, request: { method: 'PUT', url: `Slot/${slot.id}`, ifMatch: 'W/"not-the-version"' } },
      ]),
    );
    expect(error.kind).to.equal('conflict');
    const after = await client.read('Slot', slot.id!);
    expect(after.status).to.equal('free');
    const booked = await client.search('Appointment', { slot: `Slot/${slot.id}` });
    expect(booked.resources, 'the appointment was rolled back').to.have.length(0);
  });

  it('commits a transaction whose entries all succeed', async () => {
    const slot = (await client.search('Slot', { status: 'free' }, { pageSize: 1 })).resources[0] as Slot;
    const response = await client.transaction([
      {
        resource: { resourceType: 'Appointment', status: 'booked', slot: [{ reference: `Slot/${slot.id}` }], participant: [{ actor: { reference: 'Patient/maria' }, status: 'accepted' }] },
        request: { method: 'POST', url: 'Appointment' },
      },
      { resource: { ...slot, status: 'busy' }, request: { method: 'PUT', url: `Slot/${slot.id}`, ifMatch: `W/"${slot.meta?.versionId}"` } },
    ]);
    expect(response.entry?.map((e) => e.response?.status?.slice(0, 3))).to.deep.equal(['201', '200']);
    expect(response.entry?.[0]?.response?.location).to.match(/^http.*\/Appointment\//);
    expect((await client.read('Slot', slot.id!)).status).to.equal('busy');
  });

  it('retries 429 and 503 honouring Retry-After, then succeeds', async () => {
    await sandbox.injectFaults([
      { method: 'GET', path: '^Patient/maria$', status: 429, retryAfter: 0 },
      { method: 'GET', path: '^Patient/maria$', status: 503, retryAfter: 0 },
    ]);
    const patient = await client.read('Patient', 'maria');
    expect(patient.id).to.equal('maria');
  });

  it('gives up with a readable error when the server stays unavailable', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^Patient/maria$', status: 503, retryAfter: 0, times: 5 }]);
    const error = await rejection(client.read('Patient', 'maria'));
    expect(error.kind).to.equal('unavailable');
    expect(error.status).to.equal(503);
  });

  it('does not wait longer than the policy allows for Retry-After', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^Patient/maria$', status: 429, retryAfter: 3600 }]);
    const error = await rejection(client.read('Patient', 'maria'));
    expect(error.kind).to.equal('too-many-requests');
  });

  it('turns a 500 OperationOutcome into a FhirError carrying the outcome', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^Patient/maria$', status: 500, diagnostics: 'Database on fire' }]);
    const error = await rejection(client.read('Patient', 'maria'));
    expect(error.kind).to.equal('server');
    expect(error.outcome?.resourceType).to.equal('OperationOutcome');
    expect(error.diagnostics).to.contain('Database on fire');
    expect(error.request).to.match(/^GET http.*\/Patient\/maria$/);
  });

  it('retries an idempotent read after a dropped connection', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^Patient/maria$', drop: 'before' }]);
    expect((await client.read('Patient', 'maria')).id).to.equal('maria');
  });

  it('never repeats a plain POST whose connection dropped after the server wrote it', async () => {
    const marker = `drop-${crypto.randomUUID()}`;
    await sandbox.injectFaults([{ method: 'POST', path: '^Communication$', drop: 'after' }]);
    const error = await rejection(client.create({ ...message(marker), identifier: [{ system: 'urn:test', value: marker }] }));
    expect(error.kind).to.equal('network');
    const found = await client.search('Communication', { identifier: `urn:test|${marker}` });
    expect(found.resources, 'written exactly once').to.have.length(1);
  });

  it('repeats a conditional create after a dropped connection and still writes once', async () => {
    const marker = `cond-${crypto.randomUUID()}`;
    await sandbox.injectFaults([{ method: 'POST', path: '^Communication$', drop: 'after' }]);
    const result = await client.create({ ...message(marker), identifier: [{ system: 'urn:test', value: marker }] }, { ifNoneExist: { identifier: `urn:test|${marker}` } });
    expect(result.status).to.equal(200);
    const found = await client.search('Communication', { identifier: `urn:test|${marker}` });
    expect(found.resources).to.have.length(1);
  });

  it('aborts a request with its AbortSignal', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^Patient/maria$', delayMs: 2000 }]);
    const controller = new AbortController();
    const pending = client.read('Patient', 'maria', { signal: controller.signal });
    controller.abort();
    const error = await rejection(pending);
    expect(error.kind).to.equal('aborted');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    const good = (await sandbox.token('maria')).access_token;
    let token = 'expired-token';
    let refreshes = 0;
    const refreshing = new FhirClient({
      baseUrl: sandbox.fhirBaseUrl,
      getAccessToken: () => token,
      onUnauthorized: async () => {
        refreshes++;
        token = good;
        return true;
      },
    });
    expect((await refreshing.read('Patient', 'maria')).id).to.equal('maria');
    expect(refreshes).to.equal(1);
  });

  it('reports unauthorized when the token cannot be refreshed', async () => {
    const stale = new FhirClient({ baseUrl: sandbox.fhirBaseUrl, getAccessToken: () => 'revoked', onUnauthorized: async () => false });
    const error = await rejection(stale.read('Patient', 'maria'));
    expect(error.kind).to.equal('unauthorized');
    expect(error.status).to.equal(401);
  });

  it('refuses another patient’s record (403) and keeps searches to the patient in context', async () => {
    const error = await rejection(client.read('Patient', 'james'));
    expect(error.kind).to.equal('forbidden');
    const observations = await client.search('Observation', { _count: 50 });
    expect(observations.resources.every((o: Observation) => o.subject?.reference === 'Patient/maria')).to.equal(true);
  });

  it('downloads a Binary with the token and gets the server’s bytes', async () => {
    const docs = await client.search('DocumentReference', { patient: 'maria' });
    const url = docs.resources[0]!.content[0]!.attachment.url!;
    const blob = await client.download({ url, contentType: 'application/pdf' });
    const head = new TextDecoder().decode(new Uint8Array(await blob.slice(0, 5).arrayBuffer()));
    expect(head).to.equal('%PDF-');
    const binary = await client.resolve<{ resourceType: 'Binary'; data?: string }>(url);
    expect(blob.size).to.equal(atob(binary.data!).length);
  });

  it('reads the CapabilityStatement once and answers supports()', async () => {
    expect(await client.supports('transaction')).to.equal(true);
    expect(await client.supports('create', 'Appointment')).to.equal(true);
    expect(await client.supports('create', 'Practitioner')).to.equal(false);
    expect(await client.supportsOperation('everything', 'Patient')).to.equal(false);
    const first = client.capabilities();
    expect(client.capabilities()).to.equal(first);
  });

  it('allows() a write only when the CapabilityStatement offers it and the granted scopes allow it', async () => {
    const granted = async (scope: string | undefined) => sandbox.client('maria', { grantedScope: scope });
    const v2 = await granted('openid patient/Appointment.rs patient/Communication.cru?category=notification patient/Slot.u');
    expect(await v2.allows('create', 'Communication')).to.equal(true, 'a scope narrowed by a query counts');
    expect(await v2.allows('create', 'Appointment')).to.equal(false, 'read and search only');
    expect(await v2.allows('search-type', 'Appointment')).to.equal(true);
    expect(await v2.allows('update', 'Slot')).to.equal(true);
    expect(await v2.allows('create', 'Practitioner')).to.equal(false, 'the server does not offer it');
    const v1 = await granted('launch/patient patient/*.read patient/Appointment.write');
    expect(await v1.allows('read', 'Observation')).to.equal(true);
    expect(await v1.allows('create', 'Observation')).to.equal(false);
    expect(await v1.allows('delete', 'Appointment')).to.equal(true);
    const all = await granted('patient/*.*');
    expect(await all.allows('patch', 'Appointment')).to.equal(true);
    expect(await all.allows('delete', 'Communication')).to.equal(false, 'the server offers no delete of messages');
    const unknown = await granted(undefined);
    expect(await unknown.allows('create', 'Communication')).to.equal(true, 'unknown scopes: the server decides');
    expect(v2.scopeAllows('Communication', 'd')).to.equal(false);
    expect(v1.scopeAllows('Slot', 'u')).to.equal(false, 'user and patient contexts only, by type');
  });

  it('asks for the patient’s language on every request, read when each request is made', async () => {
    const languages: (string | null)[] = [];
    let language: string | undefined = 'es';
    const speaking = await sandbox.client('maria', {
      acceptLanguage: () => language,
      fetch: (input, init) => {
        languages.push(new Headers(init?.headers).get('Accept-Language'));
        return fetch(input, init);
      },
    });
    expect((await speaking.read('Patient', 'maria')).id).to.equal('maria');
    await speaking.search('Observation', { patient: 'maria' }, { pageSize: 1 });
    language = 'ar-EG';
    await speaking.read('Patient', 'maria');
    language = undefined;
    await speaking.read('Patient', 'maria');
    expect(languages).to.deep.equal(['es', 'es', 'ar-EG', null]);
  });

  it('does not send the token to another origin', async () => {
    let seen: Headers | undefined;
    const spy = new FhirClient({
      baseUrl: sandbox.fhirBaseUrl,
      getAccessToken: () => 'secret',
      fetch: async (_input, init) => {
        seen = new Headers(init?.headers);
        return new Response('%PDF-1.4', { status: 200, headers: { 'Content-Type': 'application/pdf' } });
      },
    });
    await spy.download('https://elsewhere.example.org/file.pdf');
    expect(seen?.has('Authorization')).to.equal(false);
  });
});

describe('FhirClient keeps to its FHIR server', () => {
  let sandbox: Sandbox;
  let client: FhirClient;
  /** What the client handed to fetch (the requests still go to the real server). */
  const sent: { url: string; authorization: string | null; credentials?: RequestCredentials }[] = [];

  before(async () => {
    sandbox = await Sandbox.create();
    const { access_token } = await sandbox.token('maria');
    client = new FhirClient({
      baseUrl: sandbox.fhirBaseUrl,
      getAccessToken: () => access_token,
      retry: { baseDelayMs: 20, retries: 0 },
      fetch: (input, init) => {
        sent.push({ url: String(input), authorization: new Headers(init?.headers).get('Authorization'), credentials: init?.credentials });
        return fetch(input, init);
      },
    });
  });
  beforeEach(() => {
    sent.length = 0;
  });
  afterEach(() => sandbox.clearFaults());
  after(() => sandbox.dispose());

  const origin = () => new URL(sandbox.fhirBaseUrl).origin;

  for (const [what, next] of [
    ['another origin', () => 'https://elsewhere.example.org/fhir/Observation?patient=maria&_offset=50'],
    ['another app on the same origin', () => `${origin()}/other-app/fhir/Observation?_offset=50`],
    ['a path that only starts like the base', () => `${sandbox.fhirBaseUrl}-copy/Observation?_offset=50`],
  ] as const) {
    it(`never follows a next link to ${what}`, async () => {
      const error = await rejection(client.searchNext(next(), 'Observation'));
      expect(error.kind).to.equal('server');
      expect(error.message).to.contain('not on the FHIR server');
      expect(error.message, 'no query (patient data) in the message').to.not.contain('_offset');
      expect(sent).to.deep.equal([]);
      // searchPages stops the same way.
      const pages = client.searchPages('Observation', { patient: 'maria' }, { pageSize: 5 });
      const first = await pages.next();
      expect(first.value?.resources).to.have.length(5);
    });
  }

  it('follows the server’s own next links, also one at the base URL with a query', async () => {
    const first = await client.search('Observation', { patient: 'maria' }, { pageSize: 2 });
    const second = await client.searchNext<Observation>(first.next!, 'Observation');
    expect(second.resources).to.have.length(2);
    // HAPI-style paging links point at the base itself (`base?_getpages=…`): followed (this server refuses such a search).
    const atBase = await rejection(client.searchNext(`${sandbox.fhirBaseUrl}?_getpages=abc&_getpagesoffset=2`, 'Observation'));
    expect(atBase.status, 'the server answered').to.be.at.least(400);
    expect(sent.map((s) => s.url.split('?')[0])).to.deep.equal([`${sandbox.fhirBaseUrl}/Observation`, `${sandbox.fhirBaseUrl}/Observation`, sandbox.fhirBaseUrl]);
  });

  it('sends the token only to URLs under the FHIR base URL, not to another app on its origin', async () => {
    const docs = await client.search('DocumentReference', { patient: 'maria' });
    const binary = docs.resources[0]!.content[0]!.attachment.url!;
    await client.download({ url: binary, contentType: 'application/pdf' });
    await client.download({ url: `${origin()}/other-app/report.pdf`, contentType: 'application/pdf' }).catch(() => undefined);
    const other = await Sandbox.create();
    try {
      await client.resolve(`${other.fhirBaseUrl}/Patient/maria`).catch(() => undefined);
    } finally {
      await other.dispose();
    }
    expect(sent.map((s) => [s.url.replace(origin(), ''), !!s.authorization, s.credentials])).to.deep.equal([
      [`${new URL(sandbox.fhirBaseUrl).pathname}/DocumentReference?patient=maria`, true, 'omit'],
      [new URL(client.absolute(binary)).pathname, true, 'omit'],
      ['/other-app/report.pdf', false, 'omit'],
      [`${new URL(other.fhirBaseUrl).pathname}/Patient/maria`, false, 'omit'],
    ]);
  });

  it('one caller cancelling its wait does not cancel the CapabilityStatement the others wait for', async () => {
    const fresh = await Sandbox.create();
    try {
      await fresh.injectFaults([{ method: 'GET', path: '^metadata$', delayMs: 300 }]);
      const reader = await fresh.client('maria');
      const first = new AbortController();
      const cancelled = reader.capabilities({ signal: first.signal });
      const waiting = reader.supports('transaction');
      first.abort();
      expect((await rejection(cancelled)).kind).to.equal('aborted');
      expect(await waiting).to.equal(true);
      expect((await reader.capabilities()).resourceType).to.equal('CapabilityStatement');
    } finally {
      await fresh.dispose();
    }
  });

  it('stops paging and downloads when their AbortSignal aborts', async () => {
    const pages = new AbortController();
    const iterator = client.searchPages('Observation', { patient: 'maria' }, { pageSize: 5, signal: pages.signal });
    expect((await iterator.next()).value?.resources).to.have.length(5);
    await sandbox.injectFaults([{ method: 'GET', path: '^Observation$', delayMs: 2000 }]);
    const second = iterator.next();
    pages.abort();
    expect((await rejection(second)).kind).to.equal('aborted');

    const docs = await client.search('DocumentReference', { patient: 'maria' });
    const binary = docs.resources[0]!.content[0]!.attachment.url!;
    await sandbox.injectFaults([{ method: 'GET', path: '^Binary/', delayMs: 2000 }]);
    const download = new AbortController();
    const pending = client.download({ url: binary, contentType: 'application/pdf' }, { signal: download.signal });
    download.abort();
    expect((await rejection(pending)).kind).to.equal('aborted');
  });

  it('unwraps a Binary the server answers as FHIR JSON, with its own content type', async () => {
    const docs = await client.search('DocumentReference', { patient: 'maria' });
    const url = docs.resources[0]!.content[0]!.attachment.url!;
    // Asking for JSON makes this server answer with the Binary resource rather than its bytes.
    const blob = await client.download({ url, contentType: 'application/json' });
    expect(blob.type).to.equal('application/pdf');
    expect(new TextDecoder().decode(new Uint8Array(await blob.slice(0, 5).arrayBuffer()))).to.equal('%PDF-');
  });
});
