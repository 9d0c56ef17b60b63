import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { Slot } from 'fhir/r4';
import type { FhirClient } from '../../packages/core/src/fhir/client.js';
import '../../packages/appointment-booker/src/define.js';
import { addDays, bookerDrafts, dayIn, type AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { countByDay, firstViewEnd, lastDayOfMonth, startOfDayIn } from '../../packages/appointment-booker/src/appointment-booker/month-times.js';
import type { OpenTime } from '../../packages/appointment-booker/src/scheduling/open-times.js';
import { DIRECTORY_SEARCH, firstOpenTimesSearch } from '../../packages/appointment-booker/src/scopes.js';
import { searchUrl, type EarlySearch } from '../../packages/core/src/fhir/client.js';
import { Sandbox, type SentRequest } from '../helpers/backend.js';
import { ANNUAL, openReview, ownClinicPerTest, shadow, until } from './booker-page.js';

const ZONE = 'America/New_York';
const HOUR = 3_600_000;

/** A request the client sent, and whether its answer has come back. */
interface Traced extends SentRequest {
  answered: boolean;
}

/** A gate a test opens by hand: requests held on it wait (in the browser) until then, and then go to the real server. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/**
 * A client for maria on the real server that records every request and its answer, and holds each
 * request for which `hold` returns a promise until that promise settles (the request is then sent as is).
 */
async function tracedClient(sandbox: Sandbox, hold: (request: SentRequest, sent: Traced[]) => Promise<void> | undefined): Promise<{ client: FhirClient; sent: Traced[] }> {
  const sent: Traced[] = [];
  const client = await sandbox.client('maria', {
    fetch: async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const request: Traced = { method: init?.method ?? 'GET', path: url.pathname.split('/fhir/')[1] ?? '', params: url.searchParams, answered: false };
      sent.push(request);
      await hold(request, sent);
      const response = await fetch(input, init);
      request.answered = true;
      return response;
    },
  });
  return { client, sent };
}

const slotReads = (sent: Traced[]) => sent.filter((r) => r.method === 'GET' && r.path === 'Slot');
const param = (r: SentRequest, prefix: string) => r.params.getAll('start').find((v) => v.startsWith(prefix))!.slice(prefix.length);
const markedDays = (el: AppointmentBooker) => [...shadow(el).querySelectorAll<HTMLButtonElement>('button.has-times')].map((b) => b.dataset.day!);

