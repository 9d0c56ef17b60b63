/**
 * The clinical record: problems, allergies, immunizations, prescriptions, procedures and the vital
 * signs taken at each visit.
 */
import type {
  AllergyIntolerance,
  Condition,
  MedicationRequest,
  Procedure,
  Resource,
} from 'fhir/r4';
import { addDays, addMonths, daysBetween, isoDate, yearsBefore, zonedDateTime, type LocalDate } from './calendar.js';
import { ORAL, prescription, type PrescriptionPlan } from './medications.js';
import { LOCATION_NAMES } from './organizations.js';
import { patientRef, type PatientId, type PatientProfile } from './patients.js';
import { practitionerRef } from './practitioners.js';
import type { Random } from './random.js';
import { ref } from './references.js';
import type { Visit } from './scheduling.js';
import { SYSTEM, coding, concept, snomed, ucum } from './terminology.js';
import { buildImmunizations, type ImmunizationSummary } from './immunizations.js';

export type { ImmunizationSummary };
import { buildVitals, buildYearlyVitals } from './vital-signs.js';

export interface ClinicalContext {
  readonly today: LocalDate;
  readonly profiles: readonly PatientProfile[];
  readonly visits: readonly Visit[];
  readonly random: Random;
}

export interface ClinicalResult {
  readonly resources: Resource[];
  readonly immunizations: ImmunizationSummary[];
  /** The prescriptions, for the pharmacy fills and refill requests (seed/medications.ts). */
  readonly prescriptions: MedicationRequest[];
}

// ---------------------------------------------------------------------------------------------
// Conditions

interface ConditionPlan {
  readonly id: string;
  readonly patient: PatientId;
  readonly snomed: readonly [string, string];
  readonly icd10: readonly [string, string];
  readonly text: string;
  readonly onset: (today: LocalDate) => LocalDate;
  readonly abatement?: (today: LocalDate) => LocalDate;
  readonly verification?: 'confirmed' | 'provisional' | 'refuted' | 'entered-in-error';
  readonly category: 'problem-list-item' | 'encounter-diagnosis';
  readonly recorder: string;
  readonly visitKey?: string;
  readonly note?: string;
}

