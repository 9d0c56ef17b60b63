import type { Appointment, Bundle, Location, OperationOutcome, Parameters, Practitioner, Resource, Slot } from 'fhir/r4';
import { FhirError, isFhirError, referencedFrom, referenceId, timeZoneOf, type FhirClient } from '@portico/core';
import { findBooking } from './appointment-writes.js';
import { BOOKING_ID_SYSTEM, BookingUnconfirmedError, SlotTakenError, type BookOptions } from './booking.js';
import { matchesToken, type FindOpenTimesOptions, type OpenTime } from './open-times.js';

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
  if (bundle?.resourceType !== 'Bundle') throw new FhirError('server', 'The server did not answer $find with a Bundle.');
  const entries = bundle.entry ?? [];
  // OperationOutcome entries (mode `outcome`) carry warnings; an error with no proposals is a failure, not "no open times".
  const outcomes = entries.map((e) => e.resource).filter((r): r is OperationOutcome => r?.resourceType === 'OperationOutcome');
  const proposals = entries.filter((e) => e.resource?.resourceType === 'Appointment').length;
  const failed = outcomes.flatMap((o) => o.issue ?? []).some((issue) => issue.severity === 'error' || issue.severity === 'fatal');
  if (failed && !proposals) throw new FhirError('server', 'The server could not search for open times.', { outcome: outcomes[0] });
  const pool = new Map<string, Resource>();
  for (const e of entries) {
    const r = e.resource;
    if (r && r.id && e.search?.mode !== 'match' && r.resourceType !== 'Appointment' && r.resourceType !== 'OperationOutcome') pool.set(`${r.resourceType}/${r.id}`, r);
  }
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
  return { times, truncated: (bundle.total ?? proposals) > proposals || !!bundle.link?.some((l) => l.relation === 'next') };
}

function idFromFullUrl(fullUrl: string | undefined): string | undefined {
  return /\/Appointment\/([^/]+?)(?:\/_history\/[^/]+)?$/.exec(fullUrl ?? '')?.[1];
}

/**
 * The booked Appointment in a `$book` answer, and the OperationOutcomes beside it (warnings such as
 * "arrive 15 minutes early"). Servers answer with a Bundle holding the Appointment (Argonaut: a
 * searchset, the Appointment as a `match`), a bare Appointment, or a Parameters whose `return` holds
 * either. In a Bundle, the Appointment carrying `bookingId` wins, then the `match`, then the only one.
 */
export function bookedAppointmentOf(answer: unknown, bookingId?: string): { appointment?: Appointment; outcomes: OperationOutcome[] } {
  const resource = answer as Resource | undefined;
  if (resource?.resourceType === 'Parameters') {
    return bookedAppointmentOf((resource as Parameters).parameter?.find((p) => p.name === 'return')?.resource, bookingId);
  }
  if (resource?.resourceType === 'Appointment') return { appointment: resource as Appointment, outcomes: [] };
  if (resource?.resourceType === 'OperationOutcome') return { outcomes: [resource as OperationOutcome] };
  if (resource?.resourceType !== 'Bundle') return { outcomes: [] };
  const entries = (resource as Bundle).entry ?? [];
  const outcomes = entries.map((e) => e.resource).filter((r): r is OperationOutcome => r?.resourceType === 'OperationOutcome');
  const candidates = entries.filter((e) => e.resource?.resourceType === 'Appointment');
  const mine = bookingId ? candidates.find((e) => (e.resource as Appointment).identifier?.some((i) => i.system === BOOKING_ID_SYSTEM && i.value === bookingId)) : undefined;
  const chosen = mine ?? candidates.find((e) => e.search?.mode === 'match') ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!chosen) return { outcomes };
  const appointment = chosen.resource as Appointment;
  const id = appointment.id ?? idFromFullUrl(chosen.fullUrl);
  return { appointment: id && !appointment.id ? { ...appointment, id } : appointment, outcomes };
}

/** The issues of OperationOutcomes as one line for the console. */
function outcomeText(outcomes: OperationOutcome[]): string {
  return outcomes
    .flatMap((o) => o.issue ?? [])
    .map((issue) => `${issue.severity}: ${issue.details?.text ?? issue.diagnostics ?? issue.code}`)
    .join('; ');
}

/**
 * Books a proposal from `$find` with `Appointment/$book`. The booking id travels as an Appointment
 * identifier, so a retried request returns the first booking instead of making a second. The answer
 * must hold the booked Appointment; when it does not, the booking id is looked up, and failing that
 * the booking is reported as unconfirmed (never confirmed with nothing behind it).
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
  let answer: unknown;
  try {
    answer = await client.operation<Resource>('book', { resourceType: 'Appointment' }, input, { signal: options.signal, idempotent: true });
  } catch (error) {
    if (isFhirError(error) && error.kind === 'conflict') throw new SlotTakenError({ cause: error });
    throw error;
  }
  const { appointment: booked, outcomes } = bookedAppointmentOf(answer, bookingId);
  if (booked?.id) {
    if (outcomes.length) console.info('[appointment-booker] $book:', outcomeText(outcomes));
    return booked;
  }
  const found = await findBooking(client, bookingId, { signal: options.signal }).catch(() => undefined);
  if (found) return found;
  console.warn('[appointment-booker] $book answered without the booked Appointment:', outcomeText(outcomes) || (answer as Resource | undefined)?.resourceType || 'an empty answer');
  const outcome: OperationOutcome | undefined = outcomes.length ? { resourceType: 'OperationOutcome', issue: outcomes.flatMap((o) => o.issue ?? []) } : undefined;
  throw new BookingUnconfirmedError({ outcome });
}
