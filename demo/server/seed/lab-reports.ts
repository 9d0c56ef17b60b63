/**
 * Turns one lab draw into FHIR: the order (a ServiceRequest per panel, by the ordering clinician),
 * the Specimen(s) collected, a DiagnosticReport per panel, an Observation per result with its
 * reference range and interpretation, and the printable report where the lab sends one (in
 * `presentedForm`, or as a DocumentReference pointing at the report), its PDF in a Binary either way:
 * as production servers do, a list of reports never carries the bytes of their PDFs.
 */
import type { Attachment, Binary, CodeableConcept, DiagnosticReport, DocumentReference, Observation, Reference, Resource, ServiceRequest, Specimen } from 'fhir/r4';
import { addDays, ageOn, isoDate, zonedDateTime, type LocalDate } from './calendar.js';
import type { IdAllocator } from './ids.js';
import {
  PANELS,
  analyte,
  analyteName,
  applicableRange,
  interpretQuantity,
  interpretationConcept,
  isSameCoded,
  referenceRangeFor,
  typicalValue,
  type Analyte,
  type PanelKey,
  type SpecimenKind,
} from './lab-catalog.js';
import { HOSPITAL_ID, LAB_ID } from './organizations.js';
import { patientRef, type PatientProfile } from './patients.js';
import { pdfAttachmentData } from './pdf.js';
import { clinician, clinicianName } from './practitioners.js';
import type { Random } from './random.js';
import { ref } from './references.js';
import { SYSTEM, concept, coding, loinc, ucum } from './terminology.js';

export type ResultValue = number | CodeableConcept | string;
export type ReportStatus = 'final' | 'amended' | 'corrected' | 'preliminary';

/** One visit to the lab: when the specimens were collected and which tests were run on them. */
export interface LabDraw {
  readonly patient: PatientProfile;
  /** The clinician who ordered and interprets the results (Practitioner id). */
  readonly interpreter: string;
  readonly date: LocalDate;
  readonly hour: number;
  readonly minute: number;
  readonly panels: readonly PanelKey[];
  /** Values to use instead of generated ones, by analyte key. */
  readonly values?: Readonly<Record<string, ResultValue>>;
  /** Typical values for this patient, by analyte key (generated values scatter around them). */
  readonly baselines?: Readonly<Record<string, number>>;
  readonly status?: Partial<Readonly<Record<PanelKey, ReportStatus>>>;
  /** Result statuses that differ from their report's, by analyte key. */
  readonly resultStatus?: Readonly<Record<string, Observation['status']>>;
  readonly notes?: Readonly<Record<string, string>>;
  /** Results flagged only by a sentence, with no interpretation code, by analyte key. */
  readonly interpretationText?: Readonly<Record<string, string>>;
  readonly conclusions?: Partial<Readonly<Record<PanelKey, string>>>;
  /** Panels reported as one panel Observation whose hasMember lists the results. */
  readonly asPanelObservation?: readonly PanelKey[];
  /** Panels whose report carries the printable PDF in presentedForm (`url: Binary/<id>`, the bytes in the Binary). */
  readonly withPdf?: readonly PanelKey[];
  /** Panels whose printable PDF is a DocumentReference (`context.related` → the report) with the PDF in a Binary. */
  readonly pdfAsDocument?: readonly PanelKey[];
  /** Minutes from collection to the report being issued. */
  readonly turnaroundMinutes?: number;
}

const SPECIMEN_TYPES: Readonly<Record<SpecimenKind, CodeableConcept>> = {
  blood: concept(SYSTEM.snomed, '122555007', 'Venous blood specimen', 'Blood'),
  serum: concept(SYSTEM.snomed, '119364003', 'Serum specimen', 'Serum'),
  urine: concept(SYSTEM.snomed, '122575003', 'Urine specimen', 'Urine'),
};

const LAB_CATEGORY: CodeableConcept = { coding: [coding(SYSTEM.v2DiagnosticService, 'LAB', 'Laboratory')], text: 'Laboratory' };
const OBSERVATION_CATEGORY: CodeableConcept = {
  coding: [coding(SYSTEM.observationCategory, 'laboratory', 'Laboratory')],
  text: 'Laboratory',
};

