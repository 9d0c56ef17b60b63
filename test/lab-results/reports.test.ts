import { expect } from '@open-wc/testing';
import type { Observation } from 'fhir/r4';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import { interpretationOf, loadReportPage, loadTrend, referenceRangeOf, trendCode } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';

/** A client that counts the requests it sends to the real server. */
async function countingClient(sandbox: Sandbox, username: string) {
  const { access_token, patient } = await sandbox.token(username);
  const counter = { requests: 0 };
  const client = new FhirClient({
    baseUrl: sandbox.fhirBaseUrl,
    getAccessToken: () => access_token,
    fetch: (input, init) => {
      counter.requests++;
      return fetch(input, init);
    },
  });
  return { client, counter, patient };
}

describe('lab reports from the real embedded server', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create({ largePatient: true });
  });
  after(() => sandbox.dispose());

  it('a first page of reports with every result, newest first, in one request', async () => {
    const { client, counter, patient } = await countingClient(sandbox, 'maria');
    const page = await loadReportPage(client, { patientId: patient, pageSize: 10 });
    expect(counter.requests).to.equal(1);
    expect(page.requests).to.equal(1);
    expect(page.reports.length).to.be.greaterThan(2);
    const dates = page.reports.map((r) => Date.parse(r.report.effectiveDateTime ?? r.report.issued ?? ''));
    expect(dates).to.deep.equal([...dates].sort((a, b) => b - a));
    for (const { report, results } of page.reports) {
      expect(results.length, report.id).to.equal(report.result?.length ?? 0);
    }
  });

  it('panels bring their members (hasMember), resolved in batches rather than one request per result', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const all = [];
    let next: string | undefined;
    do {
      const page = await loadReportPage(client, { patientId: patient, pageSize: 50, next });
      all.push(...page.reports);
      next = page.next;
    } while (next);
    const panels = all.flatMap((r) => r.results).filter((n) => n.observation.hasMember?.length);
    expect(panels.length, 'the demo data has panels').to.be.greaterThan(0);
    for (const panel of panels) expect(panel.members.length).to.equal(panel.observation.hasMember!.length);
  });

  it('the patient with 5,000 results: the first screen is one request, the next page follows the link', async () => {
    const { client, counter, patient } = await countingClient(sandbox, 'large');
    const first = await loadReportPage(client, { patientId: patient, pageSize: 20 });
    expect(counter.requests).to.equal(1);
    expect(first.reports.length).to.equal(20);
    expect(first.total ?? 0).to.be.greaterThan(500);
    expect(first.next).to.be.a('string');
    const second = await loadReportPage(client, { patientId: patient, next: first.next });
    expect(second.reports.length).to.equal(20);
    const ids = new Set(first.reports.map((r) => r.report.id));
    expect(second.reports.some((r) => ids.has(r.report.id))).to.equal(false);
  });

  it('flags are read from the interpretation codes, or from the value against the range', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const page = await loadReportPage(client, { patientId: patient, pageSize: 50 });
    const results = page.reports.flatMap((r) => r.results.flatMap((n) => [n, ...n.members])).map((n) => n.observation);
    const flagged = results.filter((o) => interpretationOf(o).flag);
    expect(flagged.length, 'Maria has abnormal results').to.be.greaterThan(0);
    const high: Observation = { resourceType: 'Observation', status: 'final', code: { text: 'LDL' }, valueQuantity: { value: 190, unit: 'mg/dL' }, referenceRange: [{ high: { value: 100, unit: 'mg/dL' } }] };
    expect(interpretationOf(high).flag).to.equal('high');
    expect(interpretationOf({ ...high, interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'HH' }] }] }).flag).to.equal('critical-high');
    expect(interpretationOf({ ...high, valueQuantity: { value: 90, unit: 'mg/dL' }, interpretation: [{ text: 'Borderline, repeat in 3 months' }] }).text).to.equal('Borderline, repeat in 3 months');
    // Words only, but above the range: still flagged, and the words kept.
    const described = interpretationOf({ ...high, valueQuantity: { value: 152, unit: 'mg/dL' }, interpretation: [{ text: 'Above your goal of 100 mg/dL' }] });
    expect(described.flag).to.equal('high');
    expect(described.text).to.equal('Above your goal of 100 mg/dL');
  });

  it('picks the reference range for the patient’s age and sex', () => {
    const observation: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Hemoglobin' },
      effectiveDateTime: '2026-01-10',
      referenceRange: [
        { low: { value: 13.5 }, high: { value: 17.5 }, appliesTo: [{ coding: [{ code: 'male' }] }] },
        { low: { value: 12 }, high: { value: 15.5 }, appliesTo: [{ coding: [{ code: 'female' }] }] },
        { low: { value: 11 }, high: { value: 14 }, age: { high: { value: 12 } } },
      ],
    };
    expect(referenceRangeOf(observation, { gender: 'female', birthDate: '1980-05-01' })?.low?.value).to.equal(12);
    expect(referenceRangeOf(observation, { gender: 'male', birthDate: '1980-05-01' })?.low?.value).to.equal(13.5);
    expect(referenceRangeOf(observation, { gender: 'other', birthDate: '2018-05-01' })?.low?.value).to.equal(11);
  });

  it('a trend is every result of one test, oldest first, as the server has them', async () => {
    const { client, patient } = await countingClient(sandbox, 'large');
    const page = await loadReportPage(client, { patientId: patient, pageSize: 5 });
    const sample = page.reports[0]!.results.flatMap((n) => [n, ...n.members]).find((n) => typeof n.observation.valueQuantity?.value === 'number')!.observation;
    const code = trendCode(sample)!;
    expect(code).to.match(/^http:\/\/loinc\.org\|/);
    const { observations, truncated } = await loadTrend(client, { patientId: patient, code });
    expect(truncated).to.equal(false);
    expect(observations.length).to.be.greaterThan(10);
    const times = observations.map((o) => Date.parse(o.effectiveDateTime ?? o.issued ?? ''));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    const onServer = await client.searchAll('Observation', { patient: `Patient/${patient}`, code }, { max: 5000 });
    expect(observations.map((o) => o.id).sort()).to.deep.equal(onServer.resources.map((o) => o.id).sort());
  });
});
