import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import '../../packages/core/src/define.js';
import '../../packages/appointment-booker/src/define.js';
import type { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { addDays, bookerDrafts, dayIn, findOpenTimes, newBookingId, schedulerFor } from '../../packages/appointment-booker/src/index.js';
import { Sandbox, sandboxPerTest } from '../helpers/backend.js';
import { ANNUAL, buttonNamed, downloaded, firstOpenDay, openReview, openTimesOn, shadow, text, until, visitInList, ownClinicPerTest } from './booker-page.js';
import { animationsDone } from '../helpers/element.js';

describe('<appointment-booker> on the real embedded server', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  async function booker(attributes: Partial<AppointmentBooker> = {}, client?: FhirClient): Promise<AppointmentBooker> {
    const own = client ?? (await sandbox.client('maria'));
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${own} patient-id=${patientId} viewer-time-zone="America/New_York"></appointment-booker>`);
    Object.assign(el, attributes);
    await el.updateComplete;
    return el;
  }

  it('shows a loading state, then the calendar with marked days, and is accessible', async () => {
    const el = await booker({ serviceType: ANNUAL });
    expect(!!shadow(el).querySelector('[part="skeleton"]')).to.equal(true);
    const day = await firstOpenDay(el);
    expect(day.getAttribute('aria-label')).to.match(/\d+ open times?/);
    // The first day with open times is chosen for the patient, and its times are listed.
    await until(() => shadow(el).querySelector('[part~="time-button"]'), 'the first day\'s times');
    expect(shadow(el).querySelector('[part~="day-selected"]')?.getAttribute('data-day')).to.equal(day.dataset.day);
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('books with the keyboard alone, and the slot is busy on the server', async () => {
    const el = await booker({ serviceType: ANNUAL, practitioner: 'dr-chen' });
    const day = await firstOpenDay(el);
    day.focus();
    await sendKeys({ press: 'Enter' });
    const time = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~="time-button"]'), 'times for the day');
    time.focus();
    await sendKeys({ press: 'Enter' });
    const textarea = await until(() => shadow(el).querySelector('textarea'), 'the review step');
    expect(shadow(el).activeElement?.id ?? '').to.equal('review-heading');
    textarea.focus();
    await sendKeys({ type: 'Follow-up on blood pressure' });
    const confirm = shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!;
    confirm.focus();
    const booked = oneEvent(el, 'portico-appointment-booked');
    await sendKeys({ press: 'Enter' });
    const { detail } = await booked;
    expect(detail.appointment.status).to.equal('booked');
    expect(detail.appointment.description).to.equal('Follow-up on blood pressure');
    await until(() => shadow(el).querySelector('[part="confirmation"]'), 'the confirmation');
    expect(text(el)).to.contain("You're booked");
    expect(text(el)).to.match(/Dr\.? .*Chen|Chen/);
    const slotId = detail.appointment.slot![0]!.reference!.split('/').pop()!;
    const client = await sandbox.client('maria');
    expect((await client.read('Slot', slotId)).status).to.equal('busy');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('a time taken meanwhile: says so plainly, refreshes the times and keeps the other choices', async () => {
    const el = await booker({ serviceType: ANNUAL, practitioner: 'dr-okafor' });
    const { day, openTimes: before } = await openReview(el);
    const textarea = shadow(el).querySelector('textarea')!;
    textarea.value = 'Knee pain';
    textarea.dispatchEvent(new Event('input'));
    // Someone else books the same time first.
    const chosen = (el as unknown as { selectedTime: { slot: { id: string }; start: string } }).selectedTime;
    const other = await sandbox.client('maria');
    const { times } = await findOpenTimes(other, { start: new Date(Date.parse(chosen.start) - 1000), end: new Date(Date.parse(chosen.start) + 1000) });
    const time = times.find((t) => t.slot.id === chosen.slot.id)!;
    await (await schedulerFor(other)).book({ time, patientId, bookingId: newBookingId() });

    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    const alert = await until(() => shadow(el).querySelector('[role="alert"]'), 'the conflict message');
    expect(alert.textContent).to.contain('just taken');
    expect(!!shadow(el).querySelector('[part="review"]')).to.equal(false);
    // The times were refreshed: the day offers one time fewer (none at all when the taken one was its last).
    await until(() => !shadow(el).querySelector('[part="skeleton"]') && openTimesOn(el, day) === before - 1, 'the day with one open time fewer');
    expect(el.practitioner).to.equal('dr-okafor');
    // Any day still open (the same one when it has times left) gives another time, with the reason kept.
    (await firstOpenDay(el)).click();
    (await until(() => shadow(el).querySelector<HTMLButtonElement>('[part~="time-button"]'), 'another time')).click();
    await until(() => shadow(el).querySelector('textarea'), 'review');
    expect(shadow(el).querySelector('textarea')!.value).to.equal('Knee pain');
    await animationsDone();
    await expect(el).to.be.accessible();
  });

  it('a refused token mid-booking keeps the choice, and confirming again books once', async () => {
    const { access_token } = await sandbox.token('maria');
    let token = access_token;
    const client = new FhirClient({ baseUrl: sandbox.fhirBaseUrl, getAccessToken: () => token, retry: { baseDelayMs: 20 } });
    const el = await booker({ serviceType: ANNUAL }, client);
    await openReview(el);
    const chosen = (el as unknown as { selectedTime: { slot: { id: string } } }).selectedTime;
    token = 'not-a-valid-token';
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    const alert = await until(() => shadow(el).querySelector('[role="alert"]'), 'the sign-in message');
    expect(alert.textContent).to.contain('sign in again');
    expect(!!shadow(el).querySelector('[part="review"]')).to.equal(true);
    token = access_token;
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(() => shadow(el).querySelector('[part="confirmation"]'), 'the confirmation');
    const found = await client.search('Appointment', { slot: `Slot/${chosen.slot.id}` });
    expect(found.resources.length).to.equal(1);
  });

  it("notes the patient's own time zone when it differs from the clinic's", async () => {
    const el = await booker({ serviceType: ANNUAL, viewerTimeZone: 'America/Los_Angeles' });
    (await firstOpenDay(el)).click();
    await until(() => shadow(el).querySelector('.zone-note'), 'the time-zone note');
    expect(shadow(el).querySelector('.zone-note')!.textContent).to.match(/Eastern (Standard|Daylight) Time/);
    shadow(el).querySelector<HTMLButtonElement>('[part~="time-button"]')!.click();
    await until(() => shadow(el).querySelector('.viewer-time'), 'the viewer time');
    expect(shadow(el).querySelector('.viewer-time')!.textContent).to.match(/P[SD]T your time/);
  });

  it("a month with no open time left opens on the next month's first open day (not on \"no open times\")", async () => {
    // Dr. Chen's times for the rest of this month (the clinic's) are all taken, and one is open first thing on the 1st.
    const client = await sandbox.client('maria');
    const thisMonth = dayIn(new Date(), 'America/New_York').slice(0, 8) + '01';
    const nextMonth = addDays(thisMonth, 32).slice(0, 8) + '01';
    const { times } = await findOpenTimes(client, { start: new Date(), end: new Date(`${nextMonth}T05:00:00Z`), practitioner: 'dr-chen', serviceType: ANNUAL });
    const schedule = times[0]?.schedule ?? (await client.search('Schedule', { actor: 'Practitioner/dr-chen' })).resources[0]!;
    await sandbox.load([
      ...times.map((t) => ({ ...t.slot, status: 'busy' })),
      { resourceType: 'Slot', id: 'first-thing-next-month', schedule: { reference: `Schedule/${schedule.id}` }, serviceType: schedule.serviceType, status: 'free', start: `${nextMonth}T14:00:00Z`, end: `${nextMonth}T14:30:00Z` },
    ]);
    const el = await booker({ serviceType: ANNUAL, practitioner: 'dr-chen' });
    await until(() => shadow(el).querySelector('[part~="time-button"]'), 'the open times of the first open day');
    expect(shadow(el).querySelector('[part~="day-selected"]')?.getAttribute('data-day')).to.equal(nextMonth);
    expect(text(el)).not.to.contain('No open times');
    expect(!!buttonNamed(el, 'Join the waitlist')).to.equal(false);
  });

  it('no open time in the window: offers the next available day and the waitlist', async () => {
    // Every time Dr. Chen has today and tomorrow is taken first, so the one-day window is empty on any day.
    const scheduler = await schedulerFor(await sandbox.client('maria'));
    const { times } = await scheduler.find({ start: new Date(), end: new Date(Date.now() + 3 * 86_400_000), practitioner: 'dr-chen', serviceType: ANNUAL });
    for (const time of times) await scheduler.book({ time, patientId, bookingId: newBookingId() });
    const el = await booker({ serviceType: ANNUAL, practitioner: 'dr-chen', daysAhead: 1 });
    const next = await until(() => buttonNamed(el, 'Show that day'), 'the next available offer');
    expect(text(el)).to.contain('The next open time is on');
    const waitlist = buttonNamed(el, 'Join the waitlist')!;
    waitlist.click();
    await until(() => text(el).includes("You're on the waitlist"), 'the waitlist confirmation');
    const client = await sandbox.client('maria');
    const found = await client.search('Appointment', { patient: `Patient/${patientId}`, status: 'waitlist' });
    expect(found.resources.some((a) => a.participant.some((p) => p.actor?.reference === 'Practitioner/dr-chen'))).to.equal(true);
    expect(next.textContent?.trim()).to.equal('Show that day');
  });

  it('lists upcoming visits and cancels one with a reason; the slot is free again', async () => {
    const client = await sandbox.client('maria');
    const scheduler = await schedulerFor(client);
    const { times } = await scheduler.find({ start: new Date(Date.now() + 5 * 86_400_000), end: new Date(Date.now() + 12 * 86_400_000), practitioner: 'dr-nguyen' });
    const time = times[0]!;
    const appointment = await scheduler.book({ time, patientId, bookingId: newBookingId() });
    const el = await booker({ view: 'appointments', cancelCutoffHours: 24 });
    const visit = await visitInList(el, appointment.id!);
    await animationsDone();
    await expect(el).to.be.accessible();
    [...visit.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel visit')!.click();
    const reason = await until(() => shadow(el).querySelector<HTMLTextAreaElement>('.cancel-form textarea'), 'the cancel form');
    expect(shadow(el).activeElement === reason).to.equal(true);
    reason.value = 'Feeling better';
    reason.dispatchEvent(new Event('input'));
    const cancelled = oneEvent(el, 'portico-appointment-cancelled');
    buttonNamed(el, 'Yes, cancel this visit')!.click();
    const { detail } = await cancelled;
    expect(detail.appointment.id).to.equal(appointment.id);
    expect((await client.read('Appointment', appointment.id!)).cancelationReason?.text).to.equal('Feeling better');
    expect((await client.read('Slot', time.slot.id!)).status).to.equal('free');
    // The message names the visit it is about.
    await until(() => /Your visit has been cancelled: .*Nguyen/.test(text(el)), 'the cancelled message');
  });

  it('the appointments view searches no open times; they are searched when the booking view is shown', async () => {
    const seen: string[] = [];
    const { client } = await sandbox.recordingClient('maria', (request) => seen.push(`${request.method} ${request.path}`));
    const el = await booker({ view: 'appointments', serviceType: ANNUAL }, client);
    await until(() => shadow(el).querySelector('.visits, [part="empty"]'), 'the visit list');
    expect(seen.some((s) => s.startsWith('GET Slot')), seen.join(', ')).to.equal(false);
    buttonNamed(shadow(el).querySelector('[part="tabs"]')!, 'Book a visit')!.click();
    await firstOpenDay(el);
    expect(seen.some((s) => s.startsWith('GET Slot')), seen.join(', ')).to.equal(true);
  });

  it('respects the cancellation cutoff', async () => {
    const el = await booker({ view: 'appointments', cancelCutoffHours: 24 * 400 });
    await until(() => shadow(el).querySelector('[part="visit"].booked'), 'a booked visit');
    const booked = [...shadow(el).querySelectorAll('[part="visit"].booked')];
    // Booked visits can no longer be cancelled or moved online (waitlist requests have no time and still can).
    expect(booked.some((v) => [...v.querySelectorAll('button')].some((b) => /Cancel visit|Reschedule/.test(b.textContent ?? '')))).to.equal(false);
    expect(booked.every((v) => v.textContent?.includes('can be cancelled online up to'))).to.equal(true);
  });

  it('reschedules: the new time is booked, the old visit cancelled', async () => {
    const client = await sandbox.client('maria');
    const scheduler = await schedulerFor(client);
    const { times } = await scheduler.find({ start: new Date(Date.now() + 6 * 86_400_000), end: new Date(Date.now() + 13 * 86_400_000), practitioner: 'dr-silva' });
    const original = await scheduler.book({ time: times[0]!, patientId, bookingId: newBookingId() });
    const el = await booker({ view: 'appointments' });
    const visit = await visitInList(el, original.id!);
    [...visit.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Reschedule')!.click();
    await until(() => text(el).includes('Choose a new time for your visit'), 'the reschedule banner');
    await openReview(el);
    const booked = oneEvent(el, 'portico-appointment-booked');
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    const { detail } = await booked;
    expect(detail.rescheduledFrom?.id).to.equal(original.id);
    expect((await client.read('Appointment', original.id!)).status).to.equal('cancelled');
    expect((await client.read('Appointment', detail.appointment.id!)).status).to.equal('booked');
  });

  it('shows an error with a retry when the server fails, and recovers', async () => {
    await sandbox.injectFaults([{ path: '^Schedule', status: 500, times: 1 }]);
    const el = await booker({ serviceType: ANNUAL });
    const retry = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part="retry-button"]'), 'the retry button');
    await animationsDone();
    await expect(el).to.be.accessible();
    retry.click();
    const day = await firstOpenDay(el);
    expect(day.getAttribute('aria-label')).to.match(/open time/);
    await sandbox.clearFaults();
  });
});

describe('<appointment-booker> on a server that offers $find and $book', () => {
  afterEach(() => {
    // The elements go first, so none saves a draft after the storage is cleared.
    fixtureCleanup();
    sessionStorage.clear();
  });

  it('books through $book, and the slot is busy on the server', async () => {
    const sandbox = await Sandbox.create({ schedulingOperations: true });
    try {
      const client = await sandbox.client('maria');
      const seen: string[] = [];
      const { client: counting, patient } = await sandbox.recordingClient('maria', (request) => seen.push(`${request.method} ${request.path}`));
      const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${counting} patient-id=${patient} service-type=${ANNUAL}></appointment-booker>`);
      await openReview(el);
      expect(el.path).to.equal('operations');
      const booked = oneEvent(el, 'portico-appointment-booked');
      shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
      const { detail } = await booked;
      expect(seen).to.include('POST Appointment/$book');
      expect(seen.some((s) => s.startsWith('GET Appointment/$find'))).to.equal(true);
      // The CapabilityStatement was not known yet: one Slot search went out beside it, never another
      // (first-view.test.ts shows that none goes out when the CapabilityStatement is known).
      expect(seen.filter((s) => s.startsWith('GET Slot')).length).to.be.at.most(1);
      const slotId = detail.appointment.slot![0]!.reference!.split('/').pop()!;
      expect((await client.read('Slot', slotId)).status).to.equal('busy');
    } finally {
      await sandbox.dispose();
    }
  });

  // The Argonaut answer (a Bundle holding the Appointment), the same with a warning beside it, and a bare Appointment.
  for (const bookAnswer of ['bundle', 'bundle-with-warning', 'appointment'] as const) {
    it(`$book answering ${bookAnswer === 'appointment' ? 'a bare Appointment' : bookAnswer === 'bundle' ? 'a Bundle' : 'a Bundle with a warning'}: the confirmation, the event and the calendar file carry the server's Appointment`, async () => {
      const sandbox = await Sandbox.create({ schedulingOperations: true, bookAnswer });
      try {
        const client = await sandbox.client('maria');
        const { patient } = await sandbox.token('maria');
        const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patient} service-type=${ANNUAL} practitioner="dr-chen" viewer-time-zone="America/New_York"></appointment-booker>`);
        await openReview(el);
        const when = shadow(el).querySelector('.facts dd')!.textContent!.replace(/\s+/g, ' ').trim();
        const booked = oneEvent(el, 'portico-appointment-booked');
        shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
        const { detail } = await booked;
        // What the server stored for the time: exactly one Appointment, the one the event names.
        const slotId = (el as unknown as { bookedVisit: { appointment: { slot: { reference: string }[] } } }).bookedVisit.appointment.slot[0]!.reference.split('/').pop()!;
        const stored = await client.search('Appointment', { slot: `Slot/${slotId}` });
        expect(stored.resources.map((a) => a.id)).to.deep.equal([detail.appointment.id]);
        expect(detail.appointment.status).to.equal('booked');
        const confirmation = await until(() => shadow(el).querySelector<HTMLElement>('[part="confirmation"]'), 'the confirmation');
        const shown = confirmation.textContent!.replace(/\s+/g, ' ');
        expect(shown).to.contain("You're booked");
        expect(shown).to.contain(when);
        expect(shown).to.match(/Chen/);
        const file = await downloaded(() => buttonNamed(confirmation, 'Add to calendar')!.click());
        // The calendar file (content lines unfolded) names the server's Appointment.
        expect((await file.text()).replace(/\r\n /g, '')).to.match(new RegExp(`\r\nUID:${detail.appointment.id}@`));
        await animationsDone();
        await expect(el).to.be.accessible();
      } finally {
        await sandbox.dispose();
      }
    });
  }

  it('$book answering without an Appointment: a plain error, no confirmation, and nothing booked', async () => {
    const sandbox = await Sandbox.create({ schedulingOperations: true, bookAnswer: 'no-appointment' });
    try {
      const client = await sandbox.client('maria');
      const { patient } = await sandbox.token('maria');
      let booked = false;
      const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patient} service-type=${ANNUAL} @portico-appointment-booked=${() => (booked = true)}></appointment-booker>`);
      await openReview(el);
      const slotId = (el as unknown as { selectedTime: { slot: { id: string } } }).selectedTime.slot.id;
      shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
      const alert = await until(() => shadow(el).querySelector('[role="alert"]'), 'the error');
      expect(alert.textContent).to.contain('did not confirm this booking');
      expect(!!shadow(el).querySelector('[part="confirmation"]')).to.equal(false);
      expect(!!shadow(el).querySelector('[part="review"]')).to.equal(true);
      expect(booked).to.equal(false);
      expect((await client.read('Slot', slotId)).status).to.equal('free');
      await animationsDone();
      await expect(el).to.be.accessible();
    } finally {
      await sandbox.dispose();
    }
  });
});

