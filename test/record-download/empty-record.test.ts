import { expect, fixture, html } from '@open-wc/testing';
import type { Bundle } from 'fhir/r4';
import type { FhirClient } from '../../packages/core/src/index.js';
import '../../packages/record-download/src/define.js';
import type { RecordDownload } from '../../packages/record-download/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { animationsDone, downloaded, shadow, text, until } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);

/**
 * A patient new to the clinic, with nothing on record but who they are: every view says so in words,
 * offers nothing that cannot work, and stays accessible.
 */
describe('<record-download> for a patient with nothing on record yet', () => {
  let sandbox: Sandbox;
  let client: FhirClient;
  let patient: string;
  before(async () => {
    sandbox = await Sandbox.create();
    ({ client, patient } = await sandbox.newPatientClient('maria', { given: 'Noor', family: 'Haddad' }));
  });
  after(() => sandbox.dispose());

  const open = (view: string) => fixture<RecordDownload>(html`<record-download .client=${client} patient-id=${patient} view=${view}></record-download>`);

  it('the summary: their details, and every section says nothing is recorded', async () => {
    const el = await open('summary');
    const summary = await until(() => part(el, 'summary'), 'the summary');
    expect(part(el, 'summary-patient')!.textContent).to.include('Noor Haddad');
    const sections = [...summary.querySelectorAll<HTMLElement>('[part~="summary-section"]')];
    expect(sections.length).to.equal(7);
    const said = sections.map((s) => s.textContent!.replace(/\s+/g, ' ').trim());
    for (const words of ['No problems recorded', 'No allergies recorded', 'No medications recorded', 'No immunizations recorded', 'No results recorded', 'No visits recorded', 'No care team recorded']) {
      expect(said.some((s) => s.includes(words))).to.equal(true, `"${words}" in ${said.join(' | ')}`);
    }
    expect(summary.querySelectorAll('[part~="summary-section"] li').length).to.equal(0);
    expect(!!part(el, 'print-button')).to.equal(true, 'a summary of details only still prints');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('documents: "No documents yet", with no filters to narrow nothing', async () => {
    const el = await open('documents');
    await until(() => text(el).includes('No documents yet.'), 'no documents');
    expect(shadow(el).querySelectorAll('[part~="document"]').length).to.equal(0);
    expect(part(el, 'type-filter') === null).to.equal(true, 'no type filter over an empty list');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('immunizations: none on record, said calmly, with no table and nothing to print', async () => {
    const el = await open('immunizations');
    await until(() => text(el).includes('No immunizations on record.'), 'no immunizations');
    expect(shadow(el).querySelectorAll('[part~="immunization"]').length).to.equal(0);
    expect(part(el, 'immunizations-print-button') === null).to.equal(true);
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('health card: no card of either kind, each saying what a card would carry; no file offered', async () => {
    const el = await open('health-card');
    await until(() => text(el).includes('No health card to issue.'), 'no vaccination card');
    expect(text(el)).to.include('there are none on record yet');
    shadow(el).querySelector<HTMLInputElement>('[part~="health-card-kind"] input[value="laboratory"]')!.click();
    await until(() => text(el).includes('No test results to put on a card.'), 'no test-result card');
    expect(part(el, 'health-card-download') === null).to.equal(true);
    expect(part(el, 'health-card-qr') === null).to.equal(true);
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('everything: the export finishes and saves a file with who they are and nothing else', async () => {
    const el = await open('everything');
    (await until(() => part<HTMLButtonElement>(el, 'export-start-button'), 'the form')).click();
    const save = await until(() => part<HTMLButtonElement>(el, 'export-save-button'), 'the finished export');
    expect(part(el, 'export-counts')!.querySelectorAll('li').length).to.equal(1, 'one kind of data: who they are');
    const file = await downloaded(() => save.click());
    const bundle = JSON.parse(await file.text()) as Bundle;
    expect((bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`).join()).to.equal(`Patient/${patient}`);
    await animationsDone();
    await expect(el).to.be.accessible();
  });
});
