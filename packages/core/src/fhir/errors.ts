import type { OperationOutcome } from 'fhir/r4';

/** What went wrong, in terms an element can turn into a message a patient can read. */
export const FHIR_ERROR_KINDS = [
  'network', // the server could not be reached (offline, DNS, CORS, dropped connection)
  'unauthorized', // 401: the sign-in has expired or was revoked
  'forbidden', // 403: signed in, but not allowed to see or do this
  'not-found', // 404 / 410
  'conflict', // 409 / 412: someone else changed it first (e.g. a slot was just taken)
  'invalid', // 400 / 422: the server rejected what was sent
  'too-many-requests', // 429 after retries
  'unavailable', // 503 / 502 / 504 after retries
  'server', // other 5xx
  'aborted', // the caller cancelled the request
  'file-type', // a file to send is not of an allowed type, or its bytes are not what its type says
  'file-too-large', // a file to send is over the size limit
  'file-upload-unsupported', // a file too large to send inline, and the server takes no Binary
  'unknown',
] as const;
export type FhirErrorKind = (typeof FHIR_ERROR_KINDS)[number];

/** Maps an HTTP status to the kind of failure it means for a patient. */
export function errorKindForStatus(status: number): FhirErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 429) return 'too-many-requests';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 500) return 'server';
  return 'unknown';
}

/**
 * A failed FHIR interaction. `kind` drives the patient-facing message (see the localize catalogue's
 * `error.*` terms); `diagnostics` keeps the server's own words for the console and support staff.
 */
export class FhirError extends Error {
  override readonly name = 'FhirError';
  /** The HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly kind: FhirErrorKind;
  /** The OperationOutcome the server returned, when it returned one. */
  readonly outcome?: OperationOutcome;
  /** The request that failed, as "METHOD url" without the query string (no patient data in logs). */
  readonly request?: string;

  constructor(
    kind: FhirErrorKind,
    message: string,
    options: { status?: number; outcome?: OperationOutcome; request?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = options.status ?? 0;
    this.outcome = options.outcome;
    this.request = options.request;
  }

  /** The server's diagnostics joined, for the console. */
  get diagnostics(): string {
    return (this.outcome?.issue ?? [])
      .map((issue) => issue.diagnostics ?? issue.details?.text ?? issue.code)
      .filter(Boolean)
      .join('; ');
  }
}

/** True when `error` is a FhirError (also across bundle copies, by name). */
export function isFhirError(error: unknown): error is FhirError {
  return error instanceof FhirError || (error instanceof Error && error.name === 'FhirError' && 'kind' in error);
}
