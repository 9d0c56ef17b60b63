import { expect } from '@open-wc/testing';
import type { Bundle, DocumentReference, Observation, Resource } from 'fhir/r4';
import type { FhirClient } from '../../packages/core/src/index.js';
import { exportRecord, isExportAborted, type ExportProgress, type ExportResult } from '../../packages/record-download/src/index.js';
import { Sandbox, type SentRequest } from '../helpers/backend.js';

/** Directory types every patient may read (the server's SHARED_TYPES), and Binary (read by id only): not anyone's record. */
const DIRECTORY = new Set(['Practitioner', 'PractitionerRole', 'Organization', 'Location', 'HealthcareService', 'Schedule', 'Slot', 'Medication', 'Binary']);

/** The resources in an exported collection Bundle. */
async function resourcesOf(result: ExportResult): Promise<Resource[]> {
  const bundle = JSON.parse(await result.file.text()) as Bundle;
  expect(bundle.resourceType).to.equal('Bundle');
  expect(bundle.type).to.equal('collection');
  return (bundle.entry ?? []).map((e) => e.resource!);
}

const keyOf = (r: Resource) => `${r.resourceType}/${r.id}`;

/** Every `Patient/x` reference anywhere in a resource. */
function patientReferences(resource: Resource): string[] {
  return [...JSON.stringify(resource).matchAll(/"reference":"(?:[^"]*\/)?Patient\/([^"/]+)"/g)].map((m) => m[1]!);
}

/** The patient's record as the server itself answers it: every searchable type it offers, searched with no parameter (the server keeps a patient token to its record). */
async function serverRecord(client: FhirClient): Promise<Set<string>> {
  const capability = await client.capabilities();
  const types = capability.rest![0]!.resource!.filter((r) => r.interaction?.some((i) => i.code === 'search-type') && !DIRECTORY.has(r.type)).map((r) => r.type);
  const keys = new Set<string>();
  for (const type of types) {
    const { resources } = await client.searchAll(type as never, {}, { pageSize: 1000, max: 100000 });
    for (const r of resources) keys.add(keyOf(r));
  }
  return keys;
}

