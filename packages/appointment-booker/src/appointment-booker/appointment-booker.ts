import type { Appointment, CodeableConcept, Location, Practitioner } from 'fhir/r4';
import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  displayConcept,
  formatClinicianName,
  LocalizeController,
  renderEmpty,
  renderError,
  renderSkeleton,
  referenceId,
  renderUntilReady,
  renderViewingFor,
  saveFile,
  SessionController,
  controlStyles,
  stateStyles,
  themeStyles,
  viewerTimeZone,
  type FhirClient,
} from '@portico/core';
import type { CalendarEvent } from '../calendar/ics.js';
import { DateGridController } from '../date-grid/date-grid.js';
import { dateGridStyles } from '../date-grid/date-grid.styles.js';
import { PorticoAppointmentBookedEvent, PorticoAppointmentCancelledEvent, PorticoAppointmentRequestedEvent } from '../events.js';
import { canCancel, cancelAppointment, isBookingUnconfirmed, isRequest, isSlotTaken, joinWaitlist, newBookingId } from '../scheduling/booking.js';
import { addDays, dayIn, hourIn, sameClock, zoneName } from '../scheduling/clinic-time.js';
import { matchesToken, timeZoneOf, type OpenTime } from '../scheduling/open-times.js';
import { calendarEnd, instantMs, visitMinutes } from '../scheduling/visit-time.js';
import { loadDirectory, loadVisits, schedulerFor, type ClinicDirectory, type SchedulingPath, type Visit } from '../scheduling/scheduler.js';
import { appointmentBookerStyles } from './appointment-booker.styles.js';
import { APPOINTMENT_BOOKER_SCOPES } from '../scopes.js';
import { clinicPhoneFor, PHONE_MARK, renderPhone, renderPhoneSentence } from './clinic-phone.js';

/** The element's two views: booking a visit, and the patient's appointments. */
export const BOOKER_VIEWS = ['book', 'appointments'] as const;
export type BookerView = (typeof BOOKER_VIEWS)[number];

/** `auto` follows the CapabilityStatement and the granted scopes; the others pin a path. */
export const SCHEDULING_PATH_CHOICES = ['auto', 'operations', 'slots', 'request'] as const;
export type SchedulingPathChoice = (typeof SCHEDULING_PATH_CHOICES)[number];

type Step = 'browse' | 'review' | 'booked' | 'waitlisted';

/** What the patient has chosen so far; kept in sessionStorage so a sign-in round trip loses nothing. */
export interface BookerDraft {
  patientId: string;
  serviceType?: string;
  practitioner?: string;
  location?: string;
  day?: string;
  time?: OpenTime;
  reason: string;
  bookingId: string;
  rescheduling?: Visit;
}

/** Where the draft is kept (sessionStorage of the tab; removed once booked and on sign-out). */
export const BOOKER_DRAFT_KEY = 'portico:appointment-booker:draft';
/** Visits listed at first and added by each "Show more". */
const VISITS_PAGE = 10;
const WINDOW_PAD_MS = 36 * 3_600_000;

function conceptToken(concept: CodeableConcept): string {
  const coding = concept.coding?.find((c) => c.code) ?? concept.coding?.[0];
  return coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : '';
}

function practitionerName(practitioner: Practitioner | undefined): string {
  return formatClinicianName(practitioner);
}

