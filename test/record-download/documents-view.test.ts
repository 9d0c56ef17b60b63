import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { Binary, DocumentReference } from 'fhir/r4';
import type { FhirClient } from '../../packages/core/src/index.js';
import '../../packages/core/src/define.js';
import '../../packages/record-download/src/define.js';
import type { RecordDownload } from '../../packages/record-download/src/index.js';
import { Sandbox, sandboxPerTest, TEST_SCOPE, type SentRequest } from '../helpers/backend.js';
import { animationsDone, downloaded, shadow, text, until, untilAnswered } from '../helpers/element.js';

const all = <T extends Element = HTMLElement>(el: Element, selector: string) => [...shadow(el).querySelectorAll<T>(selector)];
const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
const rows = (el: Element) => all(el, '[part~="document"]');
const rowOf = (el: Element, id: string) => shadow(el).querySelector<HTMLElement>(`[data-document-id="${id}"]`);
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const base64Bytes = (data: string) => Uint8Array.from(atob(data), (c) => c.charCodeAt(0));

/** A letter from outside whose HTML tries to run script, load things and lead elsewhere. */
const HOSTILE_HTML = `<!doctype html><html><head><title>Letter</title><script>parent.__porticoPwned = 'script';</script>
<meta http-equiv="refresh" content="0;url=https://example.org/"><link rel="stylesheet" href="https://example.org/x.css"></head>
<body onload="parent.__porticoPwned = 'onload'"><h1>Letter from Lakeside Clinic</h1>
<p>Seen for a sprained ankle.</p><img src="https://example.org/track.png" onerror="parent.__porticoPwned = 'onerror'">
<a href="javascript:parent.__porticoPwned='link'">Open the report</a> <a href="https://example.org/">Lakeside</a>
<form action="https://example.org/steal"><input name="q"></form><iframe src="https://example.org/"></iframe></body></html>`;

const HOSTILE: object[] = [
  { resourceType: 'Binary', id: 'bin-outside-letter', contentType: 'text/html', securityContext: { reference: 'DocumentReference/doc-outside-letter' }, data: btoa(HOSTILE_HTML) },
  {
    resourceType: 'DocumentReference',
    id: 'doc-outside-letter',
    status: 'current',
    type: { text: 'Outside letter' },
    subject: { reference: 'Patient/maria' },
    date: '2020-03-05T10:00:00Z',
    author: [{ display: 'Lakeside Clinic' }],
    description: 'Letter from Lakeside Clinic',
    content: [{ attachment: { contentType: 'text/html', url: 'Binary/bin-outside-letter', title: 'letter.html' } }],
  },
  {
    resourceType: 'DocumentReference',
    id: 'doc-odd-addresses',
    status: 'current',
    type: { text: 'Outside letter' },
    subject: { reference: 'Patient/maria' },
    date: '2020-03-04T10:00:00Z',
    description: 'Files at odd addresses',
    content: [
      { attachment: { contentType: 'application/pdf', url: 'javascript:parent.__porticoPwned="url"', title: 'report.pdf' } },
      { attachment: { contentType: 'text/html', url: 'data:text/html,<script>parent.__porticoPwned="data"</script>', title: 'page.html' } },
      { attachment: { contentType: 'text/plain', data: btoa('Inline note from the clinic.'), title: 'note.txt' } },
    ],
  },
];

/** Maria's documents as the list should show them: current, not replaced by another current one, newest first. */
async function expectedIds(client: FhirClient): Promise<string[]> {
  const { resources } = await client.searchAll('DocumentReference', { patient: 'Patient/maria' }, { max: 1000 });
  const current = resources.filter((d) => d.status === 'current');
  const replaced = new Set(current.flatMap((d) => (d.relatesTo ?? []).filter((r) => r.code === 'replaces').map((r) => r.target.reference!.split('/').pop())));
  return current
    .filter((d) => !replaced.has(d.id))
    .sort((a, b) => (a.date! < b.date! ? 1 : a.date! > b.date! ? -1 : 0))
    .map((d) => d.id!);
}

