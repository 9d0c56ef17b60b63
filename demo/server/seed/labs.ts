/**
 * Lab histories of the demo patients: Maria's years of diabetes monitoring (A1c 8.9 → 6.8 with a
 * rebound, LDL falling on a statin, one critical potassium, one critically low glucose), James's
 * yearly physical labs (one amended report), Leo's paediatric ranges, Aisha's anemia recovering,
 * and a few point-of-care tests done in clinic that belong to no report.
 */
import type { CodeableConcept, Observation, Resource } from 'fhir/r4';
import { addDays, ageOn, dayOfWeek, isClinicHoliday, isoDate, type LocalDate } from './calendar.js';
import type { IdAllocator } from './ids.js';
import {
  RESULT_CODES,
  analyte,
  analyteName,
  applicableRange,
  interpretQuantity,
  interpretationConcept,
  isSameCoded,
  referenceRangeFor,
  type PanelKey,
} from './lab-catalog.js';
import { buildLabDraw, type LabDraw, type ResultValue } from './lab-reports.js';
import { fullName, type PatientProfile } from './patients.js';
import type { Random } from './random.js';
import { ref } from './references.js';
import type { Visit } from './scheduling.js';
import { SYSTEM, coding, loinc, ucum } from './terminology.js';

export interface LabContext {
  readonly today: LocalDate;
  readonly profiles: readonly PatientProfile[];
  readonly visits: readonly Visit[];
  readonly ids: IdAllocator;
  readonly random: Random;
}

/** The lab is open on weekdays: a draw planned for a weekend or holiday happens the day before. */
export function labDay(date: LocalDate): LocalDate {
  let d = date;
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6 || isClinicHoliday(d)) d = addDays(d, -1);
  return d;
}

/** The first lab day on or after a date. */
function nextLabDay(date: LocalDate): LocalDate {
  let d = date;
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6 || isClinicHoliday(d)) d = addDays(d, 1);
  return d;
}

const MARIA_A1C = [8.9, 8.8, 8.6, 8.3, 8.0, 7.8, 7.6, 7.4, 7.3, 7.1, 7.0, 7.2, 7.6, 7.9, 7.7, 7.4, 7.2, 7.0, 6.9, 6.8];
const MARIA_LDL = [168, 161, 142, 126, 118, 109, 112, 101, 94, 88];
const MARIA_HDL = [44, 45, 47, 48, 49, 51, 50, 52, 53, 54];
const MARIA_TRIG = [228, 214, 196, 181, 170, 158, 162, 149, 141, 132];

const MARIA_BASELINES = {
  bun: 15, creat: 0.82, egfr: 86, na: 139, k: 4.3, cl: 102, co2: 25, ca: 9.5,
  wbc: 7.2, rbc: 4.5, hgb: 13.2, hct: 39.6, mcv: 88, plt: 252, tsh: 2.1, 'ua-ph': 6.0, 'ua-sg': 1.018,
};

function glucoseFromA1c(a1c: number, random: Random): number {
  // Estimated average glucose (ADAG): 28.7 × A1c − 46.7, scattered a little for a fasting draw.
  return Math.round(28.7 * a1c - 46.7 + random.normal(0, 8));
}

