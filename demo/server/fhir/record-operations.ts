/**
 * The patient's whole record as operations (the documents module's, features/documents.ts), answered
 * for the token's own patient only: `Patient/$everything` (a paged searchset of the compartment) and
 * `DocumentReference/$docref` (the current summary document). `Patient/$summary` is patient-summary.ts,
 * `$health-cards-issue` health-cards.ts. Another patient's id in the path or a parameter is 403, as a
 * read of their Patient record is; the type-level form means the token's patient.
 */
import { getSearchParameter, isResourceType } from '@medplum/core';
import type { Bundle, BundleEntry, DocumentReference, Parameters, Resource } from '@medplum/fhirtypes';
import type { FhirCall } from './bundles.js';
import { isPatientData, OWNED_THROUGH, parseReference, patientIdOf, SHARED_TYPES } from './access.js';
import { patientCompartmentParams } from './definition-index.js';
import { forbidden, notVisible, problem, type RequestContext } from './interactions.js';
import { addPagingLinks, MAX_PAGE_SIZE } from './paging.js';
import { findVisible } from './patient-search.js';
import type { Answer } from './reads.js';

/** How many resources one `$everything` page holds unless `_count` says otherwise. */
export const EVERYTHING_PAGE_SIZE = 100;
/** Directory types `$everything` brings along (as `include`) when a resource of the page points at them. */
const REFERENCED_DIRECTORY = ['Practitioner', 'PractitionerRole', 'Organization', 'Location', 'Medication'] as const;
let recordTypes: readonly string[] | undefined;
/** The compartment types `$everything` gathers (Binary is reached from the DocumentReference that points at it). */
function recordTypesOf(): readonly string[] {
  recordTypes ??= [...new Set([...patientCompartmentParams().keys(), ...Object.keys(OWNED_THROUGH)])].sort().filter((t) => t !== 'Patient' && t !== 'Binary' && !SHARED_TYPES.has(t) && isPatientData(t));
  return recordTypes;
}
/** More than any record holds: every match of one type. */
const ALL = 1_000_000;

/** LOINC 34133-9 (Summary of episode note): what `$docref` looks for unless `type` says otherwise, as US Core's CCD. */
export const SUMMARY_DOCUMENT_TYPE = 'http://loinc.org|34133-9';

/** An operation's inputs: the query string, then a Parameters body's primitive values (or a form body). */
export function operationInputs(call: FhirCall): URLSearchParams {
  const inputs = new URLSearchParams(call.query);
  const body = call.body;
  if (body instanceof URLSearchParams) body.forEach((value, key) => inputs.append(key, value));
  else if (body && typeof body === 'object') {
    const parameters = body as Parameters;
    if (parameters.resourceType !== 'Parameters') throw problem(400, 'invalid', 'The body must be a Parameters resource.');
    for (const parameter of parameters.parameter ?? []) {
      const value = Object.entries(parameter).find(([key]) => key.startsWith('value'))?.[1];
      if (parameter.name && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) inputs.append(parameter.name, String(value));
    }
  }
  return inputs;
}

/**
 * The patient an operation is for: the path's id (another patient's is 403, as a read of their record),
 * else the token's patient. The scopes must let the token read the Patient.
 */
export function operationPatient(context: RequestContext, call: FhirCall, named?: string): string {
  const fromPath = call.segments.length === 3 ? call.segments[1] : undefined;
  for (const id of [fromPath, named]) {
    if (id !== undefined && !context.access.patients.has(id)) throw forbidden('That is not the record of the patient this token is for.');
  }
  const patient = fromPath ?? named ?? [...context.access.patients][0];
  if (!patient) throw forbidden('This token has no patient in context.');
  if (!context.access.readsType('Patient')) throw forbidden('The granted scopes do not allow reading the Patient record.');
  const stored = context.repo.peek('Patient', patient);
  if (!stored || !context.access.allowsResource(stored)) throw notVisible();
  return patient;
}

/** The request as a URL under the tenant's base, for `self` and paging links. */
function requestUrl(context: RequestContext, call: FhirCall, inputs: URLSearchParams): URL {
  return new URL(`${context.baseUrl}/${call.segments.map((s) => encodeURIComponent(s).replace(/^%24/, '$')).join('/')}?${inputs}`);
}

/** A FHIR date or dateTime input, else 400. */
function dateInput(inputs: URLSearchParams, name: string): string | undefined {
  const value = inputs.get(name) ?? undefined;
  if (value !== undefined && !/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.test(value)) throw problem(400, 'invalid', `${name} must be a FHIR date or dateTime.`);
  return value;
}

/**
 * Every resource of the patient's record the token may see, in a stable order (the Patient, then type
 * by type, each by id), narrowed by `_type`, `_since` (last updated) and `start`/`end` (on types with a
 * `date` search parameter; others are kept whole).
 */
