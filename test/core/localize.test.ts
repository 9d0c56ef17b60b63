import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { FhirError } from '../../packages/core/src/fhir/errors.js';
import { LocalizeController } from '../../packages/core/src/i18n/localize-controller.js';
import ar from '../../packages/core/src/i18n/locales/ar.js';
import en from '../../packages/core/src/i18n/locales/en.js';
import es from '../../packages/core/src/i18n/locales/es.js';
import {
  directionOf,
  fallbackChain,
  isTranslationLoaded,
  loadTranslation,
  registerTranslation,
  registerTranslationLoader,
} from '../../packages/core/src/i18n/registry.js';
import type { Translation, TranslationTerm } from '../../packages/core/src/i18n/translation.js';

class LocalizeProbe extends LitElement {
  readonly localize = new LocalizeController(this, { locale: () => this.locale });

  /** Overrides the page's language, as portal-session does. */
  @property() locale?: string;

  override render() {
    return html`<div dir=${this.localize.dir()}>
      <p class="sign-in">${this.localize.term('signIn')}</p>
      <p class="sign-out">${this.localize.term('signOut')}</p>
      <p class="signed-in-as">${this.localize.term('signedInAs', 'Ana López')}</p>
    </div>`;
  }
}

/** Puts a probe inside its own shadow root, under a `lang` set there. */
class LangWrapper extends LitElement {
  override render() {
    return html`<section lang="es"><localize-probe></localize-probe></section>`;
  }
}

customElements.define('localize-probe', LocalizeProbe);
customElements.define('lang-wrapper', LangWrapper);

declare global {
  interface HTMLElementTagNameMap {
    'localize-probe': LocalizeProbe;
    'lang-wrapper': LangWrapper;
  }
}

/** Compile-time checks (run by `tsc`, never called): term keys and their arguments are typed. */
export function termTypeChecks(localize: LocalizeController): void {
  // @ts-expect-error: not a term
  localize.term('notATerm');
  // @ts-expect-error: signedInAs needs the name
  localize.term('signedInAs');
  // @ts-expect-error: resultsCount takes a number
  localize.term('resultsCount', 'three');
  // @ts-expect-error: plain terms take no arguments
  localize.term('signIn', 'extra');
}

const text = (el: LocalizeProbe, selector: string) => el.shadowRoot?.querySelector(selector)?.textContent?.trim() ?? '';

