import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../packages/record-download/src/define.js';
import type { RecordDownload } from '../../packages/record-download/src/index.js';
import { issueHealthCard } from '../../packages/record-download/src/model/health-card-issue.js';
import { healthCardQrText } from '../../packages/record-download/src/model/health-card-qr.js';
import { HealthCardRefused, verifyHealthCard, type HealthCardKey } from '../../packages/record-download/src/model/health-card-verify.js';
import { Sandbox } from '../helpers/backend.js';
import { animationsDone, downloaded, shadow, text, until } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);

declare global {
  interface Window {
    jsQR?: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
  }
}

/** The QR decoder (jsQR, a UMD script): loaded once as a classic script. */
async function decoder(): Promise<NonNullable<Window['jsQR']>> {
  if (!window.jsQR) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/jsqr/dist/jsQR.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('jsQR did not load'));
      document.head.append(script);
    });
  }
  return window.jsQR!;
}

/** What a phone reads from the QR code on screen: the canvas drawn 8 times larger (crisp), decoded. */
async function scan(canvas: HTMLCanvasElement): Promise<string> {
  const jsQR = await decoder();
  const large = document.createElement('canvas');
  large.width = canvas.width * 8;
  large.height = canvas.height * 8;
  const context = large.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  context.drawImage(canvas, 0, 0, large.width, large.height);
  const image = context.getImageData(0, 0, large.width, large.height);
  return jsQR(image.data, image.width, image.height)?.data ?? '';
}

/** The JWS inside `shc:/…` (each two digits n → the character n + 45). */
function jwsOfQr(qr: string): string {
  const digits = qr.replace(/^shc:\//, '');
  let jws = '';
  for (let i = 0; i < digits.length; i += 2) jws += String.fromCharCode(Number(digits.slice(i, i + 2)) + 45);
  return jws;
}

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromB64url = (part: string) => Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4)), (c) => c.charCodeAt(0));

async function keysOf(sandbox: Sandbox): Promise<{ keys: HealthCardKey[] }> {
  return (await (await fetch(`${sandbox.fhirBaseUrl}/.well-known/jwks.json`)).json()) as { keys: HealthCardKey[] };
}

/** Checks the signature here, apart from the element's own check: ES256 over `header.payload` with the issuer's key. */
async function signatureVerifies(jws: string, keys: HealthCardKey[]): Promise<boolean> {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const { kid } = JSON.parse(new TextDecoder().decode(fromB64url(header))) as { kid: string };
  const jwk = keys.find((k) => k.kid === kid)!;
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, fromB64url(signature), new TextEncoder().encode(`${header}.${payload}`));
}

async function refusal(jws: string, keys: () => Promise<{ keys: HealthCardKey[] }>): Promise<string> {
  try {
    await verifyHealthCard(jws, keys);
    return 'accepted';
  } catch (error) {
    return error instanceof HealthCardRefused ? error.reason : String(error);
  }
}

