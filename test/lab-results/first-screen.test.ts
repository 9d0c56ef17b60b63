import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Binary } from 'fhir/r4';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { firstPageSize, MIN_FIRST_PAGE } from '../../packages/lab-results/src/model/first-page.js';
import { Sandbox } from '../helpers/backend.js';
import { downloaded, forgetDeviceStorage, shadow, until } from '../helpers/element.js';
import { showAllOlder } from './older-pages.js';

/** A request the element sent, and what came back. */
interface Exchange {
  path: string;
  params: URLSearchParams;
  authorization: string | null;
  /** The answer's body, in bytes (for FHIR JSON reads). */
  bytes?: number;
  /** The answer's JSON (for FHIR JSON reads). */
  json?: unknown;
}

/** A client to the real server (signed in as Maria) that records each request and the JSON it answered. */
async function recordingClient(sandbox: Sandbox) {
  const sent: Exchange[] = [];
  const { patient } = await sandbox.token('maria');
  const client = await sandbox.client('maria', {
    fetch: async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const exchange: Exchange = { path: url.pathname.split('/fhir/')[1] ?? '', params: url.searchParams, authorization: new Headers(init?.headers).get('Authorization') };
      sent.push(exchange);
      const response = await fetch(input, init);
      if (/json/.test(response.headers.get('Content-Type') ?? '')) {
        const body = await response.clone().text();
        exchange.bytes = new TextEncoder().encode(body).length;
        exchange.json = JSON.parse(body);
      }
      return response;
    },
  });
  return { client, patient, sent };
}

const reportSearches = (sent: readonly Exchange[]) => sent.filter((r) => r.path === 'DiagnosticReport');
const reportIds = (el: LabResults) => [...shadow(el).querySelectorAll('[part="report"]:not(.loose) [part="report-button"]')].map((b) => b.getAttribute('aria-controls')!.replace(/^report-/, ''));
const sentinel = (el: LabResults) => shadow(el).querySelector('.sentinel');

/**
 * Whether the end of the list is in view, once the browser has checked: a new observer's first report
 * comes in the same step as the element's own (so by then the element has had its chance to ask for more).
 */
function endInView(el: LabResults): Promise<boolean> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver((entries) => {
      observer.disconnect();
      resolve(entries.some((e) => e.isIntersecting));
    });
    observer.observe(sentinel(el)!);
  });
}

/** Every attachment in a FHIR JSON answer that carries its bytes inline (`data`), by where it is. */
function inlineAttachments(json: unknown, path = ''): string[] {
  if (Array.isArray(json)) return json.flatMap((v, i) => inlineAttachments(v, `${path}[${i}]`));
  if (!json || typeof json !== 'object') return [];
  const record = json as Record<string, unknown>;
  const here = typeof record.data === 'string' && 'contentType' in record ? [path] : [];
  return [...here, ...Object.entries(record).flatMap(([key, value]) => inlineAttachments(value, `${path}.${key}`))];
}

