import type { Appointment, AppointmentParticipant, Bundle, BundleEntry, CapabilityStatementRestResource, FhirResource, Parameters, Reference, Schedule, Slot } from 'fhir/r4';
import { PATIENT_IDS } from './data.js';
import { buildClinic, instructionFor, tokenMatches, type DemoClinicOptions } from './demo-clinic.js';
import { dateMatches, json, outcome, searchset as pagedSearchset } from './fhir-responses.js';

/**
 * The scheduling part of the stories' stand-in FHIR server (`demo-fhir.ts` routes to it), over the
 * clinic of `demo-clinic.ts`. It keeps what a story does to it: a booked time turns busy and the visit
 * shows up in the patient's list, until the next story.
 *
 * It answers what `<appointment-booker>` asks:
 * - `GET Schedule?active=true&_include=Schedule:actor`;
 * - `GET Slot?status=free&start=ge…&start=lt…&service-type=…&schedule.actor=…&_sort=start&_count=…`
 *   with `_include=Slot:schedule` and `_include:iterate=Schedule:actor`;
 * - `GET Appointment?patient=…&date=…&status=…&identifier=…&_sort=(-)date&_include=Appointment:actor`;
 * - reads of Schedule, Slot, Appointment, Practitioner and Location (with ETags);
 * - `POST /` transactions of conditional creates (`ifNoneExist`) and `PUT`s guarded by `ifMatch`
 *   (a stale version is a 412, all or nothing), `POST Appointment` with `If-None-Exist` (a booking
 *   request or a waitlist entry), and `PUT Appointment/id` with `If-Match` (a cancel or a withdrawn
 *   request). Slots are written only inside a transaction, as the embedded server allows patients;
 * - `Appointment/$find` and `Appointment/$book` (Argonaut style: `$book` answers a searchset Bundle
 *   with the booked Appointment as its match, as the embedded server does). They are not listed in
 *   the CapabilityStatement, so `scheduling-path="auto"` uses Slot search; `operations` pins them.
 *
 * Search results are paged by `_count` (the `next` link carries `_offset`); unknown parameters are
 * ignored, as lenient servers do.
 */

export interface DemoSchedulingOptions extends DemoClinicOptions {
  /** The first booking finds its time just taken by someone else (the Slot changed: 412, or 409 for `$book`). */
  takeFirstBooking?: boolean;
  /** The patient `$find` proposes for and `$book` books for when the Appointment names none (the token's patient on a real server). */
  patientInContext?: string;
}

// ---------------------------------------------------------------------------------------------------
// Search

const SCHEDULING_TYPES = ['Appointment', 'Location', 'Practitioner', 'Schedule', 'Slot'] as const;
type SchedulingType = (typeof SCHEDULING_TYPES)[number];

/** What the CapabilityStatement says about the scheduling resources (`demo-fhir.ts` lists it). */
export const SCHEDULING_CAPABILITIES: CapabilityStatementRestResource[] = [
  {
    type: 'Appointment',
    interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
    conditionalCreate: true,
    searchInclude: ['Appointment:actor'],
    searchParam: ['patient', 'actor', 'date', 'status', 'identifier'].map((name) => ({ name, type: name === 'date' ? 'date' : name === 'status' || name === 'identifier' ? 'token' : 'reference' })),
  },
  { type: 'Location', interaction: [{ code: 'read' }, { code: 'search-type' }] },
  { type: 'Practitioner', interaction: [{ code: 'read' }, { code: 'search-type' }] },
  {
    type: 'Schedule',
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchInclude: ['Schedule:actor'],
    searchParam: [
      { name: 'active', type: 'token' },
      { name: 'actor', type: 'reference' },
      { name: 'service-type', type: 'token' },
    ],
  },
  {
    type: 'Slot',
    interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'update' }],
    searchInclude: ['Slot:schedule', 'Schedule:actor'],
    searchParam: [
      { name: 'status', type: 'token' },
      { name: 'start', type: 'date' },
      { name: 'service-type', type: 'token' },
      { name: 'schedule', type: 'reference' },
    ],
  },
];

function isSchedulingType(type: string): type is SchedulingType {
  return (SCHEDULING_TYPES as readonly string[]).includes(type);
}

/** Is this request (a path relative to the FHIR base) one for the scheduling server: a transaction, or a scheduling resource type? */
export function isSchedulingPath(path: string): boolean {
  const type = path.split('/')[0] ?? '';
  return path === '' || isSchedulingType(type);
}

