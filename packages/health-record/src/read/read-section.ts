import type { AllergyIntolerance, Condition, DocumentReference, Encounter, Immunization, Observation, Resource } from 'fhir/r4';
import type { FhirClient } from '@portico/core';
import type { HealthRecordSection } from '../sections.js';
import { sectionSearch } from '../scopes.js';

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

/** Reads one section of the patient's record: one search (a page of up to 200), further pages only for a longer history. */
export async function readSection<K extends HealthRecordSection>(
  client: FhirClient,
  section: K,
  options: { patientId: string; signal?: AbortSignal },
): Promise<SectionRecords<SectionResources[K]>> {
  const search = sectionSearch(section, options.patientId);
  const found = await client.searchAll(search.resourceType, search.params, { signal: options.signal, pageSize: search.pageSize, max: SECTION_LIMIT });
  return { resources: found.resources as unknown as SectionResources[K][], included: found.included, truncated: found.truncated };
}