/** How labs file the orders they run (SNOMED CT "Laboratory procedure"). */
const ORDER_CATEGORY: CodeableConcept = { coding: [coding(SYSTEM.snomed, '108252007', 'Laboratory procedure')], text: 'Lab test' };
/** The document type of a printed lab report (LOINC 11502-2). */
const LAB_REPORT_DOCUMENT = loinc('11502-2', 'Laboratory report', 'Lab report');

const pad2 = (n: number): string => String(n).padStart(2, '0');

function analyteCode(a: Analyte): CodeableConcept {
  return loinc(a.loinc, a.display, analyteName(a));
}

/** A value near the patient's baseline (or the middle of the range), rounded like the lab reports it. */
function generatedValue(a: Analyte, draw: LabDraw, age: number, random: Random): ResultValue {
  if (a.kind === 'coded') return a.normal;
  if (a.kind === 'text') return a.normal;
  const rule = applicableRange(a, draw.patient.gender, age);
  const baseline = draw.baselines?.[a.key] ?? typicalValue(rule);
  const spread = rule?.low !== undefined && rule.high !== undefined ? (rule.high - rule.low) / 9 : baseline * 0.07;
  const value = random.normal(baseline, spread);
  return Number(Math.max(value, 0).toFixed(a.decimals));
}

interface BuiltResult {
  readonly observation: Observation;
  readonly line: string;
}

function buildResult(
  id: string,
  a: Analyte,
  value: ResultValue,
  draw: LabDraw,
  status: Observation['status'],
  common: Pick<Observation, 'subject' | 'effectiveDateTime' | 'issued' | 'performer' | 'specimen'>,
  age: number,
): BuiltResult {
  const observation: Observation = {
    resourceType: 'Observation',
    id,
    status,
    category: [OBSERVATION_CATEGORY],
    code: analyteCode(a),
    ...common,
  };
  let shown: string;
  let rangeText = '';
  let flag = '';
  if (a.kind === 'quantity') {
    if (typeof value !== 'number') throw new Error(`${a.key} needs a number`);
    observation.valueQuantity = a.unit ? ucum(value, a.unit, a.ucum) : { value, system: SYSTEM.ucum, code: a.ucum };
    const rule = applicableRange(a, draw.patient.gender, age);
    if (rule) {
      const range = referenceRangeFor(a, rule);
      observation.referenceRange = [range];
      rangeText = range.text ?? '';
    }
    const code = interpretQuantity(a, value, rule);
    observation.interpretation = [interpretationConcept(code)];
    shown = `${value.toFixed(a.decimals)}${a.unit ? ` ${a.unit}` : ''}`;
    flag = code === 'N' ? '' : code;
  } else if (a.kind === 'coded') {
    if (typeof value !== 'object') throw new Error(`${a.key} needs a CodeableConcept`);
    observation.valueCodeableConcept = value;
    observation.referenceRange = [{ text: a.rangeText }];
    const code = isSameCoded(value, a.normal) ? 'N' : 'A';
    observation.interpretation = [interpretationConcept(code)];
    shown = value.text ?? value.coding?.[0]?.display ?? '';
    rangeText = a.rangeText;
    flag = code === 'N' ? '' : code;
  } else {
    if (typeof value !== 'string') throw new Error(`${a.key} needs a string`);
    observation.valueString = value;
    observation.referenceRange = [{ text: a.rangeText }];
    shown = value;
    rangeText = a.rangeText;
    if (value === a.normal) observation.interpretation = [interpretationConcept('N')];
  }
  const interpretationText = draw.interpretationText?.[a.key];
  if (interpretationText !== undefined) {
    observation.interpretation = [{ text: interpretationText }];
    flag = interpretationText;
  }
  const note = draw.notes?.[a.key];
  if (note !== undefined) observation.note = [{ text: note, time: common.issued }];
  const line = `${analyteName(a)}: ${shown}${flag ? `  [${flag}]` : ''}${rangeText ? `   (reference: ${rangeText})` : ''}`;
  return { observation, line };
}