function addressLine(location: Location | undefined): string {
  const a = location?.address;
  if (!a) return '';
  return [...(a.line ?? []), a.city, [a.state, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}


/** A time the patient asked for that the clinic has not confirmed yet (a waitlist entry is not one). */
function isProposal(appointment: Appointment): boolean {
  return appointment.status === 'proposed' || appointment.status === 'pending';
}

/**
 * Lets a patient book a visit: what it is for, with whom and where, a day on a month calendar and a
 * time, then review and confirm. Also lists upcoming and past visits with add-to-calendar, reschedule
 * and cancel. Works on any FHIR R4 server: `Appointment/$find` and `$book` when the server offers
 * them, else a Slot search and one transaction per booking, so a time is never booked twice. Where
 * the granted scopes allow neither (as on most production servers), confirming sends the clinic a
 * request for the time (a `proposed` Appointment) that the clinic confirms; where not even that is
 * allowed, the open times are shown with the clinic's phone number, and no button that would fail.
 *
 * @summary Book, reschedule and cancel visits.
 *
 * @csspart tabs - The switch between "Book a visit" and "Your appointments".
 * @csspart filters - The visit type, clinician and location choices.
 * @csspart calendar - The month calendar (see also `day`, `day-selected`).
 * @csspart times - The list of open times for the chosen day.
 * @csspart time-button - One open time.
 * @csspart review - The review-and-confirm panel.
 * @csspart confirm-button - The button that books.
 * @csspart confirmation - What the patient sees once booked.
 * @csspart visit - One appointment in the list.
 * @csspart notice - Messages such as "that time was just taken".
 * @csspart contact - How to reach the clinic where visits cannot be booked online (with `notice`).
 *
 * @fires {PorticoAppointmentBookedEvent} portico-appointment-booked - A visit was booked or moved; detail `{ appointment, rescheduledFrom? }`.
 * @fires {PorticoAppointmentRequestedEvent} portico-appointment-requested - The patient asked the clinic for a time (the `request` path); detail `{ appointment }`.
 * @fires {PorticoAppointmentCancelledEvent} portico-appointment-cancelled - A visit was cancelled; detail `{ appointment }`.
 */
export class AppointmentBooker extends LitElement {
  /** The SMART scopes it needs: the clinic directory, open times, visits past and upcoming, and booking (`portal-session` asks for them). */
  static readonly scopes = APPOINTMENT_BOOKER_SCOPES;
  static override styles = [themeStyles, stateStyles, controlStyles, dateGridStyles, appointmentBookerStyles];

  private readonly session = new SessionController(this);
  private readonly localize = new LocalizeController(this, { locale: () => this.session.locale });
  private readonly grid = new DateGridController(this, {
    locale: () => this.localize.lang(),
    min: () => this.firstDay,
    max: () => this.lastDay,
    counts: () => this.dayCounts,
    selected: () => this.day,
    today: () => dayIn(new Date(), this.clinicTimeZone),
    onSelect: (day) => this.selectDay(day),
    labels: () => ({
      previousMonth: this.localize.term('previousMonth'),
      nextMonth: this.localize.term('nextMonth'),
      openTimes: (count) => this.localize.term('openTimes', count),
      noOpenTimes: this.localize.term('openTimes', 0),
    }),
  });

  /** The scheduler (path and rights from the CapabilityStatement and the granted scopes) and the clinic directory. */
  private readonly setup = new Task(this, {
    task: async ([client, prefer], { signal }) => {
      if (!client) return undefined;
      const [scheduler, directory] = await Promise.all([schedulerFor(client, { signal, prefer: prefer === 'auto' ? undefined : prefer }), loadDirectory(client, { signal })]);
      return { scheduler, directory };
    },
    args: () => [this.session.client, this.schedulingPath] as const,
  });

  /** Open times in the visible month (one request), or the first one after it when the month has none. */
  private readonly times = new Task(this, {
    task: async ([scheduler, serviceType, practitioner, location, month, firstDay, lastDay, _refresh], { signal }) => {
      if (!scheduler || !month) return undefined;
      const zone = this.clinicTimeZone;
      const from = Math.max(Date.now() + this.minNoticeHours * 3_600_000, Date.parse(`${month}T00:00:00Z`) - WINDOW_PAD_MS);
      const monthEnd = addDays(month, 32).slice(0, 8) + '01';
      // The first day after what this month shows (its end, or the window's); the search is padded by a
      // day and a half either side, as clinic days and UTC days differ.
      const boundary = Math.min(Date.parse(`${addDays(lastDay, 1)}T00:00:00Z`), Date.parse(`${monthEnd}T00:00:00Z`));
      const until = boundary + WINDOW_PAD_MS;
      const filters = { serviceType, practitioner, location, signal };
      const found = from < until ? await scheduler.find({ ...filters, start: new Date(from), end: new Date(until) }) : { times: [], truncated: false };
      // A search the patient has moved on from (another clinician, month or visit to move) changes nothing.
      signal.throwIfAborted();
      const lastOfMonth = addDays(monthEnd, -1);
      const earliest = Date.now() + this.minNoticeHours * 3_600_000;
      // The open times of each calendar day (the clinic's), worked out once per search.
      const byDay = new Map<string, OpenTime[]>();
      for (const t of found.times) {
        const day = dayIn(t.start, t.timeZone ?? zone);
        if (day < firstDay || day > lastDay || day < month || day > lastOfMonth || Date.parse(t.start) < earliest) continue;
        byDay.set(day, [...(byDay.get(day) ?? []), t]);
      }
      const counts = new Map([...byDay].map(([day, list]) => [day, list.length]));
      const first = byDay.keys().next().value;
      // The first day with open times is shown at once (as "first available" should be); a day the
      // patient picked in this month stays.
      if (first && (!this.day || this.day.slice(0, 7) !== month.slice(0, 7))) this.day = first;
      let next: OpenTime | undefined;
      if (!byDay.size) {
        // From the padded boundary: the shown days had no open time, so the first found is after them
        // (starting past the padding would skip the next month's first day and a half).
        const after = Math.max(from, boundary - WINDOW_PAD_MS);
        const later = await scheduler.find({ ...filters, start: new Date(after), end: new Date(after + 92 * 86_400_000), max: 1 });
        next = later.times[0];
        signal.throwIfAborted();
        // Nothing left in this month (its last days, a holiday week) and no day chosen yet, or the day
        // chosen here has just lost its last time (taken meanwhile): the first open day is shown, in the
        // month it falls in, rather than "no open times" with times ahead. A month the patient browsed
        // to, with their day in another, stays as they asked.
        const nextDay = next && dayIn(next.start, next.timeZone ?? zone);
        const chosenHere = !!this.day && this.day.slice(0, 7) === month.slice(0, 7);
        if (nextDay && (!this.day || chosenHere) && nextDay <= lastDay) {
          this.grid.showMonthOf(nextDay);
          this.day = nextDay;
        }
      }
      let total = 0;
      for (const count of counts.values()) total += count;
      return { byDay, counts, total, next };
    },
    args: () =>
      [this.setup.value?.scheduler, this.serviceTypeToken, this.chosenPractitioner, this.chosenLocation, this.grid.visibleMonth, this.firstDay, this.lastDay, this.refreshCount] as const,
  });

  /** The patient's visits for the appointments view. */
  private readonly visits = new Task(this, {
    task: async ([client, patientId, view, tab, _refresh], { signal }) => {
      if (!client || !patientId || view !== 'appointments') return undefined;
      const found: { visits: Visit[]; truncated: boolean; encountersNext?: string } = await loadVisits(client, { patientId, when: tab, signal });
      // No past Appointments (records kept as Encounters, as EHR exports are): the finished Encounters are the past visits.
      if (tab === 'past' && !found.visits.length) {
        // Loaded only for records kept as Encounters (most patients have past Appointments).
        const { loadFinishedEncounters } = await import('../scheduling/past-encounters.js');
        const page = await loadFinishedEncounters(client, { patientId, signal });
        return { visits: page.visits, truncated: false, encountersNext: page.next };
      }
      return found;
    },
    args: () => [this.session.client, this.session.patientId, this.view, this.visitsTab, this.refreshCount] as const,
  });

  @query('[data-focus-target]') private focusTarget?: HTMLElement | null;

  @state() private step: Step = 'browse';
  @state() private chosenServiceType?: string;
  @state() private chosenPractitioner?: string;
  @state() private chosenLocation?: string;
  @state() private day?: string;
  @state() private selectedTime?: OpenTime;
  @state() private reason = '';
  @state() private bookingId = newBookingId();
  @state() private rescheduling?: Visit;
  @state() private busy = false;
  @state() private notice?: { kind: 'taken' | 'error' | 'done'; text: string };
  @state() private bookedVisit?: Visit;
  @state() private visitsTab: 'upcoming' | 'past' = 'upcoming';
  @state() private cancellingId?: string;
  @state() private cancelReason = '';
  @state() private announcement = '';
  @state() private refreshCount = 0;
  @state() private visitsShown = VISITS_PAGE;
  /** The patient the current choices (and the saved draft) belong to. */
  private draftPatient?: string;

  /** A FHIR client to use without a portal-session (with `patient-id`). */
  @property({ attribute: false }) client?: FhirClient;

  /** The patient to book for without a portal-session. */
  @property({ attribute: 'patient-id' }) patientId?: string;

  /** Which view opens first: `book` or `appointments`. */
  @property() view: BookerView = 'book';

  /** Fixes the visit type (`system|code` or a code) and skips that choice. */
  @property({ attribute: 'service-type' }) serviceType?: string;

  /** Fixes the clinician (Practitioner id) and skips that choice. */
  @property() practitioner?: string;

  /** Fixes the location (Location id) and skips that choice. */
  @property() location?: string;

  /** How many days ahead patients can book. */
  @property({ type: Number, attribute: 'days-ahead' }) daysAhead = 90;

  /** The least notice, in hours, a booking needs. */
  @property({ type: Number, attribute: 'min-notice-hours' }) minNoticeHours = 2;

  /** Visits closer than this many hours cannot be cancelled or moved online. */
  @property({ type: Number, attribute: 'cancel-cutoff-hours' }) cancelCutoffHours = 24;

  /** The clinic's phone number, for wherever the patient is told to call and the data gives no number for the place. */
  @property({ attribute: 'clinic-phone' }) clinicPhone?: string;

  /** Puts the patient's reason for the visit in the calendar file's description (left out by default: calendars are often shared). */
  @property({ type: Boolean, attribute: 'ics-include-reason' }) icsIncludeReason = false;

  /** Hides the waitlist offer when no time is open. */
  @property({ type: Boolean, attribute: 'no-waitlist' }) noWaitlist = false;

  /**
   * How open times are found and booked: `auto` (from the CapabilityStatement and the granted scopes),
   * `operations` (`$find`/`$book`), `slots` (Slot search and a transaction) or `request` (the clinic confirms).
   */
  @property({ attribute: 'scheduling-path' }) schedulingPath: SchedulingPathChoice = 'auto';

  /** The time zone of the person viewing (defaults to the browser's); times in another zone are noted. */
  @property({ attribute: 'viewer-time-zone' }) viewerTimeZone = viewerTimeZone();

  /** The scheduling path in use, once known. */
  get path(): SchedulingPath | undefined {
    return this.setup.value?.scheduler.path;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Choices belong to one patient: a draft is restored only for the patient it was made for, and a
    // switch to another patient (a parent with several children) starts afresh.
    const patientId = this.session.patientId;
    if (this.session.status === 'signed-out') {
      // Signing out forgets the unfinished booking (it may hold the reason for the visit).
      try {
        sessionStorage.removeItem(BOOKER_DRAFT_KEY);
      } catch {
        // Storage blocked: nothing was kept.
      }
    }
    if (patientId !== this.draftPatient) {
      if (this.draftPatient) this.startOver();
      this.draftPatient = patientId;
      if (patientId) this.restoreDraft(patientId);
    }
    if (changed.has('serviceType')) this.chosenServiceType = this.serviceType || undefined;
    if (changed.has('practitioner')) this.chosenPractitioner = this.practitioner || undefined;
    if (changed.has('location')) this.chosenLocation = this.location || undefined;
  }

  protected override updated(): void {
    this.saveDraft();
  }

  // ---------------------------------------------------------------------------------------------
  // Derived values

  private get directory(): ClinicDirectory | undefined {
    return this.setup.value?.directory;
  }

  /** The time zone the calendar's days are in: the clinic's, from the data; else the viewer's. */
  private get clinicTimeZone(): string {
    return timeZoneOf(...(this.directory?.locations ?? [])) ?? this.viewerTimeZone;
  }

  private get firstDay(): string {
    return dayIn(new Date(Date.now() + this.minNoticeHours * 3_600_000), this.clinicTimeZone);
  }

  private get lastDay(): string {
    const last = addDays(dayIn(new Date(), this.clinicTimeZone), Math.max(1, this.daysAhead));
    return last < this.firstDay ? this.firstDay : last;
  }

  private get serviceTypeToken(): string | undefined {
    if (this.chosenServiceType) return this.chosenServiceType;
    const types = this.directory?.serviceTypes ?? [];
    return types.length === 1 ? conceptToken(types[0]!) : undefined;
  }

  /** The visit types the schedules offer, with the visit-type system first when a schedule lists several. */
  private get serviceTypes(): CodeableConcept[] {
    return this.directory?.serviceTypes ?? [];
  }

  private get needsServiceType(): boolean {
    return !this.serviceType && this.serviceTypes.length > 1 && !this.chosenServiceType;
  }

  private get dayCounts(): ReadonlyMap<string, number> {
    return this.times.value?.counts ?? new Map();
  }

  /**
   * The number to call about `location`: its own phone, else its organization's, else `clinic-phone`.
   * With no place: `clinic-phone`, else the phone of the organization running the clinic's places.
   */
  private phoneFor(location?: Location): string | undefined {
    return clinicPhoneFor({ location, locations: this.directory?.locations ?? [], organizations: this.directory?.organizations ?? [], clinicPhone: this.clinicPhone });
  }

  /** The visit type a booking of `time` records (and the review names): the one chosen, else the time's first. */
  private serviceTypeFor(time: OpenTime): CodeableConcept | undefined {
    const token = this.serviceTypeToken;
    if (!token) return time.serviceTypes[0];
    return this.serviceTypes.find((c) => conceptToken(c) === token) ?? time.serviceTypes.find((c) => matchesToken(c, token)) ?? time.serviceTypes[0];
  }

  private timesOn(day: string | undefined): OpenTime[] {
    return (day && this.times.value?.byDay.get(day)) || [];
  }

  private practitionersFor(serviceType: string | undefined): Practitioner[] {
    const directory = this.directory;
    if (!directory) return [];
    if (!serviceType) return directory.practitioners;
    const ids = new Set(
      directory.schedules
        .filter((s) => (s.serviceType ?? []).some((c) => matchesToken(c, serviceType)))
        .flatMap((s) => (s.actor ?? []).map((a) => referenceId(a, 'Practitioner'))),
    );
    return directory.practitioners.filter((p) => ids.has(p.id));
  }

  // ---------------------------------------------------------------------------------------------
  // Draft

  private startOver(): void {
    Object.assign(this, {
      step: 'browse',
      chosenServiceType: this.serviceType,
      chosenPractitioner: this.practitioner,
      chosenLocation: this.location,
      day: undefined,
      selectedTime: undefined,
      reason: '',
      bookingId: newBookingId(),
      rescheduling: undefined,
      notice: undefined,
      bookedVisit: undefined,
      cancellingId: undefined,
    });
  }

  private restoreDraft(patientId: string): void {
    try {
      const draft = JSON.parse(sessionStorage.getItem(BOOKER_DRAFT_KEY) ?? 'null') as BookerDraft | null;
      if (!draft || draft.patientId !== patientId) return;
      Object.assign(this, {
        chosenServiceType: draft.serviceType,
        chosenPractitioner: draft.practitioner,
        chosenLocation: draft.location,
        day: draft.day,
        selectedTime: draft.time,
        reason: draft.reason,
        bookingId: draft.bookingId,
        rescheduling: draft.rescheduling,
        step: draft.time ? 'review' : 'browse',
      });
      if (draft.day) this.grid.showMonthOf(draft.day);
    } catch {
      // A draft that cannot be read is dropped.
    }
  }

  private saveDraft(): void {
    const patientId = this.session.patientId;
    // No patient yet: the session is still starting (as after the sign-in round trip the draft is
    // kept for), so a stored draft waits for restoreDraft. Signing out removes it in willUpdate.
    if (!patientId) return;
    try {
      if (this.step === 'booked' || this.step === 'waitlisted' || (!this.selectedTime && !this.reason && !this.rescheduling)) {
        sessionStorage.removeItem(BOOKER_DRAFT_KEY);
        return;
      }
      const draft: BookerDraft = {
        patientId,
        serviceType: this.chosenServiceType,
        practitioner: this.chosenPractitioner,
        location: this.chosenLocation,
        day: this.day,
        time: this.step === 'review' ? this.selectedTime : undefined,
        reason: this.reason,
        bookingId: this.bookingId,
        rescheduling: this.rescheduling,
      };
      sessionStorage.setItem(BOOKER_DRAFT_KEY, JSON.stringify(draft));
    } catch {
      // Storage may be full or blocked; the draft then lives only in memory.
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  private announce(text: string): void {
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  private async focusAfterRender(): Promise<void> {
    await this.updateComplete;
    this.focusTarget?.focus();
  }

  private chooseServiceType(token: string): void {
    this.chosenServiceType = token || undefined;
    if (this.chosenPractitioner && !this.practitionersFor(this.chosenServiceType).some((p) => p.id === this.chosenPractitioner) && !this.practitioner) {
      this.chosenPractitioner = undefined;
    }
    this.resetTime();
  }

  private resetTime(): void {
    this.selectedTime = undefined;
    this.notice = undefined;
  }

  private selectDay(day: string): void {
    this.day = day;
    this.selectedTime = undefined;
    const count = this.timesOn(day).length;
    this.announce(`${this.dayLabel(day)}: ${this.localize.term('openTimes', count)}`);
  }

  private chooseTime(time: OpenTime): void {
    this.selectedTime = time;
    this.notice = undefined;
    this.step = 'review';
    void this.focusAfterRender();
  }

  private backToTimes(): void {
    this.step = 'browse';
    this.selectedTime = undefined;
    void this.focusAfterRender();
  }

  private async confirm(): Promise<void> {
    const scheduler = this.setup.value?.scheduler;
    const patientId = this.session.patientId;
    const time = this.selectedTime;
    if (!scheduler || !patientId || !time || this.busy) return;
    this.busy = true;
    this.notice = undefined;
    const options = { time, patientId, bookingId: this.bookingId, reason: this.reason, serviceType: this.serviceTypeFor(time) };
    try {
      const previous = this.rescheduling?.appointment;
      const appointment = previous ? await scheduler.reschedule({ ...options, appointment: previous }) : await scheduler.book(options);
      this.bookedVisit = { appointment, practitioner: time.practitioner, location: time.location, timeZone: time.timeZone };
      this.step = 'booked';
      this.rescheduling = undefined;
      this.reason = '';
      this.bookingId = newBookingId();
      this.refreshCount++;
      const when = this.when(appointment.start ?? time.start, time.timeZone);
      if (isProposal(appointment)) {
        this.announce(this.localize.term('requestedAnnouncement', when));
        this.dispatchEvent(new PorticoAppointmentRequestedEvent({ appointment }));
      } else {
        this.announce(this.localize.term('bookedAnnouncement', when));
        this.dispatchEvent(new PorticoAppointmentBookedEvent({ appointment, rescheduledFrom: previous }));
      }
      void this.focusAfterRender();
    } catch (error) {
      if (isBookingUnconfirmed(error)) {
        // The server's words are for the console (logged where the answer was read); the patient is
        // told to look at their list before trying again, which may already hold the visit.
        this.notice = { kind: 'error', text: this.localize.term('bookingUnconfirmed') };
        this.refreshCount++;
      } else if (isSlotTaken(error)) {
        // Everything else stays: visit type, clinician, place, day and the reason typed.
        this.notice = { kind: 'taken', text: this.localize.term('slotTaken') };
        this.selectedTime = undefined;
        this.step = 'browse';
        this.refreshCount++;
        void this.focusAfterRender();
      } else {
        this.notice = { kind: 'error', text: this.localize.errorMessage(error) };
      }
    } finally {
      this.busy = false;
    }
  }

  private async joinWaitlist(): Promise<void> {
    const client = this.session.client;
    const patientId = this.session.patientId;
    if (!client || !patientId || this.busy) return;
    this.busy = true;
    this.notice = undefined;
    try {
      await joinWaitlist(client, {
        patientId,
        bookingId: this.bookingId,
        serviceType: this.serviceTypes.find((c) => conceptToken(c) === this.serviceTypeToken),
        practitionerId: this.chosenPractitioner,
        locationId: this.chosenLocation,
        period: { start: this.firstDay, end: this.lastDay },
        comment: this.reason,
      });
      this.step = 'waitlisted';
      this.bookingId = newBookingId();
      this.announce(this.localize.term('waitlistJoined'));
      void this.focusAfterRender();
    } catch (error) {
      this.notice = { kind: 'error', text: this.localize.errorMessage(error) };
    } finally {
      this.busy = false;
    }
  }

  private async cancel(visit: Visit): Promise<void> {
    const client = this.session.client;
    if (!client || this.busy) return;
    this.busy = true;
    this.notice = undefined;
    try {
      // The scheduler frees the visit's Slot only where the patient may write Slots (never for a request).
      const scheduler = this.setup.value?.scheduler;
      const options = { reason: this.cancelReason };
      const appointment = scheduler ? await scheduler.cancel(visit.appointment, options) : await cancelAppointment(client, visit.appointment, { ...options, freeSlot: false });
      this.cancellingId = undefined;
      this.cancelReason = '';
      this.notice = { kind: 'done', text: isProposal(visit.appointment) ? this.localize.term('requestWithdrawn') : this.localize.term('cancelledVisit', this.visitInWords(visit)) };
      this.refreshCount++;
      this.dispatchEvent(new PorticoAppointmentCancelledEvent({ appointment }));
      void this.focusAfterRender();
    } catch (error) {
      this.notice = { kind: 'error', text: this.localize.errorMessage(error) };
    } finally {
      this.busy = false;
    }
  }

  private startReschedule(visit: Visit): void {
    const appointment = visit.appointment;
    this.rescheduling = visit;
    this.chosenServiceType = this.serviceType ?? (appointment.serviceType?.[0] ? conceptToken(appointment.serviceType[0]) : undefined);
    this.chosenPractitioner = this.practitioner ?? visit.practitioner?.id;
    this.chosenLocation = this.location ?? visit.location?.id;
    this.reason = appointment.description ?? '';
    this.bookingId = newBookingId();
    this.day = undefined;
    this.selectedTime = undefined;
    this.notice = undefined;
    this.step = 'browse';
    this.view = 'book';
    void this.focusAfterRender();
  }

  private showView(view: BookerView): void {
    this.view = view;
    this.notice = undefined;
    this.cancellingId = undefined;
    if (view === 'book' && (this.step === 'booked' || this.step === 'waitlisted')) this.step = 'browse';
  }

  /** Lists more visits and moves focus to the first new one, so keyboard users continue where they were. */
  private async showMoreVisits(from: number): Promise<void> {
    this.visitsShown += VISITS_PAGE;
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('[part="visit"]')[from]?.focus();
  }

  /** The next page of finished Encounters, added to the list; focus moves to the first new one. */
  private async showMoreEncounters(result: { visits: Visit[]; encountersNext?: string }, from: number): Promise<void> {
    const client = this.session.client;
    const patientId = this.session.patientId;
    if (!client || !patientId || !result.encountersNext || this.busy) return;
    this.busy = true;
    try {
      const { loadFinishedEncounters } = await import('../scheduling/past-encounters.js');
      const page = await loadFinishedEncounters(client, { patientId, next: result.encountersNext });
      result.visits.push(...page.visits);
      result.encountersNext = page.next;
      await this.showMoreVisits(from);
    } catch (error) {
      this.notice = { kind: 'error', text: this.localize.errorMessage(error) };
    } finally {
      this.busy = false;
    }
  }

  private bookAnother(): void {
    this.step = 'browse';
    this.day = undefined;
    this.selectedTime = undefined;
    void this.focusAfterRender();
  }

  private async downloadIcs(visit: Visit): Promise<void> {
    // The calendar writer is loaded the first time a patient asks for it.
    const { icsBlob, icsFileName } = await import('../calendar/ics.js');
    const event = this.calendarEvent(visit);
    // Core's download helper: a text/calendar file, its link in the shadow root (the host page's click handlers never see it).
    saveFile(icsBlob(event), { title: icsFileName(event), fallbackName: 'appointment', container: this.renderRoot });
  }

  /** The calendar entry for a visit. */
  calendarEvent(visit: Visit): CalendarEvent {
    const { appointment, practitioner, location } = visit;
    const type = displayConcept(appointment.serviceType?.[0], '', this.localize.lang()) || this.localize.term('bookVisit');
    const who = practitionerName(practitioner);
    const host = (() => {
      try {
        return new URL(this.session.client?.baseUrl ?? 'https://fhir.invalid').host;
      } catch {
        return 'fhir.invalid';
      }
    })();
    return {
      uid: `${appointment.id}@${host}`,
      start: appointment.start!,
      end: calendarEnd(appointment.start!, appointment.end, appointment.minutesDuration),
      timeZone: visit.timeZone,
      summary: who ? `${type} · ${who}` : type,
      location: [location?.name, addressLine(location)].filter(Boolean).join(', ') || undefined,
      description: [appointment.patientInstruction, appointment.comment, this.icsIncludeReason ? appointment.description : undefined].filter(Boolean).join('\n\n') || undefined,
      status: appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      // A cancellation must outrank the booking in the patient's calendar; a reschedule is a new visit (new UID).
      sequence: appointment.status === 'cancelled' ? 1 : 0,
      alarmMinutesBefore: 60,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Formatting

  private when(start: string | undefined, timeZone: string | undefined): string {
    if (!start) return '';
    if (instantMs(start) === undefined) return this.localize.term('timeNotGiven');
    const zone = timeZone ?? this.clinicTimeZone;
    return this.localize.date(start, { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  }

  /** A visit in a line: its type, time and clinician ('Follow-up visit, Monday, December 7, 2026 at 8:30 AM EST, Linda May Chen, MD'). */
  private visitInWords(visit: Visit): string {
    const { appointment } = visit;
    return [displayConcept(appointment.serviceType?.[0], '', this.localize.lang()), this.when(appointment.start, visit.timeZone), practitionerName(visit.practitioner)].filter(Boolean).join(', ');
  }

  /** A calendar day ('YYYY-MM-DD') in words: 'Tuesday, November 25, 2026'. */
  private dayLabel(day: string): string {
    return this.localize.date(`${day}T12:00:00Z`, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  }

  private clock(start: string, timeZone: string | undefined): string {
    return this.localize.date(start, { timeZone: timeZone ?? this.clinicTimeZone, hour: 'numeric', minute: '2-digit' });
  }

  private viewerNote(start: string | undefined, timeZone: string | undefined): TemplateResult | typeof nothing {
    if (!start || sameClock(timeZone ?? this.clinicTimeZone, this.viewerTimeZone, new Date(start))) return nothing;
    const theirs = this.localize.date(start, { timeZone: this.viewerTimeZone, weekday: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    return html`<span class="viewer-time">(${this.localize.term('yourTime', theirs)})</span>`;
  }

  /** A waitlist request's window: 'Any time from Nov 21, 2026 to Feb 19, 2027'. */
  private requestedPeriod(appointment: Appointment): string {
    const period = appointment.requestedPeriod?.[0];
    if (!period?.start) return '';
    return period.end ? this.localize.term('waitlistPeriod', this.localize.fhirDate(period.start), this.localize.fhirDate(period.end)) : this.localize.fhirDate(period.start);
  }

  private statusLabel(status: Appointment['status']): string {
    switch (status) {
      case 'booked':
        return this.localize.term('statusBooked');
      case 'arrived':
      case 'checked-in':
        return this.localize.term('statusCheckedIn');
      case 'fulfilled':
        return this.localize.term('statusFulfilled');
      case 'noshow':
        return this.localize.term('statusNoShow');
      case 'cancelled':
        return this.localize.term('statusCancelled');
      case 'waitlist':
        return this.localize.term('statusWaitlist');
      case 'pending':
      case 'proposed':
        return this.localize.term('statusPending');
      default:
        return this.localize.term('statusOther');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    const gate = renderUntilReady(this.session, { message: this.localize.term('signInToBook'), signInLabel: this.localize.term('signIn'), loadingLabel: this.localize.term('loading') });
    if (gate) return gate;
    return html`<div class="booker" dir=${this.localize.dir()}>
      <nav class="tabs" part="tabs" aria-label=${this.localize.term('bookVisit')}>
        ${BOOKER_VIEWS.map(
          (view) => html`<button type="button" class="tab" aria-current=${this.view === view ? 'page' : 'false'} @click=${() => this.showView(view)}>
            ${view === 'book' ? this.localize.term('bookVisit') : this.localize.term('yourAppointments')}
          </button>`,
        )}
      </nav>
      ${this.view === 'appointments' ? this.renderAppointments() : this.renderBooking()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  private renderNotice() {
    const notice = this.notice;
    if (!notice) return nothing;
    return html`<p class="notice ${notice.kind}" part="notice" role=${notice.kind === 'done' ? 'status' : 'alert'}>${notice.text}</p>`;
  }

  /** On the request path: that the clinic confirms, or (when not even a request can be made) how to book by phone. */
  private renderPathNote() {
    const scheduler = this.setup.value?.scheduler;
    if (!scheduler || scheduler.path !== 'request') return nothing;
    return scheduler.canBook ? html`<p class="request-note">${this.localize.term('requestsOnly')}</p>` : this.renderClinicContact();
  }

  /** "Call the clinic to book", with the phone of `location`, or of the chosen place, or of every place. */
  private renderClinicContact(location?: Location) {
    const places = location ? [location] : (this.directory?.locations ?? []).filter((l) => !this.chosenLocation || l.id === this.chosenLocation);
    const listed = places.flatMap((place) => {
      const phone = this.phoneFor(place);
      return phone ? [{ place: place as Location | undefined, phone }] : [];
    });
    const fallback = this.phoneFor();
    const phones = listed.length ? listed : fallback ? [{ place: undefined, phone: fallback }] : [];
    return html`<div class="contact" part="notice contact">
      <p>${this.localize.term('bookByPhone')}</p>
      ${phones.length
        ? html`<ul class="phones">
            ${phones.map(({ place, phone }) => html`<li>${place?.name ? html`${place.name}: ` : nothing}${renderPhone(phone)}</li>`)}
          </ul>`
        : nothing}
    </div>`;
  }

  /** A sentence of the catalogue that names a phone number, with the number as a link. */
  private phoneSentence(term: 'callToCancel' | 'callToChange' | 'callToBook', phone: string) {
    return renderPhoneSentence(this.localize.term(term, PHONE_MARK), phone);
  }

  /** "To book, call …" with the clinic's number, when one is known. */
  private renderCallToBook() {
    const phone = this.phoneFor(this.directory?.locations.find((l) => l.id === this.chosenLocation));
    return phone ? html`<p class="contact" part="notice contact">${this.phoneSentence('callToBook', phone)}</p>` : nothing;
  }

  private renderBooking() {
    if (this.setup.status === TaskStatus.ERROR) {
      return this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(this.setup.error), onRetry: () => void this.setup.run(), retryLabel: this.localize.term('retry') });
    }
    if (!this.setup.value) return renderSkeleton({ label: this.localize.term('loadingTimes'), lines: 4 });
    // A server with no schedules (records exported from elsewhere, or a clinic not set up for it).
    if (!this.setup.value.directory.schedules.length && this.setup.value.scheduler.path !== 'operations') {
      return html`${renderEmpty({ heading: this.localize.term('noOnlineBooking'), headingLevel: 2 })} ${this.renderCallToBook()}`;
    }
    switch (this.step) {
      case 'review':
        return this.renderReview();
      case 'booked':
        return this.renderBooked();
      case 'waitlisted':
        return html`<section class="confirmation" part="confirmation">
          <h2 tabindex="-1" data-focus-target>${this.localize.term('waitlistJoined')}</h2>
          <div class="actions"><button type="button" @click=${() => this.showView('appointments')}>${this.localize.term('seeAppointments')}</button></div>
        </section>`;
      default:
        return this.renderBrowse();
    }
  }

  private renderFilters() {
    const types = this.serviceTypes;
    const showTypes = !this.serviceType && types.length > 1;
    const practitioners = this.practitionersFor(this.serviceTypeToken);
    const locations = this.directory?.locations ?? [];
    return html`<div class="filters" part="filters">
      ${showTypes
        ? html`<label class="field">
            <span>${this.localize.term('chooseVisitType')}</span>
            <select @change=${(e: Event) => this.chooseServiceType((e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.chosenServiceType}>${this.localize.term('visitType')}…</option>
              ${types.map((c) => html`<option value=${conceptToken(c)} ?selected=${conceptToken(c) === this.chosenServiceType}>${displayConcept(c, '', this.localize.lang())}</option>`)}
            </select>
          </label>`
        : nothing}
      ${!this.practitioner && !this.needsServiceType
        ? html`<label class="field">
            <span>${this.localize.term('clinician')}</span>
            <select
              @change=${(e: Event) => {
                this.chosenPractitioner = (e.target as HTMLSelectElement).value || undefined;
                this.resetTime();
              }}
            >
              <option value="" ?selected=${!this.chosenPractitioner}>${this.localize.term('anyClinician')}</option>
              ${practitioners.map((p) => html`<option value=${p.id!} ?selected=${p.id === this.chosenPractitioner}>${practitionerName(p)}</option>`)}
            </select>
          </label>`
        : nothing}
      ${!this.location && !this.needsServiceType && locations.length > 1
        ? html`<label class="field">
            <span>${this.localize.term('place')}</span>
            <select
              @change=${(e: Event) => {
                this.chosenLocation = (e.target as HTMLSelectElement).value || undefined;
                this.resetTime();
              }}
            >
              <option value="" ?selected=${!this.chosenLocation}>${this.localize.term('anyPlace')}</option>
              ${locations.map((l) => html`<option value=${l.id!} ?selected=${l.id === this.chosenLocation}>${l.name}</option>`)}
            </select>
          </label>`
        : nothing}
    </div>`;
  }

  private renderBrowse() {
    const rescheduling = this.rescheduling;
    return html`<section class="browse" aria-labelledby="browse-heading">
      <h2 id="browse-heading" tabindex="-1" data-focus-target>${this.localize.term(rescheduling ? 'reschedule' : 'bookVisit')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
      ${rescheduling ? html`<p class="rescheduling">${this.localize.term('rescheduling', this.when(rescheduling.appointment.start, rescheduling.timeZone))}</p>` : nothing}
      ${this.renderPathNote()} ${this.renderNotice()} ${this.renderFilters()}
      ${this.needsServiceType
        ? nothing
        : html`<div class="picker">
            <div class="calendar-column">
              <h3 class="step-heading">${this.localize.term('chooseDay')}</h3>
              ${this.grid.render()}
            </div>
            <div class="times-column">${this.renderTimes()}</div>
          </div>`}
    </section>`;
  }

  private renderTimes() {
    return this.times.render({
      initial: () => renderSkeleton({ label: this.localize.term('loadingTimes'), lines: 3 }),
      pending: () => renderSkeleton({ label: this.localize.term('loadingTimes'), lines: 3 }),
      error: (error) => this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(error), onRetry: () => void this.times.run(), retryLabel: this.localize.term('retry') }),
      complete: (result) => {
        if (!result) return nothing;
        if (!result.total) return this.renderNoTimes(result.next);
        const times = this.timesOn(this.day);
        const zone = times[0]?.timeZone ?? this.clinicTimeZone;
        const sample = new Date(times[0]?.start ?? Date.now());
        return html`<h3 class="step-heading">${this.localize.term('chooseTime')}</h3>
          ${this.day
            ? html`<p class="day-heading">${this.dayLabel(this.day)}</p>
                ${!sameClock(zone, this.viewerTimeZone, sample) ? html`<p class="zone-note">${this.localize.term('timesInZone', zoneName(this.localize.lang(), zone, sample))}</p>` : nothing}
                ${times.length ? this.renderTimeGroups(times) : html`<p class="hint">${this.localize.term('noOpenTimesThatDay')}</p>`}`
            : html`<p class="hint">${this.localize.term('chooseDay')}: ${this.localize.term('openTimes', result.total)}</p>`}`;
      },
    });
  }

  private renderTimeGroups(times: OpenTime[]) {
    const groups: [string, OpenTime[]][] = [
      [this.localize.term('morning'), []],
      [this.localize.term('afternoon'), []],
      [this.localize.term('evening'), []],
    ];
    for (const t of times) {
      const hour = hourIn(t.start, t.timeZone ?? this.clinicTimeZone);
      groups[hour < 12 ? 0 : hour < 17 ? 1 : 2]![1].push(t);
    }
    const anyClinician = !this.chosenPractitioner;
    return html`${groups
      .filter(([, list]) => list.length)
      .map(
        ([label, list]) => html`<div class="time-group" role="group" aria-label=${label}>
          <h4>${label}</h4>
          <ul class="times" part="times">
            ${list.map((t) => {
              const minutes = visitMinutes(t.start, t.end);
              return html`<li>
                <button type="button" class="time" part="time-button" @click=${() => this.chooseTime(t)}>
                  <span class="clock">${this.clock(t.start, t.timeZone)}</span>
                  <span class="meta">
                    ${anyClinician && t.practitioner ? html`<span>${practitionerName(t.practitioner)}</span>` : nothing}
                    ${!this.chosenLocation && t.location?.name ? html`<span>${t.location.name}</span>` : nothing}
                    <span>${minutes ? this.localize.term('minutes', minutes) : this.localize.term('lengthNotGiven')}</span>
                  </span>
                </button>
              </li>`;
            })}
          </ul>
        </div>`,
      )}`;
  }

  private renderNoTimes(next: OpenTime | undefined) {
    const month = this.grid.visibleMonth;
    const monthEnd = addDays(addDays(month, 32).slice(0, 8) + '01', -1);
    const until = this.dayLabel(monthEnd < this.lastDay ? monthEnd : this.lastDay);
    const canWaitlist = !this.noWaitlist && !!this.setup.value?.scheduler.rights.createAppointments;
    return html`<div class="no-times" part="notice">
      <p class="state-heading">${this.localize.term('noOpenTimes', until)}</p>
      ${next
        ? html`<p>${this.localize.term('nextAvailable', this.when(next.start, next.timeZone))}</p>
            <button
              type="button"
              @click=${() => {
                const day = dayIn(next.start, next.timeZone ?? this.clinicTimeZone);
                this.grid.showMonthOf(day);
                this.day = day;
              }}
            >
              ${this.localize.term('showNextAvailable')}
            </button>`
        : html`<p>${this.localize.term('noTimesAtAll')}</p>
            ${this.renderCallToBook()}`}
      ${canWaitlist
        ? html`<p class="hint">${this.localize.term('waitlistExplained')}</p>
            <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => void this.joinWaitlist()}>${this.localize.term('joinWaitlist')}</button>`
        : nothing}
    </div>`;
  }

  private renderVisitFacts(visit: Visit) {
    const { appointment, practitioner, location } = visit;
    const minutes = visitMinutes(appointment.start, appointment.end, appointment.minutesDuration);
    const period = !appointment.start ? this.requestedPeriod(appointment) : '';
    const timed = instantMs(appointment.start) !== undefined;
    const type = displayConcept(appointment.serviceType?.[0], '', this.localize.lang());
    const reason = visit.encounter?.reasonCode?.map((c) => displayConcept(c, '', this.localize.lang())).filter(Boolean).join(', ');
    return html`<dl class="facts">
      <div>
        <dt>${this.localize.term('when')}</dt>
        <dd>
          ${period || (timed ? this.when(appointment.start, visit.timeZone) : this.localize.term('timeNotGiven'))}
          ${timed ? html`<span class="duration">· ${minutes ? this.localize.term('minutes', minutes) : this.localize.term('lengthNotGiven')}</span>` : nothing}
          ${timed ? this.viewerNote(appointment.start, visit.timeZone) : nothing}
        </dd>
      </div>
      ${type
        ? html`<div>
            <dt>${this.localize.term('visitType')}</dt>
            <dd>${type}</dd>
          </div>`
        : nothing}
      ${reason
        ? html`<div>
            <dt>${this.localize.term('visitReason')}</dt>
            <dd>${reason}</dd>
          </div>`
        : nothing}
      ${practitioner
        ? html`<div>
            <dt>${this.localize.term('withWhom')}</dt>
            <dd>${practitionerName(practitioner)}</dd>
          </div>`
        : nothing}
      ${location
        ? html`<div>
            <dt>${this.localize.term('where')}</dt>
            <dd>${location.name}${addressLine(location) ? html`<br /><span class="address">${addressLine(location)}</span>` : nothing}</dd>
          </div>`
        : nothing}
    </dl>`;
  }

  private renderReview() {
    const time = this.selectedTime!;
    const scheduler = this.setup.value?.scheduler;
    const requesting = scheduler?.path === 'request';
    const preview: Visit = {
      appointment: { resourceType: 'Appointment', status: 'proposed', start: time.start, end: time.end, serviceType: [this.serviceTypeFor(time)].filter((c) => !!c), participant: [] },
      practitioner: time.practitioner,
      location: time.location,
      timeZone: time.timeZone,
    };
    if (scheduler && !scheduler.canBook) {
      // Not even a request can be made: the time and how to book it by phone, and no button that would fail.
      return html`<section class="review" part="review" aria-labelledby="review-heading">
        <h2 id="review-heading" tabindex="-1" data-focus-target>${this.localize.term('reviewVisit')}</h2>
        ${this.renderVisitFacts(preview)} ${this.renderClinicContact(time.location)}
        <div class="actions">
          <button type="button" class="secondary" @click=${() => this.backToTimes()}>${this.localize.term('changeTime')}</button>
        </div>
      </section>`;
    }
    return html`<section class="review" part="review" aria-labelledby="review-heading">
      <h2 id="review-heading" tabindex="-1" data-focus-target>${this.localize.term(requesting ? 'reviewRequest' : 'reviewVisit')}</h2>
      ${this.rescheduling ? html`<p class="rescheduling">${this.localize.term('moveVisitTo', this.when(time.start, time.timeZone))}</p>` : nothing}
      ${this.renderVisitFacts(preview)}
      ${requesting ? html`<p class="request-note">${this.localize.term('requestExplained')}</p>` : nothing}
      <label class="field reason">
        <span>${this.localize.term('reasonForVisit')}</span>
        <textarea rows="3" maxlength="500" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
        <span class="hint">${this.localize.term('reasonHint')}</span>
      </label>
      ${this.renderNotice()}
      <div class="actions">
        <button type="button" class="primary" part="confirm-button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.confirm()}>
          ${this.localize.term(requesting ? (this.busy ? 'sendingRequest' : 'requestTime') : this.rescheduling ? (this.busy ? 'moving' : 'moveVisit') : this.busy ? 'booking' : 'confirmBooking')}
        </button>
        <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.backToTimes()}>${this.localize.term('changeTime')}</button>
      </div>
    </section>`;
  }

  private renderBooked() {
    const visit = this.bookedVisit!;
    const requested = isProposal(visit.appointment);
    const bring = [visit.appointment.patientInstruction, visit.appointment.comment].filter(Boolean);
    return html`<section class="confirmation" part="confirmation" aria-labelledby="booked-heading">
      <h2 id="booked-heading" tabindex="-1" data-focus-target>${this.localize.term(requested ? 'requested' : 'booked')}</h2>
      ${requested ? html`<p class="request-note">${this.localize.term('requestedExplained')}</p>` : nothing} ${this.renderVisitFacts(visit)}
      ${bring.length
        ? html`<h3>${this.localize.term('whatToBring')}</h3>
            ${bring.map((text) => html`<p>${text}</p>`)}`
        : nothing}
      <div class="actions">
        ${requested || instantMs(visit.appointment.start) === undefined
          ? nothing
          : html`<button type="button" class="primary" @click=${() => void this.downloadIcs(visit)}>${this.localize.term('addToCalendar')}</button>`}
        <button type="button" class="secondary" @click=${() => this.showView('appointments')}>${this.localize.term('seeAppointments')}</button>
        <button type="button" class="secondary" @click=${() => this.bookAnother()}>${this.localize.term('bookAnother')}</button>
      </div>
    </section>`;
  }

  private renderAppointments() {
    return html`<section class="appointments" aria-labelledby="appointments-heading">
      <h2 id="appointments-heading" tabindex="-1" data-focus-target>${this.localize.term('yourAppointments')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
      <div class="segmented" role="group" aria-label=${this.localize.term('yourAppointments')}>
        ${(['upcoming', 'past'] as const).map(
          (tab) =>
            html`<button
              type="button"
              aria-pressed=${this.visitsTab === tab ? 'true' : 'false'}
              @click=${() => {
                this.visitsTab = tab;
                this.visitsShown = VISITS_PAGE;
                // What was said about the other list (a cancellation) is not about this one.
                this.notice = undefined;
                this.cancellingId = undefined;
              }}
            >
              ${this.localize.term(tab)}
            </button>`,
        )}
      </div>
      ${this.renderNotice()}
      ${!this.setup.value && this.setup.status !== TaskStatus.ERROR
        ? // What the patient may do to each visit (cancel, withdraw) is known once the setup is.
          renderSkeleton({ label: this.localize.term('loadingAppointments'), lines: 3 })
        : this.visits.render({
          initial: () => renderSkeleton({ label: this.localize.term('loadingAppointments'), lines: 3 }),
          pending: () => renderSkeleton({ label: this.localize.term('loadingAppointments'), lines: 3 }),
          error: (error) => this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(error), onRetry: () => void this.visits.run(), retryLabel: this.localize.term('retry') }),
          complete: (result) => {
            if (!result) return nothing;
            if (!result.visits.length) {
              return renderEmpty({
                heading: this.localize.term(this.visitsTab === 'upcoming' ? 'noUpcoming' : 'noPast'),
                action: this.visitsTab === 'upcoming' ? { label: this.localize.term('bookVisit'), onClick: () => this.showView('book') } : undefined,
              });
            }
            const shown = result.visits.slice(0, this.visitsShown);
            return html`<ul class="visits">
                ${shown.map((visit) => this.renderVisit(visit))}
              </ul>
              ${result.visits.length > shown.length
                ? html`<div class="actions more">
                    <button type="button" class="secondary" @click=${() => this.showMoreVisits(shown.length)}>${this.localize.term('showMore')}</button>
                  </div>`
                : result.encountersNext
                ? html`<div class="actions more">
                    <button type="button" class="secondary" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.showMoreEncounters(result, shown.length)}>
                      ${this.localize.term('showMore')}
                    </button>
                  </div>`
                : nothing}`;
          },
        })}
    </section>`;
  }

  private renderVisit(visit: Visit) {
    const { appointment, location } = visit;
    const upcoming = this.visitsTab === 'upcoming';
    const scheduler = this.setup.value?.scheduler;
    const proposal = isProposal(appointment);
    // A request can be withdrawn until its time; a booked visit until the cutoff. Either needs the right to update it.
    const inTime = upcoming && canCancel(appointment, isRequest(appointment) ? 0 : this.cancelCutoffHours);
    const canUpdate = scheduler?.rights.updateAppointments ?? true;
    const cancellable = inTime && canUpdate;
    const tooLate = upcoming && !inTime && appointment.status !== 'cancelled';
    const phone = this.phoneFor(location);
    const confirming = this.cancellingId === appointment.id;
    const canMove = cancellable && appointment.status === 'booked' && !!appointment.slot?.length && !!scheduler?.canBook && scheduler.path !== 'request';
    if (visit.encounter) {
      return html`<li class="visit fulfilled" part="visit" tabindex="-1" data-encounter-id=${visit.encounter.id ?? ''}>
        <p class="status">${this.localize.term('statusFulfilled')}</p>
        ${this.renderVisitFacts(visit)}
      </li>`;
    }
    return html`<li class="visit ${appointment.status}" part="visit" tabindex="-1" data-appointment-id=${appointment.id ?? ''}>
      <p class="status">${this.statusLabel(appointment.status)}</p>
      ${this.renderVisitFacts(visit)}
      ${appointment.status === 'cancelled' && appointment.cancelationReason?.text ? html`<p class="hint">${appointment.cancelationReason.text}</p>` : nothing}
      ${tooLate ? html`<p class="hint">${this.localize.term('cancelCutoff', this.cancelCutoffHours)} ${phone ? this.phoneSentence('callToCancel', phone) : nothing}</p>` : nothing}
      ${inTime && !canUpdate ? html`<p class="hint">${phone ? this.phoneSentence('callToChange', phone) : this.localize.term('changeByPhone')}</p>` : nothing}
      ${confirming
        ? html`<div class="cancel-form">
            <label class="field">
              <span>${this.localize.term('cancelReason')}</span>
              <textarea rows="2" maxlength="300" .value=${this.cancelReason} @input=${(e: Event) => (this.cancelReason = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            <div class="actions">
              <button type="button" class="danger" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => void this.cancel(visit)}>
                ${this.localize.term(proposal ? (this.busy ? 'withdrawing' : 'confirmWithdraw') : this.busy ? 'cancelling' : 'confirmCancel')}
              </button>
              <button type="button" class="secondary" @click=${() => (this.cancellingId = undefined)}>${this.localize.term(proposal ? 'keepRequest' : 'keepVisit')}</button>
            </div>
          </div>`
        : html`<div class="actions">
            ${instantMs(appointment.start) !== undefined && appointment.status !== 'cancelled' && upcoming && !isRequest(appointment)
              ? html`<button type="button" class="secondary" @click=${() => void this.downloadIcs(visit)}>${this.localize.term('addToCalendar')}</button>`
              : nothing}
            ${canMove ? html`<button type="button" class="secondary" @click=${() => this.startReschedule(visit)}>${this.localize.term('reschedule')}</button>` : nothing}
            ${cancellable
              ? html`<button
                  type="button"
                  class="secondary"
                  @click=${async () => {
                    this.cancellingId = appointment.id;
                    this.cancelReason = '';
                    await this.updateComplete;
                    this.renderRoot.querySelector<HTMLTextAreaElement>('.cancel-form textarea')?.focus();
                  }}
                >
                  ${this.localize.term(proposal ? 'withdrawRequest' : 'cancelVisit')}
                </button>`
              : nothing}
          </div>`}
    </li>`;
  }
}
