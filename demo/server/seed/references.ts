/** Relative references between seed resources ('Type/id'). */
import type { FhirResource, Reference } from 'fhir/r4';

export type ResourceTypeName = FhirResource['resourceType'];

export function ref(type: ResourceTypeName, id: string, display?: string): Reference {
  const reference = { reference: `${type}/${id}` };
  return display === undefined ? reference : { ...reference, display };
}
