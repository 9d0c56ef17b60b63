import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { forgetDeviceStorage, shadow, until } from '../helpers/element.js';
import { showOlderUntil } from './older-pages.js';

const LAB = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }];
const H = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }];
const mgdl = (value: number) => ({ value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' });

/** Today's lipid panel: two results above the range, one in it, and a screen whose interpretation is the lab's word. */
function todaysPanel(patient: string) {
  const at = new Date().toISOString();
  const result = (id: string, text: string, code: string, extra: object) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    category: LAB,
    code: { coding: [{ system: 'http://loinc.org', code }], text },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: at,
    ...extra,
  });
  return [
    result('scan-ldl', 'LDL cholesterol', '13457-7', { valueQuantity: mgdl(182), interpretation: H, referenceRange: [{ high: mgdl(130) }] }),
    result('scan-tg', 'Triglyceride', '2571-8', { valueQuantity: mgdl(240), interpretation: H, referenceRange: [{ high: mgdl(150) }] }),
    result('scan-hdl', 'HDL cholesterol', '2085-9', { valueQuantity: mgdl(55), referenceRange: [{ low: mgdl(40) }] }),
    result('scan-hbsag', 'Hepatitis B surface antigen', '5196-1', { valueString: 'Not detected', interpretation: [{ text: 'Negative' }] }),
    {
      resourceType: 'DiagnosticReport',
      id: 'scan-report',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
      code: { text: 'Zinc-free lipid and hepatitis screen' },
      subject: { reference: `Patient/${patient}` },
      effectiveDateTime: at,
      issued: at,
      result: ['scan-ldl', 'scan-tg', 'scan-hdl', 'scan-hbsag'].map((id) => ({ reference: `Observation/${id}` })),
    },
  ];
}

describe('<lab-results> easy to scan', () => {
  let sandbox: Sandbox;
  let el: LabResults;

  before(async () => {
    sandbox = await Sandbox.create();
    await sandbox.load(todaysPanel((await sandbox.token('maria')).patient));
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await sandbox.dispose();
  });
  beforeEach(async () => {
    const client = await sandbox.client('maria');
    const { patient } = await sandbox.token('maria');
    el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="100"></lab-results>`);
    await until(() => shadow(el).querySelector('[part="report-button"]'), 'the first screen');
    // Down the list until results in no report are among the reports (read as the patient scrolls).
    await showOlderUntil(el, () => shadow(el).querySelector('[part="report"].loose') && shadow(el).querySelector('.hint.end, .more [aria-disabled="false"]'), 'the reports and the results in no report');
  });
  afterEach(() => forgetDeviceStorage());

  it('says once per report which results are outside the range', async () => {
    const heading = shadow(el).querySelector('[aria-controls="report-scan-report"]')!;
    expect(heading.querySelector('.outside')!.textContent!.trim()).to.equal('2 results outside the range: LDL cholesterol High, Triglyceride High');
    // Every report that has any says which, in one line.
    for (const outside of shadow(el).querySelectorAll('.outside')) expect(outside.textContent).to.match(/outside the range: \S/);
    await expect(el).to.be.accessible();
  });

  it('"Find a test" lines up with the From and To fields: same height, same top and bottom, labels on one baseline', async () => {
    await setViewport({ width: 1024, height: 768 });
    await el.updateComplete;
    const fields = [...shadow(el).querySelectorAll<HTMLLabelElement>('.filters label.field')];
    expect(fields.map((f) => f.querySelector('span')!.textContent!.trim())).to.deep.equal(['Find a test', 'From', 'To']);
    const boxes = fields.map((f) => f.querySelector('input')!.getBoundingClientRect());
    const labels = fields.map((f) => f.querySelector('span')!.getBoundingClientRect());
    const measured = JSON.stringify({ inputs: boxes.map((b) => [b.top, b.bottom, b.height]), labels: labels.map((l) => l.bottom) });
    for (const box of boxes.slice(1)) {
      expect(Math.abs(box.height - boxes[0]!.height) < 0.5, measured).to.equal(true);
      expect(Math.abs(box.top - boxes[0]!.top) < 0.5, measured).to.equal(true);
      expect(Math.abs(box.bottom - boxes[0]!.bottom) < 0.5, measured).to.equal(true);
    }
    for (const label of labels.slice(1)) expect(Math.abs(label.bottom - labels[0]!.bottom) < 0.5, measured).to.equal(true);
  });

  it('by test: tests grouped under their panel, the most recent first', async () => {
    shadow(el).querySelectorAll<HTMLButtonElement>('.segmented button')[1]!.click();
    await el.updateComplete;
    const panels = [...shadow(el).querySelectorAll('.panels > .panel')];
    const names = panels.map((p) => p.querySelector('h3')!.textContent!.trim());
    // Today's report first, though another name comes first in the alphabet.
    expect(names[0]).to.equal('Zinc-free lipid and hepatitis screen');
    expect([...panels[0]!.querySelectorAll('.test > h4')].map((h) => h.textContent!.trim()).sort()).to.deep.equal(['HDL cholesterol', 'Hepatitis B surface antigen', 'LDL cholesterol', 'Triglyceride']);
    expect(names).to.deep.equal([...new Set(names)]);
    expect(names.includes('Lipid panel') && names.includes('Hemoglobin A1c')).to.equal(true);
    // Each test's latest result, panel after panel and test after test, only ever older.
    const latest = panels.flatMap((p) => [...p.querySelectorAll('.test')].map((t) => Date.parse(t.querySelector('tbody th time')!.getAttribute('datetime')!)));
    expect(latest.every((at, i) => !i || at <= latest[i - 1]!), JSON.stringify(latest.map((t) => new Date(t).toISOString()))).to.equal(true);
    // Within a test, the newest row first.
    for (const test of shadow(el).querySelectorAll('.test')) {
      const rows = [...test.querySelectorAll('tbody th time')].map((t) => Date.parse(t.getAttribute('datetime')!));
      expect(rows.every((at, i) => !i || at <= rows[i - 1]!)).to.equal(true);
    }
    const headings = [...shadow(el).querySelectorAll('.test > h4')].map((h) => h.textContent!.trim());
    expect(headings).to.deep.equal([...new Set(headings)]);
    await expect(el).to.be.accessible();
  });
});