describe('<record-download> Health card', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
  });
  afterEach(() => sandbox.clearFaults());
  after(() => sandbox.dispose());

  it('shows a verified card: the QR code decodes to the JWS of the file, which verifies with the issuer’s keys; issuer, patient and vaccines said', async () => {
    const client = await sandbox.client('maria');
    // The card takes a moment to issue, so the loading state can be seen (and checked) on any machine.
    await sandbox.injectFaults([{ path: 'health-cards-issue', delayMs: 1500, times: 1 }]);
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="health-card"></record-download>`);
    await until(() => shadow(el).querySelector('.health-card-view [part~="skeleton"]'), 'the loading state');
    await expect(el).to.be.accessible();
    const canvas = await until(() => part<HTMLCanvasElement>(el, 'health-card-qr'), 'the QR code');
    expect(canvas.getBoundingClientRect().width >= 300).to.equal(true, `at least 300 px wide (${canvas.getBoundingClientRect().width})`);
    const scanned = await scan(canvas);
    expect(scanned.startsWith('shc:/')).to.equal(true, 'a SMART Health Card QR');
    expect(/^shc:\/\d+$/.test(scanned)).to.equal(true, 'numeric after the prefix');
    const file = await downloaded(() => part<HTMLButtonElement>(el, 'health-card-download')!.click());
    expect(file.type).to.equal('application/smart-health-card');
    const { verifiableCredential } = JSON.parse(await file.text()) as { verifiableCredential: string[] };
    expect(verifiableCredential.length).to.equal(1);
    const jws = verifiableCredential[0]!;
    expect(jwsOfQr(scanned)).to.equal(jws, 'the QR is the same card as the file');
    expect(scanned).to.equal(healthCardQrText(jws));
    const { keys } = await keysOf(sandbox);
    expect(await signatureVerifies(jws, keys)).to.equal(true, 'the signature verifies with the published key');
    expect(text(el)).to.include(new URL(sandbox.fhirBaseUrl).host);
    expect(part(el, 'health-card-patient')!.textContent).to.include('Maria');
    const { resources } = await client.searchAll('Immunization', { patient: 'Patient/maria', status: 'completed' });
    const vaccines = [...part(el, 'health-card-vaccines')!.querySelectorAll('li')];
    expect(vaccines.length).to.equal(resources.length);
    expect(vaccines.some((li) => li.textContent!.includes('Flu shot'))).to.equal(true, 'vaccines named from the record');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('the check refuses a tampered card: a changed character, changed content under the old signature, another algorithm, an unknown key', async () => {
    const client = await sandbox.client('maria');
    const issued = (await issueHealthCard(client, 'maria', 'immunization'))!;
    const keys = () => keysOf(sandbox);
    expect(await refusal(issued.jws, keys)).to.equal('accepted');
    const [header, payload, signature] = issued.jws.split('.') as [string, string, string];
    const at = Math.floor(payload.length / 2);
    const changed = `${payload.slice(0, at)}${payload[at] === 'A' ? 'B' : 'A'}${payload.slice(at + 1)}`;
    expect(await refusal(`${header}.${changed}.${signature}`, keys)).to.be.oneOf(['format', 'signature']);
    // The same card with one more vaccine lot number, compressed again, under the issuer's signature.
    const inflated = await new Response(new Blob([fromB64url(payload)]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
    const forged = inflated.replace(/"lotNumber":"([^"]+)"/, '"lotNumber":"X$1"');
    expect(forged === inflated).to.equal(false);
    const deflated = new Uint8Array(await new Response(new Blob([forged]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    expect(await refusal(`${header}.${b64url(deflated)}.${signature}`, keys)).to.equal('signature');
    const none = b64url(new TextEncoder().encode(JSON.stringify({ alg: 'none', zip: 'DEF', kid: 'x' })));
    expect(await refusal(`${none}.${payload}.${signature}`, keys)).to.equal('algorithm');
    const otherKid = b64url(new TextEncoder().encode(JSON.stringify({ alg: 'ES256', zip: 'DEF', kid: 'someone-else' })));
    expect(await refusal(`${otherKid}.${payload}.${signature}`, keys)).to.equal('keys');
    expect(await refusal('not a card', keys)).to.equal('format');
  });

  it('shows no card, and says why, when the issuer’s keys cannot be read to check it', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'GET', path: 'jwks\\.json', status: 404, times: 5 }]);
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="health-card"></record-download>`);
    await until(() => part(el, 'health-card-refused'), 'the refusal');
    expect(part(el, 'health-card-qr') === null).to.equal(true);
    expect(part(el, 'health-card-download') === null).to.equal(true);
    expect(text(el)).to.include("This health card can't be shown.");
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('saves the card with the keyboard; in Arabic, right to left', async () => {
    const client = await sandbox.client('maria');
    const wrapper = await fixture(html`<div lang="ar"><record-download .client=${client} patient-id="maria" view="health-card"></record-download></div>`);
    const el = wrapper.querySelector('record-download')!;
    const button = await until(() => part<HTMLButtonElement>(el, 'health-card-download'), 'the download button');
    await until(() => text(el).includes('صادرة عن'), 'the card in Arabic');
    expect(shadow(el).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
    shadow(el).querySelector<HTMLButtonElement>('.tabs button')!.focus();
    for (let i = 0; i < 20 && shadow(el).activeElement !== button; i++) await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement === button).to.equal(true, 'Tab reaches the download');
    const file = await downloaded(() => void sendKeys({ press: 'Enter' }));
    expect(file.type).to.equal('application/smart-health-card');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('a card too large for one QR code (a child’s many vaccines) says so and still offers the file', async () => {
    const client = await sandbox.client('james', { patient: 'leo' });
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="leo" view="health-card"></record-download>`);
    await until(() => part(el, 'health-card-too-large'), 'too large for one code');
    expect(part(el, 'health-card-qr') === null).to.equal(true);
    const file = await downloaded(() => part<HTMLButtonElement>(el, 'health-card-download')!.click());
    const { verifiableCredential } = JSON.parse(await file.text()) as { verifiableCredential: string[] };
    expect(healthCardQrText(verifiableCredential[0]!).length > 2400).to.equal(true, 'more than version 22 holds in numeric mode at L');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('a test-result card: Leo’s strep test, named and worded from his record, in a QR code that scans to a card the issuer signed', async () => {
    const client = await sandbox.client('james', { patient: 'leo' });
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="leo" view="health-card"></record-download>`);
    // By keyboard: the arrow key moves from Vaccinations to Test results, as radio buttons do.
    const vaccinations = await until(() => shadow(el).querySelector<HTMLInputElement>('[part~="health-card-kind"] input[value="immunization"]'), 'the choice of card');
    vaccinations.focus();
    await sendKeys({ press: 'ArrowDown' });
    const results = shadow(el).querySelector<HTMLInputElement>('[part~="health-card-kind"] input[value="laboratory"]')!;
    expect(results.checked).to.equal(true);
    const list = await until(() => part(el, 'health-card-results'), 'the results in the card');
    const items = [...list.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(items.length).to.equal(1);
    expect(items[0]).to.match(/Strep|Streptococcus/i);
    expect(items[0]).to.include('Not detected');
    const jws = jwsOfQr(await scan(part<HTMLCanvasElement>(el, 'health-card-qr')!));
    expect(await signatureVerifies(jws, (await keysOf(sandbox)).keys)).to.equal(true);
    const card = await verifyHealthCard(jws, () => keysOf(sandbox));
    expect(card.results.map((o) => o.code.coding?.[0]?.code).join()).to.equal('78012-2');
    expect(card.immunizations.length).to.equal(0);
    expect(shadow(el).activeElement === results).to.equal(true, 'focus stays on the choice while the card changes');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('a test-result card with nothing to carry says what a card can hold (Maria has no infection tests); vaccinations are one choice away', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="health-card"></record-download>`);
    await until(() => part(el, 'health-card-vaccines'), 'her vaccination card first');
    shadow(el).querySelector<HTMLInputElement>('[part~="health-card-kind"] input[value="laboratory"]')!.click();
    await until(() => text(el).includes('No test results to put on a card'), 'no result card');
    expect(text(el)).to.include('COVID-19');
    expect(part(el, 'health-card-download') === null).to.equal(true);
    await animationsDone();
    await expect(el).to.be.accessible();
    shadow(el).querySelector<HTMLInputElement>('[part~="health-card-kind"] input[value="immunization"]')!.click();
    await until(() => part(el, 'health-card-vaccines') && part(el, 'health-card-qr'), 'the vaccination card again');
  });

  it('an error while asking for the card says so, with a retry that shows it', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'POST', path: 'health-cards-issue', status: 500, times: 1 }]);
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="health-card"></record-download>`);
    const retry = await until(() => shadow(el).querySelector<HTMLButtonElement>('.health-card-view [part~="retry-button"]'), 'the error');
    await expect(el).to.be.accessible();
    retry.click();
    await until(() => part(el, 'health-card-qr'), 'the card after the retry');
  });
});

describe('<record-download> Health card on a server without health cards', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create({ recordOperations: false });
  });
  after(() => sandbox.dispose());

  it('says the clinic does not issue them and leads to the immunization record to print', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<RecordDownload>(html`<record-download .client=${client} patient-id="maria" view="health-card"></record-download>`);
    await until(() => text(el).includes("doesn't issue SMART Health Cards"), 'no health cards here');
    await animationsDone();
    await expect(el).to.be.accessible();
    shadow(el).querySelector<HTMLButtonElement>('.health-card-view [part~="action-button"]')!.click();
    await until(() => el.view === 'immunizations' && shadow(el).querySelector('.immunization-view'), 'the immunization record');
  });
});
