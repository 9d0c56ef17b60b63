import type { Translation } from '../translation.js';
import { plural } from '../plural.js';

const NOT_GIVEN_REASON = {
  IMMUNE: 'Already immune', MEDPREC: 'A medical reason', OSTOCK: 'Out of stock', PATOBJ: 'The patient declined', PHILISOP: 'A personal belief',
  RELIG: 'A religious belief', VACEFF: 'Doubts about how well it works', VACSAF: 'Doubts about its safety',
} as const;

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
  viewingRecordOf: (name) => `You are viewing ${name}'s record`,
  headingForPatient: (name) => `for ${name}`,
  switchPatient: 'Switch patient',
  choosePatient: 'Choose whose record to view',
  you: 'you',
  sessionExpired: 'Your session has ended.',
  signInAgain: 'Sign in again',
  keepWorkingNote: 'Your work on this page is kept.',
  idleHeading: 'Are you still there?',
  idleCountdown: (seconds) => `Signing out in ${seconds} s`,
  staySignedIn: 'Stay signed in',
  idleSignedOut: 'You were signed out because nothing happened on this page for a while. This keeps your information safe on a shared computer.',

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
  errorDiscoveryUnreachable: "We couldn't reach the hospital's sign-in service. Check your connection and try again.",
  errorSignInLibrary: 'Sign-in could not start because part of this page did not load. Reload the page and try again.',
  errorConfigRejected: "This portal's sign-in is not set up correctly, so the hospital's sign-in service can't accept it. Please let the hospital know.",

  errorDownloadRefused: "This file can't be downloaded here because of its format. Ask your care team for a copy.",
  errorFileType: "That file type can't be sent. Send a PDF or a photo.",
  errorFileTooLarge: (limit) => (limit ? `That file is larger than ${limit}.` : 'That file is too large to send.'),
  errorFileUploadUnsupported: (limit) => (limit ? `The clinic's system takes files up to ${limit} here. Send a smaller file.` : "The clinic's system can't take a file this large here. Send a smaller file."),
  showMore: 'Show more',
  moreShown: (count) => plural('en', count, { one: '# more shown', other: '# more shown' }),
  timeNotGiven: 'Time not given',
  when: 'When',
  notGivenReason: (reason) => NOT_GIVEN_REASON[reason],
};

export default en;
