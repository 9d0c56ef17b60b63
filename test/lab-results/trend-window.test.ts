import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { forgetDeviceStorage, shadow, text, until } from '../helpers/element.js';
import { showOlderUntil } from './older-pages.js';

const PSA = { system: 'http://loinc.org', code: '2857-1', display: 'Prostate specific Ag [Mass/volume] in Serum or Plasma' };

/** A PSA result of the patient's, in ng/mL, on a day years ago. */
const psa = (patient: string, id: string, at: string, value: number) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [PSA], text: 'PSA' },
  subject: { reference: `Patient/${patient}` },
  effectiveDateTime: at,
  valueQuantity: { value, unit: 'ng/mL', system: 'http://unitsofmeasure.org', code: 'ng/mL' },
  referenceRange: [{ low: { value: 0, unit: 'ng/mL' }, high: { value: 4, unit: 'ng/mL' } }],
});

describe('<lab-results> trend of a test last done years ago', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());
  afterEach(() => forgetDeviceStorage());

  it('opens on the years up to the latest result, says which, and never "no results" while there are some', async () => {
    const { patient } = await sandbox.token('james');
    const client = await sandbox.client('james');
    // Records that end years ago: the last PSA was in March 2019, the first in 2011.
    await sandbox.load([
      psa(patient, 'james-psa-2011', '2011-05-02T09:00:00Z', 1.1),
      psa(patient, 'james-psa-2013', '2013-06-10T09:00:00Z', 1.6),
      psa(patient, 'james-psa-2016', '2016-04-18T09:00:00Z', 2.4),
      psa(patient, 'james-psa-2019', '2019-03-12T09:00:00Z', 4.6),
    ]);
    const onServer = await client.searchAll('Observation', { patient: `Patient/${patient}`, code: `${PSA.system}|${PSA.code}` });
    expect(onServer.resources.map((o) => o.effectiveDateTime!.slice(0, 4)).sort()).to.deep.equal(['2011', '2013', '2016', '2019']);

    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="100"></lab-results>`);
    await until(() => shadow(el).querySelector('[part="report-button"]'), 'the first screen');
    const entry = await showOlderUntil(el, () => shadow(el).querySelector<HTMLButtonElement>('[aria-controls="result-james-psa-2019"]'), 'the 2019 result');
    entry.click();
    const trendButton = await until(() => shadow(el).querySelector<HTMLButtonElement>('[data-trend-for="james-psa-2019"]'), 'its trend button');
    trendButton.click();
    const table = await until(() => shadow(el).querySelector('[part="trend-table"]'), 'the trend table');
    expect(text(el)).to.not.contain('No test results yet');
    // Five years up to the latest result: 2016 and 2019 (2014-03-12 onwards), not 2011 or 2013.
    expect([...table.querySelectorAll('tbody th')].map((th) => th.textContent!.trim())).to.deep.equal(['Mar 12, 2019', 'Apr 18, 2016']);
    const window = shadow(el).querySelector('.trend-window')!;
    expect(window.textContent!.replace(/\s+/g, ' ').trim()).to.equal('5 years to Mar 12, 2019');

    const select = shadow(el).querySelector<HTMLSelectElement>('.trend-bar select')!;
    expect(select.selectedOptions[0]!.textContent!.trim()).to.equal('5 years');
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(shadow(el).querySelector('.trend-window')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('1 year to Mar 12, 2019');
    expect(shadow(el).querySelectorAll('[part="trend-table"] tbody tr').length).to.equal(1);
    select.value = '0';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(shadow(el).querySelector('.trend-window')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('All results, May 2, 2011 to Mar 12, 2019');
    expect(shadow(el).querySelectorAll('[part="trend-table"] tbody tr').length).to.equal(4);
    await expect(el).to.be.accessible();
  });
});
