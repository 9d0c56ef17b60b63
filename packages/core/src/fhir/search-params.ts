/** A FHIR search, as data: values are encoded by URLSearchParams, never concatenated into URLs. */
export type SearchValue = string | number | boolean | undefined | null;
export type SearchParams = Record<string, SearchValue | readonly SearchValue[]> | URLSearchParams;

/**
 * Turns search parameters into a query string. An array repeats the parameter (AND:
 * `date=ge2020&date=lt2021`); to OR values pass one comma-joined string. Empty values are dropped.
 */
export function toSearchParams(params: SearchParams | undefined): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined || one === null || one === '') continue;
      query.append(name, String(one));
    }
  }
  return query;
}

/** Builds `base/Type/id/...` from path segments, each encoded. */
export function fhirPath(baseUrl: string, ...segments: (string | undefined)[]): string {
  const base = baseUrl.replace(/\/+$/, '');
  const rest = segments.filter((s): s is string => !!s).map((s) => (s.startsWith('$') ? `$${encodeURIComponent(s.slice(1))}` : encodeURIComponent(s)));
  return [base, ...rest].join('/');
}
