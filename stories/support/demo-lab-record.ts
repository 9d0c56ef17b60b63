import type { Attachment, CodeableConcept, DiagnosticReport, DocumentReference, Observation, ObservationReferenceRange, Patient, Quantity, ServiceRequest } from 'fhir/r4';
import { DEMO_RESOURCES } from './data.js';
import { CLINICIAN_IDS } from './demo-clinic.js';

/**
 * A patient's synthetic lab record for the stories (no real person, no real lab), generated from
 * today and the patient's id so every story sees the same record: DiagnosticReports with their
 * Observations (panels with `hasMember`), reference ranges (some by age and sex), interpretations,
 * notes, specimens, performers, the orders behind the reports (ServiceRequests), and small PDFs
 * (in the report, or in a DocumentReference that points at it). `demo-labs.ts` serves it.
 *
 * The recent reports are written out by hand, so the stories can point at them ({@link labReportId}),
 * and so are two tests done in the clinic that belong to no report ({@link pointOfCareResultId}); the
 * years before are routine check-ups generated with a seeded random walk. Hemoglobin A1c is measured
 * every three months for ten and a half years (43 values), for the trend.
 */

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const SNOMED = 'http://snomed.info/sct';
const V3_INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const V2_0074 = 'http://terminology.hl7.org/CodeSystem/v2-0074';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const RANGE_MEANING = 'http://terminology.hl7.org/CodeSystem/referencerange-meaning';
/** Answers of qualitative urine tests (a stand-in code system, like a lab's local one). */
const ANSWERS = 'https://fhir.story.invalid/CodeSystem/lab-answers';

const DAY_MS = 86_400_000;

/** Which record the server holds: none, the usual ten years (about 90 reports), or a long one (600 reports). */
export const LAB_HISTORIES = ['standard', 'none', 'long'] as const;
export type LabHistory = (typeof LAB_HISTORIES)[number];

export interface LabRecordOptions {
  /** Default `standard`. */
  history?: LabHistory;
  /** Adds today's basic metabolic panel with critical values (potassium HH, glucose LL), the newest report. */
  critical?: boolean;
}

export interface LabRecord {
  /** Newest first. */
  reports: DiagnosticReport[];
  /** The reports' results and the results that belong to no report, by id. */
  observations: Map<string, Observation>;
  /**
   * The orders the hand-written reports are based on (`basedOn`), by id, each naming its requester.
   * The generated history has none: its reports name the clinician only in `basedOn.display`, as
   * orders kept in another system do.
   */
  serviceRequests: Map<string, ServiceRequest>;
  /** Report PDFs filed as documents (`context.related` points at the report), by id; superseded ones too. */
  documentReferences: Map<string, DocumentReference>;
  /** PDFs served as `Binary/{id}` (from `presentedForm.url` or a document's attachment). */
  binaries: Map<string, { contentType: string; bytes: Uint8Array<ArrayBuffer> }>;
}

/** The hand-written recent reports, by what they show. Each is based on a ServiceRequest that names who ordered it. */
export const LAB_REPORT_KINDS = {
  /** Today, with `critical`: basic metabolic panel with critical values. */
  critical: 'bmp-critical',
  /** Yesterday: CBC, a panel (`hasMember`) with a nested differential panel; H and L flags; PDF as a Binary. */
  cbc: 'cbc',
  /** Yesterday: lipid panel; a result whose interpretation is text only; a note; PDF inline (`presentedForm.data`). */
  lipids: 'lipids',
  /** Yesterday: hemoglobin A1c (the trend test). */
  hba1c: 'hba1c',
  /** Two days ago: urine culture, still preliminary. */
  culture: 'culture',
  /**
   * A month ago: comprehensive metabolic panel, corrected (potassium re-measured). PDF as a
   * DocumentReference (the corrected one `current`, the first one `superseded`) whose attachment is a Binary.
   */
  cmp: 'cmp',
  /** Two months ago: thyroid tests, amended (free T4 added). */
  thyroid: 'thyroid',
  /** Two months ago: urinalysis with coded and string results, A and POS interpretations. */
  urinalysis: 'urinalysis',
  /** Six weeks ago: a chest X-ray (category RAD), for `category="radiology"`. */
  chestXray: 'chest-xray',
} as const;
export type LabReportKind = keyof typeof LAB_REPORT_KINDS;

/** The id of a hand-written report of a patient's record (stories open reports by it). */
export function labReportId(patientId: string, kind: LabReportKind): string {
  return `${patientId}-${LAB_REPORT_KINDS[kind]}`;
}

/** The tests done in the clinic during a visit, recorded as results that belong to no report. */
export const POINT_OF_CARE_KINDS = {
  /** Twenty days ago: fingerstick glucose, high, with a note. */
  glucose: 'poc-glucose',
  /** Forty days ago: rapid strep A test (throat swab), negative. */
  strep: 'poc-strep',
} as const;
export type PointOfCareKind = keyof typeof POINT_OF_CARE_KINDS;

/** The Observation id of a point-of-care result of a patient's record. */
export function pointOfCareResultId(patientId: string, kind: PointOfCareKind): string {
  return `${patientId}-${POINT_OF_CARE_KINDS[kind]}`;
}

/** The LOINC code the trend stories use: hemoglobin A1c. */
export const HBA1C_CODE = `${LOINC}|4548-4`;

// ---------------------------------------------------------------------------------------------------
// Tests and their reference ranges

type Sex = 'female' | 'male';

interface RangeSpec {
  low?: number;
  high?: number;
  sex?: Sex;
  /** Ages in years, inclusive. */
  age?: [number, number?];
  /** A range that is not the normal one (e.g. "prediabetes"). */
  meaning?: { code: string; text: string };
}

interface NumericTest {
  loinc: string;
  name: string;
  /** UCUM code (also the `unit`, which the element writes readably). */
  unit: string;
  decimals: number;
  ranges: RangeSpec[];
  /** Typical value when the patient's range has no middle (only a high or a low bound). */
  typical?: number;
  /** How far generated values stray, as a share of the typical value. */
  spread: number;
}

