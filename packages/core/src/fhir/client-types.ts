import type { Bundle, FhirResource, Resource } from 'fhir/r4';
import type { RetryPolicy } from './retry.js';
import type { SearchParams } from './search-params.js';

/** The types of `FhirClient`'s options and answers. */

export type ResourceType = FhirResource['resourceType'];
export type ResourceOf<K extends ResourceType> = Extract<FhirResource, { resourceType: K }>;

export interface FhirClientOptions {
  /** The FHIR R4 base URL, e.g. https://fhir.example.org/r4 */
  baseUrl: string;
  /** Returns the bearer token for each request (undefined: no Authorization header). */
  getAccessToken?: () => string | undefined | Promise<string | undefined>;
  /**
   * Called once when the server answers 401: refresh the token and resolve true to retry the request,
   * or resolve false to fail it with a FhirError of kind 'unauthorized' (the session then asks the
   * patient to sign in again).
   */
  onUnauthorized?: () => Promise<boolean>;
  /** Retry of 429/502/503/504 and dropped connections. */
  retry?: Partial<RetryPolicy>;
  /** The fetch to use; default the global fetch. */
  fetch?: typeof fetch;
  /** The scopes the authorization server granted (space-separated), when known: elements choose write paths by them. */
  grantedScope?: string;
  /**
   * The language the patient reads ('es-MX'), asked for on each request as `Accept-Language`, so a
   * server that translates its answers (displays, narratives, messages) answers in it. Undefined: the browser's own.
   */
  acceptLanguage?: () => string | undefined;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface SearchOptions extends RequestOptions {
  /** Asks the server for pages of this size (`_count`). */
  pageSize?: number;
  /**
   * The same search started early with a larger `_count` answers this one too (see `readEarly`): for a
   * first page sized to the screen, which the session works out from where the element stands before its
   * code has drawn it, and the element again once drawn. The answer then has more matches than asked for.
   */
  takesLargerEarlyPage?: boolean;
}

/** One page of a search: the matches, what `_include` brought along, and the raw Bundle. */
export interface SearchPage<T extends Resource = Resource> {
  resources: T[];
  included: Resource[];
  total?: number;
  bundle: Bundle;
  /** The server's link to the next page, when there is one. */
  next?: string;
}

export interface SearchAllOptions extends SearchOptions {
  /** Stop after this many matches (default 1000), so a runaway search cannot exhaust the browser. */
  max?: number;
}

export interface UpdateOptions extends RequestOptions {
  /** Only update when the server's version is this one: a versionId or an ETag (`W/"3"`). Default: the resource's meta.versionId. */
  ifMatch?: string | false;
}

export interface CreateOptions extends RequestOptions {
  /** Conditional create: the server returns the existing match instead of creating a second one. */
  ifNoneExist?: SearchParams;
}

/** What the server says about a write. */
export interface WriteResult<T extends Resource> {
  resource: T;
  /** 201 when created, 200 when it already existed (conditional create) or was updated. */
  status: number;
  etag?: string;
  location?: string;
}

export type Interaction = 'read' | 'vread' | 'update' | 'patch' | 'delete' | 'history-instance' | 'history-type' | 'create' | 'search-type';

/** SMART permissions, as a server checks them: create, read, update, delete, search. */
export type ScopePermission = 'c' | 'r' | 'u' | 'd' | 's';
