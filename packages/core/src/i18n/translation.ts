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

  // appointment-booker
  bookVisit: string;
  yourAppointments: string;
  upcoming: string;
  past: string;
  visitType: string;
  chooseVisitType: string;
  clinician: string;
  anyClinician: string;
  place: string;
  anyPlace: string;
  chooseDay: string;
  chooseTime: string;
  previousMonth: string;
  nextMonth: string;
  openTimes: (count: number) => string;
  noOpenTimesThatDay: string;
  loadingTimes: string;
  morning: string;
  afternoon: string;
  evening: string;
  minutes: (count: number) => string;
  timesInZone: (zone: string) => string;
  yourTime: (time: string) => string;
  noOpenTimes: (until: string) => string;
  nextAvailable: (date: string) => string;
  showNextAvailable: string;
  noTimesAtAll: string;
  noOnlineBooking: string;
  joinWaitlist: string;
  waitlistExplained: string;
  waitlistJoined: string;
  reviewVisit: string;
  when: string;
  withWhom: string;
  where: string;
  reasonForVisit: string;
  reasonHint: string;
  confirmBooking: string;
  booking: string;
  changeTime: string;
  back: string;
  slotTaken: string;
  booked: string;
  bookedAnnouncement: (when: string) => string;
  whatToBring: string;
  addToCalendar: string;
  bookAnother: string;
  seeAppointments: string;
  noUpcoming: string;
  noPast: string;
  loadingAppointments: string;
  reschedule: string;
  rescheduling: (when: string) => string;
  rescheduled: string;
  cancelVisit: string;
  cancelReason: string;
  confirmCancel: string;
  keepVisit: string;
  cancelling: string;
  cancelled: string;
  cancelCutoff: (hours: number) => string;
  callToCancel: (phone: string) => string;
  statusBooked: string;
  statusCancelled: string;
  statusWaitlist: string;
  statusPending: string;
  statusFulfilled: string;
  statusNoShow: string;
  statusCheckedIn: string;
  waitlistPeriod: (from: string, to: string) => string;
  statusOther: string;
  showMore: string;
  /** Said politely once "Show more" added items: '10 more shown'. */
  moreShown: (count: number) => string;
  signInToBook: string;
  // appointment-booker: requests the clinic confirms, and booking by phone
  reviewRequest: string;
  requestExplained: string;
  requestTime: string;
  sendingRequest: string;
  requested: string;
  requestedExplained: string;
  requestedAnnouncement: (when: string) => string;
  requestsOnly: string;
  bookByPhone: string;
  withdrawRequest: string;
  confirmWithdraw: string;
  keepRequest: string;
  withdrawing: string;
  requestWithdrawn: string;
  bookingUnconfirmed: string;
  changeByPhone: string;
  callToChange: (phone: string) => string;
  visitReason: string;
  callToBook: (phone: string) => string;
  timeNotGiven: string;
  lengthNotGiven: string;
  moveVisitTo: (when: string) => string;
  moveVisit: string;
  moving: string;
  cancelledVisit: (visit: string) => string;

  // lab-results
  labResults: string;
  loadingResults: string;
  noResults: string;
  noResultsMatch: string;
  resultsNote: string;
  searchTests: string;
  fromDate: string;
  toDate: string;
  abnormalOnly: string;
  groupBy: string;
  byReport: string;
  byTest: string;
  newResult: string;
  statusPreliminary: string;
  statusFinal: string;
  statusAmended: string;
  statusCorrected: string;
  statusCancelledResult: string;
  orderedBy: (name: string) => string;
  performedBy: (name: string) => string;
  /** Said of a result that came without a lab report (e.g. a test done in clinic). */
  notInReport: string;
  collected: (when: string) => string;
  specimen: string;
  test: string;
  result: string;
  referenceRange: string;
  flag: string;
  flagHigh: string;
  flagLow: string;
  flagCriticalHigh: string;
  flagCriticalLow: string;
  flagAbnormal: string;
  flagNormal: string;
  outsideRange: (count: number) => string;
  /** A report's one flag summary: how many results are outside the range, and which ('2 results outside the range: LDL High, Triglyceride High'). */
  outsideRangeList: (count: number, list: string) => string;
  /** The group, in results by test, of results that belong to no panel. */
  otherTests: string;
  showTrend: (test: string) => string;
  /** The visible label of a trend button; `showTrend`, which must contain it, is the button's full name. */
  trend: string;
  /** A test or report the server names only by a code: the code is shown, but never alone. */
  unnamedTest: (code: string) => string;
  trendTitle: (test: string) => string;
  trendSummary: (count: number, first: string, last: string) => string;
  rangeLabel: (range: string) => string;
  timeRange: string;
  lastYear: string;
  lastFiveYears: string;
  allTime: string;
  /** A trend's span, in years: '5 years'. */
  trendSpan: (years: number) => string;
  /** The window a trend shows, ending at the latest result: '5 years to Mar 12, 2019'. */
  trendWindow: (span: string, end: string) => string;
  /** A trend showing every result: 'All results, May 2, 2011 to Mar 12, 2019'. */
  trendWindowAll: (first: string, last: string) => string;
  backToResults: string;
  downloadReport: string;
  /** Opens the booker from a report: 'Book a follow-up'. */
  bookFollowUp: string;
  /** The reason the booker is opened with: 'Follow-up on Lipid panel'. */
  followUpReason: (report: string) => string;
  conclusion: string;
  notes: string;
  loadMore: string;
  allLoaded: string;
  noDate: string;
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
