import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { forgetDeviceStorage, shadow, text, until } from '../helpers/element.js';

/** The ids of the reports listed (results in no report left out), in order. */
function reportIds(el: LabResults): string[] {
  return [...shadow(el).querySelectorAll('[part="report"]:not(.loose) [part="report-button"]')].map((b) => b.getAttribute('aria-controls')!.replace(/^report-/, ''));
}

const loadMore = (el: LabResults) => shadow(el).querySelector<HTMLButtonElement>('[part="load-more"]');

describe('<lab-results> older reports', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());
  afterEach(() => forgetDeviceStorage());

  it('a page that fails keeps the list, says so with "Try again"; then every report once, what was added said, and "All results are shown."', async () => {
    const { patient } = await sandbox.token('maria');
    const client = await sandbox.client('maria');
    const all = await client.searchAll('DiagnosticReport', { patient: `Patient/${patient}`, category: 'LAB', _sort: '-date' }, { max: 1000 });
    expect(all.resources.length, 'Maria has more than one page of reports').to.be.greaterThan(20);

    const el = await fixture<LabResults>(html`<lab-results .client=${client} patient-id=${patient}></lab-results>`);
    await until(() => reportIds(el).length && loadMore(el), 'the first page');
    // One screen of reports: fewer than a full page.
    const firstCount = reportIds(el).length;
    expect(firstCount).to.be.within(5, 19);
    await sandbox.injectFaults([{ path: '^DiagnosticReport', status: 500, times: 1 }]);
    loadMore(el)!.click();
    const alert = await until(() => shadow(el).querySelector('[role="alert"]'), 'the error');
    expect(alert.textContent).to.match(/\S/);
    expect(reportIds(el).length, 'the list as it was').to.equal(firstCount);
    expect(!!loadMore(el), 'no "Show older results" beside the error').to.equal(false);

    shadow(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await until(() => reportIds(el).length > firstCount, 'the retried page');
    expect(!!shadow(el).querySelector('[role="alert"]')).to.equal(false);
    const added = reportIds(el).length - firstCount;
    await until(() => shadow(el).querySelector('[role="status"][aria-live="polite"]')?.textContent?.trim() === `${added} more shown`, 'what was added, said politely');

    for (let page = 0; page < 20 && !text(el).includes('All results are shown.'); page++) {
      const before = reportIds(el).length;
      await until(() => loadMore(el)?.getAttribute('aria-disabled') === 'false' || text(el).includes('All results are shown.'), 'the button ready');
      if (text(el).includes('All results are shown.')) break;
      loadMore(el)!.click();
      await until(() => reportIds(el).length > before || text(el).includes('All results are shown.'), 'the next page');
    }
    expect(text(el)).to.contain('All results are shown.');
    expect(!!loadMore(el)).to.equal(false);
    expect(reportIds(el)).to.deep.equal(all.resources.map((r) => r.id));
  });
});
