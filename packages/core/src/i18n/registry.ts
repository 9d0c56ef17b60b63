import en from './locales/en.js';
import type { PartialTranslation } from './translation.js';

/** The language every lookup falls back to; its catalogue is bundled. */
export const DEFAULT_LANGUAGE = 'en';

/** Loads a catalogue on demand, typically `() => import('./fr.js')`. */
export type TranslationLoader = () => Promise<{ default: PartialTranslation } | PartialTranslation>;

/** Languages written right to left, by primary language subtag. */
const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);
/** Scripts written right to left, for tags such as 'pa-Arab' or 'az-Arab'. */
const RTL_SCRIPTS: ReadonlySet<string> = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand']);

/** Catalogues shipped with Portico beyond English, loaded the first time a page needs them. */
const loaders = new Map<string, TranslationLoader>([
  ['es', () => import('./locales/es.js')],
  ['ar', () => import('./locales/ar.js')],
]);
/** Catalogues that have arrived through a loader (English is there from the start). */
const loaded = new Map<string, PartialTranslation>([[DEFAULT_LANGUAGE, en]]);
/** Catalogues and overrides hosts registered; they win over loaded ones. */
const registered = new Map<string, PartialTranslation & { readonly [term: string]: unknown }>();
const loading = new Map<string, Promise<void>>();
const changeListeners = new Set<() => void>();
/** Bumped whenever terms arrive or change: a cache of rendered text keys on it. */
let termsVersion = 0;

function notifyChange(): void {
  termsVersion++;
  for (const listener of changeListeners) listener();
}

/** Changes whenever a catalogue or an element package's terms arrive, or a host registers terms. */
export function translationsVersion(): number {
  return termsVersion;
}

/**
 * The terms an element package brings: its English, used at once, and a loader for each of its other
 * languages, loaded with core's catalogue of that language. English only views shown later need
 * (`Later`: a review, a list behind a tab) may come from `later`, a module loaded as soon as the pack
 * is registered, so it does not weigh on the element's first screen; until it arrives
 * {@link termsComplete} is false and those views wait.
 */
export interface TermPack<T extends object, Later extends object = object> {
  en: Omit<T, keyof Later>;
  later?: () => Promise<{ default: Later }>;
  languages?: Readonly<Record<string, () => Promise<{ default: Partial<T> }>>>;
}

type PackLoader = () => Promise<{ default: object }>;
/** Element packages' loaders by language, and what each has brought. */
const packLoaders = new Map<string, PackLoader[]>();
const packTerms = new Map<string, Record<string, unknown>>();
const packLoads = new Map<PackLoader, Promise<void>>();
const packsDone = new Set<PackLoader>();
const packsRegistered = new WeakSet<object>();
/** The `later` English of each pack that has one. */
const laterLoaders = new WeakMap<object, PackLoader>();

/** Has all of a pack's English arrived (its `later` part too)? Views that use `later` terms wait for it. */
export function termsComplete(pack: TermPack<object, object>): boolean {
  const later = laterLoaders.get(pack);
  return !later || packsDone.has(later);
}

function loadPacks(code: string): Promise<void> {
  const pending = (packLoaders.get(code) ?? []).map((loader) => {
    let load = packLoads.get(loader);
    if (!load) {
      load = Promise.resolve()
        .then(loader)
        .then(
          (module) => {
            packTerms.set(code, { ...packTerms.get(code), ...module.default });
          },
          (error: unknown) => console.warn(`Portico: an element's "${code}" terms could not be loaded.`, error),
        )
        .finally(() => {
          // Done before anyone hears of it: a view redrawn on the change sees the pack complete.
          packsDone.add(loader);
          notifyChange();
        });
      packLoads.set(loader, load);
    }
    return load;
  });
  return Promise.all(pending).then(() => undefined);
}

/** Are all of `code`'s element-package terms in (or none to load)? */
function packsLoaded(code: string): boolean {
  return (packLoaders.get(code) ?? []).every((loader) => packsDone.has(loader));
}

/** Has every one of `code`'s element-package terms been asked for (arrived or on the way)? */
function packsRequested(code: string): boolean {
  return (packLoaders.get(code) ?? []).every((loader) => packLoads.has(loader));
}

/**
 * Adds an element package's terms (once per pack): English at once; the other languages load with
 * core's catalogue of that language, or at once when that language is already in use.
 */
export function registerTerms<T extends object, Later extends object = object>(pack: TermPack<T, Later>): void {
  if (packsRegistered.has(pack)) return;
  packsRegistered.add(pack);
  packTerms.set(DEFAULT_LANGUAGE, { ...packTerms.get(DEFAULT_LANGUAGE), ...pack.en });
  if (pack.later) {
    const later = pack.later;
    packLoaders.set(DEFAULT_LANGUAGE, [...(packLoaders.get(DEFAULT_LANGUAGE) ?? []), later as PackLoader]);
    laterLoaders.set(pack, later as PackLoader);
    void loadPacks(DEFAULT_LANGUAGE);
  }
  for (const [language, loader] of Object.entries(pack.languages ?? {})) {
    const code = baseName(language);
    packLoaders.set(code, [...(packLoaders.get(code) ?? []), loader as PackLoader]);
    if (loading.has(code)) void loadPacks(code);
  }
  notifyChange();
}

