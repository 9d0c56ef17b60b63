/**
 * Cross-patient attacks on the embedded FHIR server, as a table: for every resource type of a patient's
 * record in the seed (ROWS) and every way to ask for it (ATTACKS), Maria's token goes after another
 * patient's resource and gets none of it — no byte of it in the body, no count of it, no change to it —
 * and a refusal is a 403 (the request itself names another patient, or asks for what is not offered)
 * or a 404 (a resource she may not see answers as one that does not exist) with an OperationOutcome; a
 * search that merely finds nothing of hers is a 200 searchset with total 0. CONTROLS run the same
 * routes on her own data, so the suite cannot pass by refusing everything.
 *
 * To extend it:
 * - a new patient-data type in the seed: add a row to ROWS (the coverage test fails until you do);
 * - a new route or interaction: add an attack to ATTACKS (when it applies, the request, the answer it
 *   must get) and the same request on Maria's own data to CONTROLS;
 * - a new element's own server rules (an operation, a newly writable type): add a describe to
 *   route-attacks.ts, attacks and positive controls side by side.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/cross-patient-attacks.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getSearchParameter } from '@medplum/core';
import type { Bundle, Communication, DocumentReference, FhirResource, Identifier, Resource } from 'fhir/r4';
import { compartmentParamsOf, isPatientData, SHARED_TYPES } from '../../demo/server/fhir/access.js';
import { indexFhirDefinitions } from '../../demo/server/fhir/definitions.js';
import { READ_ONLY } from '../../demo/server/fhir/capability.js';
import { limitedInteractions } from '../../demo/server/features/registry.js';
import { generateSeed } from '../../demo/server/seed/index.js';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { admin, call, tokenFor, type Reply } from '../helpers/server-http.js';
import {
  asNew,
  assertNoVictimData,
  assertNothingFound,
  assertOwnDataOnly,
  assertRefused,
  assertRefusedEntry,
  matches,
  onlyEntry,
  transaction,
  VICTIMS,
  type Victim,
} from './attack-support.js';
import { routeAttacks } from './route-attacks.js';

/** The scopes the Portico elements ask for, and a token that may do everything its record allows. */
const ELEMENT_SCOPE = 'patient/*.rs patient/Appointment.cu patient/Communication.cu patient/Slot.u patient/Task.c';
const EVERYTHING = 'patient/*.cruds';
const NOW = new Date();
/** A request that hangs fails its test instead of the whole run. */
const TIMEOUT = 10_000;

indexFhirDefinitions();
const seed = generateSeed({ now: NOW }).resources as Resource[];

interface Row {
  type: string;
  /** Whose resource is attacked: Aisha, unless the seed gives her none of this type. */
  victim?: keyof typeof VICTIMS;
  /** The victim's resource when it is not in the generated seed (the server adds Person records). */
  victimId?: string;
  /** Maria has none of this type (the proxy describe covers those routes on the owner's side). */
  noOwn?: boolean;
  /**
   * Maria's resource the update control writes back, when a module's rule lets her update only some
   * (a message: only one from her care team, to mark it read; test/server/message-attacks.test.ts).
   */
  updatableId?: string;
  /** Maria's resource as she would create it, when a module's rule asks more of a patient's create than the seed's copy has. */
  asCreated?: (mine: Resource) => FhirResource;
}

/** A copy of Maria's clinic document as she may add one (test/server/record-attacks.test.ts): patient-asserted, by her, its PDF. */
function asPatientDocument(mine: Resource): FhirResource {
  const { authenticator: _a, custodian: _c, relatesTo: _r, ...document } = mine as DocumentReference;
  return {
    ...document,
    meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'PATAST' }] },
    status: 'current',
    author: [{ reference: 'Patient/maria' }],
    content: document.content.filter((c) => c.attachment.contentType === 'application/pdf'),
  } as DocumentReference;
}

const ROWS: readonly Row[] = [
  { type: 'Patient' },
  { type: 'Account' },
  { type: 'AllergyIntolerance' },
  { type: 'Appointment' },
  { type: 'Binary' },
  { type: 'CareTeam' },
  { type: 'ChargeItem' },
  { type: 'Communication', updatableId: 'msg-maria-metformin-2' },
  { type: 'Condition' },
  { type: 'Coverage' },
  { type: 'DiagnosticReport' },
  { type: 'DocumentReference', asCreated: asPatientDocument },
  { type: 'Encounter' },
  { type: 'ExplanationOfBenefit' },
  { type: 'Immunization' },
  { type: 'Invoice' },
  { type: 'MedicationRequest' },
  { type: 'Observation' },
  { type: 'PaymentNotice' },
  { type: 'PaymentReconciliation' },
  { type: 'ServiceRequest' },
  { type: 'MedicationDispense' },
  { type: 'CarePlan' },
  { type: 'ImmunizationRecommendation' },
  { type: 'Task', victim: 'leo' },
  { type: 'Specimen' },
  { type: 'Procedure', victim: 'james' },
  { type: 'RelatedPerson', victim: 'leo', noOwn: true },
  { type: 'Person', victim: 'james', victimId: 'person-james', noOwn: true },
];

