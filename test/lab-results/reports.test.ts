import { expect } from '@open-wc/testing';
import type { Observation } from 'fhir/r4';
import { interpretationOf, loadReportPage, loadResultWindow, loadTrend, looseResults, referenceRangeOf, resultCategoryToken, trendCode } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';

/** A client that counts the requests it sends to the real server. */
async function countingClient(sandbox: Sandbox, username: string) {
  const counter = { requests: 0 };
  const { client, patient } = await sandbox.recordingClient(username, () => counter.requests++);
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

  it('the same request brings who ordered the tests and the printed report, whether in presentedForm or a linked document', async () => {
    const { client, counter, patient } = await countingClient(sandbox, 'maria');
    const page = await loadReportPage(client, { patientId: patient, pageSize: 10 });
    expect(counter.requests).to.equal(1);
    for (const view of page.reports.slice(0, 3)) {
      const order = await client.read('ServiceRequest', view.report.basedOn![0]!.reference!.split('/')[1]!);
      expect(view.report.basedOn![0]!.display, 'the report names its order without a display').to.equal(undefined);
      expect(view.orderedBy, view.report.id).to.deep.equal([order.requester!.display]);
    }
    expect(page.reports.every((v) => v.orderedBy.length === 1)).to.equal(true);
    const ownPdf = page.reports.filter((v) => v.report.presentedForm?.length);
    const documentPdf = page.reports.filter((v) => !v.report.presentedForm?.length && v.printed.length);
    expect(ownPdf.length, 'reports with presentedForm').to.be.greaterThan(0);
    expect(documentPdf.length, 'reports printed as a DocumentReference').to.be.greaterThan(0);
    for (const view of ownPdf) expect(view.printed[0]).to.deep.equal(view.report.presentedForm![0]);
    for (const view of documentPdf) {
      const documents = await client.searchAll('DocumentReference', { patient: `Patient/${patient}`, related: `DiagnosticReport/${view.report.id}` });
      expect(documents.resources.length).to.equal(1);
      expect(view.printed[0]!.url).to.equal(documents.resources[0]!.content[0]!.attachment.url);
      expect(view.printed[0]!.contentType).to.equal('application/pdf');
    }
    // Without PDFs wanted, no documents are asked for.
    const plain = await loadReportPage(client, { patientId: patient, pageSize: 10, documents: false });
    expect(plain.reports.filter((v) => !v.report.presentedForm?.length && v.printed.length).length).to.equal(0);
  });

  it('a server that refuses the orders and documents (400) still gives the reports and their results', async () => {
    const { client, counter, patient } = await countingClient(sandbox, 'maria');
    await sandbox.injectFaults([{ path: '^DiagnosticReport$', status: 400, times: 1 }]);
    const page = await loadReportPage(client, { patientId: patient, pageSize: 10 });
    expect(counter.requests).to.equal(2);
    expect(page.requests).to.equal(2);
    expect(page.reports.length).to.equal(10);
    for (const { report, results } of page.reports) expect(results.length, report.id).to.equal(report.result?.length ?? 0);
    expect(page.reports.every((v) => v.orderedBy.length === 0)).to.equal(true);
    // A server error is not a refusal: it is reported, not retried without the extras.
    await sandbox.injectFaults([{ path: '^DiagnosticReport$', status: 404, times: 1 }]);
    let failed = false;
    await loadReportPage(client, { patientId: patient, pageSize: 10 }).catch(() => (failed = true));
    expect(failed).to.equal(true);
  });

  it('results in no report: read by date window, panels keep their members', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    expect(resultCategoryToken('laboratory')).to.equal('laboratory');
    expect(resultCategoryToken('LAB')).to.equal('laboratory');
    expect(resultCategoryToken('radiology')).to.equal(undefined);
    const page = await loadReportPage(client, { patientId: patient, pageSize: 1000 });
    const { observations } = await loadResultWindow(client, { patientId: patient, category: 'laboratory' });
    const loose = looseResults(observations, page.reports);
    expect(loose.length).to.be.greaterThan(0);
    for (const node of loose) expect(node.observation.note?.[0]?.text).to.equal('Point-of-care test done in clinic.');
    // A window: the days after one date, through another.
    const days = [...new Set(loose.map((n) => n.observation.effectiveDateTime!.slice(0, 10)))].sort();
    expect(days.length, 'loose results on several days').to.be.greaterThan(1);
    const split = days[days.length - 2]!;
    const later = await loadResultWindow(client, { patientId: patient, category: 'laboratory', after: split });
    const earlier = await loadResultWindow(client, { patientId: patient, category: 'laboratory', through: [split] });
    const ids = (observations: Observation[]) => looseResults(observations, page.reports).map((n) => n.observation.id).sort();
    expect(ids(later.observations)).to.deep.equal(loose.filter((n) => n.observation.effectiveDateTime!.slice(0, 10) > split).map((n) => n.observation.id).sort());
    expect(ids(earlier.observations)).to.deep.equal(loose.filter((n) => n.observation.effectiveDateTime!.slice(0, 10) <= split).map((n) => n.observation.id).sort());
    const since = await loadResultWindow(client, { patientId: patient, category: 'laboratory', from: days[days.length - 1] });
    expect(ids(since.observations)).to.deep.equal(ids(later.observations));

    // A loose panel keeps its members under it; members of a loaded report's panel are not loose.
    const member: Observation = { resourceType: 'Observation', id: 'm1', status: 'final', code: { text: 'Sodium' } };
    const panel: Observation = { resourceType: 'Observation', id: 'p1', status: 'final', code: { text: 'Panel' }, hasMember: [{ reference: 'Observation/m1' }] };
    const trees = looseResults([panel, member], []);
    expect(trees.map((t) => [t.observation.id, t.members.map((m) => m.observation.id)])).to.deep.equal([['p1', ['m1']]]);
    const reported = [{ report: { resourceType: 'DiagnosticReport', status: 'final', code: {}, result: [{ reference: 'Observation/p1' }] }, results: [{ observation: panel, members: [{ observation: member, members: [] }] }], orderedBy: [], printed: [] }] as const;
    expect(looseResults([panel, member], reported as never).length).to.equal(0);
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
