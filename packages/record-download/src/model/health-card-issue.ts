/**
 * Getting a SMART Health Card from the server: `Patient/<id>/$health-cards-issue` (when the
 * CapabilityStatement offers it) for immunizations or for laboratory results, the issuer's keys read
 * for the check, and the `.smart-health-card` file.
 */
import type { Parameters } from 'fhir/r4';
import type { FhirClient } from '@portico/core';
import type { HealthCardKey } from './health-card-verify.js';

/** The operation, as the CapabilityStatement names it. */
export const HEALTH_CARDS_ISSUE = 'health-cards-issue';

/** The type of a `.smart-health-card` file. */
export const HEALTH_CARD_FILE_TYPE = 'application/smart-health-card';

/** The kinds of card a patient can ask for. */
export const HEALTH_CARD_KINDS = ['immunization', 'laboratory'] as const;
export type HealthCardKind = (typeof HEALTH_CARD_KINDS)[number];

/**
 * The `credentialType` values of each kind: the FHIR resource type, as the SMART Health Cards
 * specification asks now, and the type URI that servers written to its first version expect.
 */
const CREDENTIAL_TYPES: Readonly<Record<HealthCardKind, readonly string[]>> = {
  immunization: ['Immunization', 'https://smarthealth.cards#immunization'],
  laboratory: ['Observation', 'https://smarthealth.cards#laboratory'],
};

/** What the server issued: the card (a compact JWS), and which of the patient's resources each `resource:N` in it is. */
export interface IssuedHealthCard {
  jws: string;
  /** `resource:1` → the resource's address on the server (an Immunization or an Observation). */
  links: Map<string, string>;
}

/** Does the server offer health cards (`$health-cards-issue` on Patient)? */
export function offersHealthCards(client: FhirClient, signal?: AbortSignal): Promise<boolean> {
  return client.supportsOperation(HEALTH_CARDS_ISSUE, 'Patient', { signal });
}

/**
 * Asks for the patient's card of one kind; undefined when the server has none to issue (no
 * immunizations; no results of the tests a card may carry). The first card answered is the one kept.
 */
export async function issueHealthCard(client: FhirClient, patientId: string, kind: HealthCardKind, signal?: AbortSignal): Promise<IssuedHealthCard | undefined> {
  const input: Parameters = { resourceType: 'Parameters', parameter: CREDENTIAL_TYPES[kind].map((valueUri) => ({ name: 'credentialType', valueUri })) };
  const answer = await client.operation<Parameters>(HEALTH_CARDS_ISSUE, { resourceType: 'Patient', id: patientId }, input, { signal, method: 'POST', idempotent: true });
  const jws = answer?.parameter?.find((p) => p.name === 'verifiableCredential')?.valueString;
  if (!jws) return undefined;
  const links = new Map<string, string>();
  for (const link of answer.parameter?.filter((p) => p.name === 'resourceLink') ?? []) {
    const index = link.part?.find((p) => p.name === 'vcIndex')?.valueInteger ?? 0;
    const bundled = link.part?.find((p) => p.name === 'bundledResource')?.valueUri;
    const hosted = link.part?.find((p) => p.name === 'hostedResource')?.valueUri;
    if (index === 0 && bundled && hosted) links.set(bundled, hosted);
  }
  return { jws, links };
}

/**
 * The issuer's published keys (`<iss>/.well-known/jwks.json`), read through the FHIR client (the token
 * goes only to the FHIR server's own addresses). Only an `https` issuer, or this FHIR server itself, is asked.
 */
export async function issuerKeys(client: FhirClient, issuer: string, signal?: AbortSignal): Promise<{ keys?: HealthCardKey[] }> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
  if (!/^https:\/\//i.test(url) && !client.isOnServer(url)) throw new Error('The issuer is not at an https address.');
  const file = await client.download({ url, contentType: 'application/json' }, { signal });
  return JSON.parse(await file.text()) as { keys?: HealthCardKey[] };
}

/** The `.smart-health-card` file of a card: `{"verifiableCredential": [jws]}`. */
export function healthCardFile(jws: string): Blob {
  return new Blob([JSON.stringify({ verifiableCredential: [jws] })], { type: HEALTH_CARD_FILE_TYPE });
}