/** What one describe (one row) works with. */
interface Target {
  row: Row;
  type: string;
  victim: Victim;
  fhir: string;
  /** Maria with the elements' scopes, and with every scope on her record. */
  maria: string;
  mariaAll: string;
  victimToken: string;
  /** The victim's resource as the victim reads it before the attacks. */
  theirs: FhirResource;
  theirsText: string;
  /** Maria's own resource of the type. */
  mine?: FhirResource;
  /** Maria's message based on the victim's resource (a reference she planted), and one based on her own. */
  plantedOnTheirs: string;
  plantedOnMine?: string;
  /** Compartment parameters of the type, and those of them that may point at a Patient. */
  params: string[];
  patientParams: string[];
}

function byPatientId(type: string, patient: string): Resource | undefined {
  return seed.find((r) => r.resourceType === type && (r.id === patient || new RegExp(`(^|-)${patient}(-|$)`).test(r.id ?? '')));
}

function compartmentParams(type: string): string[] {
  const params = new Set(compartmentParamsOf(type));
  if (params.size && getSearchParameter(type, 'patient')) params.add('patient');
  return [...params];
}

const readOnly = (t: Target) => READ_ONLY.has(t.type);
/** May a patient make this interaction on the type at all (a module's write rule may limit it: CareTeam, Communication)? */
const patientMay = (t: Target, interaction: 'create' | 'update') => limitedInteractions(t.type)?.includes(interaction) ?? !readOnly(t);
/** Reading another's resource by id: another patient's Patient record is refused as such, anything else is "not found". */
const byIdRefusal = (t: Target) => (t.type === 'Patient' ? 403 : 404);
const ref = (t: Target, resource: Resource | undefined = t.theirs) => `${t.type}/${resource!.id}`;
const identifierOf = (r: Resource) => ((r as { identifier?: Identifier[] }).identifier ?? []).find((i) => i.system && i.value);
const get = (t: Target, path: string, token = t.maria) => call<Bundle>(t.fhir, 'GET', path, { token });
const send = (t: Target, bundle: Bundle, token = t.mariaAll) => call<Bundle>(t.fhir, 'POST', '', { token, body: bundle });

/** `total` of a count-only answer equals the matches the same search returns in full (so it counts only those). */
async function assertCountsOnlyWhatItReturns(t: Target, countOnly: Reply<unknown>, fullPath: string): Promise<void> {
  const counted = assertOwnDataOnly(countOnly, t.victim);
  const full = assertOwnDataOnly(await get(t, fullPath), t.victim);
  assert.equal(counted.total, matches(full).length, `${fullPath}: counted ${counted.total}, returned ${matches(full).length}`);
  assert.equal(full.total, matches(full).length, `${fullPath}: total ${full.total}, returned ${matches(full).length}`);
}

interface Attack {
  name: string;
  applies?: (t: Target) => boolean;
  run: (t: Target) => Promise<Reply<unknown>>;
  expect: (reply: Reply<unknown>, t: Target) => void | Promise<void>;
}

const refused = (status: number | ((t: Target) => number)) => (reply: Reply<unknown>, t: Target) => assertRefused(reply, typeof status === 'number' ? status : status(t), t.victim);
const refusedEntry = (status: number | ((t: Target) => number)) => (reply: Reply<unknown>, t: Target) => assertRefusedEntry(reply, typeof status === 'number' ? status : status(t), t.victim);
const nothingFound = (reply: Reply<unknown>, t: Target) => assertNothingFound(reply, t.victim, [t.theirs.id!]);
/** Binary is read by id only: a search of it (or a chain or condition through it) is refused. */
const searchable = (t: Target) => t.type !== 'Binary';
const orUnsearchable = (expect: Attack['expect']): Attack['expect'] => (reply, t) => (searchable(t) ? expect(reply, t) : refused(403)(reply, t));
const hasOwn = (t: Target) => !!t.mine;
const writable = (t: Target) => !!t.mine && patientMay(t, 'create');
/** Maria's own resource as a create sends it. */
const newOwn = (t: Target): FhirResource => (t.row.asCreated ? t.row.asCreated(asNew(t.mine!)) : asNew(t.mine!));
const patch = [{ op: 'add', path: '/language', value: 'en' }];

