import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DiagnosticReport } from 'fhir/r4';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';

function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

function text(el: Element): string {
  return (shadow(el).textContent ?? '').replace(/\s+/g, ' ');
}

async function until<T>(probe: () => T | undefined | null | false, message: string): Promise<T> {
  let value: T | undefined | null | false;
  await waitUntil(() => (value = probe()), message, { timeout: 8000 });
  return value as T;
}

async function countingClient(sandbox: Sandbox, username: string) {
  const { access_token, patient } = await sandbox.token(username);
  const requests: string[] = [];
  const client = new FhirClient({
    baseUrl: sandbox.fhirBaseUrl,
    getAccessToken: () => access_token,
    fetch: (input, init) => {
      requests.push(new URL(String(input instanceof Request ? input.url : input)).pathname.split('/fhir/')[1] ?? '');
      return fetch(input, init);
    },
  });
  return { client, requests, patient };
}

function reportButtons(el: LabResults): HTMLButtonElement[] {
  return [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="report-button"]')];
}

describe('<lab-results> on the real embedded server', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create({ largePatient: true });
  });
  after(() => sandbox.dispose());
  afterEach(() => localStorage.clear());

  it('lists reports newest first after one request, with the note, and is accessible', async () => {
    const { client, requests, patient } = await countingClient(sandbox, 'maria');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    expect(!!shadow(el).querySelector('[part="skeleton"]')).to.equal(true);
    await until(() => reportButtons(el).length, 'the reports');
    expect(requests).to.deep.equal(['DiagnosticReport']);
    expect(text(el)).to.contain('before your care team has reviewed them');
    await expect(el).to.be.accessible();
  });

  it('opens a report: values, ranges, flags in words, and the amended report is marked', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="50"></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    const amended = await until(() => shadow(el).querySelector('[part="report"].changed'), 'an amended report');
    expect(amended.textContent).to.match(/Amended|Corrected/);
    const flagged = reportButtons(el).find((b) => /outside the range/.test(b.textContent ?? ''))!;
    flagged.click();
    await until(() => flagged.getAttribute('aria-expanded') === 'true' && shadow(el).querySelector('[part="results"]'), 'the results');
    const flags = [...shadow(el).querySelectorAll('[part="flag"]')].map((f) => f.textContent?.trim());
    expect(flags.some((f) => /^(High|Low|Critical high|Critical low|Abnormal)$/.test(f ?? ''))).to.equal(true);
    const row = shadow(el).querySelector('tr.flagged')!;
    expect(row.querySelectorAll('td')[1]!.textContent!.trim()).to.match(/\d/);
    await expect(el).to.be.accessible();
  });

  it('a trend shows the same values as the server, as a chart with a table', async () => {
    const { client, patient } = await countingClient(sandbox, 'large');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    reportButtons(el)[0]!.click();
    const trendButton = await until(() => shadow(el).querySelector<HTMLButtonElement>('.trend-button'), 'a trend button');
    trendButton.focus();
    await sendKeys({ press: 'Enter' });
    const select = await until(() => shadow(el).querySelector<HTMLSelectElement>('.trend-bar select'), 'the trend view');
    select.value = '0';
    select.dispatchEvent(new Event('change'));
    const table = await until(() => shadow(el).querySelector('[part~="trend-table"], [part="trend"] table'), 'the trend table');
    const id = trendButton.dataset.trendFor!;
    const observation = await client.read('Observation', id);
    const coding = observation.code.coding!.find((c) => c.system === 'http://loinc.org')!;
    const onServer = await client.searchAll('Observation', { patient: `Patient/${patient}`, code: `${coding.system}|${coding.code}` }, { max: 5000 });
    const sameUnit = onServer.resources.filter((o) => typeof o.valueQuantity?.value === 'number' && o.valueQuantity.unit === observation.valueQuantity?.unit);
    expect(table.querySelectorAll('tbody tr').length).to.equal(sameUnit.length);
    expect(!!shadow(el).querySelector('svg[role="img"]')).to.equal(true);
    await expect(el).to.be.accessible();
    // Back where the patient was.
    [...shadow(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Back to results')!.click();
    await until(() => shadow(el).activeElement?.getAttribute('data-trend-for') === id, 'focus back on the trend button');
  });

  it('downloads a report PDF with the same bytes as the server holds', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const all = await client.searchAll('DiagnosticReport', { patient: `Patient/${patient}` }, { max: 500 });
    const withPdf = all.resources.find((r): r is DiagnosticReport => !!r.presentedForm?.length)!;
    const expected = new Uint8Array(await (await client.download(withPdf.presentedForm![0]!)).arrayBuffer());
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="100"></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    const button = reportButtons(el).find((b) => b.getAttribute('aria-controls') === `report-${withPdf.id}`)!;
    button.click();
    const download = await until(() => shadow(el).querySelector<HTMLButtonElement>(`#report-${CSS.escape(withPdf.id!)} .download`), 'the download button');
    const created: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      created.push(blob as Blob);
      return original.call(URL, blob);
    };
    try {
      download.click();
      await until(() => created.length, 'the file');
    } finally {
      URL.createObjectURL = original;
    }
    const bytes = new Uint8Array(await created[0]!.arrayBuffer());
    expect(created[0]!.type).to.equal('application/pdf');
    expect(bytes.length).to.equal(expected.length);
    expect(bytes.every((b, i) => b === expected[i])).to.equal(true);
  });

  it('filters: "outside the range" keeps only flagged results; text finds a test', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="50"></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    const before = reportButtons(el).length;
    const abnormal = shadow(el).querySelector<HTMLInputElement>('.check input')!;
    abnormal.click();
    await el.updateComplete;
    const after = reportButtons(el);
    expect(after.length).to.be.greaterThan(0);
    expect(after.length).to.be.lessThan(before);
    expect(after.every((b) => /outside the range/.test(b.textContent ?? ''))).to.equal(true);
    abnormal.click();
    const search = shadow(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'zzz-no-such-test';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text(el)).to.contain('No results match these filters.');
  });

  it('5,000 results: the first screen is one request, scrolling loads older reports', async () => {
    const { client, requests, patient } = await countingClient(sandbox, 'large');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    expect(requests.length).to.equal(1);
    expect(reportButtons(el).length).to.equal(20);
    shadow(el).querySelector('.sentinel')!.scrollIntoView();
    await until(() => reportButtons(el).length >= 40, 'the next page');
    expect(requests.length).to.equal(2);
  });

  it('marks reports that are new since the patient last looked, per patient in this browser', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const first = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportButtons(first).length, 'the reports');
    expect(shadow(first).querySelectorAll('[part="new-badge"]').length, 'nothing is "new" the first time').to.equal(0);
    first.remove();
    const key = Object.keys(localStorage).find((k) => k.startsWith('portico:lab-results:seen:'))!;
    expect(key).to.not.contain(patient);
    localStorage.setItem(key, String(Date.now() - 60 * 86_400_000));
    const again = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    const badges = await until(() => shadow(again).querySelectorAll('[part="new-badge"]').length, 'new badges');
    // Reloading the list (another page size) keeps them: "new" is measured from the visit before this one.
    again.pageSize = 10;
    await until(() => reportButtons(again).length === 10, 'the shorter list');
    expect(shadow(again).querySelectorAll('[part="new-badge"]').length).to.equal(Math.min(badges, 10));
  });

  it('shows an error with a retry, and recovers', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    await sandbox.injectFaults([{ path: '^DiagnosticReport', status: 500, times: 1 }]);
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    const retry = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part="retry-button"]'), 'the retry button');
    await expect(el).to.be.accessible();
    retry.click();
    await until(() => reportButtons(el).length, 'the reports after retry');
  });
});