describe('<appointment-booker> first screen', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  async function booker(client: FhirClient): Promise<AppointmentBooker> {
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patientId} service-type=${ANNUAL} viewer-time-zone=${ZONE}></appointment-booker>`);
    await el.updateComplete;
    return el;
  }

  it('with a visit type fixed, the first open times the session sends early, beside the directory, are the very search the booker sends (so it takes the answer)', async () => {
    const { client, sent } = await tracedClient(sandbox, () => undefined);
    const directory = (await client.search(DIRECTORY_SEARCH.resourceType, DIRECTORY_SEARCH.params, { pageSize: DIRECTORY_SEARCH.pageSize })).bundle;
    const el = await booker(client);
    await until(() => slotReads(sent).length > 0, 'the booker’s first Slot read');
    const first = slotReads(sent)[0]!;
    // Worked out at the booker's own instant (its read starts at the hour of now plus two hours' notice), so an hour
    // turning between the two never tells them apart.
    const instant = Date.parse(param(first, 'ge')) - 2 * HOUR;
    const declared = firstOpenTimesSearch(el, undefined, instant);
    expect(declared.map((search) => searchUrl(client.baseUrl, search)).join()).to.equal(`${client.baseUrl}/Slot?${first.params}`);
    // The directory, in the same zone as the patient's clock: the booker reads nothing more, and nothing more is sent.
    expect(firstOpenTimesSearch(el, directory, instant).length).to.equal(0);
    // A patient whose clock is far from the clinic's: where that makes the bookable days differ, the booker reads
    // again once the directory says the clinic's zone, and so that read is sent early too; where not, nothing is.
    const far = await fixture(html`<appointment-booker service-type=${ANNUAL} viewer-time-zone="Pacific/Kiritimati"></appointment-booker>`);
    const daysDiffer = Date.parse('2027-01-12T12:00:00Z'); // 07:00 in New York, 02:00 the next day in Kiritimati
    const sameDays = Date.parse('2027-01-12T07:00:00Z'); // 02:00 and 21:00 on the same day
    const read = (search: EarlySearch | undefined) => (search ? searchUrl(client.baseUrl, search) : 'none');
    expect(firstOpenTimesSearch(far, directory, daysDiffer).length).to.equal(1);
    expect(read(firstOpenTimesSearch(far, directory, daysDiffer)[0])).not.to.equal(read(firstOpenTimesSearch(far, undefined, daysDiffer)[0]));
    expect(firstOpenTimesSearch(far, directory, sameDays).length).to.equal(0);
    // Nothing is worked out where the patient must first choose a visit type, or the booker opens on the appointments.
    const choosing = await fixture(html`<appointment-booker viewer-time-zone=${ZONE}></appointment-booker>`);
    expect(firstOpenTimesSearch(choosing, undefined).length).to.equal(0);
    expect(firstOpenTimesSearch(choosing, directory).length).to.equal(0);
    const appointments = await fixture(html`<appointment-booker service-type=${ANNUAL} view="appointments"></appointment-booker>`);
    expect(firstOpenTimesSearch(appointments, undefined).length).to.equal(0);
    expect(firstOpenTimesSearch(appointments, directory).length).to.equal(0);
  });

  it('with a booking the patient had started in this tab, the early search is the one the booker sends for its choices and month', async () => {
    const { client, sent } = await tracedClient(sandbox, () => undefined);
    // Chosen before a reload: the annual physical with Dr. Chen, on a day next month (the booker opens on that month).
    const nextMonth = addDays(lastDayOfMonthOf(dayIn(new Date(Date.now() + 2 * HOUR), ZONE)), 10);
    bookerDrafts.write(patientId, { patientId, serviceType: ANNUAL, practitioner: 'dr-chen', day: nextMonth, reason: 'A check-up', bookingId: 'draft-first-view' });
    try {
      const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patientId} viewer-time-zone=${ZONE}></appointment-booker>`);
      await until(() => slotReads(sent).length > 0, 'the booker’s first Slot read');
      const first = slotReads(sent)[0]!;
      expect(first.params.get('schedule.actor')).to.equal('Practitioner/dr-chen');
      expect(dayIn(param(first, 'lt'), ZONE)).to.equal(addDays(`${nextMonth.slice(0, 8)}01`, 7));
      const declared = firstOpenTimesSearch(el, undefined, Date.parse(param(first, 'ge')) - 2 * HOUR, patientId);
      expect(declared.map((search) => searchUrl(client.baseUrl, search)).join()).to.equal(`${client.baseUrl}/Slot?${first.params}`);
      // Another patient's draft is never used (then a visit type must be chosen: nothing is sent early), and the
      // host's own attribute wins over the patient's choice.
      expect(firstOpenTimesSearch(el, undefined, Date.now(), 'someone-else').length).to.equal(0);
      const fixed = await fixture(html`<appointment-booker practitioner="dr-patel" viewer-time-zone=${ZONE}></appointment-booker>`);
      expect(new URL(searchUrl(client.baseUrl, firstOpenTimesSearch(fixed, undefined, Date.now(), patientId)[0]!)).searchParams.get('schedule.actor')).to.equal('Practitioner/dr-patel');
    } finally {
      bookerDrafts.write(patientId, undefined);
    }
  });

  it("shows the first week's open times from one Slot read sent with the Schedule read, before the CapabilityStatement answers; the rest of the month follows", async () => {
    const metadata = gate();
    const later = gate();
    const { client, sent } = await tracedClient(sandbox, (request, all) => {
      if (request.path === 'metadata') return metadata.wait;
      // The Schedule answer is held until the Slot read has been sent: a booker that waited for it would never show times.
      if (request.path === 'Schedule') return until(() => slotReads(all).length > 0, 'a Slot read sent beside the Schedule read').then(() => undefined);
      // Later reads wait only once the first view is there (with nothing bookable in the first week, the
      // booker looks further ahead before it shows anything: a first view from that read is right too).
      if (request.path === 'Slot' && slotReads(all).length > 1 && shown()) return later.wait;
      return undefined;
    });
    let shown = () => false;
    const el = await booker(client);
    shown = () => markedDays(el).length > 0;
    await until(() => markedDays(el).length > 0, 'days with open times while the CapabilityStatement is held');

    // The requests before the first view: the Schedule and Slot reads (and the held metadata, unanswered).
    const beforeFirstView = [...new Set(sent.filter((r) => r.answered).map((r) => r.path))];
    expect(beforeFirstView.sort()).to.deep.equal(['Schedule', 'Slot']);
    const firstWeekEmpty = slotReads(sent).filter((r) => r.answered).length > 1;
    expect(sent.filter((r) => r.path === 'metadata' && r.answered).length).to.equal(0);

    // The first Slot read covers the week from the first bookable day (clinic time), and the server filters it.
    const first = slotReads(sent)[0]!;
    expect(first.params.get('status')).to.equal('free');
    expect(first.params.get('service-type')).to.equal(ANNUAL);
    expect(first.params.getAll('_include')).to.deep.equal(['Slot:schedule']);
    expect(first.params.getAll('_include:iterate')).to.deep.equal(['Schedule:actor']);
    const firstDay = dayIn(new Date(Date.now() + 2 * HOUR), ZONE);
    const monthEnd = lastDayOfMonthOf(firstDay);
    const weekEnd = [addDays(firstDay, 6), monthEnd].sort()[0]!;
    expect(dayIn(param(first, 'ge'), ZONE) <= firstDay).to.equal(true);
    const end = param(first, 'lt');
    const wholeMonth = weekEnd === monthEnd;
    if (!wholeMonth) {
      // Ends as the day after the week begins in the clinic's zone: not a day more.
      expect(dayIn(end, ZONE)).to.equal(addDays(weekEnd, 1));
      expect(dayIn(new Date(Date.parse(end) - 1), ZONE)).to.equal(weekEnd);
    } else {
      expect(dayIn(end, ZONE) > monthEnd).to.equal(true);
    }
    if (!firstWeekEmpty) expect(markedDays(el).every((d) => d >= firstDay && d <= weekEnd)).to.equal(true);

    if (!wholeMonth && !firstWeekEmpty) {
      // The later days say their times are being found, not that there are none.
      const pending = shadow(el).querySelector(`button[data-day="${addDays(weekEnd, 1)}"]`)!.getAttribute('aria-label')!;
      expect(pending).to.contain('Finding open times');
      await until(() => slotReads(sent).length === 2, 'the read of the rest of the month');
      const rest = slotReads(sent)[1]!;
      expect(param(rest, 'ge')).to.equal(end);
      expect(rest.params.get('service-type')).to.equal(ANNUAL);
      // The patient picks a day meanwhile and keeps it, with focus, when the rest arrives.
      const picked = shadow(el).querySelectorAll<HTMLButtonElement>('button.has-times')[markedDays(el).length - 1]!;
      picked.click();
      picked.focus();
      const before = markedDays(el).length;
      later.open();
      await until(() => markedDays(el).some((d) => d > weekEnd), 'days after the first week marked');
      expect(markedDays(el).length > before).to.equal(true);
      expect(shadow(el).querySelector('[part~="day-selected"]')?.getAttribute('data-day')).to.equal(picked.dataset.day);
      expect((shadow(el).activeElement as HTMLElement | null)?.dataset.day).to.equal(picked.dataset.day);
    }

    // The CapabilityStatement answers: the path is known, and the Slot search is not sent again.
    metadata.open();
    await until(() => el.path, 'the scheduling path');
    expect(el.path).to.equal('slots');
    await el.updateComplete;
    // No Slot search went twice. (Reads of later days the booker looks ahead for may still be held on
    // the gate: on the last day of a month, or with nothing bookable in the first week, there are some.)
    const searches = slotReads(sent).map((r) => r.params.toString());
    expect(searches.length).to.equal(new Set(searches).size);
    if (!wholeMonth && !firstWeekEmpty) expect(searches.length).to.equal(2);
  });

  it('reads the first week of a later month first, and the rest after it', async () => {
    const later = gate();
    let holdAfter = Infinity;
    const { client, sent } = await tracedClient(sandbox, (request, all) => (request.path === 'Slot' && slotReads(all).length > holdAfter ? later.wait : undefined));
    const el = await booker(client);
    // The month shown first, read in full.
    await until(() => (markedDays(el).length > 0 || shadow(el).querySelector('[part="notice"]')) && !shadow(el).querySelector('button[aria-label$="Finding open times…"]') && sent.every((r) => r.answered), 'the first month');
    const reads = slotReads(sent).length;
    holdAfter = reads + 1;
    const month = addDays(lastDayOfMonthOf(shadow(el).querySelector<HTMLButtonElement>('button[data-day]')!.dataset.day!), 1);
    shadow(el).querySelector<HTMLButtonElement>('[part~="next-month-button"]')!.click();
    // The next month: its first week (the 1st to the 7th), then the rest.
    await until(() => slotReads(sent).length >= reads + 1 && shadow(el).querySelector(`button[data-day="${month}"]`), 'the next month');
    const first = slotReads(sent)[reads]!;
    expect(dayIn(param(first, 'lt'), ZONE)).to.equal(addDays(month, 7));
    expect(dayIn(new Date(Date.parse(param(first, 'lt')) - 1), ZONE)).to.equal(addDays(month, 6));
    await until(() => markedDays(el).length > 0, 'the first week of the next month marked');
    expect(markedDays(el).every((d) => d >= month && d <= addDays(month, 6))).to.equal(true);
    await until(() => slotReads(sent).length === reads + 2, 'the rest of the next month');
    expect(param(slotReads(sent)[reads + 1]!, 'ge')).to.equal(param(first, 'lt'));
    later.open();
    // Slots are seeded six weeks ahead, so the next month's second week always has some.
    await until(() => markedDays(el).some((d) => d > addDays(month, 6)), 'the later days of the next month marked');
  });

  it('a time confirmed before the CapabilityStatement answers is booked once it does', async () => {
    const metadata = gate();
    const { client, sent } = await tracedClient(sandbox, (request) => (request.path === 'metadata' ? metadata.wait : undefined));
    const el = await booker(client);
    await openReview(el);
    expect(el.path).to.equal(undefined);
    const booked = oneEvent(el, 'portico-appointment-booked');
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(() => shadow(el).querySelector('[part="confirm-button"]')?.textContent?.includes('Booking'), 'the booking under way');
    expect(sent.some((r) => r.method === 'POST')).to.equal(false);
    metadata.open();
    const { detail } = await booked;
    expect(detail.appointment.status).to.equal('booked');
    expect(sent.filter((r) => r.method === 'POST').length).to.equal(1);
  });

  it('searches with $find once the CapabilityStatement offers it', async () => {
    const operations = await Sandbox.create({ schedulingOperations: true });
    try {
      patientId = (await operations.token('maria')).patient;
      const metadata = gate();
      const { client, sent } = await tracedClient(operations, (request) => (request.path === 'metadata' ? metadata.wait : undefined));
      const el = await booker(client);
      await until(() => markedDays(el).length > 0, 'open times from the Slot search');
      expect(sent.some((r) => r.path.startsWith('Appointment/$find'))).to.equal(false);
      metadata.open();
      await until(() => sent.some((r) => r.path === 'Appointment/$find'), 'the $find search');
      expect(el.path).to.equal('operations');
      await until(() => sent.filter((r) => r.path === 'Appointment/$find').every((r) => r.answered) && markedDays(el).length > 0, 'open times from $find');
    } finally {
      await operations.dispose();
    }
  });

  it('books a time picked from the Slot search with $book once the CapabilityStatement shows $find', async () => {
    const operations = await Sandbox.create({ schedulingOperations: true });
    try {
      patientId = (await operations.token('maria')).patient;
      const metadata = gate();
      const { client, sent } = await tracedClient(operations, (request) => (request.path === 'metadata' ? metadata.wait : undefined));
      const el = await booker(client);
      await openReview(el);
      const picked = (el as unknown as { selectedTime: { start: string; practitioner?: { id?: string }; proposal?: unknown } }).selectedTime;
      expect(!!picked.proposal).to.equal(false);
      const booked = oneEvent(el, 'portico-appointment-booked');
      shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
      metadata.open();
      const { detail } = await booked;
      expect(el.path).to.equal('operations');
      expect(Date.parse(detail.appointment.start!)).to.equal(Date.parse(picked.start));
      expect(detail.appointment.participant.some((p: { actor?: { reference?: string } }) => p.actor?.reference === `Practitioner/${picked.practitioner?.id}`)).to.equal(true);
      expect(sent.filter((r) => r.method === 'POST').map((r) => r.path)).to.deep.equal(['Appointment/$book']);
    } finally {
      await operations.dispose();
    }
  });

  it('sends no Slot search to a server offering $find when the CapabilityStatement is already known', async () => {
    const operations = await Sandbox.create({ schedulingOperations: true });
    try {
      patientId = (await operations.token('maria')).patient;
      const { client, sent } = await tracedClient(operations, () => undefined);
      // Read earlier on the page (another element), or kept from an earlier visit.
      await client.capabilities();
      const el = await booker(client);
      await until(() => markedDays(el).length > 0, 'open times from $find');
      expect(el.path).to.equal('operations');
      expect(sent.filter((r) => r.path === 'Slot').length).to.equal(0);
      expect(sent.filter((r) => r.path === 'Appointment/$find').length).to.be.at.least(1);
    } finally {
      await operations.dispose();
    }
  });

  it('the server filters Slots by service-type and schedule.actor itself', async () => {
    const client = await sandbox.client('maria');
    const window = { status: 'free', start: [`ge${new Date().toISOString()}`, `lt${new Date(Date.now() + 14 * 24 * HOUR).toISOString()}`], _count: '500' };
    const all = await client.search('Slot', window);
    const annual = await client.search('Slot', { ...window, 'service-type': ANNUAL });
    const chen = await client.search('Slot', { ...window, 'schedule.actor': 'Practitioner/dr-chen', _include: 'Slot:schedule' });
    const offers = (s: Slot) => !!s.serviceType?.some((c) => c.coding?.some((x) => x.code === 'annual-physical'));
    expect(annual.resources.length > 0 && annual.resources.length < all.resources.length).to.equal(true);
    expect(annual.resources.every(offers)).to.equal(true);
    expect(chen.resources.length > 0 && chen.resources.length < all.resources.length).to.equal(true);
    const schedules = new Set(chen.resources.map((s) => s.schedule.reference));
    expect([...schedules].every((ref) => /sched-chen/.test(ref ?? ''))).to.equal(true);
  });
});

