import { expect } from '@open-wc/testing';
import type { DiagnosticReport, Observation } from 'fhir/r4';
import type { ReportView, ResultNode } from '../../packages/lab-results/src/reports/reports.js';
import { inDates, isFiltering, laterDate, resultMatches, visibleItems, type ResultFilter } from '../../packages/lab-results/src/model/list-items.js';

const H = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

function observation(id: string, name: string, at: string | undefined, options: Partial<Observation> = {}): Observation {
  return { resourceType: 'Observation', id, status: 'final', code: { text: name }, ...(at ? { effectiveDateTime: at } : {}), valueQuantity: { value: 1, unit: 'mg/dL' }, ...options };
}

function report(id: string, at: string | undefined, results: Observation[]): ReportView {
  const resource: DiagnosticReport = { resourceType: 'DiagnosticReport', id, status: 'final', code: { text: `Report ${id}` }, ...(at ? { effectiveDateTime: at } : {}) };
  return { report: resource, results: results.map((o) => ({ observation: o, members: [] })), orderedBy: [], printed: [] };
}

const node = (o: Observation, members: ResultNode[] = []): ResultNode => ({ observation: o, members });
const none: ResultFilter = { text: '', from: '', to: '', abnormalOnly: false };
const nameOf = (o: Observation) => o.code.text ?? '';
const keys = (items: ReturnType<typeof visibleItems>) => items.map((i) => (i.kind === 'report' ? i.view.report.id : `result:${i.node.observation.id}`));

describe('list items', () => {
  const high = observation('glucose-high', 'Glucose', '2024-05-02', { interpretation: [{ coding: [{ system: H, code: 'H' }] }] });
  const sodium = observation('sodium', 'Sodium', '2024-05-02');
  const pages = [report('may', '2024-05-02T08:00:00Z', [high, sodium]), report('also-may', '2024-05-02T08:00:00Z', [sodium]), report('march', '2024-03-10', [sodium]), report('undated', undefined, [sodium])];

  it('puts loose results among the reports, newest first; reports on the same moment keep the server’s order; undated last', () => {
    const loose = [node(observation('clinic-april', 'Glucose (fingerstick)', '2024-04-01')), node(observation('clinic-june', 'hCG', '2024-06-01T10:00:00-04:00'))];
    expect(keys(visibleItems(pages, loose, none, nameOf))).to.deep.equal(['result:clinic-june', 'may', 'also-may', 'result:clinic-april', 'march', 'undated']);
  });

  it('never lists a withdrawn loose result', () => {
    const withdrawn = node(observation('mistake', 'Glucose', '2024-06-01', { status: 'entered-in-error' }));
    expect(keys(visibleItems([], [withdrawn], none, nameOf))).to.deep.equal([]);
  });

  it('"outside the range" keeps the entries with a flagged result; the text finds a test by name, in any case', () => {
    expect(keys(visibleItems(pages, [], { ...none, abnormalOnly: true }, nameOf))).to.deep.equal(['may']);
    expect(keys(visibleItems(pages, [], { ...none, text: '  SODIUM ' }, nameOf))).to.deep.equal(['may', 'also-may', 'march', 'undated']);
    expect(keys(visibleItems(pages, [], { ...none, text: 'potassium' }, nameOf))).to.deep.equal([]);
    // A panel is kept for a member that matches.
    const panel = node(observation('panel', 'Basic panel', '2024-01-01', { valueQuantity: undefined }), [node(sodium)]);
    expect(keys(visibleItems([], [panel], { ...none, text: 'sodium' }, nameOf))).to.deep.equal(['result:panel']);
    expect(resultMatches(high, { ...none, abnormalOnly: true, text: 'gluc' }, nameOf)).to.equal(true);
    expect(resultMatches(sodium, { ...none, abnormalOnly: true }, nameOf)).to.equal(false);
  });

  it('dates are whole days, both ends included; with a date set, an undated entry is out', () => {
    expect(keys(visibleItems(pages, [], { ...none, from: '2024-03-10', to: '2024-05-01' }, nameOf))).to.deep.equal(['march']);
    expect(inDates({ effectiveDateTime: '2024-05-02T23:59:00-05:00' }, { from: '2024-05-02', to: '2024-05-02' })).to.equal(true);
    expect(inDates({}, { from: '', to: '' })).to.equal(true);
    expect(inDates({}, { from: '2024-01-01', to: '' })).to.equal(false);
    expect(inDates({ issued: '2024-02-01T00:00:00Z' }, { from: '', to: '2024-01-31' })).to.equal(false);
  });

  it('says when a filter is set (blank text is none), and the later of two dates', () => {
    expect(isFiltering(none)).to.equal(false);
    expect(isFiltering({ ...none, text: '   ' })).to.equal(false);
    expect(isFiltering({ ...none, to: '2024-01-01' })).to.equal(true);
    expect(laterDate('2024-01-02', '2023-12-31')).to.equal('2024-01-02');
    expect(laterDate(undefined, '2023-12-31')).to.equal('2023-12-31');
    expect(laterDate('', undefined)).to.equal(undefined);
  });
});
