import type { Appointment, Location } from 'fhir/r4';
import type { FhirClient } from '@portico/core';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { instantMs, PagedList, renderEmpty, renderError, renderSkeleton, renderViewingFor, type ListPage, type SessionController } from '@portico/core';
import type { AppointmentBookerTerms, BookerLocalize } from '../i18n/terms.js';
import { PorticoAppointmentCancelledEvent } from '../events.js';
import { cancelAppointment } from '../scheduling/appointment-writes.js';
import { isProposal, isRequest } from '../scheduling/booking.js';
import type { Scheduler, Visit } from '../scheduling/scheduler.js';
import { canCancel, loadVisits } from '../scheduling/visits.js';
import { renderVisitFacts, visitInWords } from './visit-facts.js';
import type { VisitFormat } from './visit-format.js';

/** Past visits kept as Encounters are read a server page at a time, loaded only for such records. */
const encounters = () => import('../scheduling/past-encounters.js');

/** Visits listed at first and added by each "Show more". */
const VISITS_PAGE = 10;

type VisitsTab = 'upcoming' | 'past';
/** What the list depends on: client, patient, shown or not, tab, and the booker's refresh count. */
type VisitsArgs = readonly [FhirClient | undefined, string | undefined, boolean, VisitsTab, number];

/** What the patient reads for each state of a visit (any other state: "Other"). */
const STATUS_TERMS = {
  booked: 'statusBooked',
  arrived: 'statusCheckedIn',
  'checked-in': 'statusCheckedIn',
  fulfilled: 'statusFulfilled',
  noshow: 'statusNoShow',
  cancelled: 'statusCancelled',
  waitlist: 'statusWaitlist',
  pending: 'statusPending',
  proposed: 'statusPending',
} as const satisfies Partial<Record<Appointment['status'], keyof AppointmentBookerTerms>>;

/** The list's own state: which tab, an open cancel form, what was last said. */
interface ListState {
  tab: VisitsTab;
  cancellingId?: string;
  cancelReason: string;
  busy: boolean;
  notice?: { kind: 'error' | 'done'; text: string };
}
type PhoneTerm = 'callToCancel' | 'callToChange';

/** What the visit list needs from the booker it is shown in. */
export interface VisitListPort {
  readonly session: SessionController;
  readonly localize: BookerLocalize;
  readonly format: VisitFormat;
  /** Is the list the view shown? Nothing is loaded while it is not. */
  active(): boolean;
  /** The scheduler, once known (what the patient may do to each visit depends on it). */
  scheduler(): Scheduler | undefined;
  /** Has finding the scheduler failed (the booker shows that error)? */
  setupFailed(): boolean;
  cancelCutoffHours(): number;
  /** Changes whenever a visit is booked, moved or cancelled, so the list (and the open times) are read again. */
  refreshCount(): number;
  refresh(): void;
  phoneFor(location?: Location): string | undefined;
  phoneSentence(term: PhoneTerm, phone: string): unknown;
  showBooking(): void;
  reschedule(visit: Visit): void;
  downloadIcs(visit: Visit): Promise<void>;
  focusAfterRender(): Promise<void>;
}

/**
 * The patient's upcoming and past visits with add-to-calendar, reschedule and cancel: the booker's
 * second view, loaded the first time it is shown.
 */
export class VisitList implements ReactiveController {
  private state: ListState = { tab: 'upcoming', cancelReason: '', busy: false };

