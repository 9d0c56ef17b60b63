/** Comparing what a write changes: two versions of a resource, apart from the elements a rule lets change. */
import type { Resource } from '@medplum/fhirtypes';

/** JSON with object keys sorted at every level, so equal content compares equal whatever the key order. */
function canonical(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)])) : v;
  return JSON.stringify(sorted(value));
}

/** Are `a` and `b` the same once the top-level elements `keys` are left out of both? */
export function sameApartFrom(a: Resource, b: Resource, keys: readonly string[]): boolean {
  const without = (resource: Resource) => Object.fromEntries(Object.entries(resource).filter(([key]) => !keys.includes(key)));
  return canonical(without(a)) === canonical(without(b));
}
