import type { Dosage, Timing } from 'fhir/r4';

/** Units of a timing period, as FHIR writes them. */
export const PERIOD_UNITS = ['s', 'min', 'h', 'd', 'wk', 'mo', 'a'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** Times of day a dose is tied to that the list words (FHIR `Timing.repeat.when`). */
export const DOSE_TIMES = ['MORN', 'AFT', 'EVE', 'NIGHT', 'HS', 'WAKE', 'C', 'CM', 'CD', 'CV', 'AC', 'ACM', 'ACD', 'ACV', 'PC', 'PCM', 'PCD', 'PCV'] as const;
export type DoseTime = (typeof DOSE_TIMES)[number];

/** Routes the list words (SNOMED CT). */
export const DOSE_ROUTES = { '26643006': 'byMouth', '34206005': 'underSkin', '447694001': 'inhaled', '78421000': 'intoMuscle', '6064005': 'onSkin' } as const;
export type DoseRoute = (typeof DOSE_ROUTES)[keyof typeof DOSE_ROUTES];

/** The words a dose is built from, in the page's language (the element's terms). */
export interface DoseWords {
  /** "once a day", "twice a day", "3 times a week", "every 4 hours", "3 times every 2 days". */
  frequency: (times: number, period: number, unit: PeriodUnit) => string;
  /** "every morning", "at bedtime", "with food", "before breakfast"; '' for a time not worded. */
  doseTime: (time: DoseTime) => string;
  route: (route: DoseRoute) => string;
  asNeeded: string;
  asNeededFor: (reason: string) => string;
  forDuration: (count: number, unit: PeriodUnit) => string;
  /** "a day", "every 2 days": the period of a largest dose. */
  per: (period: number, unit: PeriodUnit) => string;
  /** "no more than 4 tablets a day". */
  atMost: (amount: string, period: string) => string;
  /** A dose and its unit as written on the prescription: "1 tablet", "10 units". */
  amount: (value: number, unit: string) => string;
}

function frequencyOf(timing: Timing | undefined, words: DoseWords): string {
  const repeat = timing?.repeat;
  if (!repeat?.period || !repeat.periodUnit) return '';
  const times = repeat.frequency ?? 1;
  const whens = (repeat.when ?? []).filter((w): w is DoseTime => (DOSE_TIMES as readonly string[]).includes(w));
  // "every morning" says "once a day" already.
  if (times === 1 && repeat.period === 1 && repeat.periodUnit === 'd' && whens.length === 1 && !/^(C|CM|CD|CV|AC|ACM|ACD|ACV|PC|PCM|PCD|PCV)$/.test(whens[0]!)) return words.doseTime(whens[0]!);
  return [words.frequency(times, repeat.period, repeat.periodUnit), ...whens.map((w) => words.doseTime(w))].filter(Boolean).join(' ');
}

/**
 * How to take a medicine in plain words, from the dosage's structure when it has no text of its own:
 * the dose, the route, how often and when, as needed, for how long and at most how much
 * ("1 tablet by mouth twice a day with food"). Empty when the structure says nothing worded here.
 */
export function doseWords(dosage: Dosage | undefined, words: DoseWords): string {
  if (!dosage) return '';
  const dose = dosage.doseAndRate?.find((d) => d.doseQuantity)?.doseQuantity;
  const amount = dose?.value !== undefined ? words.amount(dose.value, dose.unit ?? '') : '';
  const code = dosage.route?.coding?.find((c) => c.system === 'http://snomed.info/sct' && c.code && c.code in DOSE_ROUTES)?.code as keyof typeof DOSE_ROUTES | undefined;
  const route = code ? words.route(DOSE_ROUTES[code]) : '';
  const bounds = dosage.timing?.repeat?.boundsDuration;
  const duration = bounds?.value && bounds.code && (PERIOD_UNITS as readonly string[]).includes(bounds.code) ? words.forDuration(bounds.value, bounds.code as PeriodUnit) : '';
  const reason = dosage.asNeededCodeableConcept?.text ?? dosage.asNeededCodeableConcept?.coding?.find((c) => c.display)?.display;
  const asNeeded = reason ? words.asNeededFor(reason) : dosage.asNeededBoolean ? words.asNeeded : '';
  const max = dosage.maxDosePerPeriod;
  const perUnit = max?.denominator?.code && (PERIOD_UNITS as readonly string[]).includes(max.denominator.code) ? (max.denominator.code as PeriodUnit) : undefined;
  const atMost =
    max?.numerator?.value !== undefined && perUnit ? words.atMost(words.amount(max.numerator.value, max.numerator.unit ?? ''), words.per(max.denominator?.value ?? 1, perUnit)) : '';
  return [amount, route, frequencyOf(dosage.timing, words), asNeeded, duration, atMost].filter(Boolean).join(' ');
}
