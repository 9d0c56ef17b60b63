/**
 * Documents patients can download: visit summaries (a PDF and the same as an HTML page: one
 * DocumentReference with two attachments), a referral letter, immunization records (the current one
 * replacing an earlier, superseded one) and clinical notes (progress notes as plain text), each
 * attachment pointing at a Binary generated here.
 */
import type { Binary, CodeableConcept, DocumentReference, Resource } from 'fhir/r4';
import { addDays, daysBetween, isoDate, zonedDateTime, type LocalDate } from './calendar.js';
import type { ImmunizationSummary } from './immunizations.js';
import { HOSPITAL_ID, LOCATION_NAMES } from './organizations.js';
import { fullName, type PatientProfile } from './patients.js';
import { renderHtmlDocument, textAttachmentData } from './html-document.js';
import { pdfAttachmentData, type PdfContent } from './pdf.js';
import { clinician, clinicianName, specialtyConcept, type Clinician } from './practitioners.js';
import { ref } from './references.js';
import type { Visit } from './scheduling.js';
import { SYSTEM, coding, loinc } from './terminology.js';
import { visitTypeDisplay } from './visit-types.js';

export interface DocumentContext {
  readonly today: LocalDate;
  readonly profiles: readonly PatientProfile[];
  readonly visits: readonly Visit[];
  readonly immunizations: readonly ImmunizationSummary[];
}

const DOCUMENT_TYPES = {
  summary: loinc('34133-9', 'Summary of episode note', 'Visit summary'),
  progress: loinc('11506-3', 'Progress note', 'Progress note'),
  referral: loinc('57133-1', 'Referral note', 'Referral letter'),
  immunizations: loinc('11369-6', 'History of Immunization Narrative', 'Immunization record'),
} as const;

const CLINICAL_NOTE: CodeableConcept = {
  coding: [coding(SYSTEM.documentCategory, 'clinical-note', 'Clinical Note')],
  text: 'Clinical note',
};

/** What the clinician wrote for the visits that have a summary, by visit key. */
const VISIT_NOTES: Readonly<Record<string, { readonly assessment: readonly string[]; readonly plan: readonly string[] }>> = {
  'maria-chest': {
    assessment: [
      'Tightness in the chest after two flights of stairs for about two weeks, gone with rest. No pain at rest.',
      'ECG today: normal sinus rhythm, no acute changes. Blood pressure 132/82.',
      'Diabetes improving: A1c 6.9%. LDL 94 mg/dL on atorvastatin.',
    ],
    plan: [
      'Referral to cardiology (Dr. Thomas Nguyen) for an exercise stress test.',
      'Start insulin glargine 10 units at bedtime; titrate by 2 units every 3 days to a fasting sugar of 80–130.',
      'Call 911 for chest pain at rest, pain lasting more than 5 minutes, or pain with shortness of breath or sweating.',
      'Follow-up in 3 months with labs (A1c, BMP) one week before.',
    ],
  },
  'maria-sick': {
    assessment: ['Cough and sore throat for 4 days, no fever, lungs clear. Likely viral bronchitis.', 'Fingerstick glucose 187 mg/dL (after breakfast).'],
    plan: ['Rest, fluids, honey for cough. No antibiotics needed.', 'Check blood sugar twice a day while sick.', 'Return if fever over 38.5 °C, shortness of breath, or cough lasting more than 3 weeks.'],
  },
  'james-physical-330': {
    assessment: ['Healthy adult. Blood pressure 122/78. BMI 26.5.', 'LDL 143 mg/dL, triglycerides 180 mg/dL: improved since last year.'],
    plan: ['Exercise 150 minutes a week; fewer refined carbohydrates.', 'Recheck lipids at next physical.', 'Flu shot each fall.'],
  },
  'leo-throat': {
    assessment: ['Sore throat and mild fever for 2 days. Rapid strep test negative. Viral pharyngitis.'],
    plan: ['Acetaminophen or ibuprofen for pain and fever, weight-based dosing.', 'Back to school when fever-free for 24 hours.', 'Call if he cannot swallow liquids or has trouble breathing.'],
  },
  'aisha-skin': {
    assessment: ['Itchy dry patches on both forearms for 6 weeks. Consistent with eczema (atopic dermatitis).'],
    plan: ['Fragrance-free moisturizer twice a day; lukewarm showers.', 'Hydrocortisone 1% cream twice a day for up to 2 weeks on flares.', 'Follow-up in 3 months.'],
  },
  'large-followup-30': {
    assessment: ['Type 2 diabetes, stable. Kidney function slowly declining (eGFR in the 40s).'],
    plan: ['Continue metformin at the current dose; review if eGFR falls below 30.', 'Nephrology referral discussed.'],
  },
};