function refKey(ref: Reference | undefined): string | undefined {
  return /([A-Z][A-Za-z]+\/[^/]+)$/.exec(ref?.reference ?? '')?.[1];
}

/** Does `ref` point at one of `values` (`Type/id`, or a bare id of `type`)? */
function refersTo(ref: Reference | undefined, values: string, type?: string): boolean {
  const key = refKey(ref);
  return !!key && values.split(',').some((value) => key === (value.includes('/') ? (refKey({ reference: value }) ?? value) : `${type}/${value}`));
}

function identifierMatches(resource: FhirResource, token: string): boolean {
  const identifiers = (resource as { identifier?: { system?: string; value?: string }[] }).identifier ?? [];
  const [system, value] = token.includes('|') ? token.split('|') : [undefined, token];
  return identifiers.some((i) => i.value === value && (system === undefined || system === '' || i.system === system));
}


// ---------------------------------------------------------------------------------------------------
// The server

export interface DemoScheduling {
  /** Answers a scheduling request (`path` is relative to the FHIR base), or resolves undefined when it is not one. */
  handle(request: Request, url: URL, path: string): Promise<Response | undefined>;
}

class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: 'invalid' | 'not-found' | 'conflict' | 'not-supported' | 'required',
    message: string,
  ) {
    super(message);
  }
}

const TAKEN = 'That time was just taken.';

