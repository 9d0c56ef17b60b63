/**
 * SMART Health Cards: `Patient/<id>/$health-cards-issue` signs the patient's immunizations as a
 * verifiable credential (a compact JWS: header `{alg: ES256, zip: DEF, kid}`, payload the raw-DEFLATE
 * of the minified credential JSON, an ES256 signature in JOSE r‖s form), and the issuer's public keys
 * are served at `<iss>/.well-known/jwks.json`. The issuer (`iss`) is the tenant's FHIR base URL. The
 * signing key is made once per server process (per page in Storybook), with Web Crypto, so the same
 * code runs in Node and in a browser.
 */
import type { BundleEntry, CodeableConcept, Immunization, Parameters, ParametersParameter, Patient, Resource } from '@medplum/fhirtypes';
import type { FhirCall } from './bundles.js';
import { forbidden, problem, type RequestContext } from './interactions.js';
import { findVisible } from './patient-search.js';
import type { Answer } from './reads.js';
import { operationPatient } from './record-operations.js';

/** The verifiable credential types this issuer signs, by the names `credentialType` may use. */
const CREDENTIAL_TYPES: Readonly<Record<string, 'immunization'>> = {
  Immunization: 'immunization',
  'https://smarthealth.cards#immunization': 'immunization',
};
const HEALTH_CARD = 'https://smarthealth.cards#health-card';

/** A public key of the issuer, as JWK. */
export interface IssuerJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: 'ES256';
}

interface IssuerKey {
  privateKey: CryptoKey;
  jwk: IssuerJwk;
}

let issuerKey: Promise<IssuerKey> | undefined;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The issuer's signing key, made on first use (P-256), with its RFC 7638 thumbprint as `kid`. */
function signingKey(): Promise<IssuerKey> {
  issuerKey ??= (async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const exported = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const { x, y } = exported as { x: string; y: string };
    // RFC 7638: the SHA-256 of the required members in lexicographic order, no whitespace.
    const thumbprint = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify({ crv: 'P-256', kty: 'EC', x, y })));
    return { privateKey: pair.privateKey, jwk: { kty: 'EC', crv: 'P-256', x, y, kid: base64url(new Uint8Array(thumbprint)), use: 'sig', alg: 'ES256' } };
  })();
  return issuerKey;
}

/** The issuer's key set, for `<iss>/.well-known/jwks.json`. */
export async function issuerKeySet(): Promise<{ keys: IssuerJwk[] }> {
  return { keys: [(await signingKey()).jwk] };
}

async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A compact JWS of `payload` (minified JSON, raw-DEFLATE compressed), signed ES256 by the issuer's key. */
export async function signHealthCard(payload: object): Promise<string> {
  const key = await signingKey();
  const header = base64url(new TextEncoder().encode(JSON.stringify({ alg: 'ES256', zip: 'DEF', kid: key.jwk.kid })));
  const body = base64url(await deflateRaw(new TextEncoder().encode(JSON.stringify(payload))));
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, new TextEncoder().encode(`${header}.${body}`));
  return `${header}.${body}.${base64url(new Uint8Array(signature))}`;
}

/** A CodeableConcept as health cards carry it: codings without display, no text. */
function minimalConcept(concept: CodeableConcept | undefined): CodeableConcept | undefined {
  const coding = (concept?.coding ?? []).filter((c) => c.system && c.code).map((c) => ({ system: c.system, code: c.code }));
  return coding.length ? { coding } : undefined;
}

function minimalPatient(patient: Patient): Patient {
  const name = (patient.name ?? []).slice(0, 1).map((n) => ({ ...(n.family ? { family: n.family } : {}), ...(n.given ? { given: n.given } : {}) }));
  return { resourceType: 'Patient', ...(name.length ? { name } : {}), ...(patient.birthDate ? { birthDate: patient.birthDate } : {}) };
}

/** An Immunization as a vaccination credential carries it (SMART Health Cards data minimisation). */
function minimalImmunization(immunization: Immunization, performer: string | undefined): Immunization {
  return {
    resourceType: 'Immunization',
    status: immunization.status,
    vaccineCode: minimalConcept(immunization.vaccineCode) ?? { coding: [] },
    patient: { reference: 'resource:0' },
    ...(immunization.occurrenceDateTime ? { occurrenceDateTime: immunization.occurrenceDateTime } : {}),
    ...(performer ? { performer: [{ actor: { display: performer } }] } : {}),
    ...(immunization.lotNumber ? { lotNumber: immunization.lotNumber } : {}),
  };
}

