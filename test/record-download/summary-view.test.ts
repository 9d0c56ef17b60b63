import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { CodeableConcept } from 'fhir/r4';
import { conceptName, type FhirClient } from '../../packages/core/src/index.js';
import '../../packages/record-download/src/define.js';
import type { RecordDownload } from '../../packages/record-download/src/index.js';
import { Sandbox, type SentRequest } from '../helpers/backend.js';
import { animationsDone, printCalls, shadow, text, until } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
const sectionText = (el: Element, name: string) => (shadow(el).querySelector(`[data-section="${name}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const names = (concepts: (CodeableConcept | undefined)[]) => [...new Set(concepts.map((c) => conceptName(c)))].filter(Boolean);

/** What maria's record holds, searched directly. */
async function mariasRecord(client: FhirClient) {
  const [conditions, allergies, medications, immunizations] = await Promise.all([
    client.searchAll('Condition', { patient: 'maria' }),
    client.searchAll('AllergyIntolerance', { patient: 'maria' }),
    client.searchAll('MedicationRequest', { patient: 'maria', status: 'active' }),
    client.searchAll('Immunization', { patient: 'maria' }),
  ]);
  return {
    // A condition ruled out or entered in error is not a problem of hers.
    problems: names(conditions.resources.filter((c) => !c.verificationStatus?.coding?.some((x) => x.code === 'refuted' || x.code === 'entered-in-error')).map((c) => c.code)),
    ruledOut: names(conditions.resources.filter((c) => c.verificationStatus?.coding?.some((x) => x.code === 'refuted' || x.code === 'entered-in-error')).map((c) => c.code)),
    allergies: names(allergies.resources.map((a) => a.code)),
    medications: names(medications.resources.map((m) => m.medicationCodeableConcept ?? (m.contained?.[0] as { code?: CodeableConcept } | undefined)?.code)),
    immunizations: names(immunizations.resources.map((i) => i.vaccineCode)),
  };
}

async function showSummary(client: FhirClient, patient = 'maria', lang = 'en'): Promise<RecordDownload> {
  const el = await fixture<RecordDownload>(html`<record-download lang=${lang} .client=${client} patient-id=${patient} view="summary"></record-download>`);
  await until(() => part(el, 'summary'), 'the summary');
  return el;
}

describe('<record-download> Summary: a page to print', () => {
  let sandbox: Sandbox;
  let withoutOperations: Sandbox;
  before(async () => {
    [sandbox, withoutOperations] = await Promise.all([Sandbox.create(), Sandbox.create({ recordOperations: false })]);
  });
  afterEach(() => sandbox.clearFaults());
  after(() => Promise.all([sandbox.dispose(), withoutOperations.dispose()]));

  it('shows maria\'s problems, allergies, medications and immunizations from the server\'s patient summary, in three requests', async () => {
    const requests: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => requests.push(r));
    const record = await mariasRecord(await sandbox.client('maria'));
    const el = await showSummary(client);
    expect(requests.filter((r) => r.path !== 'metadata').map((r) => r.path).sort()).to.deep.equal(['CareTeam', 'Encounter', 'Patient/maria/$summary']);
    const { ruledOut, ...sections } = record;
    for (const [section, expected] of Object.entries(sections)) {
      expect(expected.length, `maria has ${section}`).to.be.greaterThan(0);
      for (const name of expected) expect(sectionText(el, section), section).to.contain(name);
    }
    expect(ruledOut.length, 'maria has a condition ruled out').to.be.greaterThan(0);
    for (const name of ruledOut) expect(sectionText(el, 'problems')).not.to.contain(name);
    expect(sectionText(el, 'allergies')).to.contain('reaction: Skin rash');
    expect(text(el)).to.contain('Patient details').and.contain('Date of birth').and.contain('Recent results').and.contain('Recent visits').and.contain('Care team');
    expect(sectionText(el, 'results')).not.to.contain('No results recorded');
    expect(sectionText(el, 'careTeam')).not.to.contain('No care team recorded');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('prints only the summary: the button calls the browser\'s print, and on paper the tabs and buttons are gone', async () => {
    const el = await showSummary(await sandbox.client('maria'));
    expect(await printCalls(() => part<HTMLButtonElement>(el, 'print-button')!.click())).to.equal(1);
    const shown = (selector: string) => (shadow(el).querySelector(selector)?.getClientRects().length ?? 0) > 0;
    expect(shown('[part~="print-button"]')).to.equal(true);
    await emulateMedia({ media: 'print' });
    try {
      expect(shown('[part~="print-button"]')).to.equal(false, 'the button is not printed');
      expect(shown('.tabs')).to.equal(false, 'the tabs are not printed');
      expect(shown('[data-section="problems"]')).to.equal(true, 'the summary is printed');
      expect(getComputedStyle(shadow(el).querySelector('.line-date')!).color).to.equal('rgb(0, 0, 0)');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('without the record operations, shows the same sections from searches, all at once', async () => {
    const requests: SentRequest[] = [];
    const { client } = await withoutOperations.recordingClient('maria', (r) => requests.push(r));
    const [fromSearches, fromIps] = [await showSummary(client), await showSummary(await sandbox.client('maria'))];
    expect(requests.filter((r) => r.path !== 'metadata').map((r) => r.path).sort()).to.deep.equal(['AllergyIntolerance', 'CareTeam', 'Condition', 'Encounter', 'Immunization', 'MedicationRequest', 'Observation', 'Patient/maria']);
    for (const section of ['problems', 'allergies', 'medications', 'immunizations', 'visits', 'careTeam']) {
      expect(sectionText(fromSearches, section), section).to.equal(sectionText(fromIps, section));
    }
    expect(part(fromSearches, 'summary-patient')!.textContent!.replace(/\s+/g, ' ')).to.equal(part(fromIps, 'summary-patient')!.textContent!.replace(/\s+/g, ' '));
    const record = await mariasRecord(await withoutOperations.client('maria'));
    for (const name of record.problems) expect(sectionText(fromSearches, 'problems')).to.contain(name);
    for (const name of record.ruledOut) expect(sectionText(fromSearches, 'problems')).not.to.contain(name);
  });

  it('says a part is missing when the sign-in does not allow it, and "No allergies recorded" only then not', async () => {
    const client = await withoutOperations.client('maria', { scope: 'patient/Patient.rs patient/Condition.rs' });
    const el = await showSummary(client);
    expect(sectionText(el, 'allergies')).to.contain('The server did not give this part.');
    expect(sectionText(el, 'allergies')).not.to.contain('No known allergies');
    expect(sectionText(el, 'problems')).not.to.contain('The server did not give this part.');
  });

  it('says the summary could not be loaded, and loads it on Try again', async () => {
    await sandbox.injectFaults([{ path: '\\$summary$', status: 500, diagnostics: 'Summary service offline' }]);
    const el = await fixture<RecordDownload>(html`<record-download .client=${await sandbox.client('maria')} patient-id="maria" view="summary"></record-download>`);
    const retry = await until(() => part<HTMLButtonElement>(el, 'retry-button'), 'the error');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    await animationsDone();
    await expect(el).to.be.accessible();
    retry.click();
    await until(() => part(el, 'summary'), 'the summary after Try again');
    expect(sectionText(el, 'allergies')).to.contain('Penicillin');
  });

  it('in Arabic, right to left, at 320 px: aisha has no known allergies, as her record says', async () => {
    const el = await fixture<RecordDownload>(html`<record-download lang="ar" style="width: 320px" .client=${await sandbox.client('aisha')} patient-id="aisha" view="summary"></record-download>`);
    await until(() => text(el).includes('بيانات المريض') && part(el, 'summary'), 'the summary in Arabic');
    const section = shadow(el).querySelector('section')!;
    expect(section.scrollWidth <= section.clientWidth).to.equal(true, 'nothing wider than 320 px');
    expect(shadow(el).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
    expect(sectionText(el, 'allergies')).to.contain('لا حساسية معروفة');
    expect(part(el, 'print-button')!.textContent!.trim()).to.equal('اطبع أو احفظ بصيغة PDF');
    await animationsDone();
    await expect(el).to.be.accessible();
  });
});
