import type { CodeableConcept, HumanName, Money, Quantity } from 'fhir/r4';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { displayConcept } from '../format/codeable-concept.js';
import type { FhirDateFormatOptions, FhirDateTimeFormatOptions, TimeFormatOptions } from '../format/date.js';
import { formatAge, formatFhirDate, formatFhirDateTime, formatRelativeDay, formatTime } from '../format/date.js';
import { canonicalLocale, dateTimeFormat, numberFormat } from '../format/formatters.js';
import type { MoneyFormatOptions } from '../format/money.js';
import { formatMoney } from '../format/money.js';
import type { HumanNameFormatOptions } from '../format/name.js';
import { formatHumanName } from '../format/name.js';
import type { QuantityFormatOptions, RangeLike } from '../format/quantity.js';
import { formatQuantity, formatRange } from '../format/quantity.js';
import { errorTermFor } from './error-terms.js';
import { DEFAULT_LANGUAGE, directionOf, isTranslationLoaded, loadTranslation, lookupTerm, onTranslationsChange, registerTerms, termsComplete, type TermPack } from './registry.js';
import type { TermArgs, TermKey } from './translation.js';

export interface LocalizeControllerOptions<Extra extends object = object> {
  /** The element package's own terms (its English and loaders for its other languages), registered once. */
  terms?: TermPack<Extra, Partial<Extra>>;
  /**
   * Returns the locale to use, overriding the page's `lang` (e.g. the session element's `locale`
   * property); `undefined` or '' lets the page decide.
   */
  locale?: () => string | null | undefined;
  /** Returns the IANA time zone moments are shown in (e.g. the clinic's); defaults to the viewer's. */
  timeZone?: () => string | null | undefined;
}

type LocalizedHost = ReactiveControllerHost & HTMLElement;

/** Controllers whose hosts are connected; they re-render when the page's language or a catalogue changes. */
const connectedControllers = new Set<LocalizeController>();
let documentObserver: MutationObserver | undefined;
let stopListeningToTranslations: (() => void) | undefined;

function requestUpdateOfAll(): void {
  for (const controller of connectedControllers) controller.host.requestUpdate();
}

function startWatching(): void {
  if (typeof MutationObserver !== 'undefined' && typeof document !== 'undefined' && !documentObserver) {
    // One observer for the page. It sees `lang` and `dir` on <html> and `lang` anywhere in the
    // document's light DOM (a `lang` changed inside a shadow root is not seen).
    documentObserver = new MutationObserver(requestUpdateOfAll);
    documentObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang', 'dir'],
      subtree: true,
    });
  }
  stopListeningToTranslations ??= onTranslationsChange(requestUpdateOfAll);
}

function stopWatching(): void {
  documentObserver?.disconnect();
  documentObserver = undefined;
  stopListeningToTranslations?.();
  stopListeningToTranslations = undefined;
}

