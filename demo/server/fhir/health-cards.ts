/**
 * SMART Health Cards: `Patient/<id>/$health-cards-issue` signs the patient's immunizations, and their
 * infectious-disease test results, as verifiable credentials (each a compact JWS: header `{alg: ES256, zip: DEF, kid}`, payload the raw-DEFLATE
 * of the minified credential JSON, an ES256 signature in JOSE r‖s form), and the issuer's public keys
 * are served at `<iss>/.well-known/jwks.json`. The issuer (`iss`) is the tenant's FHIR base URL. The
 * signing key is made once per server process (per page in Storybook), with Web Crypto, so the same
 * code runs in Node and in a browser.
 */
import type { BundleEntry, CodeableConcept, Encounter, Immunization, Observation, Parameters, ParametersParameter, Patient, Resource } from '@medplum/fhirtypes';
import type { FhirCall } from './bundles.js';
import { forbidden, problem, type RequestContext } from './interactions.js';
import { findVisible } from './patient-search.js';
import type { Answer } from './reads.js';
import { operationPatient } from './record-operations.js';

/** The two kinds of card this issuer signs. */
type CardKind = 'immunization' | 'laboratory';

/**
 * The verifiable credential types this issuer signs, by the names `credentialType` may use: the FHIR
 * resource type (the current SMART Health Cards way) or the older type URIs.
 */
const CREDENTIAL_TYPES: Readonly<Record<string, CardKind>> = {
  Immunization: 'immunization',
  'https://smarthealth.cards#immunization': 'immunization',
  Observation: 'laboratory',
  'https://smarthealth.cards#laboratory': 'laboratory',
};

/**
 * The laboratory tests a card may carry: infectious-disease tests a school, an employer or a border
 * asks about (LOINC), as the SMART Health Cards vaccination and testing guide means lab cards. Other
 * results (a pregnancy test, a cholesterol panel) never go on a card the patient shows to strangers.
 */
const CARD_LAB_TESTS: ReadonlySet<string> = new Set([
  '78012-2', // Streptococcus pyogenes Ag, rapid
  '94500-6', // SARS-CoV-2 RNA, NAA with probe
  '94309-2', // SARS-CoV-2 RNA, NAA with probe (unspecified specimen)
  '94558-4', // SARS-CoV-2 Ag, rapid immunoassay
  '95209-3', // SARS-CoV-2 + influenza A + B Ag, rapid
  '80382-5', // Influenza A virus Ag, rapid
  '80383-3', // Influenza B virus Ag, rapid
  '92142-9', // Influenza A virus RNA, NAA with probe
  '92141-1', // Influenza B virus RNA, NAA with probe
]);
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

/** A resource's name as a card shows it (a Location's or Organization's `name`), from the server's copy. */
function storedName(context: RequestContext, reference: string | undefined): string | undefined {
  const [type, id] = (reference ?? '').split('/');
  const stored = type && id ? (context.repo.peek(type, id) as (Resource & { name?: unknown }) | undefined) : undefined;
  return typeof stored?.name === 'string' ? stored.name : undefined;
}

/** Who gave a dose, as the card names it: the place, else the clinician (a display only). */
function performerOf(context: RequestContext, immunization: Immunization): string | undefined {
  if (immunization.location?.display) return immunization.location.display;
  return storedName(context, immunization.location?.reference ?? immunization.performer?.[0]?.actor?.reference) ?? immunization.performer?.[0]?.actor?.display;
}

/** Where a test was done, as the card names it: the place of its visit (a display only). */
function laboratoryOf(context: RequestContext, observation: Observation): string | undefined {
  const [, encounterId] = (observation.encounter?.reference ?? '').split('/');
  const encounter = encounterId ? (context.repo.peek('Encounter', encounterId) as Encounter | undefined) : undefined;
  const place = encounter?.location?.[0]?.location;
  return place?.display ?? storedName(context, place?.reference ?? encounter?.serviceProvider?.reference);
}

/** A lab result as a laboratory card carries it: the test, when, where, and the result (coded, a quantity or text). */
function minimalObservation(observation: Observation, performer: string | undefined): Observation {
  const value = observation.valueCodeableConcept
    ? { valueCodeableConcept: minimalConcept(observation.valueCodeableConcept) ?? { text: observation.valueCodeableConcept.text } }
    : observation.valueQuantity
      ? { valueQuantity: observation.valueQuantity }
      : observation.valueString !== undefined
        ? { valueString: observation.valueString }
        : {};
  return {
    resourceType: 'Observation',
    status: observation.status,
    code: minimalConcept(observation.code) ?? { coding: [] },
    subject: { reference: 'resource:0' },
    ...(observation.effectiveDateTime ? { effectiveDateTime: observation.effectiveDateTime } : {}),
    ...(performer ? { performer: [{ display: performer }] } : {}),
    ...value,
  };
}

