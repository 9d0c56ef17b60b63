import type { Resource } from 'fhir/r4';
import { isFhirError, type FhirClient } from '@portico/core';
import type { ReminderRecords } from './reminders.js';
import { REMINDER_READ_LIMIT, reminderSearches } from '../scopes.js';

export { REMINDER_READ_LIMIT };

/** What was read, and whether a kind could not be read (its reminders are then missing). */
export interface ReminderRead {
  records: ReminderRecords;
  /** The first failure of a kind that should have been readable (not one the server refuses this app). */
  failed?: unknown;
}

/** A refusal that trying again will not change: the server or the granted scopes do not give this kind to the patient. */
function notForThisApp(error: unknown): boolean {
  return isFhirError(error) && (error.status === 403 || error.status === 404);
}

/**
 * Reads what is due in four searches side by side: the vaccine forecasts, the active care plans, the
 * active orders, and the visits booked from now to `daysAhead` days on (with their clinicians and places).
 * A kind the server refuses this app leaves it out; any other failure is reported with what was read.
 * Throws only when nothing at all could be read.
 */
export async function readReminders(client: FhirClient, options: { patientId: string; today: string; now: Date; daysAhead: number; signal?: AbortSignal }): Promise<ReminderRead> {
  const many = { signal: options.signal, max: REMINDER_READ_LIMIT };
  // Visits that began earlier in the hour are read too, and left out after reading.
  const [recommendationSearch, carePlanSearch, orderSearch, visitSearch] = reminderSearches(options.patientId, options);
  const [recommendations, carePlans, orders, appointments] = await Promise.allSettled([
    client.searchAll(recommendationSearch.resourceType, recommendationSearch.params, { ...many, pageSize: recommendationSearch.pageSize }),
    client.searchAll(carePlanSearch.resourceType, carePlanSearch.params, { ...many, pageSize: carePlanSearch.pageSize }),
    client.searchAll(orderSearch.resourceType, orderSearch.params, { ...many, pageSize: orderSearch.pageSize }),
    client.searchAll(visitSearch.resourceType, visitSearch.params, { ...many, pageSize: visitSearch.pageSize }),
  ]);
  const settled = [recommendations, carePlans, orders, appointments];
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  if (options.signal?.aborted) throw options.signal.reason;
  if (failures.length === settled.length) throw failures.find((f) => !notForThisApp(f)) ?? failures[0];
  const resources = <T extends Resource>(s: PromiseSettledResult<{ resources: T[] }>): T[] => (s.status === 'fulfilled' ? s.value.resources : []);
  return {
    records: {
      recommendations: resources(recommendations),
      carePlans: resources(carePlans),
      orders: resources(orders),
      appointments: resources(appointments),
      included: appointments.status === 'fulfilled' ? appointments.value.included : [],
    },
    failed: failures.find((f) => !notForThisApp(f)),
  };
}