function lastDayOfMonthOf(day: string): string {
  return addDays(`${addDays(`${day.slice(0, 8)}01`, 32).slice(0, 8)}01`, -1);
}

describe('the first read of a month', () => {
  const time = (start: string, zone = ZONE): OpenTime => ({ slot: { resourceType: 'Slot', id: start, status: 'free', start, end: start, schedule: {} }, start, end: start, timeZone: zone, serviceTypes: [] });

  it('is the week from the first bookable day, cut at the month end and the last bookable day', () => {
    expect(firstViewEnd({ firstDay: '2026-12-07', lastDay: '2027-03-07', month: '2026-12-01' })).to.equal('2026-12-13');
    expect(firstViewEnd({ firstDay: '2026-12-28', lastDay: '2027-03-28', month: '2026-12-01' })).to.equal('2026-12-31');
    expect(firstViewEnd({ firstDay: '2027-02-25', lastDay: '2027-05-25', month: '2027-02-01' })).to.equal('2027-02-28');
    expect(firstViewEnd({ firstDay: '2026-12-07', lastDay: '2027-03-07', month: '2027-01-01' })).to.equal('2027-01-07');
    expect(firstViewEnd({ firstDay: '2026-12-07', lastDay: '2026-12-09', month: '2026-12-01' })).to.equal('2026-12-09');
    expect(lastDayOfMonth('2028-02-01')).to.equal('2028-02-29');
  });

  it('ends where the clinic day begins, across changes of clocks', () => {
    expect(new Date(startOfDayIn('2026-12-14', ZONE)).toISOString()).to.equal('2026-12-14T05:00:00.000Z');
    expect(new Date(startOfDayIn('2026-07-14', ZONE)).toISOString()).to.equal('2026-07-14T04:00:00.000Z');
    // The days the clocks change in New York (March 8 and November 1, 2026) begin before the change.
    expect(new Date(startOfDayIn('2026-03-08', ZONE)).toISOString()).to.equal('2026-03-08T05:00:00.000Z');
    expect(new Date(startOfDayIn('2026-03-09', ZONE)).toISOString()).to.equal('2026-03-09T04:00:00.000Z');
    expect(new Date(startOfDayIn('2026-11-01', ZONE)).toISOString()).to.equal('2026-11-01T04:00:00.000Z');
    expect(new Date(startOfDayIn('2026-11-02', ZONE)).toISOString()).to.equal('2026-11-02T05:00:00.000Z');
    expect(new Date(startOfDayIn('2026-12-14', 'Asia/Tokyo')).toISOString()).to.equal('2026-12-13T15:00:00.000Z');
    expect(new Date(startOfDayIn('2026-12-14', 'UTC')).toISOString()).to.equal('2026-12-14T00:00:00.000Z');
  });

  it('counts only the days read in full, each time once', () => {
    const found = [time('2026-12-08T14:00:00Z'), time('2026-12-08T15:00:00Z'), time('2026-12-14T14:00:00Z'), time('2026-12-15T03:00:00Z'), time('2026-12-08T14:00:00Z')];
    const bounds = { zone: ZONE, firstDay: '2026-12-07', lastDay: '2027-03-07', month: '2026-12-01', earliest: Date.parse('2026-12-07T14:00:00Z') };
    const week = countByDay(found, '2026-12-13', bounds);
    expect([...week.counts]).to.deep.equal([['2026-12-08', 2]]);
    expect(week.total).to.equal(2);
    // 03:00 UTC on the 15th is still the 14th in New York.
    expect([...countByDay(found, '2026-12-31', bounds).counts]).to.deep.equal([['2026-12-08', 2], ['2026-12-14', 2]]);
  });
});
