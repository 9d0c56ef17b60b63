/**
 * The record operations of the documents module (demo/server/features/documents.ts): what
 * `Patient/$everything` (paged, followed to its end), `Patient/$summary` (IPS), `DocumentReference/$docref`
 * and `Patient/<id>/$health-cards-issue` (a SMART Health Card, verified with the issuer's published key)
 * answer, measured against the server's own compartment searches; and their settings
 * (`everythingOperation` off by default, `recordOperations` on) in the CapabilityStatement and the answers.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/record-operations.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Bundle, CapabilityStatement, Composition, Condition, DocumentReference, Immunization, Observation, Parameters, Resource } from 'fhir/r4';
import { isPatientData, SHARED_TYPES } from '../../demo/server/fhir/access.js';
import { indexFhirDefinitions } from '../../demo/server/fhir/definitions.js';
import { generateSeed } from '../../demo/server/seed/index.js';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { admin, call, tokenFor } from '../helpers/server-http.js';
import { assertNoVictimData, assertRefused, matches, VICTIMS } from './attack-support.js';

const SCOPE = 'patient/*.rs';
const TIMEOUT = 30_000;
const NOW = new Date();
const DEFINITIONS = {
  everything: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
  summary: 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary',
  docref: 'http://hl7.org/fhir/us/core/OperationDefinition/docref',
  'health-cards-issue': 'http://hl7.org/fhir/uv/smart-health-cards-and-links/OperationDefinition/patient-i-health-cards-issue',
};

indexFhirDefinitions();
/** The patient-data types the seed holds, but Binary (read from the documents that point at it). */
const RECORD_TYPES = [...new Set(generateSeed({ now: NOW }).resources.map((r) => r.resourceType))].filter((t) => t !== 'Binary' && t !== 'Patient' && isPatientData(t) && !SHARED_TYPES.has(t)).sort();

let server: PorticoServer;

before(async () => {
  server = await startPorticoServer({ port: 0, testAdmin: true, now: NOW });
});

after(async () => {
  await server?.close();
});

const sandbox = async (settings: object = {}) => (await admin<{ fhirBaseUrl: string }>(server, 'POST', 'sandboxes', settings)).fhirBaseUrl;

/** The operations the CapabilityStatement lists, as `Type/name definition`. */
async function listed(fhir: string): Promise<string[]> {
  const capability = (await call<CapabilityStatement>(fhir, 'GET', 'metadata')).body;
  return (capability.rest?.[0]?.resource ?? []).flatMap((r) => (r.operation ?? []).map((o) => `${r.type}/${o.name} ${o.definition}`)).sort();
}

const key = (r: Resource) => `${r.resourceType}/${r.id}`;

/** Every match of a search, following `next`. */
async function everyPage(fhir: string, token: string, path: string): Promise<{ pages: Bundle[]; matched: Resource[] }> {
  const pages: Bundle[] = [];
  let url: string | undefined = `${fhir}/${path}`;
  while (url) {
    const reply: { status: number; body: Bundle } = await call<Bundle>(fhir, 'GET', url, { token });
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    pages.push(reply.body);
    url = reply.body.link?.find((l) => l.relation === 'next')?.url;
    assert.ok(pages.length < 100, 'paging ends');
  }
  return { pages, matched: pages.flatMap(matches) };
}

/** What the server's own compartment searches find for the token, type by type. */
async function compartment(fhir: string, token: string, patient = 'maria'): Promise<string[]> {
  const found = [`Patient/${patient}`];
  for (const type of RECORD_TYPES) found.push(...(await everyPage(fhir, token, `${type}?_count=1000`)).matched.map(key));
  return found.sort();
}

