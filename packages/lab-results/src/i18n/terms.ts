import type { LocalizeController, TermPack } from '@portico/core';
import en from './en.js';

/** The words <lab-results> adds to core's catalogue (shared terms such as "Try again" stay in core). */
export interface LabResultsTerms {

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
  loadMore: string;
  allLoaded: string;
  noDate: string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const LAB_RESULTS_TERMS: TermPack<LabResultsTerms> = {
  en,
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type LabLocalize = LocalizeController<LabResultsTerms>;
