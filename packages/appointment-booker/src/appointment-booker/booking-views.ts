import type { CodeableConcept, Location, Practitioner } from 'fhir/r4';
import { displayConcept, formatClinicianName, type LocalizeController } from '@portico/core';
import { html, nothing, type TemplateResult } from 'lit';
import { hourIn } from '../scheduling/clinic-time.js';
import { conceptToken, type OpenTime } from '../scheduling/open-times.js';
import { isProposal } from '../scheduling/booking.js';
import type { Visit } from '../scheduling/scheduler.js';
import { instantMs, visitMinutes } from '../scheduling/visit-time.js';
import { PHONE_MARK, renderPhone, renderPhoneSentence } from './clinic-phone.js';
import type { VisitFormat } from './visit-format.js';

/** A sentence of the catalogue that names a phone number, with the number as a link. */
export function renderPhoneTerm(localize: LocalizeController, term: 'callToCancel' | 'callToChange' | 'callToBook', phone: string) {
  return renderPhoneSentence(localize.term(term, PHONE_MARK), phone);
}

/** "Call the clinic to book", with the phone of each place that has one (else the clinic's one number). */
export function renderClinicContact(localize: LocalizeController, options: { places: readonly Location[]; phoneFor: (place?: Location) => string | undefined }) {
  const listed = options.places.flatMap((place) => {
    const phone = options.phoneFor(place);
    return phone ? [{ place: place as Location | undefined, phone }] : [];
  });
  const fallback = options.phoneFor();
  const phones = listed.length ? listed : fallback ? [{ place: undefined, phone: fallback }] : [];
  return html`<div class="contact" part="notice contact">
    <p>${localize.term('bookByPhone')}</p>
    ${phones.length
      ? html`<ul class="phones">
          ${phones.map(({ place, phone }) => html`<li>${place?.name ? html`${place.name}: ` : nothing}${renderPhone(phone)}</li>`)}
        </ul>`
      : nothing}
  </div>`;
}

/** A choice the host can fix by attribute (then not offered), else the patient's. */
interface Choice<T> {
  fixed?: string;
  chosen?: string;
  options: readonly T[];
  onChange(value: string | undefined): void;
}

export interface FiltersOptions {
  serviceType: Choice<CodeableConcept>;
  practitioner: Choice<Practitioner>;
  location: Choice<Location>;
  /** A visit type must be chosen before anything else is offered. */
  needsServiceType: boolean;
}

/** The visit type, clinician and place choices (each hidden when the host fixed it or there is nothing to choose). */
export function renderFilters(localize: LocalizeController, { serviceType, practitioner, location, needsServiceType }: FiltersOptions) {
  const select = (e: Event) => (e.target as HTMLSelectElement).value || undefined;
  return html`<div class="filters" part="filters">
    ${!serviceType.fixed && serviceType.options.length > 1
      ? html`<label class="field">
          <span>${localize.term('chooseVisitType')}</span>
          <select @change=${(e: Event) => serviceType.onChange(select(e))}>
            <option value="" ?selected=${!serviceType.chosen}>${localize.term('visitType')}…</option>
            ${serviceType.options.map((c) => html`<option value=${conceptToken(c)} ?selected=${conceptToken(c) === serviceType.chosen}>${displayConcept(c, '', localize.lang())}</option>`)}
          </select>
        </label>`
      : nothing}
    ${!practitioner.fixed && !needsServiceType
      ? html`<label class="field">
          <span>${localize.term('clinician')}</span>
          <select @change=${(e: Event) => practitioner.onChange(select(e))}>
            <option value="" ?selected=${!practitioner.chosen}>${localize.term('anyClinician')}</option>
            ${practitioner.options.map((p) => html`<option value=${p.id!} ?selected=${p.id === practitioner.chosen}>${formatClinicianName(p)}</option>`)}
          </select>
        </label>`
      : nothing}
    ${!location.fixed && !needsServiceType && location.options.length > 1
      ? html`<label class="field">
          <span>${localize.term('place')}</span>
          <select @change=${(e: Event) => location.onChange(select(e))}>
            <option value="" ?selected=${!location.chosen}>${localize.term('anyPlace')}</option>
            ${location.options.map((l) => html`<option value=${l.id!} ?selected=${l.id === location.chosen}>${l.name}</option>`)}
          </select>
        </label>`
      : nothing}
  </div>`;
}

export interface TimeGroupsOptions {
  format: VisitFormat;
  clinicTimeZone: string;
  /** Name each time's clinician (the patient chose "any clinician"). */
  showClinician: boolean;
  /** Name each time's place (the patient chose "any place"). */
  showPlace: boolean;
  onChoose(time: OpenTime): void;
}