/** Who gave a dose, as the card names it: the place, else the clinician (a display only). */
function performerOf(context: RequestContext, immunization: Immunization): string | undefined {
  const reference = immunization.location?.reference ?? immunization.performer?.[0]?.actor?.reference;
  if (immunization.location?.display) return immunization.location.display;
  const [type, id] = (reference ?? '').split('/');
  const stored = type && id ? (context.repo.peek(type, id) as (Resource & { name?: unknown }) | undefined) : undefined;
  return typeof stored?.name === 'string' ? stored.name : immunization.performer?.[0]?.actor?.display;
}

/**
 * `Patient/<id>/$health-cards-issue` (POST, a Parameters with `credentialType` and optionally `_since`):
 * one `verifiableCredential` with the patient's completed immunizations, and a `resourceLink` per
 * immunization (its `resource:N` in the card and its address here). Nothing is answered (a Parameters
 * without parameters) when no credential type asked for is one this issuer signs, the patient has no
 * immunizations, or none changed since `_since`.
 */
export async function issueHealthCards(context: RequestContext, call: FhirCall): Promise<Answer> {
  if (call.method !== 'POST') throw problem(405, 'not-supported', '$health-cards-issue is called with POST.');
  const body = call.body as Parameters | undefined;
  if (body?.resourceType !== 'Parameters') throw problem(400, 'invalid', 'The body must be a Parameters resource with a credentialType.');
  const inputs = body.parameter ?? [];
  const types = inputs.filter((p) => p.name === 'credentialType').map((p) => p.valueUri ?? p.valueString ?? '');
  if (!types.length) throw problem(400, 'required', 'credentialType is required (e.g. Immunization).');
  const since = inputs.find((p) => p.name === '_since');
  const sinceValue = since?.valueDateTime ?? since?.valueInstant ?? since?.valueDate ?? since?.valueString;
  if (sinceValue !== undefined && Number.isNaN(Date.parse(sinceValue))) throw problem(400, 'invalid', '_since must be a dateTime.');
  const patient = operationPatient(context, call);
  const none: Answer = [200, { resourceType: 'Parameters' }, {}];
  if (!types.some((t) => CREDENTIAL_TYPES[t] === 'immunization')) return none;
  if (!context.access.allowsType('Immunization', 's')) throw forbidden('The granted scopes do not allow searching Immunization.');

  const found = (await findVisible(context, 'Immunization', new URLSearchParams([['patient', `Patient/${patient}`], ['status', 'completed']]), 1000)) as Immunization[];
  const immunizations = found.sort((a, b) => ((a.occurrenceDateTime ?? '') < (b.occurrenceDateTime ?? '') ? -1 : (a.occurrenceDateTime ?? '') > (b.occurrenceDateTime ?? '') ? 1 : 0));
  if (!immunizations.length) return none;
  if (sinceValue && !immunizations.some((i) => Date.parse(i.meta?.lastUpdated ?? '') >= Date.parse(sinceValue))) return none;

  const subject = (await context.repo.readResource('Patient', patient)) as Patient;
  const entry: BundleEntry[] = [
    { fullUrl: 'resource:0', resource: minimalPatient(subject) },
    ...immunizations.map((i, n): BundleEntry => ({ fullUrl: `resource:${n + 1}`, resource: minimalImmunization(i, performerOf(context, i)) })),
  ];
  const credential = {
    iss: context.baseUrl,
    nbf: Math.floor(Date.now() / 1000),
    vc: {
      type: [HEALTH_CARD, 'https://smarthealth.cards#immunization'],
      credentialSubject: { fhirVersion: '4.0.1', fhirBundle: { resourceType: 'Bundle', type: 'collection', entry } },
    },
  };
  const parameter: ParametersParameter[] = [
    { name: 'verifiableCredential', valueString: await signHealthCard(credential) },
    ...immunizations.map(
      (i, n): ParametersParameter => ({
        name: 'resourceLink',
        part: [
          { name: 'vcIndex', valueInteger: 0 },
          { name: 'bundledResource', valueUri: `resource:${n + 1}` },
          { name: 'hostedResource', valueUri: `${context.baseUrl}/Immunization/${i.id}` },
        ],
      }),
    ),
  ];
  return [200, { resourceType: 'Parameters', parameter }, {}];
}