const byDate = (date: (r: Resource) => string) => (a: Resource, b: Resource) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0);

/** What goes on a card of one kind: the patient's resources it carries, oldest first, each as the card holds it. */
async function cardContent(context: RequestContext, kind: CardKind, patient: string): Promise<{ found: Resource[]; minimal: (r: Resource) => Resource }> {
  if (kind === 'immunization') {
    if (!context.access.allowsType('Immunization', 's')) throw forbidden('The granted scopes do not allow searching Immunization.');
    const found = (await findVisible(context, 'Immunization', new URLSearchParams([['patient', `Patient/${patient}`], ['status', 'completed']]), 1000)) as Immunization[];
    return { found: found.sort(byDate((r) => (r as Immunization).occurrenceDateTime ?? '')), minimal: (r) => minimalImmunization(r as Immunization, performerOf(context, r as Immunization)) };
  }
  if (!context.access.allowsType('Observation', 's')) throw forbidden('The granted scopes do not allow searching Observation.');
  const params = new URLSearchParams([['patient', `Patient/${patient}`], ['category', 'laboratory'], ['status', 'final,amended,corrected']]);
  const found = ((await findVisible(context, 'Observation', params, 5000)) as Observation[]).filter((o) => o.code.coding?.some((c) => c.system === 'http://loinc.org' && CARD_LAB_TESTS.has(c.code ?? '')));
  return { found: found.sort(byDate((r) => (r as Observation).effectiveDateTime ?? '')), minimal: (r) => minimalObservation(r as Observation, laboratoryOf(context, r as Observation)) };
}

/**
 * `Patient/<id>/$health-cards-issue` (POST, a Parameters with `credentialType` and optionally `_since`):
 * a `verifiableCredential` per kind of card asked for (immunizations; laboratory results of
 * infectious-disease tests), and a `resourceLink` per resource in it (its `resource:N` in that card
 * and its address here). A kind is left out when the patient has nothing for it or nothing changed since
 * `_since`; nothing is answered (a Parameters without parameters) when no type asked for is one this
 * issuer signs.
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
  const kinds = [...new Set(types.map((t) => CREDENTIAL_TYPES[t]).filter((k): k is CardKind => !!k))];

  const parameter: ParametersParameter[] = [];
  let subject: Patient | undefined;
  for (const kind of kinds) {
    const { found, minimal } = await cardContent(context, kind, patient);
    if (!found.length) continue;
    if (sinceValue && !found.some((r) => Date.parse(r.meta?.lastUpdated ?? '') >= Date.parse(sinceValue))) continue;
    subject ??= (await context.repo.readResource('Patient', patient)) as Patient;
    const entry: BundleEntry[] = [
      { fullUrl: 'resource:0', resource: minimalPatient(subject) },
      ...found.map((r, n): BundleEntry => ({ fullUrl: `resource:${n + 1}`, resource: minimal(r) })),
    ];
    const credential = {
      iss: context.baseUrl,
      nbf: Math.floor(Date.now() / 1000),
      vc: {
        type: [HEALTH_CARD, `https://smarthealth.cards#${kind}`],
        credentialSubject: { fhirVersion: '4.0.1', fhirBundle: { resourceType: 'Bundle', type: 'collection', entry } },
      },
    };
    const vcIndex = parameter.filter((p) => p.name === 'verifiableCredential').length;
    parameter.push(
      { name: 'verifiableCredential', valueString: await signHealthCard(credential) },
      ...found.map(
        (r, n): ParametersParameter => ({
          name: 'resourceLink',
          part: [
            { name: 'vcIndex', valueInteger: vcIndex },
            { name: 'bundledResource', valueUri: `resource:${n + 1}` },
            { name: 'hostedResource', valueUri: `${context.baseUrl}/${r.resourceType}/${r.id}` },
          ],
        }),
      ),
    );
  }
  return [200, parameter.length ? { resourceType: 'Parameters', parameter } : { resourceType: 'Parameters' }, {}];
}