/** A day's open times in morning, afternoon and evening groups, each a button with its clinician, place and length. */
export function renderTimeGroups(localize: LocalizeController, times: readonly OpenTime[], options: TimeGroupsOptions) {
  const groups: [string, OpenTime[]][] = [
    [localize.term('morning'), []],
    [localize.term('afternoon'), []],
    [localize.term('evening'), []],
  ];
  for (const t of times) {
    const hour = hourIn(t.start, t.timeZone ?? options.clinicTimeZone);
    groups[hour < 12 ? 0 : hour < 17 ? 1 : 2]![1].push(t);
  }
  return html`${groups
    .filter(([, list]) => list.length)
    .map(
      ([label, list]) => html`<div class="time-group" role="group" aria-label=${label}>
        <h4>${label}</h4>
        <ul class="times" part="times">
          ${list.map((t) => {
            const minutes = visitMinutes(t.start, t.end);
            return html`<li>
              <button type="button" class="time" part="time-button" @click=${() => options.onChoose(t)}>
                <span class="clock">${options.format.clock(t.start, t.timeZone)}</span>
                <span class="meta">
                  ${options.showClinician && t.practitioner ? html`<span>${formatClinicianName(t.practitioner)}</span>` : nothing}
                  ${options.showPlace && t.location?.name ? html`<span>${t.location.name}</span>` : nothing}
                  <span>${minutes ? localize.term('minutes', minutes) : localize.term('lengthNotGiven')}</span>
                </span>
              </button>
            </li>`;
          })}
        </ul>
      </div>`,
    )}`;
}

export interface NoTimesOptions {
  format: VisitFormat;
  /** The last day the month (or the booking window) shows. */
  until: string;
  /** The first open time after it, if any. */
  next?: OpenTime;
  onShowNext(next: OpenTime): void;
  /** How to book by phone when nothing is open at all. */
  callToBook: TemplateResult | typeof nothing;
  /** Offer the waitlist (allowed, and not turned off by the host). */
  canWaitlist: boolean;
  busy: boolean;
  onJoinWaitlist(): void;
}

/** Nothing open in the month shown: the next open time (and a way to it), or how to book otherwise; the waitlist offer. */
export function renderNoTimes(localize: LocalizeController, options: NoTimesOptions) {
  const { next } = options;
  return html`<div class="no-times" part="notice">
    <p class="state-heading">${localize.term('noOpenTimes', options.format.dayLabel(options.until))}</p>
    ${next
      ? html`<p>${localize.term('nextAvailable', options.format.when(next.start, next.timeZone))}</p>
          <button type="button" @click=${() => options.onShowNext(next)}>${localize.term('showNextAvailable')}</button>`
      : html`<p>${localize.term('noTimesAtAll')}</p>
          ${options.callToBook}`}
    ${options.canWaitlist
      ? html`<p class="hint">${localize.term('waitlistExplained')}</p>
          <button type="button" class="secondary" ?disabled=${options.busy} @click=${() => options.onJoinWaitlist()}>${localize.term('joinWaitlist')}</button>`
      : nothing}
  </div>`;
}

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
export function renderReview(localize: LocalizeController, options: ReviewOptions) {
  const { preview, busy } = options;
  const changeTime = html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => options.onChangeTime()}>${localize.term('changeTime')}</button>`;
  if (options.byPhone) {
    return html`<section class="review" part="review" aria-labelledby="review-heading">
      <h2 id="review-heading" tabindex="-1" data-focus-target>${localize.term('reviewVisit')}</h2>
      ${options.format.renderFacts(preview)} ${options.byPhone}
      <div class="actions">${changeTime}</div>
    </section>`;
  }
  const confirmTerm = options.requesting ? (busy ? 'sendingRequest' : 'requestTime') : options.rescheduling ? (busy ? 'moving' : 'moveVisit') : busy ? 'booking' : 'confirmBooking';
  return html`<section class="review" part="review" aria-labelledby="review-heading">
    <h2 id="review-heading" tabindex="-1" data-focus-target>${localize.term(options.requesting ? 'reviewRequest' : 'reviewVisit')}</h2>
    ${options.rescheduling ? html`<p class="rescheduling">${localize.term('moveVisitTo', options.format.when(preview.appointment.start, preview.timeZone))}</p>` : nothing}
    ${options.format.renderFacts(preview)}
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
export function renderBooked(localize: LocalizeController, visit: Visit, options: BookedOptions) {
  const requested = isProposal(visit.appointment);
  const bring = [visit.appointment.patientInstruction, visit.appointment.comment].filter(Boolean);
  return html`<section class="confirmation" part="confirmation" aria-labelledby="booked-heading">
    <h2 id="booked-heading" tabindex="-1" data-focus-target>${localize.term(requested ? 'requested' : 'booked')}</h2>
    ${requested ? html`<p class="request-note">${localize.term('requestedExplained')}</p>` : nothing} ${options.format.renderFacts(visit)}
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