/** The element's parent, stepping out of a shadow root to its host. */
function parentAcrossShadow(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The nearest non-empty, valid `lang` at or above `element`, crossing shadow roots. */
function nearestLang(element: Element): string | undefined {
  let current: Element | null = element;
  while (current) {
    const withLang: Element | null = current.closest('[lang]');
    if (withLang) {
      const lang = canonicalLocale(withLang.getAttribute('lang'));
      if (lang) return lang;
      current = parentAcrossShadow(withLang);
    } else {
      const root = current.getRootNode();
      current = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return undefined;
}

/**
 * Gives an element its words, writing direction and locale-aware formatting, the way
 * `@shoelace-style/localize` does, without any page-global state that could clash with the host's own
 * i18n: `private readonly localize = new LocalizeController(this)`.
 *
 * The locale is, in order: the `locale` option's callback, the nearest `lang` attribute (crossing
 * shadow roots), `<html lang>`, `navigator.language`, English. Catalogues other than English load
 * the first time they are needed; the host re-renders when they arrive, when `<html lang|dir>`
 * (or any `lang` in the page) changes, and when a catalogue is registered.
 */
export class LocalizeController<Extra extends object = object> implements ReactiveController {
  readonly host: LocalizedHost;
  private readonly options: LocalizeControllerOptions<Extra>;
  /** The locale resolved for the update in progress, so a render resolves it once. */
  private langDuringUpdate?: string;

  constructor(host: LocalizedHost, options: LocalizeControllerOptions<Extra> = {}) {
    this.host = host;
    this.options = options;
    if (options.terms) registerTerms(options.terms);
    host.addController(this);
  }

  hostConnected(): void {
    connectedControllers.add(this);
    startWatching();
  }

  hostDisconnected(): void {
    connectedControllers.delete(this);
    if (connectedControllers.size === 0) stopWatching();
  }

  hostUpdate(): void {
    this.langDuringUpdate = this.resolveLang();
    if (!isTranslationLoaded(this.langDuringUpdate)) void loadTranslation(this.langDuringUpdate);
  }

  hostUpdated(): void {
    this.langDuringUpdate = undefined;
  }

  private resolveLang(): string {
    return (
      canonicalLocale(this.options.locale?.()) ??
      nearestLang(this.host) ??
      (typeof document !== 'undefined' ? canonicalLocale(document.documentElement.lang) : undefined) ??
      (typeof navigator !== 'undefined' ? canonicalLocale(navigator.language) : undefined) ??
      DEFAULT_LANGUAGE
    );
  }

  private get timeZone(): string | undefined {
    return this.options.timeZone?.() ?? undefined;
  }

  /** Has all of the package's English arrived? A view that uses the pack's `later` terms waits for it. */
  get complete(): boolean {
    return !this.options.terms || termsComplete(this.options.terms);
  }

  /** The locale in use, as a canonical BCP 47 tag ('es-MX'). */
  lang(): string {
    return this.langDuringUpdate ?? this.resolveLang();
  }

  /** The writing direction of the locale in use; set it as `dir` on the element's outermost part. */
  dir(): 'ltr' | 'rtl' {
    return directionOf(this.lang());
  }

  /**
   * The text of a term in the locale in use, falling back to the base language, then English:
   * `term('signIn')`, `term('signedInAs', name)`, `term('resultsCount', 3)`.
   */
  term<K extends TermKey<Extra>>(key: K, ...args: TermArgs<Extra, K>): string {
    const value: unknown = lookupTerm(this.lang(), key as string);
    if (typeof value === 'function') return String((value as (...a: unknown[]) => unknown)(...args));
    return String(value);
  }

  /** The message a patient should read for anything thrown (a FhirError by kind, else a generic one). */
  errorMessage(error: unknown): string {
    const term = errorTermFor(error);
    // A refused file names the limit it broke ("larger than 10 MB").
    const limit = (error as { limitBytes?: unknown } | null | undefined)?.limitBytes;
    // Core's own terms (whatever the element package adds).
    const core = this as unknown as LocalizeController;
    if (typeof limit === 'number' && (term === 'errorFileTooLarge' || term === 'errorFileUploadUnsupported')) return core.term(term, this.fileSize(limit));
    return core.term(term);
  }

  /** A file size in the locale's words and units: '10 MB', '500 kB'. */
  fileSize(bytes: number): string {
    const megabytes = bytes >= 1024 * 1024;
    return this.number(bytes / (megabytes ? 1024 * 1024 : 1024), { style: 'unit', unit: megabytes ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 });
  }

  /** Formats a date through `Intl.DateTimeFormat`; '' when it is not a valid date. */
  date(value: Date | string | number | null | undefined, options: Intl.DateTimeFormatOptions = {}): string {
    if (value === null || value === undefined || value === '') return '';
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    const timeZone = options.timeZone ?? this.timeZone;
    return dateTimeFormat(this.lang(), timeZone ? { ...options, timeZone } : options).format(date);
  }

  /** Formats a number through `Intl.NumberFormat`; '' when it is not a finite number. */
  number(value: number | null | undefined, options: Intl.NumberFormatOptions = {}): string {
    return typeof value === 'number' && Number.isFinite(value) ? numberFormat(this.lang(), options).format(value) : '';
  }

  /** A FHIR date at its own precision ('May 2020', 'May 1, 2020'); see `formatFhirDate`. */
  fhirDate(value: string | Date | null | undefined, options: FhirDateFormatOptions = {}): string {
    return formatFhirDate(value, this.lang(), { timeZone: this.timeZone, ...options });
  }

  /** A FHIR dateTime with its clock time; see `formatFhirDateTime`. */
  fhirDateTime(value: string | Date | null | undefined, options: FhirDateTimeFormatOptions = {}): string {
    return formatFhirDateTime(value, this.lang(), { timeZone: this.timeZone, ...options });
  }

  /** The clock time of a FHIR dateTime ('1:30 PM'); see `formatTime`. */
  time(value: string | Date | null | undefined, options: TimeFormatOptions = {}): string {
    return formatTime(value, this.lang(), { timeZone: this.timeZone, ...options });
  }

  /** 'today', 'tomorrow', 'in 3 days'; see `formatRelativeDay`. */
  relativeDay(value: string | Date | null | undefined, options: { now?: Date; timeZone?: string } = {}): string {
    return formatRelativeDay(value, this.lang(), { timeZone: this.timeZone, ...options });
  }

  /** An age from a birth date ('42 years', '8 months'); see `formatAge`. */
  ageFromBirthDate(birthDate: string | null | undefined, now?: Date): string {
    return formatAge(birthDate, this.lang(), now);
  }

  /** A FHIR Quantity ('7.2 ×10³/µL'); see `formatQuantity`. */
  quantity(value: Quantity | null | undefined, options?: QuantityFormatOptions): string {
    return formatQuantity(value, this.lang(), options);
  }

  /** A FHIR Range or reference range ('70–99 mg/dL'); see `formatRange`. */
  range(value: RangeLike | null | undefined): string {
    return formatRange(value, this.lang());
  }

  /** A FHIR Money ('$1,234.50'); see `formatMoney`. */
  money(value: Money | null | undefined, options?: MoneyFormatOptions): string {
    return formatMoney(value, this.lang(), options);
  }

  /** A person's name (not locale-dependent; here so elements have one place for display text). */
  humanName(names: readonly HumanName[] | HumanName | null | undefined, options?: HumanNameFormatOptions): string {
    return formatHumanName(names, options);
  }

  /** A CodeableConcept's text; see `displayConcept`. */
  concept(value: CodeableConcept | null | undefined, fallback = ''): string {
    return displayConcept(value, fallback);
  }
}
