import { expect } from '@open-wc/testing';
import type { Attachment, CapabilityStatement } from 'fhir/r4';
import { LitElement } from 'lit';
import type { FhirClient } from '../../packages/core/src/fhir/client.js';
import { FileRefusedError, uploadAttachment, type UploadOptions } from '../../packages/core/src/files/upload.js';
import { isFhirError } from '../../packages/core/src/fhir/errors.js';
import { LocalizeController } from '../../packages/core/src/i18n/localize-controller.js';
import { loadTranslation } from '../../packages/core/src/i18n/registry.js';
import { Sandbox, TEST_SCOPE, type SentRequest } from '../helpers/backend.js';
import { refusal } from '../helpers/refusal.js';

/** An element only to say errors as a patient reads them (English, and Spanish when asked). */
class UploadMessages extends LitElement {
  readonly localize = new LocalizeController(this);
}
customElements.define('upload-messages', UploadMessages);

function messageFor(error: unknown, lang = 'en'): string {
  const el = document.createElement('upload-messages') as UploadMessages;
  el.lang = lang;
  document.body.append(el);
  try {
    return el.localize.errorMessage(error);
  } finally {
    el.remove();
  }
}

const PDF_START = '%PDF-1.4\n%\u00e2\u00e3\n';
const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

/** A file as the browser's file picker gives it: bytes, a name, a type. */
function fileOf(bytes: Uint8Array | string, name: string, type: string): File {
  return new File([bytes as BlobPart], name, { type });
}

/** `size` bytes starting with a PNG's signature, the rest varied (so a read back that shifts or drops bytes shows). */
function pngOf(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + (i >> 8)) & 0xff;
  bytes.set(PNG_START);
  return bytes;
}

const base64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));

/**
 * A client signed in as maria on `sandbox`, allowed to create Binaries, recording each request. With
 * `binaryCreate: false`, the CapabilityStatement it reads leaves Binary create out (as a server whose
 * patient access is read-only does); every other answer is the server's own. `onSent` is told of each
 * request once it is on its way.
 */
async function uploadingClient(
  sandbox: Sandbox,
  { binaryCreate = true, onSent }: { binaryCreate?: boolean; onSent?: (request: SentRequest) => void } = {},
): Promise<{ client: FhirClient; patient: string; sent: SentRequest[] }> {
  const sent: SentRequest[] = [];
  const { patient } = await sandbox.token('maria');
  const client = await sandbox.client('maria', {
    scope: `${TEST_SCOPE} patient/Binary.c`,
    fetch: async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const path = url.pathname.split('/fhir/')[1] ?? '';
      const request = { method: init?.method ?? 'GET', path, params: url.searchParams };
      sent.push(request);
      const answer = fetch(input, init);
      onSent?.(request);
      const response = await answer;
      if (binaryCreate || path !== 'metadata') return response;
      const statement = (await response.json()) as CapabilityStatement;
      const binary = statement.rest![0]!.resource!.find((r) => r.type === 'Binary')!;
      binary.interaction = binary.interaction!.filter((i) => i.code !== 'create');
      return new Response(JSON.stringify(statement), { status: response.status, headers: response.headers });
    },
  });
  return { client, patient, sent };
}

