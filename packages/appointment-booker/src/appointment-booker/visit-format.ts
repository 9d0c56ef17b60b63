import type { Appointment } from 'fhir/r4';
import { addressLine, displayConcept, formatClinicianName, instantMs, renderDataText, visitMinutes } from '@portico/core';
import type { BookerLocalize } from '../i18n/terms.js';
import { html, nothing, type TemplateResult } from 'lit';
import { sameClock } from '../scheduling/clinic-time.js';
import type { Visit } from '../scheduling/scheduler.js';

/** The time zones a visit is shown in: the clinic's (its days and times) and the viewer's (noted when they differ). */
export interface VisitZones {
  clinic(): string;
  viewer(): string;
}

/** Visits, days and times in the patient's language: one place for the words both views use. */
export class VisitFormat {
  constructor(
    private readonly localize: BookerLocalize,
    private readonly zones: VisitZones,
  ) {}

  /** A visit's start in full ('Monday, December 7, 2026 at 8:30 AM EST'); "time not given" for one that is not a time. */
  when(start: string | undefined, timeZone: string | undefined): string {
    if (!start) return '';
    if (instantMs(start) === undefined) return this.localize.term('timeNotGiven');
    const zone = timeZone ?? this.zones.clinic();
    return this.localize.date(start, { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  }

  /** A visit in a line: its type, time and clinician ('Follow-up visit, Monday, December 7, 2026 at 8:30 AM EST, Linda May Chen, MD'). */
  visitInWords(visit: Visit): string {
    const { appointment } = visit;
    return [displayConcept(appointment.serviceType?.[0], '', this.localize.lang()), this.when(appointment.start, visit.timeZone), formatClinicianName(visit.practitioner)].filter(Boolean).join(', ');
  }

  /** A calendar day ('YYYY-MM-DD') in words: 'Tuesday, November 25, 2026'. */
  dayLabel(day: string): string {
    return this.localize.date(`${day}T12:00:00Z`, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  }

  /** The clock time of a start ('8:30 AM') in its zone, else the clinic's. */
  clock(start: string, timeZone: string | undefined): string {
    return this.localize.date(start, { timeZone: timeZone ?? this.zones.clinic(), hour: 'numeric', minute: '2-digit' });
  }

  /** "(Your time: Mon 2:30 PM GMT)" when the viewer's clock differs from the visit's. */
  viewerNote(start: string | undefined, timeZone: string | undefined): TemplateResult | typeof nothing {
    const viewer = this.zones.viewer();
    if (!start || sameClock(timeZone ?? this.zones.clinic(), viewer, new Date(start))) return nothing;
    const theirs = this.localize.date(start, { timeZone: viewer, weekday: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    return html`<span class="viewer-time">(${this.localize.term('yourTime', theirs)})</span>`;
  }

  /** A waitlist request's window: 'Any time from Nov 21, 2026 to Feb 19, 2027'. */
  requestedPeriod(appointment: Appointment): string {
    const period = appointment.requestedPeriod?.[0];
    if (!period?.start) return '';
    return period.end ? this.localize.term('waitlistPeriod', this.localize.fhirDate(period.start), this.localize.fhirDate(period.end)) : this.localize.fhirDate(period.start);
  }

  /** When, what, why, with whom and where: the facts of a visit as a description list. */
  renderFacts(visit: Visit): TemplateResult {
    const { appointment, practitioner, location } = visit;
    const term = this.localize.term.bind(this.localize);
    const minutes = visitMinutes(appointment.start, appointment.end, appointment.minutesDuration);
    const period = !appointment.start ? this.requestedPeriod(appointment) : '';
    const timed = instantMs(appointment.start) !== undefined;
    const type = displayConcept(appointment.serviceType?.[0], '', this.localize.lang());
    const reason = visit.encounter?.reasonCode?.map((c) => displayConcept(c, '', this.localize.lang())).filter(Boolean).join(', ');
    const address = addressLine(location);
    return html`<dl class="facts">
      <div>
        <dt>${term('when')}</dt>
        <dd>
          ${period || (timed ? this.when(appointment.start, visit.timeZone) : term('timeNotGiven'))}
          ${timed ? html`<span class="duration">· ${minutes ? term('minutes', minutes) : term('lengthNotGiven')}</span>` : nothing}
          ${timed ? this.viewerNote(appointment.start, visit.timeZone) : nothing}
        </dd>
      </div>
      ${type
        ? html`<div>
            <dt>${term('visitType')}</dt>
            <dd>${type}</dd>
          </div>`
        : nothing}
      ${reason
        ? html`<div>
            <dt>${term('visitReason')}</dt>
            <dd>${reason}</dd>
          </div>`
        : nothing}
      ${practitioner
        ? html`<div>
            <dt>${term('withWhom')}</dt>
            <dd>${renderDataText(formatClinicianName(practitioner))}</dd>
          </div>`
        : nothing}
      ${location
        ? html`<div>
            <dt>${term('where')}</dt>
            <dd>${renderDataText(location.name ?? '')}${address ? html`<br /><span class="address">${renderDataText(address)}</span>` : nothing}</dd>
          </div>`
        : nothing}
    </dl>`;
  }
}
