import { expect } from '@open-wc/testing';
import { until } from '../helpers/element.js';

/** Loads one module in a fresh page (an iframe) and says which Portico tags that page then has. */
async function tagsAfterImporting(module: string): Promise<Record<string, boolean>> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><script type="module">import '${module}'; window.loaded = true;</script>`;
  document.body.append(frame);
  try {
    const win = frame.contentWindow as (Window & typeof globalThis & { loaded?: boolean }) | null;
    await until(() => win?.loaded, `${module} loaded`);
    const tags = ['portal-session', 'patient-banner', 'appointment-booker', 'lab-results'];
    return Object.fromEntries(tags.map((tag) => [tag, !!win!.customElements.get(tag)]));
  } finally {
    frame.remove();
  }
}

describe("each package's define.js registers its own tags only", () => {
  it('the booker registers appointment-booker, not the session, the banner or lab-results', async () => {
    expect(await tagsAfterImporting('/packages/appointment-booker/src/define.ts')).to.deep.equal({ 'portal-session': false, 'patient-banner': false, 'appointment-booker': true, 'lab-results': false });
  });

  it('lab-results registers lab-results only', async () => {
    expect(await tagsAfterImporting('/packages/lab-results/src/define.ts')).to.deep.equal({ 'portal-session': false, 'patient-banner': false, 'appointment-booker': false, 'lab-results': true });
  });

  it("core's define.js registers the session and the banner", async () => {
    expect(await tagsAfterImporting('/packages/core/src/define.ts')).to.deep.equal({ 'portal-session': true, 'patient-banner': true, 'appointment-booker': false, 'lab-results': false });
  });

  it('importing a package (its index) registers nothing', async () => {
    expect(Object.values(await tagsAfterImporting('/packages/appointment-booker/src/index.ts')).some(Boolean)).to.equal(false);
  });
});
