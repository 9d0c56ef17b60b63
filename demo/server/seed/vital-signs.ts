/**
 * Vital signs: the ones taken at each visit, and a yearly set (the annual check) for the adults going
 * back six years, before their visits here, so the trends span years.
 */
import type { CodeableConcept, Observation } from 'fhir/r4';
import { addDays, ageOn, dayOfWeek, daysBetween, isClinicHoliday, isoDate, zonedDateTime, type LocalDate } from './calendar.js';
import type { ClinicalContext } from './clinical.js';
import { patientRef, type PatientId } from './patients.js';
import { practitionerRef } from './practitioners.js';
import type { Random } from './random.js';
import { ref } from './references.js';
import { SYSTEM, coding, loinc, ucum } from './terminology.js';

const VITALS_CATEGORY: CodeableConcept = { coding: [coding(SYSTEM.observationCategory, 'vital-signs', 'Vital Signs')], text: 'Vital Signs' };

interface Body {
  readonly heightCm: number;
  readonly weightKg: number;
  readonly systolic: number;
  readonly diastolic: number;
  readonly pulse: number;
}

function bodyAt(patient: PatientId, date: LocalDate, ageYears: number, today: LocalDate, random: Random): Body {
  const yearsAgo = -daysBetween(today, date) / 365;
  switch (patient) {
    case 'maria':
      return { heightCm: 162, weightKg: 79 + yearsAgo * 2.5, systolic: 128 + yearsAgo * 5, diastolic: 80 + yearsAgo * 2, pulse: 76 };
    case 'james':
      return { heightCm: 180, weightKg: 86, systolic: 122, diastolic: 78, pulse: 68 };
    case 'leo':
      return { heightCm: 102 + 6 * (ageYears - 4) + random.float(0, 3), weightKg: 16.5 + 2.6 * (ageYears - 4), systolic: 102, diastolic: 62, pulse: 92 };
    case 'aisha':
      return { heightCm: 165, weightKg: 61, systolic: 112, diastolic: 70, pulse: 84 };
    default:
      return { heightCm: 176, weightKg: 92, systolic: 136, diastolic: 84, pulse: 72 };
  }
}

type VitalsBase = Pick<Observation, 'resourceType' | 'status' | 'category' | 'subject' | 'encounter' | 'effectiveDateTime' | 'performer' | 'note'> & {
  resourceType: 'Observation';
  status: 'final';
};

/** One measurement with a quantity, `decimals` places. */
function vital(base: VitalsBase, id: string, code: string, display: string, text: string, value: number, unit: string, ucumCode: string, decimals = 0): Observation {
  return { ...base, id, code: loinc(code, display, text), valueQuantity: ucum(Number(value.toFixed(decimals)), unit, ucumCode) };
}

/** The blood pressure panel (LOINC 85354-9) with its systolic and diastolic components. */
function bloodPressure(base: VitalsBase, id: string, systolic: number, diastolic: number): Observation {
  return {
    ...base,
    id,
    code: loinc('85354-9', 'Blood pressure panel with all children optional', 'Blood pressure'),
    component: [
      { code: loinc('8480-6', 'Systolic blood pressure'), valueQuantity: ucum(systolic, 'mmHg', 'mm[Hg]') },
      { code: loinc('8462-4', 'Diastolic blood pressure'), valueQuantity: ucum(diastolic, 'mmHg', 'mm[Hg]') },
    ],
  };
}