/** Attacks on a compartment parameter naming the victim: one set per parameter of the type that may point at a Patient. */
function namingAttacks(param: string): Attack[] {
  return [
    { name: `${param}=Patient/victim`, run: (t) => get(t, `${t.type}?${param}=Patient/${t.victim.patient}`), expect: refused(403) },
    { name: `${param}=victim (bare id)`, run: (t) => get(t, `${t.type}?${param}=${t.victim.patient}`), expect: refused(403) },
    { name: `${param}:Patient=victim`, run: (t) => get(t, `${t.type}?${param}:Patient=${t.victim.patient}`), expect: refused(403) },
    { name: `${param}=Patient/victim,Patient/maria`, run: (t) => get(t, `${t.type}?${param}=Patient/${t.victim.patient},Patient/maria`), expect: refused(403) },
    { name: `${param}=<absolute URL>/Patient/victim`, run: (t) => get(t, `${t.type}?${param}=${encodeURIComponent(`${t.fhir}/Patient/${t.victim.patient}`)}`), expect: refused(403) },
    { name: `${param}=Patient/victim&_summary=count`, run: (t) => get(t, `${t.type}?${param}=Patient/${t.victim.patient}&_summary=count`), expect: refused(403) },
    { name: `POST _search ${param}=Patient/victim`, run: (t) => postSearch(t, { [param]: `Patient/${t.victim.patient}` }), expect: refused(403) },
    // Modifiers that name no one are narrowed to Maria's own record, and counted so.
    ...['identifier', 'text'].map((modifier): Attack => ({
      name: `${param}:${modifier}=… (own data only, counted right)`,
      run: async (t) => {
        const value = modifier === 'text' ? 'Rahman' : 'urn:oid:2.16.840.1.113883.3.9999.1|aisha';
        await assertCountsOnlyWhatItReturns(t, await get(t, `${t.type}?${param}:${modifier}=${encodeURIComponent(value)}&_count=0`), `${t.type}?${param}:${modifier}=${encodeURIComponent(value)}&_count=1000`);
        return get(t, `${t.type}?${param}:${modifier}=${encodeURIComponent(value)}`);
      },
      expect: (reply, t) => void assertOwnDataOnly(reply, t.victim),
    })),
  ];
}

