import type { Quantity } from 'fhir/r4';
import { numberFormat } from './formatters.js';

/**
 * How common UCUM unit codes are written for people. Codes not listed are shown as given, with
 * `{annotations}` unwrapped ('{beats}/min' → 'beats/min') or dropped when they are the whole unit.
 */
export const UCUM_DISPLAY_UNITS: Readonly<Record<string, string>> = {
  '1': '',
  '%': '%',
  '10*3/uL': '×10³/µL',
  '10*6/uL': '×10⁶/µL',
  '10*3/mm3': '×10³/mm³',
  '10*6/mm3': '×10⁶/mm³',
  '10*9/L': '×10⁹/L',
  '10*12/L': '×10¹²/L',
  'mm[Hg]': 'mmHg',
  '[in_i]': 'in',
  '[ft_i]': 'ft',
  '[lb_av]': 'lb',
  '[oz_av]': 'oz',
  Cel: '°C',
  '[degF]': '°F',
  'kg/m2': 'kg/m²',
  m2: 'm²',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  uL: 'µL',
  ug: 'µg',
  'ug/dL': 'µg/dL',
  'ug/L': 'µg/L',
  'ug/mL': 'µg/mL',
  'umol/L': 'µmol/L',
  'uU/mL': 'µU/mL',
  'u[IU]/mL': 'µIU/mL',
  '[IU]/L': 'IU/L',
  '[IU]/mL': 'IU/mL',
  'm[IU]/L': 'mIU/L',
  'm[IU]/mL': 'mIU/mL',
  'meq/L': 'mEq/L',
};

/**
 * UCUM codes that `Intl.NumberFormat` can write in the patient's language (its unit style, short
 * form): '68,2 kg', '98 %' (es), '37°C'. These win over a Quantity's English `unit` text ('kilograms').
 */
export const UCUM_INTL_UNITS: Readonly<Record<string, string>> = {
  '%': 'percent',
  kg: 'kilogram',
  g: 'gram',
  km: 'kilometer',
  m: 'meter',
  cm: 'centimeter',
  mm: 'millimeter',
  '[in_i]': 'inch',
  '[ft_i]': 'foot',
  '[lb_av]': 'pound',
  '[oz_av]': 'ounce',
  Cel: 'celsius',
  '[degF]': 'fahrenheit',
  L: 'liter',
  l: 'liter',
  mL: 'milliliter',
  ml: 'milliliter',
  h: 'hour',
  min: 'minute',
  s: 'second',
  d: 'day',
  wk: 'week',
  mo: 'month',
  a: 'year',
};

/** Units written straight after the number, without a space ('7%', '72/min'). */
function attachesToNumber(unit: string): boolean {
  return unit === '%' || unit.startsWith('/');
}

/** Turns a unit as found in a Quantity (`unit`, else UCUM `code`) into how people write it. */
export function displayUnit(unit: string | null | undefined): string {
  const trimmed = unit?.trim() ?? '';
  if (trimmed in UCUM_DISPLAY_UNITS) return UCUM_DISPLAY_UNITS[trimmed] ?? '';
  if (/^\{[^{}]*\}$/.test(trimmed)) return '';
  return trimmed.replace(/\{([^{}]*)\}/g, '$1');
}

export interface QuantityFormatOptions {
  /** Fraction digits to show. By default those of the value as recorded, at most 4. */
  fractionDigits?: number;
  /** Shown when there is no value. Defaults to ''. */
  fallback?: string;
}

const MAX_FRACTION_DIGITS = 4;

/**
 * The fraction digits in a value's written form ('7.10' → 2; 7.1 → 1; 1e-3 → 3), at most 4. A
 * FHIR decimal's trailing zeros survive only when the JSON was read without turning numbers into
 * doubles (then `value` may arrive as a string); `JSON.parse` gives 7.1 for 7.10.
 */
function fractionDigitsOf(written: string): number {
  const [mantissa = '', exponent = '0'] = written.toLowerCase().split('e');
  const digits = (mantissa.split('.')[1]?.length ?? 0) - Number(exponent);
  return Math.min(Math.max(Number.isFinite(digits) ? digits : 0, 0), MAX_FRACTION_DIGITS);
}

function numericValue(value: unknown): { value: number; written: string } | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return { value, written: String(value) };
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return { value: Number(value), written: value.trim() };
  }
  return undefined;
}

function digitsOf(numeric: { written: string }, fractionDigits: number | undefined): number {
  return Math.min(Math.max(fractionDigits ?? fractionDigitsOf(numeric.written), 0), 20);
}

function formatNumber(value: unknown, locale: string | undefined, fractionDigits: number | undefined): string | undefined {
  const numeric = numericValue(value);
  if (!numeric) return undefined;
  const digits = digitsOf(numeric, fractionDigits);
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(numeric.value);
}

