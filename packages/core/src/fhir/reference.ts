import type { Reference } from 'fhir/r4';

/**
 * The id in a reference to a resource of `type`: 'Slot/abc', 'https://…/fhir/Slot/abc' and
 * 'Slot/abc/_history/2' all give 'abc'; another type, a contained ('#x') or a logical reference gives
 * undefined.
 */
export function referenceId(ref: Reference | string | undefined, type: string): string | undefined {
  const text = typeof ref === 'string' ? ref : ref?.reference;
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(text ?? '');
  return match && match[1] === type ? match[2] : undefined;
}
