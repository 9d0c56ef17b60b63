/**
 * The server's CapabilityStatement kept across page loads, per FHIR base URL, in localStorage (it is
 * public metadata, never health data): an element's first screen then never waits for `GET metadata`
 * (171 kB on the demo server, more on production servers; a round trip of its own on a slow phone). The
 * kept copy is revalidated in the background, shortly after the first screen's requests — with `If-None-Match` when the server gave an ETag (a
 * `304` costs a few bytes), otherwise read again once it is older than `MAX_AGE_WITHOUT_ETAG_MS` — and
 * the fresh copy is what the page uses from then on. Prose (`text`, `documentation`, `description`) is
 * not kept: nothing reads it.
 */
import type { CapabilityStatement } from 'fhir/r4';

const STORAGE_PREFIX = 'portico:capabilities:';

/**
 * How long after a kept copy first answers the server is asked again: the page's first requests go
 * first (a browser opens only six connections to a server over HTTP/1.1, and a phone's link is narrow).
 */
export const REVALIDATION_DELAY_MS = 2_000;

/** Without an ETag to revalidate with, a kept copy is read again after this long (one hour). */
export const MAX_AGE_WITHOUT_ETAG_MS = 60 * 60_000;

/** A CapabilityStatement as kept: the statement, the server's ETag for it, when it was read. */
export interface KeptCapabilities {
  statement: CapabilityStatement;
  etag?: string;
  /** ms since the epoch. */
  savedAt: number;
}

/** Keys whose values are prose for people, left out of the kept copy. */
const PROSE = new Set(['text', 'documentation', 'description']);

/** A copy without the prose (narrative, documentation, descriptions), at any depth. */
function withoutProse<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutProse) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !PROSE.has(key)).map(([key, v]) => [key, withoutProse(v)])) as T;
}

/** The copy kept for `baseUrl`, when there is one this page can read. */
export function keptCapabilities(baseUrl: string): KeptCapabilities | undefined {
  try {
    const raw = window.localStorage.getItem(STORAGE_PREFIX + baseUrl);
    const kept = raw ? (JSON.parse(raw) as KeptCapabilities) : undefined;
    return kept?.statement?.resourceType === 'CapabilityStatement' && typeof kept.savedAt === 'number' ? kept : undefined;
  } catch {
    return undefined;
  }
}

/** At most this many servers' statements are kept (a patient uses one or two); the oldest goes first. */
export const MAX_KEPT_SERVERS = 3;

/** When each kept statement was saved, by base URL: a few bytes read instead of every statement. */
const INDEX_KEY = 'portico:capabilities-index';

function savedTimes(): Record<string, number> {
  try {
    const index = JSON.parse(window.localStorage.getItem(INDEX_KEY) ?? '{}') as unknown;
    return index && typeof index === 'object' && !Array.isArray(index) ? (index as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/** The base URLs with a kept statement, oldest first (one not in the index first of all). */
function keptServers(): string[] {
  const saved = savedTimes();
  const urls: string[] = [];
  for (let i = 0; i < window.localStorage.length; i++) {
    const key = window.localStorage.key(i);
    if (key?.startsWith(STORAGE_PREFIX)) urls.push(key.slice(STORAGE_PREFIX.length));
  }
  return urls.sort((a, b) => (saved[a] ?? 0) - (saved[b] ?? 0));
}

/**
 * Keeps `statement` for `baseUrl` (without prose), making room by forgetting the statements of other
 * servers kept longest ago (at most MAX_KEPT_SERVERS, and all of them when the storage is full); storage
 * that is still full, or blocked, keeps nothing.
 */
export function keepCapabilities(baseUrl: string, statement: CapabilityStatement, etag: string | undefined, now = Date.now()): void {
  try {
    const text = JSON.stringify({ statement: withoutProse(statement), ...(etag ? { etag } : {}), savedAt: now } satisfies KeptCapabilities);
    const others = keptServers().filter((url) => url !== baseUrl);
    for (const url of others.slice(0, Math.max(0, others.length - (MAX_KEPT_SERVERS - 1)))) window.localStorage.removeItem(STORAGE_PREFIX + url);
    try {
      window.localStorage.setItem(STORAGE_PREFIX + baseUrl, text);
    } catch {
      for (const url of others) window.localStorage.removeItem(STORAGE_PREFIX + url);
      window.localStorage.setItem(STORAGE_PREFIX + baseUrl, text);
    }
    const saved = savedTimes();
    const index = Object.fromEntries(keptServers().map((url) => [url, url === baseUrl ? now : (saved[url] ?? 0)]));
    window.localStorage.setItem(INDEX_KEY, JSON.stringify(index));
  } catch {
    // The page still works: the next load reads the statement again.
  }
}

/** Does a kept copy need asking the server again: always with an ETag (cheap), else once it is old. */
export function needsRevalidation(kept: KeptCapabilities, now = Date.now()): boolean {
  return !!kept.etag || now - kept.savedAt > MAX_AGE_WITHOUT_ETAG_MS;
}