function patientHeader(p: PatientProfile): string {
  return `Patient: ${p.given.join(' ')} ${p.family}    Date of birth: ${isoDate(p.birthDate)}    MRN: ${p.mrn}`;
}

interface DocumentSpec {
  readonly id: string;
  readonly patient: PatientProfile;
  readonly type: CodeableConcept;
  readonly description: string;
  readonly date: string;
  readonly author: Clinician;
  readonly pdf: PdfContent;
  readonly visit?: Visit;
  /** Also the same content as an HTML page, a second attachment (visit summaries). */
  readonly html?: boolean;
  /** Plain text instead of a PDF (clinical notes). */
  readonly text?: string;
  readonly status?: DocumentReference['status'];
  /** The earlier document this one replaces. */
  readonly replaces?: string;
}

/** A Binary of the document `documentId`. */
function binaryOf(id: string, documentId: string, contentType: string, data: string): Binary {
  return { resourceType: 'Binary', id, contentType, securityContext: ref('DocumentReference', documentId), data };
}

function buildDocument(spec: DocumentSpec): Resource[] {
  const binaryId = spec.id.replace(/^doc-/, 'bin-');
  const { data, size } = spec.text === undefined ? pdfAttachmentData(spec.pdf) : textAttachmentData(spec.text);
  const contentType = spec.text === undefined ? 'application/pdf' : 'text/plain; charset=utf-8';
  const html = spec.html ? textAttachmentData(renderHtmlDocument(spec.pdf)) : undefined;
  const documentReference: DocumentReference = {
    resourceType: 'DocumentReference',
    id: spec.id,
    status: spec.status ?? 'current',
    docStatus: 'final',
    type: spec.type,
    category: [CLINICAL_NOTE],
    subject: ref('Patient', spec.patient.id, fullName(spec.patient)),
    date: spec.date,
    author: [ref('Practitioner', spec.author.id, clinicianName(spec.author))],
    authenticator: ref('Practitioner', spec.author.id, clinicianName(spec.author)),
    custodian: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
    description: spec.description,
    content: [
      {
        attachment: {
          contentType,
          language: 'en-US',
          url: `Binary/${binaryId}`,
          size,
          title: `${spec.description}.${spec.text === undefined ? 'pdf' : 'txt'}`,
          creation: spec.date,
        },
      },
      ...(html ? [{ attachment: { contentType: 'text/html', language: 'en-US', url: `Binary/${binaryId}-html`, size: html.size, title: `${spec.description}.html`, creation: spec.date } }] : []),
    ],
    ...(spec.replaces ? { relatesTo: [{ code: 'replaces' as const, target: ref('DocumentReference', spec.replaces) }] } : {}),
    ...(spec.visit?.encounterId
      ? {
          context: {
            encounter: [ref('Encounter', spec.visit.encounterId)],
            period: { start: spec.visit.start, end: spec.visit.end },
            practiceSetting: specialtyConcept(spec.visit.clinician),
          },
        }
      : {}),
  };
  return [documentReference, binaryOf(binaryId, spec.id, contentType, data), ...(html ? [binaryOf(`${binaryId}-html`, spec.id, 'text/html', html.data)] : [])];
}

