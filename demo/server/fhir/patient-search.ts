/**
 * Searches as a patient token may run them: on the token's record only, counted and paged over what the
 * token may see, with chains and `_has` answered from visible data only, and `_include`d resources
 * only when they are reached through what the token sees.
 */
import { getSearchParameter, isResourceType, OperationOutcomeError, parseSearchRequest, type SearchRequest } from '@medplum/core';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { compartmentParamsOf, isPatientData, parseReference, patientIdOf, SHARED_TYPES, type Access } from './access.js';
import { forbidden, HttpProblem, problem } from './interactions.js';
import { addPagingLinks, pageSize } from './paging.js';
import type { JournalingRepository } from './repository.js';
import { unknownSearchParameters } from './search-validation.js';

export interface SearchContext {
  repo: JournalingRepository;
  access: Access;
}

/** The most resources a chain or `_has` may resolve to before the search must be narrowed. */
export const MAX_RESOLVED = 1000;
/** How deep chains and `_has` may nest (`subject:Patient.organization.name` is 2). */
const MAX_DEPTH = 3;

/** Modifiers of a reference parameter whose values name the resources they match. */
const NAMING_MODIFIERS = new Set([undefined, '']);

/**
 * Checks and rewrites a search for the token: 400 for unknown parameters, 403 when a compartment
 * parameter names a patient other than the token's, chains and `_has` resolved to the ids of matches
 * the token may see, and a compartment parameter added when the search has none. Returns undefined when
 * nothing can match.
 */
export async function prepareSearch(context: SearchContext, resourceType: string, input: URLSearchParams, depth = 0): Promise<URLSearchParams | undefined> {
  const { access } = context;
  if (!isResourceType(resourceType)) throw problem(404, 'not-found', `${resourceType} is not a FHIR resource type.`);
  if (!access.allowsType(resourceType, 's')) throw forbidden(`The granted scopes do not allow searching ${resourceType}.`);
  if (resourceType === 'Binary') throw forbidden('Binary is read by id (from the resource that points at it); it is not searched.');
  if (depth > MAX_DEPTH) throw problem(400, 'too-costly', `Chains and _has nest at most ${MAX_DEPTH} deep.`);
  const unknown = unknownSearchParameters(resourceType, new Set(input.keys()));
  if (unknown.length) throw problem(400, 'not-supported', `Unknown search parameter${unknown.length > 1 ? 's' : ''} for ${resourceType}: ${unknown.join(', ')}`);
  if (input.has('_type')) throw problem(400, 'not-supported', '_type is for searches across types, which are not offered.');
  for (const value of input.getAll('_sort').flatMap((v) => v.split(','))) {
    const code = value.replace(/^-/, '');
    if (code !== '_id' && code !== '_lastUpdated' && !getSearchParameter(resourceType, code)) throw problem(400, 'not-supported', `Cannot sort ${resourceType} by ${code}.`);
  }

  // What the client wrote is checked for naming other patients; what chains and `_has` resolve to comes
  // from visible data and only narrows the search further (parameters are ANDed).
  const query = new URLSearchParams();
  const resolved = new URLSearchParams();
  for (const [key, value] of input) {
    if (key.startsWith('_has:')) {
      const ids = await resolveReverseChain(context, resourceType, key, value, depth);
      if (!ids.length) return undefined;
      resolved.append('_id', ids.join(','));
    } else if (/^[^.:]+(:[A-Za-z]+)?\./.test(key)) {
      const [name, references] = await resolveChain(context, resourceType, key, value, depth);
      if (!references.length) return undefined;
      resolved.append(name, references.join(','));
    } else query.append(key, value);
  }
  if (!restrictToRecord(access, resourceType, query)) return undefined;
  for (const [key, value] of resolved) query.append(key, value);
  return query;
}

/**
 * Keeps a search inside the token's patients. A compartment parameter (or `_id` on Patient) naming any
 * other patient is refused; a bare id on a parameter that can point at a Patient counts as one. When no
 * such parameter names only the token's patients, one is added. False when nothing can match.
 */
function restrictToRecord(access: Access, resourceType: string, query: URLSearchParams): boolean {
  if (SHARED_TYPES.has(resourceType) || !isPatientData(resourceType)) return true;
  const patients = [...access.patients];
  if (!patients.length) throw forbidden('This token has no patient in context.');
  const others = 'The search names a patient other than the one this token is for.';
  if (resourceType === 'Patient') {
    for (const value of query.getAll('_id')) if (value.split(',').some((id) => !access.patients.has(id))) throw forbidden(others);
    checkCompartmentValues(access, resourceType, query, new Set(compartmentParamsOf('Patient')));
    query.append('_id', patients.join(','));
    return true;
  }
  const params = new Set(compartmentParamsOf(resourceType));
  if (getSearchParameter(resourceType, 'patient')) params.add('patient');
  const constrained = checkCompartmentValues(access, resourceType, query, params);
  if (constrained) return true;
  const restriction = getSearchParameter(resourceType, 'patient') ? 'patient' : [...params][0];
  // Types owned through another resource (Binary, payments) have no such parameter: the visibility
  // check of the search itself keeps them to the token's record.
  if (restriction) query.append(restriction, patients.map((p) => `Patient/${p}`).join(','));
  return true;
}

