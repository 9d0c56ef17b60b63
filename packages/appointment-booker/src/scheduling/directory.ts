import type { CodeableConcept, Location, Organization, Practitioner, Resource, Schedule } from 'fhir/r4';
import { referencedFrom } from '@portico/core';

/** Who and where a patient can book: the clinic's active schedules, with the visit types they offer. */
export interface ClinicDirectory {
  schedules: Schedule[];
  serviceTypes: CodeableConcept[];
  practitioners: Practitioner[];
  locations: Location[];
  /** The organizations that run the locations (for their phone numbers). */
  organizations: Organization[];
}

function conceptKey(concept: CodeableConcept): string {
  const coding = concept.coding?.[0];
  return coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : `text|${concept.text ?? ''}`;
}

/** The directory in the answer to the directory search (`DIRECTORY_SEARCH`): its schedules and what they brought along. */
export function directoryFrom(schedules: readonly Schedule[], included: readonly Resource[]): ClinicDirectory {
  const pool = new Map<string, Resource>(included.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const serviceTypes = new Map<string, CodeableConcept>();
  const practitioners = new Map<string, Practitioner>();
  const locations = new Map<string, Location>();
  for (const schedule of schedules) {
    for (const concept of schedule.serviceType ?? []) if (!serviceTypes.has(conceptKey(concept))) serviceTypes.set(conceptKey(concept), concept);
    const practitioner = referencedFrom<Practitioner>(pool, schedule.actor, 'Practitioner');
    const location = referencedFrom<Location>(pool, schedule.actor, 'Location');
    if (practitioner?.id) practitioners.set(practitioner.id, practitioner);
    if (location?.id) locations.set(location.id, location);
  }
  const organizations = included.filter((r): r is Organization => r.resourceType === 'Organization');
  return { schedules: [...schedules], serviceTypes: [...serviceTypes.values()], practitioners: [...practitioners.values()], locations: [...locations.values()], organizations };
}
