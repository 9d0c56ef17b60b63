/**
 * The stories' FHIR server (stories/support/story-server.ts): the embedded server's FhirService on the
 * demo seed, answering fetch Requests, as Storybook runs it in the page. Here it runs in Node on the
 * definitions as Storybook bundles them (.storybook/story-definitions.ts: prepared, and kept to the
 * types that server can hold or be asked about), checked against Medplum's own parse of the full ones;
 * what the stories rely on is checked the way a story's page sees it: the token a story hands over
 * opens exactly its patient's record with exactly its scopes, faults and open-time variants do what the
 * story asks, fixtures can be opened by their own accounts, and `$everything` looks through the whole
 * patient compartment.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/story-server.test.ts
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { getAllDataTypes, getSearchParameters, isResourceType, parseStructureDefinition } from '@medplum/core';
import type { Bundle, OperationOutcome, Patient } from 'fhir/r4';
import { prepareStoryDefinitions, storyResourceTypes } from '../../.storybook/story-definitions.js';
import { SERVED_TYPES } from '../../demo/server/fhir/capability.js';
import { searchParametersPerType } from '../../demo/server/fhir/definition-index.js';
import { readFhirDefinitions } from '../../demo/server/fhir/definitions.js';
import type { PreparedFhirDefinitions } from '../../demo/server/fhir/prepared-definitions.js';
import { generateSeed } from '../../demo/server/seed/index.js';
import { storyNow, STORY_AUTH_ISSUER, STORY_FHIR_BASE } from '../../stories/support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS, LONG_DATA, longNamedClinic, upcomingInEveryState } from '../../stories/support/story-fixtures.js';
import { startStoryServer, type StoryServer, type StoryServerOptions } from '../../stories/support/story-server.js';
import { EXPIRED_TOKEN, storyToken } from '../../stories/support/story-tokens.js';

/** A fixed day, so the open times and ids do not depend on when the test runs. */
const NOW = storyNow(new Date('2026-03-10T08:00:00Z'));
let definitions: PreparedFhirDefinitions;