describe('record export from the real embedded server', () => {
  let sandbox: Sandbox;
  let full: ExportResult;
  let fullResources: Resource[];
  let fullProgress: ExportProgress[];
  let fullRequests: SentRequest[];

  before(async () => {
    sandbox = await Sandbox.create();
    fullRequests = [];
    const { client, patient } = await sandbox.recordingClient('maria', (r) => fullRequests.push(r));
    fullProgress = [];
    full = await exportRecord(client, { patientId: patient, method: 'per-type', onProgress: (p) => fullProgress.push(p) });
    fullResources = await resourcesOf(full);
  });
  afterEach(() => sandbox.clearFaults());
  after(() => sandbox.dispose());

  it('holds exactly what the server has for maria, once each, nobody else\'s, with a progress that ends at 100 %', async () => {
    const client = await sandbox.client('maria');
    const server = await serverRecord(client);
    const exported = fullResources.map(keyOf);
    expect(new Set(exported).size, 'no resource twice').to.equal(exported.length);
    const own = exported.filter((k) => !DIRECTORY.has(k.split('/')[0]!)).sort();
    expect(own).to.deep.equal([...server].sort());
    // The medications prescribed come along (_include; maria's are contained, so none is a resource of its own here).
    expect(fullRequests.some((r) => r.path === 'MedicationRequest' && r.params.getAll('_include').includes('MedicationRequest:medication'))).to.equal(true);
    for (const resource of fullResources) {
      for (const patient of patientReferences(resource)) expect(patient, keyOf(resource)).to.equal('maria');
    }
    // Resources both searches find (maria is the subject and the sender of her messages) are in the file once.
    const asSender = await client.searchAll('Communication', { sender: 'Patient/maria' });
    expect(asSender.resources.length, 'messages maria sent').to.be.greaterThan(0);
    expect(fullRequests.some((r) => r.path === 'Communication' && r.params.get('sender') === 'Patient/maria')).to.equal(true);

    const last = fullProgress.at(-1)!;
    expect(last.typesDone).to.equal(last.typesTotal);
    expect(last.resources).to.equal(full.summary.resources);
    expect(last.currentTypes).to.deep.equal([]);
    expect(fullProgress.length, 'a progress per page, not per resource').to.be.lessThan(full.summary.resources);
    expect(full.summary.resources).to.equal(fullResources.length);
    expect(full.summary.counts.Observation).to.equal(fullResources.filter((r) => r.resourceType === 'Observation').length);
    expect(full.summary.method).to.equal('per-type');
    // Honest numbers: every request counted, at most 4 at once, and only searches (never one request per resource).
    const fhir = fullRequests.filter((r) => r.path !== 'metadata');
    expect(full.summary.requests).to.equal(fhir.length);
    expect(fhir.every((r) => !r.path.includes('/'))).to.equal(true);
    expect(full.summary.bytes).to.equal(full.file.size);
    // Documents' files are not in the export: their addresses are listed.
    const documentFiles = fullResources
      .filter((r): r is DocumentReference => r.resourceType === 'DocumentReference')
      .flatMap((d) => d.content.filter((c) => c.attachment.url && !c.attachment.data).map((c) => `DocumentReference/${d.id} ${c.attachment.url}`));
    expect(documentFiles.length).to.be.greaterThan(0);
    expect(full.summary.attachments.filter((a) => a.resource.startsWith('DocumentReference/')).map((a) => `${a.resource} ${a.url}`)).to.deep.equal(documentFiles);
    // Types of the record this server does not offer are listed, not silently dropped.
    expect(full.summary.skipped.find((s) => s.type === 'AdverseEvent')?.reason).to.equal('not-offered');
  });

  it('a date range and the kinds chosen narrow what is asked for and what comes back', async () => {
    const sent: SentRequest[] = [];
    const { client, patient } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    const from = new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const result = await exportRecord(client, { patientId: patient, method: 'per-type', kinds: ['labs', 'immunizations'], dateRange: { from, to } });
    const resources = await resourcesOf(result);
    const types = new Set(resources.map((r) => r.resourceType));
    expect([...types].every((t) => ['Patient', 'Observation', 'DiagnosticReport', 'Specimen', 'Immunization', 'ImmunizationRecommendation'].includes(t)), [...types].join()).to.equal(true);
    expect(sent.some((r) => r.path === 'MedicationRequest' || r.path === 'Condition')).to.equal(false);
    const observations = resources.filter((r): r is Observation => r.resourceType === 'Observation');
    const isLab = (o: Observation) => !!o.category?.some((c) => c.coding?.some((x) => x.code === 'laboratory'));
    const allLabs = fullResources.filter((r): r is Observation => r.resourceType === 'Observation').filter(isLab);
    expect(observations.length).to.be.greaterThan(0);
    expect(observations.length, 'older labs left out').to.be.lessThan(allLabs.length);
    for (const o of observations) {
      expect(isLab(o), o.id).to.equal(true);
      const when = (o.effectiveDateTime ?? o.effectivePeriod?.start ?? '').slice(0, 10);
      expect(when >= from && when <= to, `${o.id} ${when}`).to.equal(true);
    }
    expect(result.summary.counts.Immunization).to.equal(resources.filter((r) => r.resourceType === 'Immunization').length);
    expect(result.summary.dateRange).to.deep.equal({ from, to });
  });

  it('recovers from a 503 and a 429 with Retry-After mid-export, and names a type that keeps failing', async () => {
    await sandbox.injectFaults([
      { method: 'GET', path: '^Condition', status: 503, retryAfter: 0, times: 1 },
      { method: 'GET', path: '^Observation', status: 429, retryAfter: 0, times: 1 },
      { method: 'GET', path: '^Procedure', status: 503, retryAfter: 0, times: 3 },
    ]);
    const sent: SentRequest[] = [];
    const { client, patient } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    const result = await exportRecord(client, { patientId: patient, method: 'per-type' });
    const keys = (await resourcesOf(result)).map(keyOf).sort();
    const expected = fullResources.filter((r) => r.resourceType !== 'Procedure').map(keyOf).sort();
    expect(keys).to.deep.equal(expected);
    expect(sent.filter((r) => r.path === 'Condition' && r.params.get('patient')).length, 'Condition asked again').to.equal(2);
    const procedure = result.summary.skipped.find((s) => s.type === 'Procedure');
    expect(procedure?.reason).to.equal('failed');
    expect(result.summary.counts.Procedure).to.equal(undefined);
    expect(full.summary.counts.Procedure, 'maria has procedures').to.be.greaterThan(0);
  });

  it('Cancel aborts the requests in flight, starts none after, and rejects as aborted', async () => {
    // The first searches after the Patient read are slow, so they are in flight when the patient cancels.
    await sandbox.injectFaults([{ method: 'GET', path: '^(Observation|DiagnosticReport|Specimen)', delayMs: 3000, times: 3 }]);
    const controller = new AbortController();
    let afterAbort = 0;
    let atAbort = -1;
    let sentCount = 0;
    const { client, patient } = await sandbox.recordingClient('maria', () => {
      sentCount++;
      if (controller.signal.aborted) afterAbort++;
    });
    const started = Date.now();
    const error = await exportRecord(client, {
      patientId: patient,
      method: 'per-type',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pagesDone >= 1 && !controller.signal.aborted) {
          atAbort = sentCount;
          controller.abort();
        }
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isExportAborted(error), String(error)).to.equal(true);
    expect(atAbort, 'cancelled after the first page').to.be.greaterThan(0);
    expect(Date.now() - started, 'the slow requests were aborted, not waited for').to.be.lessThan(2500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(afterAbort).to.equal(0);
    expect(sentCount).to.equal(atAbort);
  });

  it('a token with fewer scopes exports what it may and lists the rest as refused by scope', async () => {
    const sent: SentRequest[] = [];
    const scope = 'patient/Patient.rs patient/Observation.rs patient/Condition.rs';
    const client = await sandbox.client('maria', {
      scope,
      fetch: (input, init) => {
        const url = new URL(String(input));
        sent.push({ method: init?.method ?? 'GET', path: url.pathname.split('/fhir/')[1] ?? '', params: url.searchParams });
        return fetch(input, init);
      },
    });
    const result = await exportRecord(client, { patientId: 'maria', method: 'per-type' });
    const resources = await resourcesOf(result);
    expect(Object.keys(result.summary.counts).sort()).to.deep.equal(['Condition', 'Observation', 'Patient']);
    expect(resources.map(keyOf).sort()).to.deep.equal(fullResources.filter((r) => ['Condition', 'Observation', 'Patient'].includes(r.resourceType)).map(keyOf).sort());
    const refused = result.summary.skipped.filter((s) => s.reason === 'scope');
    expect(refused.find((s) => s.type === 'MedicationRequest')?.detail).to.equal('patient/MedicationRequest.rs');
    for (const type of ['DiagnosticReport', 'Immunization', 'DocumentReference', 'Invoice', 'Encounter']) {
      expect(refused.some((s) => s.type === type), type).to.equal(true);
    }
    expect([...new Set(sent.map((r) => r.path).filter((p) => p !== 'metadata'))].sort()).to.deep.equal(['Condition', 'Observation', 'Patient']);
  });

  it('NDJSON: one line per resource, a file per type, the same resources as the Bundle', async () => {
    const client = await sandbox.client('maria');
    const result = await exportRecord(client, { patientId: 'maria', method: 'per-type', format: 'ndjson' });
    const lines = (await result.file.text()).trim().split('\n').map((line) => JSON.parse(line) as Resource);
    expect(lines.map(keyOf).sort()).to.deep.equal(fullResources.map(keyOf).sort());
    expect(result.file.type).to.equal('application/fhir+ndjson');
    const observations = (await result.files!.get('Observation')!.text()).trim().split('\n');
    expect(observations.length).to.equal(full.summary.counts.Observation);
  });
});

describe('record export of a large record', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create({ largePatient: true });
  });
  after(() => sandbox.dispose());

  it('thousands of results in pages of 200, all of them, with an estimate from Bundle.total', async () => {
    const client = await sandbox.client('large');
    const progress: ExportProgress[] = [];
    const result = await exportRecord(client, { patientId: 'large', method: 'per-type', kinds: ['labs'], onProgress: (p) => progress.push(p) });
    const server = await client.search('Observation', { patient: 'Patient/large', category: 'laboratory', _summary: 'count' });
    expect(server.total).to.be.greaterThan(2000);
    expect(result.summary.counts.Observation).to.equal(server.total);
    expect(result.summary.requests).to.be.lessThan(server.total! / 100);
    expect(progress.some((p) => (p.estimatedTotal ?? 0) >= server.total!)).to.equal(true);
    const bundle = JSON.parse(await result.file.text()) as Bundle;
    expect(bundle.entry!.length).to.equal(result.summary.resources);
  });
});