const TESTS = {
  wbc: { loinc: '6690-2', name: 'White blood cells (WBC)', unit: '10*3/uL', decimals: 1, ranges: [{ low: 4.0, high: 11.0 }], spread: 0.15 },
  rbc: {
    loinc: '789-8',
    name: 'Red blood cells (RBC)',
    unit: '10*6/uL',
    decimals: 2,
    ranges: [
      { low: 3.9, high: 5.1, sex: 'female', age: [18] },
      { low: 4.5, high: 5.9, sex: 'male', age: [18] },
      { low: 4.0, high: 5.2, age: [1, 17] },
    ],
    spread: 0.05,
  },
  hemoglobin: {
    loinc: '718-7',
    name: 'Hemoglobin',
    unit: 'g/dL',
    decimals: 1,
    ranges: [
      { low: 12.0, high: 15.5, sex: 'female', age: [18] },
      { low: 13.5, high: 17.5, sex: 'male', age: [18] },
      { low: 11.5, high: 15.5, age: [6, 17] },
      { low: 11.0, high: 14.0, age: [1, 5] },
    ],
    spread: 0.05,
  },
  hematocrit: {
    loinc: '4544-3',
    name: 'Hematocrit',
    unit: '%',
    decimals: 1,
    ranges: [
      { low: 36, high: 46, sex: 'female', age: [18] },
      { low: 41, high: 53, sex: 'male', age: [18] },
      { low: 35, high: 45, age: [1, 17] },
    ],
    spread: 0.04,
  },
  mcv: { loinc: '787-2', name: 'Mean corpuscular volume (MCV)', unit: 'fL', decimals: 0, ranges: [{ low: 80, high: 100 }], spread: 0.03 },
  platelets: { loinc: '777-3', name: 'Platelets', unit: '10*3/uL', decimals: 0, ranges: [{ low: 150, high: 400 }], spread: 0.15 },
  neutrophils: { loinc: '770-8', name: 'Neutrophils', unit: '%', decimals: 1, ranges: [{ low: 40, high: 70 }], spread: 0.08 },
  lymphocytes: { loinc: '736-9', name: 'Lymphocytes', unit: '%', decimals: 1, ranges: [{ low: 20, high: 40 }], spread: 0.12 },
  monocytes: { loinc: '5905-5', name: 'Monocytes', unit: '%', decimals: 1, ranges: [{ low: 2, high: 8 }], spread: 0.2 },
  eosinophils: { loinc: '713-8', name: 'Eosinophils', unit: '%', decimals: 1, ranges: [{ low: 1, high: 4 }], spread: 0.3 },
  basophils: { loinc: '706-2', name: 'Basophils', unit: '%', decimals: 1, ranges: [{ low: 0, high: 1 }], spread: 0.4 },
  cholesterol: { loinc: '2093-3', name: 'Total cholesterol', unit: 'mg/dL', decimals: 0, ranges: [{ high: 200 }], typical: 185, spread: 0.08 },
  ldl: { loinc: '13457-7', name: 'LDL cholesterol (calculated)', unit: 'mg/dL', decimals: 0, ranges: [{ high: 100 }], typical: 104, spread: 0.12 },
  hdl: {
    loinc: '2085-9',
    name: 'HDL cholesterol',
    unit: 'mg/dL',
    decimals: 0,
    ranges: [
      { low: 50, sex: 'female' },
      { low: 40, sex: 'male' },
    ],
    typical: 56,
    spread: 0.08,
  },
  triglycerides: { loinc: '2571-8', name: 'Triglycerides', unit: 'mg/dL', decimals: 0, ranges: [{ high: 150 }], typical: 118, spread: 0.18 },
  glucose: { loinc: '2345-7', name: 'Glucose', unit: 'mg/dL', decimals: 0, ranges: [{ low: 70, high: 99 }], spread: 0.07 },
  fingerstickGlucose: { loinc: '41653-7', name: 'Glucose (fingerstick, meter)', unit: 'mg/dL', decimals: 0, ranges: [{ low: 70, high: 99 }], spread: 0.07 },
  bun: { loinc: '3094-0', name: 'Urea nitrogen (BUN)', unit: 'mg/dL', decimals: 0, ranges: [{ low: 7, high: 20, age: [18] }, { low: 5, high: 18, age: [0, 17] }], spread: 0.15 },
  creatinine: {
    loinc: '2160-0',
    name: 'Creatinine',
    unit: 'mg/dL',
    decimals: 2,
    ranges: [
      { low: 0.59, high: 1.04, sex: 'female', age: [18] },
      { low: 0.74, high: 1.35, sex: 'male', age: [18] },
      { low: 0.3, high: 0.7, age: [1, 17] },
    ],
    spread: 0.08,
  },
  egfr: { loinc: '98979-8', name: 'Estimated GFR (eGFR)', unit: 'mL/min/{1.73_m2}', decimals: 0, ranges: [{ low: 60 }], typical: 94, spread: 0.05 },
  sodium: { loinc: '2951-2', name: 'Sodium', unit: 'mmol/L', decimals: 0, ranges: [{ low: 135, high: 145 }], spread: 0.01 },
  potassium: { loinc: '2823-3', name: 'Potassium', unit: 'mmol/L', decimals: 1, ranges: [{ low: 3.5, high: 5.1 }], spread: 0.06 },
  chloride: { loinc: '2075-0', name: 'Chloride', unit: 'mmol/L', decimals: 0, ranges: [{ low: 98, high: 107 }], spread: 0.015 },
  co2: { loinc: '2028-9', name: 'Carbon dioxide (CO2)', unit: 'mmol/L', decimals: 0, ranges: [{ low: 22, high: 29 }], spread: 0.05 },
  calcium: { loinc: '17861-6', name: 'Calcium', unit: 'mg/dL', decimals: 1, ranges: [{ low: 8.6, high: 10.3 }], spread: 0.03 },
  albumin: { loinc: '1751-7', name: 'Albumin', unit: 'g/dL', decimals: 1, ranges: [{ low: 3.5, high: 5.0 }], spread: 0.04 },
  alp: {
    loinc: '6768-6',
    name: 'Alkaline phosphatase (ALP)',
    unit: 'U/L',
    decimals: 0,
    ranges: [
      { low: 44, high: 147, age: [18] },
      { low: 100, high: 390, age: [0, 17] },
    ],
    spread: 0.12,
  },
  alt: { loinc: '1742-6', name: 'ALT', unit: 'U/L', decimals: 0, ranges: [{ low: 7, high: 56 }], typical: 24, spread: 0.2 },
  ast: { loinc: '1920-8', name: 'AST', unit: 'U/L', decimals: 0, ranges: [{ low: 10, high: 40 }], typical: 23, spread: 0.18 },
  bilirubin: { loinc: '1975-2', name: 'Total bilirubin', unit: 'mg/dL', decimals: 1, ranges: [{ low: 0.1, high: 1.2 }], spread: 0.25 },
  hba1c: {
    loinc: '4548-4',
    name: 'Hemoglobin A1c',
    unit: '%',
    decimals: 1,
    ranges: [{ low: 4.0, high: 5.6 }, { low: 5.7, high: 6.4, meaning: { code: 'treatment', text: 'Prediabetes' } }],
    typical: 5.5,
    spread: 0.03,
  },
  tsh: { loinc: '3016-3', name: 'Thyroid stimulating hormone (TSH)', unit: 'm[IU]/L', decimals: 2, ranges: [{ low: 0.45, high: 4.5 }], typical: 1.9, spread: 0.25 },
  freeT4: { loinc: '3024-7', name: 'Free T4', unit: 'ng/dL', decimals: 2, ranges: [{ low: 0.8, high: 1.8 }], spread: 0.1 },
  vitaminD: { loinc: '1989-3', name: '25-hydroxyvitamin D', unit: 'ng/mL', decimals: 0, ranges: [{ low: 30, high: 100 }], typical: 31, spread: 0.2 },
  ferritin: {
    loinc: '2276-4',
    name: 'Ferritin',
    unit: 'ng/mL',
    decimals: 0,
    ranges: [
      { low: 15, high: 150, sex: 'female' },
      { low: 30, high: 400, sex: 'male' },
    ],
    spread: 0.25,
  },
  specificGravity: { loinc: '5811-5', name: 'Specific gravity (urine)', unit: '{SG}', decimals: 3, ranges: [{ low: 1.005, high: 1.03 }], spread: 0.004 },
  urinePh: { loinc: '5803-2', name: 'pH (urine)', unit: '[pH]', decimals: 1, ranges: [{ low: 5.0, high: 8.0 }], typical: 6.2, spread: 0.08 },
} satisfies Record<string, NumericTest>;
type TestKey = keyof typeof TESTS;

