import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SessionState } from '../../packages/core/src/context.js';
import '../../packages/core/src/define.js';
import { EARLY_SEARCH_TTL_MS, type FhirClient } from '../../packages/core/src/fhir/client.js';
import { declareFirstSearches } from '../../packages/core/src/fhir/first-searches.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { Sandbox, type SentRequest } from '../helpers/backend.js';

/** The searches sent for `type` (path and query), in order. */
const sent = (requests: SentRequest[], type: string) => requests.filter((r) => r.method === 'GET' && r.path === type).map((r) => `${r.path}?${r.params}`);

describe('searches started early (FhirClient.readEarly)', () => {
  let sandbox: Sandbox;
  let client: FhirClient;
  let requests: SentRequest[];

  before(async () => {
    sandbox = await Sandbox.create();
  });
  beforeEach(async () => {
    requests = [];
    ({ client } = await sandbox.recordingClient('maria', (request) => requests.push(request)));
  });
  afterEach(() => sandbox.clearFaults());
  after(() => sandbox.dispose());

  it('an identical search takes the answer of one started early: one request, the same page', async () => {
    client.readEarly([{ resourceType: 'Condition', params: { patient: 'Patient/maria', _include: ['Condition:asserter'] }, pageSize: 200 }]);
    await waitUntil(() => sent(requests, 'Condition').length === 1, 'sent before anyone searches');
    const page = await client.search('Condition', { patient: 'Patient/maria', _include: ['Condition:asserter'] }, { pageSize: 200 });
    expect(page.resources.length > 0).to.equal(true);
    expect(page.resources.every((r) => r.resourceType === 'Condition')).to.equal(true);
    expect(sent(requests, 'Condition')).to.deep.equal(['Condition?patient=Patient%2Fmaria&_include=Condition%3Aasserter&_count=200']);
  });

  it('is taken once: the next identical search asks the server again', async () => {
    client.readEarly([{ resourceType: 'AllergyIntolerance', params: { patient: 'Patient/maria' } }]);
    await client.search('AllergyIntolerance', { patient: 'Patient/maria' });
    await client.search('AllergyIntolerance', { patient: 'Patient/maria' });
    expect(sent(requests, 'AllergyIntolerance').length).to.equal(2);
  });

  it('a different search (another parameter, another page size) is sent as it is', async () => {
    client.readEarly([{ resourceType: 'Immunization', params: { patient: 'Patient/maria' }, pageSize: 100 }]);
    await client.search('Immunization', { patient: 'Patient/maria' }, { pageSize: 50 });
    expect(sent(requests, 'Immunization')).to.deep.equal(['Immunization?patient=Patient%2Fmaria&_count=100', 'Immunization?patient=Patient%2Fmaria&_count=50']);
  });

  it('a first page sized to the screen takes an early answer with a larger _count, and only then', async () => {
    const params = { patient: 'Patient/maria', category: 'LAB', _sort: '-date' };
    client.readEarly([{ resourceType: 'DiagnosticReport', params: { ...params, _count: '8' } }]);
    const page = await client.search('DiagnosticReport', { ...params, _count: '6' }, { takesLargerEarlyPage: true });
    // One request, and the page holds what the larger search found.
    expect(sent(requests, 'DiagnosticReport')).to.deep.equal(['DiagnosticReport?patient=Patient%2Fmaria&category=LAB&_sort=-date&_count=8']);
    expect(page.resources.length).to.equal(8);
    // A larger page than the early one, or a search that does not take larger pages, asks the server.
    client.readEarly([{ resourceType: 'DiagnosticReport', params: { ...params, _count: '5' } }]);
    await client.search('DiagnosticReport', { ...params, _count: '6' }, { takesLargerEarlyPage: true });
    client.readEarly([{ resourceType: 'DiagnosticReport', params: { ...params, category: 'PAT', _count: '9' } }]);
    await client.search('DiagnosticReport', { ...params, category: 'PAT', _count: '7' });
    // Another search with a larger count is not this one.
    client.readEarly([{ resourceType: 'DiagnosticReport', params: { ...params, category: 'RAD', _count: '9' } }]);
    await client.search('DiagnosticReport', { ...params, category: 'IMG', _count: '4' }, { takesLargerEarlyPage: true });
    expect(sent(requests, 'DiagnosticReport').slice(1)).to.deep.equal([
      'DiagnosticReport?patient=Patient%2Fmaria&category=LAB&_sort=-date&_count=5',
      'DiagnosticReport?patient=Patient%2Fmaria&category=LAB&_sort=-date&_count=6',
      'DiagnosticReport?patient=Patient%2Fmaria&category=PAT&_sort=-date&_count=9',
      'DiagnosticReport?patient=Patient%2Fmaria&category=PAT&_sort=-date&_count=7',
      'DiagnosticReport?patient=Patient%2Fmaria&category=RAD&_sort=-date&_count=9',
      'DiagnosticReport?patient=Patient%2Fmaria&category=IMG&_sort=-date&_count=4',
    ]);
  });

  it('what follows an early answer is started when it arrives, unless the element took the answer first (it sends what follows itself)', async () => {
    const followUp = (answer: { entry?: unknown[] }) => [{ resourceType: 'Practitioner' as const, params: { _count: String(answer.entry?.length ?? 0) } }];
    client.readEarly([{ resourceType: 'Schedule', params: { active: 'true' }, followedBy: followUp }]);
    await waitUntil(() => sent(requests, 'Practitioner').length === 1, 'the follow-up was never sent');
    const schedules = await client.search('Schedule', { active: 'true' });
    const practitioners = await client.search('Practitioner', { _count: String(schedules.resources.length) });
    expect(practitioners.resources.length > 0).to.equal(true);
    // Each sent once: the element took both answers.
    expect([sent(requests, 'Schedule').length, sent(requests, 'Practitioner').length].join()).to.equal('1,1');

    // Taken before it arrives: nothing follows from the session.
    client.readEarly([{ resourceType: 'Schedule', params: { active: 'true', _count: '3' }, followedBy: () => [{ resourceType: 'Location', params: {} }] }]);
    await client.search('Schedule', { active: 'true', _count: '3' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent(requests, 'Location').length).to.equal(0);
  });

  it('the same search declared twice is sent once', async () => {
    const search = { resourceType: 'CarePlan', params: { patient: 'Patient/maria', status: 'active' } } as const;
    client.readEarly([search, search]);
    client.readEarly([search]);
    await client.search('CarePlan', search.params);
    expect(sent(requests, 'CarePlan').length).to.equal(1);
  });

  it('one that failed fails the search that takes it, as that search would have failed (no request sent again)', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^Encounter', status: 403, times: 1 }]);
    client.readEarly([{ resourceType: 'Encounter', params: { patient: 'Patient/maria' } }]);
    let failed: unknown;
    await client.search('Encounter', { patient: 'Patient/maria' }).catch((error: unknown) => (failed = error));
    expect((failed as { status?: number } | undefined)?.status).to.equal(403);
    expect(sent(requests, 'Encounter').length).to.equal(1);
    // The patient's "Try again" sends it anew.
    const page = await client.search('Encounter', { patient: 'Patient/maria' });
    expect(page.resources.length > 0).to.equal(true);
  });

  it('one older than EARLY_SEARCH_TTL_MS is not used', async () => {
    const realNow = Date.now;
    try {
      client.readEarly([{ resourceType: 'Goal', params: { patient: 'Patient/maria' } }]);
      const started = realNow();
      Date.now = () => started + EARLY_SEARCH_TTL_MS + 1;
      await client.search('Goal', { patient: 'Patient/maria' });
    } finally {
      Date.now = realNow;
    }
    expect(sent(requests, 'Goal').length).to.equal(2);
  });
});

