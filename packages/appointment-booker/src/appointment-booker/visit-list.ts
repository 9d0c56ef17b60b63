import type { Appointment, Location } from 'fhir/r4';
import { Task } from '@lit/task';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { renderEmpty, renderError, renderSkeleton, renderViewingFor, type LocalizeController, type SessionController, type TranslationTerm } from '@portico/core';
import { PorticoAppointmentCancelledEvent } from '../events.js';
import { cancelAppointment } from '../scheduling/appointment-writes.js';
import { canCancel, isProposal, isRequest } from '../scheduling/booking.js';
import { loadVisits, type Scheduler, type Visit } from '../scheduling/scheduler.js';
import { instantMs } from '../scheduling/visit-time.js';
import type { VisitFormat } from './visit-format.js';

/** Visits listed at first and added by each "Show more". */
const VISITS_PAGE = 10;

type VisitsTab = 'upcoming' | 'past';

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
} as const satisfies Partial<Record<Appointment['status'], TranslationTerm>>;

/** The list's own state: which tab, how many shown, an open cancel form, what was last said. */
interface ListState {
  tab: VisitsTab;
  shown: number;
  cancellingId?: string;
  cancelReason: string;
  busy: boolean;
  notice?: { kind: 'error' | 'done'; text: string };
}
type PhoneTerm = 'callToCancel' | 'callToChange';

/** What the visit list needs from the booker it is shown in. */
export interface VisitListPort {
  readonly session: SessionController;
  readonly localize: LocalizeController;
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
  private state: ListState = { tab: 'upcoming', shown: VISITS_PAGE, cancelReason: '', busy: false };

  private readonly visits: Task<readonly unknown[], { visits: Visit[]; truncated: boolean; encountersNext?: string } | undefined>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly port: VisitListPort,
  ) {
    host.addController(this);
    this.visits = new Task(host, {
      task: async ([client, patientId, active, tab], { signal }) => {
        if (!client || !patientId || !active) return undefined;
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
      args: () => [this.port.session.client, this.port.session.patientId, this.port.active(), this.state.tab, this.port.refreshCount()] as const,
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
      const text = isProposal(visit.appointment) ? localize.term('requestWithdrawn') : localize.term('cancelledVisit', format.visitInWords(visit));
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

  /** Lists more visits and moves focus to the first new one, so keyboard users continue where they were. */
  private async showMore(from: number): Promise<void> {
    this.set({ shown: this.state.shown + VISITS_PAGE });
    await this.host.updateComplete;
    this.host.renderRoot.querySelectorAll<HTMLElement>('[part="visit"]')[from]?.focus();
  }

  /** The next page of finished Encounters, added to the list; focus moves to the first new one. */
  private async showMoreEncounters(result: { visits: Visit[]; encountersNext?: string }, from: number): Promise<void> {
    const { client, patientId } = this.port.session;
    if (!client || !patientId || !result.encountersNext || this.state.busy) return;
    this.set({ busy: true });
    try {
      const { loadFinishedEncounters } = await import('../scheduling/past-encounters.js');
      const page = await loadFinishedEncounters(client, { patientId, next: result.encountersNext });
      result.visits.push(...page.visits);
      result.encountersNext = page.next;
      await this.showMore(from);
    } catch (error) {
      this.set({ notice: { kind: 'error', text: this.port.localize.errorMessage(error) } });
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
                this.set({ tab, shown: VISITS_PAGE, notice: undefined, cancellingId: undefined })}
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
            error: (error) => (session.expired ? nothing : renderError({ message: localize.errorMessage(error), onRetry: () => void this.visits.run(), retryLabel: localize.term('retry') })),
            complete: (result) => (result ? this.renderVisits(result) : nothing),
          })}
    </section>`;
  }

  private renderNotice() {
    const notice = this.state.notice;
    if (!notice) return nothing;
    return html`<p class="notice ${notice.kind}" part="notice" role=${notice.kind === 'done' ? 'status' : 'alert'}>${notice.text}</p>`;
  }

  private renderVisits(result: { visits: Visit[]; encountersNext?: string }) {
    const { localize } = this.port;
    if (!result.visits.length) {
      return renderEmpty({
        heading: localize.term(this.state.tab === 'upcoming' ? 'noUpcoming' : 'noPast'),
        action: this.state.tab === 'upcoming' ? { label: localize.term('bookVisit'), onClick: () => this.port.showBooking() } : undefined,
      });
    }
    const shown = result.visits.slice(0, this.state.shown);
    return html`<ul class="visits">
        ${shown.map((visit) => this.renderVisit(visit))}
      </ul>
      ${result.visits.length > shown.length
        ? html`<div class="actions more">
            <button type="button" class="secondary" @click=${() => this.showMore(shown.length)}>${localize.term('showMore')}</button>
          </div>`
        : result.encountersNext
          ? html`<div class="actions more">
              <button type="button" class="secondary" aria-disabled=${this.state.busy ? 'true' : 'false'} @click=${() => void this.showMoreEncounters(result, shown.length)}>
                ${localize.term('showMore')}
              </button>
            </div>`
          : nothing}`;
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
        ${format.renderFacts(visit)}
      </li>`;
    }
    return html`<li class="visit ${appointment.status}" part="visit" tabindex="-1" data-appointment-id=${appointment.id ?? ''}>
      <p class="status">${localize.term(STATUS_TERMS[appointment.status as keyof typeof STATUS_TERMS] ?? 'statusOther')}</p>
      ${format.renderFacts(visit)}
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
