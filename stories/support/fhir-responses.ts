import type { Bundle, FhirResource, OperationOutcome } from 'fhir/r4';

/** Responses of the stories' stand-in FHIR server (`demo-fhir.ts`, `demo-scheduling.ts`). */

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** A FHIR JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': FHIR_JSON, ...headers } });
}

/** An OperationOutcome with one error issue. */
export function outcome(status: number, code: OperationOutcome['issue'][number]['code'], diagnostics: string, headers?: Record<string, string>): Response {
  const body: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
  return json(body, status, headers);
}

/**
 * A searchset page of `matches` with what `include` adds for the page, paged by `_count` (default
 * `defaultCount`, at most `maxCount`) and `_offset`, with `self` and `next` links and the total.
 */
export function searchset(
  url: URL,
  matches: readonly FhirResource[],
  include: (page: FhirResource[]) => readonly (FhirResource | undefined)[],
  options: { base: string; defaultCount: number; maxCount: number },
): Bundle {
  const count = Math.min(options.maxCount, Math.max(0, Number(url.searchParams.get('_count') ?? options.defaultCount) || 0));
  const offset = Math.max(0, Number(url.searchParams.get('_offset')) || 0);
  const page = matches.slice(offset, offset + count);
  const included = new Map<string, FhirResource>();
  for (const r of include(page)) if (r) included.set(`${r.resourceType}/${r.id}`, r);
  const link: Bundle['link'] = [{ relation: 'self', url: url.href }];
  if (count > 0 && offset + count < matches.length) {
    const next = new URL(url);
    next.searchParams.set('_count', String(count));
    next.searchParams.set('_offset', String(offset + count));
    link.push({ relation: 'next', url: next.href });
  }
  const fullUrl = (r: FhirResource) => `${options.base}/${r.resourceType}/${r.id}`;
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link,
    entry: [
      ...page.map((resource) => ({ fullUrl: fullUrl(resource), resource, search: { mode: 'match' as const } })),
      ...[...included.values()].map((resource) => ({ fullUrl: fullUrl(resource), resource, search: { mode: 'include' as const } })),
    ],
  };
}
