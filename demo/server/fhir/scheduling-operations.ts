/**
 * Argonaut / IHE-style scheduling operations, offered per tenant behind a flag:
 * - `Appointment/$find`: proposed Appointments (status `proposed`), one per free Slot matching the
 *   inputs, with the Slots and the Schedule actors included so a client needs one request;
 * - `Appointment/$book`: books a proposed Appointment atomically (the Slot must still be free, and
 *   becomes busy), idempotent on a client-supplied Appointment identifier. It answers as the Argonaut
 *   guide says ("Bundle: the booked Appointment"): a searchset Bundle with the Appointment as its
 *   `match` entry. A sandbox can be told to answer otherwise, as other servers do (`setBookAnswer`).
 */
import { parseSearchRequest } from '@medplum/core';
import type {
  Appointment,
  AppointmentParticipant,
  Bundle,
  BundleEntry,
  CodeableConcept,
  Identifier,
  OperationOutcome,
  Parameters,
  ParametersParameter,
  Resource,
  Schedule,
  Slot,
} from '@medplum/fhirtypes';
import type { Access } from './access.js';
import type { JournalingRepository } from './repository.js';

const ARGONAUT = 'http://fhir.org/guides/argonaut-scheduling/OperationDefinition';

/** What the CapabilityStatement lists under Appointment.operation when the operations are enabled. */
export const SCHEDULING_OPERATIONS = [
  { resourceType: 'Appointment', name: 'find', definition: `${ARGONAUT}/appointment-find` },
  { resourceType: 'Appointment', name: 'book', definition: `${ARGONAUT}/appointment-book` },
];

export const TAKEN_TEXT = 'That time was just taken.';

/**
 * How `$book` answers: `bundle` (the Argonaut searchset Bundle, the default), `bundle-with-warning`
 * (the same with a warning OperationOutcome entry beside the Appointment, and beside `$find`'s
 * proposals too, as the Argonaut Bundle profile allows), `appointment` (a bare
 * Appointment, as some servers answer), or `no-appointment` (a faulty server: a Bundle holding only an
 * error OperationOutcome, and nothing booked).
 */
export const BOOK_ANSWERS = ['bundle', 'bundle-with-warning', 'appointment', 'no-appointment'] as const;
export type BookAnswer = (typeof BOOK_ANSWERS)[number];

/** The warning a `bundle-with-warning` answer carries beside the booked Appointment. */
export const BOOK_WARNING_TEXT = 'Please arrive 15 minutes early to complete your paperwork.';
/** The warning beside `$find`'s proposals in a `bundle-with-warning` sandbox. */
export const FIND_WARNING_TEXT = 'Some clinicians do not offer times online; call the clinic for more.';

function warning(text: string): BundleEntry {
  const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational', details: { text } }] };
  return { resource: outcome, search: { mode: 'outcome' } };
}
/** The only entry of a `no-appointment` answer. */
export const BOOK_FAILURE_TEXT = 'The scheduling system did not complete the booking.';

export function isBookAnswer(value: unknown): value is BookAnswer {
  return typeof value === 'string' && (BOOK_ANSWERS as readonly string[]).includes(value);
}

/** Per tenant (its repository), how `$book` answers when not the default. */
const bookAnswers = new WeakMap<JournalingRepository, BookAnswer>();

/** Makes `$book` on the tenant holding `repo` answer in another shape (test sandboxes). */
export function setBookAnswer(repo: JournalingRepository, answer: BookAnswer): void {
  bookAnswers.set(repo, answer);
}

const DEFAULT_COUNT = 50;
const MAX_COUNT = 500;
const MAX_RANGE_DAYS = 93;

export type OperationResult = [number, Resource, Record<string, string>];

interface SchedulingContext {
  repo: JournalingRepository;
  baseUrl: string;
  access: Access;
}

class OperationProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    text: string,
  ) {
    super(text);
  }
}

function outcome(code: string, text: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: code as 'invalid', diagnostics: text, details: { text } }] };
}

/** Is this request one of the scheduling operations (`Appointment/$find`, `Appointment/$book`)? */
export function isSchedulingOperation(segments: readonly string[]): boolean {
  return segments.length === 2 && segments[0] === 'Appointment' && (segments[1] === '$find' || segments[1] === '$book');
}