/** A search sent as a form to `Type/_search`. */
async function postSearch(t: Target, form: Record<string, string>): Promise<Reply<unknown>> {
  const response = await fetch(`${t.fhir}/${t.type}/_search`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t.maria}`, Accept: 'application/fhir+json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const ATTACKS: readonly Attack[] = [
  // Reads by id
  { name: 'read', run: (t) => get(t, ref(t)), expect: refused(byIdRefusal) },
  { name: 'vread', run: (t) => get(t, `${ref(t)}/_history/${t.theirs.meta?.versionId ?? '1'}`), expect: refused(byIdRefusal) },
  { name: 'instance history', run: (t) => get(t, `${ref(t)}/_history`), expect: refused(byIdRefusal) },
  {
    name: 'read as raw bytes',
    applies: (t) => t.type === 'Binary',
    run: (t) => call(t.fhir, 'GET', ref(t), { token: t.maria, headers: { Accept: '*/*' } }),
    expect: refused(404),
  },

  // Searches naming the victim on every compartment parameter: namingAttacks(), added per row below.
  {
    name: 'every compartment parameter :missing=true (own data only, counted right)',
    applies: (t) => t.params.length > 0,
    run: async (t) => {
      for (const p of t.params) await assertCountsOnlyWhatItReturns(t, await get(t, `${t.type}?${p}:missing=true&_summary=count`), `${t.type}?${p}:missing=true&_count=1000`);
      return get(t, `${t.type}?_count=0`);
    },
    expect: (reply, t) => void assertOwnDataOnly(reply, t.victim),
  },
  {
    name: 'every compartment parameter :not=Patient/maria (own data only, counted right)',
    applies: (t) => t.params.length > 0,
    run: async (t) => {
      for (const p of t.params) await assertCountsOnlyWhatItReturns(t, await get(t, `${t.type}?${p}:not=Patient/maria&_count=0`), `${t.type}?${p}:not=Patient/maria&_count=1000`);
      return get(t, `${t.type}?_count=0`);
    },
    expect: (reply, t) => void assertOwnDataOnly(reply, t.victim),
  },
  { name: 'POST _search _id=victim’s id', run: (t) => postSearch(t, { _id: t.theirs.id! }), expect: orUnsearchable((r, t) => (t.type === 'Patient' ? refused(403)(r, t) : nothingFound(r, t))) },
  { name: '_id=victim’s id', run: (t) => get(t, `${t.type}?_id=${t.theirs.id}`), expect: orUnsearchable((r, t) => (t.type === 'Patient' ? refused(403)(r, t) : nothingFound(r, t))) },
  {
    name: '_id=victim’s,own',
    applies: hasOwn,
    run: (t) => get(t, `${t.type}?_id=${t.theirs.id},${t.mine!.id}`),
    expect: orUnsearchable((r, t) => {
      if (t.type === 'Patient') return refused(403)(r, t);
      const bundle = assertOwnDataOnly(r, t.victim, [t.theirs.id!]);
      assert.deepEqual(matches(bundle).map((m) => m.id), [t.mine!.id]);
      assert.equal(bundle.total, 1);
    }),
  },
  {
    name: 'identifier=victim’s identifier',
    applies: (t) => !!identifierOf(t.theirs),
    run: (t) => get(t, `${t.type}?identifier=${encodeURIComponent(`${identifierOf(t.theirs)!.system}|${identifierOf(t.theirs)!.value}`)}`),
    expect: nothingFound,
  },
  { name: '_count=0 counts only own data', run: (t) => get(t, `${t.type}?_count=0`), expect: orUnsearchable((r, t) => assertCountsOnlyWhatItReturns(t, r, `${t.type}?_count=1000`)) },
  { name: '_summary=count counts only own data', run: (t) => get(t, `${t.type}?_summary=count`), expect: orUnsearchable((r, t) => assertCountsOnlyWhatItReturns(t, r, `${t.type}?_count=1000`)) },

  // _include / _revinclude / chains / _has through a reference Maria planted to the victim's resource
  {
    name: '_include of the victim’s resource',
    run: (t) => get(t, `Communication?_id=${t.plantedOnTheirs}&_include=Communication:based-on`),
    expect: (r, t) => {
      const bundle = assertOwnDataOnly(r, t.victim, [t.theirs.id!]);
      assert.deepEqual((bundle.entry ?? []).map((e) => e.resource?.id), [t.plantedOnTheirs]);
    },
  },
  {
    name: '_include:iterate through the victim’s resource',
    applies: (t) => t.params.length > 0,
    run: (t) => get(t, `Communication?_id=${t.plantedOnTheirs}&_include=Communication:based-on&_include:iterate=${t.type}:${t.params[0]}`),
    expect: (r, t) => void assertOwnDataOnly(r, t.victim, [t.theirs.id!]),
  },
  // A chain to another patient's Patient record names that patient (403); to anything else it finds nothing.
  { name: 'chain based-on:Type._id=victim’s id', run: (t) => get(t, `Communication?_id=${t.plantedOnTheirs}&based-on:${t.type}._id=${t.theirs.id}`), expect: orUnsearchable((r, t) => (t.type === 'Patient' ? refused(403)(r, t) : nothingFound(r, t))) },
  { name: 'chain based-on:Type._id=victim’s id (whole record)', run: (t) => get(t, `Communication?based-on:${t.type}._id=${t.theirs.id}&_summary=count`), expect: orUnsearchable((r, t) => (t.type === 'Patient' ? refused(403)(r, t) : nothingFound(r, t))) },
  {
    name: 'chain through a compartment parameter naming the victim',
    applies: (t) => t.patientParams.length > 0,
    run: (t) => get(t, `Communication?based-on:${t.type}.${t.patientParams[0]}=Patient/${t.victim.patient}`),
    expect: refused(403),
  },
  {
    name: '_has: the victim’s message based on Maria’s resource does not make it match',
    applies: hasOwn,
    run: (t) => get(t, `${t.type}?_id=${t.mine!.id}&_has:Communication:based-on:status=in-progress`),
    expect: orUnsearchable(nothingFound),
  },
  {
    name: '_has naming the victim',
    applies: hasOwn,
    run: (t) => get(t, `${t.type}?_has:Communication:based-on:subject=Patient/${t.victim.patient}`),
    expect: refused(403),
  },
  {
    name: '_revinclude of the victim’s message based on Maria’s resource',
    applies: hasOwn,
    run: (t) => get(t, `${t.type}?_id=${t.mine!.id}&_revinclude=Communication:based-on`),
    expect: orUnsearchable((r, t) => void assertOwnDataOnly(r, t.victim)),
  },
  {
    name: '_revinclude of the type from Maria’s Patient record',
    applies: (t) => t.params.length > 0,
    run: (t) => get(t, `Patient?_id=maria&_revinclude=${t.type}:${t.params[0]}&_revinclude:iterate=Communication:based-on`),
    expect: (r, t) => void assertOwnDataOnly(r, t.victim),
  },

  // Batches and transactions
  { name: 'batch GET by id', run: (t) => send(t, transaction('batch', { request: { method: 'GET', url: ref(t) } }), t.maria), expect: refusedEntry(byIdRefusal) },
  { name: 'batch GET history', run: (t) => send(t, transaction('batch', { request: { method: 'GET', url: `${ref(t)}/_history` } }), t.maria), expect: refusedEntry(byIdRefusal) },
  {
    name: 'batch GET search naming the victim',
    applies: (t) => t.patientParams.length > 0,
    run: (t) => send(t, transaction('batch', { request: { method: 'GET', url: `${t.type}?${t.patientParams[0]}=Patient/${t.victim.patient}&_count=5` } }), t.maria),
    expect: refusedEntry(403),
  },
  {
    name: 'batch GET _id=victim’s id',
    run: (t) => send(t, transaction('batch', { request: { method: 'GET', url: `${t.type}?_id=${t.theirs.id}` } }), t.maria),
    expect: (r, t) => {
      if (t.type === 'Patient' || !searchable(t)) return refusedEntry(403)(r, t);
      const entry = onlyEntry(r);
      assert.equal((entry.resource as Bundle | undefined)?.total, 0, JSON.stringify(entry).slice(0, 300));
      assertNoVictimData(r, t.victim, [t.theirs.id!]);
    },
  },
  {
    name: 'batch GET _count=0 counts only own data',
    run: (t) => send(t, transaction('batch', { request: { method: 'GET', url: `${t.type}?_count=0` } }), t.maria),
    expect: async (r, t) => {
      if (!searchable(t)) return refusedEntry(403)(r, t);
      const entry = onlyEntry(r);
      assertNoVictimData(r, t.victim);
      const full = assertOwnDataOnly(await get(t, `${t.type}?_count=1000`), t.victim);
      assert.equal((entry.resource as Bundle | undefined)?.total, matches(full).length, JSON.stringify(entry).slice(0, 300));
    },
  },
  { name: 'transaction GET by id', run: (t) => send(t, transaction('transaction', { request: { method: 'GET', url: ref(t) } }), t.maria), expect: refused(byIdRefusal) },
  {
    name: 'transaction GET search naming the victim',
    applies: (t) => t.patientParams.length > 0,
    run: (t) => send(t, transaction('transaction', { request: { method: 'GET', url: `${t.type}?${t.patientParams[0]}=Patient/${t.victim.patient}` } }), t.maria),
    expect: refused(403),
  },

  // Writes, with every scope on Maria's record
  { name: 'create naming the victim', run: (t) => call(t.fhir, 'POST', t.type, { token: t.mariaAll, body: asNew(t.theirs) }), expect: refused((t) => (readOnly(t) ? 405 : 403)) },
  { name: 'create naming the victim in a transaction', run: (t) => send(t, transaction('transaction', { resource: asNew(t.theirs), request: { method: 'POST', url: t.type } })), expect: refused((t) => (readOnly(t) ? 405 : 403)) },
  { name: 'create naming the victim in a batch', run: (t) => send(t, transaction('batch', { resource: asNew(t.theirs), request: { method: 'POST', url: t.type } })), expect: refusedEntry((t) => (readOnly(t) ? 405 : 403)) },
  { name: 'update', run: (t) => call(t.fhir, 'PUT', ref(t), { token: t.mariaAll, body: t.theirs }), expect: refused(byIdRefusal) },
  { name: 'patch', run: (t) => call(t.fhir, 'PATCH', ref(t), { token: t.mariaAll, body: patch }), expect: refused(byIdRefusal) },
  { name: 'delete', run: (t) => call(t.fhir, 'DELETE', ref(t), { token: t.mariaAll }), expect: refused(byIdRefusal) },
  { name: 'transaction PUT', run: (t) => send(t, transaction('transaction', { resource: t.theirs, request: { method: 'PUT', url: ref(t) } })), expect: refused(byIdRefusal) },
  { name: 'transaction PATCH', run: (t) => send(t, transaction('transaction', { resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from(JSON.stringify(patch)).toString('base64') }, request: { method: 'PATCH', url: ref(t) } })), expect: refused(byIdRefusal) },
  { name: 'transaction DELETE', run: (t) => send(t, transaction('transaction', { request: { method: 'DELETE', url: ref(t) } })), expect: refused(byIdRefusal) },
  { name: 'batch DELETE', run: (t) => send(t, transaction('batch', { request: { method: 'DELETE', url: ref(t) } })), expect: refusedEntry(byIdRefusal) },
  { name: 'conditional update by search', run: (t) => call(t.fhir, 'PUT', `${t.type}?_id=${t.theirs.id}`, { token: t.mariaAll, body: t.theirs }), expect: refused(403) },
  { name: 'conditional patch by search', run: (t) => call(t.fhir, 'PATCH', `${t.type}?_id=${t.theirs.id}`, { token: t.mariaAll, body: patch }), expect: refused(403) },
  { name: 'conditional delete by search', run: (t) => call(t.fhir, 'DELETE', `${t.type}?_id=${t.theirs.id}`, { token: t.mariaAll }), expect: refused(403) },
  { name: 'conditional update in a transaction', run: (t) => send(t, transaction('transaction', { resource: asNew(t.theirs), request: { method: 'PUT', url: `${t.type}?_id=${t.theirs.id}` } })), expect: refused(403) },
  { name: 'conditional delete in a transaction', run: (t) => send(t, transaction('transaction', { request: { method: 'DELETE', url: `${t.type}?_id=${t.theirs.id}` } })), expect: refused(403) },
  {
    name: 'conditional create whose search names the victim’s resource',
    applies: writable,
    run: (t) => call(t.fhir, 'POST', t.type, { token: t.mariaAll, body: newOwn(t), headers: { 'If-None-Exist': `_id=${t.theirs.id}` } }),
    expect: orUnsearchable((r, t) => {
      assert.equal(r.status, 201, 'nothing of Maria’s matches, so hers is created');
      assert.notEqual((r.body as Resource).id, t.theirs.id);
      assertNoVictimData(r, t.victim, [t.theirs.id!]);
    }),
  },
  {
    name: 'conditional create whose search is the victim’s identifier',
    applies: (t) => writable(t) && !!identifierOf(t.theirs),
    run: (t) => call(t.fhir, 'POST', t.type, { token: t.mariaAll, body: newOwn(t), headers: { 'If-None-Exist': `identifier=${identifierOf(t.theirs)!.system}|${identifierOf(t.theirs)!.value}` } }),
    expect: (r, t) => {
      assert.equal(r.status, 201, JSON.stringify(r.body).slice(0, 300));
      assertNoVictimData(r, t.victim, [t.theirs.id!]);
    },
  },
  {
    name: 'conditional create in a transaction whose search names the victim’s resource',
    applies: writable,
    run: (t) => send(t, transaction('transaction', { fullUrl: 'urn:uuid:7d3c2f4e-0000-4000-8000-00000000a001', resource: newOwn(t), request: { method: 'POST', url: t.type, ifNoneExist: `_id=${t.theirs.id}` } })),
    expect: orUnsearchable((r, t) => {
      const entry = onlyEntry(r);
      assert.equal(entry.response?.status?.slice(0, 3), '201', JSON.stringify(entry).slice(0, 300));
      assert.notEqual(entry.resource?.id, t.theirs.id);
      assertNoVictimData(r, t.victim, [t.theirs.id!]);
    }),
  },
];

interface Control {
  name: string;
  applies?: (t: Target) => boolean;
  run: (t: Target) => Promise<void>;
}

/** The same routes on Maria's own data work. */
const CONTROLS: readonly Control[] = [
  {
    name: 'read, vread and history of her own',
    run: async (t) => {
      const own = await call<Resource>(t.fhir, 'GET', ref(t, t.mine), { token: t.maria });
      assert.equal(own.status, 200, JSON.stringify(own.body).slice(0, 200));
      assert.equal(own.body.id, t.mine!.id);
      assertNoVictimData(own, t.victim);
      assert.equal((await call(t.fhir, 'GET', `${ref(t, t.mine)}/_history/${own.body.meta?.versionId}`, { token: t.maria })).status, 200);
      const history = await get(t, `${ref(t, t.mine)}/_history`);
      assert.equal(history.status, 200);
      assert.ok((history.body.entry ?? []).length >= 1, 'her own resource has a history');
    },
  },
  {
    name: 'searches by _id, by her own compartment parameters, and counts',
    applies: searchable,
    run: async (t) => {
      assert.equal(matches(assertOwnDataOnly(await get(t, `${t.type}?_id=${t.mine!.id}`), t.victim)).length, 1);
      for (const p of t.patientParams) assertOwnDataOnly(await get(t, `${t.type}?${p}=Patient/maria`), t.victim);
      const counted = assertOwnDataOnly(await get(t, `${t.type}?_count=0`), t.victim);
      assert.ok((counted.total ?? 0) > 0, 'Maria’s own are counted');
    },
  },
  {
    name: '_include, chains and _has on her own',
    run: async (t) => {
      const included = assertOwnDataOnly(await get(t, `Communication?_id=${t.plantedOnMine}&_include=Communication:based-on`), t.victim);
      assert.ok((included.entry ?? []).some((e) => e.resource?.id === t.mine!.id), 'her own resource is included');
      if (!searchable(t)) return;
      const chained = assertOwnDataOnly(await get(t, `Communication?_id=${t.plantedOnMine}&based-on:${t.type}._id=${t.mine!.id}`), t.victim);
      assert.equal(chained.total, 1);
      const reverse = assertOwnDataOnly(await get(t, `${t.type}?_id=${t.mine!.id}&_has:Communication:based-on:status=completed`), t.victim);
      assert.equal(reverse.total, 1);
    },
  },
  {
    name: 'batch and transaction reads of her own',
    run: async (t) => {
      const batch = onlyEntry(await send(t, transaction('batch', { request: { method: 'GET', url: ref(t, t.mine) } }), t.maria));
      assert.equal(batch.response?.status?.slice(0, 3), '200');
      assert.equal(batch.resource?.id, t.mine!.id);
      const read = onlyEntry(await send(t, transaction('transaction', { request: { method: 'GET', url: searchable(t) ? `${t.type}?_id=${t.mine!.id}` : ref(t, t.mine) } }), t.maria));
      assert.equal(read.response?.status?.slice(0, 3), '200');
      if (searchable(t)) assert.equal((read.resource as Bundle).total, 1);
    },
  },
  {
    name: 'update and conditional create of her own',
    applies: (t) => patientMay(t, 'update'),
    run: async (t) => {
      const updatable = t.row.updatableId ? `${t.type}/${t.row.updatableId}` : ref(t, t.mine);
      const stored = (await call<FhirResource>(t.fhir, 'GET', updatable, { token: t.maria })).body;
      const updated = await call<Resource>(t.fhir, 'PUT', updatable, { token: t.mariaAll, body: stored });
      assert.equal(updated.status, 200, JSON.stringify(updated.body).slice(0, 300));
      if (!searchable(t)) return;
      const current = (await call<FhirResource>(t.fhir, 'GET', ref(t, t.mine), { token: t.maria })).body;
      const again = await call<Resource>(t.fhir, 'POST', t.type, { token: t.mariaAll, body: asNew(current), headers: { 'If-None-Exist': `_id=${t.mine!.id}` } });
      assert.equal(again.status, 200, 'the existing match is returned');
      assert.equal(again.body.id, t.mine!.id);
    },
  },
];

let server: PorticoServer;

before(async () => {
  server = await startPorticoServer({ port: 0, testAdmin: true, now: NOW });
});

after(async () => {
  await server?.close();
});

it('the rows cover every patient-data type the seed has', () => {
  const types = new Set([...seed.map((r) => r.resourceType), 'Person'].filter((type) => isPatientData(type) && !SHARED_TYPES.has(type)));
  assert.deepEqual([...types].sort(), ROWS.map((r) => r.type).sort());
});

for (const row of ROWS) {
  describe(`${row.type}: Maria attacks ${row.victim ?? 'aisha'}’s`, () => {
    let t: Target;

    before(async () => {
      const victim = VICTIMS[row.victim ?? 'aisha'];
      const { fhirBaseUrl: fhir } = await admin<{ fhirBaseUrl: string }>(server, 'POST', 'sandboxes', {});
      const [maria, mariaAll, victimToken] = await Promise.all([
        tokenFor(server, 'maria', ELEMENT_SCOPE),
        tokenFor(server, 'maria', EVERYTHING),
        tokenFor(server, victim.username, ELEMENT_SCOPE, victim.patient),
      ]);
      const theirsId = row.victimId ?? byPatientId(row.type, victim.patient)?.id;
      assert.ok(theirsId, `the seed has a ${row.type} of ${victim.patient}`);
      const theirs = await call<FhirResource>(fhir, 'GET', `${row.type}/${theirsId}`, { token: victimToken });
      assert.equal(theirs.status, 200, `${victim.patient} reads her own ${row.type}/${theirsId}: ${JSON.stringify(theirs.body).slice(0, 200)}`);
      const mineId = row.noOwn ? undefined : byPatientId(row.type, 'maria')?.id;
      const mine = mineId ? (await call<FhirResource>(fhir, 'GET', `${row.type}/${mineId}`, { token: maria })).body : undefined;
      const plant = async (token: string, patient: string, basedOn: string, status: Communication['status']) => {
        // A message as the message rules let a patient send it: from the patient, to their care team.
        const message: Communication = {
          resourceType: 'Communication',
          status,
          subject: { reference: `Patient/${patient}` },
          sender: { reference: `Patient/${patient}` },
          recipient: [{ reference: `CareTeam/careteam-${patient}` }],
          basedOn: [{ reference: basedOn }],
          payload: [{ contentString: 'Planted reference' }],
        };
        const created = await call<Communication>(fhir, 'POST', 'Communication', { token, body: message });
        assert.equal(created.status, 201, JSON.stringify(created.body).slice(0, 300));
        return created.body.id!;
      };
      const params = compartmentParams(row.type);
      t = {
        row,
        type: row.type,
        victim,
        fhir,
        maria,
        mariaAll,
        victimToken,
        theirs: theirs.body,
        theirsText: JSON.stringify(theirs.body),
        mine,
        plantedOnTheirs: await plant(maria, 'maria', `${row.type}/${theirsId}`, 'completed'),
        plantedOnMine: mine ? await plant(maria, 'maria', `${row.type}/${mine.id}`, 'completed') : undefined,
        params,
        patientParams: params.filter((p) => (getSearchParameter(row.type, p)?.target ?? []).includes('Patient')),
      };
      // The victim's own message based on Maria's resource, for the _has and _revinclude attacks.
      if (mine) await plant(victimToken, victim.patient, `${row.type}/${mine.id}`, 'in-progress');
    });

    const patientParams = compartmentParams(row.type).filter((p) => (getSearchParameter(row.type, p)?.target ?? []).includes('Patient'));
    for (const attack of [...patientParams.flatMap(namingAttacks), ...ATTACKS]) {
      it(attack.name, { timeout: TIMEOUT }, async (test) => {
        if (attack.applies && !attack.applies(t)) return test.skip('does not apply to this type');
        await attack.expect(await attack.run(t), t);
      });
    }

    for (const control of CONTROLS) {
      it(`control: ${control.name}`, { timeout: TIMEOUT }, async (test) => {
        if (!t.mine) return test.skip('Maria has none of this type');
        if (control.applies && !control.applies(t)) return test.skip('does not apply to this type');
        await control.run(t);
      });
    }

    it('the victim’s resource is unchanged', { timeout: TIMEOUT }, async () => {
      const now = await call<Resource>(t.fhir, 'GET', ref(t), { token: t.victimToken });
      assert.equal(now.status, 200);
      assert.equal(JSON.stringify(now.body), t.theirsText);
    });
  });
}

describe('proxy: James acting for Leo sees Leo, not the others', () => {
  let fhir: string;
  let leo: string;

  before(async () => {
    fhir = (await admin<{ fhirBaseUrl: string }>(server, 'POST', 'sandboxes', {})).fhirBaseUrl;
    leo = await tokenFor(server, 'james', ELEMENT_SCOPE, 'leo');
  });

  it('reads Leo, his results and his own Person; searches are Leo’s', async () => {
    assert.equal((await call(fhir, 'GET', 'Patient/leo', { token: leo })).status, 200);
    assert.equal((await call(fhir, 'GET', 'Person/person-james', { token: leo })).status, 200);
    const results = await call<Bundle>(fhir, 'GET', 'Observation?_count=1000', { token: leo });
    assert.ok(matches(results.body).length > 0, 'Leo has results');
    for (const o of matches(results.body)) assert.equal((o as { subject?: { reference?: string } }).subject?.reference, 'Patient/leo');
    assert.equal(results.body.total, matches(results.body).length);
  });

  for (const other of ['maria', 'aisha', 'james'] as const) {
    it(`refuses ${other}’s record`, async () => {
      const markers = other === 'james' ? { ...VICTIMS.james, markers: /Patient\/james"|obs-james/ } : other === 'maria' ? { username: 'maria', patient: 'maria', markers: /maria|Hernández/i } : VICTIMS.aisha;
      assertRefused(await call(fhir, 'GET', `Patient/${other}`, { token: leo }), 403, markers);
      assertRefused(await call(fhir, 'GET', `Observation?patient=Patient/${other}`, { token: leo }), 403, markers);
      const theirs = byPatientId('Observation', other)!;
      assertRefused(await call(fhir, 'GET', `Observation/${theirs.id}`, { token: leo }), 404, markers);
      assertNothingFound(await call(fhir, 'GET', `Observation?_id=${theirs.id}`, { token: leo }), markers);
      assertRefusedEntry(await call(fhir, 'POST', '', { token: leo, body: transaction('batch', { request: { method: 'GET', url: `Observation/${theirs.id}` } }) }), 404, markers);
    });
  }
});

routeAttacks(() => server, ELEMENT_SCOPE);
