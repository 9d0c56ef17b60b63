import { expect } from '@open-wc/testing';
import { buildIcs, icsBlob, icsFileName, type CalendarEvent } from '../../packages/core/src/ics.js';

const STAMP = new Date('2026-10-01T12:00:00Z');

function appointment(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: 'appt-123@fhir.riverside-health.example.org',
    start: '2026-11-25T14:30:00Z',
    end: '2026-11-25T15:00:00Z',
    timeZone: 'America/New_York',
    summary: 'Annual physical with Dr. Wei Chen',
    stamp: STAMP,
    ...overrides,
  };
}

/** What a calendar reads: the file unfolded (CRLF + space removed) into content lines. */
function contentLines(ics: string): string[] {
  expect(ics.endsWith('\r\n'), 'ends with CRLF').to.equal(true);
  return ics.slice(0, -2).replace(/\r\n /g, '').split('\r\n');
}

/** Name, parameters and value of a content line (a colon inside a quoted parameter is not the separator). */
function parse(line: string): { name: string; params: Record<string, string>; value: string } {
  const head = /^(?:[^:"]|"[^"]*")*/.exec(line)?.[0] ?? '';
  const [name, ...params] = head.split(';');
  return { name, params: Object.fromEntries(params.map((p) => p.split('='))), value: line.slice(head.length + 1) };
}

/** The lines of each `name` component, without its BEGIN and END lines. */
function components(lines: string[], name: string): string[][] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === `BEGIN:${name}`) current = [];
    else if (line === `END:${name}`) {
      if (current) found.push(current);
      current = undefined;
    } else current?.push(line);
  }
  return found;
}

/** The first property `name` directly in `lines` (nested components are skipped). */
function property(lines: string[], name: string) {
  let depth = 0;
  for (const line of lines) {
    if (line.startsWith('BEGIN:')) depth++;
    else if (line.startsWith('END:')) depth--;
    else if (depth === 0 && parse(line).name === name) return parse(line);
  }
  return undefined;
}

function event(ics: string): string[] {
  const events = components(contentLines(ics), 'VEVENT');
  expect(events).to.have.length(1);
  return events[0];
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
}

function minutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
}

