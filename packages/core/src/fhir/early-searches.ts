import type { Bundle } from 'fhir/r4';
import type { ResourceType } from './client-types.js';
import { fhirPath, toSearchParams, type SearchParams } from './search-params.js';

/** How long a search started early waits for its element's identical search (the element's code is on its way). */
export const EARLY_SEARCH_TTL_MS = 30_000;

/** One search of an element's first screen, as its code sends it (see `FhirClient.readEarly`). */
export interface EarlySearch {
  resourceType: ResourceType;
  params: SearchParams;
  /** `_count`, as `SearchOptions.pageSize` sets it (when `params` has none). */
  pageSize?: number;
  /**
   * The searches the element sends next with this one's answer (the booker's first open times, when the
   * directory says which visit type and the clinic's time zone), started early in turn as soon as it arrives.
   */
  followedBy?: (answer: Bundle) => readonly EarlySearch[];
}

/** A search URL without its `_count`, and that count (0 when it has none). */
function withoutCount(url: string): { search: string; count: number } {
  const parsed = new URL(url);
  const count = Number(parsed.searchParams.get('_count')) || 0;
  parsed.searchParams.delete('_count');
  return { search: parsed.href, count };
}

/** The URL a search is sent to: the type's path under `baseUrl`, the parameters, and `_count` from `pageSize` when they have none. */
export function searchUrl(baseUrl: string, { resourceType, params, pageSize }: EarlySearch): string {
  const query = toSearchParams(params);
  if (pageSize && !query.has('_count')) query.set('_count', String(pageSize));
  return `${fhirPath(baseUrl.replace(/\/+$/, ''), resourceType)}${query.size ? `?${query}` : ''}`;
}

/**
 * Searches started before their element's code arrived, by URL (`FhirClient.readEarly`): each answer is
 * taken once, by the first identical search within EARLY_SEARCH_TTL_MS; one nobody takes is dropped unread.
 */
export class EarlySearches<Answer extends { body: unknown }> {
  private readonly started = new Map<string, { response: Promise<Answer>; at: number }>();

  /** `send` sends a GET to a URL, as the client sends every request (token, retries, errors). */
  constructor(
    private readonly baseUrl: string,
    private readonly send: (url: string) => Promise<Answer>,
  ) {}

  /** Starts each search not started yet; what follows one (`followedBy`) starts when its answer arrives. */
  start(searches: readonly EarlySearch[]): void {
    const now = Date.now();
    for (const [url, early] of this.started) if (now - early.at > EARLY_SEARCH_TTL_MS) this.started.delete(url);
    for (const search of searches) {
      const url = searchUrl(this.baseUrl, search);
      if (this.started.has(url)) continue;
      const response = this.send(url);
      // A failure nobody takes is not an unhandled rejection (the search that takes it gets it).
      response.catch(() => undefined);
      this.started.set(url, { response, at: now });
      const next = search.followedBy;
      if (next) void response.then((answer) => this.follow(url, response, answer, next), () => undefined);
    }
  }

  /**
   * The answer of a search started early to `url`, once (undefined when there is none, or it is too
   * old); with `larger`, else that of the same search with a larger `_count`.
   */
  take(url: string, larger: boolean): Promise<Answer> | undefined {
    let key = url;
    const asked = larger && !this.started.has(url) ? withoutCount(url) : undefined;
    if (asked?.count) {
      for (const candidate of this.started.keys()) {
        const found = withoutCount(candidate);
        if (found.search === asked.search && found.count >= asked.count) key = candidate;
      }
    }
    const early = this.started.get(key);
    if (!early) return undefined;
    this.started.delete(key);
    return Date.now() - early.at <= EARLY_SEARCH_TTL_MS ? early.response : undefined;
  }

  /**
   * Starts the searches that follow an early search's answer, unless the element has taken that answer
   * already: its code has arrived, and it sends what follows itself.
   */
  private follow(url: string, response: Promise<Answer>, answer: Answer, next: NonNullable<EarlySearch['followedBy']>): void {
    const body = answer.body as Bundle | undefined;
    if (this.started.get(url)?.response !== response || body?.resourceType !== 'Bundle') return;
    try {
      this.start(next(body));
    } catch {
      // What cannot be worked out early is left to the element.
    }
  }
}
