import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { MedicationRequest } from 'fhir/r4';
import '../../packages/medications/src/define.js';
import type { MedicationList } from '../../packages/medications/src/index.js';
import { sandboxPerTest, type Sandbox } from '../helpers/backend.js';
import { shadow, text, until } from '../helpers/element.js';
import { assertNoScriptRan, HOSTILE_PATIENT_ID, hostileResources, XSS_MARKER } from '../fixtures/hostile-data.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
const medicine = (el: Element, id: string) => shadow(el).querySelector<HTMLElement>(`[data-medication-request-id="${id}"]`);
const words = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A medicine's details as a person reads them: "Started: Jan 2, 2026; Last filled: Not filled yet". */
const details = (item: Element) => [...item.querySelectorAll('[part~="details"] .detail')].map((d) => `${words(d.querySelector('dt'))}: ${words(d.querySelector('dd'))}`).join('; ');

describe('<medication-list> on the embedded FHIR server', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('lists the current medicines first by name, then the past ones with why they stopped', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    await until(() => part(el, 'current'), 'the current medicines');
    const current = [...part(el, 'current')!.querySelectorAll('[part~="medicine-name"]')].map(words);
    expect(current).to.deep.equal([...current].sort((a, b) => a.localeCompare(b)));
    expect(current).to.include.members(['Metformin 500 mg tablet', 'Aspirin 81 mg tablet', 'Insulin glargine pen (100 units/mL)', 'Blood sugar test strips']);
    expect(words(shadow(el).querySelector('#current-heading'))).to.equal(`Current medicines (${current.length})`);
    const simvastatin = medicine(el, 'medrx-maria-simvastatin')!;
    expect(simvastatin.matches('[part~="medicine-past"]')).to.equal(true);
    expect(words(simvastatin.querySelector('[part~="medicine-status"]'))).to.equal('Stopped · Why: Not lowering cholesterol enough');
    // Past after current in the page.
    const order = [...shadow(el).querySelectorAll('[part~="medicine"]')].map((m) => m.getAttribute('part'));
    expect(order.lastIndexOf('medicine medicine-current') < order.indexOf('medicine medicine-past')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('each medicine: how to take it, prescriber, start, last fill, refills left and pharmacy from the server’s fills', async () => {
    const client = await sandbox.client('maria');
    const { resources: fills } = await client.searchAll('MedicationDispense', { patient: 'Patient/maria' });
    const metforminFills = fills.filter((f) => f.authorizingPrescription?.[0]?.reference === 'MedicationRequest/medrx-maria-metformin');
    const last = metforminFills.map((f) => f.whenHandedOver!).sort().pop()!;
    const prescription = await client.read('MedicationRequest', 'medrx-maria-metformin');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const metformin = await until(() => medicine(el, 'medrx-maria-metformin'), 'metformin');
    expect(words(metformin.querySelector('[part~="dose"]'))).to.equal('How to take it: Take 2 tablets (1,000 mg) by mouth twice a day with breakfast and dinner.');
    const day = (value: string) => new Date(value.length === 10 ? `${value}T12:00` : value).toLocaleDateString('en-US', { dateStyle: 'medium' });
    expect(details(metformin)).to.equal(
      [
        `Prescribed by: ${prescription.requester!.display!}`,
        `Started: ${day(prescription.authoredOn!)}`,
        `Last filled: ${day(last)}`,
        `Refills left: ${prescription.dispenseRequest!.numberOfRepeatsAllowed! - (metforminFills.length - 1)}`,
        'Pharmacy: Riverside Health Outpatient Pharmacy',
      ].join('; '),
    );
    // Written only as structured timing: worded by the element.
    expect(words(medicine(el, 'medrx-maria-aspirin')!.querySelector('[part~="dose"]'))).to.equal('How to take it: 1 tablet by mouth every morning');
    // The pending refill request is shown with its medicine, its status in words.
    const request = medicine(el, 'medrx-maria-aspirin')!.querySelector('[part~="request-pending"]')!;
    expect(words(request)).to.match(/^Refill request Asked on .+ Sent, waiting for the prescriber/);
  });

  it('words structured doses in plain words: twice a day with food, every 4 hours as needed, for 10 days, at most a day', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const base = { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: `Patient/${patient}` }, authoredOn: '2026-01-02' } as const;
    const tablet = { value: 1, unit: 'tablet', system: 'http://unitsofmeasure.org', code: '{tbl}' };
    const prescriptions: MedicationRequest[] = [
      { ...base, id: `${patient}-a`, medicationCodeableConcept: { text: 'A' }, dosageInstruction: [{ timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd', when: ['C'] } }, doseAndRate: [{ doseQuantity: tablet }] }] },
      { ...base, id: `${patient}-b`, medicationCodeableConcept: { text: 'B' }, dosageInstruction: [{ timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } }, asNeededBoolean: true, doseAndRate: [{ doseQuantity: { ...tablet, value: 2, unit: 'puffs' } }] }] },
      { ...base, id: `${patient}-c`, medicationCodeableConcept: { text: 'C' }, dosageInstruction: [{ timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd', boundsDuration: { value: 10, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } } }, route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006' }] }, doseAndRate: [{ doseQuantity: tablet }], maxDosePerPeriod: { numerator: { ...tablet, value: 3, unit: 'tablets' }, denominator: { value: 1, code: 'd', system: 'http://unitsofmeasure.org' } } }] },
    ];
    // B was filled once: the server keeps fills, so A's none means not filled yet.
    const filled = { resourceType: 'MedicationDispense', status: 'completed', subject: { reference: `Patient/${patient}` }, authorizingPrescription: [{ reference: `MedicationRequest/${patient}-b` }], whenHandedOver: '2026-01-03T16:00:00Z', medicationCodeableConcept: { text: 'B' } };
    await sandbox.load([...prescriptions, filled]);
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id=${patient} lang="en-US"></medication-list>`);
    await until(() => part(el, 'current'), 'the medicines');
    const dose = (id: string) => words(medicine(el, id)!.querySelector('[part~="dose"]')).replace('How to take it: ', '');
    expect(dose(`${patient}-a`)).to.equal('1 tablet twice a day with food');
    expect(dose(`${patient}-b`)).to.equal('2 puffs every 4 hours as needed');
    expect(dose(`${patient}-c`)).to.equal('1 tablet by mouth 3 times a day for 10 days (no more than 3 tablets a day)');
    // No fill on record yet; no prescriber or refills given, so none shown.
    expect(details(medicine(el, `${patient}-a`)!)).to.equal('Started: Jan 2, 2026; Last filled: Not filled yet');
    // No prescriber named: no request can be addressed, so no button; how to ask instead.
    expect(medicine(el, `${patient}-a`)!.querySelector('[part~="ask-button"]')).to.equal(null);
    const askOffline = () => words(medicine(el, `${patient}-a`)!.querySelector('[part~="ask-offline"]'));
    // Said once the element knows whether requests can be recorded (the server's CapabilityStatement).
    await until(() => askOffline(), 'how to ask instead');
    expect(askOffline()).to.equal('To ask for more, call your pharmacy or the clinic.');
  });

  it('the first screen is three searches side by side; the request form’s code loads only when the patient asks', async () => {
    const sent: string[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => sent.push(`${r.method} ${r.path}`));
    const loaded = () => performance.getEntriesByType('resource').some((e) => /\/request\/request-part\.ts/.test(e.name));
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    await until(() => part(el, 'ask-button'), 'the list with its buttons');
    expect(sent.filter((r) => r !== 'GET metadata').sort()).to.deep.equal(['GET MedicationDispense', 'GET MedicationRequest', 'GET Task']);
    expect(loaded()).to.equal(false);
    part<HTMLButtonElement>(el, 'ask-button')!.click();
    await until(() => part(el, 'request-form'), 'the form');
    expect(loaded()).to.equal(true);
  });

  it('one button decides: a refill while refills are left and it is valid, else a renewal, and says why', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    await until(() => part(el, 'ask-button'), 'the request buttons');
    const ask = (id: string) => [...medicine(el, id)!.querySelector('[part~="ask"]')!.children].map(words).join(' ');
    // Refills left, within its validity period.
    expect(ask('medrx-maria-metformin')).to.equal('Ask for a refill 2 refills left.');
    // Refills used up (one allowed, filled twice).
    expect(ask('medrx-maria-lisinopril')).to.equal('Ask for a renewal No refills left: your prescriber needs to renew it.');
    // Written fourteen months ago for a year: refills unused, but expired.
    const strips = await client.read('MedicationRequest', 'medrx-maria-test-strips');
    const end = new Date(`${strips.dispenseRequest!.validityPeriod!.end!}T12:00`).toLocaleDateString('en-US', { dateStyle: 'medium' });
    expect(ask('medrx-maria-test-strips')).to.equal(`Ask for a renewal This prescription expired on ${end}: your prescriber needs to renew it.`);
    // A pending request: no second one, the request says where it stands. A past medicine: nothing to ask.
    expect(medicine(el, 'medrx-maria-aspirin')!.querySelector('[part~="ask-button"]')).to.equal(null);
    expect(words(medicine(el, 'medrx-maria-aspirin')!.querySelector('[part~="request-status"]'))).to.equal('Sent, waiting for the prescriber');
    expect(medicine(el, 'medrx-maria-simvastatin')!.querySelector('[part~="ask"]')).to.equal(null);
  });

  it('signed out: asks to sign in; loading: a skeleton named for the medications', async () => {
    const signedOut = await fixture<MedicationList>(html`<medication-list lang="en-US"></medication-list>`);
    expect(text(signedOut)).to.contain('Sign in to see your medications and ask for refills.');
    await expect(signedOut).to.be.accessible();
    await sandbox.injectFaults([{ method: 'GET', path: '^MedicationRequest', delayMs: 1500, times: 1 }]);
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const skeleton = await until(() => part(el, 'skeleton'), 'the skeleton');
    expect(words(skeleton)).to.equal('Loading your medications…');
    await expect(el).to.be.accessible();
    await until(() => part(el, 'medicine'), 'the medicines after the delay');
  });

  it('empty: a patient with no prescriptions is told so', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id=${patient} lang="en-US"></medication-list>`);
    const empty = await until(() => part(el, 'empty'), 'the empty state');
    expect(words(empty)).to.equal('No medications on record Medicines your care team prescribes will be listed here.');
    await expect(el).to.be.accessible();
  });

  it('error: says what went wrong and “Try again” loads the list', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^MedicationRequest', status: 400, times: 1 }]);
    const client = await sandbox.client('maria');
    const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="en-US"></medication-list>`);
    const error = await until(() => part(el, 'error'), 'the error');
    expect(words(error.querySelector('[part~="error-message"]'))).to.equal("The server couldn't accept this request. Check the details and try again.");
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await until(() => medicine(el, 'medrx-maria-metformin'), 'the list after trying again');
  });

  it('hostile data: markup in a medicine’s name, prescriber and dose is shown as text and runs nothing', async () => {
    const { client } = await sandbox.newPatientClient('maria', { id: HOSTILE_PATIENT_ID });
    const hostile = hostileResources().filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest');
    // The prescriber is named from the directory when the server includes it; a requester known only by its display shows that.
    const displayOnly = hostile.filter((r) => r.id === 'medrx-hostile-markup').map((r) => ({ ...r, id: 'medrx-hostile-display', requester: { display: r.requester!.display } }));
    await sandbox.load([...hostile, ...displayOnly]);
    try {
      const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id=${HOSTILE_PATIENT_ID} lang="en-US"></medication-list>`);
      const item = await until(() => medicine(el, 'medrx-hostile-markup'), 'the hostile prescription');
      expect(item.querySelectorAll('img, script, b').length).to.equal(0);
      expect(words(item.querySelector('[part~="medicine-name"]'))).to.contain('<script>');
      expect(words(item.querySelector('[part~="dose"]'))).to.contain('<b onmouseover=');
      const named = await until(() => medicine(el, 'medrx-hostile-display'), 'the prescription whose prescriber has only a display');
      expect(named.querySelectorAll('img, script, b').length).to.equal(0);
      expect(details(named)).to.contain('Prescribed by: <img src=x');
      assertNoScriptRan();
    } finally {
      delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
    }
  });

  it('very long data at 320 px: forty medicines with long names all listed, nothing wider than the phone', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const long = 'Hydroxychloroquinesulfatepolyethyleneglycolextendedrelease'.repeat(3);
    await sandbox.load(
      Array.from({ length: 40 }, (_, i) => ({
        resourceType: 'MedicationRequest', id: `${patient}-${i}`, status: i % 4 ? 'active' : 'completed', intent: 'order', subject: { reference: `Patient/${patient}` },
        authoredOn: `2025-0${(i % 9) + 1}-1${i % 10}`, medicationCodeableConcept: { text: `${long} ${i}` }, requester: { reference: 'Practitioner/dr-chen', display: 'Dr. Wei Chen' },
        dosageInstruction: [{ text: `Take ${i + 1} tablets by mouth every morning with a full glass of water, and never on an empty stomach.` }],
        dispenseRequest: { numberOfRepeatsAllowed: 2 },
      })),
    );
    await setViewport({ width: 320, height: 640 });
    try {
      const el = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id=${patient} lang="en-US"></medication-list>`);
      await until(() => shadow(el).querySelectorAll('[part~="medicine"]').length === 40, 'forty medicines');
      expect(words(shadow(el).querySelector('#current-heading'))).to.equal('Current medicines (30)');
      expect(words(shadow(el).querySelector('#past-heading'))).to.equal('Past medicines (10)');
      expect(el.scrollWidth <= el.clientWidth + 1).to.equal(true, `${el.scrollWidth} px wide in ${el.clientWidth}`);
      for (const button of shadow(el).querySelectorAll<HTMLElement>('[part~="ask-button"]')) expect(button.getBoundingClientRect().height >= 44).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('in Spanish and in Arabic (right to left), with the dose worded in the language', async () => {
    const client = await sandbox.client('maria');
    const es = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="es"></medication-list>`);
    await until(() => words(shadow(es).querySelector('#current-heading')).startsWith('Medicamentos actuales'), 'Spanish');
    expect(words(medicine(es, 'medrx-maria-aspirin')!.querySelector('[part~="dose"]'))).to.equal('Cómo tomarlo: 1 tablet por vía oral cada mañana');
    expect(words(medicine(es, 'medrx-maria-metformin')!.querySelector('[part~="ask-button"]'))).to.equal('Pedir un resurtido');
    const ar = await fixture<MedicationList>(html`<medication-list .client=${client} patient-id="maria" lang="ar"></medication-list>`);
    await until(() => words(shadow(ar).querySelector('h2')) === 'الأدوية' && part(ar, 'medicine'), 'Arabic');
    expect(shadow(ar).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
    expect(words(medicine(ar, 'medrx-maria-lisinopril')!.querySelector('[part~="ask-button"]'))).to.equal('اطلب تجديد الوصفة');
    await expect(ar).to.be.accessible();
  });
});
