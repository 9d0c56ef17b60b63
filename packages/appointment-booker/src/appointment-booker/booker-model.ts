import type { CodeableConcept, Location, Practitioner } from 'fhir/r4';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizeController, referenceId, resolveHostService, timeZoneOf, SessionController, viewerTimeZone, type FhirClient, type HostService } from '@portico/core';
import { DateGridController } from '../date-grid/date-grid.js';
import { newBookingId, SlotTakenError } from '../scheduling/booking.js';
import { dayIn } from '../scheduling/clinic-time.js';
import { conceptToken, findOpenTimes, matchesToken, type OpenTime } from '../scheduling/open-times.js';
import { loadDirectory, schedulerFor, type ClinicDirectory, type Scheduler, type SchedulingPath, type Visit } from '../scheduling/scheduler.js';
import { bookerDrafts } from './booker-draft.js';
import { bookableDays, countByDay, lastDayOfMonth, monthReads, WINDOW_PAD_MS, type MonthBounds, type MonthTimes, type OpenTimesSource } from './month-times.js';
import { clinicPhoneFor } from './clinic-phone.js';
import { VisitFormat } from './visit-format.js';
import type { VisitList } from './visit-list.js';
import { APPOINTMENT_BOOKER_TERMS, type AppointmentBookerTerms } from '../i18n/terms.js';

/** The element's two views: booking a visit, and the patient's appointments. */
export const BOOKER_VIEWS = ['book', 'appointments'] as const;
export type BookerView = (typeof BOOKER_VIEWS)[number];

/** `auto` follows the CapabilityStatement and the granted scopes; the others pin a path. */
export const SCHEDULING_PATH_CHOICES = ['auto', 'operations', 'slots', 'request'] as const;
export type SchedulingPathChoice = (typeof SCHEDULING_PATH_CHOICES)[number];

/** Where the booking flow is: choosing, reviewing, booked, or on the waitlist. */
export type BookingStep = 'browse' | 'review' | 'booked' | 'waitlisted';


/**
 * What the appointment booker knows: its attributes, the patient's choices (kept as a draft), the
 * scheduler and clinic directory, the open times of the month shown, and what follows from them.
 * The element adds what it does and shows.
 */
export abstract class BookerModel extends LitElement {
  protected readonly session = new SessionController(this);
  protected readonly localize = new LocalizeController<AppointmentBookerTerms>(this, { locale: () => this.session.locale, terms: APPOINTMENT_BOOKER_TERMS });
  protected readonly grid = new DateGridController(this, {
    locale: () => this.localize.lang(),
    min: () => this.firstDay,
    max: () => this.lastDay,
    counts: () => this.dayCounts,
    loadedThrough: (): string | undefined => this.times.value?.through,
    selected: () => this.day,
    today: () => dayIn(new Date(), this.clinicTimeZone),
    onSelect: (day) => this.selectDay(day),
    labels: () => ({
      previousMonth: this.localize.term('previousMonth'),
      nextMonth: this.localize.term('nextMonth'),
      openTimes: (count) => this.localize.term('openTimes', count),
      noOpenTimes: this.localize.term('openTimes', 0),
      loadingTimes: this.localize.term('loadingTimes'),
    }),
  });
  protected readonly format = new VisitFormat(this.localize, { clinic: () => this.clinicTimeZone, viewer: () => this.viewerTimeZone });
  /** The appointments view, loaded the first time it is shown. */
  protected visitList?: VisitList;

  /** The clinic directory: visit types, clinicians, places and the organizations that run them (one Schedule search). */
  protected readonly directoryTask = new Task(this, {
    task: async ([client], { signal }) => (client ? loadDirectory(client, { signal }) : undefined),
    args: () => [this.session.client] as const,
  });

  /**
   * The scheduler: its path and rights come from the CapabilityStatement and the granted scopes (or it
   * is the host's own). Open times do not wait for it: the Slot search starts at once, and a server
   * found to offer `$find` is searched again that way when the CapabilityStatement answers.
   */
  protected readonly schedulerTask = new Task(this, {
    task: async ([client, prefer, own], { signal }) => {
      if (!client) return undefined;
      return (await resolveHostService(own, client)) ?? (await schedulerFor(client, { signal, prefer: prefer === 'auto' ? undefined : prefer }));
    },
    args: () => [this.session.client, this.schedulingPath, this.scheduler ?? this.session.service<Scheduler>('scheduler')] as const,
  });

  /** The Slot search of the current client, kept so that a scheduler which searches Slots too does not search again. */
  private slotSearch?: { client: FhirClient; source: OpenTimesSource };
  /** Stops the read of the month's later days when the patient moves on. */
  private laterRead?: AbortController;

