/**
 * `Patient/$summary` (HL7 IPS): the patient's summary as a `document` Bundle assembled from their
 * record at the time of asking: a Composition (LOINC 60591-5) with the IPS sections that have data
 * (problems, allergies, medications, immunizations, results, vital signs; the three required ones say
 * "no information" when empty), each with a readable narrative, then the Patient and every resource
 * the sections name. Only what the token's scopes let it read goes in.
 */
import type { Bundle, BundleEntry, CodeableConcept, Composition, CompositionSection, Condition, Observation, Patient, Resource } from '@medplum/fhirtypes';
import type { FhirCall } from './bundles.js';
import { problem, type RequestContext } from './interactions.js';
import { findVisible } from './patient-search.js';
import type { Answer } from './reads.js';
import { operationPatient } from './record-operations.js';

const LOINC = 'http://loinc.org';
/** At most this many results and vital signs: the latest of each test. */
const MAX_LATEST = 40;

interface SectionSpec {
  readonly title: string;
  readonly code: string;
  readonly display: string;
  /** Required by IPS: present, with an empty reason, when the record holds nothing. */
  readonly required: boolean;
  readonly collect: (context: RequestContext, patient: string) => Promise<Resource[]>;
  readonly line: (resource: Resource) => string;
}

const all = (type: string, query: string[][] = []) => (context: RequestContext, patient: string) =>
  context.access.allowsType(type, 's') ? findVisible(context, type, new URLSearchParams([['patient', `Patient/${patient}`], ...query]), 1000) : Promise.resolve([]);

/** The newest Observation of each code in a category. */
const latest = (category: string) => async (context: RequestContext, patient: string) => {
  const found = (await all('Observation', [['category', category]])(context, patient)) as Observation[];
  const byCode = new Map<string, Observation>();
  for (const o of found) {
    const key = o.code?.coding?.[0]?.code ?? o.code?.text ?? o.id!;
    const prior = byCode.get(key);
    if (!prior || when(o) > when(prior)) byCode.set(key, o);
  }
  return [...byCode.values()].sort((a, b) => (when(b) < when(a) ? -1 : 1)).slice(0, MAX_LATEST);
};

function when(resource: Resource): string {
  const r = resource as { effectiveDateTime?: string; occurrenceDateTime?: string; authoredOn?: string; recordedDate?: string; onsetDateTime?: string };
  return r.effectiveDateTime ?? r.occurrenceDateTime ?? r.authoredOn ?? r.recordedDate ?? r.onsetDateTime ?? '';
}

function text(concept: CodeableConcept | undefined): string {
  return concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.[0]?.code ?? 'Unnamed';
}

function valueText(o: Observation): string {
  if (o.valueQuantity) return `${o.valueQuantity.value ?? ''} ${o.valueQuantity.unit ?? o.valueQuantity.code ?? ''}`.trim();
  if (o.valueString) return o.valueString;
  if (o.valueCodeableConcept) return text(o.valueCodeableConcept);
  const parts = (o.component ?? []).map((c) => (c.valueQuantity ? `${c.valueQuantity.value ?? ''}` : '')).filter(Boolean);
  return parts.length ? `${parts.join('/')} ${o.component?.[0]?.valueQuantity?.unit ?? ''}`.trim() : '';
}

const dated = (resource: Resource, label: string) => (when(resource) ? `${label} (${when(resource).slice(0, 10)})` : label);