describe('<lab-results> first screen', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await sandbox.dispose();
  });
  afterEach(() => forgetDeviceStorage());

  it('on a phone reads one screen of reports, then the results in no report in the dates shown, and nothing older until the patient scrolls', async () => {
    await setViewport({ width: 375, height: 600 });
    const { client, patient, sent } = await recordingClient(sandbox);
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportIds(el).length && sentinel(el), 'the first screen');

    const [first] = reportSearches(sent);
    const count = Number(first!.params.get('_count'));
    expect(count, 'at least a useful screen').to.be.at.least(5);
    expect(count, 'fewer than page-size (20) on a 600 px phone').to.be.below(20);
    expect(reportIds(el).length, 'what the first read brought is listed').to.equal(count);
    expect(await endInView(el), 'the end of the list starts below the fold').to.equal(false);
    expect(sent[0]!.path, 'the first screen is one request').to.equal('DiagnosticReport');
    // Then the results in no report, only in the dates the first screen shows (a recent one is listed among them).
    await until(() => sent.length === 2, 'the results in the dates shown');
    const shown = sent[1]!;
    expect(shown.path).to.equal('Observation');
    expect(shown.params.getAll('date').some((d) => d.startsWith('gt'))).to.equal(true, 'bounded by the oldest report shown');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sent.length, 'nothing older until the patient scrolls').to.equal(2);

    // The patient scrolls to the end: the next page, and the results in no report in the dates shown.
    sentinel(el)!.scrollIntoView();
    await until(() => reportIds(el).length > count, 'the next page');
    // The server's next link: the page after the first screen, as many again.
    const next = reportSearches(sent)[1]!;
    expect([next.params.get('_offset'), next.params.get('_count')]).to.deep.equal([String(count), String(count)]);
    await until(() => sent.filter((r) => r.path === 'Observation' && r.params.get('category') === 'laboratory').length >= 2, 'the results in no report of the older dates, read as the patient scrolls');
  });

  it('reads more reports where the screen is tall, never more than page-size', async () => {
    await setViewport({ width: 375, height: 600 });
    const phone = await recordingClient(sandbox);
    const small = await fixture<LabResults>(html`<lab-results .client=${phone.client} patient-id=${phone.patient}></lab-results>`);
    await until(() => reportIds(small).length, 'the phone’s first screen');
    const phoneCount = Number(reportSearches(phone.sent)[0]!.params.get('_count'));

    // Each element alone on the page, at its top.
    fixtureCleanup();
    await setViewport({ width: 1280, height: 2000 });
    const desktop = await recordingClient(sandbox);
    const tall = await fixture<LabResults>(html`<lab-results .client=${desktop.client} patient-id=${desktop.patient}></lab-results>`);
    await until(() => reportIds(tall).length, 'the tall screen’s first screen');
    const tallCount = Number(reportSearches(desktop.sent)[0]!.params.get('_count'));
    expect(tallCount, 'a tall screen shows more reports than a phone').to.be.above(phoneCount);
    expect(tallCount, 'at most page-size').to.be.at.most(20);

    fixtureCleanup();
    const capped = await recordingClient(sandbox);
    const few = await fixture<LabResults>(html`<lab-results .client=${capped.client} patient-id=${capped.patient} page-size="8"></lab-results>`);
    await until(() => reportIds(few).length, 'the capped first screen');
    expect(reportSearches(capped.sent)[0]!.params.get('_count'), 'page-size caps the first read').to.equal('8');
  });

  it('the first read on a phone is a fraction of a full page', async () => {
    await setViewport({ width: 375, height: 600 });
    const { client, patient, sent } = await recordingClient(sandbox);
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportIds(el).length, 'the first screen');
    const [first] = reportSearches(sent);
    // The same search as a full page of 20 reports (what the first read was before it followed the screen).
    const full = new URLSearchParams(first!.params);
    full.set('_count', '20');
    const whole = await recordingClient(sandbox);
    await whole.client.search('DiagnosticReport', Object.fromEntries([...new Set(full.keys())].map((key) => [key, full.getAll(key)])));
    const fullBytes = reportSearches(whole.sent)[0]!.bytes!;
    expect(first!.bytes!, `the phone's first read (${first!.bytes} bytes) against a full page (${fullBytes} bytes)`).to.be.below(fullBytes * 0.6);
    expect(first!.bytes!, 'under 150 kB of FHIR JSON').to.be.below(150_000);
  });

  it('no list read carries a file inline; the report’s PDF comes from its url with the patient’s credentials', async function () {
    // Maria's whole history, a screen at a time.
    this.timeout(30_000);
    await setViewport({ width: 800, height: 600 });
    const { client, patient, sent } = await recordingClient(sandbox);
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportIds(el).length, 'the first screen');
    // Every page, and every window of results in no report, each read to its end.
    await showAllOlder(el);
    await until(() => sent.filter((r) => r.path === 'DiagnosticReport' || r.path === 'Observation').every((r) => r.json !== undefined), 'every answer read');
    const reads = sent.filter((r) => r.path === 'DiagnosticReport' || r.path === 'Observation');
    expect(reads.length, 'several pages and windows').to.be.above(2);
    for (const read of reads) expect(inlineAttachments(read.json), `${read.path}?${read.params}`).to.deep.equal([]);

    // The newest report with its own PDF (presentedForm): saved from its url, the token sent along.
    const withPdf = reads
      .flatMap((r) => ((r.json as { entry?: { resource?: { resourceType?: string; id?: string; presentedForm?: { url?: string }[] } }[] })?.entry ?? []).map((e) => e.resource))
      .find((r) => r?.resourceType === 'DiagnosticReport' && r.presentedForm?.length);
    expect(withPdf?.presentedForm?.[0]?.url, 'a report whose PDF is on the server').to.match(/^Binary\//);
    const binary = (await client.read('Binary', withPdf!.presentedForm![0]!.url!.split('/')[1]!)) as Binary;
    const expected = Uint8Array.from(atob(binary.data!), (c) => c.charCodeAt(0));
    shadow(el).querySelector<HTMLButtonElement>(`[aria-controls="report-${CSS.escape(withPdf!.id!)}"]`)!.click();
    const download = await until(() => shadow(el).querySelector<HTMLButtonElement>(`#report-${CSS.escape(withPdf!.id!)} .download`), 'the download button');
    const file = await downloaded(() => download.click());
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(file.type).to.equal('application/pdf');
    expect(bytes.length).to.equal(expected.length);
    expect(bytes.every((b, i) => b === expected[i]), 'the bytes the server holds').to.equal(true);
    const fetched = sent.find((r) => r.path === withPdf!.presentedForm![0]!.url);
    expect(fetched?.authorization ?? '', 'read with the patient’s token').to.match(/^Bearer \S+/);
  });
});

describe('firstPageSize', () => {
  const view = { viewportHeight: 600, listTop: 200, width: 375, rem: 16, pageSize: 20 };

  it('one screen of closed reports and one more, taller rows where the element is narrow', () => {
    // 416 px below the list's top: 104 px rows (narrow) → 4 on screen, 5 asked; 80 px rows (wide) → 6 on screen (the last in part), 7 asked.
    expect(firstPageSize({ ...view, viewportHeight: 616 })).to.equal(5);
    expect(firstPageSize({ ...view, viewportHeight: 616, width: 1024 })).to.equal(7);
    expect(firstPageSize({ ...view, viewportHeight: 1000 })).to.equal(9);
    expect(firstPageSize({ ...view, viewportHeight: 1000, width: 1024 })).to.equal(11);
  });

  it('at least a few reports (a list below the fold, a tiny window), never more than page-size', () => {
    expect(firstPageSize({ ...view, listTop: 900 })).to.equal(MIN_FIRST_PAGE);
    expect(firstPageSize({ ...view, viewportHeight: 0 })).to.equal(MIN_FIRST_PAGE);
    expect(firstPageSize({ ...view, viewportHeight: 5000, width: 1280 })).to.equal(20);
    expect(firstPageSize({ ...view, pageSize: 3 })).to.equal(3);
    // A list scrolled past its top fills the whole window.
    expect(firstPageSize({ ...view, listTop: -300, viewportHeight: 1000, width: 1024 })).to.equal(14);
  });
});
