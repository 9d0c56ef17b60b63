/**
 * The printable summary's data: the patient, their problems, allergies, medications, immunizations,
 * recent results, recent visits and care team. From the server's International Patient Summary
 * (`Patient/$summary`) where it offers one, with visits and the care team searched beside it; else
 * from one search per section, all at once.
 */
import type {
  AllergyIntolerance,
  Bundle,
  CareTeam,
  Composition,
  CompositionSection,
  Condition,
  Encounter,
  Immunization,
  MedicationRequest,
  Observation,
  Patient,
  Resource,
} from 'fhir/r4';
import { isFhirError, isNoKnownAllergy, type FhirClient, type SearchParams } from '@portico/core';

/** The summary's sections, in the order they are printed. */
export const SUMMARY_SECTIONS = ['problems', 'allergies', 'medications', 'immunizations', 'results', 'visits', 'careTeam'] as const;
export type SummarySectionName = (typeof SUMMARY_SECTIONS)[number];

/** The resource type of each section. */
interface SectionTypes {
  problems: Condition;
  allergies: AllergyIntolerance;
  medications: MedicationRequest;
  immunizations: Immunization;
  results: Observation;
  visits: Encounter;
  careTeam: CareTeam;
}

/** One section: its resources, or why there are none to show. */
export interface SummarySection<T extends Resource = Resource> {
  resources: T[];
  /** The server did not give this part (the sign-in does not allow it, or it failed). */
  missing?: boolean;
  /** The server says there is nothing (an IPS `emptyReason` of `nilknown`, or only "no known allergy" records). */
  noneKnown?: boolean;
}

export interface RecordSummary {
  /** Where the sections came from. */
  source: 'ips' | 'searches';
  /** When the summary was made: the IPS Composition's date, else now. */
  date: string;
  patient?: Patient;
  sections: { [K in SummarySectionName]: SummarySection<SectionTypes[K]> };
}

/** How many recent results and visits are printed. */
export const RECENT_RESULTS = 20;
export const RECENT_VISITS = 10;

/** The IPS sections by their LOINC code. */
const IPS_SECTIONS: Readonly<Record<string, SummarySectionName>> = {
  '11450-4': 'problems',
  '48765-2': 'allergies',
  '10160-0': 'medications',
  '11369-6': 'immunizations',
  '30954-2': 'results',
};

/** The date a resource is about, for ordering: when it happened, else when it was recorded. */
export function resourceDate(resource: Resource): string {
  const r = resource as {
    effectiveDateTime?: string;
    effectivePeriod?: { start?: string };
    occurrenceDateTime?: string;
    authoredOn?: string;
    onsetDateTime?: string;
    recordedDate?: string;
    period?: { start?: string };
    issued?: string;
  };
  return r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.occurrenceDateTime ?? r.authoredOn ?? r.onsetDateTime ?? r.period?.start ?? r.recordedDate ?? r.issued ?? '';
}

const newestFirst = <T extends Resource>(resources: T[]) => [...resources].sort((a, b) => resourceDate(b).localeCompare(resourceDate(a)));

/** The newest result of each test, newest first, at most RECENT_RESULTS. */
export function recentResults(observations: readonly Observation[]): Observation[] {
  const byTest = new Map<string, Observation>();
  for (const o of newestFirst([...observations])) {
    const key = o.code?.coding?.[0] ? `${o.code.coding[0].system}|${o.code.coding[0].code}` : (o.code?.text ?? o.id ?? '');
    if (!byTest.has(key)) byTest.set(key, o);
  }
  return [...byTest.values()].slice(0, RECENT_RESULTS);
}

/** Allergies, with "none known" when the only records say "no known allergy". */
function allergySection(resources: AllergyIntolerance[], emptyReason?: string): SummarySection<AllergyIntolerance> {
  const real = resources.filter((a) => !isNoKnownAllergy(a));
  return { resources: real, noneKnown: emptyReason === 'nilknown' || (!real.length && resources.length > 0) };
}