async function serverWith(options: Partial<StoryServerOptions> = {}): Promise<StoryServer> {
  return startStoryServer({ baseUrl: STORY_FHIR_BASE, authIssuer: STORY_AUTH_ISSUER, now: NOW, ...options }, definitions);
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

async function ask(server: StoryServer, token: string | undefined, path: string, init: RequestInit = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (init.body) headers.set('Content-Type', 'application/fhir+json');
  const request = new Request(`${STORY_FHIR_BASE}/${path}`, { ...init, headers });
  const answer = await server.answer(request, path.split('?')[0]!);
  assert.ok(!('drop' in answer), `${path} was dropped`);
  return { status: answer.status, headers: answer.headers, body: typeof answer.body === 'string' ? JSON.parse(answer.body) : answer.body };
}

const total = (reply: Reply) => (reply.body as Bundle).total;

/**
 * A schema as JSON to compare: Sets and Infinity spelled out, and without an inner type's parent (set
 * on indexing) or what the story definitions leave out as documentation (descriptions, a binding's text).
 */
function schemaText(schema: unknown): string {
  return JSON.stringify(schema, (key, value: unknown) => {
    if (key === 'description' || key === 'parentType') return undefined;
    if (key === 'binding' && value) return { strength: (value as { strength?: string }).strength, valueSet: (value as { valueSet?: string }).valueSet };
    if (value instanceof Set) return { set: [...(value as Set<string>)].sort() };
    return value === Infinity ? 'Infinity' : value;
  });
}

describe("the stories' FHIR server", () => {
  let server: StoryServer;
  before(async () => {
    definitions = prepareStoryDefinitions();
    server = await serverWith();
  });

  it("opens the seed's patient the token names", async () => {
    const reply = await ask(server, storyToken('maria'), 'Patient/maria');
    assert.equal(reply.status, 200);
    assert.equal((reply.body as Patient).name?.[0]?.family, 'Hernández');
  });

  it("refuses another patient's record with the same token (the access rules apply)", async () => {
    const reply = await ask(server, storyToken('maria'), 'Patient/james');
    assert.ok(reply.status === 403 || reply.status === 404, `status ${reply.status}`);
    assert.equal(JSON.stringify(reply.body).includes('Carter'), false);
  });

  it("signs a child's record in as the parent who may open it (the seed's accounts)", async () => {
    const person = await ask(server, storyToken('leo'), 'Person/person-james');
    assert.equal(person.status, 200);
    const leo = await ask(server, storyToken('leo'), 'Patient/leo');
    assert.equal((leo.body as Patient).name?.[0]?.given?.[0], 'Leo');
  });

  it('refuses a token whose user may not open the patient, and an expired token, with 401', async () => {
    for (const token of [storyToken('leo', { user: 'maria' }), EXPIRED_TOKEN, 'story.not-json']) {
      const reply = await ask(server, token, 'Patient/leo');
      assert.equal(reply.status, 401, token);
      assert.match(reply.headers['WWW-Authenticate'] ?? '', /error="invalid_token"/);
      assert.equal((reply.body as OperationOutcome).resourceType, 'OperationOutcome');
    }
  });

  it('grants only the scopes the token names: reads only cannot create an Appointment', async () => {
    const appointment = { resourceType: 'Appointment', status: 'proposed', participant: [{ actor: { reference: 'Patient/maria' }, status: 'needs-action' }] };
    const refused = await ask(server, storyToken('maria', { scope: 'launch/patient patient/*.rs' }), 'Appointment', { method: 'POST', body: JSON.stringify(appointment) });
    assert.equal(refused.status, 403);
    const created = await ask(server, storyToken('maria'), 'Appointment', { method: 'POST', body: JSON.stringify(appointment) });
    assert.equal(created.status, 201);
  });

  it('hands a Binary over as base64 for the page to decode, with its content type', async () => {
    const documents = await ask(server, storyToken('maria'), 'DocumentReference?patient=maria&_count=1');
    const url = ((documents.body as Bundle).entry?.[0]?.resource as { content?: { attachment?: { url?: string } }[] }).content?.[0]?.attachment?.url ?? '';
    const binaryPath = url.slice(url.indexOf('Binary/'));
    const reply = await ask(server, storyToken('maria'), binaryPath, { headers: { Accept: 'application/pdf' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['Content-Type'], 'application/pdf');
    assert.ok(atob((reply.body as { base64: string }).base64).startsWith('%PDF'));
  });

  it('injects the faults a story asks for, then recovers', async () => {
    const failing = await serverWith({ faults: [{ method: 'GET', path: '^DiagnosticReport$', status: 500 }] });
    assert.equal((await ask(failing, storyToken('maria'), 'DiagnosticReport?patient=maria')).status, 500);
    assert.equal((await ask(failing, storyToken('maria'), 'DiagnosticReport?patient=maria')).status, 200);
  });

  it('keeps open times as the story asks: all, from next month on, or none', async () => {
    const free = async (s: StoryServer, range: string) => total(await ask(s, storyToken('maria'), `Slot?status=free${range}&_count=0`));
    const nextMonth = '2026-04-01T00:00:00-04:00';
    assert.ok((await free(server, `&start=lt${encodeURIComponent(nextMonth)}`))! > 0);
    const later = await serverWith({ openTimes: 'from-next-month' });
    assert.equal(await free(later, `&start=lt${encodeURIComponent(nextMonth)}`), 0);
    assert.ok((await free(later, `&start=ge${encodeURIComponent(nextMonth)}`))! > 0);
    const none = await serverWith({ openTimes: 'none' });
    assert.equal(await free(none, ''), 0);
    // Each server has its own copy: the first still has every open time.
    assert.ok((await free(server, ''))! > 0);
  });

  it("opens a fixture record with its own account, and finds nothing in it", async () => {
    const empty = await serverWith({ fixtures: EMPTY_RECORD });
    assert.equal((await ask(empty, storyToken(FIXTURE_IDS.empty), `Patient/${FIXTURE_IDS.empty}`)).status, 200);
    assert.equal(total(await ask(empty, storyToken(FIXTURE_IDS.empty), `DiagnosticReport?patient=${FIXTURE_IDS.empty}`)), 0);
    // Without the fixtures, no account may open that record.
    assert.equal((await ask(server, storyToken(FIXTURE_IDS.empty), `Patient/${FIXTURE_IDS.empty}`)).status, 401);
  });
});

describe('the definitions the stories bundle', () => {
  let full: ReturnType<typeof readFhirDefinitions>;
  before(() => {
    definitions ??= prepareStoryDefinitions();
    full = readFhirDefinitions();
  });

  it("hold Medplum's own parse of every data type and of each kept resource type, its inner types under it", async () => {
    await serverWith();
    const kept = new Set(definitions.schemas.map(([name]) => name));
    const loaded = getAllDataTypes();
    let inner = 0;
    for (const [i, bundle] of full.structureDefinitions.entries()) {
      for (const definition of (bundle.entry ?? []).flatMap((e) => (e.resource?.snapshot ? [e.resource] : []))) {
        const name = definition.url.endsWith(`/${definition.type}`) ? definition.type : definition.name;
        // The first bundle is the data types (profiles-types.json): all kept.
        if (i === 0) assert.ok(kept.has(name), `the data type ${name} is kept`);
        if (!kept.has(name)) continue;
        const parsed = parseStructureDefinition(definition);
        assert.equal(schemaText(loaded[name]), schemaText(parsed), name);
        for (const type of parsed.innerTypes) {
          assert.equal(loaded[type.name]?.parentType?.name, name, `${type.name} is inside ${name}`);
          inner++;
        }
      }
    }
    assert.ok(kept.has('Observation') && kept.has('Quantity') && kept.has('SimpleQuantity') && inner > 100, `${kept.size} schemas, ${inner} inner types`);
  });

  it('know every resource type the seed and the fixtures hold, the server serves, and the patient compartment names', async () => {
    await serverWith();
    const seed = generateSeed({ now: NOW, largePatient: true }).resources;
    const fixtures = [...EMPTY_RECORD.resources, ...LONG_DATA.resources, ...longNamedClinic(3, NOW).resources, ...upcomingInEveryState(NOW).resources];
    const compartment = (full.patientCompartment.resource ?? []).filter((r) => r.param?.length).map((r) => r.code);
    for (const type of new Set([...seed, ...fixtures].map((r) => r.resourceType))) assert.ok(isResourceType(type), `${type} (seed or fixture)`);
    for (const type of [...SERVED_TYPES, ...compartment, 'Person']) {
      assert.ok(isResourceType(type), type);
      assert.ok(storyResourceTypes(full.patientCompartment).has(type), type);
    }
  });

  it("give each served and compartment type the search parameters the full definitions give it", async () => {
    await serverWith();
    const expected = new Map<string, Map<string, string | undefined>>();
    for (const parameter of searchParametersPerType(full.searchParameters)) {
      const base = parameter.base?.[0] ?? '';
      if (!expected.has(base)) expected.set(base, new Map());
      expected.get(base)!.set(parameter.code ?? '', parameter.expression);
    }
    const compartment = (full.patientCompartment.resource ?? []).filter((r) => r.param?.length).map((r) => r.code);
    for (const type of new Set([...SERVED_TYPES, ...compartment])) {
      const own = getSearchParameters(type) ?? {};
      for (const [code, expression] of expected.get(type) ?? []) assert.equal(own[code]?.expression, expression, `${type}?${code}`);
      if (type !== 'Binary') assert.equal(own._id?.expression, `${type}.id`, `${type}?_id`);
    }
  });

  it('refuse a fixture of a type they leave out, saying where to add it', async () => {
    await assert.rejects(serverWith({ fixtures: { resources: [{ resourceType: 'Measure', id: 'left-out', status: 'active' }] } }), /Measure.*\.storybook\/story-definitions\.ts/);
  });

  it("let Patient/$everything look through the whole patient compartment and find the patient's record of every kind", async () => {
    const everything = await serverWith({ everythingOperation: true });
    const reply = await ask(everything, storyToken('maria'), 'Patient/maria/$everything?_count=1000');
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    const found = new Set<string>(((reply.body as Bundle).entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource!.resourceType));
    for (const type of ['Patient', 'Observation', 'DiagnosticReport', 'Immunization', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Appointment', 'Encounter', 'Invoice', 'DocumentReference', 'Communication']) {
      assert.ok(found.has(type), `${type} in ${[...found].join(', ')}`);
    }
  });
});