  /**
   * Open times in the visible month: its first week in one request, the rest of the month right after
   * (its days marked as they arrive), or the first open time after the month when it has none.
   */
  protected readonly times = new Task(this, {
    task: async ([source, serviceType, practitioner, location, month, firstDay, lastDay, booking, ready, _refresh], { signal }): Promise<MonthTimes | undefined> => {
      this.laterRead?.abort();
      // Open times are searched only while the booking view is shown (not for the appointments list),
      // and once the visit type is known.
      if (!source || !month || !booking || !ready) return undefined;
      const later = (this.laterRead = new AbortController());
      if (source === this.slotSearch?.source && this.schedulerTask.status !== TaskStatus.COMPLETE) await this.settleKnownScheduler(signal);
      const earliest = Date.now() + this.minNoticeHours * 3_600_000;
      // The first read: the week from the first bookable day shown (the whole month when that is all
      // that is left), padded by a day and a half either side, as clinic days and UTC days differ.
      const { from, until, boundary, whole, split, weekEnd } = monthReads({ zone: this.clinicTimeZone, firstDay, lastDay, month, earliest });
      const lastOfMonth = lastDayOfMonth(month);
      const filters = { serviceType, practitioner, location };
      const first = from < until ? await source.find({ ...filters, signal, start: new Date(from), end: new Date(whole ? until : split) }) : { times: [] };
      // The clinic's zone (from the directory, read meanwhile) decides the day each time falls on.
      await this.directoryTask.taskComplete.catch(() => undefined);
      // A search the patient has moved on from (another clinician, month or visit to move) changes nothing.
      signal.throwIfAborted();
      const bounds = (): MonthBounds => ({ zone: this.clinicTimeZone, firstDay, lastDay, month, earliest });
      const through = whole ? lastOfMonth : weekEnd;
      const result: MonthTimes = { found: first.times, through, ...countByDay(first.times, through, bounds()) };
      if (!whole) {
        const readLater = async () => {
          const rest = await source.find({ ...filters, signal: AbortSignal.any([signal, later.signal]), start: new Date(split), end: new Date(until) });
          later.signal.throwIfAborted();
          result.found = [...result.found, ...rest.times];
          result.through = lastOfMonth;
          result.laterFailed = undefined;
          Object.assign(result, countByDay(result.found, lastOfMonth, bounds()));
        };
        if (result.total) {
          // The first view is shown now; the later days are marked as their times arrive, and the
          // patient's day, time and focus stay as they are.
          readLater().then(
            () => this.requestUpdate(),
            (error: unknown) => {
              if (later.signal.aborted) return;
              result.laterFailed = error;
              this.requestUpdate();
            },
          );
        } else {
          // Nothing in the first week (a holiday week, a weekend at the month's end): the rest is the first view.
          await readLater();
        }
      }
      signal.throwIfAborted();
      const firstOpenDay = result.byDay.keys().next().value;
      // The first day with open times is shown at once (as "first available" should be); a day the
      // patient picked in this month stays.
      if (firstOpenDay && (!this.day || this.day.slice(0, 7) !== month.slice(0, 7))) this.day = firstOpenDay;
      if (!result.byDay.size) {
        // From the padded boundary: the shown days had no open time, so the first found is after them
        // (starting past the padding would skip the next month's first day and a half).
        const after = Math.max(from, boundary - WINDOW_PAD_MS);
        const next = (await source.find({ ...filters, signal, start: new Date(after), end: new Date(after + 92 * 86_400_000), max: 1 })).times[0];
        result.next = next;
        signal.throwIfAborted();
        // Nothing left in this month (its last days, a holiday week) and no day chosen yet, or the day
        // chosen here has just lost its last time (taken meanwhile): the first open day is shown, in the
        // month it falls in, rather than "no open times" with times ahead. A month the patient browsed
        // to, with their day in another, stays as they asked.
        const nextDay = next && dayIn(next.start, next.timeZone ?? this.clinicTimeZone);
        const chosenHere = !!this.day && this.day.slice(0, 7) === month.slice(0, 7);
        if (nextDay && (!this.day || chosenHere) && nextDay <= lastDay) {
          this.grid.showMonthOf(nextDay);
          this.day = nextDay;
        }
      }
      return result;
    },
    args: () =>
      [
        this.openTimesSource,
        this.serviceTypeToken,
        this.chosenPractitioner,
        this.chosenLocation,
        this.grid.visibleMonth,
        this.firstDay,
        this.lastDay,
        this.view === 'book',
        // A visit type chosen (or fixed by the host) is enough to search; else the directory says whether one must be chosen.
        !!this.chosenServiceType || (!!this.directory && !this.needsServiceType),
        this.refreshCount,
      ] as const,
  });

