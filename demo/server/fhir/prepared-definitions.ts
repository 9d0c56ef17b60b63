import { getAllDataTypes, indexDefaultSearchParameters, parseStructureDefinition, type InternalSchemaElement, type InternalTypeSchema } from '@medplum/core';
import type { CompartmentDefinition, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';

/**
 * FHIR definitions prepared ahead of the page that indexes them (Storybook builds them once,
 * .storybook/story-definitions.ts): each StructureDefinition already parsed into Medplum's schema
 * (`parseStructureDefinition`, the costly part of indexing) and each search parameter already split per
 * type (definition-index.ts), so a page only reads them in. The Node server parses its own
 * (definitions.ts).
 */

/** A parsed schema as JSON: its Sets as arrays, an unbounded `max` as -1, no `parentType` (set again on loading). */
export type SchemaJson = Record<string, unknown>;

/** The definitions definition-index.ts `indexDefinitions` reads in without parsing. */
export interface PreparedFhirDefinitions {
  /** The name Medplum indexes each schema under, and the schema, in indexing order. */
  schemas: readonly (readonly [name: string, schema: SchemaJson])[];
  /** The resource types given Medplum's default search parameters (`_id`, `_lastUpdated`, …), in indexing order. */
  resourceTypes: readonly string[];
  /** Search parameters, one per base type, as definition-index.ts `searchParametersPerType` makes them. */
  searchParameters: readonly SearchParameter[];
  /** The R4 patient CompartmentDefinition. */
  patientCompartment: CompartmentDefinition;
}

/** Profiles R4 indexes as base types under their own name (Medplum's `loadDataType`); every other schema goes under its `type`. */
const NAMED_PROFILES = new Set(['http://hl7.org/fhir/StructureDefinition/MoneyQuantity', 'http://hl7.org/fhir/StructureDefinition/SimpleQuantity']);

/** The name and JSON of a base definition's schema, as Medplum's `loadDataType` would index it. */
export function prepareSchema(definition: StructureDefinition): [string, SchemaJson] {
  const name = NAMED_PROFILES.has(definition.url) ? definition.name : definition.type;
  if (!NAMED_PROFILES.has(definition.url) && definition.url !== `http://hl7.org/fhir/StructureDefinition/${definition.type}`) {
    throw new Error(`${definition.url} is a profile: only base definitions are prepared.`);
  }
  const json = JSON.stringify(parseStructureDefinition(definition), (key, value: unknown) =>
    key === 'parentType' ? undefined : value instanceof Set ? [...(value as Set<unknown>)] : value === Infinity ? -1 : value,
  );
  return [name, JSON.parse(json) as SchemaJson];
}

/** Puts the prepared schemas where Medplum's `loadDataType` puts parsed ones, with the default search parameters of the resource types. */
export function loadPreparedSchemas(prepared: PreparedFhirDefinitions): void {
  indexDefaultSearchParameters(prepared.resourceTypes.map((type) => ({ resourceType: 'StructureDefinition', kind: 'resource', type }) as StructureDefinition));
  const dataTypes = getAllDataTypes();
  for (const [name, json] of prepared.schemas) {
    const schema = restoreSchema(json);
    dataTypes[name] = schema;
    for (const inner of schema.innerTypes) {
      inner.parentType = schema;
      dataTypes[inner.name] = inner;
    }
  }
}

function restoreSchema(json: SchemaJson): InternalTypeSchema {
  const schema = json as unknown as InternalTypeSchema & { summaryProperties?: unknown; mandatoryProperties?: unknown };
  if (Array.isArray(schema.summaryProperties)) schema.summaryProperties = new Set(schema.summaryProperties as string[]);
  if (Array.isArray(schema.mandatoryProperties)) schema.mandatoryProperties = new Set(schema.mandatoryProperties as string[]);
  restoreElements(schema.elements);
  for (const inner of schema.innerTypes) restoreSchema(inner as unknown as SchemaJson);
  return schema;
}

function restoreElements(elements: Record<string, InternalSchemaElement>): void {
  for (const element of Object.values(elements)) {
    if (element.max === -1) element.max = Infinity;
    for (const slice of element.slicing?.slices ?? []) {
      if (slice.max === -1) slice.max = Infinity;
      restoreElements(slice.elements);
    }
  }
}
