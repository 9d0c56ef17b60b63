import { expect } from '@open-wc/testing';
import type { Observation } from 'fhir/r4';
import { trendSeries, trendWindow } from '../../packages/lab-results/src/model/trend-window.js';

/** A numeric result of one test on a day, in a unit. */
function result(id: string, at: string | undefined, value: number, unit = 'ng/mL', status: Observation['status'] = 'final'): Observation {
  return {
    resourceType: 'Observation',
    id,
    status,
    code: { text: 'PSA' },
    ...(at ? { effectiveDateTime: at } : {}),
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}

const ids = (observations: readonly Observation[] | undefined) => (observations ?? []).map((o) => o.id);

describe('trend window and series', () => {
  it('counts calendar years back from the latest result, and keeps a result on the first day of the window', () => {
    const results = [result('a', '2014-03-11T09:00:00Z', 1), result('b', '2014-03-12T09:00:00Z', 2), result('c', '2019-03-12T09:00:00Z', 3)];
    const window = trendWindow(results, 5);
    expect(new Date(window.from!).toISOString()).to.equal('2014-03-12T09:00:00.000Z');
    expect([window.start, window.end]).to.deep.equal(['2014-03-11T09:00:00Z', '2019-03-12T09:00:00Z']);
    expect(ids(trendSeries(results, 5)?.results)).to.deep.equal(['b', 'c']);
    expect(ids(trendSeries(results, 0)?.results)).to.deep.equal(['a', 'b', 'c']);
  });

  it('a year back from 29 February is 1 March', () => {
    const results = [result('feb28', '2023-02-28T12:00:00Z', 1), result('mar1', '2023-03-01T12:00:00Z', 2), result('leap', '2024-02-29T12:00:00Z', 3)];
    expect(new Date(trendWindow(results, 1).from!).toISOString()).to.equal('2023-03-01T12:00:00.000Z');
    expect(ids(trendSeries(results, 1)?.results)).to.deep.equal(['mar1', 'leap']);
  });

  it('orders by the moment, not the text: offsets are honoured, and the dates stay as the server gave them', () => {
    const results = [result('late-evening', '2020-01-01T23:00:00-05:00', 1), result('next-morning', '2020-01-02T01:00:00Z', 2)];
    // 23:00 at -05:00 is 04:00 UTC on 2 January: the later of the two.
    expect(trendWindow(results, 0)).to.deep.equal({ from: undefined, start: '2020-01-02T01:00:00Z', end: '2020-01-01T23:00:00-05:00' });
  });

  it('a result without a usable date sets no bounds, and is left out of a window of years', () => {
    const results = [result('undated', undefined, 9), result('garbled', 'not a date', 8), result('dated', '2021-06-01', 1)];
    expect(trendWindow(results, 5)).to.deep.include({ start: '2021-06-01', end: '2021-06-01' });
    expect(ids(trendSeries(results, 5)?.results)).to.deep.equal(['dated']);
    expect(ids(trendSeries(results, 0)?.results)).to.deep.equal(['undated', 'garbled', 'dated']);
  });

  it('draws no withdrawn, cancelled or non-numeric results, and nothing when none is left', () => {
    const text: Observation = { resourceType: 'Observation', id: 'text', status: 'final', code: { text: 'PSA' }, effectiveDateTime: '2021-01-01', valueString: 'see note' };
    const results = [result('withdrawn', '2021-01-02', 5, 'ng/mL', 'entered-in-error'), result('cancelled', '2021-01-03', 5, 'ng/mL', 'cancelled'), text, result('kept', '2021-01-04', 1, 'ng/mL', 'amended')];
    expect(ids(trendSeries(results, 0)?.results)).to.deep.equal(['kept']);
    expect(trendSeries(results.slice(0, 3), 0)).to.equal(undefined);
    expect(trendWindow([], 5)).to.deep.equal({ from: undefined, start: undefined, end: undefined });
  });

  it('draws in the unit most results are in; on a tie, the latest result’s', () => {
    const mostly = [result('1', '2020-01-01', 130, 'g/L'), result('2', '2021-01-01', 13, 'g/dL'), result('3', '2022-01-01', 12, 'g/dL')];
    const series = trendSeries(mostly, 0)!;
    expect(series.unit).to.equal('g/dL');
    expect(ids(series.inUnit)).to.deep.equal(['2', '3']);
    const tied = [result('1', '2020-01-01', 13, 'g/dL'), result('2', '2021-01-01', 120, 'g/L')];
    expect(trendSeries(tied, 0)!.unit).to.equal('g/L');
    // Only the results in the window count.
    expect(trendSeries(mostly, 1)!.unit).to.equal('g/dL');
    expect(ids(trendSeries([result('old', '2010-01-01', 130, 'g/L'), ...mostly.slice(1)], 5)!.results)).to.deep.equal(['2', '3']);
  });
});
