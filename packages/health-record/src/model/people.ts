import type { Location, Organization, Practitioner, PractitionerRole, Reference, RelatedPerson, Resource } from 'fhir/r4';
import { formatClinicianName, formatHumanName } from '@portico/core';

/**
 * Who or where a reference names, as a patient reads it: the included resource's name (a clinician
 * as "Dr. Linda Chen", a place or organization by its name), else the reference's `display`; '' when
 * neither says. Never the bare reference.
 */
export function nameOf(reference: Reference | undefined, included: readonly Resource[]): string {
  if (!reference) return '';
  const key = reference.reference?.split('/').slice(-2).join('/');
  const found = key ? included.find((r) => `${r.resourceType}/${r.id}` === key) : undefined;
  let name = '';
  if (found?.resourceType === 'Practitioner') name = formatClinicianName(found as Practitioner);
  else if (found?.resourceType === 'RelatedPerson') name = formatHumanName((found as RelatedPerson).name);
  else if (found?.resourceType === 'Location' || found?.resourceType === 'Organization') name = (found as Location | Organization).name ?? '';
  else if (found?.resourceType === 'PractitionerRole') name = (found as PractitionerRole).practitioner?.display ?? '';
  return (name || reference.display || '').trim();
}
