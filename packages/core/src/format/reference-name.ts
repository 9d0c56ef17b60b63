import type { Location, Organization, Practitioner, PractitionerRole, Reference, RelatedPerson, Resource } from 'fhir/r4';
import { referenceId } from '../fhir/reference.js';
import { formatClinicianName, formatHumanName } from './name.js';

function includedOf(reference: Reference | undefined, included: readonly Resource[]): Resource | undefined {
  return reference ? included.find((r) => r.id !== undefined && referenceId(reference, r.resourceType) === r.id) : undefined;
}

function nameOfResource(resource: Resource | undefined, included: readonly Resource[]): string {
  switch (resource?.resourceType) {
    case 'Practitioner':
      return formatClinicianName(resource as Practitioner);
    case 'RelatedPerson':
      return formatHumanName((resource as RelatedPerson).name);
    case 'Location':
    case 'Organization':
      return (resource as Location | Organization).name ?? '';
    case 'PractitionerRole': {
      const practitioner = (resource as PractitionerRole).practitioner;
      const person = includedOf(practitioner, included);
      return (person?.resourceType === 'Practitioner' ? formatClinicianName(person as Practitioner) : '') || (practitioner?.display ?? '');
    }
    default:
      return '';
  }
}

/**
 * Who or where a reference names, as a patient reads it: the included resource's name (a clinician
 * as "Dr. Linda Chen", a place or organization by its name, a practitioner role by its practitioner),
 * else the reference's `display`; '' when neither says. Never the bare reference. The reference finds
 * its resource whether it is relative, absolute or versioned.
 */
export function referenceName(reference: Reference | undefined, included: readonly Resource[] = []): string {
  if (!reference) return '';
  return (nameOfResource(includedOf(reference, included), included).trim() || reference.display || '').trim();
}
