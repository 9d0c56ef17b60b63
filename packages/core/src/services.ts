import type { FhirClient } from './fhir/client.js';

/**
 * A host's own implementation of an element's service (the booker's `Scheduler`, a message sender, a
 * payment processor), or a function that makes one for the signed-in client: called again whenever the
 * client changes (sign-in, another patient). See docs/services.md.
 */
export type HostService<T extends object> = T | ((client: FhirClient) => T | Promise<T>);

/**
 * The services a host hands every element inside a `portal-session` at once, by name
 * (`session.services = { scheduler: myScheduler }`). An element's own property for a service wins
 * over the session's. Each element package documents the names it reads.
 */
export type PorticoServices = Readonly<Record<string, HostService<object> | undefined>>;

/** The service itself: `service` as given, or what its function makes for `client`. */
export async function resolveHostService<T extends object>(service: HostService<T> | undefined, client: FhirClient): Promise<T | undefined> {
  return typeof service === 'function' ? service(client) : service;
}
