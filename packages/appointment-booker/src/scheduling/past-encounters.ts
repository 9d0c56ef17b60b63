import type { Encounter, Location, Organization, Practitioner, Resource } from 'fhir/r4';
import { referencedFrom, timeZoneOf, type FhirClient, type RequestOptions } from '@portico/core';
import type { Visit } from './scheduler.js';

/** Finished visits listed at a time: the first page, and each "Show more". */
export const ENCOUNTERS_PAGE = 10;

/** Past visits read from the patient's finished Encounters, a page at a time, and the link to the next page. */
export interface EncounterPage {
  visits: Visit[];
  next?: string;
}

/** A finished Encounter as a past visit: its period, type, clinician and place (its Location, else the organization that gave the care). */
export function visitOfEncounter(encounter: Encounter, pool: Map<string, Resource>): Visit {
  const practitioner = referencedFrom<Practitioner>(pool, (encounter.participant ?? []).map((p) => p.individual), 'Practitioner');
  const provider = referencedFrom<Organization>(pool, [encounter.serviceProvider], 'Organization');
  const location =
    referencedFrom<Location>(pool, (encounter.location ?? []).map((l) => l.location), 'Location') ??
    (provider ? { resourceType: 'Location', id: provider.id, name: provider.name, address: provider.address?.[0], telecom: provider.telecom } : undefined);
  const type = encounter.serviceType ?? encounter.type?.[0];
  return {
    appointment: {
      resourceType: 'Appointment',
      id: encounter.id,
      status: 'fulfilled',
      start: encounter.period?.start,
      end: encounter.period?.end,
      serviceType: type ? [type] : undefined,
      participant: [],
    },
    practitioner,
    location,
    timeZone: timeZoneOf(location),
    encounter,
  };
}

/**
 * Past visits for a patient whose server keeps visits as Encounters rather than Appointments (records
 * exported from an EHR, as Synthea's). One request a page:
 * `Encounter?patient=…&status=finished&_sort=-date&_count=10&_include=Encounter:participant&_include=Encounter:location&_include=Encounter:service-provider`;
 * `next` (a page's link) fetches the following page.
 */
export async function loadFinishedEncounters(client: FhirClient, options: RequestOptions & { patientId: string; next?: string }): Promise<EncounterPage> {
  const page = options.next
    ? await client.searchNext<Encounter>(options.next, 'Encounter', { signal: options.signal })
    : await client.search(
        'Encounter',
        {
          patient: `Patient/${options.patientId}`,
          status: 'finished',
          _sort: '-date',
          _count: String(ENCOUNTERS_PAGE),
          _include: ['Encounter:participant', 'Encounter:location', 'Encounter:service-provider'],
        },
        { signal: options.signal },
      );
  const pool = new Map<string, Resource>(page.included.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const encounters = page.resources.filter((r): r is Encounter => r.resourceType === 'Encounter');
  return { visits: encounters.map((e) => visitOfEncounter(e, pool)), next: page.next };
}
