import type { Location } from 'fhir/r4';

/** A place's street address in a line ('12 Main St, Boston, MA 02118'). */
export function addressLine(location: Location | undefined): string {
  const a = location?.address;
  if (!a) return '';
  return [...(a.line ?? []), a.city, [a.state, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}
