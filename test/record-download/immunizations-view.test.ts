import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { Immunization } from 'fhir/r4';
import '../../packages/record-download/src/define.js';
import type { RecordDownload } from '../../packages/record-download/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { animationsDone, printCalls, shadow, text, until } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
const rows = (el: Element) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('[part~="immunization"]')];

/** A dose not given (the patient declined it), and one recorded in error. */
const FIXTURES: Immunization[] = [
  {
    resourceType: 'Immunization',
    id: 'imm-maria-declined',
    status: 'not-done',
    statusReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'PATOBJ', display: 'patient objection' }], text: 'Patient declined' },
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '187' }], text: 'Shingles (Shingrix)' },
    patient: { reference: 'Patient/maria' },
    occurrenceDateTime: '2001-02-03',
  },
  {
    resourceType: 'Immunization',
    id: 'imm-maria-mistake',
    status: 'entered-in-error',
    vaccineCode: { text: 'Recorded by mistake' },
    patient: { reference: 'Patient/maria' },
    occurrenceDateTime: '2002-02-03',
  },
];

describe('<record-download> Immunizations', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
    await sandbox.load(FIXTURES);
  });
  afterEach(async () => {
    await sandbox.clearFaults();
    await emulateMedia({ media: 'screen' });
  });
  after(() => sandbox.dispose());

  it('lists every vaccine newest first with date, dose, lot and where; a dose not given with its reason; the patient’s name and birth date on top', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'GET', path: '^Immunization', delayMs: 1000, times: 1 }]);
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="immunizations"></record-download>`);
    await until(() => shadow(el).querySelector('.immunization-view [part~="skeleton"]'), 'the loading state');
    await expect(el).to.be.accessible();
    await until(() => rows(el).length, 'the vaccines');
    const { resources } = await client.searchAll('Immunization', { patient: 'Patient/maria' });
    const listed = resources.filter((i) => i.status !== 'entered-in-error');
    expect(rows(el).length).to.equal(listed.length);
    expect(text(el).includes('Recorded by mistake')).to.equal(false, 'an entry in error is left out');
    const newest = [...listed].sort((a, b) => (a.occurrenceDateTime! < b.occurrenceDateTime! ? 1 : -1))[0]!;
    const first = rows(el)[0]!;
    expect(first.querySelector('th')!.textContent).to.include(newest.vaccineCode.text!);
    expect(first.textContent).to.include(newest.lotNumber!);
    expect(first.textContent).to.include(newest.location!.display!);
    const covid = rows(el).filter((r) => r.textContent!.includes('COVID-19'));
    expect(covid.map((r) => r.cells[2]!.textContent!.trim()).sort().join(' ')).to.equal('1 2', 'the doses');
    const declined = rows(el).find((r) => r.querySelector('[part~="not-given"]'))!;
    expect(declined.textContent!.replace(/\s+/g, ' ')).to.include('Not given: Patient declined');
    const patient = await client.read('Patient', 'maria');
    const head = part(el, 'immunization-patient')!.textContent!.replace(/\s+/g, ' ');
    expect(head).to.include(patient.name![0]!.family!);
    expect(head).to.include('Date of birth');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('prints from the keyboard, and the printed page is only the record', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="immunizations"></record-download>`);
    const print = await until(() => part<HTMLButtonElement>(el, 'immunizations-print-button'), 'Print');
    const printed = await printCalls(async () => {
      shadow(el).querySelector<HTMLButtonElement>('.tabs button')!.focus();
      for (let i = 0; i < 20 && shadow(el).activeElement !== print; i++) await sendKeys({ press: 'Tab' });
      expect(shadow(el).activeElement === print).to.equal(true, 'Tab reaches Print');
      await sendKeys({ press: 'Enter' });
    });
    expect(printed).to.equal(1);
    await emulateMedia({ media: 'print' });
    const shown = (e: Element | null) => !!e && e.checkVisibility();
    expect(shown(shadow(el).querySelector('.tabs'))).to.equal(false, 'no tabs on paper');
    expect(shown(print)).to.equal(false, 'no print button on paper');
    expect(shown(shadow(el).querySelector('.record-download > h2'))).to.equal(false, 'no element heading on paper');
    expect(shown(part(el, 'immunization-patient'))).to.equal(true, 'the patient on paper');
    expect(shown(part(el, 'immunizations'))).to.equal(true, 'the table on paper');
  });

  it('an error says so, with a retry; in Arabic, right to left', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'GET', path: '^Immunization', status: 500, times: 1 }]);
    const wrapper = await fixture(html`<div lang="ar"><record-download .client=${client} patient-id="maria" view="immunizations"></record-download></div>`);
    const el = wrapper.querySelector('record-download')!;
    const retry = await until(() => shadow(el).querySelector<HTMLButtonElement>('.immunization-view [part~="retry-button"]'), 'the error');
    await expect(el).to.be.accessible();
    retry.click();
    await until(() => rows(el).length, 'the vaccines after the retry');
    expect(text(el)).to.include('سجل التطعيمات');
    expect(shadow(el).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
    await animationsDone();
    await expect(el).to.be.accessible();
  });
});
