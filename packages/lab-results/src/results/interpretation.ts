import type { Observation, ObservationReferenceRange } from 'fhir/r4';

/** Abnormal flags in words, worst first; the element shows each as text, never by colour alone. */
export const RESULT_FLAGS = ['critical-high', 'critical-low', 'high', 'low', 'abnormal'] as const;
export type ResultFlag = (typeof RESULT_FLAGS)[number];

const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** v3 ObservationInterpretation codes (and their v2 spellings) → the flag a patient reads. */
const FLAG_BY_CODE: Readonly<Record<string, ResultFlag | 'normal'>> = {
  HH: 'critical-high',
  HU: 'critical-high',
  '>': 'critical-high',
  LL: 'critical-low',
  LU: 'critical-low',
  '<': 'critical-low',
  AA: 'abnormal',
  H: 'high',
  L: 'low',
  A: 'abnormal',
  POS: 'abnormal',
  DET: 'abnormal',
  R: 'abnormal',
  N: 'normal',
  NEG: 'normal',
  ND: 'normal',
  S: 'normal',
};

/** What the data says about a result: a flag, and the server's own words when it gave only text. */
export interface Interpretation {
  flag?: ResultFlag;
  /** The interpretation's text when the server sent no code we know (shown as it is). */
  text?: string;
  /** True when the server marked the result normal. */
  normal: boolean;
}

/**
 * The interpretation of a result: from its coded interpretation (worst wins), else from the value
 * against the reference range when both are numeric and in the same unit, else the server's text.
 */
export function interpretationOf(observation: Observation, range = referenceRangeOf(observation)): Interpretation {
  let worst: ResultFlag | undefined;
  let normal = false;
  let text: string | undefined;
  for (const concept of observation.interpretation ?? []) {
    let known = false;
    for (const coding of concept.coding ?? []) {
      const flag = coding.code ? FLAG_BY_CODE[coding.code] : undefined;
      if (!flag || (coding.system && coding.system !== INTERPRETATION_SYSTEM && !coding.system.includes('0078'))) continue;
      known = true;
      if (flag === 'normal') normal = true;
      else if (!worst || RESULT_FLAGS.indexOf(flag) < RESULT_FLAGS.indexOf(worst)) worst = flag;
    }
    if (!known && concept.text?.trim()) text = concept.text.trim();
  }
  // A result described only in words is still checked against its range.
  if (!worst && !normal) {
    const value = observation.valueQuantity;
    if (typeof value?.value === 'number' && range && (!value.unit || !range.low?.unit || range.low.unit === value.unit || range.high?.unit === value.unit)) {
      if (typeof range.high?.value === 'number' && value.value > range.high.value) worst = 'high';
      else if (typeof range.low?.value === 'number' && value.value < range.low.value) worst = 'low';
    }
  }
  return { flag: worst, text, normal: normal && !worst };
}

/** Age in years on a date, from a birth date (both FHIR dates). */
function ageOn(birthDate: string | undefined, on: string | undefined): number | undefined {
  if (!birthDate) return undefined;
  const birth = new Date(birthDate);
  const at = on ? new Date(on) : new Date();
  if (Number.isNaN(birth.getTime()) || Number.isNaN(at.getTime())) return undefined;
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  if (at.getUTCMonth() < birth.getUTCMonth() || (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate())) age--;
  return age;
}

/**
 * The reference range that applies to this patient: ranges for their age and sex win over general
 * ones; the "normal" range type wins over others (therapeutic, recommended…).
 */
export function referenceRangeOf(observation: Observation, patient: { birthDate?: string; gender?: string } = {}): ObservationReferenceRange | undefined {
  const ranges = observation.referenceRange ?? [];
  if (ranges.length <= 1) return ranges[0];
  const age = ageOn(patient.birthDate, observation.effectiveDateTime ?? observation.issued);
  const score = (range: ObservationReferenceRange): number => {
    let points = 0;
    if (range.age) {
      const low = range.age.low?.value;
      const high = range.age.high?.value;
      if (age === undefined || (low !== undefined && age < low) || (high !== undefined && age > high)) return -1;
      points += 2;
    }
    const sexes = (range.appliesTo ?? []).flatMap((c) => c.coding ?? []).map((c) => c.code?.toLowerCase());
    if (sexes.some((s) => s === 'male' || s === 'female' || s === '248153007' || s === '248152002')) {
      const gender = patient.gender?.toLowerCase();
      const matches = sexes.includes(gender) || (gender === 'male' && sexes.includes('248153007')) || (gender === 'female' && sexes.includes('248152002'));
      if (!matches) return -1;
      points += 2;
    }
    if (!range.type || range.type.coding?.some((c) => c.code === 'normal')) points += 1;
    return points;
  };
  return [...ranges].sort((a, b) => score(b) - score(a)).find((r) => score(r) >= 0) ?? ranges[0];
}
