import type { Bundle } from '@medplum/fhirtypes';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

/**
 * Adds `self`, `first`, `previous` and `next` links to a searchset built by offset paging, and makes
 * every entry's fullUrl absolute.
 */
export function addPagingLinks(bundle: Bundle, requestUrl: URL, fhirBaseUrl: string): Bundle {
  const count = clamp(Number(requestUrl.searchParams.get('_count') ?? DEFAULT_PAGE_SIZE));
  const offset = Math.max(0, Number(requestUrl.searchParams.get('_offset') ?? 0) || 0);
  const matches = (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').length;
  const pageAt = (at: number) => {
    const url = new URL(requestUrl.href);
    url.searchParams.set('_count', String(count));
    url.searchParams.set('_offset', String(at));
    return url.href;
  };
  const link: NonNullable<Bundle['link']> = [{ relation: 'self', url: requestUrl.href }];
  if (offset > 0) {
    link.push({ relation: 'first', url: pageAt(0) });
    link.push({ relation: 'previous', url: pageAt(Math.max(0, offset - count)) });
  }
  const hasMore = bundle.total !== undefined ? offset + matches < bundle.total : matches >= count;
  if (hasMore && matches > 0) link.push({ relation: 'next', url: pageAt(offset + count) });
  for (const entry of bundle.entry ?? []) {
    if (entry.resource?.id) entry.fullUrl = `${fhirBaseUrl}/${entry.resource.resourceType}/${entry.resource.id}`;
  }
  return { ...bundle, link };
}

/** The page size a search gets: the asked `_count` within 1–1000 (0 is allowed: a count-only search), else 20. */
export function pageSize(value: string | null): number {
  return value === null ? DEFAULT_PAGE_SIZE : clamp(Number(value));
}

function clamp(count: number): number {
  if (!Number.isFinite(count) || count < 0) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.floor(count));
}
