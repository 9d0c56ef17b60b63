import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { animationsDone, forgetDeviceStorage, shadow, until } from '../helpers/element.js';
import { layoutFaults } from './layout-checks.js';

/**
 * The sizes a patient meets: a small phone (320 px), a common phone (375 px), and a 1280 px desktop at
 * 200 % zoom (640 CSS px); and a 640 px desktop at 200 % zoom (320 CSS px) in Arabic.
 */
const SCREENS = [
  { name: '320 px phone', width: 320, lang: 'en' },
  { name: '375 px phone', width: 375, lang: 'en' },
  { name: '1280 px desktop at 200 % zoom', width: 640, lang: 'en' },
  { name: '640 px desktop at 200 % zoom, in Arabic', width: 320, lang: 'ar' },
  { name: '1280 px desktop at 200 % zoom, in Arabic', width: 640, lang: 'ar' },
] as const;

const STATES = ['list', 'opened report', 'trend', 'by test', 'error', 'empty'] as const;
type State = (typeof STATES)[number];

const LAB = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }];

/**
 * Today's report as a real lab sends it: a long test name, results outside the range, and a
 * qualitative result whose interpretation is the lab's own word ("Negative", no code).
 */
function todaysReport(patient: string) {
  const at = new Date().toISOString();
  const result = (id: string, extra: object) => ({ resourceType: 'Observation', id, status: 'final', category: LAB, subject: { reference: `Patient/${patient}` }, effectiveDateTime: at, ...extra });
  const mgdl = (value: number) => ({ value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' });
  const H = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }];
  return [
    result('narrow-ldl', { code: { coding: [{ system: 'http://loinc.org', code: '13457-7' }], text: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation' }, valueQuantity: mgdl(182), interpretation: H, referenceRange: [{ high: mgdl(130) }] }),
    result('narrow-tg', { code: { coding: [{ system: 'http://loinc.org', code: '2571-8' }], text: 'Triglyceride' }, valueQuantity: mgdl(240), interpretation: H, referenceRange: [{ high: mgdl(150) }] }),
    result('narrow-hbsag', { code: { coding: [{ system: 'http://loinc.org', code: '5196-1' }], text: 'Hepatitis B virus surface Ag [Presence] in Serum' }, valueString: 'Not detected', interpretation: [{ text: 'Negative' }] }),
    {
      resourceType: 'DiagnosticReport',
      id: 'narrow-report',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
      code: { text: 'Lipid panel and hepatitis B screen' },
      subject: { reference: `Patient/${patient}` },
      effectiveDateTime: at,
      issued: at,
      result: [{ reference: 'Observation/narrow-ldl' }, { reference: 'Observation/narrow-tg' }, { reference: 'Observation/narrow-hbsag' }],
    },
  ];
}

function reportButtons(el: LabResults): HTMLButtonElement[] {
  return [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="report-button"]')];
}

describe('<lab-results> on narrow screens, at 200 % zoom and in Arabic', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
    await sandbox.load(todaysReport((await sandbox.token('maria')).patient));
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await sandbox.dispose();
  });
  afterEach(async () => {
    forgetDeviceStorage();
    await sandbox.clearFaults();
  });

  /** The element in `state`, on `screen`. */
  async function show(state: State, lang: string): Promise<LabResults> {
    const client = await sandbox.client('maria');
    const { patient } = await sandbox.token('maria');
    if (state === 'error') await sandbox.injectFaults([{ path: '^DiagnosticReport', status: 500, times: 1 }]);
    const wrapper = await fixture<HTMLElement>(
      html`<div lang=${lang}><lab-results .client=${client} patient-id=${patient} category=${state === 'empty' ? 'pathology' : 'laboratory'}></lab-results></div>`,
    );
    const el = wrapper.querySelector('lab-results')!;
    if (state === 'error') {
      await until(() => shadow(el).querySelector('[part="retry-button"]'), 'the error');
      return el;
    }
    if (state === 'empty') {
      await until(() => shadow(el).querySelector('[part="empty"]'), 'the empty state');
      return el;
    }
    await until(() => reportButtons(el).length && shadow(el).querySelector('.hint.end, .more'), 'the reports');
    if (state === 'list') return el;
    if (state === 'by test') {
      shadow(el).querySelectorAll<HTMLButtonElement>('.segmented button')[1]!.click();
      await until(() => shadow(el).querySelector('.tests .trend-button'), 'the results by test');
      return el;
    }
    // Today's report: flags, the lab's own word, a long name and trend buttons.
    reportButtons(el).find((b) => b.getAttribute('aria-controls') === 'report-narrow-report')!.click();
    await until(() => shadow(el).querySelector('#report-narrow-report:not([hidden]) [part~="flag"]'), 'the report with its flags');
    const trend = await until(() => shadow(el).querySelector<HTMLButtonElement>('.report-body:not([hidden]) .trend-button'), 'the opened report');
    if (state === 'opened report') return el;
    trend.click();
    await until(() => shadow(el).querySelector('[part="trend-table"]'), 'the trend');
    return el;
  }

  for (const screen of SCREENS) {
    for (const state of STATES) {
      it(`${state}, ${screen.name}: no sideways scroll, controls inside and at least 24 px, no word split`, async () => {
        await setViewport({ width: screen.width, height: 800 });
        const el = await show(state, screen.lang);
        await el.updateComplete;
        await animationsDone();
        expect(layoutFaults(el).join('\n')).to.equal('');
        // Scrolled through once, as the patient would: entries off screen are laid out at their real
        // height (`content-visibility: auto`), so the accessibility check reads what is really behind each text.
        for (const entry of shadow(el).querySelectorAll('.report, .test')) {
          entry.scrollIntoView();
          await new Promise(requestAnimationFrame);
        }
        await expect(el).to.be.accessible();
      });
    }
  }
});