/** Every resource one draw produces. */
export function buildLabDraw(draw: LabDraw, ids: IdAllocator, random: Random): Resource[] {
  const resources: Resource[] = [];
  const p = draw.patient;
  const age = ageOn(p.birthDate, draw.date);
  const collected = zonedDateTime(draw.date, draw.hour, draw.minute);
  const received = zonedDateTime(draw.date, draw.hour, draw.minute + 35);
  const issued = zonedDateTime(draw.date, draw.hour, draw.minute + (draw.turnaroundMinutes ?? 300));
  const subject = patientRef(p);
  const interpreter = clinician(draw.interpreter);
  const stem = `${p.id}-${draw.date.year}-${pad2(draw.date.month)}`;

  const specimens = new Map<SpecimenKind, Reference>();
  const specimenFor = (kind: SpecimenKind): Reference => {
    const existing = specimens.get(kind);
    if (existing) return existing;
    const id = ids.allocate(`spec-${p.id}-${isoDate(draw.date)}-${kind}`);
    const specimen: Specimen = {
      resourceType: 'Specimen',
      id,
      status: 'available',
      accessionIdentifier: { system: SYSTEM.accession, value: `${String(draw.date.year).slice(2)}-${random.code(7, '0123456789')}` },
      type: SPECIMEN_TYPES[kind],
      subject,
      receivedTime: received,
      collection: {
        collectedDateTime: collected,
        ...(kind === 'urine'
          ? { method: concept('http://terminology.hl7.org/CodeSystem/v2-0488', 'CLCT', 'Clean Catch', 'Clean catch') }
          : { bodySite: concept(SYSTEM.snomed, '368208006', 'Left upper arm structure', 'Left arm') }),
      },
    };
    resources.push(specimen);
    const reference = ref('Specimen', id, SPECIMEN_TYPES[kind].text);
    specimens.set(kind, reference);
    return reference;
  };

  const ordered = zonedDateTime(addDays(draw.date, -7), 10, 15);
  for (const panelKey of draw.panels) {
    const panel = PANELS[panelKey];
    const reportId = ids.allocate(`dr-${stem}-${panelKey}`);
    const status = draw.status?.[panelKey] ?? 'final';
    const order: ServiceRequest = {
      resourceType: 'ServiceRequest',
      id: reportId.replace(/^dr-/, 'sr-'),
      status: status === 'preliminary' ? 'active' : 'completed',
      intent: 'order',
      category: [ORDER_CATEGORY],
      code: loinc(panel.loinc, panel.display, panel.text),
      subject,
      authoredOn: ordered,
      requester: ref('Practitioner', interpreter.id, clinicianName(interpreter)),
    };
    resources.push(order);
    const specimen = specimenFor(panel.specimen);
    const common = {
      subject,
      effectiveDateTime: collected,
      issued,
      performer: [ref('Organization', LAB_ID, 'Riverside Health Laboratory')],
      specimen,
    };
    const results: Observation[] = [];
    let resultRefs: Reference[] = [];
    const lines: string[] = [];
    for (const key of panel.members) {
      const a = analyte(key);
      const value = draw.values?.[key] ?? generatedValue(a, draw, age, random);
      const resultStatus = draw.resultStatus?.[key] ?? (status === 'preliminary' ? 'preliminary' : 'final');
      const built = buildResult(`${reportId.replace(/^dr-/, 'obs-')}-${key}`, a, value, draw, resultStatus, common, age);
      results.push(built.observation);
      resultRefs.push(ref('Observation', built.observation.id!, analyteName(a)));
      lines.push(built.line);
    }
    resources.push(...results);

    if (draw.asPanelObservation?.includes(panelKey)) {
      const panelObservation: Observation = {
        resourceType: 'Observation',
        id: `${reportId.replace(/^dr-/, 'obs-')}-panel`,
        status: status === 'preliminary' ? 'preliminary' : 'final',
        category: [OBSERVATION_CATEGORY],
        code: loinc(panel.loinc, panel.display, panel.text),
        subject,
        effectiveDateTime: collected,
        issued,
        performer: common.performer,
        specimen,
        hasMember: resultRefs,
      };
      resources.push(panelObservation);
      resultRefs = [ref('Observation', panelObservation.id!, panel.text)];
    }

    const report: DiagnosticReport = {
      resourceType: 'DiagnosticReport',
      id: reportId,
      status,
      category: [LAB_CATEGORY],
      code: loinc(panel.loinc, panel.display, panel.text),
      subject,
      effectiveDateTime: collected,
      issued,
      performer: [ref('Organization', LAB_ID, 'Riverside Health Laboratory')],
      resultsInterpreter: [ref('Practitioner', interpreter.id, clinicianName(interpreter))],
      specimen: [specimen],
      // The order is referenced without a display: clients read who ordered it from the ServiceRequest.
      basedOn: [ref('ServiceRequest', order.id!)],
      result: resultRefs,
    };
    const conclusion = draw.conclusions?.[panelKey];
    if (conclusion) report.conclusion = conclusion;
    const presented = draw.withPdf?.includes(panelKey) ? reportForm(report, reportPdf(draw, panel.text, lines, collected, issued, status, conclusion)) : undefined;
    if (presented) report.presentedForm = [presented[0]];
    resources.push(report);
    if (presented) resources.push(presented[1]);
    if (draw.pdfAsDocument?.includes(panelKey)) resources.push(...reportDocument(report, reportPdf(draw, panel.text, lines, collected, issued, status, conclusion)));
  }
  return resources;
}