const CONDITIONS: readonly ConditionPlan[] = [
  { id: 'cond-maria-diabetes', patient: 'maria', snomed: ['44054006', 'Diabetes mellitus type 2'], icd10: ['E11.9', 'Type 2 diabetes mellitus without complications'],
    text: 'Type 2 diabetes', onset: (t) => yearsBefore(t, 9, 6, 2), category: 'problem-list-item', recorder: 'dr-chen',
    note: 'Goal A1c below 7%. Sees ophthalmology yearly for retinal exam.' },
  { id: 'cond-maria-hyperlipidemia', patient: 'maria', snomed: ['55822004', 'Hyperlipidemia'], icd10: ['E78.5', 'Hyperlipidemia, unspecified'],
    text: 'High cholesterol', onset: (t) => yearsBefore(t, 7, 2, 11), category: 'problem-list-item', recorder: 'dr-chen' },
  { id: 'cond-maria-hypertension', patient: 'maria', snomed: ['59621000', 'Essential hypertension'], icd10: ['I10', 'Essential (primary) hypertension'],
    text: 'High blood pressure', onset: (t) => yearsBefore(t, 6, 9, 20), category: 'problem-list-item', recorder: 'dr-chen' },
  { id: 'cond-maria-chest-pain', patient: 'maria', snomed: ['29857009', 'Chest pain'], icd10: ['R07.9', 'Chest pain, unspecified'],
    text: 'Chest tightness on exertion', onset: (t) => addDays(t, -75), verification: 'provisional', category: 'encounter-diagnosis', recorder: 'dr-chen',
    visitKey: 'maria-chest', note: 'ECG normal. Referred to cardiology for stress testing.' },
  { id: 'cond-maria-bronchitis', patient: 'maria', snomed: ['10509002', 'Acute bronchitis'], icd10: ['J20.9', 'Acute bronchitis, unspecified'],
    text: 'Chest cold (acute bronchitis)', onset: (t) => addDays(t, -14), abatement: (t) => addDays(t, -3), category: 'encounter-diagnosis', recorder: 'dr-okafor', visitKey: 'maria-sick' },
  { id: 'cond-james-rhinitis', patient: 'james', snomed: ['367498001', 'Seasonal allergic rhinitis'], icd10: ['J30.2', 'Other seasonal allergic rhinitis'],
    text: 'Seasonal allergies', onset: (t) => yearsBefore(t, 15, 4, 10), category: 'problem-list-item', recorder: 'dr-okafor' },
  { id: 'cond-james-ankle', patient: 'james', snomed: ['44465007', 'Sprain of ankle'], icd10: ['S93.402A', 'Sprain of unspecified ligament of left ankle, initial encounter'],
    text: 'Sprained left ankle', onset: (t) => yearsBefore(t, 3, 6, 14), abatement: (t) => yearsBefore(t, 3, 7, 30), category: 'encounter-diagnosis', recorder: 'dr-okafor' },
  { id: 'cond-james-pharyngitis', patient: 'james', snomed: ['195662009', 'Acute viral pharyngitis'], icd10: ['J02.9', 'Acute pharyngitis, unspecified'],
    text: 'Sore throat (viral)', onset: (t) => addDays(t, -152), abatement: (t) => addDays(t, -143), category: 'encounter-diagnosis', recorder: 'dr-okafor', visitKey: 'james-sick' },
  { id: 'cond-leo-asthma', patient: 'leo', snomed: ['195967001', 'Asthma'], icd10: ['J45.20', 'Mild intermittent asthma, uncomplicated'],
    text: 'Mild intermittent asthma', onset: (t) => yearsBefore(t, 4, 11, 3), category: 'problem-list-item', recorder: 'dr-patel',
    note: 'Uses albuterol before sports. Asthma action plan given to school.' },
  { id: 'cond-leo-otitis', patient: 'leo', snomed: ['65363002', 'Otitis media'], icd10: ['H66.90', 'Otitis media, unspecified, unspecified ear'],
    text: 'Ear infection', onset: (t) => addDays(t, -202), abatement: (t) => addDays(t, -188), category: 'encounter-diagnosis', recorder: 'dr-patel', visitKey: 'leo-ear' },
  { id: 'cond-leo-pharyngitis', patient: 'leo', snomed: ['195662009', 'Acute viral pharyngitis'], icd10: ['J02.9', 'Acute pharyngitis, unspecified'],
    text: 'Sore throat (viral; rapid strep negative)', onset: (t) => addDays(t, -37), abatement: (t) => addDays(t, -30), category: 'encounter-diagnosis', recorder: 'dr-patel', visitKey: 'leo-throat' },
  { id: 'cond-aisha-anemia', patient: 'aisha', snomed: ['87522002', 'Iron deficiency anemia'], icd10: ['D50.9', 'Iron deficiency anemia, unspecified'],
    text: 'Iron deficiency anemia', onset: (t) => addDays(t, -480), category: 'problem-list-item', recorder: 'dr-okafor', visitKey: 'aisha-new',
    note: 'Improving on oral iron; hemoglobin back in range.' },
  { id: 'cond-aisha-migraine', patient: 'aisha', snomed: ['37796009', 'Migraine'], icd10: ['G43.909', 'Migraine, unspecified, not intractable, without status migrainosus'],
    text: 'Migraine', onset: (t) => yearsBefore(t, 8, 3, 1), category: 'problem-list-item', recorder: 'dr-okafor' },
  { id: 'cond-aisha-eczema', patient: 'aisha', snomed: ['43116000', 'Eczema'], icd10: ['L30.9', 'Dermatitis, unspecified'],
    text: 'Eczema (forearms)', onset: (t) => addDays(t, -100), category: 'encounter-diagnosis', recorder: 'dr-silva', visitKey: 'aisha-skin' },
  { id: 'cond-large-diabetes', patient: 'large', snomed: ['44054006', 'Diabetes mellitus type 2'], icd10: ['E11.9', 'Type 2 diabetes mellitus without complications'],
    text: 'Type 2 diabetes', onset: (t) => yearsBefore(t, 12, 5, 5), category: 'problem-list-item', recorder: 'dr-chen' },
  { id: 'cond-large-hypertension', patient: 'large', snomed: ['59621000', 'Essential hypertension'], icd10: ['I10', 'Essential (primary) hypertension'],
    text: 'High blood pressure', onset: (t) => yearsBefore(t, 15, 8, 19), category: 'problem-list-item', recorder: 'dr-chen' },
  { id: 'cond-maria-asthma-ruled-out', patient: 'maria', snomed: ['195967001', 'Asthma'], icd10: ['J45.909', 'Unspecified asthma, uncomplicated'],
    text: 'Asthma', onset: (t) => addDays(t, -575), verification: 'refuted', category: 'encounter-diagnosis', recorder: 'dr-chen', visitKey: 'maria-followup-540',
    note: 'Ruled out: spirometry normal (FEV1/FVC 0.82) with no response to the bronchodilator. The wheeze came with a chest cold.' },
  { id: 'cond-james-hypertension-error', patient: 'james', snomed: ['59621000', 'Essential hypertension'], icd10: ['I10', 'Essential (primary) hypertension'],
    text: 'High blood pressure', onset: (t) => addDays(t, -710), verification: 'entered-in-error', category: 'problem-list-item', recorder: 'dr-okafor', visitKey: 'james-physical-700',
    note: 'Entered on the wrong chart; James does not have high blood pressure.' },
];