/** Refuses values naming other patients and normalises bare ids; true when some parameter names only the token's patients. */
function checkCompartmentValues(access: Access, resourceType: string, query: URLSearchParams, params: Set<string>): boolean {
  let constrained = false;
  for (const key of [...new Set(query.keys())]) {
    const [name, modifier] = key.split(':') as [string, string | undefined];
    if (!params.has(name)) continue;
    const typed = modifier !== undefined && isResourceType(modifier);
    if (!NAMING_MODIFIERS.has(modifier) && !typed) continue; // :missing, :not, :identifier … name no one
    const targetsPatient = typed ? modifier === 'Patient' : (getSearchParameter(resourceType, name)?.target ?? []).includes('Patient');
    const values = query.getAll(key).map((value) => {
      const parts = value.split(',').map((part) => {
        const bare = !part.includes('/');
        const patient = bare ? (targetsPatient ? part : undefined) : patientIdOf(part);
        if (patient === undefined) return { text: part, mine: false };
        if (!access.patients.has(patient)) throw forbidden('The search names a patient other than the one this token is for.');
        return { text: `Patient/${patient}`, mine: true };
      });
      if (parts.every((p) => p.mine)) constrained = true;
      return parts.map((p) => p.text).join(',');
    });
    query.delete(key);
    for (const value of values) query.append(typed && modifier === 'Patient' ? name : key, value);
  }
  return constrained;
}

/** `subject:Patient.name=x` → `subject=Patient/a,Patient/b`: the visible targets that match. */
async function resolveChain(context: SearchContext, resourceType: string, key: string, value: string, depth: number): Promise<[string, string[]]> {
  const dot = key.indexOf('.');
  const [name, typeModifier] = key.slice(0, dot).split(':') as [string, string | undefined];
  const rest = key.slice(dot + 1);
  const parameter = getSearchParameter(resourceType, name);
  if (parameter?.type !== 'reference') throw problem(400, 'not-supported', `${resourceType}.${name} is not a reference parameter, so it cannot be chained.`);
  const targets = (typeModifier ? [typeModifier] : (parameter.target ?? [])).filter((t) => (parameter.target ?? []).includes(t as never));
  const restCode = rest.split(/[.:]/)[0]!;
  const usable = targets.filter((t) => isResourceType(t) && (restCode.startsWith('_') || getSearchParameter(t, restCode)));
  if (!usable.length) throw problem(400, 'not-supported', `Unknown chained parameter ${key} on ${resourceType}.`);
  const readable = usable.filter((t) => context.access.allowsType(t, 's'));
  if (!readable.length) throw forbidden(`The granted scopes do not allow searching ${usable.join(' or ')}, which ${key} chains through.`);
  const references: string[] = [];
  for (const target of readable) {
    const matches = await visibleMatches(context, target, new URLSearchParams([[rest, value]]), depth + 1);
    references.push(...matches.map((r) => `${r.resourceType}/${r.id}`));
  }
  return [name, tooMany(references, key)];
}

/** `_has:Observation:patient:code=x` on Patient → the ids of Patients a visible matching Observation points at. */
async function resolveReverseChain(context: SearchContext, resourceType: string, key: string, value: string, depth: number): Promise<string[]> {
  const [, type, reference, ...restParts] = key.split(':');
  const rest = restParts.join(':');
  if (!type || !reference || !rest || !isResourceType(type)) throw problem(400, 'not-supported', `${key}: _has is written _has:Type:reference:parameter.`);
  const parameter = getSearchParameter(type, reference);
  if (parameter?.type !== 'reference' || !(parameter.target ?? []).includes(resourceType as never)) {
    throw problem(400, 'not-supported', `${key}: ${type}.${reference} does not point at ${resourceType}.`);
  }
  const matches = await visibleMatches(context, type, new URLSearchParams([[rest, value]]), depth + 1);
  const ids = new Set<string>();
  for (const match of matches) {
    for (const target of referencesOf(match, parameter.expression ?? '')) {
      const parsed = parseReference(target);
      if (parsed?.type === resourceType) ids.add(parsed.id);
    }
  }
  return tooMany([...ids], key);
}

function tooMany<T>(values: T[], key: string): T[] {
  if (values.length > MAX_RESOLVED) throw problem(400, 'too-costly', `${key} matches more than ${MAX_RESOLVED} resources; narrow it.`);
  return values;
}

/** The reference strings a search parameter's expression selects (dotted paths, as in access.ts). */
function referencesOf(resource: Resource, expression: string): string[] {
  const found: string[] = [];
  for (const clause of expression.split('|')) {
    const path = clause.trim().replace(/\.where\(.*\)$/, '').split('.');
    if (path[0] !== resource.resourceType) continue;
    let values: unknown[] = [resource];
    for (const step of path.slice(1)) values = values.flatMap((v) => (v && typeof v === 'object' ? ([] as unknown[]).concat((v as Record<string, unknown>)[step] ?? []) : []));
    for (const v of values) {
      const reference = (v as { reference?: unknown } | undefined)?.reference;
      if (typeof reference === 'string') found.push(reference);
    }
  }
  return found;
}