function mariaDraws(p: PatientProfile, today: LocalDate, random: Random): LabDraw[] {
  const draws: LabDraw[] = [];
  const count = MARIA_A1C.length;
  for (let k = 0; k < count; k++) {
    const date = labDay(addDays(today, -5 - (count - 1 - k) * 91));
    const panels: PanelKey[] = ['a1c', 'bmp'];
    const values: Record<string, ResultValue> = { a1c: MARIA_A1C[k]!, glucose: glucoseFromA1c(MARIA_A1C[k]!, random) };
    if (k % 2 === 1) {
      const i = (k - 1) / 2;
      panels.push('lipid');
      values.ldl = MARIA_LDL[i]!;
      values.hdl = MARIA_HDL[i]!;
      values.trig = MARIA_TRIG[i]!;
      values.chol = Math.round(MARIA_LDL[i]! + MARIA_HDL[i]! + MARIA_TRIG[i]! / 5);
    }
    if (k % 4 === 3) panels.push('cbc', 'ua');
    if (k % 8 === 3) panels.push('tsh');
    if (k === 3 || k === 7) values['ua-glucose'] = { coding: RESULT_CODES.positive.coding, text: '2+ (250 mg/dL)' };
    if (k === 11) values['ua-protein'] = RESULT_CODES.trace;

    let extra: Partial<LabDraw> = {};
    if (k === 10) {
      values.glucose = 48;
      extra = {
        notes: { glucose: 'Critical value called to Dr. Chen at 10:05 and read back. Patient reported taking insulin and skipping dinner.' },
        conclusions: { bmp: 'Critically low glucose (48 mg/dL). Clinician notified.' },
      };
    }
    if (k === 11) {
      values.tsh = 2.1;
      extra = {
        status: { tsh: 'corrected' },
        resultStatus: { tsh: 'corrected' },
        notes: { tsh: 'Corrected result: first reported as 12.1 mIU/L because of a transcription error. The correct value is 2.1 mIU/L.' },
        conclusions: { tsh: 'Corrected report. Thyroid function normal.' },
      };
    }
    if (k === 15) {
      values.k = 6.4;
      extra = {
        notes: { k: 'Critical value called to Jordan Brooks, RN at 11:05 and read back. Specimen not hemolyzed.' },
        conclusions: { bmp: 'Critical potassium 6.4 mmol/L. Repeat ordered.' },
        asPanelObservation: ['cbc'],
      };
    }
    if (k === count - 1) {
      values['ua-bacteria'] = 'Few';
      extra = {
        interpretationText: { 'ua-bacteria': 'Few bacteria, probably contamination; no action needed unless you have symptoms.' },
        status: { ua: 'preliminary' },
        conclusions: { ua: 'Preliminary: urine culture pending.', lipid: 'LDL at goal (<100 mg/dL) on atorvastatin.' },
        withPdf: ['lipid', 'cbc'],
        pdfAsDocument: ['a1c', 'bmp'],
      };
    }
    draws.push({
      patient: p,
      interpreter: 'dr-chen',
      date,
      hour: 7,
      minute: 20 + random.int(0, 35),
      panels,
      values,
      baselines: MARIA_BASELINES,
      ...extra,
    });
    if (k === 15) {
      // The repeat two days after the critical potassium.
      draws.push({
        patient: p,
        interpreter: 'dr-chen',
        date: nextLabDay(addDays(date, 2)),
        hour: 8,
        minute: 10,
        panels: ['bmp'],
        values: { k: 4.7, glucose: glucoseFromA1c(MARIA_A1C[k]!, random) },
        baselines: MARIA_BASELINES,
        notes: { k: `Repeat after the critical result of ${isoDate(date)}: back in range.` },
        turnaroundMinutes: 180,
      });
    }
  }
  return draws;
}

function jamesDraws(p: PatientProfile, today: LocalDate): LabDraw[] {
  const baselines = { hgb: 15.1, hct: 44.8, rbc: 5.1, glucose: 91, creat: 1.02, egfr: 92, bun: 14, a1c: 5.4, tsh: 1.8, k: 4.2 };
  return [
    {
      patient: p, interpreter: 'dr-okafor', date: labDay(addDays(today, -707)), hour: 7, minute: 45,
      panels: ['cbc', 'bmp', 'lipid', 'a1c'], baselines,
      values: { chol: 278, trig: 412, hdl: 38, ldl: 158, a1c: 5.5 },
      status: { lipid: 'amended' },
      resultStatus: { ldl: 'amended' },
      notes: { ldl: 'Added by amendment: triglycerides over 400 mg/dL make a calculated LDL unreliable, so LDL was measured directly.' },
      conclusions: { lipid: 'Amended report: direct LDL added. Triglycerides very high — repeat fasting.' },
    },
    {
      patient: p, interpreter: 'dr-okafor', date: labDay(addDays(today, -337)), hour: 7, minute: 50,
      panels: ['cbc', 'bmp', 'lipid', 'a1c'], baselines,
      values: { chol: 221, trig: 180, hdl: 42, ldl: 143, a1c: 5.4 },
    },
  ];
}

function leoDraws(p: PatientProfile, today: LocalDate): LabDraw[] {
  return [
    {
      patient: p, interpreter: 'dr-patel', date: labDay(addDays(today, -365)), hour: 10, minute: 30,
      panels: ['cbc'], baselines: { wbc: 7.8, rbc: 4.6, hgb: 12.6, hct: 37.8, mcv: 82, plt: 290 },
      values: { hgb: 11.3 },
      conclusions: { cbc: 'Mildly low hemoglobin for age. Encourage iron-rich foods; recheck at next well-child visit.' },
    },
    {
      patient: p, interpreter: 'dr-patel', date: labDay(addDays(today, -200)), hour: 15, minute: 45,
      panels: ['ua'], baselines: { 'ua-ph': 6.5, 'ua-sg': 1.022 },
      values: { 'ua-le': RESULT_CODES.trace, 'ua-ketones': RESULT_CODES.trace },
      conclusions: { ua: 'Trace ketones (poor intake during fever). No sign of urinary infection.' },
    },
  ];
}