  @state() protected step: BookingStep = 'browse';
  @state() protected chosenServiceType?: string;
  @state() protected chosenPractitioner?: string;
  @state() protected chosenLocation?: string;
  @state() protected day?: string;
  @state() protected selectedTime?: OpenTime;
  @state() protected reason = '';
  @state() protected bookingId = newBookingId();
  @state() protected rescheduling?: Visit;
  @state() protected busy = false;
  @state() protected notice?: { kind: 'taken' | 'error' | 'done'; text: string };
  @state() protected bookedVisit?: Visit;
  @state() protected announcement = '';
  @state() protected refreshCount = 0;
  /** The patient the current choices (and the saved draft) belong to. */
  protected draftPatient?: string;

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

  /**
   * The host's own scheduler, for a server where booking goes through the vendor's API rather than
   * FHIR writes: anything with the `Scheduler` interface (`path`, `rights`, `canBook`, `find`, `book`,
   * `reschedule`, `cancel`), or a function making one for the signed-in FHIR client. The clinic
   * directory and the visit list are still read with FHIR. Also taken from the surrounding session's
   * `services.scheduler`; this property wins. Default: the FHIR scheduler the CapabilityStatement and
   * the granted scopes allow (`scheduling-path`).
   */
  @property({ attribute: false }) scheduler?: HostService<Scheduler>;

  /**
   * The time zone of the person viewing (defaults to the browser's); times in another zone are noted.
   * @type {string}
   * @default Intl.DateTimeFormat().resolvedOptions().timeZone
   */
  @property({ attribute: 'viewer-time-zone' }) viewerTimeZone = viewerTimeZone();

  /** The scheduling path in use, once known. */
  get path(): SchedulingPath | undefined {
    return this.schedulerTask.value?.path;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Choices belong to one patient: a draft is restored only for the patient it was made for, and a
    // switch to another patient (a parent with several children) starts afresh.
    const patientId = this.session.patientId;
    if (patientId !== this.draftPatient) {
      if (this.draftPatient) this.startOver();
      this.draftPatient = patientId;
      if (patientId) this.restoreDraft(patientId);
    }
    if (changed.has('serviceType')) this.chosenServiceType = this.serviceType || undefined;
    if (changed.has('practitioner')) this.chosenPractitioner = this.practitioner || undefined;
    if (changed.has('location')) this.chosenLocation = this.location || undefined;
    if (this.view === 'appointments' && !this.visitList) void this.loadVisitList();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.saveDraft();
  }

  // ---------------------------------------------------------------------------------------------
  // Derived values

  protected get directory(): ClinicDirectory | undefined {
    return this.directoryTask.value;
  }

  /**
   * Where open times are searched: the scheduler's own way once it is known (`$find`, or the host's
   * scheduler); until then, and whenever the scheduler searches Slots too, the Slot search, so the
   * first open times never wait for the CapabilityStatement. A host's scheduler, or a pinned
   * `operations` path, is waited for.
   */
  protected get openTimesSource(): OpenTimesSource | undefined {
    const client = this.session.client;
    if (!client) return undefined;
    const slots = () => {
      if (this.slotSearch?.client !== client) this.slotSearch = { client, source: { find: (options) => findOpenTimes(client, options) } };
      return this.slotSearch.source;
    };
    const scheduler = this.schedulerTask.status === TaskStatus.COMPLETE ? this.schedulerTask.value : undefined;
    if (scheduler) return scheduler.search === 'slots' ? slots() : scheduler;
    if (this.scheduler || this.session.service<Scheduler>('scheduler') || this.schedulingPath === 'operations') return undefined;
    return slots();
  }

  /** The time zone the calendar's days are in: the clinic's, from the data; else the viewer's. */
  protected get clinicTimeZone(): string {
    return timeZoneOf(...(this.directory?.locations ?? [])) ?? this.viewerTimeZone;
  }

  protected get firstDay(): string {
    return bookableDays(Date.now(), this.clinicTimeZone, this.minNoticeHours, this.daysAhead).firstDay;
  }

  protected get lastDay(): string {
    return bookableDays(Date.now(), this.clinicTimeZone, this.minNoticeHours, this.daysAhead).lastDay;
  }

  protected get serviceTypeToken(): string | undefined {
    if (this.chosenServiceType) return this.chosenServiceType;
    const types = this.directory?.serviceTypes ?? [];
    return types.length === 1 ? conceptToken(types[0]!) : undefined;
  }

