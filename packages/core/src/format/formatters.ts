/**
 * Cached `Intl` formatters. Creating an `Intl.DateTimeFormat` or `Intl.NumberFormat` costs far more
 * than using one, and a list of lab results formats hundreds of values, so every helper in `format/`
 * asks for its formatters here. Invalid locale tags (`en_US`, `''`) and unknown time zones never
 * throw: they fall back to English and to the viewer's own time zone.
 */

/** The locale used when none is given or the given one is not a valid BCP 47 tag. */
export const DEFAULT_LOCALE = 'en';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();
const relativeTimeFormats = new Map<string, Intl.RelativeTimeFormat>();
const canonicalLocales = new Map<string, string | undefined>();
const canonicalTimeZones = new Map<string, string | undefined>();

/**
 * Returns the canonical form of a BCP 47 language tag (`es_mx` → `es-MX`), or `undefined` when the
 * tag is empty or invalid.
 */
export function canonicalLocale(tag: string | null | undefined): string | undefined {
  const trimmed = tag?.trim().replace(/_/g, '-');
  if (!trimmed) return undefined;
  if (canonicalLocales.has(trimmed)) return canonicalLocales.get(trimmed);
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(trimmed)[0];
  } catch {
    canonical = undefined;
  }
  canonicalLocales.set(trimmed, canonical);
  return canonical;
}

/** Returns the IANA name Intl uses for `timeZone`, or `undefined` when it is empty or unknown. */
export function canonicalTimeZone(timeZone: string | null | undefined): string | undefined {
  const trimmed = timeZone?.trim();
  if (!trimmed) return undefined;
  if (canonicalTimeZones.has(trimmed)) return canonicalTimeZones.get(trimmed);
  let canonical: string | undefined;
  try {
    canonical = new Intl.DateTimeFormat(DEFAULT_LOCALE, { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    canonical = undefined;
  }
  canonicalTimeZones.set(trimmed, canonical);
  return canonical;
}

/** The time zone of the person looking at the page, as Intl reports it. */
export function viewerTimeZone(): string {
  return dateTimeFormat(undefined).resolvedOptions().timeZone;
}

function cacheKey(locale: string, options: object): string {
  return `${locale}|${JSON.stringify(options)}`;
}

function cached<F, O extends object>(
  cache: Map<string, F>,
  locale: string | undefined,
  options: O,
  create: (locale: string, options: O) => F,
): F {
  const tag = canonicalLocale(locale) ?? DEFAULT_LOCALE;
  const key = cacheKey(tag, options);
  let formatter = cache.get(key);
  if (!formatter) {
    try {
      formatter = create(tag, options);
    } catch {
      // An option Intl rejects (an unknown currency, say) must not take the page down.
      formatter = create(DEFAULT_LOCALE, {} as O);
    }
    cache.set(key, formatter);
  }
  return formatter;
}

/** A cached `Intl.DateTimeFormat`; an unknown `timeZone` is replaced by the viewer's. */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const safe = { ...options };
  if (options.timeZone !== undefined) safe.timeZone = canonicalTimeZone(options.timeZone);
  if (safe.timeZone === undefined) delete safe.timeZone;
  return cached(dateTimeFormats, locale, safe, (tag, o) => new Intl.DateTimeFormat(tag, o));
}

/** A cached `Intl.NumberFormat`. */
export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(numberFormats, locale, options, (tag, o) => new Intl.NumberFormat(tag, o));
}

/** A cached `Intl.PluralRules`. */
export function pluralRulesFor(locale: string | undefined, options: Intl.PluralRulesOptions = {}): Intl.PluralRules {
  return cached(pluralRules, locale, options, (tag, o) => new Intl.PluralRules(tag, o));
}

/** A cached `Intl.RelativeTimeFormat`. */
export function relativeTimeFormat(
  locale: string | undefined,
  options: Intl.RelativeTimeFormatOptions = {},
): Intl.RelativeTimeFormat {
  return cached(relativeTimeFormats, locale, options, (tag, o) => new Intl.RelativeTimeFormat(tag, o));
}