const SEXES: Record<Sex, { code: string; display: string }> = {
  female: { code: '248152002', display: 'Female' },
  male: { code: '248153007', display: 'Male' },
};

function quantity(value: number, unit: string): Quantity {
  return { value, unit, system: UCUM, code: unit };
}

function referenceRange(spec: RangeSpec, unit: string): ObservationReferenceRange {
  const range: ObservationReferenceRange = {};
  if (spec.low !== undefined) range.low = quantity(spec.low, unit);
  if (spec.high !== undefined) range.high = quantity(spec.high, unit);
  if (spec.sex) range.appliesTo = [{ coding: [{ system: SNOMED, ...SEXES[spec.sex] }], text: SEXES[spec.sex].display }];
  if (spec.age) {
    const [low, high] = spec.age;
    range.age = { low: { value: low, unit: 'years', system: UCUM, code: 'a' }, ...(high !== undefined ? { high: { value: high, unit: 'years', system: UCUM, code: 'a' } } : {}) };
  }
  range.type = spec.meaning
    ? { coding: [{ system: RANGE_MEANING, code: spec.meaning.code }], text: spec.meaning.text }
    : { coding: [{ system: RANGE_MEANING, code: 'normal', display: 'Normal Range' }] };
  return range;
}

/** What the patient's own lab would judge by: the normal range for their sex and age (the most specific one). */
function rangeFor(test: NumericTest, patient: LabPatient, at: number): RangeSpec | undefined {
  const age = patient.birthDate ? (at - Date.parse(patient.birthDate)) / (365.25 * DAY_MS) : undefined;
  const fits = (spec: RangeSpec) =>
    !spec.meaning &&
    (!spec.sex || spec.sex === patient.gender) &&
    (!spec.age || (age !== undefined && age >= spec.age[0] && (spec.age[1] === undefined || age < spec.age[1] + 1)));
  const specificity = (spec: RangeSpec) => (spec.sex ? 1 : 0) + (spec.age ? 1 : 0);
  return test.ranges.filter(fits).sort((a, b) => specificity(b) - specificity(a))[0];
}

// ---------------------------------------------------------------------------------------------------
// Building blocks

type InterpretationCode = 'H' | 'L' | 'HH' | 'LL' | 'A' | 'N' | 'POS' | 'NEG';
/** A value given by hand: the number, its interpretation (none: as the lab would judge it; false: none sent), more fields. */
type Given = readonly [number, (InterpretationCode | false)?, Partial<Observation>?];
type GivenValues = Partial<Record<TestKey, Given>>;
/**
 * More of a report: `order`, the clinician whose order (a ServiceRequest) the report is based on;
 * `orderedBy`, a clinician named only in `basedOn.display` (the order is not on this server).
 */
type ReportExtras = Omit<Partial<DiagnosticReport>, 'performer' | 'specimen'> & { order?: Clinician; orderedBy?: string; lab?: string; specimenName?: string };
const INTERPRETATION_DISPLAY: Record<InterpretationCode, string> = {
  H: 'High',
  L: 'Low',
  HH: 'Critical high',
  LL: 'Critical low',
  A: 'Abnormal',
  N: 'Normal',
  POS: 'Positive',
  NEG: 'Negative',
};

function interpretation(code: InterpretationCode): CodeableConcept[] {
  return [{ coding: [{ system: V3_INTERPRETATION, code, display: INTERPRETATION_DISPLAY[code] }] }];
}

function concept(system: string, code: string, display: string, text = display): CodeableConcept {
  return { coding: [{ system, code, display }], text };
}

const LAB_CATEGORY = [{ coding: [{ system: V2_0074, code: 'LAB', display: 'Laboratory' }] }];
const RAD_CATEGORY = [{ coding: [{ system: V2_0074, code: 'RAD', display: 'Radiology' }] }];
const OBSERVATION_LAB = [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'laboratory', display: 'Laboratory' }] }];

