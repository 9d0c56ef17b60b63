import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { LocalizeController } from '../../packages/core/src/i18n/localize-controller.js';
import { isTranslationLoaded, loadTranslation, registerTranslation, translationsVersion, type TermPack } from '../../packages/core/src/i18n/registry.js';
import { until } from '../helpers/element.js';

/** A package's own words, as an element package brings them. */
interface ProbeTerms {
  probeGreeting: string;
  probeCount: (count: number) => string;
}

let spanishLoads = 0;
const PROBE_TERMS: TermPack<ProbeTerms> = {
  en: { probeGreeting: 'Hello from the probe', probeCount: (count) => `${count} probes` },
  languages: {
    es: async () => {
      spanishLoads++;
      return { default: { probeGreeting: 'Hola desde la sonda', probeCount: (count: number) => `${count} sondas` } };
    },
  },
};

class TermPackProbe extends LitElement {
  readonly localize = new LocalizeController<ProbeTerms>(this, { locale: () => this.locale, terms: PROBE_TERMS });
  @property() locale?: string;

  override render() {
    return html`<p class="greeting">${this.localize.term('probeGreeting')}</p>
      <p class="count">${this.localize.term('probeCount', 3)}</p>
      <p class="core">${this.localize.term('retry')}</p>`;
  }
}
customElements.define('term-pack-probe', TermPackProbe);

const textOf = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector)!.textContent;

describe("an element package's own terms", () => {
  it('English at once, beside core\'s terms', async () => {
    const el = await fixture<TermPackProbe>(html`<term-pack-probe locale="en"></term-pack-probe>`);
    expect(textOf(el, '.greeting')).to.equal('Hello from the probe');
    expect(textOf(el, '.count')).to.equal('3 probes');
    expect(textOf(el, '.core')).to.equal('Try again');
  });

  it("Spanish loads with the page's language, once, and the element redraws in it", async () => {
    const before = translationsVersion();
    const el = await fixture<TermPackProbe>(html`<term-pack-probe locale="es"></term-pack-probe>`);
    await until(() => textOf(el, '.greeting') === 'Hola desde la sonda', 'the Spanish terms');
    expect(textOf(el, '.count')).to.equal('3 sondas');
    expect(textOf(el, '.core')).to.equal('Intentar de nuevo');
    expect(isTranslationLoaded('es')).to.equal(true);
    expect(translationsVersion() > before).to.equal(true);
    await loadTranslation('es-MX');
    const second = await fixture<TermPackProbe>(html`<term-pack-probe locale="es-MX"></term-pack-probe>`);
    expect(textOf(second, '.greeting')).to.equal('Hola desde la sonda');
    expect(spanishLoads).to.equal(1);
  });

  it("a language without the package's terms falls back to English for them (core's own translation still used)", async () => {
    const el = await fixture<TermPackProbe>(html`<term-pack-probe locale="ar"></term-pack-probe>`);
    await until(() => isTranslationLoaded('ar') && textOf(el, '.core') !== 'Try again', "core's Arabic");
    expect(textOf(el, '.greeting')).to.equal('Hello from the probe');
  });

  it("a host rewords a package's term", async () => {
    registerTranslation({ $code: 'en', probeGreeting: 'Welcome, from the hospital' });
    const el = await fixture<TermPackProbe>(html`<term-pack-probe locale="en"></term-pack-probe>`);
    expect(textOf(el, '.greeting')).to.equal('Welcome, from the hospital');
    registerTranslation({ $code: 'en', probeGreeting: undefined });
  });
});

/** Words only a later view uses: they come from a module of their own, after the first screen. */
interface ProbeLaterTerms {
  probeReview: string;
}
let releaseLater: () => void = () => undefined;
const laterArrived = new Promise<void>((resolve) => (releaseLater = resolve));
const LATER_PACK: TermPack<ProbeTerms & ProbeLaterTerms, ProbeLaterTerms> = {
  en: { probeGreeting: 'Hello from the probe', probeCount: (count) => `${count} probes` },
  later: async () => {
    await laterArrived;
    return { default: { probeReview: 'Review your probe' } };
  },
};

class LaterTermsProbe extends LitElement {
  readonly localize = new LocalizeController<ProbeTerms & ProbeLaterTerms>(this, { locale: () => 'en', terms: LATER_PACK });

  override render() {
    return html`<p class="greeting">${this.localize.term('probeGreeting')}</p>
      <p class="later">${this.localize.complete ? this.localize.term('probeReview') : 'waiting'}</p>`;
  }
}
customElements.define('later-terms-probe', LaterTermsProbe);

describe("a package's later terms", () => {
  it('the first screen does not wait for them; views that use them wait, then redraw when they arrive', async () => {
    const el = await fixture<LaterTermsProbe>(html`<later-terms-probe></later-terms-probe>`);
    expect(textOf(el, '.greeting')).to.equal('Hello from the probe');
    expect(textOf(el, '.later')).to.equal('waiting');
    expect(el.localize.complete).to.equal(false);
    releaseLater();
    await until(() => textOf(el, '.later') === 'Review your probe', 'the later terms');
    expect(el.localize.complete).to.equal(true);
  });
});

describe("the element packages' terms", () => {
  it("never reuse a key of core's catalogue or of another package (one would win, and an element would say the wrong words)", async () => {
    const core = (await import('../../packages/core/src/i18n/locales/en.js')).default as unknown as Record<string, unknown>;
    const packs = {
      'appointment-booker': { ...(await import('../../packages/appointment-booker/src/i18n/en.js')).default, ...(await import('../../packages/appointment-booker/src/i18n/en-later.js')).default },
      'lab-results': (await import('../../packages/lab-results/src/i18n/en.js')).default,
      'message-inbox': (await import('../../packages/message-inbox/src/i18n/en.js')).default,
    };
    const clashes = Object.entries(packs).flatMap(([pkg, terms]) => Object.keys(terms).filter((key) => key in core).map((key) => `${pkg}: ${key}`));
    expect(clashes).to.deep.equal([]);
    // Nor each other's: the packages' English is one catalogue, where the last registered would win.
    const owners = new Map<string, string[]>();
    for (const [pkg, terms] of Object.entries(packs)) for (const key of Object.keys(terms)) owners.set(key, [...(owners.get(key) ?? []), pkg]);
    expect([...owners].filter(([, pkgs]) => pkgs.length > 1).map(([key, pkgs]) => `${key}: ${pkgs.join(', ')}`)).to.deep.equal([]);
  });
});