/** Loads the summary for the patient: the IPS and two searches, or one search per section, all at once. */
export async function loadRecordSummary(client: FhirClient, patientId: string, signal?: AbortSignal): Promise<RecordSummary> {
  const search = <T extends Resource>(type: string, params: SearchParams) => (client.scopeAllows(type, 's') ? client.search(type as never, { patient: patientId, ...params }, { signal }).then((page) => page.resources as T[]) : Promise.reject(new Error(`${type}: not allowed by the sign-in`)));
  const visits = () => search<Encounter>('Encounter', { _sort: '-date', _count: String(RECENT_VISITS) });
  const careTeam = () => search<CareTeam>('CareTeam', { status: 'active' });
  if (await client.supportsOperation('summary', 'Patient', { signal })) {
    const [ips, encounters, teams] = await Promise.all([
      client.operation<Bundle>('summary', { resourceType: 'Patient', id: patientId }, undefined, { method: 'GET', signal }),
      settle(visits()),
      settle(careTeam()),
    ]);
    return fromIps(ips, { visits: encounters, careTeam: teams });
  }
  const [patient, problems, allergies, medications, immunizations, results, encounters, teams] = await Promise.all([
    settle(client.scopeAllows('Patient', 'r') ? client.read('Patient', patientId, { signal }) : Promise.reject(new Error('Patient: not allowed by the sign-in'))),
    settle(search<Condition>('Condition', { _count: '200' })),
    settle(search<AllergyIntolerance>('AllergyIntolerance', { _count: '200' })),
    settle(search<MedicationRequest>('MedicationRequest', { status: 'active', _count: '200' })),
    settle(search<Immunization>('Immunization', { _sort: '-date', _count: '200' })),
    settle(search<Observation>('Observation', { category: 'laboratory', _sort: '-date', _count: '200' })),
    settle(visits()),
    settle(careTeam()),
  ]);
  const section = <T extends Resource>(s: SummarySection<T>, order = false): SummarySection<T> => (order ? { ...s, resources: newestFirst(s.resources) } : s);
  return {
    source: 'searches',
    date: new Date().toISOString(),
    patient: patient.resources[0],
    sections: {
      problems: problems.missing ? problems : { resources: currentProblems(problems.resources) },
      allergies: allergies.missing ? allergies : allergySection(allergies.resources),
      medications: section(medications),
      immunizations: section(immunizations, true),
      results: results.missing ? results : { resources: recentResults(results.resources) },
      visits: section(encounters, true),
      careTeam: teams,
    },
  };
}

/** The patient's problems: every condition except one ruled out (`refuted`) or entered in error. */
export function currentProblems(conditions: readonly Condition[]): Condition[] {
  return conditions.filter((c) => !c.verificationStatus?.coding?.some((x) => x.code === 'refuted' || x.code === 'entered-in-error'));
}

/** A request's resources, or the section marked missing (an abort or an expired sign-in still ends the whole summary). */
async function settle<T extends Resource>(request: Promise<T[] | T>): Promise<SummarySection<T>> {
  try {
    const answer = await request;
    return { resources: Array.isArray(answer) ? answer : [answer] };
  } catch (error) {
    if (isFhirError(error) && (error.kind === 'aborted' || error.kind === 'unauthorized')) throw error;
    return { resources: [], missing: true };
  }
}

/** The sections of an IPS document, each entry found in the document by its reference. */
function fromIps(bundle: Bundle, searched: Pick<RecordSummary['sections'], 'visits' | 'careTeam'>): RecordSummary {
  const resources = (bundle.entry ?? []).flatMap((e) => (e.resource ? [{ url: e.fullUrl ?? '', resource: e.resource }] : []));
  const find = (reference: string | undefined): Resource | undefined => {
    if (!reference) return undefined;
    const key = reference.split('/').slice(-2).join('/');
    return resources.find((r) => r.url === reference || `${r.resource.resourceType}/${r.resource.id}` === key)?.resource;
  };
  const composition = resources.find((r) => r.resource.resourceType === 'Composition')?.resource as Composition | undefined;
  const patient = (find(composition?.subject?.reference) ?? resources.find((r) => r.resource.resourceType === 'Patient')?.resource) as Patient | undefined;
  const sections: Partial<Record<SummarySectionName, { resources: Resource[]; emptyReason?: string }>> = {};
  for (const s of composition?.section ?? []) {
    const name = sectionName(s);
    if (!name) continue;
    const entries = (s.entry ?? []).map((e) => find(e.reference)).filter((r): r is Resource => !!r);
    sections[name] = { resources: entries, emptyReason: s.emptyReason?.coding?.[0]?.code };
  }
  const of = <K extends SummarySectionName>(name: K) => (sections[name]?.resources ?? []) as SectionTypes[K][];
  return {
    source: 'ips',
    date: composition?.date ?? bundle.timestamp ?? new Date().toISOString(),
    patient,
    sections: {
      problems: { resources: currentProblems(of('problems')) },
      allergies: allergySection(of('allergies'), sections.allergies?.emptyReason),
      medications: { resources: of('medications') },
      immunizations: { resources: newestFirst(of('immunizations')) },
      results: { resources: recentResults(of('results')) },
      visits: { ...searched.visits, resources: newestFirst(searched.visits.resources) },
      careTeam: searched.careTeam,
    },
  };
}

function sectionName(section: CompositionSection): SummarySectionName | undefined {
  const code = section.code?.coding?.find((c) => c.system === 'http://loinc.org' && c.code && IPS_SECTIONS[c.code])?.code;
  return code ? IPS_SECTIONS[code] : undefined;
}