const LABS = { riverside: 'Riverside Clinical Laboratory', hilltop: 'Hilltop Reference Laboratory', imaging: 'Hilltop Imaging', clinic: 'Riverside Family Clinic' } as const;
/** The clinicians who order tests; the same people (and Practitioner ids) as the scheduling clinic's. */
const CLINICIANS = { chen: 'Dr. Mei Chen', osei: 'Dr. Kwame Osei', alvarez: 'Sofía Alvarez, NP' } as const;
type Clinician = keyof typeof CLINICIANS;
const SPECIMENS = { blood: 'Blood, venous (EDTA tube)', serum: 'Serum', urine: 'Urine, clean catch', capillary: 'Blood, capillary (fingerstick)', throat: 'Throat swab' } as const;
/** Orders are placed at the visit, this long before the sample is drawn. */
const ORDER_LEAD_MS = 2 * 3_600_000;
/** Report statuses of tests still being done: their order is still active. */
const UNFINISHED_REPORT_STATUSES = new Set<DiagnosticReport['status']>(['registered', 'partial', 'preliminary']);

interface LabPatient {
  id: string;
  gender?: string;
  birthDate?: string;
}

/** A small seeded generator (mulberry32), so the "random" history is the same on every load. */
function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The builder of one patient's record: adds reports, their results, orders and PDFs. */
class RecordBuilder {
  readonly reports: DiagnosticReport[] = [];
  readonly observations = new Map<string, Observation>();
  readonly serviceRequests = new Map<string, ServiceRequest>();
  readonly documentReferences = new Map<string, DocumentReference>();
  readonly binaries: LabRecord['binaries'] = new Map();
  private readonly random: () => number;

  constructor(
    readonly patient: LabPatient,
    readonly now: number,
  ) {
    this.random = seededRandom(patient.id);
  }

  get subject() {
    return { reference: `Patient/${this.patient.id}` };
  }

  /** A collection time `days` before today, in the morning (UTC), `minutes` apart for reports drawn together. */
  collectedAt(days: number, minutes = 0): string {
    const today = new Date(this.now);
    return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, 13, 20 + minutes)).toISOString();
  }

  /** A time `hours` before now. */
  hoursAgo(hours: number): string {
    return new Date(this.now - hours * 3_600_000).toISOString();
  }

  /** A value near the middle of the patient's range (or `typical`), `shift` spreads away from it. */
  valueOf(key: TestKey, at: number, shift = 0): number {
    const test: NumericTest = TESTS[key];
    const range = rangeFor(test, this.patient, at);
    const middle = test.typical ?? (range?.low !== undefined && range.high !== undefined ? (range.low + range.high) / 2 : (range?.low ?? range?.high ?? 1));
    return roundTo(middle * (1 + (this.jitter(1) + shift) * test.spread), test.decimals);
  }

  /** A number between -scale and scale, most often near 0. */
  jitter(scale: number): number {
    return ((this.random() + this.random() + this.random()) / 1.5 - 1) * scale;
  }

  /** H, L or N for a value against the patient's own range, as their lab would flag it. */
  flagOf(key: TestKey, value: number, at: number): InterpretationCode {
    const range = rangeFor(TESTS[key], this.patient, at);
    if (range?.high !== undefined && value > range.high) return 'H';
    if (range?.low !== undefined && value < range.low) return 'L';
    return 'N';
  }

  numeric(
    id: string,
    key: TestKey,
    at: string,
    value: number,
    more: Partial<Observation> & { flag?: InterpretationCode | false; specimenName?: string; lab?: string } = {},
  ): Observation {
    const test: NumericTest = TESTS[key];
    const { flag, specimenName, lab, ...rest } = more;
    const code = flag === undefined ? this.flagOf(key, value, Date.parse(at)) : flag;
    return this.add({
      resourceType: 'Observation',
      id,
      status: 'final',
      category: OBSERVATION_LAB,
      code: concept(LOINC, test.loinc, test.name),
      subject: this.subject,
      effectiveDateTime: at,
      issued: this.issuedAfter(at, 5),
      performer: [{ display: lab ?? LABS.riverside }],
      valueQuantity: quantity(value, test.unit),
      ...(code ? { interpretation: interpretation(code) } : {}),
      referenceRange: test.ranges.map((spec) => referenceRange(spec, test.unit)),
      ...(specimenName ? { specimen: { display: specimenName } } : {}),
      ...rest,
    });
  }

  qualitative(id: string, loinc: string, name: string, at: string, value: Pick<Observation, 'valueCodeableConcept' | 'valueString'>, more: Partial<Observation> = {}): Observation {
    return this.add({
      resourceType: 'Observation',
      id,
      status: 'final',
      category: OBSERVATION_LAB,
      code: concept(LOINC, loinc, name),
      subject: this.subject,
      effectiveDateTime: at,
      issued: this.issuedAfter(at, 5),
      performer: [{ display: LABS.riverside }],
      specimen: { display: SPECIMENS.urine },
      ...value,
      ...more,
    });
  }

  panel(id: string, loinc: string, name: string, at: string, members: Observation[], more: Partial<Observation> = {}): Observation {
    return this.add({
      resourceType: 'Observation',
      id,
      status: 'final',
      category: OBSERVATION_LAB,
      code: concept(LOINC, loinc, name),
      subject: this.subject,
      effectiveDateTime: at,
      issued: this.issuedAfter(at, 5),
      performer: [{ display: LABS.riverside }],
      hasMember: members.map((m) => ({ reference: `Observation/${m.id}`, display: m.code.text })),
      ...more,
    });
  }

  report(
    id: string,
    code: CodeableConcept,
    at: string,
    results: Observation[],
    more: ReportExtras = {},
  ): DiagnosticReport {
    const { order, orderedBy, lab, specimenName, ...rest } = more;
    const basedOn = order
      ? [{ reference: `ServiceRequest/${this.serviceRequest(`${id}-order`, order, code, at, rest.status ?? 'final').id}` }]
      : orderedBy
        ? [{ reference: `ServiceRequest/${id}-order`, display: orderedBy }]
        : undefined;
    const report: DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id,
      meta: { versionId: '1', lastUpdated: this.issuedAfter(at, 5) },
      status: 'final',
      category: LAB_CATEGORY,
      code,
      subject: this.subject,
      effectiveDateTime: at,
      issued: this.issuedAfter(at, 5),
      ...(basedOn ? { basedOn } : {}),
      performer: [{ display: lab ?? LABS.riverside }],
      ...(specimenName ? { specimen: [{ reference: `Specimen/${id}-specimen`, display: specimenName }] } : {}),
      result: results.map((o) => ({ reference: `Observation/${o.id}`, display: o.code.text })),
      ...rest,
    };
    this.reports.push(report);
    return report;
  }

  /**
   * A small PDF of `report` filed as a document (a DocumentReference whose `context.related` points at
   * the report) rather than carried in the report; the PDF itself is served as `Binary/{id}-pdf`.
   */
  documentPdf(id: string, report: DiagnosticReport, title: string, lines: string[], at: string, more: Partial<DocumentReference> = {}): DocumentReference {
    const attachment = this.binaryPdf(`${id}-pdf`, title, lines, at);
    const document: DocumentReference = {
      resourceType: 'DocumentReference',
      id,
      status: 'current',
      docStatus: 'final',
      type: concept(LOINC, '11502-2', 'Laboratory report'),
      subject: this.subject,
      date: attachment.creation,
      description: title,
      content: [{ attachment }],
      context: { related: [{ reference: `DiagnosticReport/${report.id}` }] },
      ...more,
    };
    this.documentReferences.set(id, document);
    return document;
  }

  /** A small PDF of a report, served as `Binary/{id}`; returns the attachment that points at it. */
  binaryPdf(id: string, title: string, lines: string[], at: string): Attachment {
    const bytes = pdfBytes(title, lines);
    this.binaries.set(id, { contentType: 'application/pdf', bytes });
    return { contentType: 'application/pdf', url: `Binary/${id}`, title: `${title}.pdf`, size: bytes.length, creation: this.issuedAfter(at, 5) };
  }

  /** The same, carried inline in the report (`presentedForm.data`). */
  inlinePdf(title: string, lines: string[], at: string): Attachment {
    const bytes = pdfBytes(title, lines);
    return { contentType: 'application/pdf', data: btoa(String.fromCharCode(...bytes)), title: `${title}.pdf`, size: bytes.length, creation: this.issuedAfter(at, 5) };
  }

  issuedAfter(at: string, hours: number): string {
    return new Date(Math.min(Date.parse(at) + hours * 3_600_000, this.now)).toISOString();
  }

  /** The order of a report's tests, placed by `clinician` shortly before the sample was drawn. */
  private serviceRequest(id: string, clinician: Clinician, code: CodeableConcept, at: string, reportStatus: DiagnosticReport['status']): ServiceRequest {
    const request: ServiceRequest = {
      resourceType: 'ServiceRequest',
      id,
      status: UNFINISHED_REPORT_STATUSES.has(reportStatus) ? 'active' : 'completed',
      intent: 'order',
      code,
      subject: this.subject,
      authoredOn: new Date(Date.parse(at) - ORDER_LEAD_MS).toISOString(),
      requester: { reference: `Practitioner/${CLINICIAN_IDS[clinician]}`, display: CLINICIANS[clinician] },
    };
    this.serviceRequests.set(id, request);
    return request;
  }

  private add(observation: Observation): Observation {
    this.observations.set(observation.id!, observation);
    return observation;
  }
}

