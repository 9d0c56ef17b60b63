import type { FhirClient, RequestOptions } from '@portico/core';

/** SMART permissions, as the server checks them: create, read, update, delete, search. */
export const SCOPE_PERMISSIONS = ['c', 'r', 'u', 'd', 's'] as const;
export type ScopePermission = (typeof SCOPE_PERMISSIONS)[number];

const RESOURCE_SCOPE = /^(patient|user)\/(\*|[A-Z][A-Za-z]+)\.(\*|read|write|c?r?u?d?s?)(\?.*)?$/;

/**
 * Does a granted scope string allow `permission` on `resourceType`? Reads SMART v2 (`patient/Slot.u`,
 * `patient/Slot.*`, `patient/Appointment.cu`) and v1 (`patient/Slot.write`, `patient/*.read`,
 * `patient/*.*`) scopes, in the patient or user context. A scope narrowed by a query
 * (`patient/Appointment.c?status=proposed`) counts: the server applies the narrowing.
 * Undefined when the scopes are not known (the server then decides).
 */
export function scopeAllows(grantedScope: string | undefined, resourceType: string, permission: ScopePermission): boolean | undefined {
  if (grantedScope === undefined) return undefined;
  return grantedScope.split(/\s+/).some((scope) => {
    const match = RESOURCE_SCOPE.exec(scope);
    if (!match || !match[3]) return false;
    const [, , type, access] = match;
    if (type !== '*' && type !== resourceType) return false;
    const letters = access === '*' ? 'cruds' : access === 'read' ? 'rs' : access === 'write' ? 'cud' : access!;
    return letters.includes(permission);
  });
}

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
 * the granted scopes (`client.grantedScope`) to allow it; when the scopes are unknown, the
 * CapabilityStatement alone decides. Uses the cached CapabilityStatement: no request of its own.
 */
export async function schedulingRights(client: FhirClient, options: RequestOptions = {}): Promise<SchedulingRights> {
  const offered = (check: Promise<boolean>) => check.catch(() => false);
  const [find, book, slotUpdate, appointmentCreate, appointmentUpdate, transactions] = await Promise.all([
    offered(client.supportsOperation('find', 'Appointment', options)),
    offered(client.supportsOperation('book', 'Appointment', options)),
    offered(client.supports('update', 'Slot', options)),
    offered(client.supports('create', 'Appointment', options)),
    offered(client.supports('update', 'Appointment', options)),
    offered(client.supports('transaction', undefined, options)),
  ]);
  const granted = (type: string, permission: ScopePermission) => scopeAllows(client.grantedScope, type, permission) ?? true;
  return {
    bookWithOperations: find && book && granted('Appointment', 'c'),
    writeSlots: slotUpdate && granted('Slot', 'u'),
    createAppointments: appointmentCreate && granted('Appointment', 'c'),
    updateAppointments: appointmentUpdate && granted('Appointment', 'u'),
    transactions,
  };
}