/** Every match of an inner search (a chain's or `_has`'s) that the token may see, up to MAX_RESOLVED + 1. */
function visibleMatches(context: SearchContext, resourceType: string, query: URLSearchParams, depth: number): Promise<Resource[]> {
  return findVisible(context, resourceType, query, MAX_RESOLVED + 1, depth);
}

/** Up to `limit` matches of a search, among what the token may see, by the rules of prepareSearch (an If-None-Exist condition, a chain). */
export async function findVisible(context: SearchContext, resourceType: string, query: URLSearchParams, limit: number, depth = 0): Promise<Resource[]> {
  const prepared = await prepareSearch(context, resourceType, query, depth);
  if (!prepared) return [];
  const request = { ...toSearchRequest(resourceType, prepared), count: limit, offset: 0, sortRules: undefined, include: undefined, revInclude: undefined };
  const bundle = await context.repo.searchWhere(request, (r) => context.access.allowsResource(r));
  return (bundle.entry ?? []).map((e) => e.resource!);
}

/** Medplum's SearchRequest for a prepared query; a malformed one is 400. */
export function toSearchRequest(resourceType: string, query: URLSearchParams): SearchRequest {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    record[key] = values.length > 1 ? values : values[0]!;
  }
  try {
    return parseSearchRequest(resourceType as never, record);
  } catch (error) {
    if (error instanceof OperationOutcomeError) throw new HttpProblem(400, error.outcome);
    throw error;
  }
}

/**
 * Runs a search for the token and answers the searchset: matches and `total` only over what the token
 * may see (so `_count=0` and `_summary=count` count nothing else), paging links from the client's own
 * query, and `_include`/`_revinclude` results only when visible, of a type the scopes let it read, and
 * linked to a resource already in the answer (so an `:iterate` cannot step through a hidden one).
 */
export async function searchForPatient(context: SearchContext, resourceType: string, input: URLSearchParams, baseUrl: string): Promise<Bundle> {
  const asked = new URLSearchParams(input);
  const countOnly = asked.get('_summary') === 'count';
  asked.set('_count', String(countOnly ? 0 : pageSize(asked.get('_count'))));
  const offset = Math.max(0, Math.floor(Number(asked.get('_offset')) || 0));
  if (asked.has('_offset')) asked.set('_offset', String(offset));
  const self = new URL(`${baseUrl}/${resourceType}?${asked}`);

  const withoutPaging = new URLSearchParams([...asked].filter(([key]) => key !== '_count' && key !== '_offset' && key !== '_summary' && key !== '_total'));
  const prepared = await prepareSearch(context, resourceType, withoutPaging);
  if (!prepared) return addPagingLinks({ resourceType: 'Bundle', type: 'searchset', total: 0 }, self, baseUrl);
  const request = { ...toSearchRequest(resourceType, prepared), count: Number(asked.get('_count')), offset };
  const found = await context.repo.searchWhere(request, (r) => context.access.allowsResource(r));
  const entry = reachableEntries(found.entry ?? [], context.access);
  return addPagingLinks({ resourceType: 'Bundle', type: 'searchset', total: found.total, ...(entry.length ? { entry } : {}) }, self, baseUrl);
}

/** Matches, then included resources linked (by a reference either way) to something already kept. */
export function reachableEntries(entries: readonly BundleEntry[], access: Access): BundleEntry[] {
  const kept = entries.filter((e) => e.search?.mode !== 'include');
  const keys = new Set(kept.map((e) => keyOf(e.resource)));
  const pointedAt = new Set(kept.flatMap((e) => referencesIn(e.resource)));
  let candidates = entries.filter((e) => e.search?.mode === 'include' && e.resource && access.allowsResource(e.resource) && access.readsType(e.resource.resourceType));
  for (let grew = true; grew; ) {
    grew = false;
    const rest: BundleEntry[] = [];
    for (const candidate of candidates) {
      const key = keyOf(candidate.resource);
      const references = referencesIn(candidate.resource);
      if (!keys.has(key) && (pointedAt.has(key) || references.some((r) => keys.has(r)))) {
        kept.push(candidate);
        keys.add(key);
        for (const r of references) pointedAt.add(r);
        grew = true;
      } else if (!keys.has(key)) rest.push(candidate);
    }
    candidates = rest;
  }
  return kept;
}

function keyOf(resource: Resource | undefined): string {
  return `${resource?.resourceType}/${resource?.id}`;
}

/** Every literal reference in a resource, as `Type/id`. */
function referencesIn(resource: Resource | undefined): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'reference' && typeof inner === 'string') {
          const parsed = parseReference(inner);
          if (parsed) found.push(`${parsed.type}/${parsed.id}`);
        } else walk(inner);
      }
    }
  };
  walk(resource);
  return found;
}
