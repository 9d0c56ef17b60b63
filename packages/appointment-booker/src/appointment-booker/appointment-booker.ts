import type { Location } from 'fhir/r4';
import { TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { query } from 'lit/decorators.js';
import { renderEmpty, renderError, renderSkeleton, renderUntilReady, renderViewingFor, saveFile, controlStyles, stateStyles, offscreenStyles, themeStyles, type Navigable, type NavigationParams } from '@portico/core';
import { dateGridStyles } from '../date-grid/date-grid.styles.js';
import { PorticoAppointmentBookedEvent, PorticoAppointmentRequestedEvent } from '../events.js';
import { isBookingUnconfirmed, isProposal, isSlotTaken, newBookingId } from '../scheduling/booking.js';
import { addDays, dayIn } from '../scheduling/clinic-time.js';
import { conceptToken, matchesToken, type OpenTime } from '../scheduling/open-times.js';
import type { Visit } from '../scheduling/scheduler.js';
import { appointmentBookerStyles } from './appointment-booker.styles.js';
import { APPOINTMENT_BOOKER_SCOPES } from '../scopes.js';
import { BOOKER_VIEWS, BookerModel, type BookerView } from './booker-model.js';
import { renderClinicContact, renderDayTimes, renderFilters, renderNoTimes, renderNotice, renderPhoneTerm, renderWaitlisted } from './booking-views.js';

export { bookerDrafts, type BookerDraft } from './booker-draft.js';

export { BOOKER_VIEWS, SCHEDULING_PATH_CHOICES, type BookerView, type BookingStep, type SchedulingPathChoice } from './booker-model.js';

/** The review and confirmation views (`review-views.ts`), loaded with the appointments list (`later-views.ts`) once open times are shown. */
type ReviewViews = typeof import('./later-views.js');

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
 * @csspart calendar - The month calendar.
 * @csspart calendar-header - The calendar's month heading and its previous and next buttons.
 * @csspart calendar-heading - The month and year shown.
 * @csspart month-button - The previous and next month buttons (also `previous-month-button`, `next-month-button`).
 * @csspart previous-month-button - The previous month button.
 * @csspart next-month-button - The next month button.
 * @csspart grid - The table of days.
 * @csspart weekday - A weekday's column heading.
 * @csspart day - A day's button.
 * @csspart day-selected - The day chosen (with `day`).
 * @csspart day-today - Today (with `day`).
 * @csspart day-has-times - A day with open times (with `day`).
 * @csspart day-unavailable - A day outside the bookable window (with `day`).
 * @csspart day-marker - The dot on a day with open times.
 * @csspart times - The list of open times for the chosen day.
 * @csspart time-button - One open time.
 * @csspart review - The review-and-confirm panel.
 * @csspart confirm-button - The button that books.
 * @csspart confirmation - What the patient sees once booked.
 * @csspart visit - One appointment in the list.
 * @csspart load-more - "Show more" under the list of visits.
 * @csspart notice - Messages such as "that time was just taken".
 * @csspart contact - How to reach the clinic where visits cannot be booked online (with `notice`).
 *
 * @fires {PorticoAppointmentBookedEvent} portico-appointment-booked - A visit was booked or moved; detail `{ appointment, rescheduledFrom? }`.
 * @fires {PorticoAppointmentRequestedEvent} portico-appointment-requested - The patient asked the clinic for a time (the `request` path); detail `{ appointment }`.
 * @fires {PorticoAppointmentCancelledEvent} portico-appointment-cancelled - A visit was cancelled; detail `{ appointment }`.
 */
export class AppointmentBooker extends BookerModel implements Navigable {
  /** The SMART scopes it needs: the clinic directory, open times, visits past and upcoming, and booking (`portal-session` asks for them). */
  static readonly scopes = APPOINTMENT_BOOKER_SCOPES;
  static override styles = [themeStyles, offscreenStyles, stateStyles, controlStyles, dateGridStyles, appointmentBookerStyles];

  @query('[data-focus-target]') private focusTarget?: HTMLElement | null;
  /** The review and confirmation views, loaded when first needed. */
  private reviewViews?: ReviewViews;
  private reviewLoad?: Promise<void>;
  /** The patient has seen the review's skeleton (the views were not there yet). */
  private reviewWaited = false;

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

  /** Loads the appointments view (the first time it is shown) and hands it what it needs from here. */
  protected async loadVisitList(): Promise<void> {
    const { VisitList } = await import('./later-views.js');
    this.visitList ??= new VisitList(this, {
      session: this.session,
      localize: this.localize,
      format: this.format,
      active: () => this.view === 'appointments',
      scheduler: () => this.schedulerTask.value,
      setupFailed: () => this.schedulerTask.status === TaskStatus.ERROR,
      cancelCutoffHours: () => this.cancelCutoffHours,
      refreshCount: () => this.refreshCount,
      refresh: () => this.refreshCount++,
      phoneFor: (location) => this.phoneFor(location),
      phoneSentence: (term, phone) => renderPhoneTerm(this.localize, term, phone),
      showBooking: () => this.showView('book'),
      reschedule: (visit) => this.startReschedule(visit),
      downloadIcs: (visit) => this.downloadIcs(visit),
      focusAfterRender: () => this.focusAfterRender(),
    });
    this.requestUpdate();
  }

  private chooseServiceType(token: string | undefined): void {
    this.chosenServiceType = token;
    if (this.chosenPractitioner && !this.practitionersFor(this.chosenServiceType).some((p) => p.id === this.chosenPractitioner) && !this.practitioner) {
      this.chosenPractitioner = undefined;
    }
    this.resetTime();
  }

  private resetTime(): void {
    this.selectedTime = undefined;
    this.notice = undefined;
  }

  protected selectDay(day: string): void {
    this.day = day;
    this.selectedTime = undefined;
    const count = this.timesOn(day).length;
    this.announce(`${this.format.dayLabel(day)}: ${this.localize.term('openTimes', count)}`);
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
    const patientId = this.session.patientId;
    const chosen = this.selectedTime;
    if (!patientId || !chosen || this.busy || (!this.schedulerTask.value && this.schedulerTask.status !== TaskStatus.PENDING)) return;
    this.busy = true;
    this.notice = undefined;
    try {
      // The times may be on screen before the CapabilityStatement has answered: confirming waits for the path.
      const scheduler = this.schedulerTask.value ?? (await this.schedulerTask.taskComplete);
      if (!scheduler) return;
      const time = await this.timeToBook(chosen, scheduler);
      const options = { time, patientId, bookingId: this.bookingId, reason: this.reason, serviceType: this.serviceTypeFor(time) };
      const previous = this.rescheduling?.appointment;
      const appointment = previous ? await scheduler.reschedule({ ...options, appointment: previous }) : await scheduler.book(options);
      this.bookedVisit = { appointment, practitioner: time.practitioner, location: time.location, timeZone: time.timeZone };
      this.step = 'booked';
      this.rescheduling = undefined;
      this.reason = '';
      this.bookingId = newBookingId();
      this.refreshCount++;
      const when = this.format.when(appointment.start ?? time.start, time.timeZone);
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
      const { joinWaitlist } = await import('../scheduling/appointment-writes.js');
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
    this.visitList?.leave();
    void this.focusAfterRender();
  }

  private showView(view: BookerView): void {
    this.view = view;
    this.notice = undefined;
    this.visitList?.leave();
    if (view === 'book' && (this.step === 'booked' || this.step === 'waitlisted')) this.step = 'browse';
  }

  /**
   * Opens the booker preset, as `portico-navigate` does when another element sends the patient here
   * ("book a follow-up"): `view` (`book` or `appointments`), and for booking `serviceType`,
   * `practitioner`, `location` (each unless the host fixed it) and `reason`. The visit type may be sent by
   * any coding an offered type carries (`system|code` or a bare code); one the clinic does not offer is left
   * to the patient. Focus moves to its heading.
   */
  async open(params: NavigationParams): Promise<void> {
    const view = params.view === 'appointments' ? 'appointments' : 'book';
    this.showView(view);
    if (view === 'book') {
      this.step = 'browse';
      this.selectedTime = undefined;
      this.rescheduling = undefined;
      if (params.reason !== undefined) this.reason = params.reason.slice(0, 500);
    }
    // The sent visit type is matched against the offered ones once the clinic directory is read.
    await this.directoryTask.taskComplete.catch(() => undefined);
    if (view === 'book') {
      if (params.serviceType && !this.serviceType) this.chooseServiceType(this.offeredServiceType(params.serviceType));
      if (params.practitioner && !this.practitioner) this.chosenPractitioner = params.practitioner;
      if (params.location && !this.location) this.chosenLocation = params.location;
    }
    // Focus goes to the view's heading once it is there.
    await this.focusAfterRender();
  }

  /** The token of the first offered visit type carrying `token` (`system|code` or a bare code); the token itself while the directory is unread. */
  private offeredServiceType(token: string): string | undefined {
    if (!this.directory) return token;
    const offered = this.serviceTypes.find((c) => matchesToken(c, token));
    return offered ? conceptToken(offered) : undefined;
  }

  private bookAnother(): void {
    this.step = 'browse';
    this.day = undefined;
    this.selectedTime = undefined;
    void this.focusAfterRender();
  }

  private async downloadIcs(visit: Visit): Promise<void> {
    // The calendar entry and its writer are loaded the first time a patient asks for them.
    const { icsBlob, icsFileName, visitEvent } = await import('@portico/core/ics.js');
    const event = visitEvent(visit, { lang: this.localize.lang(), baseUrl: this.session.client?.baseUrl, untitled: this.localize.term('bookVisit'), includeReason: this.icsIncludeReason });
    // Core's download helper: a text/calendar file, its link in the shadow root (the host page's click handlers never see it).
    saveFile(icsBlob(event), { title: icsFileName(event), fallbackName: 'appointment', container: this.renderRoot });
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
      ${this.view === 'appointments'
        ? ((this.localize.complete && this.visitList?.render()) || renderSkeleton({ label: this.localize.term('loadingAppointments'), lines: 3 }))
        : this.renderBooking()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }

  /** On the request path: that the clinic confirms, or (when not even a request can be made) how to book by phone. */
  private renderPathNote() {
    const scheduler = this.schedulerTask.value;
    if (!scheduler || scheduler.path !== 'request') return nothing;
    return scheduler.canBook ? html`<p class="request-note">${this.localize.term('requestsOnly')}</p>` : this.renderClinicContact();
  }

  /** "Call the clinic to book", with the phone of `location`, or of the chosen place, or of every place. */
  private renderClinicContact(location?: Location) {
    const places = location ? [location] : (this.directory?.locations ?? []).filter((l) => !this.chosenLocation || l.id === this.chosenLocation);
    return renderClinicContact(this.localize, { places, phoneFor: (place) => this.phoneFor(place) });
  }

  /** "To book, call …" with the clinic's number, when one is known. */
  private renderCallToBook() {
    const phone = this.phoneFor(this.directory?.locations.find((l) => l.id === this.chosenLocation));
    return phone ? html`<p class="contact" part="notice contact">${renderPhoneTerm(this.localize, 'callToBook', phone)}</p>` : nothing;
  }

  private renderBooking() {
    const failed = [this.directoryTask, this.schedulerTask].find((task) => task.status === TaskStatus.ERROR);
    if (failed) {
      return this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(failed.error), onRetry: () => void failed.run(), retryLabel: this.localize.term('retry') });
    }
    // The calendar is shown with the directory; the scheduler (from the CapabilityStatement) may follow.
    const [directory, scheduler] = [this.directory, this.schedulerTask.value];
    if (!directory || (!directory.schedules.length && !scheduler)) return renderSkeleton({ label: this.localize.term('loadingTimes'), lines: 4 });
    // A server with no schedules (records exported from elsewhere, or a clinic not set up for it).
    if (!directory.schedules.length && scheduler?.path !== 'operations') {
      return html`${renderEmpty({ heading: this.localize.term('noOnlineBooking'), headingLevel: 2 })} ${this.renderCallToBook()}`;
    }
    // The review and the confirmation use words that arrive just after the first screen (terms.ts).
    if ((this.step === 'review' || this.step === 'booked') && !this.localize.complete) return renderSkeleton({ label: this.localize.term('loadingTimes'), lines: 4 });
    switch (this.step) {
      case 'review':
        return this.reviewViews ? this.renderReview(this.reviewViews) : this.loadReviewViews();
      case 'booked':
        if (!this.reviewViews) return this.loadReviewViews();
        return this.reviewViews.renderBooked(this.localize, this.bookedVisit!, {
          format: this.format,
          onAddToCalendar: (visit) => void this.downloadIcs(visit),
          onSeeAppointments: () => this.showView('appointments'),
          onBookAnother: () => this.bookAnother(),
        });
      case 'waitlisted':
        return renderWaitlisted(this.localize, () => this.showView('appointments'));
      default:
        return this.renderBrowse();
    }
  }

  private renderBrowse() {
    const rescheduling = this.rescheduling;
    const filters = renderFilters(this.localize, {
      serviceType: { fixed: this.serviceType, chosen: this.chosenServiceType, options: this.serviceTypes, onChange: (token) => this.chooseServiceType(token) },
      practitioner: {
        fixed: this.practitioner,
        chosen: this.chosenPractitioner,
        options: this.practitionersFor(this.serviceTypeToken),
        onChange: (id) => {
          this.chosenPractitioner = id;
          this.resetTime();
        },
      },
      location: {
        fixed: this.location,
        chosen: this.chosenLocation,
        options: this.directory?.locations ?? [],
        onChange: (id) => {
          this.chosenLocation = id;
          this.resetTime();
        },
      },
      needsServiceType: this.needsServiceType,
    });
    return html`<section class="browse" aria-labelledby="browse-heading">
      <h2 id="browse-heading" tabindex="-1" data-focus-target>${this.localize.term(rescheduling ? 'reschedule' : 'bookVisit')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>
      ${rescheduling ? html`<p class="rescheduling">${this.localize.term('rescheduling', this.format.when(rescheduling.appointment.start, rescheduling.timeZone))}</p>` : nothing}
      ${this.renderPathNote()} ${renderNotice(this.notice)} ${filters}
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
    const loading = () => renderSkeleton({ label: this.localize.term('loadingTimes'), lines: 3 });
    const failed = (error: unknown) => (this.session.expired ? nothing : renderError({ message: this.localize.errorMessage(error), onRetry: () => void this.times.run(), retryLabel: this.localize.term('retry') }));
    return this.times.render({
      initial: loading,
      pending: loading,
      error: failed,
      complete: (result) => {
        if (!result) return nothing;
        if (!result.total) return this.renderNoTimes(result.next);
        // A day whose open times are still coming (the rest of the month is read after the first week).
        if (this.day && this.day > result.through) return result.laterFailed ? failed(result.laterFailed) : loading();
        return renderDayTimes(this.localize, this.timesOn(this.day), {
          day: this.day,
          total: result.total,
          format: this.format,
          clinicTimeZone: this.clinicTimeZone,
          viewerTimeZone: this.viewerTimeZone,
          showClinician: !this.chosenPractitioner,
          showPlace: !this.chosenLocation,
          onChoose: (time) => this.chooseTime(time),
        });
      },
    });
  }

  private renderNoTimes(next: OpenTime | undefined) {
    const month = this.grid.visibleMonth;
    const monthEnd = addDays(addDays(month, 32).slice(0, 8) + '01', -1);
    return renderNoTimes(this.localize, {
      format: this.format,
      until: monthEnd < this.lastDay ? monthEnd : this.lastDay,
      next,
      onShowNext: (time) => {
        const day = dayIn(time.start, time.timeZone ?? this.clinicTimeZone);
        this.grid.showMonthOf(day);
        this.day = day;
      },
      callToBook: next ? nothing : this.renderCallToBook(),
      canWaitlist: !this.noWaitlist && !!this.schedulerTask.value?.rights.createAppointments,
      busy: this.busy,
      onJoinWaitlist: () => void this.joinWaitlist(),
    });
  }

  /** Starts loading the review and confirmation (the first time a time is picked); a skeleton meanwhile. */
  private loadReviewViews() {
    this.reviewWaited = true;
    this.prefetchReviewViews();
    return renderSkeleton({ label: this.localize.term('loading'), lines: 4 });
  }

  /** Loads the review views ahead of need (once open times are shown); focus follows only if the patient waited for them. */
  private prefetchReviewViews(): void {
    this.reviewLoad ??= import('./later-views.js').then((views) => {
      this.reviewViews = views;
      this.requestUpdate();
      // Focus goes to the review's heading once it is there, as when it is shown at once.
      if (this.reviewWaited) void this.focusAfterRender();
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.reviewLoad && this.times.value?.total) this.prefetchReviewViews();
  }

  private renderReview(views: ReviewViews) {
    const time = this.selectedTime!;
    const scheduler = this.schedulerTask.value;
    const preview: Visit = {
      appointment: { resourceType: 'Appointment', status: 'proposed', start: time.start, end: time.end, serviceType: [this.serviceTypeFor(time)].filter((c) => !!c), participant: [] },
      practitioner: time.practitioner,
      location: time.location,
      timeZone: time.timeZone,
    };
    return views.renderReview(this.localize, {
      format: this.format,
      preview,
      // Not even a request can be made: the time and how to book it by phone, and no button that would fail.
      byPhone: scheduler && !scheduler.canBook ? this.renderClinicContact(time.location) : undefined,
      requesting: scheduler?.path === 'request',
      rescheduling: !!this.rescheduling,
      reason: this.reason,
      onReason: (reason) => (this.reason = reason),
      busy: this.busy,
      notice: renderNotice(this.notice),
      onConfirm: () => void this.confirm(),
      onChangeTime: () => this.backToTimes(),
    });
  }
}
