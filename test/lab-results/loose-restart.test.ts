import { expect, fixture, html } from '@open-wc/testing';
import type { Observation } from 'fhir/r4';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { forgetDeviceStorage, shadow, until } from '../helpers/element.js';
import { showAllOlder } from './older-pages.js';

/**
 * A client signed in as `username` whose first search for results reaches the server only once the
 * test calls `release` (`held` tells whether it was sent, with what signal, and when it settled).
 */
async function heldClient(sandbox: Sandbox, username: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held: { signal?: AbortSignal | null; sent: boolean; settled?: Promise<unknown> } = { sent: false };
  const { patient } = await sandbox.token(username);
  const client = await sandbox.client(username, {
    fetch: (input, init) => {
      if (held.sent || !new URL(String(input)).pathname.endsWith('/fhir/Observation')) return fetch(input, init);
      held.sent = true;
      held.signal = init?.signal;
      const answer = gate.then(() => fetch(input, init));
      held.settled = answer.catch(() => undefined);
      return answer;
    },
  });
  return { release, held, client, patient };
}

const loadMore = (el: LabResults) => shadow(el).querySelector<HTMLButtonElement>('[part="load-more"][aria-disabled="false"]');

/** The ids of the results in no report the element lists. */
function looseIds(el: LabResults): string[] {
  return [...shadow(el).querySelectorAll('[part="report"].loose [part="report-button"]')].map((b) => b.getAttribute('aria-controls')!.replace(/^result-/, ''));
}

describe('<lab-results> starting again while the results in no report are being read', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());
  afterEach(() => forgetDeviceStorage());

  it('cancels that read, never shows its results, and reads the new patient’s', async function () {
    // Aisha's whole history, a screen at a time.
    this.timeout(30_000);
    const { release, held, client: mariaClient, patient: maria } = await heldClient(sandbox, 'maria');
    const { patient: aisha } = await sandbox.token('aisha');
    const aishaClient = await sandbox.client('aisha');
    const inClinic = (o: Observation) => !!o.note?.some((n) => n.text === 'Point-of-care test done in clinic.');
    const mariaResults = await (await sandbox.client('maria')).searchAll('Observation', { patient: `Patient/${maria}`, category: 'laboratory' }, { max: 5000 });
    const mariaLoose = mariaResults.resources.filter(inClinic).map((o) => o.id!);
    const aishaResults = await aishaClient.searchAll('Observation', { patient: `Patient/${aisha}`, category: 'laboratory' }, { max: 5000 });
    const aishaLoose = aishaResults.resources.filter(inClinic).map((o) => o.id!);
    expect(mariaLoose.length, 'Maria has results done in clinic').to.be.greaterThan(0);
    expect(aishaLoose.length, 'Aisha has a result done in clinic').to.be.greaterThan(0);

    const el = await fixture<LabResults>(html`<lab-results .client=${mariaClient} patient-id=${maria} page-size="100"></lab-results>`);
    // The patient asks for more: her results in no report are read with the next page.
    await until(() => loadMore(el), 'Maria’s first screen');
    loadMore(el)!.click();
    await until(() => held.sent && shadow(el).querySelector('[part="report-button"]'), 'Maria’s reports, and her results being read');

    // Another patient while Maria's read is on its way; then that read's answer comes.
    el.client = aishaClient;
    el.patientId = aisha;
    const aishaReports = await aishaClient.searchAll('DiagnosticReport', { patient: `Patient/${aisha}` }, { max: 500 });
    const first = aishaReports.resources[0]!.id!;
    await until(() => shadow(el).querySelector(`[aria-controls="report-${CSS.escape(first)}"]`), 'Aisha’s reports');
    release();
    await held.settled;
    await showAllOlder(el);
    // Aisha's results in no report are read and listed; none of Maria's ever are; Maria's read was cancelled.
    await until(() => looseIds(el).length === aishaLoose.length, 'Aisha’s results in no report');
    expect(looseIds(el).sort()).to.deep.equal([...aishaLoose].sort());
    expect(looseIds(el).some((id) => mariaLoose.includes(id))).to.equal(false);
    expect(held.signal?.aborted, 'Maria’s read cancelled').to.equal(true);
  });

  it('moved elsewhere on the page while they are being read, reads them again', async function () {
    // Maria's whole history, a screen at a time.
    this.timeout(30_000);
    const { release, held, client, patient } = await heldClient(sandbox, 'maria');
    const results = await (await sandbox.client('maria')).searchAll('Observation', { patient: `Patient/${patient}`, category: 'laboratory' }, { max: 5000 });
    const inClinic = results.resources.filter((o) => o.note?.some((n) => n.text === 'Point-of-care test done in clinic.')).map((o) => o.id!);
    expect(inClinic.length, 'Maria has results done in clinic').to.be.greaterThan(0);
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} page-size="100"></lab-results>`);
    await until(() => loadMore(el), 'Maria’s first screen');
    loadMore(el)!.click();
    await until(() => held.sent && shadow(el).querySelector('[part="report-button"]'), 'Maria’s reports, and her results being read');
    // The host moves the element (a layout change): it leaves the page and comes back.
    const box = document.createElement('div');
    el.parentElement!.append(box);
    box.append(el);
    expect(held.signal?.aborted, 'the read on its way when it left is cancelled').to.equal(true);
    release();
    await held.settled;
    await showAllOlder(el);
    await until(() => looseIds(el).length === inClinic.length, 'Maria’s results in no report');
    expect(looseIds(el).sort()).to.deep.equal([...inClinic].sort());
  });
});