const SECTIONS: readonly SectionSpec[] = [
  {
    title: 'Problems',
    code: '11450-4',
    display: 'Problem list - Reported',
    required: true,
    // A condition ruled out or entered in error is not one of the patient's problems.
    collect: async (context, patient) =>
      (await all('Condition')(context, patient)).filter((r) => !(r as Condition).verificationStatus?.coding?.some((c) => c.code === 'refuted' || c.code === 'entered-in-error')),
    line: (r) => dated(r, text((r as { code?: CodeableConcept }).code)),
  },
  {
    title: 'Allergies and intolerances',
    code: '48765-2',
    display: 'Allergies and adverse reactions Document',
    required: true,
    collect: all('AllergyIntolerance'),
    line: (r) => {
      const reaction = (r as { reaction?: { manifestation?: CodeableConcept[] }[] }).reaction?.[0]?.manifestation?.[0];
      return `${text((r as { code?: CodeableConcept }).code)}${reaction ? `: ${text(reaction)}` : ''}`;
    },
  },
  {
    title: 'Medications',
    code: '10160-0',
    display: 'History of Medication use Narrative',
    required: true,
    collect: all('MedicationRequest', [['status', 'active']]),
    line: (r) => {
      const request = r as { medicationCodeableConcept?: CodeableConcept; medicationReference?: { display?: string }; dosageInstruction?: { text?: string }[] };
      const name = request.medicationCodeableConcept ? text(request.medicationCodeableConcept) : (request.medicationReference?.display ?? 'Medication');
      const dose = request.dosageInstruction?.[0]?.text;
      return dose ? `${name}: ${dose}` : name;
    },
  },
  {
    title: 'Immunizations',
    code: '11369-6',
    display: 'History of Immunization Narrative',
    required: false,
    collect: all('Immunization'),
    line: (r) => dated(r, text((r as { vaccineCode?: CodeableConcept }).vaccineCode)),
  },
  {
    title: 'Results',
    code: '30954-2',
    display: 'Relevant diagnostic tests/laboratory data Narrative',
    required: false,
    collect: latest('laboratory'),
    line: (r) => dated(r, `${text((r as Observation).code)}: ${valueText(r as Observation)}`),
  },
  {
    title: 'Vital signs',
    code: '8716-3',
    display: 'Vital signs',
    required: false,
    collect: latest('vital-signs'),
    line: (r) => dated(r, `${text((r as Observation).code)}: ${valueText(r as Observation)}`),
  },
];

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function section(spec: SectionSpec, resources: readonly Resource[], baseUrl: string): CompositionSection {
  const items = resources.map((r) => `<li>${escapeHtml(spec.line(r))}</li>`).join('');
  return {
    title: spec.title,
    code: { coding: [{ system: LOINC, code: spec.code, display: spec.display }] },
    text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${resources.length ? `<ul>${items}</ul>` : '<p>No information</p>'}</div>` },
    ...(resources.length
      ? { entry: resources.map((r) => ({ reference: `${baseUrl}/${r.resourceType}/${r.id}` })) }
      : { emptyReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code: 'unavailable', display: 'Unavailable' }] } }),
  };
}

/** `Patient/$summary` and `Patient/<id>/$summary` (GET or POST): the IPS document of the token's patient. */
export async function patientSummary(context: RequestContext, call: FhirCall): Promise<Answer> {
  if (call.method !== 'GET' && call.method !== 'POST') throw problem(405, 'not-supported', '$summary is called with GET or POST.');
  const patient = operationPatient(context, call);
  const subject = (await context.repo.readResource('Patient', patient)) as Patient;
  const now = new Date().toISOString();
  const sections: CompositionSection[] = [];
  const entries: Resource[] = [];
  for (const spec of SECTIONS) {
    const resources = await spec.collect(context, patient);
    if (!resources.length && !spec.required) continue;
    sections.push(section(spec, resources, context.baseUrl));
    for (const r of resources) if (!entries.some((e) => e.resourceType === r.resourceType && e.id === r.id)) entries.push(r);
  }
  const name = subject.name?.[0];
  const displayName = name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  const compositionId = crypto.randomUUID();
  const composition: Composition = {
    resourceType: 'Composition',
    status: 'final',
    type: { coding: [{ system: LOINC, code: '60591-5', display: 'Patient summary Document' }] },
    subject: { reference: `${context.baseUrl}/Patient/${patient}`, display: displayName },
    date: now,
    author: [{ display: 'Riverside Health (generated by the patient portal server)' }],
    title: `Patient summary${displayName ? ` — ${displayName}` : ''}`,
    confidentiality: 'N',
    section: sections,
  };
  const entry: BundleEntry[] = [
    { fullUrl: `urn:uuid:${compositionId}`, resource: composition },
    { fullUrl: `${context.baseUrl}/Patient/${patient}`, resource: subject },
    ...entries.map((resource): BundleEntry => ({ fullUrl: `${context.baseUrl}/${resource.resourceType}/${resource.id}`, resource })),
  ];
  const bundle: Bundle = { resourceType: 'Bundle', type: 'document', identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${crypto.randomUUID()}` }, timestamp: now, entry };
  return [200, bundle, {}];
}