/** Runs `Appointment/$find` or `Appointment/$book`; errors come back as an OperationOutcome with their status. */
export async function handleSchedulingOperation(
  context: SchedulingContext,
  method: string,
  segments: readonly string[],
  url: URL,
  body: unknown,
): Promise<OperationResult> {
  try {
    if (segments[1] === '$find') {
      if (method !== 'GET' && method !== 'POST') throw new OperationProblem(405, 'not-supported', '$find is called with GET or POST.');
      return await find(context, inputsOf(url, method === 'POST' ? body : undefined));
    }
    if (method !== 'POST') throw new OperationProblem(405, 'not-supported', '$book is called with POST.');
    return await book(context, body);
  } catch (error) {
    if (error instanceof OperationProblem) return [error.status, outcome(error.code, error.message), {}];
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Inputs

type Inputs = Map<string, (string | Resource)[]>;

/** The operation's inputs from the query string and a Parameters (or form) body. */
function inputsOf(url: URL, body: unknown): Inputs {
  const inputs: Inputs = new Map();
  const add = (name: string, value: string | Resource | undefined) => {
    if (value === undefined || value === '') return;
    inputs.set(name, [...(inputs.get(name) ?? []), value]);
  };
  url.searchParams.forEach((value, key) => add(key, value));
  if (body instanceof URLSearchParams) body.forEach((value, key) => add(key, value));
  else if (body && typeof body === 'object') {
    const parameters = body as Parameters;
    if (parameters.resourceType !== 'Parameters') throw new OperationProblem(400, 'invalid', 'The body must be a Parameters resource.');
    for (const p of parameters.parameter ?? []) if (p.name) add(p.name, valueOf(p));
  }
  return inputs;
}

function valueOf(p: ParametersParameter): string | Resource | undefined {
  if (p.resource) return p.resource;
  const coding = p.valueCoding ?? p.valueCodeableConcept?.coding?.[0];
  if (coding?.code) return coding.system ? `${coding.system}|${coding.code}` : coding.code;
  if (p.valueReference?.reference) return p.valueReference.reference;
  const simple = p.valueString ?? p.valueCode ?? p.valueUri ?? p.valueDateTime ?? p.valueInstant ?? p.valueDate ?? p.valueId;
  if (simple !== undefined) return simple;
  if (p.valueInteger !== undefined) return String(p.valueInteger);
  if (p.valuePositiveInt !== undefined) return String(p.valuePositiveInt);
  return undefined;
}

function stringInput(inputs: Inputs, name: string): string | undefined {
  const value = inputs.get(name)?.[0];
  return typeof value === 'string' ? value.trim() : undefined;
}

function dateInput(inputs: Inputs, name: string): Date | undefined {
  const text = stringInput(inputs, name);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new OperationProblem(400, 'invalid', `The ${name} parameter must be a FHIR dateTime (got "${text}").`);
  }
  return date;
}

/** `Practitioner/x`, an absolute URL ending so, or a bare id, as a relative reference of `type`. */
function referenceInput(inputs: Inputs, name: string, type: string): string | undefined {
  const text = stringInput(inputs, name);
  if (!text) return undefined;
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([^/]+)$/.exec(text);
  if (match) {
    if (match[1] !== type) throw new OperationProblem(400, 'invalid', `The ${name} parameter must reference a ${type}.`);
    return `${type}/${match[2]}`;
  }
  if (text.includes('/')) throw new OperationProblem(400, 'invalid', `The ${name} parameter must reference a ${type}.`);
  return `${type}/${text}`;
}

function tokenMatches(concept: CodeableConcept, token: string): boolean {
  const bar = token.indexOf('|');
  const system = bar >= 0 ? token.slice(0, bar) : undefined;
  const code = bar >= 0 ? token.slice(bar + 1) : token;
  return (concept.coding ?? []).some((c) => c.code === code && (system === undefined || (system === '' ? !c.system : c.system === system)));
}

function patientOf(access: Access): string {
  const [patient] = access.patients;
  if (!patient) throw new OperationProblem(403, 'forbidden', 'This token has no patient in context.');
  return patient;
}

// ---------------------------------------------------------------------------------------------------
// $find

async function find(context: SchedulingContext, inputs: Inputs): Promise<OperationResult> {
  const { repo, access, baseUrl } = context;
  if (!access.allowsType('Appointment', 'r') && !access.allowsType('Appointment', 's')) {
    throw new OperationProblem(403, 'forbidden', 'The granted scopes do not allow reading Appointments.');
  }
  const patient = patientOf(access);
  const start = dateInput(inputs, 'start');
  if (!start) throw new OperationProblem(400, 'required', 'The start parameter is required.');
  const end = dateInput(inputs, 'end') ?? new Date(start.getTime() + 7 * 86_400_000);
  if (end <= start) throw new OperationProblem(400, 'invalid', 'The end must be after the start.');
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new OperationProblem(400, 'too-costly', `Search at most ${MAX_RANGE_DAYS} days at a time.`);
  }
  const countText = stringInput(inputs, '_count');
  const count = countText === undefined ? DEFAULT_COUNT : Math.min(MAX_COUNT, Math.max(0, Math.floor(Number(countText)) || 0));
  const serviceTypes = (inputs.get('service-type') ?? []).filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(','));
  const practitioner = referenceInput(inputs, 'practitioner', 'Practitioner');
  const location = referenceInput(inputs, 'location', 'Location');

  // The schedules the actor filters allow (none given: every schedule).
  let scheduleIds: string[] | undefined;
  if (practitioner || location) {
    const query = new URLSearchParams();
    if (practitioner) query.append('actor', practitioner);
    if (location) query.append('actor', location);
    const schedules = await repo.search<Schedule>(parseSearchRequest(`Schedule?${query}`));
    scheduleIds = (schedules.entry ?? []).map((e) => e.resource!.id);
  }

  const slots: Slot[] = [];
  if (count > 0 && (!scheduleIds || scheduleIds.length)) {
    const query = new URLSearchParams({ status: 'free', _sort: 'start' });
    query.append('start', `ge${start.toISOString()}`);
    query.append('start', `lt${end.toISOString()}`);
    if (serviceTypes.length) query.append('service-type', serviceTypes.join(','));
    if (scheduleIds) query.append('schedule', scheduleIds.map((id) => `Schedule/${id}`).join(','));
    const found = await repo.search<Slot>(parseSearchRequest(`Slot?${query}`));
    for (const e of found.entry ?? []) {
      if (slots.length >= count) break;
      slots.push(e.resource!);
    }
  }

  const schedules = new Map<string, Schedule | undefined>();
  const included = new Map<string, Resource>();
  const include = async (reference: string | undefined) => {
    const [type, id] = reference?.split('/') ?? [];
    if (!type || !id || included.has(`${type}/${id}`)) return;
    const resource = await repo.readResource(type, id).catch(() => undefined);
    if (resource && access.allowsResource(resource)) included.set(`${type}/${id}`, resource);
  };
  const entry: BundleEntry[] = [];
  for (const slot of slots) {
    const scheduleRef = slot.schedule?.reference ?? '';
    if (!schedules.has(scheduleRef)) {
      const id = scheduleRef.split('/')[1];
      schedules.set(scheduleRef, id ? await repo.readResource<Schedule>('Schedule', id).catch(() => undefined) : undefined);
    }
    const actors = (schedules.get(scheduleRef)?.actor ?? []).filter((a) => /^(Practitioner|PractitionerRole|Location|HealthcareService)\//.test(a.reference ?? ''));
    const serviceType = serviceTypes.length ? (slot.serviceType ?? []).filter((c) => serviceTypes.some((t) => tokenMatches(c, t))) : slot.serviceType;
    const appointment: Appointment = {
      resourceType: 'Appointment',
      status: 'proposed',
      ...(serviceType?.length ? { serviceType } : {}),
      ...(slot.specialty ? { specialty: slot.specialty } : {}),
      start: slot.start,
      end: slot.end,
      ...(slot.start && slot.end ? { minutesDuration: Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000) } : {}),
      slot: [{ reference: `Slot/${slot.id}` }],
      participant: [
        { actor: { reference: `Patient/${patient}` }, required: 'required', status: 'needs-action' },
        ...actors.map((actor): AppointmentParticipant => ({ actor: { ...actor }, required: 'required', status: 'needs-action' })),
      ],
    };
    entry.push({ fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: appointment, search: { mode: 'match' } });
    included.set(`Slot/${slot.id}`, slot);
    for (const actor of actors) await include(actor.reference);
  }
  for (const [key, resource] of included) entry.push({ fullUrl: `${baseUrl}/${key}`, resource, search: { mode: 'include' } });
  if (bookAnswers.get(repo) === 'bundle-with-warning') entry.push(warning(FIND_WARNING_TEXT));

  const self = new URL(`${baseUrl}/Appointment/$find`);
  self.searchParams.set('start', start.toISOString());
  self.searchParams.set('end', end.toISOString());
  for (const t of serviceTypes) self.searchParams.append('service-type', t);
  if (practitioner) self.searchParams.set('practitioner', practitioner);
  if (location) self.searchParams.set('location', location);
  if (countText !== undefined) self.searchParams.set('_count', String(count));
  const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', total: slots.length, link: [{ relation: 'self', url: self.href }], entry };
  return [200, bundle, {}];
}

