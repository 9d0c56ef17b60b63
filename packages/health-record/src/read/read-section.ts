import type { AllergyIntolerance, Condition, DocumentReference, Encounter, Immunization, Observation, Resource } from 'fhir/r4';
import type { FhirClient } from '@portico/core';
import type { HealthRecordSection } from '../sections.js';

/** A section's records as the server gave them, with the clinicians and places they name. */
export interface SectionRecords<T extends Resource = Resource> {
  resources: T[];
  included: Resource[];
  /** More than SECTION_LIMIT on record: the oldest are not read. */
  truncated: boolean;
}

/** The resource type each section reads. */
export interface SectionResources {
  conditions: Condition;
  allergies: AllergyIntolerance;
  immunizations: Immunization;
  visits: Encounter;
  notes: DocumentReference;
  vitals: Observation;
}

/** The most records read for one section (a lifetime's immunizations fit well under it). */
export const SECTION_LIMIT = 1000;

/** Each section's search: one request, with the people and places it names (`_include`). */
const SEARCHES = {
  conditions: { type: 'Condition', include: ['Condition:asserter'] },
  allergies: { type: 'AllergyIntolerance', include: ['AllergyIntolerance:recorder', 'AllergyIntolerance:asserter'] },
  immunizations: { type: 'Immunization', include: ['Immunization:location', 'Immunization:performer'], sort: '-date' },
  notes: { type: 'DocumentReference', include: ['DocumentReference:author'], sort: '-date', category: 'clinical-note' },
  vitals: { type: 'Observation', include: [], sort: '-date', category: 'vital-signs' },
  visits: { type: 'Encounter', include: ['Encounter:participant', 'Encounter:location', 'Encounter:diagnosis'], sort: '-date' },
} as const satisfies Record<HealthRecordSection, { type: string; include: readonly string[]; sort?: string; category?: string }>;

/** Reads one section of the patient's record: one search (a page of up to 200), further pages only for a longer history. */
export async function readSection<K extends HealthRecordSection>(
  client: FhirClient,
  section: K,
  options: { patientId: string; signal?: AbortSignal },
): Promise<SectionRecords<SectionResources[K]>> {
  const search: { type: string; include: readonly string[]; sort?: string; category?: string } = SEARCHES[section];
  const params = { patient: `Patient/${options.patientId}`, _include: [...search.include], ...(search.sort ? { _sort: search.sort } : {}), ...(search.category ? { category: search.category } : {}) };
  const found = await client.searchAll(search.type as 'Condition', params, { signal: options.signal, pageSize: 200, max: SECTION_LIMIT });
  return { resources: found.resources as unknown as SectionResources[K][], included: found.included, truncated: found.truncated };
}
