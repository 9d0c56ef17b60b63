import { referenceId } from '@portico/core';
import { effectiveTime } from '@portico/lab-results';
import type { Binary, Bundle, DiagnosticReport, DocumentReference, FhirResource, Observation, ServiceRequest } from 'fhir/r4';
import { buildLabRecord, type LabRecord, type LabRecordOptions } from './demo-lab-record.js';
import { dateMatches, json, outcome, searchset as pagedSearchset } from './fhir-responses.js';

/**
 * The lab part of the stories' stand-in FHIR server (`demo-fhir.ts` routes to it), over the records of
 * `demo-lab-record.ts`, made for each patient on the first request about them. Read-only.
 *
 * It answers what `<lab-results>` asks:
 * - `GET DiagnosticReport?patient=…&category=LAB&date=ge…&date=le…&_sort=-date&_count=…` with
 *   `_include=DiagnosticReport:result` and `_include:iterate=Observation:has-member` (panel members,
 *   followed down), `_include=DiagnosticReport:based-on` (the orders, ServiceRequests) and
 *   `_revinclude=DocumentReference:related` (the documents that point at the reports, superseded ones
 *   too): the matches and what they bring in one searchset with `total` and a `next` link.
 *   `_include:iterate=ServiceRequest:requester` is not followed: the Practitioners are the scheduling
 *   server's, and every order names its requester in `requester.display`;
 * - the `next` links it hands out (the same search with `_offset`);
 * - `GET Observation?_id=a,b,…` (the batches a client reads when the server did not include results),
 *   `GET Observation?patient=…&code=system|code&date=…&_sort=date&_count=…` (a trend, paged),
 *   `GET Observation?patient=…&category=laboratory&date=gt…&date=le…&_sort=-date&_count=…` (the results
 *   of a window of dates, among them those that belong to no report; `date` takes every prefix);
 * - `GET ServiceRequest?…` and `GET DocumentReference?…` by `patient`, `_id` and `status`;
 * - reads of DiagnosticReport, Observation, ServiceRequest, DocumentReference and Binary;
 *   `GET Binary/{id}` with `Accept: application/pdf` answers the PDF itself, with
 *   `Accept: application/fhir+json` a Binary resource.
 *
 * Like many servers it caps `_count` ({@link DemoLabOptions.maxPageSize}). Unknown parameters are
 * ignored, as lenient servers do.
 */

export interface DemoLabOptions extends LabRecordOptions {
  /** Follow `_include:iterate=Observation:has-member` (default true). False plays a server that includes only the reports' own results, so panel members are read in `_id` batches. */
  includeMembers?: boolean;
  /** The largest page the server hands out, whatever `_count` asks (default 50). */
  maxPageSize?: number;
}

const LAB_TYPES = ['DiagnosticReport', 'Observation', 'ServiceRequest', 'DocumentReference', 'Binary'] as const;
type LabType = (typeof LAB_TYPES)[number];
/** The types served as FHIR resources (a Binary is served as its bytes too). */
type LabResourceType = Exclude<LabType, 'Binary'>;

/** Is this request (a path relative to the FHIR base) one for the lab server? */
export function isLabPath(path: string): boolean {
  return (LAB_TYPES as readonly string[]).includes(path.split('/')[0] ?? '');
}

export interface DemoLabs {
  /** Answers a lab request (`path` is relative to the FHIR base), or resolves undefined when it is not one. */
  handle(request: Request, url: URL, path: string): Promise<Response | undefined>;
}


/** The patient id a `patient`/`subject` value names (`Patient/x`, an absolute URL, or a bare id). */
function patientIdOf(value: string): string {
  return referenceId(value, 'Patient') ?? value;
}


/** Does a CodeableConcept list match a token search (`system|code`, `code`, `|code`, comma = or)? */
function tokenMatches(concepts: { coding?: { system?: string; code?: string }[] }[] | undefined, value: string): boolean {
  return value.split(',').some((token) => {
    const [system, code] = token.includes('|') ? token.split('|') : [undefined, token];
    return (concepts ?? []).some((c) => (c.coding ?? []).some((coding) => coding.code === code && (system === undefined || system === '' || coding.system === system)));
  });
}