// ---------------------------------------------------------------------------------------------------
// $book

interface BookRequest {
  appointment: Appointment;
  comment?: string;
  reasonCode: CodeableConcept[];
}

function bookRequestOf(body: unknown): BookRequest {
  if (!body || typeof body !== 'object' || body instanceof URLSearchParams) {
    throw new OperationProblem(400, 'invalid', 'The body must be a Parameters resource with appt-resource, or a Bundle holding the Appointment.');
  }
  const resource = body as Resource;
  if (resource.resourceType === 'Appointment') return { appointment: resource, reasonCode: [] };
  if (resource.resourceType === 'Bundle') {
    const appointment = (resource.entry ?? []).map((e) => e.resource).find((r): r is Appointment => r?.resourceType === 'Appointment');
    if (!appointment) throw new OperationProblem(400, 'invalid', 'The Bundle holds no Appointment.');
    return { appointment, reasonCode: [] };
  }
  if (resource.resourceType !== 'Parameters') throw new OperationProblem(400, 'invalid', 'The body must be a Parameters resource or a Bundle.');
  const parameters = resource.parameter ?? [];
  const appt = parameters.find((p) => p.name === 'appt-resource')?.resource;
  let appointment: Appointment | undefined;
  if (appt?.resourceType === 'Appointment') appointment = appt;
  else if (appt?.resourceType === 'Bundle') appointment = (appt.entry ?? []).map((e) => e.resource).find((r): r is Appointment => r?.resourceType === 'Appointment');
  if (!appointment) throw new OperationProblem(400, 'required', 'The appt-resource parameter (an Appointment) is required.');
  const comment = parameters.find((p) => p.name === 'comment')?.valueString;
  const reasonCode = parameters
    .filter((p) => p.name === 'reasonCode' || p.name === 'reason-code')
    .map((p): CodeableConcept | undefined => p.valueCodeableConcept ?? (p.valueCoding ? { coding: [p.valueCoding] } : p.valueString ? { text: p.valueString } : undefined))
    .filter((c): c is CodeableConcept => !!c);
  return { appointment, comment, reasonCode };
}

