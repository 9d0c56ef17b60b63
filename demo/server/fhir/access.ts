import { evalFhirPath, getSearchParameter } from '@medplum/core';
import type { Reference, Resource } from '@medplum/fhirtypes';
import { parseResourceScope, scopesAllow, type ResourceScope, type SmartPermission } from '../auth/scopes.js';
import type { TokenGrant } from '../auth/provider.js';
import { patientCompartmentParams } from './definition-index.js';

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

/**
 * Types outside the R4 patient compartment that belong to the record of the resources they point at:
 * a Binary to its `securityContext`, a payment to the Invoice it pays. The FHIRPath of those pointers.
 */
export const OWNED_THROUGH: Readonly<Record<string, readonly string[]>> = {
  Binary: ['Binary.securityContext'],
  PaymentReconciliation: ['PaymentReconciliation.detail.request'],
  PaymentNotice: ['PaymentNotice.request', 'PaymentNotice.payment'],
};

/** Reads a stored resource by `Type/id` without copying it (the repository's own `peek`). */
export type ResourceLookup = (type: string, id: string) => Resource | undefined;

const PATIENT_REFERENCE = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;
const TYPED_REFERENCE = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

/** The patient id of a `Patient/x` reference (relative, absolute or versioned), else undefined. */
export function patientIdOf(reference: string | undefined): string | undefined {
  return reference ? PATIENT_REFERENCE.exec(reference)?.[1] : undefined;
}

/** `{ type, id }` of a literal reference (relative, absolute or versioned), else undefined. */
export function parseReference(reference: string | undefined): { type: string; id: string } | undefined {
  const match = reference ? TYPED_REFERENCE.exec(reference) : undefined;
  return match ? { type: match[1]!, id: match[2]! } : undefined;
}

let compartment: Map<string, string[]> | undefined;
const readers = new Map<string, ((resource: Resource) => string[])[]>();

/**
 * Reads the reference strings an expression selects. The compartment expressions are dotted paths,
 * some narrowed with `.where(resolve() is Patient)` (rewritten, see definitions.ts): those are walked
 * directly, which is ~50× faster than evaluating FHIRPath for every resource a search looks at.
 */
function referenceReader(expression: string): (resource: Resource) => string[] {
  const clauses = expression.split('|').map((c) => c.trim().replace(/\.where\([^()]*(?:\([^()]*\)[^()]*)*\)$/, ''));
  const paths = clauses.map((c) => (/^[A-Z][A-Za-z]+(\.[a-z][A-Za-z]*)+$/.test(c) ? c.split('.').slice(1) : undefined));
  if (paths.some((p) => !p)) {
    return (resource) =>
      evalFhirPath(expression, resource)
        .map((value) => (value as Reference | undefined)?.reference)
        .filter((r): r is string => typeof r === 'string');
  }
  return (resource) => {
    const found: string[] = [];
    for (const path of paths as string[][]) collect(resource, path, 0, found);
    return found;
  };
}

/** Pushes the `reference` of every value at `path` (arrays flattened at any step). */
function collect(value: unknown, path: readonly string[], step: number, found: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, path, step, found);
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (step === path.length) {
    const reference = (value as Reference).reference;
    if (typeof reference === 'string') found.push(reference);
    return;
  }
  collect((value as Record<string, unknown>)[path[step]!], path, step + 1, found);
}

/** Readers of the references that put a resource of `type` in a patient compartment. */
function compartmentReaders(type: string): ((resource: Resource) => string[])[] {
  compartment ??= patientCompartmentParams();
  let cached = readers.get(type);
  if (!cached) {
    const expressions = OWNED_THROUGH[type] ?? (compartment.get(type) ?? []).map((code) => getSearchParameter(type, code)?.expression).filter((e): e is string => !!e);
    cached = expressions.map(referenceReader);
    readers.set(type, cached);
  }
  return cached;
}

/** The compartment search parameters of `type` (e.g. Observation → subject, performer). */
export function compartmentParamsOf(type: string): string[] {
  compartment ??= patientCompartmentParams();
  return compartment.get(type) ?? [];
}

/** Is `type` in the patient compartment, or owned through one (Binary, payments)? */
export function isPatientData(type: string): boolean {
  return compartmentParamsOf(type).length > 0 || type in OWNED_THROUGH || type === 'Patient';
}