/** Every STANDARD/DAYLIGHT observance of the VTIMEZONE for `tzid`, in file order. */
function observances(ics: string, tzid: string) {
  const zones = components(contentLines(ics), 'VTIMEZONE').filter((zone) => property(zone, 'TZID')?.value === tzid);
  expect(zones, `one VTIMEZONE ${tzid}`).to.have.length(1);
  const lines = zones[0];
  const kinds = lines.filter((line) => line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT').map((line) => line.slice(6));
  const blocks = { STANDARD: components(lines, 'STANDARD'), DAYLIGHT: components(lines, 'DAYLIGHT') };
  const seen = { STANDARD: 0, DAYLIGHT: 0 };
  return kinds.map((kind) => {
    const block = blocks[kind as keyof typeof blocks][seen[kind as keyof typeof seen]++];
    const value = (name: string) => property(block, name)?.value ?? `no ${name}`;
    return { kind, start: value('DTSTART'), from: value('TZOFFSETFROM'), to: value('TZOFFSETTO') };
  });
}

/**
 * The instant a calendar reads from DTSTART/DTEND: a UTC time as it is, a TZID wall time with the
 * offset of the latest observance of that VTIMEZONE that began at or before it.
 */
function instant(ics: string, name: 'DTSTART' | 'DTEND'): string {
  const prop = property(event(ics), name);
  if (!prop) throw new Error(`no ${name}`);
  const { params, value } = prop;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  if (!m) throw new Error(`${name} is not a date-time: ${value}`);
  const [, y, mo, d, h, mi, s, z] = m;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (z) return new Date(wall).toISOString();
  expect(params.TZID, `${name} TZID`).to.be.a('string');
  const inForce = observances(ics, params.TZID)
    .filter((o) => o.start <= value)
    .sort((a, b) => a.start.localeCompare(b.start))
    .at(-1);
  if (!inForce) throw new Error(`no observance of ${params.TZID} in force at ${value}`);
  return new Date(wall - minutes(inForce.to) * 60_000).toISOString();
}

const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('buildIcs', () => {
  it('writes one VEVENT in a PUBLISH VCALENDAR, with CRLF line endings only', () => {
    const ics = buildIcs(appointment());
    const lines = contentLines(ics);
    expect(ics.replace(/\r\n/g, ''), 'no bare CR or LF').not.to.match(/[\r\n]/);
    expect(lines[0]).to.equal('BEGIN:VCALENDAR');
    expect(lines.at(-1)).to.equal('END:VCALENDAR');
    expect(property(components(lines, 'VCALENDAR')[0], 'VERSION')?.value).to.equal('2.0');
    for (const [name, value] of [['PRODID', '-//Portico//Appointment//EN'], ['CALSCALE', 'GREGORIAN'], ['METHOD', 'PUBLISH']]) {
      expect(property(components(lines, 'VCALENDAR')[0], name)?.value, name).to.equal(value);
    }
    const vevent = event(ics);
    expect(property(vevent, 'UID')?.value).to.equal('appt-123@fhir.riverside-health.example.org');
    expect(property(vevent, 'DTSTAMP')?.value).to.equal('20261001T120000Z');
    expect(property(vevent, 'SUMMARY')?.value).to.equal('Annual physical with Dr. Wei Chen');
  });

  it('stamps the event with the current UTC time when no stamp is given', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const stamp = property(event(buildIcs(appointment({ stamp: undefined }))), 'DTSTAMP')?.value ?? '';
    expect(stamp).to.match(/^\d{8}T\d{6}Z$/);
    const read = Date.parse(stamp.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z'));
    expect(read).to.be.within(before, Date.now());
  });

  it('gives a New York appointment in November its EST wall time', () => {
    const ics = buildIcs(appointment());
    expect(contentLines(ics)).to.include.members(['DTSTART;TZID=America/New_York:20261125T093000', 'DTEND;TZID=America/New_York:20261125T100000']);
    expect(instant(ics, 'DTSTART')).to.equal('2026-11-25T14:30:00.000Z');
    expect(instant(ics, 'DTEND')).to.equal('2026-11-25T15:00:00.000Z');
    // The same moment written with the clinic's offset gives the same file.
    expect(buildIcs(appointment({ start: '2026-11-25T09:30:00-05:00', end: '2026-11-25T10:00:00.000-05:00' }))).to.equal(ics);
  });

  it('gives a New York appointment in July its EDT wall time', () => {
    const ics = buildIcs(appointment({ start: '2026-07-15T13:30:00Z', end: '2026-07-15T16:30:00+02:00' }));
    expect(contentLines(ics)).to.include.members(['DTSTART;TZID=America/New_York:20260715T093000', 'DTEND;TZID=America/New_York:20260715T103000']);
    expect(instant(ics, 'DTSTART')).to.equal('2026-07-15T13:30:00.000Z');
    expect(instant(ics, 'DTEND')).to.equal('2026-07-15T14:30:00.000Z');
  });

  it('describes America/New_York 2026 in a VTIMEZONE: daylight time from 8 March to 1 November', () => {
    const ics = buildIcs(appointment());
    expect(observances(ics, 'America/New_York')).to.deep.equal([
      // In force on 1 January 2026 (so January and February resolve too).
      { kind: 'STANDARD', start: '20251102T020000', from: '-0400', to: '-0500' },
      { kind: 'DAYLIGHT', start: '20260308T020000', from: '-0500', to: '-0400' },
      { kind: 'STANDARD', start: '20261101T020000', from: '-0400', to: '-0500' },
    ]);
  });

  it('writes times on both sides of each transition that calendars read back to the same instant', () => {
    const cases = [
      ['2026-01-15T14:00:00Z', '20260115T090000'],
      ['2026-03-08T06:59:00Z', '20260308T015900'],
      ['2026-03-08T07:00:00Z', '20260308T030000'],
      ['2026-11-01T05:00:00Z', '20261101T010000'],
      ['2026-11-01T07:00:00Z', '20261101T020000'],
      ['2026-12-31T23:00:00Z', '20261231T180000'],
    ];
    for (const [start, wall] of cases) {
      const ics = buildIcs(appointment({ start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString() }));
      expect(property(event(ics), 'DTSTART')?.value, start).to.equal(wall);
      expect(instant(ics, 'DTSTART'), start).to.equal(new Date(start).toISOString());
    }
  });

  it('reads back every week of 2026 in New York and Sydney (southern hemisphere) at the right instant', () => {
    for (const timeZone of ['America/New_York', 'Australia/Sydney']) {
      for (let day = 0; day < 365; day += 5) {
        const start = new Date(Date.UTC(2026, 0, 1 + day, 12)).toISOString();
        const ics = buildIcs(appointment({ timeZone, start, end: new Date(Date.parse(start) + 3600_000).toISOString() }));
        expect(instant(ics, 'DTSTART'), `${timeZone} ${start}`).to.equal(start);
      }
    }
    const sydney = buildIcs(appointment({ timeZone: 'Australia/Sydney', start: '2026-06-01T00:00:00Z', end: '2026-06-01T01:00:00Z' }));
    expect(observances(sydney, 'Australia/Sydney')).to.deep.equal([
      { kind: 'DAYLIGHT', start: '20251005T020000', from: '+1000', to: '+1100' },
      { kind: 'STANDARD', start: '20260405T030000', from: '+1100', to: '+1000' },
      { kind: 'DAYLIGHT', start: '20261004T020000', from: '+1000', to: '+1100' },
    ]);
  });

  it('gives a zone without daylight time a single STANDARD observance', () => {
    const kolkata = buildIcs(appointment({ timeZone: 'Asia/Kolkata' }));
    expect(property(event(kolkata), 'DTSTART')).to.deep.equal({ name: 'DTSTART', params: { TZID: 'Asia/Kolkata' }, value: '20261125T200000' });
    expect(observances(kolkata, 'Asia/Kolkata')).to.deep.equal([{ kind: 'STANDARD', start: '19700101T000000', from: '+0530', to: '+0530' }]);
    expect(instant(kolkata, 'DTEND')).to.equal('2026-11-25T15:00:00.000Z');

    const utc = buildIcs(appointment({ timeZone: 'UTC' }));
    expect(contentLines(utc)).to.include('DTSTART;TZID=UTC:20261125T143000');
    expect(observances(utc, 'UTC')).to.deep.equal([{ kind: 'STANDARD', start: '19700101T000000', from: '+0000', to: '+0000' }]);
  });

  it('falls back to UTC times, without a VTIMEZONE, for an unknown or missing zone', () => {
    for (const timeZone of ['Mars/Olympus_Mons', '', undefined, '+05:30']) {
      const ics = buildIcs(appointment({ timeZone }));
      const lines = contentLines(ics);
      expect(lines, String(timeZone)).to.include.members(['DTSTART:20261125T143000Z', 'DTEND:20261125T150000Z']);
      expect(components(lines, 'VTIMEZONE'), String(timeZone)).to.have.length(0);
      expect(ics, String(timeZone)).not.to.contain('TZID');
    }
  });

  it('escapes commas, semicolons, backslashes and newlines in text, and drops other control characters', () => {
    const description = 'Fast 8 hours; water is fine.\nBring: ID, insurance card\r\nForms in C:\\Portico\\forms\rThanks\u0007!';
    const ics = buildIcs(appointment({ summary: 'Follow-up, Dr. Chen; room 4', location: 'Riverside Clinic, 12 Main St; Suite 4', description }));
    const vevent = event(ics);
    expect(property(vevent, 'SUMMARY')?.value).to.equal('Follow-up\\, Dr. Chen\\; room 4');
    expect(property(vevent, 'LOCATION')?.value).to.equal('Riverside Clinic\\, 12 Main St\\; Suite 4');
    expect(property(vevent, 'DESCRIPTION')?.value).to.equal(
      'Fast 8 hours\\; water is fine.\\nBring: ID\\, insurance card\\nForms in C:\\\\Portico\\\\forms\\nThanks!',
    );
    expect(unescapeText(property(vevent, 'DESCRIPTION')?.value ?? '')).to.equal(description.replace(/\r\n?/g, '\n').replace('\u0007', ''));
  });

  it('folds long lines at 75 octets without splitting a character, and unfolding restores the text', () => {
    const description = 'Résumé ✓ 日本語の説明 مرحبا بكم في العيادة 👩🏽‍⚕️ see you soon 😀, naïve café; '.repeat(12);
    const ics = buildIcs(appointment({ description }));
    const physical = ics.slice(0, -2).split('\r\n');
    for (const line of physical) {
      expect(utf8(line), line).to.be.at.most(75);
      // A half surrogate pair (a character split in two) would not survive UTF-8.
      expect(new TextDecoder().decode(new TextEncoder().encode(line)), 'no character split').to.equal(line);
    }
    const descriptionLines = physical.slice(physical.findIndex((l) => l.startsWith('DESCRIPTION:')));
    expect(descriptionLines.slice(1, 10).every((l) => l.startsWith(' '))).to.equal(true);
    expect(Math.max(...descriptionLines.slice(0, 10).map(utf8)), 'lines are filled').to.be.at.least(72);
    expect(unescapeText(property(event(ics), 'DESCRIPTION')?.value ?? '')).to.equal(description);
  });

  it('folds exactly at 75 octets and moves a 4-byte character whole to the next line', () => {
    // 12 + 200 octets: 'DESCRIPTION:' and 63 x, then a space and 74 x, then a space and the last 63.
    const ascii = buildIcs(appointment({ description: 'x'.repeat(200) })).split('\r\n');
    const at = ascii.findIndex((l) => l.startsWith('DESCRIPTION:'));
    expect(ascii.slice(at, at + 4).map((l) => (l.startsWith(' ') ? l.length : `${l.length} ${l.slice(0, 3)}`))).to.deep.equal(['75 DES', 75, 64, '10 END']);

    // 'DESCRIPTION:' is 12 octets; 62 more make 74, so the emoji (4 octets) cannot fit on the first line.
    const emoji = buildIcs(appointment({ description: `${'a'.repeat(62)}😀b` })).split('\r\n');
    const first = emoji.findIndex((l) => l.startsWith('DESCRIPTION:'));
    expect(emoji.slice(first, first + 2)).to.deep.equal([`DESCRIPTION:${'a'.repeat(62)}`, ' 😀b']);
  });

  it('marks a cancelled appointment with STATUS and a higher SEQUENCE under the same UID, without a reminder', () => {
    const booked = event(buildIcs(appointment({ status: 'CONFIRMED', sequence: 0, alarmMinutesBefore: 30 })));
    const cancelled = event(buildIcs(appointment({ status: 'CANCELLED', sequence: 1, alarmMinutesBefore: 30 })));
    expect(property(cancelled, 'UID')?.value).to.equal(property(booked, 'UID')?.value);
    expect(property(booked, 'STATUS')?.value).to.equal('CONFIRMED');
    expect(property(booked, 'SEQUENCE')?.value).to.equal('0');
    expect(property(cancelled, 'STATUS')?.value).to.equal('CANCELLED');
    expect(property(cancelled, 'SEQUENCE')?.value).to.equal('1');
    expect(components(booked, 'VALARM')).to.have.length(1);
    expect(components(cancelled, 'VALARM')).to.have.length(0);
  });

  it('adds a display reminder, the organizer with an email, and an absolute URL', () => {
    const vevent = event(
      buildIcs(
        appointment({
          alarmMinutesBefore: 45,
          organizer: { name: 'Dr. Wei Chen, MD "Wei"', email: 'wei.chen@riverside-health.example.org' },
          url: 'https://portal.riverside-health.example.org/appointments/appt 123',
        }),
      ),
    );
    const [alarm] = components(vevent, 'VALARM');
    expect(property(alarm, 'ACTION')?.value).to.equal('DISPLAY');
    expect(property(alarm, 'TRIGGER')?.value).to.equal('-PT45M');
    expect(property(alarm, 'DESCRIPTION')?.value).to.equal('Annual physical with Dr. Wei Chen');
    expect(property(vevent, 'ORGANIZER')).to.deep.equal({
      name: 'ORGANIZER',
      params: { CN: `"Dr. Wei Chen, MD 'Wei'"` },
      value: 'mailto:wei.chen@riverside-health.example.org',
    });
    expect(property(vevent, 'URL')?.value).to.equal('https://portal.riverside-health.example.org/appointments/appt%20123');

    const bare = event(buildIcs(appointment({ organizer: { name: 'Riverside Clinic' }, url: '/appointments/1' })));
    expect(property(bare, 'ORGANIZER'), 'an ORGANIZER needs an address').to.equal(undefined);
    expect(property(bare, 'URL'), 'a relative URL means nothing in a calendar').to.equal(undefined);
    expect(components(bare, 'VALARM')).to.have.length(0);
  });

  it('rejects unreadable or reversed times, and leaves out DTEND when the end is the start', () => {
    expect(() => buildIcs(appointment({ start: 'next Tuesday' }))).to.throw(RangeError);
    expect(() => buildIcs(appointment({ end: 'later' }))).to.throw(RangeError);
    expect(() => buildIcs(appointment({ end: '2026-11-25T14:00:00Z' }))).to.throw(RangeError);
    // An Appointment without an end (the booker passes its start): RFC 5545 forbids DTEND = DTSTART.
    const point = event(buildIcs(appointment({ end: '2026-11-25T09:30:00-05:00' })));
    expect(property(point, 'DTSTART')?.value).to.equal('20261125T093000');
    expect(property(point, 'DTEND')).to.equal(undefined);
  });
});

describe('icsFileName', () => {
  it('names the file after the day of the appointment on the clinic’s calendar', () => {
    expect(icsFileName(appointment())).to.equal('appointment-2026-11-25.ics');
    // 22:00 in New York is already the next day in UTC.
    const evening = { start: '2026-11-26T03:00:00Z', end: '2026-11-26T03:30:00Z' };
    expect(icsFileName(appointment(evening))).to.equal('appointment-2026-11-25.ics');
    expect(icsFileName(appointment({ ...evening, timeZone: undefined }))).to.equal('appointment-2026-11-26.ics');
    expect(icsFileName(appointment({ start: 'soon' }))).to.equal('appointment.ics');
  });
});

describe('icsBlob', () => {
  it('holds the UTF-8 calendar text with the text/calendar type', async () => {
    const event = appointment({ description: 'Café ☕ 😀' });
    const blob = icsBlob(event);
    expect(blob.type).to.equal('text/calendar;charset=utf-8');
    expect(await blob.text()).to.equal(buildIcs(event));
    expect(blob.size).to.equal(utf8(buildIcs(event)));
  });
});
