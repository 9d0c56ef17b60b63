import type { FhirErrorKind } from '../fhir/errors.js';
import { isFhirError } from '../fhir/errors.js';
import type { TranslationTerm } from './translation.js';

/** The terms that explain a failure to a patient (plain strings, or a size limit's words: `errorFileTooLarge('10 MB')`). */
export type ErrorTerm = Extract<TranslationTerm, `error${string}`>;

/** The message term for each FhirError kind. */
export const FHIR_ERROR_TERMS: Readonly<Record<FhirErrorKind, ErrorTerm>> = {
  network: 'errorNetwork',
  unauthorized: 'errorUnauthorized',
  forbidden: 'errorForbidden',
  'not-found': 'errorNotFound',
  conflict: 'errorConflict',
  invalid: 'errorInvalid',
  'too-many-requests': 'errorTooManyRequests',
  unavailable: 'errorUnavailable',
  server: 'errorServer',
  aborted: 'errorAborted',
  'file-type': 'errorFileType',
  'file-too-large': 'errorFileTooLarge',
  'file-upload-unsupported': 'errorFileUploadUnsupported',
  unknown: 'errorUnknown',
};

/**
 * The kinds of configuration and sign-in failure with their own message. An error whose `kind` (or
 * OAuth-style `code` / `error`, where '_' counts as '-') is one of these gets that message:
 * `Object.assign(new Error('…'), { kind: 'config-no-server' })`, or an OAuth `access_denied` response.
 */
export const SESSION_ERROR_TERMS = {
  'config-no-server': 'errorConfigNoServer',
  'config-discovery': 'errorConfigDiscovery',
  'access-denied': 'errorAccessDenied',
  'state-mismatch': 'errorStateMismatch',
  'discovery-unreachable': 'errorDiscoveryUnreachable',
  'sign-in-library': 'errorSignInLibrary',
  'config-rejected': 'errorConfigRejected',
} as const satisfies Readonly<Record<string, ErrorTerm>>;
export type SessionErrorKind = keyof typeof SESSION_ERROR_TERMS;

/** The kinds of refused file download (see `DownloadError`) with their message. */
export const DOWNLOAD_ERROR_TERMS = {
  'download-refused': 'errorDownloadRefused',
} as const satisfies Readonly<Record<string, ErrorTerm>>;

const ERROR_TERMS: Readonly<Record<string, ErrorTerm>> = { ...FHIR_ERROR_TERMS, ...SESSION_ERROR_TERMS, ...DOWNLOAD_ERROR_TERMS };

function kindOf(error: object): string | undefined {
  for (const field of ['kind', 'code', 'error'] as const) {
    const value = (error as Record<string, unknown>)[field];
    if (typeof value === 'string') {
      const kind = value.trim().toLowerCase().replace(/_/g, '-');
      if (Object.hasOwn(ERROR_TERMS, kind)) return kind;
    }
  }
  return undefined;
}

/**
 * Chooses the message term for anything thrown: a FhirError by its kind; a session error by its
 * kind or OAuth code; an AbortError as aborted; a failed `fetch` (TypeError) as a network failure;
 * anything else as unknown. Never exposes the error's own text, which is for the console.
 */
export function errorTermFor(error: unknown): ErrorTerm {
  if (isFhirError(error)) return FHIR_ERROR_TERMS[error.kind] ?? 'errorUnknown';
  if (typeof error === 'object' && error !== null) {
    const kind = kindOf(error);
    if (kind) return ERROR_TERMS[kind] ?? 'errorUnknown';
    if ((error as { name?: unknown }).name === 'AbortError') return 'errorAborted';
    if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) return 'errorNetwork';
  }
  return 'errorUnknown';
}