async function setFilter(el: RecordDownload, name: 'from-filter' | 'to-filter' | 'type-filter', value: string): Promise<void> {
  const input = part<HTMLInputElement | HTMLSelectElement>(el, name)!;
  input.value = value;
  input.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

describe('<record-download> Documents: reading', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
    await sandbox.load(HOSTILE);
  });
  afterEach(async () => {
    await sandbox.clearFaults();
    delete (window as { __porticoPwned?: string }).__porticoPwned;
  });
  after(() => sandbox.dispose());

  it('lists the current documents newest first (superseded and replaced ones hidden), a visit summary as one row with PDF and page; axe while loading and with data', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'GET', path: '^DocumentReference', delayMs: 1500, times: 1 }]);
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents"></record-download>`);
    await until(() => shadow(el).querySelector('.documents-view [part~="skeleton"]'), 'the loading state');
    await expect(el).to.be.accessible();
    await until(() => rows(el).length, 'the documents');
    const expected = await expectedIds(client);
    const shown = rows(el).map((r) => r.dataset.documentId);
    expect(shown.join(' ')).to.equal(expected.slice(0, 20).join(' '));
    const { resources } = await client.searchAll('DocumentReference', { patient: 'Patient/maria' });
    const superseded = resources.filter((d) => d.status === 'superseded').map((d) => d.id!);
    expect(superseded.length > 0).to.equal(true, 'the seed has a superseded immunization record');
    expect(superseded.some((id) => rowOf(el, id))).to.equal(false, 'a superseded document is not listed');
    const summary = rows(el).find((r) => r.dataset.documentId!.endsWith('-visit-summary'))!;
    expect([...summary.querySelectorAll<HTMLElement>('[part~="format-button"]')].map((b) => b.dataset.kind).join(' ')).to.equal('pdf html');
    expect(summary.textContent!.replace(/\s+/g, ' ')).to.match(/Visit summary .* by /);
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('saves a PDF with the patient’s credentials: the bytes are the server’s Binary', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents"></record-download>`);
    const summary = await until(() => rows(el).find((r) => r.dataset.documentId!.endsWith('-visit-summary')), 'a visit summary');
    const document = await client.read('DocumentReference', summary.dataset.documentId!);
    const binaryId = document.content[0]!.attachment.url!.split('/').pop()!;
    const file = await downloaded(() => summary.querySelector<HTMLButtonElement>('[data-kind="pdf"]')!.click());
    const binary = (await client.read('Binary', binaryId)) as Binary;
    expect(file.type).to.equal('application/pdf');
    expect(hex(new Uint8Array(await file.arrayBuffer()))).to.equal(hex(base64Bytes(binary.data!)));
    await until(() => text(el).includes('Saved '), 'the file said saved');
  });

  it('shows a progress note as text and a visit summary’s page in a frame that runs nothing', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents"></record-download>`);
    const note = await until(() => rows(el).find((r) => r.dataset.documentId!.endsWith('-progress-note')), 'a progress note');
    note.querySelector<HTMLButtonElement>('[part~="format-button"][data-kind="text"]')!.click();
    const pre = await until(() => note.querySelector('pre[part~="document-text"]'), 'the note as text');
    const binary = (await client.read('Binary', (await client.read('DocumentReference', note.dataset.documentId!)).content[0]!.attachment.url!.split('/').pop()!)) as Binary;
    expect(pre.textContent).to.equal(new TextDecoder().decode(base64Bytes(binary.data!)));
    const summary = rows(el).find((r) => r.dataset.documentId!.endsWith('-visit-summary'))!;
    summary.querySelector<HTMLButtonElement>('[data-kind="html"]')!.click();
    const frame = await until(() => summary.querySelector<HTMLIFrameElement>('iframe[part~="document-frame"]'), 'the page');
    expect(frame.getAttribute('sandbox')).to.equal('');
    expect(frame.srcdoc.includes('Your care plan') || frame.srcdoc.includes('What we found')).to.equal(true, 'the summary’s words');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('an HTML document with script, handlers and links shows inert: no script runs, nothing loads, links lead nowhere', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents"></record-download>`);
    await until(() => rows(el).length, 'the documents');
    await setFilter(el, 'from-filter', '2020-01-01');
    await setFilter(el, 'to-filter', '2020-12-31');
    const letter = await until(() => rowOf(el, 'doc-outside-letter'), 'the outside letter');
    letter.querySelector<HTMLButtonElement>('[data-kind="html"]')!.click();
    const frame = await until(() => letter.querySelector<HTMLIFrameElement>('iframe'), 'the letter in a frame');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(String((window as { __porticoPwned?: string }).__porticoPwned)).to.equal('undefined', 'nothing in the letter ran');
    expect(frame.getAttribute('sandbox')).to.equal('', 'no permission at all: no scripts, no same origin, no navigation');
    expect(frame.contentDocument === null).to.equal(true, 'the frame is not the page’s origin');
    const srcdoc = frame.srcdoc;
    expect(srcdoc).to.include(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'`);
    expect(srcdoc).to.include('Letter from Lakeside Clinic');
    for (const active of ['<script', 'onload', 'onerror', 'href=', 'https://example.org', '<form', '<iframe', 'refresh', 'javascript:']) {
      expect(srcdoc.includes(active)).to.equal(false, `the letter keeps no ${active}`);
    }
    expect(all(el, 'script').length).to.equal(0, 'nothing injected into the element');
    expect(shadow(el).querySelector('.documents-view h1') === null).to.equal(true);
  });

  it('refuses javascript: and data: addresses with a message and no request; opens inline data the server gave', async () => {
    const requests: SentRequest[] = [];
    const { client } = await sandbox.recordingClient('maria', (r) => requests.push(r));
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents"></record-download>`);
    await until(() => rows(el).length, 'the documents');
    await setFilter(el, 'from-filter', '2020-01-01');
    await setFilter(el, 'to-filter', '2020-12-31');
    const odd = await until(() => rowOf(el, 'doc-odd-addresses'), 'the document with odd addresses');
    const before = requests.length;
    odd.querySelector<HTMLButtonElement>('[data-kind="pdf"]')!.click();
    await until(() => odd.querySelector('[part~="document-problem"]'), 'the javascript: file refused');
    expect(odd.querySelector('[part~="document-problem"]')!.textContent).to.include('can’t be opened here'.replace('’', "'"));
    odd.querySelector<HTMLButtonElement>('[data-kind="html"]')!.click();
    await until(() => odd.querySelector('[part~="document-problem"]') && !odd.querySelector('iframe'), 'the data: page refused');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(odd.querySelector('iframe') === null).to.equal(true);
    expect(requests.length).to.equal(before, 'no request for either');
    expect(String((window as { __porticoPwned?: string }).__porticoPwned)).to.equal('undefined');
    odd.querySelector<HTMLButtonElement>('[part~="format-button"][data-kind="text"]')!.click();
    const pre = await until(() => odd.querySelector('pre'), 'the inline note');
    expect(pre.textContent).to.equal('Inline note from the clinic.');
  });

  it('filters by type and by date, with the keyboard; says when nothing matches', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents"></record-download>`);
    await until(() => rows(el).length, 'the documents');
    const select = part<HTMLSelectElement>(el, 'type-filter')!;
    const referral = [...select.options].find((o) => o.textContent!.includes('Referral'))!;
    expect(!!referral).to.equal(true, 'the referral letter’s type is offered');
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    select.value = referral.value;
    select.dispatchEvent(new Event('change'));
    await until(() => rows(el).length && rows(el).every((r) => r.textContent!.includes('Referral')), 'referral letters only');
    const { resources } = await client.searchAll('DocumentReference', { patient: 'Patient/maria', type: referral.value });
    expect(rows(el).length).to.equal(resources.filter((d) => d.status === 'current').length);
    await setFilter(el, 'type-filter', '');
    await setFilter(el, 'from-filter', '1990-01-01');
    await setFilter(el, 'to-filter', '1990-12-31');
    await until(() => text(el).includes('No documents match these filters.'), 'nothing matches');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('fits a 320 px screen: no sideways scrolling with a page open', async () => {
    const client = await sandbox.client('maria');
    await setViewport({ width: 320, height: 640 });
    try {
      const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents"></record-download>`);
      const summary = await until(() => rows(el).find((r) => r.dataset.documentId!.endsWith('-visit-summary')), 'a visit summary');
      summary.querySelector<HTMLButtonElement>('[data-kind="html"]')!.click();
      await until(() => summary.querySelector('iframe'), 'the page');
      expect(document.documentElement.scrollWidth <= 320).to.equal(true, `page width ${document.documentElement.scrollWidth}`);
      expect(el.scrollWidth <= el.clientWidth).to.equal(true, `element ${el.scrollWidth} > ${el.clientWidth}`);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('an error while listing says so, with a retry that lists them', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'GET', path: '^DocumentReference', status: 500, times: 1 }]);
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents"></record-download>`);
    const retry = await until(() => shadow(el).querySelector<HTMLButtonElement>('.documents-view [part~="retry-button"]'), 'the error with retry');
    await expect(el).to.be.accessible();
    retry.click();
    await until(() => rows(el).length, 'the documents after the retry');
  });

  it('without DocumentReference create, says how to give the clinic a document; in Arabic, right to left', async () => {
    const client = await sandbox.client('maria', { scope: TEST_SCOPE });
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="documents" help-href="https://hospital.example/records"></record-download>`);
    await until(() => part(el, 'add-elsewhere'), 'where to send a document');
    expect(part(el, 'add-document') === null).to.equal(true);
    expect(part<HTMLAnchorElement>(el, 'help-link')!.href).to.equal('https://hospital.example/records');
    const wrapper = await fixture(html`<div lang="ar"><record-download .client=${client} patient-id="maria" view="documents"></record-download></div>`);
    const arabic = wrapper.querySelector('record-download')!;
    await until(() => rows(arabic).length && text(arabic).includes('مستنداتك'), 'the documents in Arabic');
    expect(shadow(arabic).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
    await animationsDone();
    await expect(arabic).to.be.accessible();
  });
});

/** A small real PNG (1×1), as a phone would send a photo. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

describe('<record-download> Documents: adding one', () => {
  const own = sandboxPerTest();
  const scope = `${TEST_SCOPE} patient/DocumentReference.c`;

  /** Maria's client with DocumentReference create granted, telling `requests` of each request. */
  function writingClient(sandbox: Sandbox, requests: SentRequest[]): Promise<FhirClient> {
    return sandbox.client('maria', {
      scope,
      fetch: (input, init) => {
        const url = new URL(String(input instanceof Request ? input.url : input));
        requests.push({ method: init?.method ?? 'GET', path: url.pathname.split('/fhir/')[1] ?? '', params: url.searchParams });
        return fetch(input, init);
      },
    });
  }

  async function openForm(el: RecordDownload): Promise<void> {
    const add = await until(() => part<HTMLButtonElement>(el, 'add-document'), 'Add a document');
    add.click();
    await until(() => part(el, 'add-form'), 'the form');
  }

  function choose(el: RecordDownload, file: File): void {
    const input = part<HTMLInputElement>(el, 'file-input')!;
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
  }

  it('uploads the file as one Binary and one DocumentReference (a double click adds one), listed first as added by the patient', async () => {
    const requests: SentRequest[] = [];
    const sandbox = own();
    const recording = await writingClient(sandbox, requests);
    const el = await fixture<RecordDownload>(html`<record-download .client=${recording} patient-id="maria" view="documents"></record-download>`);
    await until(() => rows(el).length, 'the documents');
    await openForm(el);
    await animationsDone();
    await expect(el).to.be.accessible();
    choose(el, new File([PNG], 'vaccination card.png', { type: 'image/png' }));
    const date = part<HTMLInputElement>(el, 'added-date')!;
    date.value = '2019-06-01';
    date.dispatchEvent(new Event('change'));
    const add = part<HTMLButtonElement>(el, 'add-button')!;
    add.click();
    add.click();
    const first = await until(() => rows(el)[0]?.querySelector('[part~="added-badge"]') && rows(el)[0], 'the new document first, added by the patient');
    expect(first.textContent).to.include('Added by you');
    expect(first.textContent).to.include('vaccination card.png');
    expect(requests.filter((r) => r.method === 'POST' && r.path === 'Binary').length).to.equal(1, 'one Binary sent');
    expect(requests.filter((r) => r.method === 'POST' && r.path === 'DocumentReference').length).to.equal(1, 'one DocumentReference sent');
    const client = await sandbox.client('maria');
    const added = (await client.searchAll('DocumentReference', { patient: 'Patient/maria' })).resources.filter((d) => d.identifier?.some((i) => i.system === 'urn:portico:document'));
    expect(added.length).to.equal(1);
    const document = added[0] as DocumentReference;
    expect(document.id).to.equal(first.dataset.documentId);
    expect(document.meta?.security?.some((s) => s.code === 'PATAST')).to.equal(true);
    expect(document.author?.[0]?.reference).to.equal('Patient/maria');
    expect(document.context?.period?.start).to.equal('2019-06-01');
    expect(document.type?.coding?.[0]?.code).to.equal('11369-6');
    const binary = (await client.read('Binary', document.content[0]!.attachment.url!.split('/').pop()!)) as Binary;
    expect(hex(base64Bytes(binary.data!))).to.equal(hex(PNG));
    expect(binary.securityContext?.reference).to.equal('Patient/maria');
    first.querySelector<HTMLButtonElement>('[data-kind="image"]')!.click();
    const image = await until(() => first.querySelector<HTMLImageElement>('img[part~="document-image"]'), 'the photo shown');
    expect(image.src.startsWith('blob:')).to.equal(true);
    await until(() => image.complete && image.naturalWidth === 1, 'the photo decoded');
  });

  it('James adding a document in Leo’s record is its author as Leo’s parent (the RelatedPerson)', async () => {
    const sandbox = own();
    const { access_token } = await sandbox.token('james', scope, 'leo');
    const session = await fixture<HTMLElement>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="leo" fhir-user="Patient/james" .accessToken=${access_token}>
      <record-download view="documents"></record-download>
    </portal-session>`);
    const el = session.querySelector<RecordDownload>('record-download')!;
    await openForm(el);
    choose(el, new File([PNG], 'school form.png', { type: 'image/png' }));
    part<HTMLButtonElement>(el, 'add-button')!.click();
    await until(() => rows(el)[0]?.querySelector('[part~="added-badge"]'), 'the new document');
    const leo = await sandbox.client('james', { patient: 'leo' });
    const added = (await leo.searchAll('DocumentReference', { patient: 'Patient/leo' })).resources.filter((d) => d.identifier?.some((i) => i.system === 'urn:portico:document'));
    expect(added.length).to.equal(1);
    expect(added[0]!.author?.[0]?.reference).to.equal('RelatedPerson/james-for-leo');
    expect(added[0]!.subject?.reference).to.equal('Patient/leo');
  });

  it('an error keeps the file and the fields; trying again adds the document once, with the file sent once', async () => {
    const requests: SentRequest[] = [];
    const sandbox = own();
    const recording = await writingClient(sandbox, requests);
    await sandbox.injectFaults([{ method: 'POST', path: '^DocumentReference', status: 500, diagnostics: 'The document store is down.', times: 1 }]);
    const el = await fixture<RecordDownload>(html`<record-download .client=${recording} patient-id="maria" view="documents"></record-download>`);
    await openForm(el);
    choose(el, new File(['Letter from Dr. Lake: all well.\n'], 'letter.txt', { type: 'text/plain' }));
    const type = part<HTMLSelectElement>(el, 'added-type')!;
    type.value = 'letter';
    type.dispatchEvent(new Event('change'));
    part<HTMLButtonElement>(el, 'add-button')!.click();
    await until(() => part(el, 'add-problem'), 'the error');
    expect(part(el, 'chosen-file')!.textContent).to.include('letter.txt');
    expect(part<HTMLSelectElement>(el, 'added-type')!.value).to.equal('letter');
    await animationsDone();
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'add-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => rows(el)[0]?.querySelector('[part~="added-badge"]'), 'the document added');
    expect(requests.filter((r) => r.method === 'POST' && r.path === 'Binary').length).to.equal(1, 'the file sent once');
    const client = await sandbox.client('maria');
    const added = (await untilAnswered(async () => (await client.searchAll('DocumentReference', { patient: 'Patient/maria' })).resources.filter((d) => d.identifier?.some((i) => i.system === 'urn:portico:document')), 'the document')) as DocumentReference[];
    expect(added.length).to.equal(1);
    expect(added[0]!.type?.text).to.equal('Letter from another clinic');
  });

  it('refuses an empty file and a file of another type before sending anything', async () => {
    const requests: SentRequest[] = [];
    const sandbox = own();
    const recording = await writingClient(sandbox, requests);
    const el = await fixture<RecordDownload>(html`<record-download .client=${recording} patient-id="maria" view="documents"></record-download>`);
    await openForm(el);
    choose(el, new File([], 'empty.pdf', { type: 'application/pdf' }));
    part<HTMLButtonElement>(el, 'add-button')!.click();
    await until(() => part(el, 'add-problem')?.textContent?.includes('empty'), 'an empty file refused');
    choose(el, new File(['<html><script>alert(1)</script></html>'], 'page.html', { type: 'text/html' }));
    part<HTMLButtonElement>(el, 'add-button')!.click();
    await until(() => part(el, 'add-problem')?.textContent?.includes('file type'), 'an HTML file refused');
    expect(requests.filter((r) => r.method === 'POST').length).to.equal(0);
  });
});
