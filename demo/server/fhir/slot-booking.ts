/**
 * Slots are shared: a patient token may change one only as part of booking or cancelling its own
 * visit, in the same transaction (the booker's book, cancel and reschedule):
 * - `busy` when the transaction creates (or updates to booked/pending/proposed) an Appointment of the
 *   token's patient whose `slot` is that Slot, and the Slot is free;
 * - `free` when the transaction cancels an Appointment of the token's patient that holds that Slot.
 * Nothing but the status may change. Everything else is 403 (a taken Slot is 409).
 */
import type { Appointment, BundleEntry, Resource, Slot } from '@medplum/fhirtypes';
import { parseReference } from './access.js';
import { sameApartFrom } from './resource-compare.js';
import { forbidden, problem, type RequestContext, type TransactionView } from './interactions.js';

/** Appointment statuses that hold a Slot. */
export const HOLDING_STATUSES = ['proposed', 'pending', 'booked'] as const;

const TAKEN_TEXT = 'That time was just taken.';
/** The refusal of any other Slot write. */
export const ONLY_IN_BOOKING = 'A Slot changes only in a transaction that books or cancels your own Appointment for it.';

function holds(appointment: Resource | undefined, slotId: string): appointment is Appointment {
  return (
    appointment?.resourceType === 'Appointment' &&
    (HOLDING_STATUSES as readonly string[]).includes(appointment.status) &&
    (appointment.slot ?? []).some((s) => {
      const parsed = parseReference(s.reference);
      return parsed?.type === 'Slot' && parsed.id === slotId;
    })
  );
}

/** Before the transaction runs: may this `PUT Slot/id` go with the rest of it? */
export function checkSlotWrite(context: RequestContext, slotId: string, body: Slot, transaction: TransactionView | undefined): void {
  if (!transaction) throw forbidden(ONLY_IN_BOOKING);
  const stored = context.repo.peek('Slot', slotId) as Slot;
  if (body.status !== 'busy' && body.status !== 'free') throw forbidden('A booking sets a Slot only busy or free.');
  if (!sameApartFrom(stored, body, ['meta', 'status'])) throw forbidden('A booking may change only the status of a Slot.');
  if (body.status === 'busy') {
    const booking = transaction.writes.some((w) => (w.classified.interaction === 'create' || w.classified.interaction === 'update') && holds(w.resource, slotId));
    if (!booking) throw forbidden(ONLY_IN_BOOKING);
    if (stored.status !== 'free') throw problem(409, 'conflict', TAKEN_TEXT);
    return;
  }
  const cancelling = transaction.writes.some((w) => {
    if (w.classified.interaction !== 'update' || w.resource?.resourceType !== 'Appointment' || (w.resource as Appointment).status !== 'cancelled') return false;
    const held = context.repo.peek('Appointment', w.classified.id!);
    return holds(held, slotId) && context.access.allowsResource(held);
  });
  if (!cancelling) throw forbidden(ONLY_IN_BOOKING);
}

/**
 * After the transaction ran (inside it, so a refusal rolls it back): every Slot it set busy is held by
 * an Appointment it created or updated. (A conditional create that found an existing Appointment created nothing.)
 */
export function confirmSlotBookings(transaction: TransactionView, responses: readonly (BundleEntry | undefined)[]): void {
  for (const write of transaction.writes) {
    const slot = write.resource;
    if (write.classified.resourceType !== 'Slot' || slot?.resourceType !== 'Slot' || slot.status !== 'busy') continue;
    const booked = transaction.writes.some((w, i) => {
      const status = responses[i]?.response?.status ?? '';
      const wrote = w.classified.interaction === 'update' ? status.startsWith('200') : status.startsWith('201');
      return wrote && holds(responses[i]?.resource, write.classified.id!);
    });
    if (!booked) throw forbidden(ONLY_IN_BOOKING);
  }
}
