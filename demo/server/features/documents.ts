/**
 * The record download's server side. Documents in the seed: DocumentReferences with their Binaries
 * (visit summaries as PDF and HTML, a referral letter, immunization records, clinical notes, a
 * superseded summary). The rules for what a patient adds (fhir/document-writes.ts): their own
 * documents and files, created only. The record as operations, each set behind its own setting:
 * `everythingOperation` (off by default, as most patient APIs): `Patient/$everything`;
 * `recordOperations` (on by default): `Patient/$summary` (IPS), `DocumentReference/$docref` and
 * `Patient/<id>/$health-cards-issue` (SMART Health Cards). The operations read at request time what the
 * clinical, labs and scheduling modules seeded, so the module's place in the registry is the seed's:
 * after those whose products (visits, immunizations) its documents use.
 */
import { BINARIES_STAY, checkDocumentWrite, DOCUMENTS_STAY } from '../fhir/document-writes.js';
import { issueHealthCards } from '../fhir/health-cards.js';
import { patientSummary } from '../fhir/patient-summary.js';
import { documentReferenceDocref, patientEverything } from '../fhir/record-operations.js';
import { buildDocuments } from '../seed/documents.js';
import { defineFeature, type OfferedOperation } from './feature.js';

/** The definitions (canonical URLs) of the operations, as the CapabilityStatement lists them. */
export const RECORD_OPERATION_DEFINITIONS = {
  everything: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
  summary: 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary',
  docref: 'http://hl7.org/fhir/us/core/OperationDefinition/docref',
  'health-cards-issue': 'http://hl7.org/fhir/uv/smart-health-cards-and-links/OperationDefinition/patient-i-health-cards-issue',
} as const;

function offered(resourceType: string, name: keyof typeof RECORD_OPERATION_DEFINITIONS, paths: readonly string[], run: OfferedOperation['run']): OfferedOperation[] {
  return paths.map((path) => ({ path, capability: { resourceType, name, definition: RECORD_OPERATION_DEFINITIONS[name] }, run }));
}

export const documents = defineFeature({
  name: 'documents',
  seed: ({ today, profiles, earlier }) => ({ resources: buildDocuments({ today, profiles, visits: earlier('visits'), immunizations: earlier('immunizations') }) }),
  writes: {
    DocumentReference: { interactions: ['create'], refusal: DOCUMENTS_STAY, check: checkDocumentWrite },
    Binary: { interactions: ['create'], refusal: BINARIES_STAY },
  },
  operations: [
    { setting: 'everythingOperation', operations: offered('Patient', 'everything', ['Patient/$everything', 'Patient/:id/$everything'], patientEverything) },
    {
      setting: 'recordOperations',
      default: true,
      operations: [
        ...offered('Patient', 'summary', ['Patient/$summary', 'Patient/:id/$summary'], patientSummary),
        ...offered('DocumentReference', 'docref', ['DocumentReference/$docref'], documentReferenceDocref),
        ...offered('Patient', 'health-cards-issue', ['Patient/:id/$health-cards-issue'], issueHealthCards),
      ],
    },
  ],
});