/** The vital signs taken at each visit that happened. */
export function buildVitals(ctx: ClinicalContext): Observation[] {
  const out: Observation[] = [];
  const random = ctx.random.fork('vitals');
  for (const v of ctx.visits) {
    if (!v.encounterId) continue;
    const body = bodyAt(v.patient.id, v.date, v.ageYears, ctx.today, random);
    const stem = `vs-${v.encounterId.replace(/^enc-/, '')}`;
    const base: VitalsBase = {
      resourceType: 'Observation',
      status: 'final',
      category: [VITALS_CATEGORY],
      subject: patientRef(v.patient),
      encounter: ref('Encounter', v.encounterId),
      effectiveDateTime: v.start,
      performer: [practitionerRef(v.patient.id === 'leo' ? 'dr-patel' : 'rn-brooks')],
    };
    const weight = body.weightKg + random.normal(0, 0.6);
    if (v.ageYears >= 3) {
      out.push(bloodPressure(base, `${stem}-bp`, Math.round(body.systolic + random.normal(0, 5)), Math.round(body.diastolic + random.normal(0, 3))));
    }
    out.push(vital(base, `${stem}-pulse`, '8867-4', 'Heart rate', 'Heart rate', body.pulse + random.normal(0, 5), 'beats/minute', '/min'));
    out.push(vital(base, `${stem}-weight`, '29463-7', 'Body weight', 'Weight', weight, 'kg', 'kg', 1));
    if (v.visitType === 'annual-physical' || v.visitType === 'well-child' || v.visitType === 'new-patient') {
      const height = body.heightCm;
      out.push(vital(base, `${stem}-height`, '8302-2', 'Body height', 'Height', height, 'cm', 'cm', 1));
      out.push(vital(base, `${stem}-bmi`, '39156-5', 'Body mass index (BMI) [Ratio]', 'BMI', weight / (height / 100) ** 2, 'kg/m2', 'kg/m2', 1));
    }
    if (v.visitType === 'sick-visit') {
      out.push(vital(base, `${stem}-temp`, '8310-5', 'Body temperature', 'Temperature', 37.2 + random.float(0, 1.4), '°C', 'Cel', 1));
    }
  }
  return out;
}

interface YearlyPlan {
  readonly patient: PatientId;
  /** The month and day of the yearly check. */
  readonly month: number;
  readonly day: number;
  /** How many years back, oldest first: all before the patient's first visit with vitals here. */
  readonly years: readonly number[];
  /** Taken elsewhere and transcribed: no performer, this note instead. */
  readonly transcribed?: string;
}

const YEARLY_VITALS = [
  { patient: 'maria', month: 3, day: 14, years: [6, 5, 4, 3] },
  { patient: 'james', month: 5, day: 6, years: [6, 5, 4, 3] },
  { patient: 'aisha', month: 2, day: 20, years: [6, 5, 4, 3, 2], transcribed: 'Transcribed from her previous doctor’s records.' },
] as const satisfies readonly YearlyPlan[];

/** The weekday on or before `date` that is not a clinic holiday. */
function workdayOnOrBefore(date: LocalDate): LocalDate {
  let d = date;
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6 || isClinicHoliday(d)) d = addDays(d, -1);
  return d;
}

/** A yearly check for each adult (blood pressure, heart rate, weight, height, BMI, temperature), outside any visit here. */
export function buildYearlyVitals(ctx: ClinicalContext): Observation[] {
  const out: Observation[] = [];
  const random = ctx.random.fork('yearly-vitals');
  const plans: readonly YearlyPlan[] = YEARLY_VITALS;
  for (const plan of plans) {
    const p = ctx.profiles.find((profile) => profile.id === plan.patient);
    if (!p) continue;
    for (const yearsBack of plan.years) {
      const date = workdayOnOrBefore({ year: ctx.today.year - yearsBack, month: plan.month, day: plan.day });
      const body = bodyAt(p.id, date, ageOn(p.birthDate, date), ctx.today, random);
      const stem = `vs-${p.id}-${isoDate(date)}`;
      const base: VitalsBase = {
        resourceType: 'Observation',
        status: 'final',
        category: [VITALS_CATEGORY],
        subject: patientRef(p),
        effectiveDateTime: zonedDateTime(date, 8, 40),
        ...(plan.transcribed ? { note: [{ text: plan.transcribed }] } : { performer: [practitionerRef('rn-brooks')] }),
      };
      const weight = body.weightKg + random.normal(0, 0.6);
      out.push(bloodPressure(base, `${stem}-bp`, Math.round(body.systolic + random.normal(0, 5)), Math.round(body.diastolic + random.normal(0, 3))));
      out.push(vital(base, `${stem}-pulse`, '8867-4', 'Heart rate', 'Heart rate', body.pulse + random.normal(0, 5), 'beats/minute', '/min'));
      out.push(vital(base, `${stem}-weight`, '29463-7', 'Body weight', 'Weight', weight, 'kg', 'kg', 1));
      out.push(vital(base, `${stem}-height`, '8302-2', 'Body height', 'Height', body.heightCm, 'cm', 'cm', 1));
      out.push(vital(base, `${stem}-bmi`, '39156-5', 'Body mass index (BMI) [Ratio]', 'BMI', weight / (body.heightCm / 100) ** 2, 'kg/m2', 'kg/m2', 1));
      out.push(vital(base, `${stem}-temp`, '8310-5', 'Body temperature', 'Temperature', 36.5 + random.float(0, 0.5), '°C', 'Cel', 1));
    }
  }
  return out;
}
