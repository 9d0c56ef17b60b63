/**
 * The laboratory tests the seed reports: LOINC codes, UCUM units, reference ranges (some specific
 * to sex or age), critical limits, and how a value is interpreted against its range.
 */
import type { CodeableConcept, Coding, ObservationReferenceRange } from 'fhir/r4';
import { SYSTEM, coding, ucum } from './terminology.js';
import { translatedConcept } from './translations.js';

export type Sex = 'female' | 'male';

/** A reference range rule; the first rule matching the patient's sex and age applies. */
export interface RangeRule {
  readonly low?: number;
  readonly high?: number;
  readonly text?: string;
  readonly sex?: Sex;
  /** Inclusive lower and exclusive upper age in years. */
  readonly minAge?: number;
  readonly maxAge?: number;
}

export interface QuantityAnalyte {
  readonly kind: 'quantity';
  readonly key: string;
  readonly loinc: string;
  readonly display: string;
  /** What people read, e.g. '10^3/µL'; omitted for dimensionless results such as specific gravity. */
  readonly unit?: string;
  /** UCUM expression, e.g. '10*3/uL'. */
  readonly ucum: string;
  readonly decimals: number;
  readonly ranges: readonly RangeRule[];
  readonly criticalLow?: number;
  readonly criticalHigh?: number;
}

export interface CodedAnalyte {
  readonly kind: 'coded';
  readonly key: string;
  readonly loinc: string;
  readonly display: string;
  readonly normal: CodeableConcept;
  readonly rangeText: string;
}

export interface TextAnalyte {
  readonly kind: 'text';
  readonly key: string;
  readonly loinc: string;
  readonly display: string;
  readonly normal: string;
  readonly rangeText: string;
}

export type Analyte = QuantityAnalyte | CodedAnalyte | TextAnalyte;

export const RESULT_CODES = {
  negative: translatedConcept({ coding: [coding(SYSTEM.snomed, '260385009', 'Negative')], text: 'Negative' }),
  trace: translatedConcept({ coding: [coding(SYSTEM.snomed, '260405006', 'Trace')], text: 'Trace' }),
  positive: translatedConcept({ coding: [coding(SYSTEM.snomed, '10828004', 'Positive')], text: 'Positive' }),
  notDetected: translatedConcept({ coding: [coding(SYSTEM.snomed, '260415000', 'Not detected')], text: 'Not detected' }),
  yellow: translatedConcept({ coding: [coding(SYSTEM.snomed, '371244009', 'Yellow color')], text: 'Yellow' }),
  clear: translatedConcept({ text: 'Clear' }),
} as const satisfies Record<string, CodeableConcept>;

const q = (a: Omit<QuantityAnalyte, 'kind'>): QuantityAnalyte => ({ kind: 'quantity', ...a });
const presence = (key: string, loinc: string, display: string): CodedAnalyte => ({
  kind: 'coded',
  key,
  loinc,
  display,
  normal: RESULT_CODES.negative,
  rangeText: 'Negative',
});