/** The lines of a results PDF: one per numeric result. */
function pdfLines(results: Observation[]): string[] {
  return results
    .filter((o) => o.valueQuantity)
    .map((o) => {
      const range = o.referenceRange?.[0];
      const bounds = [range?.low?.value, range?.high?.value].map((v) => (v === undefined ? '' : String(v))).join(' - ');
      const flag = o.interpretation?.[0]?.coding?.[0]?.code;
      return `${o.code.text}: ${o.valueQuantity!.value} ${o.valueQuantity!.unit ?? ''}   (${bounds})${flag && flag !== 'N' ? `  ${flag}` : ''}`;
    });
}

/** A one-page PDF with a title and lines of text (Helvetica, ASCII only). */
function pdfBytes(title: string, lines: string[]): Uint8Array<ArrayBuffer> {
  const ascii = (text: string) => text.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 16 Tf 56 760 Td (${ascii(title)}) Tj ET`, `BT /F1 9 Tf 56 742 Td (Synthetic demo report - not a real person or lab) Tj ET`]
    .concat(lines.slice(0, 50).map((line, i) => `BT /F1 10 Tf 56 ${712 - i * 14} Td (${ascii(line)}) Tj ET`))
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(pdf, (c) => c.charCodeAt(0));
}

// ---------------------------------------------------------------------------------------------------
// Reports

function cbc(b: RecordBuilder, id: string, at: string, values: GivenValues = {}, more: ReportExtras = {}): DiagnosticReport {
  const t = Date.parse(at);
  const result = (key: TestKey) => {
    const [value, flag, extra] = values[key] ?? [b.valueOf(key, t)];
    return b.numeric(`${id}-${key}`, key, at, value, { flag, specimenName: SPECIMENS.blood, ...extra });
  };
  const differential = b.panel(`${id}-diff`, '57023-4', 'White cell differential', at, [
    result('neutrophils'),
    result('lymphocytes'),
    result('monocytes'),
    result('eosinophils'),
    result('basophils'),
    b.qualitative(`${id}-atypical`, '735-1', 'Atypical lymphocytes', at, {}, {
      specimen: { display: SPECIMENS.blood },
      dataAbsentReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'not-performed', display: 'Not Performed' }], text: 'Not performed' },
    }),
  ]);
  const panel = b.panel(`${id}-panel`, '57021-8', 'Complete blood count (CBC) with differential', at, [
    result('wbc'),
    result('rbc'),
    result('hemoglobin'),
    result('hematocrit'),
    result('mcv'),
    result('platelets'),
    differential,
  ]);
  return b.report(id, concept(LOINC, '57021-8', 'CBC W Auto Differential panel - Blood', 'Complete blood count (CBC)'), at, [panel], { specimenName: SPECIMENS.blood, ...more });
}

function lipids(b: RecordBuilder, id: string, at: string, values: GivenValues = {}, more: ReportExtras = {}): DiagnosticReport {
  const t = Date.parse(at);
  const results = (['cholesterol', 'ldl', 'hdl', 'triglycerides'] as const).map((key) => {
    const [value, flag, extra] = values[key] ?? [b.valueOf(key, t)];
    return b.numeric(`${id}-${key}`, key, at, value, { flag, specimenName: SPECIMENS.serum, ...extra });
  });
  return b.report(id, concept(LOINC, '57698-3', 'Lipid panel with direct LDL - Serum or Plasma', 'Lipid panel'), at, results, { specimenName: SPECIMENS.serum, ...more });
}

const CMP_TESTS = ['glucose', 'bun', 'creatinine', 'egfr', 'sodium', 'potassium', 'chloride', 'co2', 'calcium', 'albumin', 'alp', 'alt', 'ast', 'bilirubin'] as const;
const BMP_TESTS = ['glucose', 'bun', 'creatinine', 'sodium', 'potassium', 'chloride', 'co2', 'calcium'] as const;

function chemistry(
  b: RecordBuilder,
  kind: 'cmp' | 'bmp',
  id: string,
  at: string,
  values: GivenValues = {},
  more: ReportExtras = {},
): DiagnosticReport {
  const t = Date.parse(at);
  const results = (kind === 'cmp' ? CMP_TESTS : BMP_TESTS).map((key) => {
    const [value, flag, extra] = values[key] ?? [b.valueOf(key, t)];
    return b.numeric(`${id}-${key}`, key, at, value, { flag, specimenName: SPECIMENS.serum, ...extra });
  });
  const code = kind === 'cmp' ? concept(LOINC, '24323-8', 'Comprehensive metabolic 2000 panel - Serum or Plasma', 'Comprehensive metabolic panel (CMP)') : concept(LOINC, '51990-0', 'Basic metabolic panel - Blood', 'Basic metabolic panel (BMP)');
  return b.report(id, code, at, results, { specimenName: SPECIMENS.serum, ...more });
}

function single(b: RecordBuilder, key: TestKey, id: string, at: string, value: number, more: { flag?: InterpretationCode | false } & Pick<ReportExtras, 'order' | 'orderedBy'> = {}): DiagnosticReport {
  const test: NumericTest = TESTS[key];
  const result = b.numeric(`${id}-${key}`, key, at, value, { flag: more.flag, specimenName: key === 'hba1c' ? SPECIMENS.blood : SPECIMENS.serum });
  return b.report(id, concept(LOINC, test.loinc, test.name), at, [result], { order: more.order, orderedBy: more.orderedBy, specimenName: result.specimen?.display });
}

function urinalysis(b: RecordBuilder, id: string, at: string, abnormal: boolean, more: ReportExtras = {}): DiagnosticReport {
  const answer = (code: string, display: string) => ({ valueCodeableConcept: concept(ANSWERS, code, display) });
  const t = Date.parse(at);
  const results = [
    b.qualitative(`${id}-color`, '5778-6', 'Color (urine)', at, answer('yellow', 'Yellow'), { referenceRange: [{ text: 'Yellow' }] }),
    b.qualitative(`${id}-appearance`, '5767-9', 'Appearance (urine)', at, answer(abnormal ? 'cloudy' : 'clear', abnormal ? 'Cloudy' : 'Clear'), {
      referenceRange: [{ text: 'Clear' }],
      ...(abnormal ? { interpretation: interpretation('A') } : {}),
    }),
    b.numeric(`${id}-sg`, 'specificGravity', at, abnormal ? 1.024 : b.valueOf('specificGravity', t), { specimenName: SPECIMENS.urine }),
    b.numeric(`${id}-ph`, 'urinePh', at, abnormal ? 6.5 : b.valueOf('urinePh', t), { specimenName: SPECIMENS.urine }),
    b.qualitative(`${id}-glucose`, '5792-7', 'Glucose (urine)', at, answer('negative', 'Negative'), { referenceRange: [{ text: 'Negative' }], interpretation: interpretation('NEG') }),
    b.qualitative(`${id}-protein`, '20454-5', 'Protein (urine)', at, { valueString: abnormal ? 'Trace (about 15 mg/dL)' : 'Negative' }, {
      referenceRange: [{ text: 'Negative' }],
      ...(abnormal ? { interpretation: interpretation('A') } : {}),
    }),
    b.qualitative(`${id}-ketones`, '2514-8', 'Ketones (urine)', at, answer('negative', 'Negative'), { referenceRange: [{ text: 'Negative' }] }),
    b.qualitative(`${id}-nitrite`, '5802-4', 'Nitrite (urine)', at, answer(abnormal ? 'positive' : 'negative', abnormal ? 'Positive' : 'Negative'), {
      referenceRange: [{ text: 'Negative' }],
      interpretation: interpretation(abnormal ? 'POS' : 'NEG'),
    }),
    b.qualitative(`${id}-leukocytes`, '5799-2', 'Leukocyte esterase (urine)', at, answer(abnormal ? 'moderate' : 'negative', abnormal ? 'Moderate (2+)' : 'Negative'), {
      referenceRange: [{ text: 'Negative' }],
      ...(abnormal ? { interpretation: interpretation('A') } : {}),
    }),
    b.qualitative(`${id}-wbc`, '5821-4', 'White blood cells (urine, microscopy)', at, { valueString: abnormal ? '10–20 /hpf' : '0–2 /hpf' }, {
      referenceRange: [{ text: '0–5 /hpf' }],
      ...(abnormal ? { interpretation: interpretation('H') } : {}),
    }),
  ];
  return b.report(id, concept(LOINC, '24357-6', 'Urinalysis macro (dipstick) panel - Urine', 'Urinalysis'), at, results, { specimenName: SPECIMENS.urine, ...more });
}

/** The reports of the last two months, written out so stories can count on what they show. */
function recentReports(b: RecordBuilder, options: LabRecordOptions): void {
  const id = (kind: LabReportKind) => labReportId(b.patient.id, kind);

  if (options.critical) {
    const at = b.hoursAgo(3);
    chemistry(
      b,
      'bmp',
      id('critical'),
      at,
      {
        potassium: [6.8, 'HH', { note: [{ text: 'Critical value called to Dr. Mei Chen at 08:14 and read back. Sample not hemolyzed.' }] }],
        glucose: [41, 'LL'],
        sodium: [128, 'L'],
        creatinine: [2.1, 'H'],
        bun: [38, 'H'],
      },
      { order: 'chen', issued: b.issuedAfter(at, 1), conclusion: 'Critical potassium and glucose. Your care team has been told and will contact you today.' },
    );
  }

  // Yesterday's check-up: CBC, lipids and A1c drawn together.
  const checkUp = b.collectedAt(1);
  // Hemoglobin and hematocrit are low for an adult woman (her range), normal for a child; the lab judges by the patient's range.
  const cbcResults: GivenValues = { wbc: [11.8, 'H'], hemoglobin: [b.patient.gender === 'male' ? 12.9 : 11.4], hematocrit: [b.patient.gender === 'male' ? 39.0 : 35.1], neutrophils: [72.4, 'H'] };
  const cbcReport = cbc(b, id('cbc'), b.collectedAt(1, 2), cbcResults, { order: 'chen' });
  cbcReport.presentedForm = [b.binaryPdf(`${id('cbc')}-pdf`, 'Complete blood count', pdfLines([...b.observations.values()].filter((o) => o.id?.startsWith(id('cbc')))), checkUp)];

  const lipidReport = lipids(
    b,
    id('lipids'),
    b.collectedAt(1, 1),
    { cholesterol: [236, 'H'], ldl: [152], hdl: [b.patient.gender === 'male' ? 44 : 48], triglycerides: [181, 'H'] },
    { order: 'chen', conclusion: 'Fasting sample (12 hours). LDL above the goal your clinician set; see the note on the result.' },
  );
  // An interpretation with words only, no code: the element shows the server's text as it is.
  const ldl = b.observations.get(`${id('lipids')}-ldl`)!;
  ldl.interpretation = [{ text: 'Above your goal of 100 mg/dL' }];
  ldl.note = [{ text: 'Goal set by Dr. Mei Chen: below 100 mg/dL. We will talk about options at your next visit.' }];
  b.observations.get(`${id('lipids')}-triglycerides`)!.note = [{ text: 'Patient reported fasting for 12 hours.' }];
  lipidReport.presentedForm = [b.inlinePdf('Lipid panel', pdfLines(lipidReport.result!.map((r) => b.observations.get(r.reference!.split('/')[1]!)!)), checkUp)];

  single(b, 'hba1c', id('hba1c'), checkUp, 6.1, { flag: 'H', order: 'chen' });

  // A culture started two days ago: preliminary until the organism is named.
  const cultureAt = b.collectedAt(2);
  const culture = b.qualitative(`${id('culture')}-growth`, '630-4', 'Bacteria identified in urine culture', cultureAt, {
    valueString: 'More than 100,000 CFU/mL of a gram-negative rod. Identification and antibiotic sensitivities to follow.',
  }, { status: 'preliminary', issued: b.issuedAfter(cultureAt, 26), interpretation: interpretation('A'), referenceRange: [{ text: 'No growth' }] });
  b.report(id('culture'), concept(LOINC, '630-4', 'Bacteria identified in Urine by Culture', 'Urine culture'), cultureAt, [culture], {
    status: 'preliminary',
    issued: b.issuedAfter(cultureAt, 26),
    order: 'alvarez',
    lab: LABS.hilltop,
    specimenName: SPECIMENS.urine,
    conclusion: 'Preliminary: final report expected in 1–2 days.',
  });

  // A month ago: potassium first reported high from a hemolyzed sample, then corrected.
  const cmpAt = b.collectedAt(31);
  const cmp = chemistry(
    b,
    'cmp',
    id('cmp'),
    cmpAt,
    {
      glucose: [104, 'H'],
      alt: [61, 'H'],
      potassium: [4.3, 'N', { status: 'corrected', note: [{ text: 'Corrected result. The first value (5.9 mmol/L) came from a hemolyzed sample; a new sample was drawn and measured.' }] }],
    },
    {
      status: 'corrected',
      meta: { versionId: '2', lastUpdated: b.issuedAfter(cmpAt, 50) },
      issued: b.issuedAfter(cmpAt, 50),
      order: 'osei',
      conclusion: 'Corrected report: potassium re-measured on a new sample (first result 5.9 mmol/L was from a hemolyzed sample).',
    },
  );
  // Its PDF is filed as a document, not carried in the report: the first one (potassium as first
  // reported) superseded by the corrected one, so only the corrected one is offered.
  const cmpResults = cmp.result!.map((r) => b.observations.get(r.reference!.split('/')[1]!)!);
  const firstReported = cmpResults.map((o) => (o.id === `${id('cmp')}-potassium` ? { ...o, valueQuantity: quantity(5.9, 'mmol/L'), interpretation: interpretation('H') } : o));
  const firstDocument = b.documentPdf(`${id('cmp')}-document-1`, cmp, 'Comprehensive metabolic panel', pdfLines(firstReported), cmpAt, { status: 'superseded' });
  // The corrected PDF was made with the corrected report, 50 hours after collection (a PDF is dated 5 hours after `at`).
  b.documentPdf(`${id('cmp')}-document-2`, cmp, 'Comprehensive metabolic panel (corrected)', pdfLines(cmpResults), b.issuedAfter(cmpAt, 45), {
    relatesTo: [{ code: 'replaces', target: { reference: `DocumentReference/${firstDocument.id}` } }],
  });

  // Two months ago: TSH low, then the report was amended to add free T4.
  const thyroidAt = b.collectedAt(62);
  const tsh = b.numeric(`${id('thyroid')}-tsh`, 'tsh', thyroidAt, 0.21, { flag: 'L', specimenName: SPECIMENS.serum });
  const ft4 = b.numeric(`${id('thyroid')}-ft4`, 'freeT4', thyroidAt, 1.94, { flag: 'H', specimenName: SPECIMENS.serum, issued: b.issuedAfter(thyroidAt, 30), note: [{ text: 'Added on request of Dr. Kwame Osei (reflex test on the same sample).' }] });
  b.report(id('thyroid'), { text: 'Thyroid tests (TSH, free T4)', coding: [{ system: LOINC, code: '3016-3', display: 'TSH' }] }, thyroidAt, [tsh, ft4], {
    status: 'amended',
    meta: { versionId: '2', lastUpdated: b.issuedAfter(thyroidAt, 30) },
    issued: b.issuedAfter(thyroidAt, 30),
    order: 'osei',
    specimenName: SPECIMENS.serum,
    conclusion: 'Amended: free T4 added to the original TSH report.',
  });

  urinalysis(b, id('urinalysis'), b.collectedAt(62, 3), true, { order: 'alvarez' });

  b.report(id('chestXray'), concept(LOINC, '36643-5', 'XR Chest 2 Views', 'Chest X-ray, 2 views'), b.collectedAt(45), [], {
    category: RAD_CATEGORY,
    order: 'osei',
    lab: LABS.imaging,
    conclusion: 'No acute findings in the heart or lungs.',
  });
}

/**
 * Tests done in the clinic during a visit (a fingerstick glucose, a rapid strep test): results of
 * their own, in no report, dated between the recent reports.
 */
function pointOfCareResults(b: RecordBuilder): void {
  const note = [{ text: 'Point-of-care test done in clinic.' }];
  const glucoseAt = b.collectedAt(20);
  b.numeric(pointOfCareResultId(b.patient.id, 'glucose'), 'fingerstickGlucose', glucoseAt, 128, {
    flag: 'H',
    lab: LABS.clinic,
    specimenName: SPECIMENS.capillary,
    issued: b.issuedAfter(glucoseAt, 0.25),
    note,
  });
  const strepAt = b.collectedAt(40);
  b.qualitative(pointOfCareResultId(b.patient.id, 'strep'), '78012-2', 'Strep A rapid test (throat)', strepAt, { valueCodeableConcept: concept(ANSWERS, 'negative', 'Negative') }, {
    issued: b.issuedAfter(strepAt, 0.25),
    performer: [{ display: LABS.clinic }],
    specimen: { display: SPECIMENS.throat },
    referenceRange: [{ text: 'Negative' }],
    interpretation: interpretation('NEG'),
    note,
  });
}

/** Ten and a half years of routine check-ups before the recent reports: A1c every quarter, the rest yearly. */
function routineHistory(b: RecordBuilder): void {
  const firstDay = b.patient.birthDate ? (b.now - Date.parse(b.patient.birthDate)) / DAY_MS - 365 : Infinity;
  for (let quarter = 1; quarter <= 42; quarter++) {
    const days = quarter * 91 + 2;
    if (days > firstDay) break;
    const at = b.collectedAt(days);
    const t = Date.parse(at);
    const id = (kind: string) => `${b.patient.id}-${kind}-q${quarter}`;
    // A1c crept up over the years, with a bad spell around four years ago.
    const years = days / 365.25;
    const spike = Math.max(0, 0.55 - Math.abs(years - 4.2) * 0.5);
    // Results from the old lab system (more than six years ago) came without interpretations.
    const old = years > 6;
    const judged = (keys: readonly TestKey[]) => (old ? valuesWithoutFlags(b, keys, t) : {});
    single(b, 'hba1c', id('hba1c'), at, roundTo(5.95 - years * 0.06 + spike + b.jitter(0.12), 1), { orderedBy: CLINICIANS.chen, flag: old ? false : undefined });
    if (quarter % 4 === 0) {
      cbc(b, id('cbc'), b.collectedAt(days, 2), judged(['wbc', 'rbc', 'hemoglobin', 'hematocrit', 'mcv', 'platelets', 'neutrophils', 'lymphocytes', 'monocytes', 'eosinophils', 'basophils']), { orderedBy: CLINICIANS.chen });
      lipids(b, id('lipids'), b.collectedAt(days, 1), judged(['cholesterol', 'ldl', 'hdl', 'triglycerides']), { orderedBy: CLINICIANS.chen });
      chemistry(b, 'cmp', id('cmp'), b.collectedAt(days, 3), judged(CMP_TESTS), { orderedBy: CLINICIANS.chen });
    }
    if (quarter % 8 === 2) {
      single(b, 'tsh', id('tsh'), b.collectedAt(days, 4), b.valueOf('tsh', t), { orderedBy: CLINICIANS.osei, flag: old ? false : undefined });
      urinalysis(b, id('urinalysis'), b.collectedAt(days, 5), false, { orderedBy: CLINICIANS.chen });
    }
  }
}

/** Generated values with no interpretation at all: the element judges them against the range itself. */
function valuesWithoutFlags(b: RecordBuilder, keys: readonly TestKey[], at: number): GivenValues {
  return Object.fromEntries(keys.map((key): [TestKey, Given] => [key, [b.valueOf(key, at), false]]));
}

/** 600 reports over ten and a half years (every six or seven days), rotating through the usual tests. */
function longHistory(b: RecordBuilder, total: number): void {
  const rotation = ['hba1c', 'cbc', 'cmp', 'lipids', 'tsh', 'vitaminD', 'urinalysis', 'ferritin', 'bmp'] as const;
  const span = 10.5 * 365.25;
  for (let n = 0; n < total; n++) {
    const days = 70 + Math.round((n * (span - 70)) / total);
    const at = b.collectedAt(days, n % 7);
    const t = Date.parse(at);
    const id = `${b.patient.id}-long-${n}`;
    const kind = rotation[n % rotation.length]!;
    const orderedBy = [CLINICIANS.chen, CLINICIANS.osei, CLINICIANS.alvarez][n % 3];
    if (kind === 'cbc') cbc(b, id, at, {}, { orderedBy });
    else if (kind === 'cmp' || kind === 'bmp') chemistry(b, kind, id, at, {}, { orderedBy });
    else if (kind === 'lipids') lipids(b, id, at, {}, { orderedBy });
    else if (kind === 'urinalysis') urinalysis(b, id, at, n % 4 === 0, { orderedBy });
    else single(b, kind, id, at, b.valueOf(kind, t, kind === 'hba1c' ? 0.5 : 0), { orderedBy });
  }
}

function patientFor(patientId: string): LabPatient {
  const known = DEMO_RESOURCES.find((r): r is Patient => r.resourceType === 'Patient' && r.id === patientId);
  return { id: patientId, gender: known?.gender, birthDate: known?.birthDate };
}

/** The record of one patient (deterministic for the patient id and the day). */
export function buildLabRecord(patientId: string, options: LabRecordOptions = {}, now = Date.now()): LabRecord {
  const b = new RecordBuilder(patientFor(patientId), now);
  const history = options.history ?? 'standard';
  if (history !== 'none') {
    recentReports(b, options);
    pointOfCareResults(b);
    if (history === 'long') longHistory(b, 600 - b.reports.filter((r) => r.category === LAB_CATEGORY).length);
    else routineHistory(b);
  }
  const at = (r: DiagnosticReport) => Date.parse(r.effectiveDateTime ?? '') || 0;
  // Newest first; reports drawn together keep the order they were written in.
  const reports = b.reports.map((report, index) => ({ report, index })).sort((x, y) => at(y.report) - at(x.report) || x.index - y.index).map((x) => x.report);
  return { reports, observations: b.observations, serviceRequests: b.serviceRequests, documentReferences: b.documentReferences, binaries: b.binaries };
}