describe('portal-session sends declared first searches of elements whose code has not arrived', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
    // A tag whose code never arrives here, as an element's code still on its way.
    declareFirstSearches('portico-later-element', (element, patientId) => [
      { resourceType: 'Condition', params: { patient: `Patient/${patientId}`, 'clinical-status': element.getAttribute('status') ?? 'active' } },
    ]);
  });
  after(() => sandbox.dispose());

  it('as soon as it knows the patient, for each such element shown for the session’s patient, once', async () => {
    const { access_token } = await sandbox.token('maria');
    const patient = 'maria';
    // What the page sends (to the real server).
    const original = window.fetch;
    const requests: string[] = [];
    window.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.href.startsWith(sandbox.fhirBaseUrl) && (init?.method ?? 'GET') === 'GET') requests.push(`${url.pathname.split('/fhir/')[1]}?${url.searchParams}`);
      return original.call(window, input, init);
    };
    try {
      const session = await fixture<PortalSession>(html`
        <portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id=${patient} .accessToken=${access_token}>
          <portico-later-element status="resolved"></portico-later-element>
          <portico-later-element status="resolved"></portico-later-element>
          <portico-later-element patient-id="someone-else"></portico-later-element>
        </portal-session>
      `);
      const status = () => (session as unknown as { session: SessionState }).session.status;
      await waitUntil(() => status() === 'signed-in' && requests.some((r) => r.startsWith('Patient/')), 'the session never read the patient', { timeout: 5000 });
      expect(requests.filter((r) => r.startsWith('Condition')).join(' | ')).to.equal(`Condition?patient=Patient%2F${patient}&clinical-status=resolved`);
    } finally {
      window.fetch = original;
    }
  });
});