describe('uploadAttachment: a file the patient chose, ready to send', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    // Each test its own server address: the CapabilityStatement is read once per address and page.
    sandbox = await Sandbox.create();
  });
  afterEach(() => sandbox.dispose());

  it('a small PDF travels inline: its bytes as data, its type, name and size, and no request', async () => {
    const { client, sent } = await uploadingClient(sandbox);
    const bytes = new TextEncoder().encode(`${PDF_START}1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
    const attachment = await uploadAttachment(client, fileOf(bytes, 'Referral letter.pdf', 'application/pdf'));
    expect(attachment).to.deep.equal({ contentType: 'application/pdf', size: bytes.length, title: 'Referral letter.pdf', data: base64(bytes) });
    expect(sent.length).to.equal(0);
  });

  it('a phone photo the browser did not type (HEIC) is sent as image/heic by its bytes', async () => {
    const { client } = await uploadingClient(sandbox);
    const heic = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0]);
    const attachment = await uploadAttachment(client, fileOf(heic, 'IMG_0412.HEIC', ''));
    expect([attachment.contentType, attachment.data]).to.deep.equal(['image/heic', base64(heic)]);
  });

  it('a larger file becomes a Binary on the server (its CapabilityStatement offers Binary create): read back, it is what was sent; progress runs to 1', async () => {
    const { client, patient, sent } = await uploadingClient(sandbox);
    const bytes = pngOf(1536 * 1024);
    const progress: number[] = [];
    const options: UploadOptions = { securityContext: { reference: `Patient/${patient}` }, onProgress: (fraction) => progress.push(fraction) };
    const attachment = await uploadAttachment(client, fileOf(bytes, 'rash.png', 'image/png'), options);
    expect(attachment.url).to.match(/^Binary\/[^/]+$/);
    expect([attachment.contentType, attachment.size, attachment.title, attachment.data]).to.deep.equal(['image/png', bytes.length, 'rash.png', undefined]);
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.path)).to.deep.equal(['Binary']);
    const back = new Uint8Array(await (await client.download(attachment as Attachment)).arrayBuffer());
    expect(back.length).to.equal(bytes.length);
    expect(back.every((b, i) => b === bytes[i])).to.equal(true);
    expect(progress[0]).to.equal(0);
    expect(progress[progress.length - 1]).to.equal(1);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).to.equal(true);
  });

  it('a larger file when the server takes no Binary (its CapabilityStatement without Binary create): refused, saying the limit, nothing sent', async () => {
    const { client, sent } = await uploadingClient(sandbox, { binaryCreate: false });
    const error = await refusal(uploadAttachment(client, fileOf(pngOf(1536 * 1024), 'rash.png', 'image/png')));
    expect([error instanceof FileRefusedError, isFhirError(error), error.kind]).to.deep.equal([true, true, 'file-upload-unsupported']);
    expect(messageFor(error)).to.equal("The clinic's system takes files up to 1 MB here. Send a smaller file.");
    expect(sent.filter((r) => r.method !== 'GET')).to.deep.equal([]);
  });

  it('a type that may not be sent (a web page) is refused in plain words', async () => {
    const { client, sent } = await uploadingClient(sandbox);
    const error = await refusal(uploadAttachment(client, fileOf('<!doctype html><script>alert(1)</script>', 'results.html', 'text/html')));
    expect([isFhirError(error), error.kind]).to.deep.equal([true, 'file-type']);
    expect(messageFor(error)).to.equal("That file type can't be sent. Send a PDF or a photo.");
    await loadTranslation('es');
    expect(messageFor(error, 'es')).to.equal('Ese tipo de archivo no se puede enviar. Envíe un PDF o una foto.');
    expect(sent.length).to.equal(0);
  });

  it('a file over 10 MB is refused before it is read, saying the limit', async () => {
    const { client, sent } = await uploadingClient(sandbox);
    const error = await refusal(uploadAttachment(client, fileOf(pngOf(10 * 1024 * 1024 + 1), 'scan.png', 'image/png')));
    expect([isFhirError(error), error.kind]).to.deep.equal([true, 'file-too-large']);
    expect(messageFor(error)).to.equal('That file is larger than 10 MB.');
    expect(sent.length).to.equal(0);
    // A host's own limit is the one said.
    const small = await refusal(uploadAttachment(client, fileOf(pngOf(600 * 1024), 'scan.png', 'image/png'), { maxBytes: 500 * 1024 }));
    expect(messageFor(small)).to.equal('That file is larger than 500 kB.');
  });

  it('a file whose bytes are not what its type says (a page named .png, a PNG called a PDF) is refused', async () => {
    const { client, sent } = await uploadingClient(sandbox);
    const page = await refusal(uploadAttachment(client, fileOf('<html><body>not a picture</body></html>', 'photo.png', 'image/png')));
    expect([page.kind, page.message]).to.deep.equal(['file-type', 'The file says it is image/png, but its bytes are not.']);
    const png = await refusal(uploadAttachment(client, fileOf(pngOf(2048), 'letter.pdf', 'application/pdf')));
    expect(png.kind).to.equal('file-type');
    expect(sent.length).to.equal(0);
  });

  it('cancelled while it is read: fails as aborted and sends nothing; cancelled on its way: the request is cancelled', async () => {
    const sending = new AbortController();
    const { client, patient, sent } = await uploadingClient(sandbox, { onSent: (request) => request.method === 'POST' && sending.abort() });
    const file = fileOf(pngOf(3 * 1024 * 1024), 'rash.png', 'image/png');
    const securityContext = { reference: `Patient/${patient}` };
    const reading = new AbortController();
    const early = await refusal(uploadAttachment(client, file, { signal: reading.signal, securityContext, onProgress: (fraction) => fraction > 0 && reading.abort() }));
    expect([isFhirError(early), early.kind]).to.deep.equal([true, 'aborted']);
    expect(sent.filter((r) => r.method === 'POST').length).to.equal(0);
    const late = await refusal(uploadAttachment(client, file, { signal: sending.signal, securityContext }));
    expect([isFhirError(late), late.kind]).to.deep.equal([true, 'aborted']);
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.path)).to.deep.equal(['Binary']);
  });
});
