/**
 * The typed message catalogue every Portico element draws its words from. A term is either a plain
 * string or, when it takes arguments, a function returning one (plurals through `Intl.PluralRules`,
 * see `plural.ts`). Keys starting with `$` describe the catalogue itself.
 *
 * Element packages add their terms here, with the English text in `locales/en.ts` and translations
 * in the other catalogues; TypeScript then checks every `localize.term(key, ...args)` call.
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
  switchPatient: string;
  choosePatient: string;
  you: string;
  sessionExpired: string;
  signInAgain: string;
  keepWorkingNote: string;

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
}

/** The keys of terms (everything but the `$` metadata). */
export type TranslationTerm = Exclude<keyof Translation, `$${string}`>;

/** The arguments a term takes: `[name: string]` for `signedInAs`, `[]` for plain strings. */
export type TermArguments<K extends TranslationTerm> = Translation[K] extends (...args: infer A) => string ? A : [];

/**
 * A catalogue a host registers: a `$code` and any subset of terms. Missing terms fall back to the
 * catalogue of the base language ('es' for 'es-MX'), then to English.
 */
export type PartialTranslation = Partial<Translation> & Pick<Translation, '$code'>;
