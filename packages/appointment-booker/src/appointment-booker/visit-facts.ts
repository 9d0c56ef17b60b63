import type { Appointment } from 'fhir/r4';
import { addressLine, displayConcept, formatClinicianName, instantMs, renderDataText, visitMinutes } from '@portico/core';
import { html, nothing, type TemplateResult } from 'lit';
import { sameClock } from '../scheduling/clinic-time.js';
import type { Visit } from '../scheduling/scheduler.js';
import type { VisitFormat } from './visit-format.js';

// A visit's facts, as the review, the confirmation and the appointments list show them (the first screen
// shows none): loaded with those views.

/** A visit in a line: its type, time and clinician ('Follow-up visit, Monday, December 7, 2026 at 8:30 AM EST, Linda May Chen, MD'). */
export function visitInWords(format: VisitFormat, visit: Visit): string {
  const { appointment } = visit;
  return [displayConcept(appointment.serviceType?.[0], '', format.localize.lang()), format.when(appointment.start, visit.timeZone), formatClinicianName(visit.practitioner)].filter(Boolean).join(', ');
}

/** "(Your time: Mon 2:30 PM GMT)" when the viewer's clock differs from the visit's. */
function viewerNote(format: VisitFormat, start: string | undefined, timeZone: string | undefined): TemplateResult | typeof nothing {
  const viewer = format.zones.viewer();
  if (!start || sameClock(timeZone ?? format.zones.clinic(), viewer, new Date(start))) return nothing;
  const theirs = format.localize.date(start, { timeZone: viewer, weekday: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  return html`<span class="viewer-time">(${format.localize.term('yourTime', theirs)})</span>`;
}

/** A waitlist request's window: 'Any time from Nov 21, 2026 to Feb 19, 2027'. */
function requestedPeriod(format: VisitFormat, appointment: Appointment): string {
  const { localize } = format;
  const period = appointment.requestedPeriod?.[0];
  if (!period?.start) return '';
  return period.end ? localize.term('waitlistPeriod', localize.fhirDate(period.start), localize.fhirDate(period.end)) : localize.fhirDate(period.start);
}

/** When, what, why, with whom and where: the facts of a visit as a description list. */
export function renderVisitFacts(format: VisitFormat, visit: Visit): TemplateResult {
  const { appointment, practitioner, location } = visit;
  const { localize } = format;
  const term = localize.term.bind(localize);
  const minutes = visitMinutes(appointment.start, appointment.end, appointment.minutesDuration);
  const period = !appointment.start ? requestedPeriod(format, appointment) : '';
  const timed = instantMs(appointment.start) !== undefined;
  const type = displayConcept(appointment.serviceType?.[0], '', localize.lang());
  const reason = visit.encounter?.reasonCode?.map((c) => displayConcept(c, '', localize.lang())).filter(Boolean).join(', ');
  const address = addressLine(location);
  return html`<dl class="facts">
    <div>
      <dt>${term('when')}</dt>
      <dd>
        ${period || (timed ? format.when(appointment.start, visit.timeZone) : term('timeNotGiven'))}
        ${timed ? html`<span class="duration">· ${minutes ? term('minutes', minutes) : term('lengthNotGiven')}</span>` : nothing}
        ${timed ? viewerNote(format, appointment.start, visit.timeZone) : nothing}
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
