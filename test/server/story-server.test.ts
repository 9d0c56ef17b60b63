/**
 * The stories' FHIR server (stories/support/story-server.ts): the embedded server's FhirService on the
 * demo seed, answering fetch Requests, as Storybook runs it in the page. Here it runs in Node on the
 * full definitions; what the stories rely on is checked the way a story's page sees it: the token a
 * story hands over opens exactly its patient's record with exactly its scopes, faults and open-time
 * variants do what the story asks, and fixtures can be opened by their own accounts.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/story-server.test.ts
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Bundle, OperationOutcome, Patient } from 'fhir/r4';
import { readFhirDefinitions } from '../../demo/server/fhir/definitions.js';
import type { FhirDefinitions } from '../../demo/server/fhir/definition-index.js';
import { storyNow, STORY_AUTH_ISSUER, STORY_FHIR_BASE } from '../../stories/support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS } from '../../stories/support/story-fixtures.js';
import { startStoryServer, type StoryServer, type StoryServerOptions } from '../../stories/support/story-server.js';
import { EXPIRED_TOKEN, storyToken } from '../../stories/support/story-tokens.js';

/** A fixed day, so the open times and ids do not depend on when the test runs. */
const NOW = storyNow(new Date('2026-03-10T08:00:00Z'));
let definitions: FhirDefinitions;

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

describe("the stories' FHIR server", () => {
  let server: StoryServer;
  before(async () => {
    definitions = readFhirDefinitions();
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
