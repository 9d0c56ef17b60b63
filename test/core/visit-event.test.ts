import type { Appointment, Location, Practitioner } from 'fhir/r4';
import { expect } from '@open-wc/testing';
import { addressLine, calendarEnd, instantMs, visitMinutes } from '../../packages/core/src/index.js';
import { buildIcs, visitEvent } from '../../packages/core/src/ics.js';

const START = '2026-11-25T14:30:00Z';

const location: Location = {
  resourceType: 'Location',
  id: 'loc-main',
  name: 'Riverside Main Clinic',
  address: { line: ['12 Main St', 'Suite 300'], city: 'Boston', state: 'MA', postalCode: '02118' },
};

const practitioner: Practitioner = { resourceType: 'Practitioner', id: 'dr-chen', name: [{ prefix: ['Dr.'], given: ['Wei'], family: 'Chen' }] };

function appointment(extra: Partial<Appointment> = {}): Appointment {
  return {
    resourceType: 'Appointment',
    id: 'appt-1',
    status: 'booked',
    start: START,
    end: '2026-11-25T15:00:00Z',
    serviceType: [{ coding: [{ system: 'https://riverside-health.example.org/fhir/CodeSystem/visit-type', code: 'annual-physical', display: 'Annual physical' }] }],
    participant: [{ status: 'accepted' }],
    ...extra,
  };
}

describe('addressLine', () => {
  it('puts the street lines, city, and state with postal code in one line', () => {
    expect(addressLine(location)).to.equal('12 Main St, Suite 300, Boston, MA 02118');
  });

  it('leaves out what the address does not give, and says nothing for no address', () => {
    expect(addressLine({ resourceType: 'Location', address: { city: 'Boston', postalCode: '02118' } })).to.equal('Boston, 02118');
    expect(addressLine({ resourceType: 'Location', name: 'Telehealth' })).to.equal('');
    expect(addressLine(undefined)).to.equal('');
  });
});

describe('instantMs, visitMinutes and calendarEnd', () => {
  it('reads an instant, and nothing from a missing or impossible one', () => {
    expect(instantMs(START)).to.equal(Date.UTC(2026, 10, 25, 14, 30));
    expect(instantMs(undefined)).to.equal(undefined);
    expect(instantMs('2026-13-45T99:00:00Z')).to.equal(undefined);
  });

  it('a visit lasts from its start to its end, else its minutesDuration; never zero or less', () => {
    expect(visitMinutes(START, '2026-11-25T15:00:00Z')).to.equal(30);
    expect(visitMinutes(START, undefined, 20)).to.equal(20);
    expect(visitMinutes(START, '2026-11-25T13:30:00Z', 20)).to.equal(undefined);
    expect(visitMinutes(START, START)).to.equal(undefined);
    expect(visitMinutes(START, 'not a time', 20)).to.equal(undefined);
    expect(visitMinutes(START, undefined, 0)).to.equal(undefined);
    expect(visitMinutes(START, undefined, Number.NaN)).to.equal(undefined);
  });

  it("the calendar end is the visit's own, else start plus its length, else the start", () => {
    expect(calendarEnd(START, '2026-11-25T15:00:00Z', 45)).to.equal('2026-11-25T15:00:00Z');
    expect(calendarEnd(START, '2026-11-25T13:30:00Z', 45)).to.equal('2026-11-25T15:15:00.000Z');
    expect(calendarEnd(START, undefined, 20)).to.equal('2026-11-25T14:50:00.000Z');
    expect(calendarEnd(START, undefined)).to.equal(START);
  });
});

describe('visitEvent', () => {
  const options = { lang: 'en', baseUrl: 'https://fhir.riverside-health.example.org/fhir', untitled: 'Book a visit' };

  it('names the type and clinician, the place with its address, what to bring, and an alarm an hour before', () => {
    const event = visitEvent(
      { appointment: appointment({ patientInstruction: 'Bring your medication list.', comment: 'Arrive 15 minutes early.', description: 'Knee pain' }), practitioner, location, timeZone: 'America/New_York' },
      options,
    );
    expect(event.uid).to.equal('appt-1@fhir.riverside-health.example.org');
    expect([event.start, event.end, event.timeZone]).to.deep.equal([START, '2026-11-25T15:00:00Z', 'America/New_York']);
    expect(event.summary).to.equal('Annual physical · Dr. Wei Chen');
    expect(event.location).to.equal('Riverside Main Clinic, 12 Main St, Suite 300, Boston, MA 02118');
    // The reason stays out unless asked for: calendars are often shared.
    expect(event.description).to.equal('Bring your medication list.\n\nArrive 15 minutes early.');
    expect([event.status, event.sequence, event.alarmMinutesBefore]).to.deep.equal(['CONFIRMED', 0, 60]);
    expect(buildIcs(event)).to.contain('SUMMARY:Annual physical · Dr. Wei Chen');
  });

  it('with includeReason, the reason is in the description', () => {
    const event = visitEvent({ appointment: appointment({ description: 'Knee pain' }) }, { ...options, includeReason: true });
    expect(event.description).to.equal('Knee pain');
  });

  it('a visit with no type, clinician, place or end: the untitled summary, no location, the end from minutesDuration', () => {
    const event = visitEvent({ appointment: appointment({ serviceType: undefined, end: undefined, minutesDuration: 20 }) }, options);
    expect(event.summary).to.equal('Book a visit');
    expect(event.location).to.equal(undefined);
    expect(event.description).to.equal(undefined);
    expect(event.end).to.equal('2026-11-25T14:50:00.000Z');
    expect(event.timeZone).to.equal(undefined);
  });

  it('a cancelled visit outranks its booking in the calendar', () => {
    const event = visitEvent({ appointment: appointment({ status: 'cancelled' }) }, options);
    expect([event.status, event.sequence]).to.deep.equal(['CANCELLED', 1]);
  });

  it('a base URL that is not a URL still gives a well-formed UID', () => {
    expect(visitEvent({ appointment: appointment() }, { ...options, baseUrl: 'not a url' }).uid).to.equal('appt-1@fhir.invalid');
    expect(visitEvent({ appointment: appointment() }, { lang: 'en', untitled: 'x' }).uid).to.equal('appt-1@fhir.invalid');
  });
});