/** A record's resources of one type. */
function resourcesOf(record: LabRecord, type: LabResourceType): FhirResource[] {
  switch (type) {
    case 'DiagnosticReport':
      return record.reports;
    case 'Observation':
      return [...record.observations.values()];
    case 'ServiceRequest':
      return [...record.serviceRequests.values()];
    case 'DocumentReference':
      return [...record.documentReferences.values()];
  }
}

/** A lab server over records made per patient (same options for all of them). */
export function createDemoLabs(base: string, options: DemoLabOptions = {}): DemoLabs {
  const records = new Map<string, LabRecord>();
  const maxPageSize = options.maxPageSize ?? 50;
  const includeMembers = options.includeMembers ?? true;

  const recordOf = (patientId: string): LabRecord => {
    let record = records.get(patientId);
    if (!record) {
      record = buildLabRecord(patientId, options);
      records.set(patientId, record);
    }
    return record;
  };
  /** The records the search names (`patient`/`subject`), else every record made so far (`_id` searches). */
  const recordsFor = (params: URLSearchParams): LabRecord[] => {
    const named = params.get('patient') ?? params.get('subject');
    return named ? named.split(',').map((value) => recordOf(patientIdOf(value))) : [...records.values()];
  };
  const observationById = (id: string): Observation | undefined => [...records.values()].map((r) => r.observations.get(id)).find(Boolean);
  const serviceRequestById = (id: string): ServiceRequest | undefined => [...records.values()].map((r) => r.serviceRequests.get(id)).find(Boolean);

  const searchset = (url: URL, matches: FhirResource[], include: (page: FhirResource[]) => (FhirResource | undefined)[]): Bundle =>
    pagedSearchset(url, matches, include, { base, defaultCount: 20, maxCount: maxPageSize });

  function sortByDate<T extends DiagnosticReport | Observation>(list: T[], sort: string | null): T[] {
    if (sort !== 'date' && sort !== '-date') return list;
    const at = (r: T) => Date.parse(effectiveTime(r) ?? '') || 0;
    // Stable, so resources of the same moment keep the record's order.
    return list.map((r, i) => ({ r, i })).sort((a, b) => (sort === 'date' ? at(a.r) - at(b.r) : at(b.r) - at(a.r)) || a.i - b.i).map((x) => x.r);
  }

  /** `Observation:has-member` followed from `start` (iterate: all the way down), without repeats. */
  function members(start: Observation[], iterate: boolean): Observation[] {
    const found = new Map<string, Observation>();
    let level = start;
    while (level.length) {
      const next: Observation[] = [];
      for (const observation of level) {
        for (const ref of observation.hasMember ?? []) {
          const id = referenceId(ref, 'Observation');
          const member = id ? observationById(id) : undefined;
          if (member?.id && !found.has(member.id)) {
            found.set(member.id, member);
            next.push(member);
          }
        }
      }
      level = iterate ? next : [];
    }
    return [...found.values()];
  }

  function searchReports(url: URL): Bundle {
    const params = url.searchParams;
    const searched = recordsFor(params);
    let reports = searched.flatMap((r) => r.reports);
    for (const [name, value] of params) {
      if (name === '_id') reports = reports.filter((r) => value.split(',').includes(r.id!));
      else if (name === 'category') reports = reports.filter((r) => tokenMatches(r.category, value));
      else if (name === 'code') reports = reports.filter((r) => tokenMatches([r.code], value));
      else if (name === 'status') reports = reports.filter((r) => value.split(',').includes(r.status));
      else if (name === 'date') reports = reports.filter((r) => dateMatches(effectiveTime(r), value));
    }
    reports = sortByDate(reports, params.get('_sort'));
    const includes = params.getAll('_include');
    const iterate = params.getAll('_include:iterate');
    const revincludes = params.getAll('_revinclude');
    return searchset(url, reports, (page) => {
      const pageReports = page as DiagnosticReport[];
      const included: (FhirResource | undefined)[] = [];
      if (includes.includes('DiagnosticReport:result')) {
        const results = pageReports.flatMap((r) => (r.result ?? []).map((ref) => observationById(referenceId(ref, 'Observation') ?? ''))).filter((o): o is Observation => !!o);
        const follow = includeMembers && (iterate.includes('Observation:has-member') || includes.includes('Observation:has-member'));
        included.push(...results, ...(follow ? members(results, iterate.includes('Observation:has-member')) : []));
      }
      if (includes.includes('DiagnosticReport:based-on')) {
        included.push(...pageReports.flatMap((r) => (r.basedOn ?? []).map((ref) => serviceRequestById(referenceId(ref, 'ServiceRequest') ?? ''))));
      }
      if (revincludes.includes('DocumentReference:related')) {
        const ids = new Set(pageReports.map((r) => r.id));
        const documents = searched.flatMap((r) => [...r.documentReferences.values()]);
        included.push(...documents.filter((d) => d.context?.related?.some((ref) => ids.has(referenceId(ref, 'DiagnosticReport')))));
      }
      return included;
    });
  }

  function searchObservations(url: URL): Bundle {
    const params = url.searchParams;
    let observations = recordsFor(params).flatMap((r) => [...r.observations.values()]);
    for (const [name, value] of params) {
      if (name === '_id') observations = observations.filter((o) => value.split(',').includes(o.id!));
      else if (name === 'code') observations = observations.filter((o) => tokenMatches([o.code], value));
      else if (name === 'category') observations = observations.filter((o) => tokenMatches(o.category, value));
      else if (name === 'status') observations = observations.filter((o) => value.split(',').includes(o.status));
      else if (name === 'date') observations = observations.filter((o) => dateMatches(effectiveTime(o), value));
    }
    observations = sortByDate(observations, params.get('_sort'));
    const include = params.getAll('_include').includes('Observation:has-member');
    return searchset(url, observations, (page) => (include ? members(page as Observation[], false) : []));
  }

  /** Orders and documents, by the few parameters anyone asks them by (`patient` is `recordsFor`'s). */
  function searchOrdersOrDocuments(url: URL, type: 'ServiceRequest' | 'DocumentReference'): Bundle {
    const params = url.searchParams;
    let matches = recordsFor(params).flatMap((r) => resourcesOf(r, type) as (ServiceRequest | DocumentReference)[]);
    for (const [name, value] of params) {
      if (name === '_id') matches = matches.filter((r) => value.split(',').includes(r.id!));
      else if (name === 'status') matches = matches.filter((r) => value.split(',').includes(r.status));
    }
    return searchset(url, matches, () => []);
  }

  function readBinary(request: Request, id: string): Response {
    const binary = [...records.values()].map((r) => r.binaries.get(id)).find(Boolean);
    if (!binary) return outcome(404, 'not-found', `Binary/${id} is not known.`);
    const accept = request.headers.get('Accept') ?? '';
    if (/fhir\+json|application\/json/.test(accept)) {
      const resource: Binary = { resourceType: 'Binary', id, contentType: binary.contentType, data: btoa(String.fromCharCode(...binary.bytes)) };
      return json(resource);
    }
    return new Response(binary.bytes, { headers: { 'Content-Type': binary.contentType, 'Content-Length': String(binary.bytes.length) } });
  }

  function read(type: LabResourceType, id: string): Response {
    const resource = type === 'Observation' ? observationById(id) : [...records.values()].flatMap((r) => resourcesOf(r, type)).find((r) => r.id === id);
    return resource ? json(resource, 200, { ETag: `W/"${resource.meta?.versionId ?? '1'}"` }) : outcome(404, 'not-found', `${type}/${id} is not known.`);
  }

  return {
    async handle(request, url, path) {
      const [type, id, ...rest] = path.split('/');
      if (!type || !isLabPath(type) || rest.length) return undefined;
      if (request.method !== 'GET') return outcome(405, 'not-supported', `The demo lab server is read-only (${request.method} ${path}).`);
      if (id === undefined) {
        if (type === 'DiagnosticReport') return json(searchReports(url));
        if (type === 'Observation') return json(searchObservations(url));
        if (type === 'ServiceRequest' || type === 'DocumentReference') return json(searchOrdersOrDocuments(url, type));
        return outcome(400, 'not-supported', 'The demo server does not search Binary.');
      }
      if (type === 'Binary') return readBinary(request, id);
      return read(type as LabResourceType, id);
    },
  };
}