function visitSummary(v: Visit): DocumentSpec {
  const note = VISIT_NOTES[v.key]!;
  const description = `Visit summary — ${visitTypeDisplay(v.visitType)}, ${isoDate(v.date)}`;
  return {
    id: `doc-${v.encounterId!.replace(/^enc-/, '')}-visit-summary`,
    patient: v.patient,
    type: DOCUMENT_TYPES.summary,
    description,
    date: zonedDateTime(v.date, 17, 45),
    author: v.clinician,
    visit: v,
    html: true,
    pdf: {
      title: 'Visit summary',
      subtitle: `Riverside Health · ${LOCATION_NAMES[v.location]}`,
      date: isoDate(v.date),
      lines: [
        patientHeader(v.patient),
        `Visit: ${visitTypeDisplay(v.visitType)} on ${isoDate(v.date)} at ${v.start.slice(11, 16)} with ${clinicianName(v.clinician)}`,
        `Reason for visit: ${v.reason}`,
        '',
        '# What we found',
        ...note.assessment.map((l) => `• ${l}`),
        '',
        '# Your care plan',
        ...note.plan.map((l) => `• ${l}`),
        '',
        'Questions? Send a message to your care team in the patient portal or call +1 845-555-0100.',
      ],
    },
  };
}

function referralLetter(v: Visit): DocumentSpec {
  const to = clinician('dr-nguyen');
  const p = v.patient;
  return {
    id: `doc-${p.id}-${isoDate(v.date)}-referral-cardiology`,
    patient: p,
    type: DOCUMENT_TYPES.referral,
    description: `Referral letter to cardiology — ${clinicianName(to)}`,
    date: zonedDateTime(v.date, 18, 10),
    author: v.clinician,
    visit: v,
    pdf: {
      title: 'Referral to cardiology',
      subtitle: `Riverside Health · Internal Medicine · ${LOCATION_NAMES[v.location]}`,
      date: isoDate(v.date),
      lines: [
        `To: ${clinicianName(to)}, Cardiology, Riverside Main Campus`,
        `From: ${clinicianName(v.clinician)}, Internal Medicine`,
        `Date: ${isoDate(v.date)}`,
        patientHeader(p),
        '',
        `Dear Dr. ${to.family},`,
        '',
        `Thank you for seeing ${p.given[0]} ${p.family}, a ${v.ageYears}-year-old woman with type 2 diabetes, hypertension and hyperlipidemia, ` +
          'who reports two weeks of chest tightness on exertion (two flights of stairs), relieved by rest within minutes.',
        '',
        '# Findings',
        '• ECG today: normal sinus rhythm, rate 76, no ST changes.',
        '• Blood pressure 132/82 on lisinopril 10 mg. BMI 30.',
        '• Latest A1c 6.9%; LDL 94 mg/dL on atorvastatin 20 mg. Potassium 6.4 mmol/L last year, normal on repeat.',
        '• Allergy: penicillin (rash).',
        '',
        '# Question',
        'Please evaluate for stable angina; an exercise stress test would help. I would appreciate your advice on aspirin and statin intensity.',
        '',
        'Sincerely,',
        `${v.clinician.given[0]} ${v.clinician.family}, ${v.clinician.degree}`,
      ],
    },
  };
}

