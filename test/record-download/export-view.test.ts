import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Bundle, Resource } from 'fhir/r4';
import type { FhirClient } from '../../packages/core/src/index.js';
import '../../packages/record-download/src/define.js';
import type { RecordDownload } from '../../packages/record-download/src/index.js';
import type { PorticoRecordDownloadedEvent } from '../../packages/record-download/src/views/export-events.js';
import { Sandbox, type SentRequest } from '../helpers/backend.js';
import { animationsDone, downloaded, shadow, text, until } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);

/** Directory types every patient may read, and Binary: not anyone's record. */
const DIRECTORY = new Set(['Practitioner', 'PractitionerRole', 'Organization', 'Location', 'HealthcareService', 'Schedule', 'Slot', 'Medication', 'Binary']);

/** Maria's record as the server answers it: every searchable type, searched with no parameter (the server keeps a patient's token to their record). */
async function serverRecord(client: FhirClient): Promise<string[]> {
  const capability = await client.capabilities();
  const types = capability.rest![0]!.resource!.filter((r) => r.interaction?.some((i) => i.code === 'search-type') && !DIRECTORY.has(r.type)).map((r) => r.type);
  const keys = await Promise.all(types.map(async (type) => (await client.searchAll(type as never, {}, { pageSize: 1000, max: 100000 })).resources.map((r: Resource) => `${r.resourceType}/${r.id}`)));
  return keys.flat().sort();
}

