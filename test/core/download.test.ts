import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import type { Attachment, Binary } from 'fhir/r4';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import { FhirError } from '../../packages/core/src/fhir/errors.js';
import { DownloadError, downloadAttachment, downloadFileName, saveFile } from '../../packages/core/src/files/download.js';
import { errorTermFor } from '../../packages/core/src/i18n/error-terms.js';
import en from '../../packages/core/src/i18n/locales/en.js';
import { assertNoScriptRan, IMG_PAYLOAD, SCRIPT_PAYLOAD, XSS_MARKER } from '../fixtures/hostile-data.js';
import { Sandbox } from '../helpers/backend.js';
import { refusal } from '../helpers/refusal.js';

/** What the page handed the browser to save: the file name, and the Blob behind the link. */
interface Saved {
  name: string;
  file: Blob;
}

/** Records every file saved inside `container` (the download itself is stopped: the test reads the Blob). */
function watchSaves(container: HTMLElement): { saved: Saved[]; stop(): void } {
  const saved: Saved[] = [];
  const blobs = new Map<string, Blob>();
  const create = URL.createObjectURL;
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = create.call(URL, object);
    blobs.set(url, object as Blob);
    return url;
  };
  const onClick = (event: Event) => {
    const link = event.target as HTMLAnchorElement;
    event.preventDefault();
    saved.push({ name: link.download, file: blobs.get(link.href)! });
  };
  container.addEventListener('click', onClick);
  return {
    saved,
    stop: () => {
      URL.createObjectURL = create;
      container.removeEventListener('click', onClick);
    },
  };
}

const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const base64 = (text: string) => btoa(text);
/** The first bytes of a PNG (its signature and an IHDR chunk start): enough to be one for the check. */
const PNG_BASE64 = btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52));