const VERIFICATION_DISPLAY = { confirmed: 'Confirmed', provisional: 'Provisional', refuted: 'Refuted', 'entered-in-error': 'Entered in Error' } as const;

function buildConditions(ctx: ClinicalContext, byId: ReadonlyMap<string, PatientProfile>): Condition[] {
  const out: Condition[] = [];
  for (const plan of CONDITIONS) {
    const p = byId.get(plan.patient);
    if (!p) continue;
    const onset = plan.onset(ctx.today);
    const abatement = plan.abatement?.(ctx.today);
    const visit = plan.visitKey ? ctx.visits.find((v) => v.key === plan.visitKey) : undefined;
    const resolved = abatement !== undefined && daysBetween(abatement, ctx.today) >= 0;
    const verification = plan.verification ?? 'confirmed';
    // A refuted or mistaken entry has no clinical status: the patient never had it.
    const withdrawn = verification === 'refuted' || verification === 'entered-in-error';
    const condition: Condition = {
      resourceType: 'Condition',
      id: plan.id,
      ...(withdrawn
        ? {}
        : {
            clinicalStatus: resolved
              ? concept(SYSTEM.conditionClinical, 'resolved', 'Resolved')
              : concept(SYSTEM.conditionClinical, 'active', 'Active'),
          }),
      verificationStatus: concept(SYSTEM.conditionVerification, verification, VERIFICATION_DISPLAY[verification]),
      category: [
        concept(SYSTEM.conditionCategory, plan.category, plan.category === 'problem-list-item' ? 'Problem List Item' : 'Encounter Diagnosis'),
      ],
      code: { coding: [coding(SYSTEM.snomed, plan.snomed[0], plan.snomed[1]), coding(SYSTEM.icd10cm, plan.icd10[0], plan.icd10[1])], text: plan.text },
      subject: patientRef(p),
      ...(visit?.encounterId ? { encounter: ref('Encounter', visit.encounterId) } : {}),
      onsetDateTime: isoDate(onset),
      ...(resolved ? { abatementDateTime: isoDate(abatement) } : {}),
      recordedDate: visit ? visit.start : isoDate(onset),
      recorder: practitionerRef(plan.recorder),
      asserter: practitionerRef(plan.recorder),
      ...(plan.note ? { note: [{ text: plan.note }] } : {}),
    };
    out.push(condition);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Allergies

function buildAllergies(ctx: ClinicalContext, byId: ReadonlyMap<string, PatientProfile>): AllergyIntolerance[] {
  const out: AllergyIntolerance[] = [];
  const t = ctx.today;
  const active = concept(SYSTEM.allergyClinical, 'active', 'Active');
  const confirmed = concept(SYSTEM.allergyVerification, 'confirmed', 'Confirmed');
  const leo = byId.get('leo');
  if (leo) {
    out.push({
      resourceType: 'AllergyIntolerance',
      id: 'allergy-leo-peanut',
      clinicalStatus: active,
      verificationStatus: confirmed,
      type: 'allergy',
      category: ['food'],
      criticality: 'high',
      code: snomed('256349002', 'Peanut - dietary (substance)', 'Peanuts'),
      patient: patientRef(leo),
      onsetDateTime: isoDate(addMonths(leo.birthDate, 18)),
      recordedDate: isoDate(addMonths(leo.birthDate, 18)),
      recorder: practitionerRef('dr-patel'),
      lastOccurrence: isoDate(addMonths(leo.birthDate, 18)),
      note: [{ text: 'Carries an epinephrine auto-injector. School nurse has the allergy action plan.' }],
      reaction: [
        {
          substance: snomed('256349002', 'Peanut - dietary (substance)', 'Peanut butter'),
          manifestation: [snomed('39579001', 'Anaphylaxis', 'Anaphylaxis'), snomed('247472004', 'Weal', 'Hives')],
          description: 'Hives, lip swelling and wheezing within minutes of eating peanut butter; treated in the emergency department.',
          onset: isoDate(addMonths(leo.birthDate, 18)),
          severity: 'severe',
          exposureRoute: snomed('26643006', 'Oral route', 'By mouth'),
        },
      ],
    });
  }
  const maria = byId.get('maria');
  if (maria) {
    out.push({
      resourceType: 'AllergyIntolerance',
      id: 'allergy-maria-penicillin',
      clinicalStatus: active,
      verificationStatus: confirmed,
      type: 'allergy',
      category: ['medication'],
      criticality: 'low',
      code: { coding: [coding(SYSTEM.snomed, '764146007', 'Penicillin'), coding(SYSTEM.rxnorm, '70618', 'Penicillin')], text: 'Penicillin' },
      patient: patientRef(maria),
      onsetDateTime: String(t.year - 30),
      recordedDate: isoDate(yearsBefore(t, 9, 6, 2)),
      recorder: practitionerRef('dr-chen'),
      reaction: [
        {
          manifestation: [snomed('271807003', 'Eruption of skin', 'Skin rash'), snomed('418290006', 'Itching', 'Itching')],
          description: 'Itchy rash over the trunk after a course of amoxicillin in her twenties.',
          severity: 'mild',
        },
      ],
    });
  }
  const james = byId.get('james');
  if (james) {
    out.push({
      resourceType: 'AllergyIntolerance',
      id: 'allergy-james-pollen',
      clinicalStatus: active,
      verificationStatus: confirmed,
      type: 'allergy',
      category: ['environment'],
      criticality: 'low',
      code: snomed('256277009', 'Grass pollen (substance)', 'Grass pollen'),
      patient: patientRef(james),
      onsetDateTime: isoDate(yearsBefore(t, 15, 4, 10)),
      recordedDate: isoDate(yearsBefore(t, 5, 5, 2)),
      recorder: practitionerRef('dr-okafor'),
      reaction: [
        {
          manifestation: [snomed('76067001', 'Sneezing', 'Sneezing'), snomed('703630003', 'Red eye', 'Itchy, red eyes')],
          severity: 'mild',
        },
      ],
    });
  }
  const aisha = byId.get('aisha');
  if (aisha) {
    out.push({
      resourceType: 'AllergyIntolerance',
      id: 'allergy-aisha-none',
      clinicalStatus: active,
      verificationStatus: confirmed,
      code: snomed('716186003', 'No known allergy', 'No known allergies'),
      patient: patientRef(aisha),
      recordedDate: isoDate(addDays(t, -480)),
      recorder: practitionerRef('dr-okafor'),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Prescriptions


const DAILY = (frequency: number, when?: ('MORN' | 'ACM' | 'ACV' | 'HS' | 'C')[]) => ({
  repeat: { frequency, period: 1, periodUnit: 'd' as const, ...(when ? { when } : {}) },
});
const tablets = (n: number) => [{ doseQuantity: ucum(n, n === 1 ? 'tablet' : 'tablets', '{tbl}') }];

const PRESCRIPTIONS: readonly PrescriptionPlan[] = [
  { id: 'medrx-maria-metformin', patient: 'maria', rxnorm: ['861007', 'metformin hydrochloride 500 MG Oral Tablet'], text: 'Metformin 500 mg tablet',
    status: 'active', authoredDaysAgo: 95, prescriber: 'dr-chen', reason: 'cond-maria-diabetes', quantity: [360, 'tablets', '{tbl}'], refills: 3, supplyDays: 90,
    dosage: { sequence: 1, text: 'Take 2 tablets (1,000 mg) by mouth twice a day with breakfast and dinner.', timing: DAILY(2, ['C']), route: ORAL, doseAndRate: tablets(2) } },
  { id: 'medrx-maria-atorvastatin', patient: 'maria', rxnorm: ['617310', 'atorvastatin 20 MG Oral Tablet'], text: 'Atorvastatin 20 mg tablet',
    status: 'active', authoredDaysAgo: 95, prescriber: 'dr-chen', reason: 'cond-maria-hyperlipidemia', quantity: [90, 'tablets', '{tbl}'], refills: 3, supplyDays: 90,
    dosage: { sequence: 1, text: 'Take 1 tablet by mouth every evening.', timing: DAILY(1, ['HS']), route: ORAL, doseAndRate: tablets(1) } },
  { id: 'medrx-maria-lisinopril', patient: 'maria', rxnorm: ['314076', 'lisinopril 10 MG Oral Tablet'], text: 'Lisinopril 10 mg tablet',
    status: 'active', authoredDaysAgo: 95, prescriber: 'dr-chen', reason: 'cond-maria-hypertension', quantity: [90, 'tablets', '{tbl}'], refills: 1, supplyDays: 90,
    dosage: { sequence: 1, text: 'Take 1 tablet by mouth once a day in the morning.', timing: DAILY(1, ['MORN']), route: ORAL, doseAndRate: tablets(1) },
    note: 'Potassium rose to 6.4 mmol/L last year; recheck BMP with every A1c.' },
  { id: 'medrx-maria-glargine', patient: 'maria', rxnorm: ['847230', '3 ML insulin glargine 100 UNT/ML Pen Injector'], text: 'Insulin glargine pen (100 units/mL)',
    status: 'active', authoredDaysAgo: 60, prescriber: 'dr-chen', reason: 'cond-maria-diabetes', quantity: [15, 'mL', 'mL'], refills: 5, supplyDays: 50,
    contained: true,
    dosage: { sequence: 1, text: 'Inject 10 units under the skin at bedtime. Increase by 2 units every 3 days until fasting sugar is 80–130.',
      timing: DAILY(1, ['HS']), route: concept(SYSTEM.snomed, '34206005', 'Subcutaneous route', 'Under the skin'),
      doseAndRate: [{ doseQuantity: ucum(10, 'units', '[IU]') }] } },
  { id: 'medrx-maria-simvastatin', patient: 'maria', rxnorm: ['312961', 'simvastatin 20 MG Oral Tablet'], text: 'Simvastatin 20 mg tablet',
    status: 'stopped', authoredDaysAgo: 1900, prescriber: 'dr-chen', reason: 'cond-maria-hyperlipidemia', quantity: [90, 'tablets', '{tbl}'], refills: 3, supplyDays: 90,
    dosage: { sequence: 1, text: 'Take 1 tablet by mouth every evening.', timing: DAILY(1, ['HS']), route: ORAL, doseAndRate: tablets(1) },
    note: 'Stopped: switched to atorvastatin for a stronger LDL reduction.', statusReason: ['182862001', 'Drug not taken - dose not effective', 'Not lowering cholesterol enough'] },
  { id: 'medrx-james-loratadine', patient: 'james', rxnorm: ['311372', 'loratadine 10 MG Oral Tablet'], text: 'Loratadine 10 mg tablet',
    status: 'active', authoredDaysAgo: 330, prescriber: 'dr-okafor', reason: 'cond-james-rhinitis', quantity: [30, 'tablets', '{tbl}'], refills: 11, supplyDays: 30,
    dosage: { sequence: 1, text: 'Take 1 tablet by mouth once a day as needed for allergy symptoms.', timing: DAILY(1), asNeededBoolean: true, route: ORAL, doseAndRate: tablets(1) } },
  { id: 'medrx-leo-albuterol', patient: 'leo', rxnorm: ['745679', '200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler'], text: 'Albuterol inhaler (90 mcg per puff)',
    status: 'active', authoredDaysAgo: 365, prescriber: 'dr-patel', reason: 'cond-leo-asthma', quantity: [2, 'inhalers', '{inhaler}'], refills: 2, supplyDays: 90,
    dosage: { sequence: 1, text: 'Inhale 2 puffs with a spacer every 4 hours as needed for wheezing, and 15 minutes before sports.',
      timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } }, asNeededBoolean: true,
      route: concept(SYSTEM.snomed, '447694001', 'Respiratory tract route', 'Inhaled'), doseAndRate: [{ doseQuantity: ucum(2, 'puffs', '{puff}') }] } },
  { id: 'medrx-leo-epinephrine', patient: 'leo', rxnorm: ['1870230', 'NDA020800 0.3 ML Epinephrine 1 MG/ML Auto-Injector'], text: 'EpiPen (epinephrine 0.3 mg auto-injector)',
    status: 'active', authoredDaysAgo: 365, prescriber: 'dr-patel', quantity: [2, 'auto-injectors', '{injector}'], refills: 1, supplyDays: 365,
    dosage: { sequence: 1, text: 'For a severe allergic reaction: inject into the outer thigh, then call 911. May repeat once after 5 minutes.',
      asNeededCodeableConcept: snomed('39579001', 'Anaphylaxis', 'Severe allergic reaction'),
      route: concept(SYSTEM.snomed, '78421000', 'Intramuscular route', 'Into the muscle') } },
  { id: 'medrx-leo-amoxicillin', patient: 'leo', rxnorm: ['308182', 'amoxicillin 250 MG Oral Capsule'], text: 'Amoxicillin 250 mg capsule',
    status: 'completed', authoredDaysAgo: 200, prescriber: 'dr-patel', reason: 'cond-leo-otitis', quantity: [30, 'capsules', '{cap}'], refills: 0, supplyDays: 10,
    dosage: { sequence: 1, text: 'Take 1 capsule by mouth three times a day for 10 days. Finish the whole course.',
      timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd', boundsDuration: ucum(10, 'days', 'd') } }, route: ORAL,
      doseAndRate: [{ doseQuantity: ucum(1, 'capsule', '{cap}') }] } },
  { id: 'medrx-aisha-iron', patient: 'aisha', rxnorm: ['310325', 'ferrous sulfate 325 MG Oral Tablet'], text: 'Ferrous sulfate 325 mg tablet (iron)',
    status: 'active', authoredDaysAgo: 230, prescriber: 'dr-okafor', reason: 'cond-aisha-anemia', quantity: [90, 'tablets', '{tbl}'], refills: 2, supplyDays: 90,
    dosage: { sequence: 1, text: 'Take 1 tablet by mouth once a day with orange juice, 2 hours apart from tea or coffee.', timing: DAILY(1, ['MORN']), route: ORAL, doseAndRate: tablets(1) } },
  { id: 'medrx-large-metformin', patient: 'large', rxnorm: ['861007', 'metformin hydrochloride 500 MG Oral Tablet'], text: 'Metformin 500 mg tablet',
    status: 'active', authoredDaysAgo: 30, prescriber: 'dr-chen', reason: 'cond-large-diabetes', quantity: [180, 'tablets', '{tbl}'], refills: 3, supplyDays: 90,
    dosage: { sequence: 1, text: 'Take 1 tablet by mouth twice a day with meals.', timing: DAILY(2, ['C']), route: ORAL, doseAndRate: tablets(1) } },
];

function buildPrescriptions(ctx: ClinicalContext, byId: ReadonlyMap<string, PatientProfile>): MedicationRequest[] {
  return PRESCRIPTIONS.flatMap((plan) => {
    const p = byId.get(plan.patient);
    return p ? [prescription(plan, p, ctx.today)] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Procedures

function buildProcedures(ctx: ClinicalContext, byId: ReadonlyMap<string, PatientProfile>): Procedure[] {
  const out: Procedure[] = [];
  const maria = byId.get('maria');
  if (maria) {
    out.push({
      resourceType: 'Procedure',
      id: 'proc-maria-colonoscopy',
      status: 'completed',
      code: snomed('73761001', 'Colonoscopy', 'Screening colonoscopy'),
      subject: patientRef(maria),
      performedDateTime: zonedDateTime(yearsBefore(ctx.today, 3, 4, 18), 8, 0),
      location: ref('Location', 'loc-main', LOCATION_NAMES['loc-main']),
      reasonCode: [snomed('275978004', 'Screening for malignant neoplasm of colon', 'Colon cancer screening')],
      outcome: { text: 'Normal: no polyps found.' },
      followUp: [{ text: 'Repeat colonoscopy in 10 years.' }],
    });
    const chest = ctx.visits.find((v) => v.key === 'maria-chest');
    if (chest?.encounterId) {
      out.push({
        resourceType: 'Procedure',
        id: 'proc-maria-ecg',
        status: 'completed',
        code: snomed('29303009', 'Electrocardiographic procedure', 'Electrocardiogram (ECG)'),
        subject: patientRef(maria),
        encounter: ref('Encounter', chest.encounterId),
        performedDateTime: chest.start,
        performer: [{ actor: practitionerRef('dr-chen') }],
        location: ref('Location', chest.location, LOCATION_NAMES[chest.location]),
        reasonReference: [ref('Condition', 'cond-maria-chest-pain')],
        outcome: { text: 'Normal sinus rhythm, rate 76. No acute ST changes.' },
      });
    }
  }
  const james = byId.get('james');
  if (james) {
    out.push({
      resourceType: 'Procedure',
      id: 'proc-james-appendectomy',
      status: 'completed',
      code: snomed('80146002', 'Appendectomy', 'Appendix removed (laparoscopic)'),
      subject: patientRef(james),
      performedDateTime: isoDate(yearsBefore(ctx.today, 12, 8, 3)),
      note: [{ text: 'Performed at another hospital; reported by the patient.' }],
    });
  }
  return out;
}

export function buildClinical(ctx: ClinicalContext): ClinicalResult {
  const byId = new Map(ctx.profiles.map((p) => [p.id as string, p]));
  const immunizations = buildImmunizations(ctx);
  const prescriptions = buildPrescriptions(ctx, byId);
  return {
    resources: [
      ...buildConditions(ctx, byId),
      ...buildAllergies(ctx, byId),
      ...immunizations.resources,
      ...prescriptions,
      ...buildProcedures(ctx, byId),
      ...buildVitals(ctx),
      ...buildYearlyVitals(ctx),
    ],
    immunizations: immunizations.summaries,
    prescriptions,
  };
}
