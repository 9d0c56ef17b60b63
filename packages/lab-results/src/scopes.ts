import type { EarlySearch, FirstSearches } from '@portico/core';
import { firstPageSize, firstViewOf } from './model/first-page.js';

/**
 * The SMART scopes `<lab-results>` needs: the reports, their results and orders, the documents and files
 * that print them, and who ordered them. Apart from the element, so a page that loads the element later
 * (portico.js) can still ask for them at sign-in.
 */
export const LAB_RESULTS_SCOPES = [
  'patient/DiagnosticReport.rs',
  'patient/Observation.rs',
  'patient/ServiceRequest.rs',
  'patient/DocumentReference.rs',
  'patient/Binary.r',
  'patient/Practitioner.rs',
  'patient/PractitionerRole.rs',
] as const;

/** The report categories hosts name, mapped to the codes servers use on DiagnosticReport (v2-0074). */
export const REPORT_CATEGORIES = { laboratory: 'LAB', radiology: 'RAD', pathology: 'PAT', imaging: 'IMG' } as const;
export type ReportCategory = keyof typeof REPORT_CATEGORIES;

/** The category token for DiagnosticReport searches. */
export function reportCategoryToken(category: string | undefined): string {
  const name = (category ?? 'laboratory').trim();
  return REPORT_CATEGORIES[name as ReportCategory] ?? name;
}

/** What one page of reports is searched by. */
export interface ReportPageQuery {
  patientId: string;
  /** `laboratory` (default) or another category name, or a raw token such as `LAB`. */
  category?: string;
  /** Only reports on or after this date (FHIR date). */
  since?: string;
  /** Only reports on or before this date (FHIR date). */
  until?: string;
  pageSize?: number;
  /** Also ask for the documents that point at each report (its PDF as a DocumentReference). Default true. */
  documents?: boolean;
  /** Also the orders, their requesters and the documents (false: a server that refused them). */
  extras?: boolean;
}

/**
 * One page of reports, newest first, with their results, orders and printed forms:
 * `DiagnosticReport?patient=…&category=LAB&_include=DiagnosticReport:result&_include=DiagnosticReport:based-on
 * &_include:iterate=Observation:has-member&_include:iterate=ServiceRequest:requester&_revinclude=DocumentReference:related&_sort=-date&_count=…`.
 */
export function reportPageSearch(query: ReportPageQuery) {
  const extras = query.extras !== false;
  return {
    resourceType: 'DiagnosticReport',
    params: {
      patient: `Patient/${query.patientId}`,
      category: reportCategoryToken(query.category),
      _include: ['DiagnosticReport:result', extras ? 'DiagnosticReport:based-on' : undefined],
      // Panel members and the ordering clinician in the same request where the server follows them;
      // members it leaves out are read in batches.
      '_include:iterate': ['Observation:has-member', extras ? 'ServiceRequest:requester' : undefined],
      _revinclude: extras && query.documents !== false ? 'DocumentReference:related' : undefined,
      _sort: '-date',
      _count: String(query.pageSize ?? 20),
      date: [query.since ? `ge${query.since}` : undefined, query.until ? `le${query.until}` : undefined],
    },
  } as const satisfies EarlySearch;
}

/**
 * What `<lab-results>` searches for first, for the session to send while its code loads: its first page
 * of reports, sized to the screen from where the element stands now. Undrawn, it stands no lower than
 * its list will, and is counted in wide rows (the most to a screen), so the page is never smaller than
 * the one the drawn element asks for, and answers it (`takesLargerEarlyPage`).
 */
export const LAB_RESULTS_FIRST_SEARCHES: FirstSearches = (element, patientId) => {
  const pageSize = Number(element.getAttribute('page-size')) || 20;
  const view = { ...firstViewOf(element as HTMLElement, element, pageSize), width: 0 };
  return [
    reportPageSearch({
      patientId,
      category: element.getAttribute('category') ?? undefined,
      since: element.getAttribute('since') || undefined,
      pageSize: firstPageSize(view),
      documents: !element.hasAttribute('no-pdf'),
    }),
  ];
};