  /**
   * The visits of the tab shown, ten at a time: the Appointments (one search), else, for past visits
   * kept as finished Encounters, those a server page at a time.
   */
  private readonly visits: PagedList<Visit, VisitsArgs>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly port: VisitListPort,
  ) {
    host.addController(this);
    this.visits = new PagedList<Visit, VisitsArgs>(host, {
      args: () => [this.port.session.client, this.port.session.patientId, this.port.active(), this.state.tab, this.port.refreshCount()],
      first: async ([client, patientId, active, tab], signal): Promise<ListPage<Visit> | undefined> => {
        if (!client || !patientId || !active) return undefined;
        const found = await loadVisits(client, { patientId, when: tab, signal });
        // No past Appointments (records kept as Encounters, as EHR exports are): the finished Encounters are the past visits.
        if (tab === 'past' && !found.visits.length) {
          const page = await (await encounters()).loadFinishedEncounters(client, { patientId, signal });
          return { items: page.visits, next: page.next };
        }
        return { items: found.visits };
      },
      next: async (link, signal) => {
        const page = await (await encounters()).loadFinishedEncounters(this.port.session.client!, { patientId: this.port.session.patientId!, next: link, signal });
        return { items: page.visits, next: page.next };
      },
      pageSize: VISITS_PAGE,
      // Appointments and Encounters share ids only by chance: each is its own.
      key: (visit) => (visit.encounter ? `Encounter/${visit.encounter.id}` : `Appointment/${visit.appointment.id}`),
      added: (count) => this.port.localize.term('moreShown', count),
      // Focus moves to the first new visit, so keyboard users continue where they were.
      onAdded: (from) => this.host.renderRoot.querySelectorAll<HTMLElement>('[part="visit"]')[from]?.focus(),
    });
  }

  hostConnected(): void {}

  private set(change: Partial<ListState>): void {
    this.state = { ...this.state, ...change };
    this.host.requestUpdate();
  }

  /** Leaving the list forgets what was said about it and closes an open cancel form. */
  leave(): void {
    this.set({ notice: undefined, cancellingId: undefined });
  }

  private async cancel(visit: Visit): Promise<void> {
    const client = this.port.session.client;
    if (!client || this.state.busy) return;
    this.set({ busy: true, notice: undefined });
    const { localize, format } = this.port;
    try {
      // The scheduler frees the visit's Slot only where the patient may write Slots (never for a request).
      const scheduler = this.port.scheduler();
      const options = { reason: this.state.cancelReason };
      const appointment = scheduler ? await scheduler.cancel(visit.appointment, options) : await cancelAppointment(client, visit.appointment, { ...options, freeSlot: false });
      const text = isProposal(visit.appointment) ? localize.term('requestWithdrawn') : localize.term('cancelledVisit', visitInWords(format, visit));
      this.set({ cancellingId: undefined, cancelReason: '', notice: { kind: 'done', text } });
      this.port.refresh();
      this.host.dispatchEvent(new PorticoAppointmentCancelledEvent({ appointment }));
      void this.port.focusAfterRender();
    } catch (error) {
      this.set({ notice: { kind: 'error', text: localize.errorMessage(error) } });
    } finally {
      this.set({ busy: false });
    }
  }

  private async openCancelForm(id: string | undefined): Promise<void> {
    this.set({ cancellingId: id, cancelReason: '' });
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLTextAreaElement>('.cancel-form textarea')?.focus();
  }

  render(): TemplateResult {
    const { localize, session } = this.port;
    const loading = () => renderSkeleton({ label: localize.term('loadingAppointments'), lines: 3 });
    return html`<section class="appointments" aria-labelledby="appointments-heading">
      <h2 id="appointments-heading" tabindex="-1" data-focus-target>${localize.term('yourAppointments')}${renderViewingFor(localize, session.actingForName)}</h2>
      <div class="segmented" role="group" aria-label=${localize.term('yourAppointments')}>
        ${(['upcoming', 'past'] as const).map(
          (tab) =>
            html`<button
              type="button"
              aria-pressed=${this.state.tab === tab ? 'true' : 'false'}
              @click=${() =>
                // What was said about the other list (a cancellation) is not about this one.
                this.set({ tab, notice: undefined, cancellingId: undefined })}
            >
              ${localize.term(tab)}
            </button>`,
        )}
      </div>
      ${this.renderNotice()}
      ${!this.port.scheduler() && !this.port.setupFailed()
        ? // What the patient may do to each visit (cancel, withdraw) is known once the setup is.
          loading()
        : this.visits.render({
            initial: loading,
            pending: loading,
            error: (error) => (session.expired ? nothing : renderError({ message: localize.errorMessage(error), onRetry: () => void this.visits.task.run(), retryLabel: localize.term('retry') })),
            complete: (page) => (page ? this.renderVisits() : nothing),
          })}
    </section>`;
  }

  private renderNotice() {
    const notice = this.state.notice;
    if (!notice) return nothing;
    return html`<p class="notice ${notice.kind}" part="notice" role=${notice.kind === 'done' ? 'status' : 'alert'}>${notice.text}</p>`;
  }

  private renderVisits() {
    const { localize } = this.port;
    if (!this.visits.items.length) {
      return renderEmpty({
        heading: localize.term(this.state.tab === 'upcoming' ? 'noUpcoming' : 'noPast'),
        action: this.state.tab === 'upcoming' ? { label: localize.term('bookVisit'), onClick: () => this.port.showBooking() } : undefined,
      });
    }
    return html`<ul class="visits">
        ${this.visits.items.map((visit) => this.renderVisit(visit))}
      </ul>
      ${this.visits.renderMore({ more: localize.term('showMore'), loading: localize.term('loading'), error: (error) => localize.errorMessage(error), retry: localize.term('retry') })}
      ${this.visits.renderStatus()}`;
  }

  private renderVisit(visit: Visit) {
    const { localize, format } = this.port;
    const { appointment, location } = visit;
    const upcoming = this.state.tab === 'upcoming';
    const scheduler = this.port.scheduler();
    const cutoffHours = this.port.cancelCutoffHours();
    const proposal = isProposal(appointment);
    // A request can be withdrawn until its time; a booked visit until the cutoff. Either needs the right to update it.
    const inTime = upcoming && canCancel(appointment, isRequest(appointment) ? 0 : cutoffHours);
    const canUpdate = scheduler?.rights.updateAppointments ?? true;
    const cancellable = inTime && canUpdate;
    const tooLate = upcoming && !inTime && appointment.status !== 'cancelled';
    const phone = this.port.phoneFor(location);
    const confirming = this.state.cancellingId === appointment.id;
    const canMove = cancellable && appointment.status === 'booked' && !!appointment.slot?.length && !!scheduler?.canBook && scheduler.path !== 'request';
    if (visit.encounter) {
      return html`<li class="visit fulfilled" part="visit" tabindex="-1" data-encounter-id=${visit.encounter.id ?? ''}>
        <p class="status">${localize.term('statusFulfilled')}</p>
        ${renderVisitFacts(format, visit)}
      </li>`;
    }
    return html`<li class="visit ${appointment.status}" part="visit" tabindex="-1" data-appointment-id=${appointment.id ?? ''}>
      <p class="status">${localize.term(STATUS_TERMS[appointment.status as keyof typeof STATUS_TERMS] ?? 'statusOther')}</p>
      ${renderVisitFacts(format, visit)}
      ${appointment.status === 'cancelled' && appointment.cancelationReason?.text ? html`<p class="hint">${appointment.cancelationReason.text}</p>` : nothing}
      ${tooLate ? html`<p class="hint">${localize.term('cancelCutoff', cutoffHours)} ${phone ? this.port.phoneSentence('callToCancel', phone) : nothing}</p>` : nothing}
      ${inTime && !canUpdate ? html`<p class="hint">${phone ? this.port.phoneSentence('callToChange', phone) : localize.term('changeByPhone')}</p>` : nothing}
      ${confirming
        ? html`<div class="cancel-form">
            <label class="field">
              <span>${localize.term('cancelReason')}</span>
              <textarea rows="2" maxlength="300" .value=${this.state.cancelReason} @input=${(e: Event) => (this.state.cancelReason = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            <div class="actions">
              <button type="button" class="danger" aria-disabled=${this.state.busy ? 'true' : 'false'} @click=${() => void this.cancel(visit)}>
                ${localize.term(proposal ? (this.state.busy ? 'withdrawing' : 'confirmWithdraw') : this.state.busy ? 'cancelling' : 'confirmCancel')}
              </button>
              <button type="button" class="secondary" @click=${() => this.set({ cancellingId: undefined })}>${localize.term(proposal ? 'keepRequest' : 'keepVisit')}</button>
            </div>
          </div>`
        : html`<div class="actions">
            ${instantMs(appointment.start) !== undefined && appointment.status !== 'cancelled' && upcoming && !isRequest(appointment)
              ? html`<button type="button" class="secondary" @click=${() => void this.port.downloadIcs(visit)}>${localize.term('addToCalendar')}</button>`
              : nothing}
            ${canMove ? html`<button type="button" class="secondary" @click=${() => this.port.reschedule(visit)}>${localize.term('reschedule')}</button>` : nothing}
            ${cancellable
              ? html`<button type="button" class="secondary" @click=${() => void this.openCancelForm(appointment.id)}>${localize.term(proposal ? 'withdrawRequest' : 'cancelVisit')}</button>`
              : nothing}
          </div>`}
    </li>`;
  }
}