/**
 * Calls `listener` whenever a catalogue arrives or a host registers terms, so that elements can
 * re-render. Returns the function that unsubscribes.
 */
export function onTranslationsChange(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Base names and fallback chains by the tag asked for: every term looked up asks (hundreds per render). */
const baseNames = new Map<string, string>();
const chains = new Map<string, readonly string[]>();

function baseName(lang: string): string {
  let name = baseNames.get(lang);
  if (name === undefined) {
    try {
      name = new Intl.Locale(lang.trim().replace(/_/g, '-')).baseName.toLowerCase();
    } catch {
      name = DEFAULT_LANGUAGE;
    }
    baseNames.set(lang, name);
  }
  return name;
}

/**
 * The catalogue codes consulted for a language, most specific first, always ending in English:
 * 'es-MX' → ['es-mx', 'es', 'en']; 'zh-Hant-TW' → ['zh-hant-tw', 'zh-hant', 'zh', 'en'].
 */
export function fallbackChain(lang: string): readonly string[] {
  let chain = chains.get(lang);
  if (!chain) {
    const codes: string[] = [];
    const subtags = baseName(lang).split('-');
    for (let length = subtags.length; length > 0; length--) codes.push(subtags.slice(0, length).join('-'));
    if (!codes.includes(DEFAULT_LANGUAGE)) codes.push(DEFAULT_LANGUAGE);
    chain = Object.freeze(codes);
    chains.set(lang, chain);
  }
  return chain;
}

/**
 * Adds catalogues, or overrides single terms of existing ones: a host can reword a term
 * (`registerTranslation({ $code: 'en', signIn: 'Log in to MyChart' })`) or add a language
 * (`registerTranslation(fr)`). Terms it leaves out fall back to the base language, then English.
 * Elements on the page re-render.
 */
export function registerTranslation(...translations: (PartialTranslation & { readonly [term: string]: unknown })[]): void {
  for (const translation of translations) {
    const code = baseName(translation.$code);
    registered.set(code, { ...registered.get(code), ...translation });
  }
  notifyChange();
}

/**
 * Registers a catalogue to load the first time an element needs `code`, e.g.
 * `registerTranslationLoader('fr', () => import('./portico-fr.js'))`.
 */
export function registerTranslationLoader(code: string, loader: TranslationLoader): void {
  const key = baseName(code);
  loaders.set(key, loader);
  loading.delete(key);
}

function loadOne(code: string): Promise<void> {
  let pending = loading.get(code);
  if (!pending) {
    const loader = loaders.get(code);
    pending = loader
      ? Promise.resolve()
          .then(loader)
          .then(
          (module) => {
            const translation = 'default' in module ? module.default : module;
            loaded.set(code, { ...loaded.get(code), ...translation });
            notifyChange();
          },
          (error: unknown) => {
            // A catalogue that cannot load leaves the base language or English in place.
            console.warn(`Portico: the "${code}" translation could not be loaded.`, error);
          },
        )
      : Promise.resolve();
    loading.set(code, pending);
  }
  return pending;
}

/**
 * Loads the catalogues `lang` needs (for 'es-MX': 'es-mx' and 'es' when they have loaders).
 * Elements call this themselves; a host may call it early so the first render is already translated.
 */
export function loadTranslation(lang: string): Promise<void> {
  return Promise.all(fallbackChain(lang).map((code) => Promise.all([loadOne(code), loadPacks(code)]))).then(() => undefined);
}

/** True when every catalogue `lang` can use has arrived, the element packages' terms too (no lazy load is pending). */
export function isTranslationLoaded(lang: string): boolean {
  return fallbackChain(lang).every((code) => (!loaders.has(code) || loaded.has(code)) && packsLoaded(code));
}

/**
 * The value of `key` for `lang`, walking the fallback chain: a host's registered terms first, then
 * the loaded catalogue, per code. Starts loading catalogues that are not there yet.
 */
export function lookupTerm(lang: string, key: string): unknown {
  const chain = fallbackChain(lang);
  for (const code of chain) {
    if (loaders.has(code) && !loading.has(code)) void loadOne(code);
    if (!packsRequested(code)) void loadPacks(code);
    const value = (registered.get(code) as Record<string, unknown> | undefined)?.[key] ?? (loaded.get(code) as Record<string, unknown> | undefined)?.[key] ?? packTerms.get(code)?.[key];
    if (value !== undefined) return value;
  }
  return (en as unknown as Record<string, unknown>)[key];
}

/**
 * The writing direction of `lang`: the `$dir` of its own catalogue when one is registered or
 * loaded, else right to left for Arabic, Hebrew, Persian, Urdu and the other RTL languages and scripts.
 */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  const chain = fallbackChain(lang);
  const own = baseName(lang).split('-')[0] === DEFAULT_LANGUAGE ? chain : chain.slice(0, -1);
  for (const code of own) {
    const dir = registered.get(code)?.$dir ?? loaded.get(code)?.$dir;
    if (dir) return dir;
  }
  const [language = '', ...rest] = baseName(lang).split('-');
  if (RTL_LANGUAGES.has(language)) return 'rtl';
  return rest.some((subtag) => RTL_SCRIPTS.has(subtag)) ? 'rtl' : 'ltr';
}