describe('<appointment-booker> keeps what the patient chose', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  /** A booker inside a portal-session signed in with `accessToken`. */
  async function bookerInSession(patient: string, accessToken: string): Promise<AppointmentBooker> {
    const session = await fixture<HTMLElement>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id=${patient} .accessToken=${accessToken}>
      <appointment-booker service-type=${ANNUAL} viewer-time-zone="America/New_York"></appointment-booker>
    </portal-session>`);
    return session.querySelector<AppointmentBooker>('appointment-booker')!;
  }

  /** Opens the review of the first open time and types a reason for the visit. */
  async function reviewWithReason(el: AppointmentBooker, reason: string): Promise<void> {
    await openReview(el);
    const textarea = shadow(el).querySelector('textarea')!;
    textarea.value = reason;
    textarea.dispatchEvent(new Event('input'));
    await el.updateComplete;
  }

  it('a page reload (a sign-in round trip) brings back the chosen time and the reason typed', async () => {
    const { patient } = await sandbox.token('maria');
    const client = await sandbox.client('maria');
    const first = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patient} service-type=${ANNUAL}></appointment-booker>`);
    await reviewWithReason(first, 'Bring my inhaler question');
    const when = shadow(first).querySelector('.facts dd')!.textContent!.replace(/\s+/g, ' ').trim();
    first.remove();

    const again = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patient} service-type=${ANNUAL}></appointment-booker>`);
    await until(() => shadow(again).querySelector('[part="review"] textarea'), 'the review again');
    expect(shadow(again).querySelector('textarea')!.value).to.equal('Bring my inhaler question');
    expect(shadow(again).querySelector('.facts dd')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(when);
    again.remove();

    // Another patient (a parent switching to a child) never sees it.
    const other = await sandbox.token('james', undefined, 'leo');
    const leo = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${other.patient} service-type=${ANNUAL}></appointment-booker>`);
    await firstOpenDay(leo);
    expect(!!shadow(leo).querySelector('[part="review"]')).to.equal(false);
    expect(text(leo)).not.to.contain('inhaler');
    expect(JSON.stringify(bookerDrafts.read(other.patient) ?? null)).not.to.contain('inhaler');
    // Maria's draft is kept for her alone (a parent switching back finds it), under a hash of her id, never the id.
    const kept = Object.keys(sessionStorage).filter((key) => sessionStorage.getItem(key)!.includes('inhaler'));
    expect(kept.length).to.equal(1);
    expect(kept[0]!.includes(patient)).to.equal(false);
    expect(bookerDrafts.read(patient)?.reason).to.equal('Bring my inhaler question');
  });

  it('inside a portal-session, the chosen time and the reason outlive the session starting again (a sign-in round trip)', async () => {
    const { access_token, patient } = await sandbox.token('maria');
    // What the page holds before and after the round trip: the session starts with no patient, then signs in.
    const page = () => bookerInSession(patient, access_token);
    const first = await page();
    await reviewWithReason(first, 'Bring my inhaler question');
    const when = shadow(first).querySelector('.facts dd')!.textContent!.replace(/\s+/g, ' ').trim();
    first.closest('portal-session')!.remove();

    const again = await page();
    await until(() => shadow(again).querySelector('[part="review"] textarea'), 'the review again');
    expect(shadow(again).querySelector('textarea')!.value).to.equal('Bring my inhaler question');
    expect(shadow(again).querySelector('.facts dd')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(when);
    expect(shadow(again).querySelector('[part="confirm-button"]')?.textContent?.trim()).to.equal('Confirm booking');
  });

  it('signing out forgets the unfinished booking: nothing of it is left in the tab, and signing in again starts afresh', async () => {
    const { patient } = await sandbox.token('maria');
    // Each sign-in its own token (signing out may revoke the one before).
    const page = async () => bookerInSession(patient, (await sandbox.token('maria')).access_token);
    const first = await page();
    await reviewWithReason(first, 'A private question');
    expect(Object.values(sessionStorage).some((value) => value.includes('A private question'))).to.equal(true);
    await (first.closest('portal-session') as HTMLElement & { signOut(): Promise<void> }).signOut();
    expect(Object.values(sessionStorage).some((value) => value.includes('A private question'))).to.equal(false);
    first.closest('portal-session')!.remove();
    const again = await page();
    await firstOpenDay(again);
    expect(!!shadow(again).querySelector('[part="review"]')).to.equal(false);
  });

  it('long lists of past visits come in pages, and "Show more" moves focus to the first new one', async () => {
    const { patient } = await sandbox.token('maria');
    const client = await sandbox.client('maria');
    // Years of visits, with a clinician name longer than any real one.
    await sandbox.load(
      Array.from({ length: 25 }, (_, i) => ({
        resourceType: 'Appointment',
        id: `long-history-${i}`,
        status: 'fulfilled',
        start: new Date(Date.now() - (i + 1) * 40 * 86_400_000).toISOString(),
        end: new Date(Date.now() - (i + 1) * 40 * 86_400_000 + 1_800_000).toISOString(),
        participant: [{ actor: { reference: `Patient/${patient}` }, status: 'accepted' }, { actor: { reference: 'Practitioner/dr-chen' }, status: 'accepted' }],
      })),
    );
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patient} view="appointments"></appointment-booker>`);
    await until(() => shadow(el).querySelector('[part="visit"]'), 'upcoming visits');
    buttonNamed(el, 'Past')!.click();
    await until(() => buttonNamed(el, 'Past')?.getAttribute('aria-pressed') === 'true' && shadow(el).querySelector('[part="visit"].fulfilled, [part="visit"].cancelled, [part="visit"].noshow'), 'past visits');
    const before = shadow(el).querySelectorAll('[part="visit"]').length;
    expect(before).to.equal(10);
    expect(shadow(el).querySelector('[part="visit"].fulfilled .status')!.textContent).to.equal('Completed');
    buttonNamed(el, 'Show more')!.click();
    await until(() => shadow(el).querySelectorAll('[part="visit"]').length > before, 'more visits');
    expect(shadow(el).activeElement === shadow(el).querySelectorAll('[part="visit"]')[before]).to.equal(true);
  });
});

describe('<appointment-booker> on a server with no schedules', () => {
  it('says plainly that online booking is not available, and still lists visits', async () => {
    const sandbox = await Sandbox.create();
    try {
      const { patient } = await sandbox.token('maria');
      const client = await sandbox.client('maria');
      // Records exported from another system (as Synthea's) carry no Schedules.
      const { resources } = await client.searchAll('Schedule', {});
      const retired = resources.map((s) => ({ ...s, active: false }));
      await sandbox.load(retired);
      const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} patient-id=${patient}></appointment-booker>`);
      await until(() => text(el).includes('Online booking is not available here yet'), 'the plain message');
      await animationsDone();
      await expect(el).to.be.accessible();
      buttonNamed(el, 'Your appointments')!.click();
      await until(() => shadow(el).querySelector('[part="visit"]'), 'the visits');
    } finally {
      await sandbox.dispose();
    }
  });
});
