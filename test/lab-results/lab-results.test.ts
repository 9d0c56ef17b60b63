import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DiagnosticReport } from 'fhir/r4';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { hashedPatientId, PatientStorage } from '../../packages/core/src/index.js';
import { Sandbox, type SentRequest } from '../helpers/backend.js';
import { downloaded, forgetDeviceStorage, shadow, text, until } from '../helpers/element.js';
import { showAllOlder, showOlderUntil } from './older-pages.js';

/** What the client sent, and whether the element showed reports by then. */
interface SeenRequest extends SentRequest {
  onScreen: boolean;
}

/** A client to the real server that records what it sends, and whether `watch.el` showed reports by then. */
async function countingClient(sandbox: Sandbox, username: string) {
  const sent: SeenRequest[] = [];
  const watch: { el?: LabResults } = {};
  const { client, patient } = await sandbox.recordingClient(username, (request) => sent.push({ ...request, onScreen: !!watch.el && reportButtons(watch.el).length > 0 }));
  return { client, patient, sent, watch };
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
  afterEach(() => forgetDeviceStorage());

  it('lists reports newest first after one request, with the note, and is accessible', async () => {
    const { client, sent, watch, patient } = await countingClient(sandbox, 'maria');
    const el = (watch.el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`));
    expect(!!shadow(el).querySelector('[part="skeleton"]')).to.equal(true);
    await until(() => reportButtons(el).length, 'the reports');
    expect(sent.filter((r) => !r.onScreen).map((r) => r.path)).to.deep.equal(['DiagnosticReport']);
    expect(text(el)).to.contain('before your care team has reviewed them');
    await expect(el).to.be.accessible();
  });

  it('opens a report: values, ranges, flags in words, and the amended report is marked', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="50"></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    const amended = await showOlderUntil(el, () => shadow(el).querySelector('[part="report"].changed'), 'an amended report');
    expect(amended.textContent).to.match(/Amended|Corrected/);
    const flagged = reportButtons(el).find((b) => /outside the range/.test(b.textContent ?? ''))!;
    flagged.click();
    await until(() => flagged.getAttribute('aria-expanded') === 'true' && shadow(el).querySelector('[part="results"]'), 'the results');
    const flags = [...shadow(el).querySelectorAll('[part="flag"]')].map((f) => f.textContent?.trim());
    expect(flags.some((f) => /^(High|Low|Critical high|Critical low|Abnormal)$/.test(f ?? ''))).to.equal(true);
    const row = shadow(el).querySelector('tr.flagged')!;
    expect(row.querySelectorAll('td')[1]!.textContent!.trim()).to.match(/\d/);
    // When and what was collected is said once for the report, not on every row.
    const body = flagged.closest('li')!.querySelector('.report-body')!;
    expect(body.querySelector('.who')!.textContent).to.match(/Collected .*\d/);
    expect(body.querySelector('.who')!.textContent).to.match(/Specimen: (Blood|Serum|Urine)/);
    const rowNotes = [...body.querySelectorAll('tbody th .sub')].map((sub) => sub.textContent ?? '');
    expect(rowNotes.filter((t) => /Collected|Specimen/.test(t))).to.deep.equal([]);
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
    const numeric = onServer.resources.filter((o) => typeof o.valueQuantity?.value === 'number' && o.status !== 'entered-in-error' && o.status !== 'cancelled');
    expect(table.querySelectorAll('tbody tr').length).to.equal(numeric.length);
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
    const file = await downloaded(() => download.click());
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(file.type).to.equal('application/pdf');
    expect(bytes.length).to.equal(expected.length);
    expect(bytes.every((b, i) => b === expected[i])).to.equal(true);
  });

  it('downloads a PDF a server sends inline in the report (presentedForm.data)', async () => {
    // A fixture of its own: the demo seed keeps every report's PDF in a Binary, as production servers do.
    const { client, patient } = await sandbox.newPatientClient('maria');
    const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
    await sandbox.load([
      {
        resourceType: 'DiagnosticReport',
        id: `dr-inline-${patient}`,
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
        code: { text: 'Ferritin' },
        subject: { reference: `Patient/${patient}` },
        effectiveDateTime: '2026-01-05T09:00:00-05:00',
        presentedForm: [{ contentType: 'application/pdf', data: btoa(pdf), title: 'Ferritin.pdf' }],
      },
    ]);
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    const button = await until(() => reportButtons(el)[0], 'the report');
    button.click();
    const download = await until(() => shadow(el).querySelector<HTMLButtonElement>(`#report-dr-inline-${CSS.escape(patient)} .download`), 'the download button');
    const file = await downloaded(() => download.click());
    expect(file.type).to.equal('application/pdf');
    expect(await file.text()).to.equal(pdf);
  });

  it('says who ordered the tests, and downloads a PDF the lab filed as a document pointing at the report', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const documents = await client.searchAll('DocumentReference', { patient: `Patient/${patient}` }, { max: 500 });
    const linked = documents.resources.find((d) => d.context?.related?.some((r) => r.reference?.startsWith('DiagnosticReport/')))!;
    expect(linked, 'the demo data has a report printed as a document').to.not.equal(undefined);
    const reportId = linked.context!.related!.find((r) => r.reference?.startsWith('DiagnosticReport/'))!.reference!.split('/')[1]!;
    const report = await client.read('DiagnosticReport', reportId);
    expect(report.presentedForm, 'the report itself carries no PDF').to.equal(undefined);
    const order = await client.read('ServiceRequest', report.basedOn![0]!.reference!.split('/')[1]!);
    const expected = new Uint8Array(await (await client.download(linked.content[0]!.attachment)).arrayBuffer());

    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    const button = reportButtons(el).find((b) => b.getAttribute('aria-controls') === `report-${reportId}`)!;
    button.click();
    const body = await until(() => shadow(el).querySelector<HTMLElement>(`#report-${CSS.escape(reportId)}:not([hidden])`), 'the report');
    expect(body.querySelector('.who')!.textContent!.replace(/\s+/g, ' ')).to.contain(`Ordered by ${order.requester!.display}`);
    const bytes = new Uint8Array(await (await downloaded(() => body.querySelector<HTMLButtonElement>('.download')!.click())).arrayBuffer());
    expect(String.fromCharCode(...bytes.subarray(0, 4))).to.equal('%PDF');
    expect(bytes.length).to.equal(expected.length);
    expect(bytes.every((b, i) => b === expected[i])).to.equal(true);
  });

  it('lists results that belong to no report among the reports, by date', async function () {
    // Maria's whole history, a screen at a time.
    this.timeout(30_000);
    const { client, patient } = await countingClient(sandbox, 'maria');
    const reports = await client.searchAll('DiagnosticReport', { patient: `Patient/${patient}` }, { max: 1000 });
    const observations = await client.searchAll('Observation', { patient: `Patient/${patient}`, category: 'laboratory' }, { max: 5000 });
    const inReports = new Set<string>(reports.resources.flatMap((r) => (r.result ?? []).map((ref) => ref.reference!.split('/')[1]!)));
    for (const o of observations.resources) for (const m of o.hasMember ?? []) if (inReports.has(o.id!)) inReports.add(m.reference!.split('/')[1]!);
    const loose = observations.resources.filter((o) => !inReports.has(o.id!));
    expect(loose.length, 'Maria has results done in clinic').to.be.greaterThan(0);

    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="100"></lab-results>`);
    await until(() => reportButtons(el).length, 'the first screen');
    // Read as the patient scrolls down the list.
    await showAllOlder(el);
    await until(() => shadow(el).querySelectorAll('[part="report"].loose').length === loose.length, 'the results without a report');
    const shown = [...shadow(el).querySelectorAll('[part="report"].loose [part="report-button"]')].map((b) => b.getAttribute('aria-controls')!.replace(/^result-/, ''));
    expect(shown.sort()).to.deep.equal(loose.map((o) => o.id!).sort());
    // In date order among the reports.
    const times = reportButtons(el).map((b) => {
      const id = b.getAttribute('aria-controls')!;
      const resource = id.startsWith('result-') ? loose.find((o) => o.id === id.slice(7))! : reports.resources.find((r) => r.id === id.slice(7))!;
      return Date.parse(resource.effectiveDateTime ?? '');
    });
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    const first = shadow(el).querySelector<HTMLButtonElement>('[part="report"].loose [part="report-button"]')!;
    first.click();
    await until(() => first.getAttribute('aria-expanded') === 'true', 'opened');
    const body = shadow(el).querySelector(`#${CSS.escape(first.getAttribute('aria-controls')!)}`)!;
    expect(body.textContent).to.contain('not part of a lab report');
    expect(body.querySelectorAll('tbody tr').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('date filters are sent to the server, and the list shows only those dates', async () => {
    const { client, sent, patient } = await countingClient(sandbox, 'large');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    const [from, to] = shadow(el).querySelectorAll<HTMLInputElement>('input[type="date"]');
    from!.value = '2020-01-01';
    from!.dispatchEvent(new Event('change'));
    to!.value = '2020-06-30';
    to!.dispatchEvent(new Event('change'));
    await until(() => sent.some((r) => r.path === 'DiagnosticReport' && r.params.getAll('date').join() === 'ge2020-01-01,le2020-06-30'), 'the filtered search');
    await until(() => reportButtons(el).length && !shadow(el).querySelector('[part="skeleton"]'), 'the filtered reports');
    // The fields were not replaced while the list reloaded (the one being typed in keeps its focus and value).
    expect(to!.isConnected && from!.isConnected).to.equal(true);
    expect(to!.value).to.equal('2020-06-30');
    const ids = reportButtons(el).map((b) => b.getAttribute('aria-controls')!.replace(/^(report|result)-/, ''));
    const expected = await client.searchAll('DiagnosticReport', { patient: `Patient/${patient}`, category: 'LAB', date: ['ge2020-01-01', 'le2020-06-30'], _sort: '-date' }, { max: 1000 });
    expect(expected.resources.length).to.be.greaterThan(0);
    // The first screen of them, newest first.
    const listed = reportButtons(el).filter((b) => b.getAttribute('aria-controls')!.startsWith('report-')).map((b) => b.getAttribute('aria-controls')!.slice(7));
    expect(listed.length).to.be.at.least(Math.min(5, expected.resources.length));
    expect(listed).to.deep.equal(expected.resources.slice(0, listed.length).map((r) => r.id));
    for (const id of ids.filter((i) => expected.resources.some((r) => r.id === i))) {
      const at = expected.resources.find((r) => r.id === id)!.effectiveDateTime!.slice(0, 10);
      expect(at >= '2020-01-01' && at <= '2020-06-30', at).to.equal(true);
    }
  });

  it('by test: each test once, rows by date; a result in another unit is listed in the trend, not drawn', async () => {
    const { client, patient } = await countingClient(sandbox, 'aisha');
    // An old hemoglobin from another lab, in g/L rather than g/dL.
    await sandbox.load([
      {
        resourceType: 'Observation',
        id: 'aisha-hgb-other-lab',
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '718-7', display: 'Hemoglobin [Mass/volume] in Blood' }], text: 'Hemoglobin' },
        subject: { reference: `Patient/${patient}` },
        effectiveDateTime: '2019-03-04T09:00:00-05:00',
        valueQuantity: { value: 118, unit: 'g/L', system: 'http://unitsofmeasure.org', code: 'g/L' },
      },
    ]);
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="100"></lab-results>`);
    await until(() => reportButtons(el).length, 'the first screen');
    await showAllOlder(el);
    await until(() => reportButtons(el).length && shadow(el).querySelector('[part="report"].loose'), 'the reports and the loose result');
    [...shadow(el).querySelectorAll<HTMLButtonElement>('.segmented button')].find((b) => b.textContent?.trim() === 'By test')!.click();
    await el.updateComplete;
    const headings = [...shadow(el).querySelectorAll('.tests > li > h4')].map((h) => h.textContent!.trim());
    expect(headings.length).to.be.greaterThan(3);
    expect(headings).to.deep.equal([...new Set(headings)]);
    const group = [...shadow(el).querySelectorAll('.tests > li')].find((li) => li.querySelector('h4')!.textContent!.trim() === 'Hemoglobin')!;
    const rowHeads = [...group.querySelectorAll('tbody th')].map((th) => th.textContent!.trim());
    expect(rowHeads.length).to.be.greaterThan(2);
    expect(rowHeads.some((t) => t.includes('Hemoglobin'))).to.equal(false);
    expect(rowHeads.every((t) => /\d{4}/.test(t))).to.equal(true);
    await expect(el).to.be.accessible();

    group.querySelector<HTMLButtonElement>('.trend-button')!.click();
    const select = await until(() => shadow(el).querySelector<HTMLSelectElement>('.trend-bar select'), 'the trend view');
    select.value = '0';
    select.dispatchEvent(new Event('change'));
    const table = await until(() => shadow(el).querySelector('[part="trend-table"]'), 'the trend table');
    const onServer = await client.searchAll('Observation', { patient: `Patient/${patient}`, code: 'http://loinc.org|718-7' });
    const numeric = onServer.resources.filter((o) => typeof o.valueQuantity?.value === 'number');
    expect(table.querySelectorAll('tbody tr').length).to.equal(numeric.length);
    expect(table.textContent).to.contain('118 g/L');
    const drawn = shadow(el).querySelectorAll('circle[part~="point"]').length;
    expect(drawn).to.equal(numeric.filter((o) => o.valueQuantity!.unit === 'g/dL').length);
    // One heading names the test; the figure does not repeat it.
    expect(!!shadow(el).querySelector('[part="trend-title"]')).to.equal(false);
  });

  it('names a test the server gives only as a code as an unnamed test, never by the bare code', async () => {
    const { client, patient } = await countingClient(sandbox, 'james');
    const coded = (id: string, coding: { system: string; code: string }, value: string) => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
      code: { coding: [coding] },
      subject: { reference: `Patient/${patient}` },
      effectiveDateTime: '2026-01-05T10:00:00-05:00',
      valueString: value,
    });
    await sandbox.load([coded('james-local-code', { system: 'urn:oid:1.2.3.4', code: 'XR-77' }, 'Seen'), coded('james-loinc-code', { system: 'http://loinc.org', code: '5778-6' }, 'Yellow')]);
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportButtons(el).length, 'the first screen');
    await showOlderUntil(el, () => shadow(el).querySelectorAll('[part="report"].loose').length >= 2, 'the two results');
    const names = [...shadow(el).querySelectorAll('[part="report"].loose .report-name')].map((n) => n.textContent!.trim());
    expect(names).to.include('Unnamed test (code XR-77)');
    expect(names).to.include('Unnamed test (code LOINC 5778-6)');
    expect(names.some((n) => n === 'XR-77' || n === 'LOINC 5778-6')).to.equal(false);
  });

  it('says so when there is nothing in a category, accessibly, after one request', async () => {
    const { client, sent, patient } = await countingClient(sandbox, 'maria');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} category="pathology"></lab-results>`);
    await until(() => shadow(el).querySelector('[part="empty"]'), 'the empty state');
    expect(text(el)).to.contain('No test results yet.');
    expect(sent.map((r) => `${r.path} ${r.params.get('category')}`)).to.deep.equal(['DiagnosticReport PAT']);
    await expect(el).to.be.accessible();
  });

  it('show-trends="false" leaves out the trend buttons', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} show-trends="false"></lab-results>`);
    await until(() => reportButtons(el).length, 'the reports');
    reportButtons(el)[0]!.click();
    await until(() => shadow(el).querySelector('[part="results"]'), 'the results');
    expect(shadow(el).querySelectorAll('.trend-button').length).to.equal(0);
    el.removeAttribute('show-trends');
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('.trend-button').length).to.be.greaterThan(0);
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
    const { client, sent, watch, patient } = await countingClient(sandbox, 'large');
    const el = (watch.el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`));
    await until(() => reportButtons(el).length, 'the reports');
    expect(sent.filter((r) => !r.onScreen).length).to.equal(1);
    // One screen of reports (fewer than page-size on this 800×600 window); then only the results in the dates shown until the patient scrolls.
    const firstCount = Number(sent[0]!.params.get('_count'));
    expect(firstCount).to.be.below(20);
    expect(reportButtons(el).length).to.equal(firstCount);
    expect(sent.filter((r) => r.path === 'DiagnosticReport').length).to.equal(1);
    shadow(el).querySelector('.sentinel')!.scrollIntoView();
    await until(() => reportButtons(el).length >= 2 * firstCount, 'the next page');
    const reportSearches = () => sent.filter((r) => r.path === 'DiagnosticReport');
    expect(reportSearches().length).to.equal(2);
    // The results in the dates each page covers: one window per page, no gaps, no overlap.
    await until(() => sent.filter((r) => r.path === 'Observation').length >= 2 && !shadow(el).querySelector('.more [aria-disabled="true"]'), 'the results windows');
    const windows = sent.filter((r) => r.path === 'Observation').map((r) => r.params.getAll('date'));
    expect(windows[0]!.filter((d) => !d.startsWith('gt'))).to.deep.equal([]);
    const firstAfter = windows[0]!.find((d) => d.startsWith('gt'))!.slice(2);
    expect(windows[1]).to.include(`le${firstAfter}`);
    expect(windows[1]!.find((d) => d.startsWith('gt'))! < `gt${firstAfter}`).to.equal(true);
  });

  it('marks reports that are new since the patient last looked, per patient in this browser', async () => {
    const { client, sent, patient } = await countingClient(sandbox, 'maria');
    const first = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportButtons(first).length, 'the reports');
    expect(shadow(first).querySelectorAll('[part="new-badge"]').length, 'nothing is "new" the first time').to.equal(0);
    first.remove();
    const key = Object.keys(localStorage).find((k) => k.startsWith('portico:mark:lab-results:seen:'))!;
    expect(key).to.not.contain(patient);
    localStorage.setItem(key, String(Date.now() - 60 * 86_400_000));
    const again = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    const badges = await until(() => shadow(again).querySelectorAll('[part="new-badge"]').length, 'new badges');
    // Reloading the list (another page size) keeps them: "new" is measured from the visit before this one.
    const sentBefore = sent.length;
    again.pageSize = 5;
    await again.updateComplete;
    expect(reportButtons(again).length, 'the list is read again').to.equal(0);
    // The first five come in one read; more may follow at once, as the end of a short list is in view.
    const rows = await until(() => reportButtons(again).length >= 5 && reportButtons(again).slice(0, 5), 'the list read again');
    expect(sent.slice(sentBefore).find((r) => r.path === 'DiagnosticReport')?.params.get('_count')).to.equal('5');
    expect(rows.filter((row) => row.querySelector('[part="new-badge"]')).length).to.equal(Math.min(badges, 5));
  });

  it('a "seen" marker kept by the previous version still counts: the new reports since then are marked', async () => {
    const { client, patient } = await countingClient(sandbox, 'maria');
    new PatientStorage('lab-results:seen', 'device').clear();
    localStorage.setItem(`portico:lab-results:seen:${hashedPatientId(patient)}`, String(Date.now() - 60 * 86_400_000));
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => shadow(el).querySelectorAll('[part="new-badge"]').length, 'new badges');
    expect(localStorage.getItem(`portico:lab-results:seen:${hashedPatientId(patient)}`)).to.equal(null);
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