/** The `Intl` unit for a Quantity whose UCUM code (or unit text, when it is such a code) `Intl` can write. */
function intlUnit(q: Quantity | undefined): string | undefined {
  const ucum = !q?.system || q.system === 'http://unitsofmeasure.org';
  const code = ucum ? q?.code?.trim() : undefined;
  if (code && Object.hasOwn(UCUM_INTL_UNITS, code)) return UCUM_INTL_UNITS[code];
  const unit = q?.unit?.trim();
  return !code && unit && Object.hasOwn(UCUM_INTL_UNITS, unit) ? UCUM_INTL_UNITS[unit] : undefined;
}

function unitFormat(locale: string | undefined, unit: string, digits: number): Intl.NumberFormat {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function quantityUnit(q: Quantity | undefined): string {
  return displayUnit(q?.unit?.trim() || q?.code);
}

function withUnit(number: string, unit: string): string {
  if (!unit) return number;
  return attachesToNumber(unit) ? `${number}${unit}` : `${number} ${unit}`;
}

/**
 * Formats a FHIR Quantity: '7.2 ×10³/µL', '< 0.5 mg/dL', '98%', '7,1 mmol/L' (es). The number goes
 * through `Intl.NumberFormat` with the fraction digits it was recorded with; the comparator is kept;
 * the unit is `unit`, else the UCUM `code`, written readably. Returns `options.fallback` (default '')
 * when there is no value.
 */
export function formatQuantity(
  q: Quantity | null | undefined,
  locale: string | undefined,
  options: QuantityFormatOptions = {},
): string {
  const numeric = numericValue(q?.value);
  if (!numeric) return options.fallback ?? '';
  const unit = intlUnit(q ?? undefined);
  const shown = unit
    ? unitFormat(locale, unit, digitsOf(numeric, options.fractionDigits)).format(numeric.value)
    : withUnit(formatNumber(q?.value, locale, options.fractionDigits)!, quantityUnit(q ?? undefined));
  return q?.comparator ? `${q.comparator} ${shown}` : shown;
}

/** A FHIR Range, or an Observation's referenceRange, which has the same `low`/`high` and a `text`. */
export interface RangeLike {
  low?: Quantity;
  high?: Quantity;
  text?: string;
}

/** A range in a unit `Intl` writes ('50–80 kg', '≤ 37,5 °C'), when its bounds share one; else undefined. */
function formatIntlRange(range: RangeLike | null | undefined, locale: string | undefined, fractionDigits: number | undefined): string | undefined {
  const low = numericValue(range?.low?.value);
  const high = numericValue(range?.high?.value);
  const lowUnit = low ? intlUnit(range?.low) : undefined;
  const highUnit = high ? intlUnit(range?.high) : undefined;
  const unit = highUnit ?? lowUnit;
  if (!unit || (low && lowUnit !== unit && quantityUnit(range?.low)) || (high && highUnit !== unit && quantityUnit(range?.high))) return undefined;
  if (low && high) {
    const lowDigits = digitsOf(low, fractionDigits);
    const highDigits = digitsOf(high, fractionDigits);
    // Each bound keeps the digits it was recorded with ('4.5–11 kg'); one pattern when they agree.
    if (lowDigits === highDigits) return unitFormat(locale, unit, lowDigits).formatRange(low.value, high.value);
    return `${formatNumber(range?.low?.value, locale, fractionDigits)}–${unitFormat(locale, unit, highDigits).format(high.value)}`;
  }
  const bound = (high ?? low)!;
  return `${high ? '≤' : '≥'} ${unitFormat(locale, unit, digitsOf(bound, fractionDigits)).format(bound.value)}`;
}

/**
 * Formats a range: '70–99 mg/dL', '≤ 200 mg/dL' (only a high bound), '≥ 40 mg/dL' (only a low
 * bound; FHIR bounds are inclusive), else its `text`; '' when there is nothing.
 */
export function formatRange(
  range: RangeLike | null | undefined,
  locale: string | undefined,
  options: Pick<QuantityFormatOptions, 'fractionDigits'> = {},
): string {
  const localised = formatIntlRange(range, locale, options.fractionDigits);
  if (localised) return localised;
  const low = formatNumber(range?.low?.value, locale, options.fractionDigits);
  const high = formatNumber(range?.high?.value, locale, options.fractionDigits);
  const lowUnit = quantityUnit(range?.low);
  const highUnit = quantityUnit(range?.high);
  if (low !== undefined && high !== undefined) {
    if (!lowUnit || !highUnit || lowUnit === highUnit) return withUnit(`${low}–${high}`, highUnit || lowUnit);
    return `${withUnit(low, lowUnit)} – ${withUnit(high, highUnit)}`;
  }
  if (high !== undefined) return `≤ ${withUnit(high, highUnit)}`;
  if (low !== undefined) return `≥ ${withUnit(low, lowUnit)}`;
  return range?.text?.trim() ?? '';
}
