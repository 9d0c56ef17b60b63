/**
 * Chains of dependent requests in one page load (see docs/benchmarks.md, "First view on a phone"):
 *
 * - scripts: a script's parent is the script (or the page) that imports it, statically (DevTools'
 *   `initiator.url`) or with `import()` (the innermost script on the initiator's call stack). A chain is the
 *   page, then each script requested only after its parent arrived. Only requests that went to the server
 *   count as links (a `304` counts; a file the HTTP cache answered does not).
 * - FHIR: a request is dependent on an earlier one when the page issued it only after that one's response
 *   had ended. A chain is a run of such requests, each issued after the one before it ended; a CORS preflight
 *   is a link of its own, in front of the request it was sent for.
 */
import type { TracedRequest } from './network-trace.js';

/** The request for the script (or page) that asked for `request`: the one importing it, or the innermost script on its call stack. */
function parentOf(requests: TracedRequest[], request: TracedRequest): TracedRequest | undefined {
  if (request.type === 'Document') return undefined;
  const parentUrl = request.initiatorUrl ?? request.stackUrls[0];
  return requests.filter((r) => r.url === parentUrl && r.issued <= request.issued && r !== request).at(-1);
}

/** Whether `request` is the script at `path` (a URL path) or was imported, directly or not, through it. */
export function importedThrough(requests: TracedRequest[], request: TracedRequest, path: string): boolean {
  const seen = new Set<TracedRequest>();
  for (let r: TracedRequest | undefined = request; r && !seen.has(r); r = parentOf(requests, r)) {
    seen.add(r);
    if (new URL(r.url).pathname === path) return true;
  }
  return false;
}

/** Links in the longest chain of scripts (and the page before them) that ends in one of `ends`. */
export function scriptChain(requests: TracedRequest[], ends: (request: TracedRequest) => boolean): number {
  const documentRequest = requests.find((r) => r.type === 'Document');
  const depth = new Map<TracedRequest, number>();
  const depthOf = (request: TracedRequest): number => {
    const known = depth.get(request);
    if (known !== undefined) return known;
    depth.set(request, 0); // a cycle (never expected) ends here
    const link = request.fromCache ? 0 : 1;
    const parent = request === documentRequest ? undefined : parentOf(requests, request);
    const value = link + (parent ? depthOf(parent) : 0);
    depth.set(request, value);
    return value;
  };
  return Math.max(0, ...requests.filter((r) => r.type === 'Script' && ends(r)).map(depthOf));
}

/**
 * Links in the longest chain of FHIR requests among `links` that ends in one of `ends`, with the CORS
 * preflights (`preflights`, by the id of the request each was sent for) counted as links of their own.
 */
export function fhirChain(links: TracedRequest[], ends: TracedRequest[], preflights: ReadonlyMap<string, TracedRequest>): number {
  const depth = new Map<TracedRequest, number>();
  const depthOf = (request: TracedRequest): number => {
    const known = depth.get(request);
    if (known !== undefined) return known;
    const before = links.filter((q) => q !== request && q.ended !== undefined && q.ended <= request.issued);
    const value = (preflights.has(request.id) ? 2 : 1) + Math.max(0, ...before.map(depthOf));
    depth.set(request, value);
    return value;
  };
  return Math.max(0, ...ends.map(depthOf));
}
