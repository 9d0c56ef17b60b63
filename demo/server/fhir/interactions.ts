/**
 * What a request asks for, worked out from its method and path the same way for a direct request
 * and for a Bundle entry, and what the server refuses before looking at any data.
 */
import { isResourceType, notFound } from '@medplum/core';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { SmartPermission } from '../auth/scopes.js';
import type { OperationSettings } from '../features/registry.js';
import type { Access } from './access.js';
import type { JournalingRepository } from './repository.js';

export const INTERACTIONS = ['search', 'read', 'vread', 'history', 'create', 'update', 'patch', 'delete', 'batch', 'operation'] as const;
export type Interaction = (typeof INTERACTIONS)[number];

export interface Classified {
  interaction: Interaction;
  resourceType?: string;
  id?: string;
  versionId?: string;
  /** The operation's name without `$`, for `interaction: 'operation'`. */
  operation?: string;
}

/** The SMART permission each interaction needs on its type (`operation` checks its own). */
export const PERMISSION: Record<Exclude<Interaction, 'batch' | 'operation'>, SmartPermission> = {
  search: 's',
  read: 'r',
  vread: 'r',
  history: 'r',
  create: 'c',
  update: 'u',
  patch: 'u',
  delete: 'd',
};

/** A refusal with its HTTP status and OperationOutcome. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
  ) {
    super(outcome.issue?.[0]?.diagnostics ?? outcome.issue?.[0]?.details?.text ?? `HTTP ${status}`);
  }
}

export function outcomeOf(severity: 'error' | 'information', code: string, text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code: code as 'invalid', diagnostics: text, details: { text } }] };
}

export function problem(status: number, code: string, text: string): HttpProblem {
  return new HttpProblem(status, outcomeOf('error', code, text));
}

/** 403: the request asks for something this token may not have, decided from the request alone. */
export function forbidden(text: string): HttpProblem {
  return problem(403, 'forbidden', text);
}

const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Does the request path `path` (`Patient/maria/$everything`) fit an operation's `pattern` (`Patient/:id/$everything`)? */
export function fitsOperationPath(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((part, i) => (part === ':id' ? ID.test(got[i]!) : part === got[i]));
}

/**
 * Classifies `method` + path segments (after the FHIR base). Refuses, before any data is read, what no
 * patient token may do here: searches across types, type and system history, conditional
 * update/patch/delete by search, and every operation that is not `offered` (the paths, e.g.
 * `Appointment/$find`, of the operations the tenant offers: features/registry.ts `offeredOperations`).
 */
export function classify(method: string, segments: readonly string[], offered: readonly string[] = []): Classified {
  const [type, second, third, fourth, ...rest] = segments;
  const operation = segments.find((s) => s.startsWith('$'));
  if (operation) {
    const path = segments.join('/');
    if (!offered.some((pattern) => fitsOperationPath(pattern, path))) throw forbidden(`The operation ${operation} is not offered by this server.`);
    return { interaction: 'operation', resourceType: type, ...(second && second !== operation ? { id: second } : {}), operation: operation.slice(1) };
  }
  if (!type) {
    if (method === 'POST') return { interaction: 'batch' };
    throw forbidden('Searches across all types are not offered; search one resource type.');
  }
  if (type === '_history') throw forbidden('System history is not offered; read the history of one resource.');
  if (!isResourceType(type)) throw problem(404, 'not-found', `${type} is not a FHIR resource type.`);
  if (!second) {
    if (method === 'GET') return { interaction: 'search', resourceType: type };
    if (method === 'POST') return { interaction: 'create', resourceType: type };
    // A conditional write by search could reach a record the token may not see.
    throw forbidden(`Conditional ${method} by search (${type}?…) is not offered; address the resource by id.`);
  }
  if (second === '_history') throw forbidden(`The history of every ${type} is not offered; read the history of one resource.`);
  if (second === '_search' && !third && method === 'POST') return { interaction: 'search', resourceType: type };
  if (!ID.test(second) || rest.length) throw notVisible();
  if (third === '_history' && method === 'GET') {
    if (fourth === undefined) return { interaction: 'history', resourceType: type, id: second };
    if (ID.test(fourth)) return { interaction: 'vread', resourceType: type, id: second, versionId: fourth };
  }
  if (third !== undefined) throw notVisible();
  const byMethod: Record<string, Interaction> = { GET: 'read', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
  const interaction = byMethod[method];
  if (!interaction) throw problem(405, 'not-supported', `${method} is not allowed on ${type}/${second}.`);
  return { interaction, resourceType: type, id: second };
}

/** What handling one request needs: the tenant's data, the token's access, and Medplum's router. */
export interface RequestContext {
  repo: JournalingRepository;
  access: Access;
  baseUrl: string;
  /** Which modules' operations the tenant offers (features/registry.ts). */
  operations: OperationSettings;
  /** Routes a request into Medplum's router on the tenant's repository. */
  route(method: string, pathWithQuery: string, body: unknown, headers?: Record<string, string>): Promise<[OperationOutcome, Resource | undefined]>;
}

/** The write entries of one transaction as sent, before its `urn:uuid` references are resolved. */
export interface TransactionView {
  /** Each with the entry's `fullUrl` (a `urn:uuid` that other entries may point at). */
  writes: readonly { classified: Classified; resource?: Resource; fullUrl?: string }[];
  /** The fullUrls of the entries it creates, which other entries may point at. */
  pending: ReadonlySet<string>;
}

/** The 404 for a resource the token may not see: the same answer as for one that does not exist. */
export function notVisible(): HttpProblem {
  return new HttpProblem(404, notFound);
}
