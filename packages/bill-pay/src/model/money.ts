import type { Money } from 'fhir/r4';
import { DEFAULT_CURRENCY } from '@portico/core';

/**
 * Money as an integer count of the currency's minor unit (cents for USD, none for JPY): sums and
 * comparisons never touch floating point. A FHIR Money's decimal becomes minor units once, at the edge.
 */
export interface MinorAmount {
  minor: number;
  currency: string;
}

const digitsCache = new Map<string, number>();

/** How many decimals the currency has (2 for USD and EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** A FHIR Money in minor units (its currency, else `fallback`); undefined when it has no amount. */
export function toMinor(money: Money | undefined, fallback = DEFAULT_CURRENCY): MinorAmount | undefined {
  if (typeof money?.value !== 'number' || !Number.isFinite(money.value)) return undefined;
  const currency = (money.currency?.trim() || fallback).toUpperCase();
  return { minor: Math.round(money.value * 10 ** minorDigits(currency)), currency };
}

/** Minor units back to a FHIR Money, for display and for what is sent. */
export function toMoney(amount: MinorAmount): Money {
  const digits = minorDigits(amount.currency);
  return { value: Number((amount.minor / 10 ** digits).toFixed(digits)), currency: amount.currency };
}

/** Why an amount the patient typed cannot be paid. */
export type AmountProblem = 'empty' | 'invalid' | 'too-many-decimals' | 'zero' | 'negative' | 'over';

const separatorsCache = new Map<string, { group: string; decimal: string }>();

function separatorsOf(locale: string): { group: string; decimal: string } {
  let found = separatorsCache.get(locale);
  if (!found) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    found = { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
    separatorsCache.set(locale, found);
  }
  return found;
}

const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
const MARKS = /[.,\u066b\u066c'\u2019]/;

/**
 * An amount typed by the patient, in the locale's way of writing numbers ("1,234.50" in en, "1.234,50"
 * in es, Arabic-Indic digits in ar), as minor units of `currency`; or what is wrong with it. A currency
 * sign and spaces are ignored. Checked against `owed` (minor units): more than zero and at most that.
 */
export function parseAmount(text: string, options: { locale: string; currency: string; owed: number }): { minor: number } | { problem: AmountProblem } {
  const digits = minorDigits(options.currency);
  const { group, decimal } = separatorsOf(options.locale);
  let value = text.normalize('NFKC').replace(ARABIC_DIGITS, (d) => String(d.codePointAt(0)! & 0xf));
  value = value.replace(/[\s\u00a0\u202f]/g, '');
  if (!value) return { problem: 'empty' };
  value = value.replace(/[^\d.,\u066b\u066c'\u2019-]/g, '');
  const negative = value.includes('-');
  value = value.replace(/-/g, '');
  if (!/\d/.test(value)) return { problem: 'invalid' };
  const decimalMarks = new Set([decimal, '\u066b']);
  const groupMarks = new Set([group, '\u066c', "'", '\u2019']);
  let integer = value;
  let fraction = '';
  const last = Math.max(...[...value].map((c, i) => (MARKS.test(c) ? i : -1)));
  if (last >= 0) {
    const mark = value[last]!;
    const after = value.slice(last + 1);
    // The last mark separates the decimals when it is the locale's decimal mark, or when it appears once
    // and is not the locale's group mark, or is but not followed by three digits.
    // A group mark followed by anything but three digits was meant as the decimals ("12,50" in English).
    const once = [...value].filter((c) => c === mark).length === 1;
    const groupsOfThree = after.length === 3;
    if (decimalMarks.has(mark) || (once && (!groupMarks.has(mark) || !groupsOfThree))) {
      integer = value.slice(0, last);
      fraction = after;
    } else if (groupMarks.has(mark) && !groupsOfThree) return { problem: 'invalid' };
  }
  // What is left before the decimals may only be grouped with the locale's (or a common) group mark.
  if ([...integer].some((c) => MARKS.test(c) && !groupMarks.has(c))) return { problem: 'invalid' };
  integer = integer.replace(new RegExp(MARKS.source, 'g'), '');
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction) || (!integer && !fraction)) return { problem: 'invalid' };
  if (fraction.length > digits) return { problem: 'too-many-decimals' };
  const minor = Number(integer || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { problem: 'invalid' };
  if (negative && minor > 0) return { problem: 'negative' };
  if (minor === 0) return { problem: 'zero' };
  if (minor > options.owed) return { problem: 'over' };
  return { minor };
}
