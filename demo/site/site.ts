/**
 * The hospital website's own behaviour, shared by every page: the language switcher (which sets
 * `<html lang>` and `dir`; the Portico elements follow it by themselves), the translation of the
 * site's text, dates and language names, and the doctor search on the home page.
 *
 * lang-init.js has already applied the visitor's saved language before the first paint.
 */
import { DIRECTION, isSiteLanguage, scriptText, translation, type ScriptTextKey, type SiteLanguage } from './site-i18n.js';

const STORAGE_KEY = 'riverside:lang';
const root = document.documentElement;

/** The English in the HTML, kept the first time an element is translated away from it. */
const englishText = new WeakMap<Element, string>();
const englishLabel = new WeakMap<Element, string>();
const listeners = new Set<(lang: SiteLanguage) => void>();

/** The page's language, as the site knows it. */
export function currentLanguage(): SiteLanguage {
  return isSiteLanguage(root.lang) ? root.lang : 'en';
}

/** Calls `listener` whenever the page's language changes; returns the function that stops it. */
export function onLanguageChange(listener: (lang: SiteLanguage) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A string written by a script, in the page's language. */
export function siteText(key: ScriptTextKey, values?: Readonly<Record<string, string>>): string {
  return scriptText(currentLanguage(), key, values);
}

/** Switches the page (and, through `lang`, every Portico element on it) to `lang`, and remembers the choice. */
export function setLanguage(lang: SiteLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
  if (root.lang !== lang) root.lang = lang;
  if (root.dir !== DIRECTION[lang]) root.dir = DIRECTION[lang];
}

function translateText(lang: SiteLanguage): void {
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    if (!englishText.has(element)) englishText.set(element, element.textContent ?? '');
    const translated = lang === 'en' ? undefined : translation(lang, element.dataset.i18n ?? '');
    const text = translated ?? englishText.get(element) ?? '';
    if (element.textContent !== text) element.textContent = text;
    // Say so when a string has no translation yet, so screen readers read it as English.
    if (lang !== 'en' && translated === undefined) element.lang = 'en';
    else if (element.getAttribute('lang') === 'en' && element.dataset.i18n) element.removeAttribute('lang');
  }
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    if (!englishLabel.has(element)) englishLabel.set(element, element.getAttribute('aria-label') ?? '');
    const label = (lang === 'en' ? undefined : translation(lang, element.dataset.i18nAriaLabel ?? '')) ?? englishLabel.get(element) ?? '';
    if (element.getAttribute('aria-label') !== label) element.setAttribute('aria-label', label);
  }
}

function formatDates(lang: SiteLanguage): void {
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  for (const time of document.querySelectorAll<HTMLTimeElement>('time[datetime]')) {
    const date = new Date(`${time.dateTime}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) time.textContent = format.format(date);
  }
}

function nameLanguages(lang: SiteLanguage): void {
  const names = new Intl.DisplayNames([lang], { type: 'language' });
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  for (const element of document.querySelectorAll<HTMLElement>('[data-languages]')) {
    const codes = (element.dataset.languages ?? '').split(/\s+/).filter(Boolean);
    element.textContent = list.format(codes.map((code) => names.of(code) ?? code));
  }
}

function markSwitcher(lang: SiteLanguage): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('.lang-switch button[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
}

function applyLanguage(): void {
  const lang = currentLanguage();
  translateText(lang);
  formatDates(lang);
  nameLanguages(lang);
  markSwitcher(lang);
  for (const listener of listeners) listener(lang);
}

function setUpLanguageSwitcher(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('.lang-switch button[data-lang]')) {
    button.addEventListener('click', () => {
      const lang = button.dataset.lang;
      if (isSiteLanguage(lang)) setLanguage(lang);
    });
  }
  // Whoever changes <html lang> (this switcher, another script), the site's text follows.
  new MutationObserver(applyLanguage).observe(root, { attributes: true, attributeFilter: ['lang'] });
  // A language chosen in another tab applies here too.
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY && isSiteLanguage(event.newValue)) setLanguage(event.newValue);
  });
}

/** Lower case without accents, so "pediatria" finds "Pediatría". */
function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '').toLocaleLowerCase();
}

function setUpDoctorSearch(): void {
  const form = document.querySelector<HTMLFormElement>('#doctor-search');
  const list = document.querySelector<HTMLElement>('#doctor-list');
  const count = document.querySelector<HTMLElement>('#doctor-count');
  const empty = document.querySelector<HTMLElement>('#doctor-empty');
  if (!form || !list || !count || !empty) return;
  const query = form.elements.namedItem('q') as HTMLInputElement;
  const specialty = form.elements.namedItem('specialty') as HTMLSelectElement;
  const campus = form.elements.namedItem('campus') as HTMLSelectElement;
  const cards = [...list.querySelectorAll<HTMLElement>('.doctor-card')];

  const filter = () => {
    const words = searchable(query.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const card of cards) {
      const text = searchable(card.textContent ?? '');
      const matches =
        (!specialty.value || card.dataset.specialty === specialty.value) &&
        (!campus.value || (card.dataset.campus ?? '').split(' ').includes(campus.value)) &&
        words.every((word) => text.includes(word));
      card.hidden = !matches;
      if (matches) shown++;
    }
    empty.hidden = shown > 0;
    const number = new Intl.NumberFormat(currentLanguage());
    count.textContent = siteText('doctorCount', { shown: number.format(shown), total: number.format(cards.length) });
  };

  query.addEventListener('input', filter);
  specialty.addEventListener('change', filter);
  campus.addEventListener('change', filter);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filter();
    count.focus();
  });
  onLanguageChange(filter);
  filter();
}

setUpLanguageSwitcher();
setUpDoctorSearch();
applyLanguage();
