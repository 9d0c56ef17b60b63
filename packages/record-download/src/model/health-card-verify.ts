/**
 * Checking a SMART Health Card before it is shown: a compact JWS whose header says ES256 and raw
 * DEFLATE, whose payload inflates to the credential (`iss`, `nbf`, `vc`), and whose signature verifies
 * (Web Crypto, ECDSA P-256 with SHA-256, r‖s) against the issuer's published key (`<iss>/.well-known/jwks.json`)
 * named by the header's `kid`. Anything else is refused, with the reason.
 */
import type { Bundle, Immunization, Observation, Patient } from 'fhir/r4';

/** Why a card is refused: it is not a well-formed card, it is not ES256, the issuer's key cannot be had, or the signature does not verify. */
export const HEALTH_CARD_REFUSALS = ['format', 'algorithm', 'keys', 'signature'] as const;
export type HealthCardRefusalReason = (typeof HEALTH_CARD_REFUSALS)[number];

/** A card that is not shown, and why. */
export class HealthCardRefused extends Error {
  override readonly name = 'HealthCardRefused';
  constructor(
    readonly reason: HealthCardRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

/** A public key as the issuer publishes it (JWK, EC P-256). */
export interface HealthCardKey {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  kid?: string;
  alg?: string;
  use?: string;
}

/** A card whose signature verified. */
export interface VerifiedHealthCard {
  /** The compact JWS, as issued. */
  jws: string;
  /** Who issued it: its URL. */
  issuer: string;
  /** When it became valid. */
  issuedAt?: Date;
  /** The credential's FHIR Bundle: the Patient (`resource:0`), and the Immunizations or the lab results (Observations). */
  bundle: Bundle;
  patient?: Patient;
  immunizations: Immunization[];
  results: Observation[];
}

function base64urlBytes(part: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new HealthCardRefused('format', 'A part of the card is not base64url.');
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function inflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function parseJson<T>(bytes: Uint8Array, what: string): T {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as T;
  } catch {
    throw new HealthCardRefused('format', `The card's ${what} is not JSON.`);
  }
}

/** The card's parts, its header and its inflated payload, without checking the signature. */
export async function readHealthCard(jws: string): Promise<{ header: { alg?: string; zip?: string; kid?: string }; payload: { iss?: string; nbf?: number; vc?: { type?: string[]; credentialSubject?: { fhirBundle?: Bundle } } }; signed: string; signature: Uint8Array<ArrayBuffer> }> {
  const parts = jws.trim().split('.');
  if (parts.length !== 3) throw new HealthCardRefused('format', 'A card is three parts separated by dots.');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJson<{ alg?: string; zip?: string; kid?: string }>(base64urlBytes(headerPart), 'header');
  let payloadBytes = base64urlBytes(payloadPart);
  if (header.zip === 'DEF') {
    try {
      payloadBytes = (await inflateRaw(payloadBytes)) as Uint8Array<ArrayBuffer>;
    } catch {
      throw new HealthCardRefused('format', 'The card’s content does not unpack.');
    }
  }
  const payload = parseJson<{ iss?: string; nbf?: number; vc?: { type?: string[]; credentialSubject?: { fhirBundle?: Bundle } } }>(payloadBytes, 'content');
  return { header, payload, signed: `${headerPart}.${payloadPart}`, signature: base64urlBytes(signaturePart) };
}

/**
 * Verifies a card and returns what it says. `keysOf(issuer)` gives the issuer's published keys
 * (`<iss>/.well-known/jwks.json`). Throws a HealthCardRefused naming the reason when anything fails.
 */
export async function verifyHealthCard(jws: string, keysOf: (issuer: string) => Promise<{ keys?: HealthCardKey[] }>): Promise<VerifiedHealthCard> {
  const { header, payload, signed, signature } = await readHealthCard(jws);
  if (header.alg !== 'ES256') throw new HealthCardRefused('algorithm', `The card is signed with ${header.alg ?? 'nothing'}, not ES256.`);
  if (!header.kid) throw new HealthCardRefused('keys', 'The card does not name its key.');
  const issuer = payload.iss;
  if (typeof issuer !== 'string' || !/^https?:\/\//i.test(issuer)) throw new HealthCardRefused('format', 'The card does not name its issuer.');
  const bundle = payload.vc?.credentialSubject?.fhirBundle;
  if (bundle?.resourceType !== 'Bundle') throw new HealthCardRefused('format', 'The card carries no FHIR Bundle.');
  let keys: HealthCardKey[];
  try {
    keys = (await keysOf(issuer.replace(/\/+$/, ''))).keys ?? [];
  } catch (error) {
    throw new HealthCardRefused('keys', `The issuer's keys could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new HealthCardRefused('keys', 'The issuer does not publish the key the card names.');
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    throw new HealthCardRefused('keys', 'The issuer’s key is not a P-256 key.');
  }
  const valid = signature.length === 64 && (await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, new TextEncoder().encode(signed)));
  if (!valid) throw new HealthCardRefused('signature', 'The card’s signature does not match its content.');
  const resources = (bundle.entry ?? []).map((e) => e.resource);
  return {
    jws: jws.trim(),
    issuer,
    issuedAt: typeof payload.nbf === 'number' ? new Date(payload.nbf * 1000) : undefined,
    bundle,
    patient: resources.find((r): r is Patient => r?.resourceType === 'Patient'),
    immunizations: resources.filter((r): r is Immunization => r?.resourceType === 'Immunization'),
    results: resources.filter((r): r is Observation => r?.resourceType === 'Observation'),
  };
}