  /** The visit types the schedules offer, with the visit-type system first when a schedule lists several. */
  protected get serviceTypes(): CodeableConcept[] {
    return this.directory?.serviceTypes ?? [];
  }

  protected get needsServiceType(): boolean {
    return !this.serviceType && this.serviceTypes.length > 1 && !this.chosenServiceType;
  }

  protected get dayCounts(): ReadonlyMap<string, number> {
    return this.times.value?.counts ?? new Map();
  }

  /**
   * The number to call about `location`: its own phone, else its organization's, else `clinic-phone`.
   * With no place: `clinic-phone`, else the phone of the organization running the clinic's places.
   */
  protected phoneFor(location?: Location): string | undefined {
    return clinicPhoneFor({ location, locations: this.directory?.locations ?? [], organizations: this.directory?.organizations ?? [], clinicPhone: this.clinicPhone });
  }

  /** The visit type a booking of `time` records (and the review names): the one chosen, else the time's first. */
  protected serviceTypeFor(time: OpenTime): CodeableConcept | undefined {
    const token = this.serviceTypeToken;
    if (!token) return time.serviceTypes[0];
    return this.serviceTypes.find((c) => conceptToken(c) === token) ?? time.serviceTypes.find((c) => matchesToken(c, token)) ?? time.serviceTypes[0];
  }

  protected timesOn(day: string | undefined): OpenTime[] {
    return (day && this.times.value?.byDay.get(day)) || [];
  }

  protected practitionersFor(serviceType: string | undefined): Practitioner[] {
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

  /**
   * When the CapabilityStatement is already known (read earlier on the page, or kept from an earlier
   * visit), the scheduler is settled before the first search, so a server offering `$find` is never
   * searched twice; when it has to come from the server, the Slot search does not wait for it.
   * Throws (through `signal`) when the scheduler's way of searching replaced this run.
   */
  private async settleKnownScheduler(signal: AbortSignal): Promise<void> {
    const client = this.session.client;
    if (!client) return;
    const known = await Promise.race([
      client.capabilities({ signal }).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 0)),
    ]);
    if (!known) return;
    await this.schedulerTask.taskComplete.catch(() => undefined);
    await this.updateComplete;
    signal.throwIfAborted();
  }

  /**
   * The time to book with `scheduler`: the one chosen, or, for a time picked from the Slot search
   * before the CapabilityStatement showed `$find`, the same time as `$find` proposes it (what `$book`
   * takes). A time `$find` no longer proposes has been taken meanwhile.
   */
  protected async timeToBook(time: OpenTime, scheduler: Scheduler): Promise<OpenTime> {
    if (scheduler.search !== 'operations' || time.proposal) return time;
    const at = Date.parse(time.start);
    const { times } = await scheduler.find({ start: time.start, end: new Date(at + 60_000), serviceType: this.serviceTypeToken, practitioner: time.practitioner?.id, location: time.location?.id });
    const same = times.find((t) => Date.parse(t.start) === at && (!time.practitioner || t.practitioner?.id === time.practitioner.id) && (!time.location || t.location?.id === time.location.id));
    if (!same) throw new SlotTakenError();
    return same;
  }

  // ---------------------------------------------------------------------------------------------
  // Draft

  protected startOver(): void {
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
    });
    this.visitList?.leave();
  }

  protected restoreDraft(patientId: string): void {
    const draft = bookerDrafts.read(patientId);
    if (draft?.patientId !== patientId) return;
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
  }

  protected saveDraft(): void {
    const patientId = this.session.patientId;
    // No patient yet: the session is still starting (as after the sign-in round trip the draft is
    // kept for), so a stored draft waits for restoreDraft. Signing out removes it in willUpdate.
    // A booker taken off the page keeps nothing (a late update must not bring back a draft removed meanwhile).
    if (!patientId || !this.isConnected) return;
    if (this.step === 'booked' || this.step === 'waitlisted' || (!this.selectedTime && !this.reason && !this.rescheduling)) {
      bookerDrafts.write(patientId, undefined);
      return;
    }
    bookerDrafts.write(patientId, {
      patientId,
      serviceType: this.chosenServiceType,
      practitioner: this.chosenPractitioner,
      location: this.chosenLocation,
      day: this.day,
      time: this.step === 'review' ? this.selectedTime : undefined,
      reason: this.reason,
      bookingId: this.bookingId,
      rescheduling: this.rescheduling,
    });
  }

  /** A day was chosen on the calendar. */
  protected abstract selectDay(day: string): void;
  /** Loads the appointments view the first time it is shown. */
  protected abstract loadVisitList(): Promise<void>;
}