describe('downloadAttachment: the one download helper every element uses', () => {
  let sandbox: Sandbox;
  let client: FhirClient;
  let container: HTMLElement;
  let saves: ReturnType<typeof watchSaves>;

  before(async () => {
    sandbox = await Sandbox.create();
    client = await sandbox.client('maria');
    const binary = (id: string, contentType: string, data: string): Binary => ({ resourceType: 'Binary', id, contentType, data, securityContext: { reference: 'Patient/maria' } });
    await sandbox.load([
      // A file whose attachment says PDF, but which the server serves as an HTML page.
      binary('disguised-html', 'text/html', base64(`<!doctype html>${SCRIPT_PAYLOAD}${IMG_PAYLOAD}`)),
      // Served as application/octet-stream, declared a PDF, but HTML inside.
      binary('octet-html', 'application/octet-stream', base64(`<html><body>${SCRIPT_PAYLOAD}</body></html>`)),
      // Served as application/octet-stream with no declared type: a real PDF by its bytes.
      binary('octet-pdf', 'application/octet-stream', base64('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')),
      binary('svg-image', 'image/svg+xml', base64(`<svg xmlns="http://www.w3.org/2000/svg" onload="window.${XSS_MARKER}=1"/>`)),
    ]);
  });
  beforeEach(async () => {
    container = await fixture<HTMLElement>(html`<div></div>`);
    saves = watchSaves(container);
  });
  afterEach(async () => {
    saves.stop();
    await sandbox.clearFaults();
    await nextFrame();
    const ran = (window as unknown as Record<string, unknown>)[XSS_MARKER];
    delete (window as unknown as Record<string, unknown>)[XSS_MARKER];
    if (ran !== undefined) throw new Error('a hostile payload ran');
  });
  after(() => sandbox.dispose());

  it('saves a document’s PDF under its title, with the server’s bytes', async () => {
    const docs = await client.search('DocumentReference', { patient: 'maria' });
    const attachment = docs.resources[0]!.content[0]!.attachment;
    const result = await downloadAttachment(client, attachment, { fallbackName: 'document', container });
    expect(saves.saved).to.have.length(1);
    const [{ name, file }] = saves.saved as [Saved];
    expect(name).to.equal(attachment.title);
    expect(name.endsWith('.pdf')).to.equal(true);
    expect(file.type).to.equal('application/pdf');
    const expected = await bytes(await client.download(attachment));
    const got = await bytes(file);
    expect(got.length).to.equal(expected.length);
    expect(got.every((b, i) => b === expected[i])).to.equal(true);
    expect(result).to.deep.equal({ name, type: 'application/pdf', size: expected.length });
    expect(container.querySelectorAll('a').length, 'the temporary link is gone').to.equal(0);
  });

  it('refuses a Binary that says application/pdf but is served as text/html', async () => {
    const error = await refusal(downloadAttachment(client, { url: 'Binary/disguised-html', contentType: 'application/pdf', title: 'Lab report.pdf' }, { fallbackName: 'lab-report', container }));
    expect(error).to.be.instanceOf(DownloadError);
    expect(error.message).to.contain('text/html');
    expect(en[errorTermFor(error)]).to.equal("This file can't be downloaded here because of its format. Ask your care team for a copy.");
    expect(saves.saved).to.deep.equal([]);
    assertNoScriptRan();
  });

  it('refuses a "PDF" whose bytes are an HTML page (served as application/octet-stream)', async () => {
    const error = await refusal(downloadAttachment(client, { url: 'Binary/octet-html', contentType: 'application/pdf' }, { fallbackName: 'lab-report', container }));
    expect(error.kind).to.equal('download-refused');
    expect(error.message).to.contain('its bytes are not');
    expect(saves.saved).to.deep.equal([]);
  });

  it('recognises a PDF by its bytes when neither the attachment nor the server names a type', async () => {
    await downloadAttachment(client, { url: 'Binary/octet-pdf' }, { fallbackName: 'document', container });
    expect(saves.saved.map((s) => [s.name, s.file.type])).to.deep.equal([['document.pdf', 'application/pdf']]);
  });

  for (const [what, attachment] of [
    ['SVG served by the server', { url: 'Binary/svg-image', contentType: 'image/svg+xml', title: 'chart.svg' }],
    ['SVG that says it is a PNG', { url: 'Binary/svg-image', contentType: 'image/png', title: 'chart.png' }],
    ['inline HTML', { data: base64(`${SCRIPT_PAYLOAD}${IMG_PAYLOAD}`), contentType: 'text/html', title: 'note.html' }],
    ['inline XHTML', { data: base64(`<html xmlns="http://www.w3.org/1999/xhtml">${SCRIPT_PAYLOAD}</html>`), contentType: 'application/xhtml+xml' }],
    ['an executable', { data: base64('MZ'), contentType: 'application/x-msdownload', title: 'setup.exe' }],
    ['inline data with no type at all', { data: base64('<script>1</script>') }],
  ] as [string, Attachment][]) {
    it(`never saves or opens ${what}`, async () => {
      const error = await refusal(downloadAttachment(client, attachment, { fallbackName: 'file', container }));
      expect(error.kind).to.equal('download-refused');
      expect(saves.saved).to.deep.equal([]);
      await nextFrame();
      assertNoScriptRan();
    });
  }

  it('names a file safely: no path, no hidden direction marks, the extension of its real type', async () => {
    const title = '../..\\Report\u202Efdp.exe';
    await downloadAttachment(client, { data: PNG_BASE64, contentType: 'image/png', title }, { fallbackName: 'image', container });
    expect(saves.saved.map((s) => [s.name, s.file.type])).to.deep.equal([['Reportfdp.exe.png', 'image/png']]);
    expect(downloadFileName('CON', 'text/plain', 'note')).to.equal('_CON.txt');
    expect(downloadFileName('  ...  ', 'application/pdf', 'lab-report')).to.equal('lab-report.pdf');
    expect(downloadFileName('Scan.JPEG', 'image/jpeg', 'scan')).to.equal('Scan.jpg');
    expect(downloadFileName('CMP (corrected).pdf', 'application/pdf', 'lab-report')).to.equal('CMP (corrected).pdf');
    expect(downloadFileName('x'.repeat(300), 'text/csv', 'data')).to.equal(`${'x'.repeat(100)}.csv`);
  });

  it('honours its AbortSignal: nothing is saved', async () => {
    await sandbox.injectFaults([{ method: 'GET', path: '^Binary/', delayMs: 2000 }]);
    const controller = new AbortController();
    const pending = downloadAttachment(client, { url: 'Binary/octet-pdf', contentType: 'application/pdf' }, { fallbackName: 'document', container, signal: controller.signal });
    controller.abort();
    const error = await refusal(pending);
    expect(error).to.be.instanceOf(FhirError);
    expect(error.kind).to.equal('aborted');
    expect(saves.saved).to.deep.equal([]);
  });

  it('saveFile: saves a calendar file as it is, and refuses an HTML Blob', () => {
    const name = saveFile(new Blob(['BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'], { type: 'text/calendar;charset=utf-8' }), { title: 'appointment-2026-11-25.ics', fallbackName: 'appointment', container });
    expect(name).to.equal('appointment-2026-11-25.ics');
    expect(saves.saved.map((s) => [s.name, s.file.type])).to.deep.equal([['appointment-2026-11-25.ics', 'text/calendar;charset=utf-8']]);
    expect(() => saveFile(new Blob([SCRIPT_PAYLOAD], { type: 'text/html' }), { title: 'a.html', fallbackName: 'file', container })).to.throw(DownloadError);
    expect(saves.saved).to.have.length(1);
  });
});
