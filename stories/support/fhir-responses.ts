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

/** A FHIR date comparison (`ge2025-01-01`, `lt…`; no prefix = the same day) against a dateTime or instant. */
export function dateMatches(value: string | undefined, query: string): boolean {
  if (!value) return false;
  const [, prefix = 'eq', text = ''] = /^(eq|ne|gt|lt|ge|le|sa|eb)?(.*)$/.exec(query) ?? [];
  const at = Date.parse(value);
  const wanted = Date.parse(text);
  if (Number.isNaN(wanted)) return true;
  // A date without a time means the whole day (UTC here).
  const end = /^\d{4}-\d{2}-\d{2}$/.test(text) ? wanted + 86_400_000 : wanted + 1;
  switch (prefix) {
    case 'gt':
    case 'sa':
      return at >= end;
    case 'ge':
      return at >= wanted;
    case 'lt':
    case 'eb':
      return at < wanted;
    case 'le':
      return at < end;
    case 'ne':
      return at < wanted || at >= end;
    default:
      return at >= wanted && at < end;
  }
}
