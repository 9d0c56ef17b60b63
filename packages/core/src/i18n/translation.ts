import type { NotGivenReason } from '../fhir/immunization-rows.js';

/**
 * The typed message catalogue every Portico element draws its words from. A term is either a plain
 * string or, when it takes arguments, a function returning one (plurals through `Intl.PluralRules`,
 * see `plural.ts`). Keys starting with `$` describe the catalogue itself.
 *
 * These are the terms every element shares. An element package brings its own terms (an interface,
 * English, and loaders for its other languages) and hands them to its `LocalizeController`
 * (`terms` option); TypeScript then checks every `localize.term(key, ...args)` call against both.
 */
export interface Translation {
  /** BCP 47 language code of the catalogue: 'en', 'es', 'es-MX'. */
  $code: string;
  /** The language's name in itself: 'English', 'Español'. */
  $name: string;
  /** Writing direction of the language. */
  $dir: 'ltr' | 'rtl';

  // Session and sign-in
  signIn: string;
  signInPrompt: string;
  signingIn: string;
  signOut: string;
  signedInAs: (name: string) => string;
  actingFor: (name: string) => string;
  /** The bar above the elements when the signed-in person is viewing someone else's record. */
  viewingRecordOf: (name: string) => string;
  /** After an element's main heading when the signed-in person is viewing someone else's record. */
  headingForPatient: (name: string) => string;
  switchPatient: string;
  choosePatient: string;
  you: string;
  sessionExpired: string;
  signInAgain: string;
  keepWorkingNote: string;
  /** The idle warning's heading. */
  idleHeading: string;
  idleCountdown: (seconds: number) => string;
  staySignedIn: string;
  /** Said on the sign-in prompt after the idle timeout signed the person out. */
  idleSignedOut: string;

  // Shared states
  loading: string;
  retry: string;
  empty: string;
  close: string;
  resultsCount: (count: number) => string;

  // Patient
  patient: string;
  dateOfBirth: string;
  age: (years: number) => string;
  medicalRecordNumber: string;

  // Failures of FHIR interactions, one per FhirError kind
  errorNetwork: string;
  errorUnauthorized: string;
  errorForbidden: string;
  errorNotFound: string;
  errorConflict: string;
  errorInvalid: string;
  errorTooManyRequests: string;
  errorUnavailable: string;
  errorServer: string;
  errorAborted: string;
  errorUnknown: string;

  // Failures of configuration and sign-in
  errorConfigNoServer: string;
  errorConfigDiscovery: string;
  errorAccessDenied: string;
  errorStateMismatch: string;
  errorDiscoveryUnreachable: string;
  errorSignInLibrary: string;
  errorConfigRejected: string;

  // A file the download helper will not hand over
  errorDownloadRefused: string;
  // A file the upload helper will not send (the limit in words: '10 MB'; absent when unknown)
  errorFileType: string;
  errorFileTooLarge: (limit?: string) => string;
  errorFileUploadUnsupported: (limit?: string) => string;
  showMore: string;
  /** Said politely once "Show more" added items: '10 more shown'. */
  moreShown: (count: number) => string;
  timeNotGiven: string;
  /** The heading of a date or time: 'When'. */
  when: string;
  /** Why a vaccine was not given, from its v3 ActReason code, when the record has no words for it. */
  notGivenReason: (reason: NotGivenReason) => string;
}

/** The keys of terms (everything but the `$` metadata). */
export type TranslationTerm = Exclude<keyof Translation, `$${string}`>;

/** The arguments a term takes: `[name: string]` for `signedInAs`, `[]` for plain strings. */
export type TermArguments<K extends TranslationTerm> = Translation[K] extends (...args: infer A) => string ? A : [];

/** A term's text: a string, or a function of its arguments returning one. */
export type Term = string | ((...args: never[]) => string);

/** The terms of core's catalogue and an element package's own (`Extra`, e.g. `LabResultsTerms`). */
export type TermKey<Extra extends object = object> = Exclude<keyof (Translation & Extra), `$${string}`>;

/** The arguments of a term of core's catalogue or of `Extra`. */
export type TermArgs<Extra extends object, K extends TermKey<Extra>> = (Translation & Extra)[K] extends (...args: infer A) => string ? A : [];

/**
 * A catalogue a host registers: a `$code` and any subset of terms (core's or an element package's). Missing terms fall back to the
 * catalogue of the base language ('es' for 'es-MX'), then to English.
 */
export type PartialTranslation = Partial<Translation> & Pick<Translation, '$code'>;