/** A scheduling server over a clinic generated for today, keeping what the story does to it. */
export function createDemoScheduling(base: string, options: DemoSchedulingOptions = {}): DemoScheduling {
  const clinic = buildClinic(options, new Date());
  const patientInContext = options.patientInContext ?? PATIENT_IDS.elena;
  let takeNextBooking = !!options.takeFirstBooking;
  let created = 0;

  const fullUrl = (r: FhirResource) => `${base}/${r.resourceType}/${r.id}`;
  const store = (type: SchedulingType): Map<string, FhirResource> =>
    ({ Appointment: clinic.appointments, Location: clinic.locations, Practitioner: clinic.practitioners, Schedule: clinic.schedules, Slot: clinic.slots })[type];
  const lookup = (ref: Reference | undefined): FhirResource | undefined => {
    const [type, id] = refKey(ref)?.split('/') ?? [];
    return type && id && isSchedulingType(type) ? store(type).get(id) : undefined;
  };
  const etag = (r: FhirResource) => `W/"${r.meta?.versionId ?? '1'}"`;
  const written = (r: FhirResource, status: 200 | 201) => json(r, status, { ETag: etag(r), ...(status === 201 ? { Location: `${fullUrl(r)}/_history/${r.meta?.versionId ?? '1'}` } : {}) });

  function stamp<T extends FhirResource>(resource: T, version: number): T {
    return { ...resource, meta: { ...resource.meta, versionId: String(version), lastUpdated: new Date().toISOString() } };
  }

  /** Someone else books the slot first (the story's "just taken" switch). */
  function takeBySomeoneElse(slotId: string | undefined): void {
    const slot = slotId ? clinic.slots.get(slotId) : undefined;
    if (!takeNextBooking || !slot) return;
    takeNextBooking = false;
    clinic.slots.set(slot.id!, stamp({ ...slot, status: 'busy' }, Number(slot.meta?.versionId ?? '1') + 1));
  }

  function newAppointment(appointment: Appointment): Appointment {
    const instruction = appointment.status === 'booked' ? instructionFor(appointment) : undefined;
    const stored = stamp({ ...appointment, id: `booked-${++created}-${Date.now().toString(36)}`, ...(instruction && !appointment.patientInstruction ? { patientInstruction: instruction } : {}) }, 1);
    clinic.appointments.set(stored.id!, stored);
    return stored;
  }

  function findByIdentifier(search: string | null | undefined): Appointment | undefined {
    const token = new URLSearchParams(search ?? '').get('identifier');
    return token ? [...clinic.appointments.values()].find((a) => identifierMatches(a, token)) : undefined;
  }

  const searchset = (url: URL, matches: FhirResource[], include: (page: FhirResource[]) => (FhirResource | undefined)[]): Bundle =>
    pagedSearchset(url, matches, include, { base, defaultCount: 50, maxCount: 1000 });

  const actorsOf = (schedules: (Schedule | undefined)[]) => schedules.flatMap((s) => (s?.actor ?? []).map(lookup));
  const scheduleOf = (slot: Slot) => lookup(slot.schedule) as Schedule | undefined;

  function searchSlots(url: URL): Bundle {
    const params = url.searchParams;
    let slots = [...clinic.slots.values()];
    for (const [name, value] of params) {
      if (name === 'status') slots = slots.filter((s) => value.split(',').includes(s.status));
      else if (name === 'start') slots = slots.filter((s) => dateMatches(s.start, value));
      else if (name === 'service-type') slots = slots.filter((s) => value.split(',').some((token) => (s.serviceType ?? []).some((c) => tokenMatches(c, token))));
      else if (name === 'schedule') slots = slots.filter((s) => refersTo(s.schedule, value, 'Schedule'));
      else if (name === 'schedule.actor') slots = slots.filter((s) => (scheduleOf(s)?.actor ?? []).some((a) => refersTo(a, value)));
      else if (name === '_id') slots = slots.filter((s) => value.split(',').includes(s.id!));
    }
    if (params.get('_sort') === '-start') slots.reverse();
    const includes = params.getAll('_include');
    const iterate = params.getAll('_include:iterate');
    return searchset(url, slots, (page) => {
      const schedules = includes.includes('Slot:schedule') ? (page as Slot[]).map(scheduleOf) : [];
      return [...schedules, ...(iterate.includes('Schedule:actor') || includes.includes('Schedule:actor') ? actorsOf(schedules) : [])];
    });
  }

  function searchSchedules(url: URL): Bundle {
    let schedules = [...clinic.schedules.values()];
    for (const [name, value] of url.searchParams) {
      if (name === 'active') schedules = schedules.filter((s) => String(s.active ?? true) === value);
      else if (name === 'actor') schedules = schedules.filter((s) => (s.actor ?? []).some((a) => refersTo(a, value)));
      else if (name === 'service-type') schedules = schedules.filter((s) => value.split(',').some((token) => (s.serviceType ?? []).some((c) => tokenMatches(c, token))));
      else if (name === '_id') schedules = schedules.filter((s) => value.split(',').includes(s.id!));
    }
    const include = url.searchParams.getAll('_include').includes('Schedule:actor');
    return searchset(url, schedules, (page) => (include ? actorsOf(page as Schedule[]) : []));
  }

  function searchAppointments(url: URL): Bundle {
    const params = url.searchParams;
    let appointments = [...clinic.appointments.values()];
    const actors = (a: Appointment) => (a.participant ?? []).map((p) => p.actor);
    for (const [name, value] of params) {
      if (name === 'patient') appointments = appointments.filter((a) => actors(a).some((ref) => refersTo(ref, value, 'Patient')));
      else if (name === 'actor') appointments = appointments.filter((a) => actors(a).some((ref) => refersTo(ref, value)));
      else if (name === 'date') appointments = appointments.filter((a) => dateMatches(a.start, value));
      else if (name === 'status') appointments = appointments.filter((a) => value.split(',').includes(a.status));
      else if (name === 'identifier') appointments = appointments.filter((a) => identifierMatches(a, value));
      else if (name === '_id') appointments = appointments.filter((a) => value.split(',').includes(a.id!));
    }
    const sort = params.get('_sort');
    if (sort === 'date' || sort === '-date') {
      const at = (a: Appointment) => Date.parse(a.start ?? '') || 0;
      appointments.sort((a, b) => (sort === 'date' ? at(a) - at(b) : at(b) - at(a)));
    }
    const include = params.getAll('_include').some((i) => /^Appointment:(actor|practitioner|location)$/.test(i));
    return searchset(url, appointments, (page) => (include ? (page as Appointment[]).flatMap((a) => actors(a).map(lookup)) : []));
  }

  function searchOthers(url: URL, type: 'Practitioner' | 'Location'): Bundle {
    const ids = url.searchParams.get('_id')?.split(',');
    return searchset(url, [...store(type).values()].filter((r) => !ids || ids.includes(r.id!)), () => []);
  }

  /** `Appointment/$find`: a proposed Appointment per free Slot, with the Slots, clinicians and places included. */
  function find(url: URL): Bundle {
    const params = url.searchParams;
    const start = Date.parse(params.get('start') ?? '');
    if (Number.isNaN(start)) throw new Problem(400, 'required', 'The start parameter is required.');
    const end = Date.parse(params.get('end') ?? '') || start + 7 * 86_400_000;
    const count = Math.min(500, Math.max(0, Number(params.get('_count') ?? 50) || 0));
    const types = params.getAll('service-type').flatMap((v) => v.split(','));
    const practitionerRef = params.get('practitioner');
    const locationRef = params.get('location');
    const patient = params.get('patient')?.replace(/^.*Patient\//, '') || patientInContext;
    const slots = [...clinic.slots.values()].filter((slot) => {
      const at = Date.parse(slot.start);
      if (slot.status !== 'free' || at < start || at >= end) return false;
      if (types.length && !types.some((t) => (slot.serviceType ?? []).some((c) => tokenMatches(c, t)))) return false;
      const actors = scheduleOf(slot)?.actor ?? [];
      return (!practitionerRef || actors.some((a) => refersTo(a, practitionerRef, 'Practitioner'))) && (!locationRef || actors.some((a) => refersTo(a, locationRef, 'Location')));
    });
    const page = slots.slice(0, count);
    const entry: BundleEntry[] = page.map((slot) => {
      const actors = scheduleOf(slot)?.actor ?? [];
      const serviceType = types.length ? (slot.serviceType ?? []).filter((c) => types.some((t) => tokenMatches(c, t))) : slot.serviceType;
      const proposal: Appointment = {
        resourceType: 'Appointment',
        status: 'proposed',
        serviceType,
        start: slot.start,
        end: slot.end,
        minutesDuration: Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000),
        slot: [{ reference: `Slot/${slot.id}` }],
        participant: [
          { actor: { reference: `Patient/${patient}` }, required: 'required', status: 'needs-action' },
          ...actors.map((actor): AppointmentParticipant => ({ actor, required: 'required', status: 'needs-action' })),
        ],
      };
      return { fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: proposal, search: { mode: 'match' } };
    });
    const included = new Map<string, FhirResource>();
    for (const slot of page) for (const r of [slot, ...actorsOf([scheduleOf(slot)])]) if (r) included.set(`${r.resourceType}/${r.id}`, r);
    for (const resource of included.values()) entry.push({ fullUrl: fullUrl(resource), resource, search: { mode: 'include' } });
    return { resourceType: 'Bundle', type: 'searchset', total: page.length, link: [{ relation: 'self', url: url.href }], entry };
  }

  /** `Appointment/$book`: books a proposal; the Slot must still be free. Idempotent on the Appointment's identifiers. */
  function book(body: Parameters): [Appointment, 200 | 201] {
    const proposal = body.parameter?.find((p) => p.name === 'appt-resource')?.resource;
    if (proposal?.resourceType !== 'Appointment') throw new Problem(400, 'required', 'The appt-resource parameter (an Appointment) is required.');
    for (const identifier of proposal.identifier ?? []) {
      const existing = [...clinic.appointments.values()].find((a) => a.identifier?.some((i) => i.system === identifier.system && i.value === identifier.value));
      if (existing) return [existing, 200];
    }
    const slotId = refKey(proposal.slot?.[0])?.split('/')[1];
    takeBySomeoneElse(slotId);
    const slot = slotId ? clinic.slots.get(slotId) : undefined;
    if (!slot) throw new Problem(404, 'not-found', `Slot/${slotId ?? '?'} does not exist.`);
    if (slot.status !== 'free') throw new Problem(409, 'conflict', TAKEN);
    const participant = [...(proposal.participant ?? [])];
    if (!participant.some((p) => refKey(p.actor)?.startsWith('Patient/'))) participant.unshift({ actor: { reference: `Patient/${patientInContext}` }, required: 'required', status: 'accepted' });
    const appointment = newAppointment({
      ...proposal,
      status: 'booked',
      start: slot.start,
      end: slot.end,
      created: new Date().toISOString(),
      participant: participant.map((p) => ({ ...p, status: 'accepted' })),
    });
    clinic.slots.set(slot.id!, stamp({ ...slot, status: 'busy' }, Number(slot.meta?.versionId ?? '1') + 1));
    return [appointment, 201];
  }

  /** A transaction: validated whole, then applied whole (a stale `ifMatch` is a 412 and nothing changes). */
  function transaction(bundle: Bundle): Bundle {
    if (bundle.resourceType !== 'Bundle' || bundle.type !== 'transaction') throw new Problem(400, 'not-supported', 'The demo server takes transactions only.');
    const entries = bundle.entry ?? [];
    const booking = entries.find((e) => e.request?.method === 'PUT' && e.request.url.startsWith('Slot/') && (e.resource as Slot | undefined)?.status === 'busy');
    if (booking) takeBySomeoneElse(booking.request!.url.split('/')[1]);
    const steps = entries.map((entry): (() => BundleEntry) => {
      const request = entry.request;
      const resource = entry.resource;
      if (request?.method === 'POST' && request.url === 'Appointment' && resource?.resourceType === 'Appointment') {
        const existing = request.ifNoneExist ? findByIdentifier(request.ifNoneExist) : undefined;
        if (existing) return () => ({ fullUrl: fullUrl(existing), resource: existing, response: { status: '200 OK', etag: etag(existing) } });
        return () => {
          const stored = newAppointment(resource);
          return { fullUrl: fullUrl(stored), resource: stored, response: { status: '201 Created', location: `${stored.resourceType}/${stored.id}/_history/1`, etag: etag(stored) } };
        };
      }
      const [type, id] = request?.method === 'PUT' ? request.url.split('/') : [];
      if (type && id && (type === 'Slot' || type === 'Appointment') && resource?.resourceType === type) {
        const current = store(type).get(id);
        if (!current) throw new Problem(404, 'not-found', `${type}/${id} does not exist.`);
        if (request?.ifMatch && request.ifMatch !== etag(current)) throw new Problem(412, 'conflict', type === 'Slot' ? TAKEN : `${type}/${id} was changed by someone else.`);
        if (type === 'Slot' && (resource as Slot).status === 'busy' && (current as Slot).status !== 'free') throw new Problem(409, 'conflict', TAKEN);
        return () => {
          const stored = stamp({ ...resource, id }, Number(current.meta?.versionId ?? '1') + 1);
          store(type).set(id, stored);
          return { fullUrl: fullUrl(stored), resource: stored, response: { status: '200 OK', etag: etag(stored) } };
        };
      }
      throw new Problem(400, 'not-supported', `The demo server cannot ${request?.method ?? '?'} ${request?.url ?? '?'} in a transaction.`);
    });
    return { resourceType: 'Bundle', type: 'transaction-response', entry: steps.map((apply) => apply()) };
  }

  async function route(request: Request, url: URL, path: string): Promise<Response | undefined> {
    const method = request.method;
    if (path === '' && method === 'POST') return json(transaction((await request.json()) as Bundle));
    const [type, id, ...rest] = path.split('/');
    if (!type || !isSchedulingType(type) || rest.length) return undefined;
    if (type === 'Appointment' && id === '$find' && method === 'GET') return json(find(url));
    if (type === 'Appointment' && id === '$book' && method === 'POST') {
      const [appointment, status] = book((await request.json()) as Parameters);
      const answer: Bundle = { resourceType: 'Bundle', type: 'searchset', total: 1, entry: [{ fullUrl: fullUrl(appointment), resource: appointment, search: { mode: 'match' } }] };
      return json(answer, status, status === 201 ? { Location: `${fullUrl(appointment)}/_history/1` } : {});
    }
    if (id === undefined && method === 'GET') {
      if (type === 'Slot') return json(searchSlots(url));
      if (type === 'Schedule') return json(searchSchedules(url));
      if (type === 'Appointment') return json(searchAppointments(url));
      return json(searchOthers(url, type));
    }
    if (id === undefined && method === 'POST' && type === 'Appointment') {
      const existing = findByIdentifier(request.headers.get('If-None-Exist'));
      return existing ? written(existing, 200) : written(newAppointment((await request.json()) as Appointment), 201);
    }
    if (id !== undefined && method === 'GET') {
      const resource = store(type).get(id);
      return resource ? json(resource, 200, { ETag: etag(resource) }) : outcome(404, 'not-found', `${type}/${id} is not known.`);
    }
    if (id !== undefined && method === 'PUT' && type === 'Appointment') {
      const current = clinic.appointments.get(id);
      if (!current) return outcome(404, 'not-found', `Appointment/${id} is not known.`);
      const ifMatch = request.headers.get('If-Match');
      if (ifMatch && ifMatch !== etag(current)) return outcome(412, 'conflict', `Appointment/${id} was changed by someone else.`);
      const stored = stamp({ ...((await request.json()) as Appointment), id }, Number(current.meta?.versionId ?? '1') + 1);
      clinic.appointments.set(id, stored);
      return written(stored, 200);
    }
    return outcome(405, 'not-supported', `The demo server does not support ${method} ${path}.`);
  }

  return {
    async handle(request, url, path) {
      try {
        return await route(request, url, path);
      } catch (error) {
        if (error instanceof Problem) return outcome(error.status, error.code, error.message);
        if (error instanceof SyntaxError) return outcome(400, 'invalid', 'The body is not JSON.');
        throw error;
      }
    },
  };
}
