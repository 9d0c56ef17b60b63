import { expect } from '@open-wc/testing';
import type { DiagnosticReport, Observation } from 'fhir/r4';
import { sameMoment, sharedCollection } from '../../packages/lab-results/src/model/collection.js';

const report = (options: Partial<DiagnosticReport> = {}): DiagnosticReport => ({ resourceType: 'DiagnosticReport', status: 'final', code: { text: 'Panel' }, ...options });
const result = (at: string | undefined, specimen?: string): Observation => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'Test' },
  ...(at ? { effectiveDateTime: at } : {}),
  ...(specimen !== undefined ? { specimen: { display: specimen } } : {}),
});

describe('what a report’s results share', () => {
  it('the collection time: the report’s own, else the one moment all its results share', () => {
    expect(sharedCollection(report({ effectiveDateTime: '2024-05-02T08:00:00Z' }), [result('2024-05-03T08:00:00Z')]).collected).to.equal('2024-05-02T08:00:00Z');
    expect(sharedCollection(report({ effectivePeriod: { start: '2024-05-01' } }), []).collected).to.equal('2024-05-01');
    // The same moment written two ways is one moment.
    expect(sharedCollection(report(), [result('2024-05-02T08:00:00Z'), result('2024-05-02T03:00:00-05:00'), result(undefined)]).collected).to.equal('2024-05-02T08:00:00Z');
    expect(sharedCollection(report(), [result('2024-05-02T08:00:00Z'), result('2024-05-02T09:00:00Z')]).collected).to.equal(undefined);
  });

  it('the specimen: the one every result names (those naming none do not differ), else the report’s', () => {
    expect(sharedCollection(report(), [result(undefined, ' Serum '), result(undefined), result(undefined, 'Serum')]).specimen).to.equal('Serum');
    expect(sharedCollection(report({ specimen: [{ display: 'Blood' }] }), [result(undefined, 'Serum'), result(undefined, 'Urine')]).specimen).to.equal(undefined);
    expect(sharedCollection(report({ specimen: [{ display: 'Blood' }, { reference: 'Specimen/1' }, { display: 'Urine' }] }), [result(undefined)]).specimen).to.equal('Blood, Urine');
    expect(sharedCollection(report({ specimen: [{ display: '  ' }] }), [result(undefined)]).specimen).to.equal(undefined);
  });

  it('two times are the same moment when both are missing or they parse the same', () => {
    expect(sameMoment(undefined, undefined)).to.equal(true);
    expect(sameMoment('2024-05-02T08:00:00Z', '2024-05-02T10:00:00+02:00')).to.equal(true);
    expect(sameMoment('2024-05-02T08:00:00Z', undefined)).to.equal(false);
    expect(sameMoment('2024-05-02', '2024-05-03')).to.equal(false);
  });
});
