import { elementUpdated, expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Patient } from 'fhir/r4';
import '../../packages/core/src/define.js';
import type { SessionState } from '../../packages/core/src/context.js';
import { registerTranslation } from '../../packages/core/src/i18n/registry.js';
import type { PatientBanner } from '../../packages/core/src/patient-banner/patient-banner.js';
import type { PortalSession } from '../../packages/core/src/portal-session/portal-session.js';
import { Sandbox } from '../helpers/backend.js';

const RLO = '\u202E';
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

/** Where `words` is drawn on screen (they must lie within one text node under `root`). */
function rectOf(root: Node, words: string): DOMRect {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(words);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + words.length);
    return range.getBoundingClientRect();
  }
  throw new Error(`"${words}" is not on the page`);
}

/** The nearest element around the text `words` whose direction is isolated from its surroundings. */
function isolatingAncestor(root: ShadowRoot, words: string): Element | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent!.includes(words)) continue;
    for (let el = node.parentElement; el; el = el.parentElement) {
      if (getComputedStyle(el).unicodeBidi === 'isolate' || getComputedStyle(el).unicodeBidi === 'isolate-override') return el;
      if (getComputedStyle(el).display !== 'inline') return null;
    }
  }
  return null;
}

describe('text from data', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await Sandbox.create();
    // A record whose given name ends in a right-to-left override, as a mistyped or hostile entry can.
    const maria = (await (await sandbox.client('maria')).read('Patient', 'maria')) as Patient;
    await sandbox.load([{ ...maria, name: [{ use: 'official', given: [`Ana${RLO}`], family: 'Lopez' }] }]);
    // A language that puts the name first ("NAME olarak oturum açıldı"), so words follow the name on the line.
    registerTranslation({ $code: 'tr', $name: 'Türkçe', $dir: 'ltr', signedInAs: (name) => `${name} olarak oturum açıldı` });
  });
  after(() => sandbox.dispose());

  it('cannot reorder the words after a name in the signed-in bar', async () => {
    const { access_token } = await sandbox.token('maria');
    const el = await fixture<PortalSession>(html`<portal-session auth="token" locale="tr" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" fhir-user="Patient/maria" .accessToken=${access_token}>
      <patient-banner></patient-banner>
    </portal-session>`);
    await waitUntil(() => (el as unknown as { session: SessionState }).session.patient, 'the patient never loaded', { timeout: 5000 });
    await elementUpdated(el);
    const bar = part(el, 'bar')!;
    expect(bar.textContent!.replace(/\s+/g, ' ')).to.contain(`Ana${RLO} Lopez olarak oturum açıldı`);
    // Read left to right, the following words come after the name, not before it.
    const name = rectOf(bar, 'Lopez');
    const following = rectOf(bar, 'olarak');
    expect(following.left >= name.right, `"olarak" at ${following.left}, the name ends at ${name.right}`).to.equal(true);
    expect(isolatingAncestor(el.shadowRoot!, 'Lopez')?.textContent).to.equal(`Ana${RLO} Lopez`);

    const banner = el.querySelector<PatientBanner>('patient-banner')!;
    await elementUpdated(banner);
    expect(isolatingAncestor(banner.shadowRoot!, 'Lopez')?.textContent).to.equal(`Ana${RLO} Lopez`);
    const mrn = part(banner, 'details')!.querySelectorAll('dd')[1]!;
    expect(isolatingAncestor(banner.shadowRoot!, mrn.textContent!.trim())?.textContent).to.equal(mrn.textContent!.trim());
  });
});
