import type { FhirClient, RequestOptions } from '@portico/core';

/** What the patient may do to book, from the server's CapabilityStatement and the scopes it granted. */
export interface SchedulingRights {
  /** `Appointment/$find` and `$book` are offered, and the scopes allow creating Appointments. */
  bookWithOperations: boolean;
  /** Slots may be set busy or free (Slot `update`, and `patient/Slot.u` or its v1 equal). */
  writeSlots: boolean;
  /** Appointments may be created (a booking, a request, a waitlist entry). */
  createAppointments: boolean;
  /** Appointments may be updated (cancel, withdraw a request). */
  updateAppointments: boolean;
  /** The server takes transactions (a booking and its Slot in one step). */
  transactions: boolean;
}

/**
 * The booking rights of this client: each needs the CapabilityStatement to offer the interaction AND
 * the granted scopes to allow it (`client.allows`). Uses the cached CapabilityStatement: no request of its own.
 */
export async function schedulingRights(client: FhirClient, options: RequestOptions = {}): Promise<SchedulingRights> {
  const offered = (check: Promise<boolean>) => check.catch(() => false);
  const [find, book, writeSlots, createAppointments, updateAppointments, transactions] = await Promise.all([
    offered(client.supportsOperation('find', 'Appointment', options)),
    offered(client.supportsOperation('book', 'Appointment', options)),
    client.allows('update', 'Slot', options),
    client.allows('create', 'Appointment', options),
    client.allows('update', 'Appointment', options),
    offered(client.supports('transaction', undefined, options)),
  ]);
  return {
    bookWithOperations: find && book && client.scopeAllows('Appointment', 'c'),
    writeSlots,
    createAppointments,
    updateAppointments,
    transactions,
  };
}