describe('LocalizeController', () => {
  let originalLang: string;
  let originalDir: string;

  beforeEach(() => {
    originalLang = document.documentElement.lang;
    originalDir = document.documentElement.dir;
    document.documentElement.lang = 'en';
  });

  afterEach(() => {
    document.documentElement.lang = originalLang;
    document.documentElement.dir = originalDir;
  });

  it('loads catalogues other than English only when an element needs them', async () => {
    expect(isTranslationLoaded('en')).to.equal(true);
    expect(isTranslationLoaded('es')).to.equal(false);
    const container = await fixture<HTMLDivElement>(html`<div lang="es"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    await waitUntil(() => text(el, '.sign-in') === 'Iniciar sesión', 'Spanish never arrived');
    expect(isTranslationLoaded('es')).to.equal(true);
  });

  it('renders English when the page is in English', async () => {
    const el = await fixture<LocalizeProbe>(html`<localize-probe></localize-probe>`);
    expect(el.localize.lang()).to.equal('en');
    expect(text(el, '.sign-in')).to.equal('Sign in');
    expect(text(el, '.signed-in-as')).to.equal('Signed in as Ana López');
    expect(el.shadowRoot!.querySelector('div')!.dir).to.equal('ltr');
  });

  it('renders Spanish under <div lang="es">', async () => {
    await loadTranslation('es');
    const container = await fixture<HTMLDivElement>(html`<div lang="es"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    await el.updateComplete;
    expect(el.localize.lang()).to.equal('es');
    expect(text(el, '.sign-in')).to.equal('Iniciar sesión');
    expect(text(el, '.signed-in-as')).to.equal('Sesión iniciada como Ana López');
  });

  it('finds the nearest lang across shadow roots', async () => {
    await loadTranslation('es');
    const wrapper = await fixture<LangWrapper>(html`<lang-wrapper lang="ar"></lang-wrapper>`);
    const el = wrapper.shadowRoot!.querySelector('localize-probe')!;
    await el.updateComplete;
    expect(el.localize.lang()).to.equal('es');
    expect(text(el, '.sign-out')).to.equal('Cerrar sesión');
  });

  it('skips an empty lang and keeps walking up', async () => {
    const container = await fixture<HTMLDivElement>(
      html`<div lang="es-MX"><span lang=""><localize-probe></localize-probe></span></div>`,
    );
    expect(container.querySelector('localize-probe')!.localize.lang()).to.equal('es-MX');
  });

  it('re-renders when <html lang> changes', async () => {
    await loadTranslation('es');
    const el = await fixture<LocalizeProbe>(html`<localize-probe></localize-probe>`);
    expect(text(el, '.sign-in')).to.equal('Sign in');
    document.documentElement.lang = 'es';
    await waitUntil(() => text(el, '.sign-in') === 'Iniciar sesión', 'did not follow <html lang>');
    document.documentElement.lang = 'en';
    await waitUntil(() => text(el, '.sign-in') === 'Sign in', 'did not follow <html lang> back');
  });

  it('re-renders when the lang of a container in the page changes', async () => {
    await loadTranslation('es');
    const container = await fixture<HTMLDivElement>(html`<div lang="en"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    container.lang = 'es';
    await waitUntil(() => text(el, '.sign-in') === 'Iniciar sesión', 'did not follow the container lang');
  });

  it('lets the override callback win over the page', async () => {
    await loadTranslation('es');
    const container = await fixture<HTMLDivElement>(
      html`<div lang="ar"><localize-probe locale="es"></localize-probe></div>`,
    );
    const el = container.querySelector('localize-probe')!;
    await el.updateComplete;
    expect(el.localize.lang()).to.equal('es');
    expect(text(el, '.sign-in')).to.equal('Iniciar sesión');
    el.locale = undefined;
    await waitUntil(() => el.localize.lang() === 'ar' && text(el, '.sign-in') === 'تسجيل الدخول', 'did not fall back to the page');
  });

  it('falls back from a region to its language (es-MX → es)', async () => {
    await loadTranslation('es-MX');
    const container = await fixture<HTMLDivElement>(html`<div lang="es-MX"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    await el.updateComplete;
    expect(el.localize.lang()).to.equal('es-MX');
    expect(text(el, '.sign-in')).to.equal('Iniciar sesión');
    expect(fallbackChain('es-MX')).to.deep.equal(['es-mx', 'es', 'en']);
    expect(fallbackChain('zh-Hant-TW')).to.deep.equal(['zh-hant-tw', 'zh-hant', 'zh', 'en']);
    expect(fallbackChain('not a tag!')).to.deep.equal(['en']);
  });

  it('falls back to English for terms a catalogue lacks', async () => {
    registerTranslation({ $code: 'fr', $name: 'Français', $dir: 'ltr', signIn: 'Se connecter' });
    const container = await fixture<HTMLDivElement>(html`<div lang="fr-CA"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    expect(text(el, '.sign-in')).to.equal('Se connecter');
    expect(text(el, '.sign-out')).to.equal('Sign out');
  });

  it('lets a host reword single terms of a bundled language', async () => {
    await loadTranslation('es');
    registerTranslation({ $code: 'es-CL', signOut: 'Salir' });
    const container = await fixture<HTMLDivElement>(html`<div lang="es-CL"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    expect(text(el, '.sign-out')).to.equal('Salir');
    expect(text(el, '.sign-in')).to.equal('Iniciar sesión');
  });

  it('re-renders when a host registers terms after the first render', async () => {
    const container = await fixture<HTMLDivElement>(html`<div lang="de"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    expect(text(el, '.sign-in')).to.equal('Sign in');
    registerTranslation({ $code: 'de', signIn: 'Anmelden' });
    await waitUntil(() => text(el, '.sign-in') === 'Anmelden', 'did not re-render after registerTranslation');
  });

  it('loads a catalogue a host registered a loader for', async () => {
    registerTranslationLoader('it', async () => ({ default: { $code: 'it', signIn: 'Accedi' } }));
    const container = await fixture<HTMLDivElement>(html`<div lang="it"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    await waitUntil(() => text(el, '.sign-in') === 'Accedi', 'the registered loader was not used');
  });

  it('is right to left for Arabic, Hebrew, Persian and Urdu', async () => {
    for (const lang of ['ar', 'ar-EG', 'he', 'fa', 'ur', 'pa-Arab']) expect(directionOf(lang), lang).to.equal('rtl');
    for (const lang of ['en', 'es-MX', 'pa', 'zh-Hant']) expect(directionOf(lang), lang).to.equal('ltr');
    const container = await fixture<HTMLDivElement>(html`<div lang="ar"><localize-probe></localize-probe></div>`);
    const el = container.querySelector('localize-probe')!;
    expect(el.localize.dir()).to.equal('rtl');
    await waitUntil(() => text(el, '.sign-in') === 'تسجيل الدخول', 'Arabic never arrived');
    expect(el.shadowRoot!.querySelector('div')!.dir).to.equal('rtl');
  });

  it('serves two groups of elements in different languages at once', async () => {
    await Promise.all([loadTranslation('es'), loadTranslation('ar')]);
    const page = await fixture<HTMLDivElement>(html`<div>
      <div lang="es"><localize-probe id="a"></localize-probe><localize-probe id="b"></localize-probe></div>
      <div lang="ar"><localize-probe id="c"></localize-probe></div>
      <div><localize-probe id="d"></localize-probe></div>
    </div>`);
    const probe = (id: string) => page.querySelector<LocalizeProbe>(`#${id}`)!;
    expect(text(probe('a'), '.sign-in')).to.equal('Iniciar sesión');
    expect(text(probe('b'), '.sign-in')).to.equal('Iniciar sesión');
    expect(text(probe('c'), '.sign-in')).to.equal('تسجيل الدخول');
    expect(probe('c').localize.dir()).to.equal('rtl');
    expect(text(probe('d'), '.sign-in')).to.equal('Sign in');
    expect(probe('d').localize.dir()).to.equal('ltr');
  });

  it('pluralises terms with arguments', async () => {
    await Promise.all([loadTranslation('es'), loadTranslation('ar')]);
    const page = await fixture<HTMLDivElement>(html`<div>
      <localize-probe lang="en"></localize-probe><localize-probe lang="es"></localize-probe><localize-probe lang="ar"></localize-probe>
    </div>`);
    const [english, spanish, arabic] = [...page.querySelectorAll('localize-probe')].map((el) => el.localize);
    expect([0, 1, 2, 5].map((n) => english!.term('resultsCount', n))).to.deep.equal(['No results', '1 result', '2 results', '5 results']);
    expect([0, 1, 5].map((n) => spanish!.term('resultsCount', n))).to.deep.equal(['Ningún resultado', '1 resultado', '5 resultados']);
    expect(english!.term('age', 1)).to.equal('1 year old');
    expect(spanish!.term('age', 42)).to.equal('42 años');
    expect(arabic!.term('resultsCount', 2)).to.equal('نتيجتان');
    expect(arabic!.term('resultsCount', 0)).to.equal('لا توجد نتائج');
    expect(english!.term('actingFor', 'Leo')).to.equal('Viewing the record of Leo');
  });

  it('formats dates, numbers, quantities and money in the element locale', async () => {
    await loadTranslation('es');
    const page = await fixture<HTMLDivElement>(html`<div>
      <localize-probe lang="en-US"></localize-probe><localize-probe lang="es-ES"></localize-probe>
    </div>`);
    const [english, spanish] = [...page.querySelectorAll('localize-probe')].map((el) => el.localize);
    expect(english!.fhirDate('2020-05-01')).to.equal('May 1, 2020');
    expect(spanish!.fhirDate('2020-05-01', { style: 'long' })).to.equal('1 de mayo de 2020');
    expect(english!.number(1234.5)).to.equal('1,234.5');
    expect(spanish!.number(12345.5)).to.equal('12.345,5');
    expect(spanish!.quantity({ value: 7.2, code: '10*3/uL' })).to.equal('7,2 ×10³/µL');
    expect(english!.range({ low: { value: 70, unit: 'mg/dL' }, high: { value: 99, unit: 'mg/dL' } })).to.equal('70–99 mg/dL');
    expect(english!.money({ value: -12.5, currency: 'USD' })).to.equal('-$12.50');
    expect(english!.date(new Date(Date.UTC(2024, 2, 10, 6, 30)), { dateStyle: 'medium', timeZone: 'UTC' })).to.equal('Mar 10, 2024');
    expect(english!.date('not a date')).to.equal('');
  });

  it('uses the time zone the options give for moments', async () => {
    const el = await fixture<LocalizeProbe>(html`<localize-probe lang="en-US"></localize-probe>`);
    const inMadrid = new LocalizeController(el, { timeZone: () => 'Europe/Madrid' });
    expect(inMadrid.fhirDateTime('2024-03-10T06:30:00Z', { showTimeZone: false }).replace(/\u202f/g, ' ')).to.equal(
      'Mar 10, 2024, 7:30 AM',
    );
    expect(inMadrid.time('2024-03-10T06:30:00Z', { timeZone: 'America/New_York', showTimeZone: false }).replace(/\u202f/g, ' ')).to.equal(
      '1:30 AM',
    );
  });

  it('turns errors into messages a patient can read', async () => {
    await loadTranslation('es');
    const page = await fixture<HTMLDivElement>(html`<div>
      <localize-probe lang="en"></localize-probe><localize-probe lang="es"></localize-probe>
    </div>`);
    const [english, spanish] = [...page.querySelectorAll('localize-probe')].map((el) => el.localize);
    expect(english!.errorMessage(new FhirError('network', 'fetch failed'))).to.equal(en.errorNetwork);
    expect(english!.errorMessage(new FhirError('conflict', 'version mismatch', { status: 412 }))).to.equal(
      'Someone else changed this at the same time. Refresh and try again.',
    );
    expect(spanish!.errorMessage(new FhirError('forbidden', 'no', { status: 403 }))).to.equal('No tiene acceso a esta información.');
    expect(english!.errorMessage(new FhirError('unavailable', 'down'))).to.equal(en.errorUnavailable);
    expect(english!.errorMessage(Object.assign(new Error('no server'), { kind: 'config-no-server' }))).to.equal(
      'This portal is not set up: no FHIR server address was given.',
    );
    expect(english!.errorMessage({ error: 'access_denied' })).to.equal(en.errorAccessDenied);
    expect(english!.errorMessage(Object.assign(new Error('state'), { code: 'state-mismatch' }))).to.equal(en.errorStateMismatch);
    expect(english!.errorMessage(new DOMException('stopped', 'AbortError'))).to.equal(en.errorAborted);
    expect(english!.errorMessage(new TypeError('Failed to fetch'))).to.equal(en.errorNetwork);
    expect(english!.errorMessage(new Error('SELECT * FROM patients failed'))).to.equal('Something went wrong. Please try again.');
    expect(english!.errorMessage('a string')).to.equal(en.errorUnknown);
    expect(english!.errorMessage(undefined)).to.equal(en.errorUnknown);
  });
});

describe('catalogues', () => {
  const sample = (translation: Translation, key: TranslationTerm): string => {
    const value = translation[key] as unknown;
    const argument = key === 'signedInAs' || key === 'actingFor' ? 'Ana' : key === 'notGivenReason' ? 'IMMUNE' : 3;
    return typeof value === 'function' ? String((value as (arg: unknown) => unknown)(argument)) : String(value);
  };
  const terms = Object.keys(en).filter((key): key is TranslationTerm => !key.startsWith('$'));

  it('translates every English term into Spanish and Arabic', () => {
    for (const catalogue of [es, ar]) {
      expect(Object.keys(catalogue).sort(), catalogue.$code).to.deep.equal(Object.keys(en).sort());
      for (const key of terms) {
        const translated = sample(catalogue, key);
        expect(translated, `${catalogue.$code}.${key}`).to.be.a('string').and.not.equal('');
        expect(translated, `${catalogue.$code}.${key} is still English`).to.not.equal(sample(en, key));
      }
    }
  });

  it('declares the direction of each language', () => {
    expect([en.$dir, es.$dir, ar.$dir]).to.deep.equal(['ltr', 'ltr', 'rtl']);
    expect([en.$code, es.$code, ar.$code]).to.deep.equal(['en', 'es', 'ar']);
  });
});
