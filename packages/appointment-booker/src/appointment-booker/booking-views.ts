import type { CodeableConcept, Location, Practitioner } from 'fhir/r4';
import { displayConcept, formatClinicianName, visitMinutes } from '@portico/core';
import type { BookerLocalize } from '../i18n/terms.js';
import { html, nothing, type TemplateResult } from 'lit';
import { hourIn, sameClock, zoneName } from '../scheduling/clinic-time.js';
import { conceptToken, type OpenTime } from '../scheduling/open-times.js';
import { PHONE_MARK, renderPhone, renderPhoneSentence } from './clinic-phone.js';
import type { VisitFormat } from './visit-format.js';

/** A sentence of the catalogue that names a phone number, with the number as a link. */
export function renderPhoneTerm(localize: BookerLocalize, term: 'callToCancel' | 'callToChange' | 'callToBook', phone: string) {
  return renderPhoneSentence(localize.term(term, PHONE_MARK), phone);
}

/** "Call the clinic to book", with the phone of each place that has one (else the clinic's one number). */
export function renderClinicContact(localize: BookerLocalize, options: { places: readonly Location[]; phoneFor: (place?: Location) => string | undefined }) {
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
export function renderFilters(localize: BookerLocalize, { serviceType, practitioner, location, needsServiceType }: FiltersOptions) {
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
export function renderTimeGroups(localize: BookerLocalize, times: readonly OpenTime[], options: TimeGroupsOptions) {
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

export interface DayTimesOptions extends TimeGroupsOptions {
  /** The day chosen, if any. */
  day?: string;
  /** Open times in the month shown (said while no day is chosen). */
  total: number;
  viewerTimeZone: string;
}

/**
 * "Choose a time" and the chosen day's open times (said in the clinic's zone when the patient's clock
 * differs), or how many times the month has while no day is chosen.
 */
export function renderDayTimes(localize: BookerLocalize, times: readonly OpenTime[], options: DayTimesOptions) {
  const zone = times[0]?.timeZone ?? options.clinicTimeZone;
  const sample = new Date(times[0]?.start ?? Date.now());
  return html`<h3 class="step-heading">${localize.term('chooseTime')}</h3>
    ${options.day
      ? html`<p class="day-heading">${options.format.dayLabel(options.day)}</p>
          ${!sameClock(zone, options.viewerTimeZone, sample) ? html`<p class="zone-note">${localize.term('timesInZone', zoneName(localize.lang(), zone, sample))}</p>` : nothing}
          ${times.length ? renderTimeGroups(localize, times, options) : html`<p class="hint">${localize.term('noOpenTimesThatDay')}</p>`}`
      : html`<p class="hint">${localize.term('chooseDay')}: ${localize.term('openTimes', options.total)}</p>`}`;
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
export function renderNoTimes(localize: BookerLocalize, options: NoTimesOptions) {
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

/** What the booker says after an action: done (a status) or failed (an alert). */
export function renderNotice(notice: { kind: string; text: string } | undefined) {
  if (!notice) return nothing;
  return html`<p class="notice ${notice.kind}" part="notice" role=${notice.kind === 'done' ? 'status' : 'alert'}>${notice.text}</p>`;
}

/** On the waitlist: said so, with the way to the patient's appointments. */
export function renderWaitlisted(localize: BookerLocalize, onSeeAppointments: () => void) {
  return html`<section class="confirmation" part="confirmation">
    <h2 tabindex="-1" data-focus-target>${localize.term('waitlistJoined')}</h2>
    <div class="actions"><button type="button" @click=${onSeeAppointments}>${localize.term('seeAppointments')}</button></div>
  </section>`;
}