describe('record export through Patient/$everything', () => {
  let sandbox: Sandbox;
  before(async () => {
    const settings: Record<string, unknown> = { everythingOperation: true };
    sandbox = await Sandbox.create(settings as Parameters<typeof Sandbox.create>[0]);
  });
  after(() => sandbox.dispose());

  it('pages through $everything when the server offers it: the same record as the searches, in far fewer requests', async () => {
    const sent: SentRequest[] = [];
    const { client, patient } = await sandbox.recordingClient('maria', (r) => sent.push(r));
    expect(await client.supportsOperation('everything', 'Patient')).to.equal(true);
    const progress: ExportProgress[] = [];
    const result = await exportRecord(client, { patientId: patient, onProgress: (p) => progress.push(p) });
    expect(result.summary.method).to.equal('everything');
    expect(result.summary.everythingFailed).to.equal(undefined);
    const resources = await resourcesOf(result);
    const keys = resources.map(keyOf);
    expect(new Set(keys).size).to.equal(keys.length);
    const bySearch = await exportRecord(client, { patientId: patient, method: 'per-type' });
    const searched = (await resourcesOf(bySearch)).map(keyOf).filter((k) => !DIRECTORY.has(k.split('/')[0]!)).sort();
    expect(keys.filter((k) => !DIRECTORY.has(k.split('/')[0]!)).sort()).to.deep.equal(searched);
    for (const resource of resources) {
      for (const id of patientReferences(resource)) expect(id, keyOf(resource)).to.equal('maria');
    }
    const everything = sent.filter((r) => r.path.endsWith('$everything'));
    expect(everything.length).to.equal(result.summary.requests);
    expect(everything[0]!.params.get('_type')!.split(',')).to.include('Observation');
    expect(result.summary.requests).to.be.lessThan(bySearch.summary.requests);
    const last = progress.at(-1)!;
    expect(last.typesDone).to.equal(last.typesTotal);
    expect(progress.some((p) => p.estimatedTotal !== undefined && p.estimatedTotal >= searched.length)).to.equal(true);
  });
});
