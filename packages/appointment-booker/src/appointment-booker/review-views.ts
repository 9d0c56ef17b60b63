import { html, nothing, type TemplateResult } from 'lit';
import type { BookerLocalize } from '../i18n/terms.js';
import { isProposal } from '../scheduling/booking.js';
import type { Visit } from '../scheduling/scheduler.js';
import { instantMs } from '@portico/core';
import { renderVisitFacts } from './visit-facts.js';
import type { VisitFormat } from './visit-format.js';

// The review and the confirmation: loaded when the patient picks a time (the first screen needs neither).

export interface ReviewOptions {
  format: VisitFormat;
  /** The visit as it will be booked (the chosen time, type, clinician and place). */
  preview: Visit;
  /** Not even a request can be made: how to book by phone instead of a button that would fail. */
  byPhone?: TemplateResult;
  /** The clinic confirms (a request, not a booking). */
  requesting: boolean;
  /** Moving an existing visit to this time. */
  rescheduling: boolean;
  reason: string;
  onReason(reason: string): void;
  busy: boolean;
  notice: TemplateResult | typeof nothing;
  onConfirm(): void;
  onChangeTime(): void;
}

/** "Review your visit": exactly what will be booked, the reason for the visit, and confirm or change the time. */
export function renderReview(localize: BookerLocalize, options: ReviewOptions) {
  const { preview, busy } = options;
  const changeTime = html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => options.onChangeTime()}>${localize.term('changeTime')}</button>`;
  if (options.byPhone) {
    return html`<section class="review" part="review" aria-labelledby="review-heading">
      <h2 id="review-heading" tabindex="-1" data-focus-target>${localize.term('reviewVisit')}</h2>
      ${renderVisitFacts(options.format, preview)} ${options.byPhone}
      <div class="actions">${changeTime}</div>
    </section>`;
  }
  const confirmTerm = options.requesting ? (busy ? 'sendingRequest' : 'requestTime') : options.rescheduling ? (busy ? 'moving' : 'moveVisit') : busy ? 'booking' : 'confirmBooking';
  return html`<section class="review" part="review" aria-labelledby="review-heading">
    <h2 id="review-heading" tabindex="-1" data-focus-target>${localize.term(options.requesting ? 'reviewRequest' : 'reviewVisit')}</h2>
    ${options.rescheduling ? html`<p class="rescheduling">${localize.term('moveVisitTo', options.format.when(preview.appointment.start, preview.timeZone))}</p>` : nothing}
    ${renderVisitFacts(options.format, preview)}
    ${options.requesting ? html`<p class="request-note">${localize.term('requestExplained')}</p>` : nothing}
    <label class="field reason">
      <span>${localize.term('reasonForVisit')}</span>
      <textarea rows="3" maxlength="500" .value=${options.reason} @input=${(e: Event) => options.onReason((e.target as HTMLTextAreaElement).value)}></textarea>
      <span class="hint">${localize.term('reasonHint')}</span>
    </label>
    ${options.notice}
    <div class="actions">
      <button type="button" class="primary" part="confirm-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => options.onConfirm()}>${localize.term(confirmTerm)}</button>
      ${changeTime}
    </div>
  </section>`;
}

export interface BookedOptions {
  format: VisitFormat;
  onAddToCalendar(visit: Visit): void;
  onSeeAppointments(): void;
  onBookAnother(): void;
}

/** Booked (or asked for): the visit, what to bring, and add to calendar, see appointments or book another. */
export function renderBooked(localize: BookerLocalize, visit: Visit, options: BookedOptions) {
  const requested = isProposal(visit.appointment);
  const bring = [visit.appointment.patientInstruction, visit.appointment.comment].filter(Boolean);
  return html`<section class="confirmation" part="confirmation" aria-labelledby="booked-heading">
    <h2 id="booked-heading" tabindex="-1" data-focus-target>${localize.term(requested ? 'requested' : 'booked')}</h2>
    ${requested ? html`<p class="request-note">${localize.term('requestedExplained')}</p>` : nothing} ${renderVisitFacts(options.format, visit)}
    ${bring.length
      ? html`<h3>${localize.term('whatToBring')}</h3>
          ${bring.map((text) => html`<p>${text}</p>`)}`
      : nothing}
    <div class="actions">
      ${requested || instantMs(visit.appointment.start) === undefined
        ? nothing
        : html`<button type="button" class="primary" @click=${() => options.onAddToCalendar(visit)}>${localize.term('addToCalendar')}</button>`}
      <button type="button" class="secondary" @click=${() => options.onSeeAppointments()}>${localize.term('seeAppointments')}</button>
      <button type="button" class="secondary" @click=${() => options.onBookAnother()}>${localize.term('bookAnother')}</button>
    </div>
  </section>`;
}