async function recordOf(context: RequestContext, patient: string, inputs: URLSearchParams): Promise<Resource[]> {
  const asked = inputs.getAll('_type').flatMap((v) => v.split(',')).map((t) => t.trim()).filter(Boolean);
  for (const type of asked) if (!isResourceType(type)) throw problem(400, 'invalid', `_type: ${type} is not a FHIR resource type.`);
  const since = dateInput(inputs, '_since');
  const start = dateInput(inputs, 'start');
  const end = dateInput(inputs, 'end');
  const wanted = (type: string) => !asked.length || asked.includes(type);
  const record: Resource[] = [];
  if (wanted('Patient')) {
    const own = await context.repo.readResource('Patient', patient);
    if (!since || (own.meta?.lastUpdated ?? '') >= since) record.push(own);
  }
  for (const type of recordTypesOf()) {
    if (!wanted(type) || !context.access.allowsType(type, 's')) continue;
    const query = new URLSearchParams();
    if (since) query.append('_lastUpdated', `ge${since}`);
    if (getSearchParameter(type, 'date')) {
      if (start) query.append('date', `ge${start}`);
      if (end) query.append('date', `le${end}`);
    }
    const found = await findVisible(context, type, query, ALL);
    // Only this patient's (a proxy's token holds one patient too, but stay exact).
    record.push(...found.filter((r) => r.resourceType !== 'RelatedPerson' || patientIdOf((r as { patient?: { reference?: string } }).patient?.reference) === patient).sort((a, b) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0)));
  }
  return record;
}

/** The directory resources (clinicians, places, organizations, medications) the page's resources point at. */
function referencedDirectory(context: RequestContext, page: readonly Resource[]): Resource[] {
  const seen = new Set<string>();
  const found: Resource[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key !== 'reference' || typeof inner !== 'string') {
          walk(inner);
          continue;
        }
        const target = parseReference(inner);
        const key2 = target && `${target.type}/${target.id}`;
        if (!target || !key2 || seen.has(key2) || !(REFERENCED_DIRECTORY as readonly string[]).includes(target.type) || !context.access.readsType(target.type)) continue;
        seen.add(key2);
        const stored = context.repo.peek(target.type, target.id);
        if (stored) found.push(structuredClone(stored));
      }
    }
  };
  walk(page);
  return found;
}

/**
 * `Patient/$everything` (GET or POST): a searchset of the patient's compartment, paged with `_count`
 * (default 100, at most 1000) and `_offset` like any search, the clinicians, places, organizations and
 * medications each page's resources point at included (`search.mode` `include`, not counted in `total`).
 */
export async function patientEverything(context: RequestContext, call: FhirCall): Promise<Answer> {
  if (call.method !== 'GET' && call.method !== 'POST') throw problem(405, 'not-supported', '$everything is called with GET or POST.');
  const inputs = operationInputs(call);
  const patient = operationPatient(context, call);
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(Number(inputs.get('_count') ?? EVERYTHING_PAGE_SIZE)) || 0));
  const offset = Math.max(0, Math.floor(Number(inputs.get('_offset') ?? 0)) || 0);
  inputs.set('_count', String(count));
  if (inputs.has('_offset')) inputs.set('_offset', String(offset));
  const record = await recordOf(context, patient, inputs);
  const page = record.slice(offset, offset + count);
  const entry: BundleEntry[] = [
    ...page.map((resource): BundleEntry => ({ resource, search: { mode: 'match' } })),
    ...referencedDirectory(context, page).map((resource): BundleEntry => ({ resource, search: { mode: 'include' } })),
  ];
  const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', total: record.length, ...(entry.length ? { entry } : {}) };
  return [200, addPagingLinks(bundle, requestUrl(context, call, inputs), context.baseUrl), {}];
}

/** `system|code` or `code` of a token input, matched against a DocumentReference's type. */
function typeMatches(document: DocumentReference, token: string): boolean {
  const [system, code] = token.includes('|') ? (token.split('|') as [string, string]) : [undefined, token];
  return (document.type?.coding ?? []).some((c) => c.code === code && (!system || c.system === system));
}

/** When a document is about: its context period, else when it was written. */
function documentTime(document: DocumentReference): string {
  return document.context?.period?.start ?? document.date ?? '';
}

/**
 * `DocumentReference/$docref` (GET or POST), as US Core defines it: the patient's current documents of
 * `type` (default the visit summary, LOINC 34133-9), newest first; without `start`/`end`, the newest
 * only (the current summary). `patient` is the token's patient (another is 403); `on-demand` is
 * accepted and ignored (the newest stored summary is the current one).
 */
export async function documentReferenceDocref(context: RequestContext, call: FhirCall): Promise<Answer> {
  if (call.method !== 'GET' && call.method !== 'POST') throw problem(405, 'not-supported', '$docref is called with GET or POST.');
  const inputs = operationInputs(call);
  const named = inputs.get('patient') ?? undefined;
  const patient = operationPatient(context, call, named === undefined ? undefined : (patientIdOf(named) ?? named));
  if (!context.access.allowsType('DocumentReference', 's')) throw forbidden('The granted scopes do not allow searching DocumentReference.');
  const start = dateInput(inputs, 'start');
  const end = dateInput(inputs, 'end');
  const types = inputs.getAll('type').flatMap((v) => v.split(','));
  const found = (await findVisible(context, 'DocumentReference', new URLSearchParams([['patient', `Patient/${patient}`], ['status', 'current']]), ALL)) as DocumentReference[];
  const matching = found
    .filter((d) => (types.length ? types : [SUMMARY_DOCUMENT_TYPE]).some((t) => typeMatches(d, t)))
    .filter((d) => (!start || documentTime(d) >= start) && (!end || documentTime(d).slice(0, end.length) <= end))
    .sort((a, b) => (documentTime(b) < documentTime(a) ? -1 : documentTime(b) > documentTime(a) ? 1 : 0));
  const answered = start || end ? matching : matching.slice(0, 1);
  const entry = answered.map((resource): BundleEntry => ({ resource, search: { mode: 'match' } }));
  const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', total: answered.length, ...(entry.length ? { entry } : {}) };
  const self = requestUrl(context, call, inputs);
  return [200, { ...addPagingLinks(bundle, self, context.baseUrl), link: [{ relation: 'self', url: self.href }] }, {}];
}