function aishaDraws(p: PatientProfile, today: LocalDate): LabDraw[] {
  const draw = (daysAgo: number, panels: PanelKey[], values: Record<string, ResultValue>, extra: Partial<LabDraw> = {}): LabDraw => ({
    patient: p, interpreter: 'dr-okafor', date: labDay(addDays(today, -daysAgo)), hour: 8, minute: 40,
    panels, baselines: { wbc: 6.4, plt: 310, tsh: 2.2 }, values, ...extra,
  });
  return [
    draw(480, ['cbc', 'ferritin', 'tsh'], { hgb: 9.8, hct: 31.2, rbc: 4.3, mcv: 74, ferritin: 6, tsh: 5.1 }, {
      conclusions: { cbc: 'Microcytic anemia, consistent with iron deficiency.' },
    }),
    draw(405, ['cbc'], { hgb: 10.9, hct: 34.1, rbc: 4.4, mcv: 78 }),
    draw(232, ['cbc', 'ferritin', 'tsh'], { hgb: 12.2, hct: 37.1, rbc: 4.5, mcv: 83, ferritin: 28, tsh: 2.4 }),
    draw(22, ['cbc'], { hgb: 12.9, hct: 39.0, rbc: 4.6, mcv: 86 }, { withPdf: ['cbc'] }),
  ];
}

/** A point-of-care result entered in clinic during a visit, outside any DiagnosticReport. */
function pointOfCare(ctx: LabContext, visitKey: string, key: string, value: ResultValue): Observation | undefined {
  const visit = ctx.visits.find((v) => v.key === visitKey);
  if (!visit?.encounterId) return undefined;
  const a = analyte(key);
  const id = ctx.ids.allocate(`obs-${visit.patient.id}-${isoDate(visit.date)}-${key}`);
  const observation: Observation = {
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [coding(SYSTEM.observationCategory, 'laboratory', 'Laboratory')], text: 'Laboratory' }],
    code: loinc(a.loinc, a.display, analyteName(a)),
    subject: ref('Patient', visit.patient.id, fullName(visit.patient)),
    encounter: ref('Encounter', visit.encounterId),
    effectiveDateTime: visit.start,
    issued: visit.start,
    performer: [ref('Practitioner', visit.clinician.id)],
  };
  if (a.kind === 'quantity' && typeof value === 'number') {
    const rule = applicableRange(a, visit.patient.gender, ageOn(visit.patient.birthDate, visit.date));
    observation.valueQuantity = ucum(value, a.unit ?? a.ucum, a.ucum);
    if (rule) observation.referenceRange = [referenceRangeFor(a, rule)];
    observation.interpretation = [interpretationConcept(interpretQuantity(a, value, rule))];
  } else if (a.kind === 'coded' && typeof value === 'object') {
    observation.valueCodeableConcept = value as CodeableConcept;
    observation.referenceRange = [{ text: a.rangeText }];
    observation.interpretation = [interpretationConcept(isSameCoded(value, a.normal) ? 'N' : 'A')];
  }
  observation.note = [{ text: 'Point-of-care test done in clinic.' }];
  return observation;
}

export function buildLabs(ctx: LabContext): Resource[] {
  const resources: Resource[] = [];
  const random = ctx.random.fork('labs');
  for (const p of ctx.profiles) {
    const draws =
      p.id === 'maria' ? mariaDraws(p, ctx.today, random)
      : p.id === 'james' ? jamesDraws(p, ctx.today)
      : p.id === 'leo' ? leoDraws(p, ctx.today)
      : p.id === 'aisha' ? aishaDraws(p, ctx.today)
      : [];
    for (const draw of draws) resources.push(...buildLabDraw(draw, ctx.ids, random));
  }
  const poc = [
    pointOfCare(ctx, 'maria-followup-95', 'poc-glucose', 142),
    pointOfCare(ctx, 'maria-sick', 'poc-glucose', 187),
    pointOfCare(ctx, 'leo-throat', 'strep', RESULT_CODES.notDetected),
    pointOfCare(ctx, 'aisha-new', 'hcg', RESULT_CODES.negative),
  ];
  for (const o of poc) if (o) resources.push(o);
  return resources;
}