/** The clinician's progress note of a visit, as plain text (US Core clinical note, LOINC 11506-3). */
function progressNote(v: Visit): DocumentSpec {
  const note = VISIT_NOTES[v.key]!;
  const lines = [
    `Progress note — ${visitTypeDisplay(v.visitType)}, ${isoDate(v.date)}`,
    patientHeader(v.patient),
    `Clinician: ${clinicianName(v.clinician)}`,
    '',
    `Subjective: ${v.reason}`,
    '',
    'Assessment:',
    ...note.assessment.map((l) => `- ${l}`),
    '',
    'Plan:',
    ...note.plan.map((l) => `- ${l}`),
    '',
    `Electronically signed by ${clinicianName(v.clinician)}.`,
  ];
  return {
    id: `doc-${v.encounterId!.replace(/^enc-/, '')}-progress-note`,
    patient: v.patient,
    type: DOCUMENT_TYPES.progress,
    description: `Progress note — ${visitTypeDisplay(v.visitType)}, ${isoDate(v.date)}`,
    date: zonedDateTime(v.date, 17, 30),
    author: v.clinician,
    visit: v,
    pdf: { title: 'Progress note', lines },
    text: `${lines.join('\n')}\n`,
  };
}

function immunizationRecord(p: PatientProfile, doses: readonly ImmunizationSummary[], asOf: LocalDate, options: { id?: string; status?: DocumentReference['status']; replaces?: string } = {}): DocumentSpec {
  const author = clinician(p.pcp);
  const sorted = [...doses].sort((a, b) => daysBetween(b.date, a.date));
  return {
    ...options,
    id: options.id ?? `doc-${p.id}-immunization-record`,
    patient: p,
    type: DOCUMENT_TYPES.immunizations,
    description: `Immunization record as of ${isoDate(asOf)}`,
    date: zonedDateTime(asOf, 9, 0),
    author,
    pdf: {
      title: 'Immunization record',
      subtitle: 'Riverside Health · official record of vaccines given or reported',
      date: isoDate(asOf),
      lines: [
        patientHeader(p),
        `Primary care: ${clinicianName(author)}    Record as of: ${isoDate(asOf)}`,
        '',
        '# Vaccines',
        ...sorted.map((d) => `${isoDate(d.date)}   ${d.vaccine}${d.dose ? `, dose ${d.dose}` : ''}${d.lotNumber ? `   (lot ${d.lotNumber})` : '   (reported)'}`),
        '',
        `Signed electronically by ${clinicianName(author)}.`,
      ],
    },
  };
}

/** How long before the current immunization record its superseded one was issued. */
const EARLIER_RECORD_DAYS = 365;

export function buildDocuments(ctx: DocumentContext): Resource[] {
  const resources: Resource[] = [];
  for (const v of ctx.visits) {
    if (v.encounterId && VISIT_NOTES[v.key]) resources.push(...buildDocument(visitSummary(v)));
    if (v.key === 'maria-chest' && v.encounterId) resources.push(...buildDocument(referralLetter(v)));
  }
  const earlierRecords: Resource[] = [];
  for (const p of ctx.profiles) {
    const asOf = addDays(ctx.today, -7);
    const doses = ctx.immunizations.filter((d) => d.patient === p.id && daysBetween(d.date, asOf) >= 0);
    if (doses.length === 0 || p.id === 'large') continue;
    // The record issued a year earlier, superseded by the current one (which says it replaces it).
    const earlierAsOf = addDays(asOf, -EARLIER_RECORD_DAYS);
    const earlierDoses = doses.filter((d) => daysBetween(d.date, earlierAsOf) >= 0);
    const earlierId = `doc-${p.id}-immunization-record-${isoDate(earlierAsOf)}`;
    const hasEarlier = earlierDoses.length > 0;
    resources.push(...buildDocument(immunizationRecord(p, doses, asOf, hasEarlier ? { replaces: earlierId } : {})));
    if (hasEarlier) earlierRecords.push(...buildDocument(immunizationRecord(p, earlierDoses, earlierAsOf, { id: earlierId, status: 'superseded' })));
  }
  // Added after the documents above, so their order stays as it was.
  for (const v of ctx.visits) if (v.encounterId && VISIT_NOTES[v.key] && v.patient.id !== 'large') resources.push(...buildDocument(progressNote(v)));
  resources.push(...earlierRecords);
  return resources;
}