function sameIdentifier(a: Identifier, b: Identifier): boolean {
  return a.value === b.value && (a.system ?? '') === (b.system ?? '');
}

async function book(context: SchedulingContext, body: unknown): Promise<OperationResult> {
  const { repo, access, baseUrl } = context;
  if (!access.allowsType('Appointment', 'c')) throw new OperationProblem(403, 'forbidden', 'The granted scopes do not allow creating Appointments.');
  const patient = patientOf(access);
  const request = bookRequestOf(body);
  const proposed = structuredClone(request.appointment);
  const slotRef = proposed.slot?.[0]?.reference;
  const slotId = /(?:^|\/)Slot\/([^/]+)$/.exec(slotRef ?? '')?.[1];
  if (!slotId) throw new OperationProblem(400, 'invalid', 'The Appointment must reference the Slot it books.');

  const participants = proposed.participant ?? [];
  const patientRefs = participants.map((p) => /(?:^|\/)Patient\/([^/]+)$/.exec(p.actor?.reference ?? '')?.[1]).filter((p): p is string => !!p);
  if (patientRefs.some((p) => !access.patients.has(p))) throw new OperationProblem(403, 'forbidden', 'You may only book for the patient you are signed in for.');
  if (!patientRefs.length) participants.unshift({ actor: { reference: `Patient/${patient}` }, required: 'required', status: 'accepted' });
  const identifiers = (proposed.identifier ?? []).filter((i) => i.value);
  const shape = bookAnswers.get(repo) ?? 'bundle';
  if (shape === 'no-appointment') {
    const failed: Bundle = { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [{ resource: outcome('processing', BOOK_FAILURE_TEXT), search: { mode: 'outcome' } }] };
    return [200, failed, {}];
  }

  const [status, appointment, headers] = await repo.atomically(async (): Promise<[number, Appointment, Record<string, string>]> => {
    // The same identifier again: the Appointment that request made.
    for (const identifier of identifiers) {
      const token = identifier.system ? `${identifier.system}|${identifier.value}` : identifier.value!;
      const existing = await repo.search<Appointment>(parseSearchRequest(`Appointment?${new URLSearchParams({ identifier: token })}`));
      const match = (existing.entry ?? []).map((e) => e.resource!).find((a) => (a.identifier ?? []).some((i) => sameIdentifier(i, identifier)));
      if (!match) continue;
      if (!access.allowsResource(match)) throw new OperationProblem(409, 'conflict', 'That identifier is already used by another appointment.');
      if (!(match.slot ?? []).some((s) => s.reference?.endsWith(`Slot/${slotId}`))) {
        throw new OperationProblem(409, 'conflict', 'That identifier is already used by another appointment.');
      }
      return [200, match, resourceHeaders(match, baseUrl, false)];
    }

    const slot = await repo.readResource<Slot>('Slot', slotId).catch(() => undefined);
    if (!slot) throw new OperationProblem(404, 'not-found', `Slot/${slotId} does not exist.`);
    if (slot.status !== 'free') throw new OperationProblem(409, 'conflict', TAKEN_TEXT);

    const appointment: Appointment = {
      ...proposed,
      resourceType: 'Appointment',
      status: 'booked',
      start: slot.start,
      end: slot.end,
      slot: [{ reference: `Slot/${slotId}` }],
      created: new Date().toISOString(),
      participant: participants.map((p): AppointmentParticipant => (/(?:^|\/)Patient\//.test(p.actor?.reference ?? '') ? { ...p, status: 'accepted' } : { ...p, status: p.status ?? 'needs-action' })),
      ...(request.comment ? { comment: request.comment } : {}),
      ...(request.reasonCode.length ? { reasonCode: [...(proposed.reasonCode ?? []), ...request.reasonCode] } : {}),
    };
    delete appointment.id;
    delete appointment.meta;
    if (!appointment.serviceType?.length && slot.serviceType?.length) appointment.serviceType = slot.serviceType;
    if (!access.allowsWrite(appointment)) throw new OperationProblem(403, 'forbidden', 'You may not write this Appointment.');

    const created = await repo.createResource(appointment);
    await repo.updateResource<Slot>({ ...slot, status: 'busy' });
    return [201, created, resourceHeaders(created, baseUrl, true)];
  });
  return bookAnswer(shape, status, appointment, headers, baseUrl);
}

/** The `$book` answer in the tenant's shape. A Bundle keeps the Location of a new Appointment, not its ETag. */
function bookAnswer(shape: Exclude<BookAnswer, 'no-appointment'>, status: number, appointment: Appointment, headers: Record<string, string>, baseUrl: string): OperationResult {
  if (shape === 'appointment') return [status, appointment, headers];
  const entry: BundleEntry[] = [{ fullUrl: `${baseUrl}/Appointment/${appointment.id}`, resource: appointment, search: { mode: 'match' } }];
  if (shape === 'bundle-with-warning') entry.push(warning(BOOK_WARNING_TEXT));
  const bundle: Bundle = { resourceType: 'Bundle', type: 'searchset', total: 1, entry };
  return [status, bundle, headers.Location ? { Location: headers.Location } : {}];
}

function resourceHeaders(resource: Resource, baseUrl: string, created: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const version = resource.meta?.versionId;
  if (version) headers.ETag = `W/"${version}"`;
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  if (created && resource.id) headers.Location = `${baseUrl}/${resource.resourceType}/${resource.id}${version ? `/_history/${version}` : ''}`;
  return headers;
}