describe('settings: which operations a tenant offers', () => {
  it('by default $summary, $docref and $health-cards-issue, with their official definitions; not $everything', { timeout: TIMEOUT }, async () => {
    const fhir = await sandbox();
    assert.deepEqual(await listed(fhir), [
      `DocumentReference/docref ${DEFINITIONS.docref}`,
      `Patient/health-cards-issue ${DEFINITIONS['health-cards-issue']}`,
      `Patient/summary ${DEFINITIONS.summary}`,
    ]);
    const token = await tokenFor(server, 'maria', SCOPE);
    assertRefused(await call(fhir, 'GET', 'Patient/$everything', { token }), 403, VICTIMS.aisha);
    assertRefused(await call(fhir, 'GET', 'Patient/maria/$everything', { token }), 403, VICTIMS.aisha);
    assert.equal((await call(fhir, 'GET', 'Patient/$summary', { token })).status, 200);
  });

  it('everythingOperation adds $everything; recordOperations false takes the others away (403, not listed)', { timeout: TIMEOUT }, async () => {
    assert.deepEqual(await listed(await sandbox({ everythingOperation: true, recordOperations: false })), [`Patient/everything ${DEFINITIONS.everything}`]);
    const fhir = await sandbox({ recordOperations: false });
    assert.deepEqual(await listed(fhir), []);
    const token = await tokenFor(server, 'maria', SCOPE);
    for (const path of ['Patient/$summary', 'Patient/maria/$summary', 'DocumentReference/$docref']) assertRefused(await call(fhir, 'GET', path, { token }), 403, VICTIMS.aisha);
    const issue = { resourceType: 'Parameters', parameter: [{ name: 'credentialType', valueUri: 'Immunization' }] };
    assertRefused(await call(fhir, 'POST', 'Patient/maria/$health-cards-issue', { token, body: issue }), 403, VICTIMS.aisha);
  });
});