/** The printed report in the report's own `presentedForm`: its PDF in a Binary of the report, pointed at by `url`. */
function reportForm(report: DiagnosticReport, pdf: Attachment): [Attachment, Binary] {
  const binaryId = report.id!.replace(/^dr-/, 'bin-lab-form-');
  const { data, ...attachment } = pdf;
  const binary: Binary = { resourceType: 'Binary', id: binaryId, contentType: 'application/pdf', securityContext: ref('DiagnosticReport', report.id!), data };
  return [{ ...attachment, url: `Binary/${binaryId}` }, binary];
}

/** The printed report as a document: a DocumentReference pointing at the report, its PDF in a Binary. */
function reportDocument(report: DiagnosticReport, pdf: Attachment): [DocumentReference, Binary] {
  const id = report.id!.replace(/^dr-/, 'doc-lab-');
  const binaryId = id.replace(/^doc-/, 'bin-');
  const { data, ...attachment } = pdf;
  const documentReference: DocumentReference = {
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    docStatus: report.status === 'preliminary' ? 'preliminary' : report.status === 'final' ? 'final' : 'amended',
    type: LAB_REPORT_DOCUMENT,
    category: [LAB_CATEGORY],
    subject: report.subject,
    date: report.issued,
    author: [ref('Organization', LAB_ID, 'Riverside Health Laboratory')],
    custodian: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
    description: pdf.title?.replace(/\.pdf$/, ''),
    content: [{ attachment: { ...attachment, url: `Binary/${binaryId}` } }],
    context: { related: [ref('DiagnosticReport', report.id!)], period: { start: report.effectiveDateTime } },
  };
  const binary: Binary = { resourceType: 'Binary', id: binaryId, contentType: 'application/pdf', securityContext: ref('DocumentReference', id), data };
  return [documentReference, binary];
}

function reportPdf(
  draw: LabDraw,
  title: string,
  lines: readonly string[],
  collected: string,
  issued: string,
  status: ReportStatus,
  conclusion: string | undefined,
): Attachment {
  const p = draw.patient;
  const when = (instant: string): string => `${instant.slice(0, 10)} ${instant.slice(11, 16)}`;
  const content = {
    title: `${title} — laboratory report`,
    subtitle: `Riverside Health Laboratory · 1200 River Road, Poughkeepsie, NY 12601 · CLIA 33D2098765`,
    date: isoDate(draw.date),
    lines: [
      `Patient: ${p.given.join(' ')} ${p.family}    Date of birth: ${isoDate(p.birthDate)}    MRN: ${p.mrn}`,
      `Collected: ${when(collected)}    Reported: ${when(issued)} (Eastern Time)    Status: ${status}`,
      `Ordering clinician: ${clinicianName(clinician(draw.interpreter))}`,
      '',
      `# Results`,
      ...lines,
      ...(conclusion ? ['', '# Comment', conclusion] : []),
      '',
      'Flags: H high, L low, HH critical high, LL critical low, A abnormal.',
      'Questions about these results? Message your care team in the patient portal or call +1 845-555-0100.',
    ],
  };
  const { data, size } = pdfAttachmentData(content);
  return {
    contentType: 'application/pdf',
    language: 'en-US',
    data,
    size,
    title: `${title} — ${isoDate(draw.date)}.pdf`,
    creation: issued,
  };
}
