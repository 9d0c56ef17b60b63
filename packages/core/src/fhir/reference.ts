import type { Reference, Resource } from 'fhir/r4';

const TIMEZONE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/timezone';

/**
 * The id in a reference to a resource of `type`: 'Slot/abc', 'https://…/fhir/Slot/abc' and
 * 'Slot/abc/_history/2' all give 'abc'; another type, a contained ('#x') or a logical reference gives
 * undefined.
 */
export function referenceId(ref: Reference | string | undefined, type: string): string | undefined {
  const match = literalReference(ref);
  return match && match[1] === type ? match[2] : undefined;
}

/**
 * `Type/id` of a literal reference, relative, absolute or versioned ('https://…/fhir/Practitioner/p1/_history/3'
 * gives 'Practitioner/p1'); a contained ('#x') or a logical reference gives undefined.
 */
export function referenceKey(ref: Reference | string | undefined): string | undefined {
  const match = literalReference(ref);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function literalReference(ref: Reference | string | undefined): RegExpExecArray | null {
  const text = typeof ref === 'string' ? ref : ref?.reference;
  return /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(text ?? '');
}

/** The first of `refs` of `type` found in `pool` (keyed `Type/id`), whatever base URL the references carry. */
export function referencedFrom<T extends Resource>(pool: Map<string, Resource>, refs: (Reference | undefined)[] | undefined, type: T['resourceType']): T | undefined {
  for (const ref of refs ?? []) {
    const id = referenceId(ref, type);
    const found = id ? pool.get(`${type}/${id}`) : undefined;
    if (found) return found as T;
  }
  return undefined;
}

/** The IANA time zone from the standard timezone extension on the first resource that has one. */
export function timeZoneOf(...resources: (Resource | undefined)[]): string | undefined {
  for (const resource of resources) {
    const zone = (resource as { extension?: { url: string; valueCode?: string }[] } | undefined)?.extension?.find((e) => e.url === TIMEZONE_EXTENSION)?.valueCode;
    if (zone) return zone;
  }
  return undefined;
}
