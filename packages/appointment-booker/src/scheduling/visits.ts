import type { Appointment, Location, Practitioner, Resource } from 'fhir/r4';
import { referencedFrom, timeZoneOf, type FhirClient, type RequestOptions } from '@portico/core';
import type { Visit } from './scheduler.js';

// The patient's visits, as the appointments list reads them (loaded with that list; booking needs none of it).

const ACTIVE = new Set(['booked', 'pending', 'proposed', 'arrived', 'checked-in', 'waitlist']);

/**
 * The patient's visits: upcoming (and waitlist requests) soonest first, or past newest first.
 * One request for a page: `Appointment?patient=…&date=ge…&_sort=date&_include=Appointment:actor`.
 */
export async function loadVisits(
  client: FhirClient,
  options: RequestOptions & { patientId: string; when: 'upcoming' | 'past'; now?: Date; max?: number },
): Promise<{ visits: Visit[]; truncated: boolean }> {
  const now = (options.now ?? new Date()).toISOString();
  const upcoming = options.when === 'upcoming';
  const params: Record<string, string> = {
    patient: `Patient/${options.patientId}`,
    date: upcoming ? `ge${now}` : `lt${now}`,
    _sort: upcoming ? 'date' : '-date',
    _include: 'Appointment:actor',
  };
  const searches = [client.searchAll('Appointment', params, { signal: options.signal, pageSize: 100, max: options.max ?? 200 })];
  if (upcoming) searches.push(client.searchAll('Appointment', { patient: `Patient/${options.patientId}`, status: 'waitlist', _include: 'Appointment:actor' }, { signal: options.signal, pageSize: 50, max: 50 }));
  const results = await Promise.all(searches);
  const pool = new Map<string, Resource>(results.flatMap((r) => r.included).map((r) => [`${r.resourceType}/${r.id}`, r]));
  const seen = new Set<string>();
  const visits: Visit[] = [];
  for (const appointment of results.flatMap((r) => r.resources)) {
    if (!appointment.id || seen.has(appointment.id)) continue;
    seen.add(appointment.id);
    if (upcoming && !ACTIVE.has(appointment.status)) continue;
    if (upcoming && appointment.start && Date.parse(appointment.start) < Date.parse(now)) continue;
    const actors = (appointment.participant ?? []).map((p) => p.actor);
    const practitioner = referencedFrom<Practitioner>(pool, actors, 'Practitioner');
    const location = referencedFrom<Location>(pool, actors, 'Location');
    const timeZone = timeZoneOf(location);
    visits.push({ appointment, practitioner, location, timeZone });
  }
  const at = (v: Visit) => Date.parse(v.appointment.start ?? v.appointment.requestedPeriod?.[0]?.start ?? v.appointment.created ?? '') || 0;
  visits.sort((a, b) => (upcoming ? at(a) - at(b) : at(b) - at(a)));
  return { visits, truncated: results.some((r) => r.truncated) };
}

/** May the patient still cancel online? Not after the start, nor within the host's cutoff before it. */
export function canCancel(appointment: Appointment, cutoffHours = 0, now = Date.now()): boolean {
  if (!['booked', 'pending', 'proposed', 'waitlist'].includes(appointment.status)) return false;
  if (!appointment.start) return appointment.status === 'waitlist';
  return Date.parse(appointment.start) - now > cutoffHours * 3_600_000;
}