describe('Patient/$everything', () => {
  let fhir: string;
  let token: string;

  before(async () => {
    fhir = await sandbox({ everythingOperation: true });
    token = await tokenFor(server, 'maria', SCOPE);
  });

  it('pages through exactly her compartment, each resource once, with the clinicians and places it points at', { timeout: 60_000 }, async () => {
    const { pages, matched } = await everyPage(fhir, token, 'Patient/$everything?_count=97');
    const ids = matched.map(key);
    assert.equal(new Set(ids).size, ids.length, 'no resource twice across pages');
    assert.deepEqual([...ids].sort(), await compartment(fhir, token));
    assert.equal(pages[0]!.total, ids.length);
    assert.ok(pages.length >= 3, `${pages.length} pages of 97 for ${ids.length} resources`);
    assert.equal(matched[0]!.resourceType, 'Patient', 'the Patient first');
    const included = pages.flatMap((p) => (p.entry ?? []).filter((e) => e.search?.mode === 'include').map((e) => e.resource!.resourceType));
    assert.ok(included.includes('Practitioner') && included.includes('Location'), `included: ${[...new Set(included)].join(', ')}`);
    for (const page of pages) assertNoVictimData({ status: 200, headers: new Headers(), body: page }, { ...VICTIMS.james, markers: /"Patient\/(james|leo|aisha)"|Patient\/(james|leo|aisha)"/ });
  });

  it('is stable across requests, and the type-level and instance-level forms agree', { timeout: TIMEOUT }, async () => {
    const page = async (path: string) => matches((await call<Bundle>(fhir, 'GET', path, { token })).body).map(key);
    const second = await page('Patient/$everything?_count=50&_offset=50');
    assert.equal(second.length, 50);
    assert.deepEqual(await page('Patient/$everything?_count=50&_offset=50'), second);
    assert.deepEqual(await page('Patient/maria/$everything?_count=50&_offset=50'), second);
  });

  it('_type, _since and _count narrow it', { timeout: TIMEOUT }, async () => {
    const typed = (await call<Bundle>(fhir, 'GET', 'Patient/$everything?_type=Immunization,Condition&_count=1000', { token })).body;
    const expected = (await everyPage(fhir, token, 'Immunization?_count=1000')).matched.length + (await everyPage(fhir, token, 'Condition?_count=1000')).matched.length;
    assert.equal(typed.total, expected);
    assert.deepEqual([...new Set(matches(typed).map((r) => r.resourceType))].sort(), ['Condition', 'Immunization']);
    const future = (await call<Bundle>(fhir, 'GET', `Patient/$everything?_since=${new Date(Date.now() + 86_400_000).toISOString()}`, { token })).body;
    assert.equal(future.total, 0, 'nothing changed since tomorrow');
    const counted = (await call<Bundle>(fhir, 'GET', 'Patient/$everything?_count=5', { token })).body;
    assert.equal(matches(counted).length, 5);
    assert.equal((await call(fhir, 'GET', 'Patient/$everything?_type=NotAType', { token })).status, 400);
  });

  it('James acting for Leo gets Leo’s record; Leo’s is not James’s own', { timeout: TIMEOUT }, async () => {
    const leo = await tokenFor(server, 'james', SCOPE, 'leo');
    const { matched } = await everyPage(fhir, leo, 'Patient/$everything?_count=200');
    assert.equal(matched[0]!.id, 'leo');
    assert.deepEqual(matched.map(key).sort(), await compartment(fhir, leo, 'leo'), 'Leo’s compartment, nothing of James’s own record');
    assertRefused(await call(fhir, 'GET', 'Patient/james/$everything', { token: leo }), 403, VICTIMS.aisha);
  });
});

describe('Patient/$summary', () => {
  it('an IPS document: a Composition with sections that name resources in the Bundle, counted against her searches', { timeout: TIMEOUT }, async () => {
    const fhir = await sandbox();
    const token = await tokenFor(server, 'maria', SCOPE);
    const reply = await call<Bundle>(fhir, 'GET', 'Patient/$summary', { token });
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    const bundle = reply.body;
    assert.equal(bundle.type, 'document');
    assert.ok(bundle.identifier?.value && bundle.timestamp);
    const [first, second] = bundle.entry ?? [];
    const composition = first!.resource as Composition;
    assert.equal(composition.resourceType, 'Composition');
    assert.equal(composition.type.coding?.[0]?.code, '60591-5');
    assert.equal(second!.resource?.resourceType, 'Patient');
    assert.equal(composition.subject?.reference, second!.fullUrl);
    const fullUrls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    const sections = new Map(composition.section!.map((s) => [s.code?.coding?.[0]?.code, s]));
    for (const section of composition.section!) {
      assert.match(section.text?.div ?? '', /^<div xmlns="http:\/\/www.w3.org\/1999\/xhtml">/);
      for (const entry of section.entry ?? []) assert.ok(fullUrls.has(entry.reference), `${entry.reference} is in the Bundle`);
    }
    const total = async (path: string) => (await call<Bundle>(fhir, 'GET', `${path}&_summary=count`, { token })).body.total;
    const conditions = matches((await call<Bundle>(fhir, 'GET', 'Condition?_count=1000', { token })).body) as Condition[];
    const ruledOut = conditions.filter((c) => c.verificationStatus?.coding?.some((x) => x.code === 'refuted' || x.code === 'entered-in-error'));
    assert.ok(ruledOut.length > 0, 'she has a condition ruled out');
    assert.deepEqual(
      (sections.get('11450-4')?.entry ?? []).map((e) => e.reference).sort(),
      conditions.filter((c) => !ruledOut.includes(c)).map((c) => (bundle.entry ?? []).find((e) => e.resource?.resourceType === 'Condition' && e.resource.id === c.id)?.fullUrl).sort(),
      'problems: her Conditions, not those ruled out or entered in error',
    );
    assert.equal(sections.get('48765-2')?.entry?.length, await total('AllergyIntolerance?_count=1000'), 'allergies');
    assert.equal(sections.get('10160-0')?.entry?.length, await total('MedicationRequest?status=active'), 'medications: active prescriptions');
    assert.equal(sections.get('11369-6')?.entry?.length, await total('Immunization?_count=1000'), 'immunizations');
    assert.ok((sections.get('30954-2')?.entry?.length ?? 0) > 0, 'results');
    assert.ok((sections.get('8716-3')?.entry?.length ?? 0) > 0, 'vital signs');
    assert.match(sections.get('11450-4')!.text!.div, /diabetes/i);
    assertNoVictimData(reply, VICTIMS.james);
  });

  it('leaves out what the scopes do not let the token read; the required sections say so', { timeout: TIMEOUT }, async () => {
    const fhir = await sandbox();
    const token = await tokenFor(server, 'maria', 'patient/Patient.rs patient/Immunization.rs');
    const bundle = (await call<Bundle>(fhir, 'GET', 'Patient/maria/$summary', { token })).body;
    const types = new Set((bundle.entry ?? []).map((e) => e.resource!.resourceType));
    assert.deepEqual([...types].sort(), ['Composition', 'Immunization', 'Patient']);
    const problems = (bundle.entry![0]!.resource as Composition).section!.find((s) => s.code?.coding?.[0]?.code === '11450-4')!;
    assert.equal(problems.entry, undefined);
    assert.equal(problems.emptyReason?.coding?.[0]?.code, 'unavailable');
  });
});

describe('DocumentReference/$docref', () => {
  it('the current visit summary: the newest; with a date range, every one in it', { timeout: TIMEOUT }, async () => {
    const fhir = await sandbox();
    const token = await tokenFor(server, 'maria', SCOPE);
    const summaries = matches((await call<Bundle>(fhir, 'GET', 'DocumentReference?type=http://loinc.org|34133-9&status=current&_count=100', { token })).body) as DocumentReference[];
    const time = (d: DocumentReference) => d.context?.period?.start ?? d.date!;
    const newest = [...summaries].sort((a, b) => time(b).localeCompare(time(a)))[0]!;
    const current = (await call<Bundle>(fhir, 'GET', 'DocumentReference/$docref', { token })).body;
    assert.equal(current.type, 'searchset');
    assert.deepEqual(matches(current).map((d) => d.id), [newest.id]);
    const named = (await call<Bundle>(fhir, 'GET', 'DocumentReference/$docref?patient=maria', { token })).body;
    assert.deepEqual(matches(named).map((d) => d.id), [newest.id]);
    const ranged = (await call<Bundle>(fhir, 'POST', 'DocumentReference/$docref', { token, body: { resourceType: 'Parameters', parameter: [{ name: 'start', valueDate: '2000-01-01' }, { name: 'end', valueDate: '2100-01-01' }] } })).body;
    assert.equal(ranged.total, summaries.length);
    const referral = (await call<Bundle>(fhir, 'GET', 'DocumentReference/$docref?type=http://loinc.org|57133-1&start=2000-01-01', { token })).body;
    assert.ok(matches(referral).every((d) => (d as DocumentReference).type?.coding?.[0]?.code === '57133-1') && referral.total! >= 1);
  });
});

describe('Patient/<id>/$health-cards-issue: a SMART Health Card', () => {
  let fhir: string;
  let token: string;
  const issue = (parameter: Parameters['parameter'], t = token, patient = 'maria') => call<Parameters>(fhir, 'POST', `Patient/${patient}/$health-cards-issue`, { token: t, body: { resourceType: 'Parameters', parameter } });

  before(async () => {
    fhir = await sandbox();
    token = await tokenFor(server, 'maria', SCOPE);
  });

  const decode = (part: string) => Buffer.from(part, 'base64url');

  it('signed ES256 with the key published at the issuer’s jwks.json, payload deflated, immunizations equal to hers', { timeout: TIMEOUT }, async () => {
    const reply = await issue([{ name: 'credentialType', valueUri: 'Immunization' }]);
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
    const jws = reply.body.parameter!.find((p) => p.name === 'verifiableCredential')!.valueString!;
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const head = JSON.parse(decode(header).toString()) as { alg: string; zip: string; kid: string };
    assert.equal(head.alg, 'ES256');
    assert.equal(head.zip, 'DEF');
    const credential = JSON.parse(inflateRawSync(decode(payload)).toString()) as {
      iss: string;
      nbf: number;
      vc: { type: string[]; credentialSubject: { fhirVersion: string; fhirBundle: Bundle } };
    };
    assert.equal(credential.iss, fhir, 'the issuer is this FHIR base');
    assert.ok(Math.abs(credential.nbf - Date.now() / 1000) < 60);
    assert.deepEqual(credential.vc.type, ['https://smarthealth.cards#health-card', 'https://smarthealth.cards#immunization']);
    assert.equal(credential.vc.credentialSubject.fhirVersion, '4.0.1');

    const keys = await fetch(`${credential.iss}/.well-known/jwks.json`, { headers: { Origin: 'https://verifier.example' } });
    assert.equal(keys.status, 200);
    assert.equal(keys.headers.get('access-control-allow-origin'), '*');
    const jwk = ((await keys.json()) as { keys: (JsonWebKey & { kid: string; use: string; alg: string })[] }).keys.find((k) => k.kid === head.kid)!;
    assert.ok(jwk, 'the header’s kid is published');
    assert.deepEqual([jwk.kty, jwk.crv, jwk.use, jwk.alg], ['EC', 'P-256', 'sig', 'ES256']);
    assert.equal(jwk.d, undefined, 'no private part');
    const thumbprint = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
    assert.equal(head.kid, thumbprint, 'kid is the RFC 7638 thumbprint');
    const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
    const signed = (body: string) => verify('sha256', Buffer.from(`${header}.${body}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, decode(signature));
    assert.equal(decode(signature).length, 64, 'r‖s');
    assert.equal(signed(payload), true, 'the signature verifies');

    const entries = credential.vc.credentialSubject.fhirBundle.entry ?? [];
    assert.equal(credential.vc.credentialSubject.fhirBundle.type, 'collection');
    assert.deepEqual(entries.map((e) => e.fullUrl), entries.map((_, i) => `resource:${i}`));
    assert.deepEqual(Object.keys(entries[0]!.resource!).sort(), ['birthDate', 'name', 'resourceType']);
    const carded = entries.slice(1).map((e) => e.resource as Immunization);
    const hers = (matches((await call<Bundle>(fhir, 'GET', 'Immunization?status=completed&_count=1000', { token })).body) as Immunization[]).sort((a, b) => a.occurrenceDateTime!.localeCompare(b.occurrenceDateTime!));
    assert.ok(hers.length > 0);
    assert.deepEqual(
      carded.map((i) => [i.vaccineCode.coding?.[0]?.code, i.occurrenceDateTime, i.lotNumber, i.patient.reference]),
      hers.map((i) => [i.vaccineCode.coding?.find((c) => c.system === 'http://hl7.org/fhir/sid/cvx')?.code ?? i.vaccineCode.coding?.[0]?.code, i.occurrenceDateTime, i.lotNumber, 'resource:0']),
    );
    assert.ok(carded.every((i) => !('id' in i) && !('meta' in i) && !('text' in i)), 'no ids, meta or narrative in a card');
    assert.equal(reply.body.parameter!.filter((p) => p.name === 'resourceLink').length, hers.length);

    const changed = JSON.parse(inflateRawSync(decode(payload)).toString()) as typeof credential;
    (changed.vc.credentialSubject.fhirBundle.entry![1]!.resource as Immunization).occurrenceDateTime = '2020-01-01';
    assert.equal(signed(deflateRawSync(Buffer.from(JSON.stringify(changed))).toString('base64url')), false, 'a changed payload fails verification');
  });

  /** The credentials of an answer, their payloads inflated (signatures are checked in the test above). */
  const credentials = (body: Parameters) =>
    (body.parameter ?? [])
      .filter((p) => p.name === 'verifiableCredential')
      .map((p) => JSON.parse(inflateRawSync(decode(p.valueString!.split('.')[1]!)).toString()) as { vc: { type: string[]; credentialSubject: { fhirBundle: Bundle } } });

  it('a laboratory card carries infectious-disease results only: Leo’s strep test, never Aisha’s pregnancy test; both kinds in one call', { timeout: TIMEOUT }, async () => {
    const james = await tokenFor(server, 'james', SCOPE, 'leo');
    const both = await issue([{ name: 'credentialType', valueUri: 'Immunization' }, { name: 'credentialType', valueUri: 'Observation' }], james, 'leo');
    assert.equal(both.status, 200, JSON.stringify(both.body).slice(0, 300));
    const [vaccines, labs] = credentials(both.body);
    assert.deepEqual(vaccines!.vc.type, ['https://smarthealth.cards#health-card', 'https://smarthealth.cards#immunization']);
    assert.deepEqual(labs!.vc.type, ['https://smarthealth.cards#health-card', 'https://smarthealth.cards#laboratory']);
    const results = labs!.vc.credentialSubject.fhirBundle.entry!.slice(1).map((e) => e.resource as Observation);
    assert.deepEqual(results.map((o) => [o.code.coding?.[0]?.code, o.valueCodeableConcept?.coding?.[0]?.code, o.subject?.reference, o.status]), [['78012-2', '260415000', 'resource:0', 'final']]);
    assert.ok(results[0]!.effectiveDateTime && results[0]!.performer?.[0]?.display, 'when and where the test was done');
    assert.ok(results.every((o) => !('id' in o) && !('interpretation' in o) && !('referenceRange' in o) && !('encounter' in o)), 'data minimisation');
    const links = both.body.parameter!.filter((p) => p.name === 'resourceLink').map((p) => [p.part!.find((x) => x.name === 'vcIndex')!.valueInteger, p.part!.find((x) => x.name === 'hostedResource')!.valueUri!]);
    assert.ok(links.some(([index, url]) => index === 1 && /\/Observation\/[^/]+$/.test(url as string)), 'the result links to its Observation, under the second card');
    assert.ok(links.filter(([index]) => index === 0).every(([, url]) => /\/Immunization\//.test(url as string)));

    const aisha = await tokenFor(server, 'aisha', SCOPE);
    assert.deepEqual((await issue([{ name: 'credentialType', valueUri: 'https://smarthealth.cards#laboratory' }], aisha, 'aisha')).body, { resourceType: 'Parameters' }, 'a pregnancy test is no card’s business');
    assert.deepEqual((await issue([{ name: 'credentialType', valueUri: 'Observation' }])).body, { resourceType: 'Parameters' }, 'Maria has no such test');
    const vaccinesOnly = await issue([{ name: 'credentialType', valueUri: 'Immunization' }, { name: 'credentialType', valueUri: 'Observation' }]);
    assert.equal(credentials(vaccinesOnly.body).length, 1, 'only the kind she has something for');
  });

  it('a laboratory card needs a scope to read Observation: 403 without it', { timeout: TIMEOUT }, async () => {
    const noLabs = await tokenFor(server, 'james', 'patient/Immunization.rs patient/Patient.r', 'leo');
    assert.equal((await issue([{ name: 'credentialType', valueUri: 'Observation' }], noLabs, 'leo')).status, 403);
    assert.equal(credentials((await issue([{ name: 'credentialType', valueUri: 'Immunization' }], noLabs, 'leo')).body).length, 1);
  });

  it('nothing to issue: a type it does not sign, or nothing changed since _since; a missing credentialType is 400', { timeout: TIMEOUT }, async () => {
    assert.deepEqual((await issue([{ name: 'credentialType', valueUri: 'https://smarthealth.cards#covid19-lab' }])).body, { resourceType: 'Parameters' });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    assert.deepEqual((await issue([{ name: 'credentialType', valueUri: 'Immunization' }, { name: '_since', valueDateTime: tomorrow }])).body, { resourceType: 'Parameters' });
    const since = await issue([{ name: 'credentialType', valueUri: 'Immunization' }, { name: '_since', valueDateTime: '2000-01-01T00:00:00Z' }]);
    assert.ok(since.body.parameter?.some((p) => p.name === 'verifiableCredential'));
    assert.equal((await issue([])).status, 400);
    assert.equal((await call(fhir, 'GET', 'Patient/maria/$health-cards-issue', { token })).status, 405);
  });
});
