import type { Appointment, Bundle, Location, Parameters, Practitioner, Resource, Slot } from 'fhir/r4';
import { FhirError, isFhirError, referenceId, type FhirClient } from '@portico/core';
import { BOOKING_ID_SYSTEM, SlotTakenError, type BookOptions } from './booking.js';
import { matchesToken, referencedFrom, timeZoneOf, type FindOpenTimesOptions, type OpenTime } from './open-times.js';

function instant(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}

/**
 * Open times through `Appointment/$find` (Argonaut / IHE scheduling): the server proposes Appointments,
 * with the Slots, clinicians and places included. Each open time keeps its proposal for `$book`.
 */
export async function findWithOperation(client: FhirClient, options: FindOpenTimesOptions): Promise<{ times: OpenTime[]; truncated: boolean }> {
  const params: Record<string, string> = { start: instant(options.start), end: instant(options.end), _count: String(options.max ?? 500) };
  if (options.serviceType) params['service-type'] = options.serviceType;
  if (options.practitioner) params.practitioner = `Practitioner/${options.practitioner}`;
  if (options.location) params.location = `Location/${options.location}`;
  const bundle = await client.operation<Bundle>('find', { resourceType: 'Appointment' }, undefined, { method: 'GET', params, signal: options.signal });
  const entries = bundle.entry ?? [];
  const pool = new Map<string, Resource>();
  for (const e of entries) if (e.resource && e.search?.mode !== 'match' && e.resource.resourceType !== 'Appointment') pool.set(`${e.resource.resourceType}/${e.resource.id}`, e.resource);
  const times: OpenTime[] = [];
  for (const e of entries) {
    const proposal = e.resource;
    if (proposal?.resourceType !== 'Appointment' || !proposal.start || !proposal.end) continue;
    const actors = (proposal.participant ?? []).map((p) => p.actor);
    const slot = referencedFrom<Slot>(pool, proposal.slot, 'Slot') ?? { resourceType: 'Slot', id: referenceId(proposal.slot?.[0], 'Slot'), status: 'free', start: proposal.start, end: proposal.end, schedule: {} };
    const practitioner = referencedFrom<Practitioner>(pool, actors, 'Practitioner');
    const location = referencedFrom<Location>(pool, actors, 'Location');
    const serviceTypes = proposal.serviceType?.length ? proposal.serviceType : (slot.serviceType ?? []);
    if (options.serviceType && serviceTypes.length && !serviceTypes.some((st) => matchesToken(st, options.serviceType!))) continue;
    times.push({ slot, start: proposal.start, end: proposal.end, practitioner, location, timeZone: timeZoneOf(slot, location), serviceTypes, proposal });
  }
  times.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { times, truncated: (bundle.total ?? times.length) > times.length };
}

/**
 * Books a proposal from `$find` with `Appointment/$book`. The booking id travels as an Appointment
 * identifier, so a retried request returns the first booking instead of making a second.
 */
export async function bookWithOperation(client: FhirClient, options: BookOptions): Promise<Appointment> {
  const { time, bookingId, patientId } = options;
  if (!time.proposal) throw new FhirError('invalid', 'This time was not proposed by the server.');
  const { id: _id, meta: _meta, ...proposal } = time.proposal;
  const appointment: Appointment = {
    ...proposal,
    identifier: [...(proposal.identifier ?? []), { system: BOOKING_ID_SYSTEM, value: bookingId }],
    ...(options.serviceType ? { serviceType: [options.serviceType] } : {}),
    ...(options.reason?.trim() ? { description: options.reason.trim(), reasonCode: [{ text: options.reason.trim() }] } : {}),
    participant: (proposal.participant ?? []).map((p) => (p.actor?.reference === `Patient/${patientId}` ? { ...p, status: 'accepted' } : p)),
  };
  const input: Parameters = { resourceType: 'Parameters', parameter: [{ name: 'appt-resource', resource: appointment }] };
  try {
    return await client.operation<Appointment>('book', { resourceType: 'Appointment' }, input, { signal: options.signal, idempotent: true });
  } catch (error) {
    if (isFhirError(error) && error.kind === 'conflict') throw new SlotTakenError({ cause: error });
    throw error;
  }
}