async function setDate(el: Element, end: 'from' | 'to', value: string): Promise<void> {
  const input = shadow(el).querySelector<HTMLInputElement>(`input[name="${end}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('change'));
  await (el as RecordDownload).updateComplete;
}

describe('<record-download> Everything: the FHIR export', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  afterEach(() => sandbox.clearFaults());
  after(() => sandbox.dispose());

  it('offers every kind, the dates and the format; refuses a wrong date range without a request', async () => {
    const requests: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => requests.push(r));
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="everything"></record-download>`);
    const start = await until(() => part<HTMLButtonElement>(el, 'export-start-button'), 'the form');
    const kinds = [...shadow(el).querySelectorAll<HTMLInputElement>('input[name="kind"]')];
    expect(kinds.map((k) => `${k.value}:${k.checked}`).join(' ')).to.equal('labs:true medications:true visits:true immunizations:true documents:true billing:true other:true');
    expect(text(el)).to.contain('Lab results').and.contain('Bills and insurance').and.contain('One FHIR JSON file').and.contain('NDJSON');
    await until(() => part(el, 'other-forms'), 'the other forms the server offers');
    await animationsDone();
    await expect(el).to.be.accessible();

    const sent = requests.length;
    await setDate(el, 'from', '2024-06-01');
    await setDate(el, 'to', '2024-01-01');
    start.click();
    await until(() => part(el, 'export-problem'), 'the problem');
    expect(part(el, 'export-problem')!.textContent).to.contain('The start date is after the end date.');
    expect(shadow(el).querySelector('input[name="from"]')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    await setDate(el, 'to', '');
    await setDate(el, 'from', '2999-01-01');
    start.click();
    await el.updateComplete;
    expect(part(el, 'export-problem')!.textContent).to.contain('not in the future');

    await setDate(el, 'from', '');
    for (const kind of kinds) kind.click();
    start.click();
    await el.updateComplete;
    expect(part(el, 'export-problem')!.textContent).to.contain('Choose at least one kind of data.');
    expect(!!part(el, 'export-progress')).to.equal(false, 'nothing started');
    expect(requests.length, 'no request for a refused form').to.equal(sent);
  });

  it('runs maria\'s whole record with the keyboard to 100 %, says what is in it, and saves exactly the server\'s record', async () => {
    const client = await sandbox.client('maria');
    const events: PorticoRecordDownloadedEvent['detail'][] = [];
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="everything" @portico-record-downloaded=${(e: PorticoRecordDownloadedEvent) => events.push(e.detail)}></record-download>`);
    const start = await until(() => part<HTMLButtonElement>(el, 'export-start-button'), 'the form');
    // Slow a few searches so the run can be seen (and checked) while it goes on.
    await sandbox.injectFaults([{ path: '^(Encounter|Immunization|Condition)$', delayMs: 700, times: 3 }]);
    const seen: { value: number; max: number; words: string }[] = [];
    const observer = new MutationObserver(() => {
      const progress = shadow(el).querySelector('progress');
      if (progress?.hasAttribute('value')) seen.push({ value: progress.value, max: progress.max, words: part(el, 'export-progress-words')!.textContent!.trim() });
    });
    observer.observe(shadow(el), { subtree: true, childList: true, attributes: true, characterData: true });
    start.focus();
    await sendKeys({ press: 'Enter' });
    const cancel = await until(() => part(el, 'export-cancel-button'), 'the run');
    expect(shadow(el).activeElement === cancel).to.equal(true, 'focus moves to Cancel');
    await until(() => seen.length, 'a progress');
    await animationsDone();
    await expect(el).to.be.accessible();
    const heading = await until(() => shadow(el).querySelector<HTMLElement>('#export-done-heading'), 'the file ready');
    observer.disconnect();
    expect(shadow(el).activeElement === heading).to.equal(true, 'focus moves to the result');
    const last = seen.at(-1)!;
    expect(last.value).to.equal(last.max, 'the bar reached its end');
    expect(last.words).to.match(/^(\d+) of \1 kinds of data · [\d,]+ items$/);
    expect(seen.some((s) => s.value < s.max)).to.equal(true, 'the bar moved');

    const record = await serverRecord(client);
    const summary = text(el);
    expect(summary).to.contain('Your file is ready');
    expect(summary).to.match(/It holds [\d,]+ items \([\d.,]+ [kM]B\):/);
    expect(summary).to.contain('Lab results and other measurements').and.contain('Medications').and.contain('Your details');
    // The types this server does not search are named, and no kind is said to be missing: each has some of its types in the file.
    const notOffered = shadow(el).querySelector('[data-reason="not-offered"]')!.textContent!.replace(/\s+/g, ' ');
    expect(notOffered).to.contain('This server does not offer it').and.contain('AdverseEvent');
    expect(notOffered).not.to.contain('Medications');
    await expect(el).to.be.accessible();

    const file = await downloaded(() => part<HTMLButtonElement>(el, 'export-save-button')!.click());
    const bundle = JSON.parse(await file.text()) as Bundle;
    expect(bundle.type).to.equal('collection');
    const own = (bundle.entry ?? []).map((e) => e.resource as Resource).filter((r) => !DIRECTORY.has(r.resourceType)).map((r) => `${r.resourceType}/${r.id}`).sort();
    expect(own).to.deep.equal(record);
    const today = new Date();
    const name = `health-record-${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}.json`;
    await until(() => part(el, 'export-saved')!.textContent!.includes(name), 'the name it was saved under');
    expect(events).to.deep.equal([{ format: 'bundle', resources: bundle.entry!.length, bytes: file.size }]);
    expect(summary).to.contain(`It holds ${bundle.entry!.length.toLocaleString('en')} items`);
  });

  it('Cancel stops the requests and nothing is saved; Start again runs anew', async () => {
    const requests: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => requests.push(r));
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="everything"></record-download>`);
    const start = await until(() => part<HTMLButtonElement>(el, 'export-start-button'), 'the form');
    await sandbox.injectFaults([{ path: '^[A-Z]', delayMs: 400, times: 200 }]);
    const original = URL.createObjectURL;
    const saved: unknown[] = [];
    URL.createObjectURL = (blob: Blob | MediaSource) => (saved.push(blob), original.call(URL, blob));
    try {
      start.click();
      await until(() => requests.filter((r) => r.path !== 'metadata').length >= 4, 'the searches under way');
      part<HTMLButtonElement>(el, 'export-cancel-button')!.click();
      const atCancel = requests.length;
      await until(() => part(el, 'export-stopped'), 'stopped');
      expect(part(el, 'export-stopped')!.textContent).to.contain('Stopped. Nothing was saved.');
      await until(() => shadow(el).activeElement === part(el, 'export-start-button'), 'focus on Start again');
      expect(part(el, 'export-start-button')!.textContent!.trim()).to.equal('Start again');
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(requests.length, 'no request after Cancel').to.equal(atCancel);
      expect(saved.length, 'nothing saved').to.equal(0);
      await expect(el).to.be.accessible();
      await sandbox.clearFaults();
      part<HTMLButtonElement>(el, 'export-start-button')!.click();
      await until(() => part(el, 'export-done'), 'a new run to its end');
      expect(text(el)).not.to.contain('Stopped.');
    } finally {
      URL.createObjectURL = original;
    }
  });

  it('with a sign-in that allows only some types, the summary names what was refused and why', async () => {
    const client = await sandbox.client('maria', { scope: 'patient/Patient.rs patient/Observation.rs patient/Immunization.rs' });
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="everything"></record-download>`);
    await until(() => part(el, 'export-start-button'), 'the form');
    for (const input of shadow(el).querySelectorAll<HTMLInputElement>('input[name="kind"]')) if (!['medications', 'immunizations'].includes(input.value) && input.checked) input.click();
    part<HTMLButtonElement>(el, 'export-start-button')!.click();
    await until(() => part(el, 'export-done'), 'the file ready');
    const refused = shadow(el).querySelector('[data-reason="scope"]')!.textContent!.replace(/\s+/g, ' ');
    expect(refused).to.contain('Not allowed by your sign-in').and.contain('Medications (').and.contain('MedicationRequest');
    expect(refused, 'immunizations are partly in the file').not.to.contain('Immunizations');
    expect(text(el)).to.match(/Immunizations \d+ items/);
  });

  it('a type the server fails on is named as not answered, and the rest is in the file', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="everything"></record-download>`);
    await until(() => part(el, 'export-start-button'), 'the form');
    for (const input of shadow(el).querySelectorAll<HTMLInputElement>('input[name="kind"]')) if (input.value !== 'other') input.click();
    await sandbox.injectFaults([{ path: '^Condition$', status: 500, diagnostics: 'Condition index offline', times: 5 }]);
    part<HTMLButtonElement>(el, 'export-start-button')!.click();
    await until(() => part(el, 'export-done'), 'the file ready');
    const failed = shadow(el).querySelector('[data-reason="failed"]')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(failed).to.equal('The server did not answer: Condition');
    expect(text(el)).to.match(/Everything else: problems, allergies, procedures, care plans, messages [\d,]+ items/);
  });

  it('saves NDJSON, one resource a line, and a file per type', async () => {
    const client = await sandbox.client('maria');
    const events: PorticoRecordDownloadedEvent['detail'][] = [];
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="everything" @portico-record-downloaded=${(e: PorticoRecordDownloadedEvent) => events.push(e.detail)}></record-download>`);
    await until(() => part(el, 'export-start-button'), 'the form');
    for (const input of shadow(el).querySelectorAll<HTMLInputElement>('input[name="kind"]')) if (input.value !== 'immunizations') input.click();
    shadow(el).querySelector<HTMLInputElement>('input[value="ndjson"]')!.click();
    part<HTMLButtonElement>(el, 'export-start-button')!.click();
    await until(() => part(el, 'export-done'), 'the file ready');
    const file = await downloaded(() => part<HTMLButtonElement>(el, 'export-save-button')!.click());
    const lines = (await file.text()).trim().split('\n').map((line) => JSON.parse(line) as Resource);
    const immunizations = await client.searchAll('Immunization', { patient: 'maria' });
    expect(lines.filter((r) => r.resourceType === 'Immunization').map((r) => r.id).sort()).to.deep.equal(immunizations.resources.map((r) => r.id).sort());
    await until(() => /health-record-[\d-]+\.ndjson/.test(part(el, 'export-saved')!.textContent!), 'saved as .ndjson');
    const typeButton = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~="export-type-files"] button')].find((b) => b.textContent!.includes('Immunization.ndjson'))!;
    const one = await downloaded(() => typeButton.click());
    expect((await one.text()).trim().split('\n').length).to.equal(immunizations.resources.length);
    expect(events.map((e) => e.format).join()).to.equal('ndjson,ndjson');
    expect(events[0]!.resources).to.equal(lines.length);
  });

  it('saves the International Patient Summary and the continuity-of-care document the server offers', async () => {
    const client = await sandbox.client('maria');
    const events: PorticoRecordDownloadedEvent['detail'][] = [];
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="everything" @portico-record-downloaded=${(e: PorticoRecordDownloadedEvent) => events.push(e.detail)}></record-download>`);
    const ips = await until(() => part<HTMLButtonElement>(el, 'ips-button'), 'the IPS offered');
    const summary = JSON.parse(await (await downloaded(() => ips.click())).text()) as Bundle;
    expect(summary.type).to.equal('document');
    expect(summary.entry![0]!.resource!.resourceType).to.equal('Composition');
    await until(() => /patient-summary-[\d-]+\.json/.test(part(el, 'other-forms-outcome')!.textContent!), 'saved');
    const ccd = await downloaded(() => part<HTMLButtonElement>(el, 'ccd-button')!.click());
    const found = await client.operation<Bundle>('docref', { resourceType: 'DocumentReference' }, undefined, { method: 'GET', params: { patient: 'maria' } });
    const expected = await client.download((found.entry![0]!.resource as { content: { attachment: object }[] }).content[0]!.attachment);
    expect(ccd.size).to.equal(expected.size);
    expect(await ccd.text()).to.equal(await expected.text());
    await until(() => events.length === 2, 'two files saved');
    expect(events.map((e) => e.format).join()).to.equal('ips,ccd');
  });

  it('tells screen readers how far it is now and then (the percentage), not at every page the bar moves for', async () => {
    const el = await fixture<RecordDownload>(html`<record-download .client=${await sandbox.client('maria')} patient-id="maria" view="everything"></record-download>`);
    const start = await until(() => part<HTMLButtonElement>(el, 'export-start-button'), 'the form');
    await sandbox.injectFaults([{ path: '^[A-Z]', delayMs: 250, times: 200 }]);
    const said: { at: number; text: string }[] = [];
    const moved: string[] = [];
    const observer = new MutationObserver(() => {
      const announcement = part(el, 'export-announcement')?.textContent?.trim();
      if (announcement && announcement !== said.at(-1)?.text) said.push({ at: performance.now(), text: announcement });
      const words = part(el, 'export-progress-words')?.textContent?.trim();
      if (words && words !== moved.at(-1)) moved.push(words);
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    try {
      start.click();
      await until(() => part(el, 'export-done'), 'the export to its end');
    } finally {
      observer.disconnect();
      await sandbox.clearFaults();
    }
    expect(said.length > 0).to.equal(true, 'something was said while it ran');
    expect(said.every((s) => /^\d+ % done\. \d+ of \d+ kinds? of data · [\d,]+ items?$/.test(s.text))).to.equal(true, JSON.stringify(said));
    const gaps = said.slice(1).map((s, i) => s.at - said[i]!.at);
    expect(gaps.every((gap) => gap >= 900)).to.equal(true, `at most once a second: ${gaps.join(', ')} ms apart`);
    expect(moved.length > said.length).to.equal(true, `the bar moved ${moved.length} times and spoke ${said.length} times`);
  });

  it('speaks Arabic, right to left', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download lang="ar" style="width: 320px" .client=${client} patient-id="maria" view="everything"></record-download>`);
    await until(() => text(el).includes('أنواع البيانات'), 'the form in Arabic');
    const section = shadow(el).querySelector('section')!;
    expect(section.scrollWidth <= section.clientWidth).to.equal(true, 'nothing wider than 320 px');
    expect(shadow(el).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
    expect(part(el, 'export-start-button')!.textContent!.trim()).to.equal('ابدأ');
    await animationsDone();
    await expect(el).to.be.accessible();
  });
});
