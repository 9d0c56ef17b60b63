import type { Translation } from '../translation.js';
import { plural } from '../plural.js';

/** English, the default catalogue: bundled with the library and the fallback for every missing term. */
const en: Translation = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',

  signIn: 'Sign in',
  signInPrompt: 'Sign in to see your health information.',
  signingIn: 'Signing you in…',
  signOut: 'Sign out',
  signedInAs: (name) => `Signed in as ${name}`,
  actingFor: (name) => `Viewing the record of ${name}`,
  switchPatient: 'Switch patient',
  choosePatient: 'Choose whose record to view',
  you: 'you',
  sessionExpired: 'Your session has ended.',
  signInAgain: 'Sign in again',
  keepWorkingNote: 'Your work on this page is kept.',

  loading: 'Loading…',
  retry: 'Try again',
  empty: 'Nothing to show yet.',
  close: 'Close',
  resultsCount: (count) =>
    count === 0 ? 'No results' : plural('en', count, { one: '# result', other: '# results' }),

  patient: 'Patient',
  dateOfBirth: 'Date of birth',
  age: (years) => plural('en', years, { one: '# year old', other: '# years old' }),
  medicalRecordNumber: 'MRN',

  errorNetwork: "We couldn't reach the server. Check your connection and try again.",
  errorUnauthorized: 'Your session has ended. Please sign in again.',
  errorForbidden: "You don't have access to this information.",
  errorNotFound: "We couldn't find this information. It may have been moved or removed.",
  errorConflict: 'Someone else changed this at the same time. Refresh and try again.',
  errorInvalid: "The server couldn't accept this request. Check the details and try again.",
  errorTooManyRequests: 'Too many requests at once. Please wait a moment and try again.',
  errorUnavailable: 'The service is busy or down for maintenance. Please try again in a few minutes.',
  errorServer: 'Something went wrong on our side. Please try again later.',
  errorAborted: 'The request was stopped before it finished.',
  errorUnknown: 'Something went wrong. Please try again.',

  errorConfigNoServer: 'This portal is not set up: no FHIR server address was given.',
  errorConfigDiscovery: "The hospital's sign-in service could not be found.",
  errorAccessDenied: 'Sign-in was cancelled or access was not allowed.',
  errorStateMismatch: 'This sign-in link is not valid or has expired. Please sign in again.',
};

export default en;