/** The references that make `resource` someone's data: compartment references, or what it is owned through. */
export function ownerReferences(resource: Resource): string[] {
  return compartmentReaders(resource.resourceType).flatMap((read) => read(resource));
}

/** Patient ids whose compartment holds `resource` directly (for owned types: the patients they point at). */
export function patientsOf(resource: Resource): Set<string> {
  const ids = new Set<string>();
  if (resource.resourceType === 'Patient' && resource.id) ids.add(resource.id);
  for (const reference of ownerReferences(resource)) {
    const id = patientIdOf(reference);
    if (id) ids.add(id);
  }
  return ids;
}

/** The access a token gives, checked per interaction and per resource. */
export class Access {
  readonly scopes: ResourceScope[];
  readonly patients: Set<string>;
  private readonly fhirUserId: string | undefined;

  /** `lookup` resolves what owned types (Binary, payments) point at; without it they are never visible. */
  constructor(
    readonly grant: TokenGrant,
    private readonly lookup?: ResourceLookup,
  ) {
    this.scopes = grant.scope
      .split(' ')
      .map(parseResourceScope)
      .filter((s): s is ResourceScope => !!s && s.context !== 'system');
    this.patients = new Set(grant.patients);
    this.fhirUserId = grant.fhirUser.split('/')[1];
  }

  /** Do the scopes allow this interaction on this type at all? */
  allowsType(resourceType: string, permission: SmartPermission): boolean {
    return scopesAllow(this.scopes, resourceType, permission);
  }

  /** May the token read or search this type (an `_include`d resource, a chain's target)? */
  readsType(resourceType: string): boolean {
    return this.allowsType(resourceType, 'r') || this.allowsType(resourceType, 's');
  }

  /**
   * May the token write this resource as it would be stored? Every patient it names must be one of the
   * token's (a patient can't file an Observation under someone else by also naming themself), and a
   * patient-compartment resource must name at least one. An owned type (Binary, payment) must point only
   * at the token's patients or at stored resources the token may write (or at `pending` references:
   * entries of the same transaction that are checked on their own).
   */
  allowsWrite(resource: Resource, pending: ReadonlySet<string> = new Set()): boolean {
    return this.writes(resource, pending, 0);
  }

  /** May the token see this particular resource? */
  allowsResource(resource: Resource): boolean {
    return this.sees(resource, 0);
  }

  private writes(resource: Resource, pending: ReadonlySet<string>, depth: number): boolean {
    if (resource.resourceType in OWNED_THROUGH) {
      const owners = ownerReferences(resource);
      return depth <= 2 && owners.length > 0 && owners.every((reference) => this.ownsReference(reference, pending, depth));
    }
    const patients = patientsOf(resource);
    for (const id of patients) if (!this.patients.has(id)) return false;
    return SHARED_TYPES.has(resource.resourceType) || patients.size > 0;
  }

  private sees(resource: Resource, depth: number): boolean {
    const type = resource.resourceType;
    if (SHARED_TYPES.has(type)) return true;
    // SMART: the signed-in person's own resource (fhirUser) is readable, e.g. a parent's Person.
    if (resource.id === this.fhirUserId && `${type}/${resource.id}` === this.grant.fhirUser) return true;
    if (type === 'Patient') return this.patients.has(resource.id ?? '');
    const owned = type in OWNED_THROUGH;
    if (owned && depth > 2) return false;
    // Called for every match of a search: the first reference to one of the token's patients decides.
    for (const reference of ownerReferences(resource)) {
      const patient = patientIdOf(reference);
      if (patient !== undefined ? this.patients.has(patient) : owned && this.seesTarget(reference, depth)) return true;
    }
    return false;
  }

  private seesTarget(reference: string, depth: number): boolean {
    const target = this.resolve(reference);
    return !!target && this.sees(target, depth + 1);
  }

  private ownsReference(reference: string, pending: ReadonlySet<string>, depth: number): boolean {
    if (pending.has(reference)) return true;
    const patient = patientIdOf(reference);
    if (patient) return this.patients.has(patient);
    const target = this.resolve(reference);
    return !!target && !SHARED_TYPES.has(target.resourceType) && this.writes(target, pending, depth + 1);
  }

  private resolve(reference: string): Resource | undefined {
    const parsed = parseReference(reference);
    return parsed && this.lookup ? this.lookup(parsed.type, parsed.id) : undefined;
  }
}
