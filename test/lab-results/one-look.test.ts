import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { Practitioner } from 'fhir/r4';
import '../../packages/appointment-booker/src/define.js';
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { formatClinicianName } from '../../packages/core/src/index.js';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { shadow, until } from '../helpers/element.js';

/** The colour a flag is drawn in (computed), by its words, in a root. */
function flagColours(root: ParentNode, words: string): string[] {
  return [...root.querySelectorAll<HTMLElement>('[part~="flag"], .trend td')].filter((f) => f.textContent?.trim() === words).map((f) => getComputedStyle(f).color);
}

describe('one look across elements: flags and clinicians', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());
  afterEach(() => fixtureCleanup());

  it('"High" is the same colour in a report and in its trend table: the theme\'s flag-high', async () => {
    const client = await sandbox.client('maria');
    const { patient } = await sandbox.token('maria');
    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient} style="--portico-flag-high: rgb(1, 2, 3)"></lab-results>`);
    const flagged = await until(() => [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="report-button"]')].find((b) => /High/.test(b.textContent ?? '')), 'a report with a High result');
    flagged.click();
    const row = await until(() => [...shadow(el).querySelectorAll('tr.flagged')].find((r) => /\bHigh\b/.test(r.textContent ?? '') && r.querySelector('.trend-button')), 'a High row with a trend');
    const inReport = flagColours(row, 'High');
    expect(inReport.length, 'the row shows its flag').to.be.greaterThan(0);
    row.querySelector<HTMLButtonElement>('.trend-button')!.click();
    const inTrend = await until(() => {
      const colours = [...shadow(el).querySelectorAll('.trend table')].flatMap((table) => flagColours(table, 'High'));
      return colours.length ? colours : undefined;
    }, 'High in the trend table');
    expect([...new Set([...inReport, ...inTrend])]).to.deep.equal(['rgb(1, 2, 3)']);
  });

  it('a clinician has one name: the booker\'s choice of clinician and the results\' "Ordered by" use the same form', async () => {
    const client = await sandbox.client('maria');
    const { patient } = await sandbox.token('maria');
    const { resources: practitioners } = await client.searchAll('Practitioner', {});
    const expected = new Map(practitioners.map((p: Practitioner) => [p.id!, formatClinicianName(p)]));

    const booker = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patient} viewer-time-zone="America/New_York" service-type="https://riverside-health.example.org/fhir/CodeSystem/visit-type|annual-physical"></appointment-booker>`);
    const options = await until(() => {
      const found = [...shadow(booker).querySelectorAll('option')].filter((o) => expected.has(o.value));
      return found.length ? found : undefined;
    }, 'the clinicians to choose from');
    for (const option of options) expect(option.textContent?.trim()).to.equal(expected.get(option.value));
    expect(options.some((o) => /^Dr\. /.test(o.textContent?.trim() ?? '')), 'names read "Dr. Given Family"').to.equal(true);

    const labs = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    const first = await until(() => shadow(labs).querySelector<HTMLButtonElement>('[part="report-button"]'), 'the reports');
    first.click();
    const orderedBy = await until(() => [...shadow(labs).querySelectorAll('.who span')].map((s) => s.textContent ?? '').find((t) => t.startsWith('Ordered by ')), '"Ordered by"');
    expect([...expected.values()]).to.include(orderedBy.replace('Ordered by ', '').trim());
  });
});
