import { getSearchParameters } from '@medplum/core';
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { DEMO_CLIENT_SCOPES, STATIC_SCOPES } from '../auth/scopes.js';
import { limitedInteractions } from '../features/registry.js';
import { SHARED_TYPES } from './access.js';

/**
 * Types patients may read but never write here: the directory (except what a module's write rule lets
 * them change, e.g. a Slot by a booking: features/scheduling.ts), the Patient record and the people who act for it.
 */
export const READ_ONLY = new Set([...[...SHARED_TYPES].filter((t) => !limitedInteractions(t)), 'Patient', 'RelatedPerson', 'Person']);

/** Types the demo server serves, with the interactions it supports on each. */
export const SERVED_TYPES = [
  'Account', 'AllergyIntolerance', 'Appointment', 'Binary', 'CareTeam', 'ChargeItem', 'Communication', 'Condition',
  'Coverage', 'DiagnosticReport', 'DocumentReference', 'Encounter', 'ExplanationOfBenefit', 'Claim', 'HealthcareService',
  'Immunization', 'Invoice', 'Location', 'Medication', 'MedicationRequest', 'MedicationStatement', 'Observation',
  'Organization', 'Patient', 'PaymentNotice', 'PaymentReconciliation', 'Practitioner', 'PractitionerRole', 'Procedure',
  'RelatedPerson', 'Schedule', 'Slot', 'Specimen', 'Task', 'CarePlan', 'Goal', 'ServiceRequest', 'Device', 'ImagingStudy',
  'MedicationAdministration', 'Provenance', 'SupplyDelivery', 'MedicationDispense', 'ImmunizationRecommendation',
] as const;

export interface CapabilityOptions {
  fhirBaseUrl: string;
  authIssuer: string;
  /** Extra operations offered (features/registry.ts `capabilityOperations`, e.g. Appointment $find/$book behind a setting). */
  operations?: { resourceType: string; name: string; definition: string }[];
}

export function buildCapabilityStatement(options: CapabilityOptions): CapabilityStatement {
  const resources: CapabilityStatementRestResource[] = SERVED_TYPES.map((type) => {
    const interactions = type === 'Binary' ? ['read', 'vread', 'history-instance'] : ['read', 'vread', 'search-type', 'history-instance'];
    const limited = limitedInteractions(type);
    if (limited) interactions.push(...limited);
    else if (!READ_ONLY.has(type)) interactions.push('create', 'update', 'patch', 'delete');
    return {
      type,
      interaction: interactions.map((code) => ({ code: code as 'read' })),
      versioning: 'versioned-update',
      readHistory: true,
      updateCreate: false,
      conditionalCreate: true,
      conditionalUpdate: false,
      conditionalDelete: 'not-supported',
      searchParam: Object.values(getSearchParameters(type) ?? {}).map((p) => ({
        name: p.code ?? p.name,
        type: p.type,
        definition: p.url,
      })),
      operation: (options.operations ?? [])
        .filter((o) => o.resourceType === type)
        .map((o) => ({ name: o.name, definition: o.definition })),
    };
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString().slice(0, 10),
    kind: 'instance',
    publisher: 'Riverside Health (Portico demo server)',
    software: { name: 'Portico demo FHIR server' },
    implementation: { description: 'In-memory FHIR R4 server for the Portico demo and tests', url: options.fhirBaseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [
                { url: 'authorize', valueUri: `${options.authIssuer}/authorize` },
                { url: 'token', valueUri: `${options.authIssuer}/token` },
                { url: 'revoke', valueUri: `${options.authIssuer}/revoke` },
              ],
            },
          ],
        },
        resource: resources,
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
      },
    ],
  };
}

/** `/.well-known/smart-configuration` for the FHIR base (SMART App Launch 2.0). */
export function buildSmartConfiguration(authIssuer: string) {
  return {
    issuer: authIssuer,
    jwks_uri: `${authIssuer}/jwks`,
    authorization_endpoint: `${authIssuer}/authorize`,
    token_endpoint: `${authIssuer}/token`,
    revocation_endpoint: `${authIssuer}/revoke`,
    introspection_endpoint: `${authIssuer}/introspect`,
    userinfo_endpoint: `${authIssuer}/userinfo`,
    end_session_endpoint: `${authIssuer}/logout`,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    response_types_supported: ['code'],
    scopes_supported: [...STATIC_SCOPES, ...DEMO_CLIENT_SCOPES],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-ehr', 'launch-standalone', 'client-public', 'sso-openid-connect', 'context-standalone-patient',
      'context-ehr-patient', 'context-banner', 'permission-patient', 'permission-offline',
      'permission-online', 'permission-v1', 'permission-v2',
    ],
  };
}