const ANALYTE_LIST: readonly Analyte[] = [
  // Complete blood count
  q({ key: 'wbc', loinc: '6690-2', display: 'Leukocytes [#/volume] in Blood by Automated count', unit: '10^3/µL', ucum: '10*3/uL', decimals: 1,
    ranges: [{ minAge: 0, maxAge: 13, low: 4.5, high: 13.5 }, { low: 4.5, high: 11.0 }], criticalLow: 1.5, criticalHigh: 30 }),
  q({ key: 'rbc', loinc: '789-8', display: 'Erythrocytes [#/volume] in Blood by Automated count', unit: '10^6/µL', ucum: '10*6/uL', decimals: 2,
    ranges: [{ minAge: 0, maxAge: 13, low: 4.0, high: 5.2 }, { sex: 'female', low: 4.1, high: 5.1 }, { sex: 'male', low: 4.5, high: 5.9 }] }),
  q({ key: 'hgb', loinc: '718-7', display: 'Hemoglobin [Mass/volume] in Blood', unit: 'g/dL', ucum: 'g/dL', decimals: 1,
    ranges: [{ minAge: 6, maxAge: 13, low: 11.5, high: 15.5 }, { sex: 'female', low: 12.0, high: 15.5 }, { sex: 'male', low: 13.5, high: 17.5 }],
    criticalLow: 7.0, criticalHigh: 20.0 }),
  q({ key: 'hct', loinc: '4544-3', display: 'Hematocrit [Volume Fraction] of Blood by Automated count', unit: '%', ucum: '%', decimals: 1,
    ranges: [{ minAge: 6, maxAge: 13, low: 35, high: 45 }, { sex: 'female', low: 36, high: 46 }, { sex: 'male', low: 41, high: 53 }] }),
  q({ key: 'mcv', loinc: '787-2', display: 'MCV [Entitic volume] by Automated count', unit: 'fL', ucum: 'fL', decimals: 0,
    ranges: [{ minAge: 6, maxAge: 13, low: 77, high: 95 }, { low: 80, high: 100 }] }),
  q({ key: 'plt', loinc: '777-3', display: 'Platelets [#/volume] in Blood by Automated count', unit: '10^3/µL', ucum: '10*3/uL', decimals: 0,
    ranges: [{ low: 150, high: 400 }], criticalLow: 50, criticalHigh: 1000 }),
  q({ key: 'neut', loinc: '770-8', display: 'Neutrophils/100 leukocytes in Blood by Automated count', unit: '%', ucum: '%', decimals: 0, ranges: [{ low: 40, high: 75 }] }),
  q({ key: 'lymph', loinc: '736-9', display: 'Lymphocytes/100 leukocytes in Blood by Automated count', unit: '%', ucum: '%', decimals: 0, ranges: [{ low: 20, high: 45 }] }),
  q({ key: 'mono', loinc: '5905-5', display: 'Monocytes/100 leukocytes in Blood by Automated count', unit: '%', ucum: '%', decimals: 0, ranges: [{ low: 2, high: 10 }] }),
  q({ key: 'eos', loinc: '713-8', display: 'Eosinophils/100 leukocytes in Blood by Automated count', unit: '%', ucum: '%', decimals: 0, ranges: [{ low: 0, high: 6 }] }),
  q({ key: 'baso', loinc: '706-2', display: 'Basophils/100 leukocytes in Blood by Automated count', unit: '%', ucum: '%', decimals: 0, ranges: [{ low: 0, high: 2 }] }),
  // Basic metabolic panel
  q({ key: 'glucose', loinc: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', decimals: 0,
    ranges: [{ low: 70, high: 99, text: '70–99 mg/dL (fasting)' }], criticalLow: 54, criticalHigh: 400 }),
  q({ key: 'bun', loinc: '3094-0', display: 'Urea nitrogen [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', decimals: 0,
    ranges: [{ minAge: 0, maxAge: 18, low: 5, high: 18 }, { low: 7, high: 20 }] }),
  q({ key: 'creat', loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', decimals: 2,
    ranges: [{ minAge: 0, maxAge: 13, low: 0.3, high: 0.7 }, { sex: 'female', low: 0.59, high: 1.04 }, { sex: 'male', low: 0.74, high: 1.35 }] }),
  q({ key: 'na', loinc: '2951-2', display: 'Sodium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', ucum: 'mmol/L', decimals: 0,
    ranges: [{ low: 136, high: 145 }], criticalLow: 120, criticalHigh: 160 }),
  q({ key: 'k', loinc: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma', unit: 'mmol/L', ucum: 'mmol/L', decimals: 1,
    ranges: [{ low: 3.5, high: 5.1 }], criticalLow: 2.8, criticalHigh: 6.0 }),
  q({ key: 'cl', loinc: '2075-0', display: 'Chloride [Moles/volume] in Serum or Plasma', unit: 'mmol/L', ucum: 'mmol/L', decimals: 0, ranges: [{ low: 98, high: 107 }] }),
  q({ key: 'co2', loinc: '2028-9', display: 'Carbon dioxide, total [Moles/volume] in Serum or Plasma', unit: 'mmol/L', ucum: 'mmol/L', decimals: 0, ranges: [{ low: 22, high: 29 }] }),
  q({ key: 'ca', loinc: '17861-6', display: 'Calcium [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', decimals: 1,
    ranges: [{ low: 8.6, high: 10.3 }], criticalLow: 6.5, criticalHigh: 13.0 }),
  q({ key: 'egfr', loinc: '98979-8', display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)',
    unit: 'mL/min/1.73m2', ucum: 'mL/min/{1.73_m2}', decimals: 0, ranges: [{ low: 60, text: '≥60 mL/min/1.73m2' }] }),
  // Lipids
  q({ key: 'chol', loinc: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', decimals: 0,
    ranges: [{ high: 200, text: 'Desirable <200 mg/dL' }] }),
  q({ key: 'trig', loinc: '2571-8', display: 'Triglyceride [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', decimals: 0,
    ranges: [{ high: 150, text: 'Normal <150 mg/dL' }] }),
  q({ key: 'hdl', loinc: '2085-9', display: 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', unit: 'mg/dL', ucum: 'mg/dL', decimals: 0,
    ranges: [{ sex: 'female', low: 50, text: '≥50 mg/dL' }, { sex: 'male', low: 40, text: '≥40 mg/dL' }] }),
  q({ key: 'ldl', loinc: '18262-6', display: 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay', unit: 'mg/dL', ucum: 'mg/dL', decimals: 0,
    ranges: [{ high: 100, text: 'Optimal <100 mg/dL' }] }),
  // Single tests
  q({ key: 'a1c', loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', unit: '%', ucum: '%', decimals: 1,
    ranges: [{ low: 4.0, high: 5.6, text: 'Normal 4.0–5.6%; prediabetes 5.7–6.4%; diabetes ≥6.5%' }] }),
  q({ key: 'tsh', loinc: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma', unit: 'mIU/L', ucum: 'm[IU]/L', decimals: 2, ranges: [{ low: 0.45, high: 4.5 }] }),
  q({ key: 'ferritin', loinc: '2276-4', display: 'Ferritin [Mass/volume] in Serum or Plasma', unit: 'ng/mL', ucum: 'ng/mL', decimals: 0,
    ranges: [{ sex: 'female', low: 15, high: 150 }, { sex: 'male', low: 30, high: 400 }] }),
  q({ key: 'poc-glucose', loinc: '41653-7', display: 'Glucose [Mass/volume] in Capillary blood by Glucometer', unit: 'mg/dL', ucum: 'mg/dL', decimals: 0,
    ranges: [{ low: 70, high: 140, text: '70–140 mg/dL (random)' }], criticalLow: 54, criticalHigh: 400 }),
  // Urinalysis
  { kind: 'coded', key: 'ua-color', loinc: '5778-6', display: 'Color of Urine', normal: RESULT_CODES.yellow, rangeText: 'Yellow' },
  { kind: 'coded', key: 'ua-clarity', loinc: '5767-9', display: 'Appearance of Urine', normal: RESULT_CODES.clear, rangeText: 'Clear' },
  q({ key: 'ua-sg', loinc: '5811-5', display: 'Specific gravity of Urine by Test strip', ucum: '1', decimals: 3, ranges: [{ low: 1.005, high: 1.03 }] }),
  q({ key: 'ua-ph', loinc: '5803-2', display: 'pH of Urine by Test strip', unit: 'pH', ucum: '[pH]', decimals: 1, ranges: [{ low: 5.0, high: 8.0 }] }),
  presence('ua-glucose', '5792-7', 'Glucose [Mass/volume] in Urine by Test strip'),
  presence('ua-protein', '20454-5', 'Protein [Mass/volume] in Urine by Test strip'),
  presence('ua-ketones', '2514-8', 'Ketones [Presence] in Urine by Test strip'),
  presence('ua-blood', '5794-3', 'Hemoglobin [Presence] in Urine by Test strip'),
  presence('ua-nitrite', '5802-4', 'Nitrite [Presence] in Urine by Test strip'),
  presence('ua-le', '5799-2', 'Leukocyte esterase [Presence] in Urine by Test strip'),
  { kind: 'text', key: 'ua-bacteria', loinc: '5769-5', display: 'Bacteria [#/area] in Urine sediment by Microscopy high power field', normal: 'None seen', rangeText: 'None seen' },
  // Point-of-care tests done in clinic (no report)
  { kind: 'coded', key: 'strep', loinc: '78012-2', display: 'Streptococcus pyogenes Ag [Presence] in Throat by Rapid immunoassay', normal: RESULT_CODES.notDetected, rangeText: 'Not detected' },
  presence('hcg', '2106-3', 'Choriogonadotropin (pregnancy test) [Presence] in Urine'),
];

export const ANALYTES: ReadonlyMap<string, Analyte> = new Map(ANALYTE_LIST.map((a) => [a.key, a]));

export function analyte(key: string): Analyte {
  const a = ANALYTES.get(key);
  if (!a) throw new Error(`Unknown analyte ${key}`);
  return a;
}

export const PANEL_KEYS = ['cbc', 'cbc-diff', 'bmp', 'lipid', 'a1c', 'tsh', 'ferritin', 'ua'] as const;
export type PanelKey = (typeof PANEL_KEYS)[number];

export type SpecimenKind = 'blood' | 'serum' | 'urine';

export interface Panel {
  readonly key: PanelKey;
  readonly loinc: string;
  readonly display: string;
  /** The name patients see. */
  readonly text: string;
  readonly members: readonly string[];
  readonly specimen: SpecimenKind;
  readonly cpt: { readonly code: string; readonly display: string };
}

const CBC_MEMBERS = ['wbc', 'rbc', 'hgb', 'hct', 'mcv', 'plt'];

export const PANELS: Readonly<Record<PanelKey, Panel>> = {
  cbc: { key: 'cbc', loinc: '58410-2', display: 'CBC panel - Blood by Automated count', text: 'Complete blood count (CBC)',
    members: CBC_MEMBERS, specimen: 'blood', cpt: { code: '85027', display: 'Complete blood count, automated' } },
  'cbc-diff': { key: 'cbc-diff', loinc: '57021-8', display: 'CBC W Auto Differential panel - Blood', text: 'CBC with differential',
    members: [...CBC_MEMBERS, 'neut', 'lymph', 'mono', 'eos', 'baso'], specimen: 'blood', cpt: { code: '85025', display: 'Complete blood count with automated differential' } },
  bmp: { key: 'bmp', loinc: '51990-0', display: 'Basic metabolic panel - Blood', text: 'Basic metabolic panel (BMP)',
    members: ['glucose', 'bun', 'creat', 'na', 'k', 'cl', 'co2', 'ca', 'egfr'], specimen: 'serum', cpt: { code: '80048', display: 'Basic metabolic panel' } },
  lipid: { key: 'lipid', loinc: '57698-3', display: 'Lipid panel with direct LDL - Serum or Plasma', text: 'Lipid panel',
    members: ['chol', 'trig', 'hdl', 'ldl'], specimen: 'serum', cpt: { code: '80061', display: 'Lipid panel' } },
  a1c: { key: 'a1c', loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', text: 'Hemoglobin A1c',
    members: ['a1c'], specimen: 'blood', cpt: { code: '83036', display: 'Hemoglobin; glycosylated (A1C)' } },
  tsh: { key: 'tsh', loinc: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma', text: 'Thyroid stimulating hormone (TSH)',
    members: ['tsh'], specimen: 'serum', cpt: { code: '84443', display: 'Thyroid stimulating hormone (TSH)' } },
  ferritin: { key: 'ferritin', loinc: '2276-4', display: 'Ferritin [Mass/volume] in Serum or Plasma', text: 'Ferritin',
    members: ['ferritin'], specimen: 'serum', cpt: { code: '82728', display: 'Ferritin' } },
  ua: { key: 'ua', loinc: '24356-8', display: 'Urinalysis complete panel - Urine', text: 'Urinalysis',
    members: ['ua-color', 'ua-clarity', 'ua-sg', 'ua-ph', 'ua-glucose', 'ua-protein', 'ua-ketones', 'ua-blood', 'ua-nitrite', 'ua-le', 'ua-bacteria'],
    specimen: 'urine', cpt: { code: '81001', display: 'Urinalysis, automated, with microscopy' } },
};

/** The rule that applies to a patient of this sex and age, if any. */
export function applicableRange(a: QuantityAnalyte, sex: Sex, ageYears: number): RangeRule | undefined {
  return a.ranges.find(
    (r) => (r.sex === undefined || r.sex === sex) && (r.minAge === undefined || ageYears >= r.minAge) && (r.maxAge === undefined || ageYears < r.maxAge),
  );
}

const SEX_CONCEPTS: Readonly<Record<Sex, CodeableConcept>> = {
  female: { coding: [coding(SYSTEM.snomed, '248152002', 'Female')], text: 'Female' },
  male: { coding: [coding(SYSTEM.snomed, '248153007', 'Male')], text: 'Male' },
};

/** The range as FHIR: low/high in the result's unit, appliesTo for sex, age for age bands. */
export function referenceRangeFor(a: QuantityAnalyte, rule: RangeRule): ObservationReferenceRange {
  const range: ObservationReferenceRange = {};
  const quantity = (value: number) => (a.unit ? ucum(value, a.unit, a.ucum) : { value, system: SYSTEM.ucum, code: a.ucum });
  if (rule.low !== undefined) range.low = quantity(rule.low);
  if (rule.high !== undefined) range.high = quantity(rule.high);
  if (rule.sex) range.appliesTo = [SEX_CONCEPTS[rule.sex]];
  if (rule.minAge !== undefined || rule.maxAge !== undefined) {
    range.age = {
      ...(rule.minAge !== undefined ? { low: ucum(rule.minAge, 'years', 'a') } : {}),
      ...(rule.maxAge !== undefined ? { high: ucum(rule.maxAge - 1, 'years', 'a') } : {}),
    };
  }
  if (rule.text) range.text = rule.text;
  else if (rule.low !== undefined && rule.high !== undefined) range.text = `${rule.low}–${rule.high}${a.unit ? ` ${a.unit}` : ''}`;
  return range;
}

export const INTERPRETATIONS = ['N', 'H', 'L', 'HH', 'LL', 'A'] as const;
export type InterpretationCode = (typeof INTERPRETATIONS)[number];

const INTERPRETATION_DISPLAY: Readonly<Record<InterpretationCode, string>> = {
  N: 'Normal',
  H: 'High',
  L: 'Low',
  HH: 'Critical high',
  LL: 'Critical low',
  A: 'Abnormal',
};

/** Flags a value against its range and the analyte's critical limits (which lie outside the range). */
export function interpretQuantity(a: QuantityAnalyte, value: number, rule: RangeRule | undefined): InterpretationCode {
  if (a.criticalHigh !== undefined && value >= a.criticalHigh) return 'HH';
  if (a.criticalLow !== undefined && value <= a.criticalLow) return 'LL';
  if (rule?.high !== undefined && value > rule.high) return 'H';
  if (rule?.low !== undefined && value < rule.low) return 'L';
  return 'N';
}

export function interpretationConcept(code: InterpretationCode): CodeableConcept {
  // Not translated here: the elements name result flags in the page's language themselves.
  return { coding: [coding(SYSTEM.v3Interpretation, code, INTERPRETATION_DISPLAY[code])], text: INTERPRETATION_DISPLAY[code] };
}

export function isSameCoded(a: CodeableConcept, b: CodeableConcept): boolean {
  const codeOf = (c: CodeableConcept): string => (c.coding?.[0] as Coding | undefined)?.code ?? c.text ?? '';
  return codeOf(a) === codeOf(b);
}

/** A plausible normal value for the rule: its middle, or just inside a one-sided limit. */
export function typicalValue(rule: RangeRule | undefined): number {
  if (!rule) return 0;
  if (rule.low !== undefined && rule.high !== undefined) return (rule.low + rule.high) / 2;
  if (rule.low !== undefined) return rule.low * 1.35;
  if (rule.high !== undefined) return rule.high * 0.75;
  return 0;
}

/** The short names patients see (Observation.code.text). */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  wbc: 'White blood cells', rbc: 'Red blood cells', hgb: 'Hemoglobin', hct: 'Hematocrit', mcv: 'MCV', plt: 'Platelets',
  neut: 'Neutrophils', lymph: 'Lymphocytes', mono: 'Monocytes', eos: 'Eosinophils', baso: 'Basophils',
  glucose: 'Glucose', bun: 'Urea nitrogen (BUN)', creat: 'Creatinine', na: 'Sodium', k: 'Potassium', cl: 'Chloride',
  co2: 'Carbon dioxide (CO2)', ca: 'Calcium', egfr: 'eGFR', chol: 'Total cholesterol', trig: 'Triglycerides',
  hdl: 'HDL cholesterol', ldl: 'LDL cholesterol', a1c: 'Hemoglobin A1c', tsh: 'TSH', ferritin: 'Ferritin',
  'poc-glucose': 'Glucose, fingerstick', 'ua-color': 'Urine color', 'ua-clarity': 'Urine appearance',
  'ua-sg': 'Urine specific gravity', 'ua-ph': 'Urine pH', 'ua-glucose': 'Urine glucose', 'ua-protein': 'Urine protein',
  'ua-ketones': 'Urine ketones', 'ua-blood': 'Urine blood', 'ua-nitrite': 'Urine nitrite', 'ua-le': 'Urine leukocyte esterase',
  'ua-bacteria': 'Urine bacteria', strep: 'Rapid strep test', hcg: 'Urine pregnancy test',
};

export function analyteName(a: Analyte): string {
  return SHORT_NAMES[a.key] ?? a.display;
}
