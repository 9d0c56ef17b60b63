import { evalFhirPath, getSearchParameter } from '@medplum/core';
import type { Reference, Resource } from '@medplum/fhirtypes';
import { parseResourceScope, scopesAllow, type ResourceScope, type SmartPermission } from '../auth/scopes.js';
import type { TokenGrant } from '../auth/provider.js';
import { patientCompartmentParams } from './definitions.js';

/** Types outside any patient's compartment that every signed-in patient may read (directory data). */
export const SHARED_TYPES = new Set([
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'HealthcareService',
  'Schedule',
  'Slot',
  'Medication',
  'Substance',
  'Endpoint',
  'ValueSet',
  'CodeSystem',
  'Questionnaire',
]);

let compartment: Map<string, string[]> | undefined;
const expressions = new Map<string, string[]>();

/** The FHIRPath expressions whose references put a resource of `type` in a patient compartment. */
function compartmentExpressions(type: string): string[] {
  compartment ??= patientCompartmentParams();
  let cached = expressions.get(type);
  if (!cached) {
    cached = (compartment.get(type) ?? [])
      .map((code) => getSearchParameter(type, code)?.expression)
      .filter((e): e is string => !!e);
    expressions.set(type, cached);
  }
  return cached;
}

/** The compartment search parameters of `type` (e.g. Observation → subject, performer). */
export function compartmentParamsOf(type: string): string[] {
  compartment ??= patientCompartmentParams();
  return compartment.get(type) ?? [];
}

/** Patient ids whose compartment holds `resource`. */
export function patientsOf(resource: Resource): Set<string> {
  const ids = new Set<string>();
  if (resource.resourceType === 'Patient' && resource.id) ids.add(resource.id);
  if (resource.resourceType === 'Binary') {
    const ref = resource.securityContext?.reference;
    if (ref?.startsWith('Patient/')) ids.add(ref.slice(8));
    return ids;
  }
  for (const expression of compartmentExpressions(resource.resourceType)) {
    for (const value of evalFhirPath(expression, resource)) {
      const ref = (value as Reference | undefined)?.reference;
      if (typeof ref === 'string') {
        const match = /(?:^|\/)Patient\/([^/]+)$/.exec(ref);
        if (match) ids.add(match[1]!);
      }
    }
  }
  return ids;
}

/** The access a token gives, checked per interaction and per resource. */
export class Access {
  readonly scopes: ResourceScope[];
  readonly patients: Set<string>;

  constructor(readonly grant: TokenGrant) {
    this.scopes = grant.scope
      .split(' ')
      .map(parseResourceScope)
      .filter((s): s is ResourceScope => !!s && s.context !== 'system');
    this.patients = new Set(grant.patients);
  }

  /** Do the scopes allow this interaction on this type at all? */
  allowsType(resourceType: string, permission: SmartPermission): boolean {
    return scopesAllow(this.scopes, resourceType, permission);
  }

  /**
   * May the token write this resource as it would be stored? Every patient it names must be one of the
   * token's (a patient can't file an Observation under someone else by also naming themself), and a
   * patient-compartment resource must name at least one.
   */
  allowsWrite(resource: Resource): boolean {
    const patients = patientsOf(resource);
    for (const id of patients) if (!this.patients.has(id)) return false;
    return SHARED_TYPES.has(resource.resourceType) || patients.size > 0;
  }

  /** May the token see this particular resource? */
  allowsResource(resource: Resource): boolean {
    if (SHARED_TYPES.has(resource.resourceType)) return true;
    // SMART: the signed-in person's own resource (fhirUser) is readable, e.g. a parent's Person.
    if (`${resource.resourceType}/${resource.id}` === this.grant.fhirUser) return true;
    for (const id of patientsOf(resource)) if (this.patients.has(id)) return true;
    return false;
  }
}
