import type { Money } from 'fhir/r4';
import { numberFormat } from './formatters.js';

/** The currency assumed when a Money has none (FHIR servers in the US often leave it out). */
export const DEFAULT_CURRENCY = 'USD';

export interface MoneyFormatOptions {
  /** Currency used when the Money has none; defaults to {@link DEFAULT_CURRENCY}. */
  defaultCurrency?: string;
  /**
   * 'standard' (default) writes a credit with a minus sign ('-$25.00', '-25,00 US$');
   * 'accounting' uses the locale's accounting form ('($25.00)').
   */
  currencySign?: 'standard' | 'accounting';
  /** Shown when there is no amount. Defaults to ''. */
  fallback?: string;
}

const currencyValidity = new Map<string, boolean>();

function isCurrencyCode(code: string): boolean {
  let valid = currencyValidity.get(code);
  if (valid === undefined) {
    try {
      valid = /^[A-Z]{3}$/.test(code) && Boolean(new Intl.NumberFormat('en', { style: 'currency', currency: code }));
    } catch {
      valid = false;
    }
    currencyValidity.set(code, valid);
  }
  return valid;
}

/**
 * Formats a FHIR Money through `Intl.NumberFormat` in its currency: '$1,234.50', '1234,50 US$' (es).
 * A negative amount (a credit or refund) keeps its sign where the locale puts it, and a value that
 * rounds to zero never shows as '-$0.00'. An unknown currency code is shown after the number.
 */
export function formatMoney(
  m: Money | null | undefined,
  locale: string | undefined,
  options: MoneyFormatOptions = {},
): string {
  const value = m?.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return options.fallback ?? '';
  const currency = (m?.currency?.trim() || options.defaultCurrency || DEFAULT_CURRENCY).toUpperCase();
  if (!isCurrencyCode(currency)) {
    return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' }).format(value)} ${currency}`;
  }
  return numberFormat(locale, {
    style: 'currency',
    currency,
    currencySign: options.currencySign ?? 'standard',
    signDisplay: 'negative',
  }).format(value);
}
