import { expect } from '@open-wc/testing';
import {
  addDays,
  calculateAge,
  formatAge,
  formatFhirDate,
  formatFhirDateTime,
  formatRelativeDay,
  formatTime,
  parseFhirDate,
} from '../../packages/core/src/format/date.js';
import { viewerTimeZone } from '../../packages/core/src/format/formatters.js';

/** Intl puts narrow no-break spaces before AM/PM and in Spanish dates; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** A moment on the morning the US switched to daylight time: 1:30 AM in New York, 7:30 AM in Madrid. */
const INSTANT = '2024-03-10T06:30:00Z';
/** A moment that is still the evening before in New York. */
const LATE_INSTANT = '2024-03-10T03:30:00Z';

describe('parseFhirDate', () => {
  it('reads each FHIR precision', () => {
    expect(parseFhirDate('2020')).to.deep.equal({ date: new Date(Date.UTC(2020, 0, 1)), precision: 'year' });
    expect(parseFhirDate('2020-05')).to.deep.equal({ date: new Date(Date.UTC(2020, 4, 1)), precision: 'month' });
    expect(parseFhirDate('2020-05-01')).to.deep.equal({ date: new Date(Date.UTC(2020, 4, 1)), precision: 'day' });
    expect(parseFhirDate('2020-05-01T10:30:00-04:00')?.date.toISOString()).to.equal('2020-05-01T14:30:00.000Z');
    expect(parseFhirDate('2020-05-01T14:30:00Z')?.precision).to.equal('time');
    expect(parseFhirDate('2020-05-01T14:30:00.123456+05:30')?.date.toISOString()).to.equal('2020-05-01T09:00:00.123Z');
  });

  it('keeps years before 100 as they are', () => {
    expect(parseFhirDate('0050-01-01')?.date.getUTCFullYear()).to.equal(50);
  });

  it('returns undefined for garbage and impossible dates instead of throwing', () => {
    const garbage: unknown[] = [
      undefined,
      null,
      '',
      '   ',
      'yesterday',
      '2020-13',
      '2020-00-10',
      '2021-02-29',
      '2020-04-31',
      '20200501',
      '2020-05-01T25:00:00Z',
      '2020-05-01T10:61:00Z',
      '2020-05-01T10:30:00+15:00',
      '0000',
      42,
      {},
      new Date('not a date'),
    ];
    for (const value of garbage) {
      expect(parseFhirDate(value as string), String(value)).to.equal(undefined);
    }
  });

  it('accepts a leap day and a Date', () => {
    expect(parseFhirDate('2024-02-29')?.precision).to.equal('day');
    expect(parseFhirDate(new Date(INSTANT))?.date.toISOString()).to.equal('2024-03-10T06:30:00.000Z');
  });
});

describe('formatFhirDate', () => {
  it('shows only what was recorded: a year, a month, a day', () => {
    expect(formatFhirDate('2020', 'en-US')).to.equal('2020');
    expect(formatFhirDate('2020-05', 'en-US')).to.equal('May 2020');
    expect(formatFhirDate('2020-05', 'en-US', { style: 'long' })).to.equal('May 2020');
    expect(formatFhirDate('2020-05-01', 'en-US')).to.equal('May 1, 2020');
    expect(formatFhirDate('2020-05-01', 'en-US', { style: 'long' })).to.equal('May 1, 2020');
    expect(formatFhirDate('2020-05-01', 'en-US', { style: 'short' })).to.equal('5/1/2020');
  });

  it('writes Spanish dates', () => {
    expect(formatFhirDate('2020', 'es')).to.equal('2020');
    expect(formatFhirDate('2020-05', 'es', { style: 'long' })).to.equal('mayo de 2020');
    expect(formatFhirDate('2020-05-01', 'es', { style: 'long' })).to.equal('1 de mayo de 2020');
    expect(plain(formatFhirDate('2020-05-01', 'es'))).to.equal('1 may 2020');
    expect(formatFhirDate('2020-05-01', 'es', { style: 'short' })).to.equal('1/5/2020');
  });

  it('never shifts a date-only value by a time zone', () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'Asia/Tokyo']) {
      expect(formatFhirDate('2020-05-01', 'en-US', { timeZone })).to.equal('May 1, 2020');
      expect(formatFhirDate('2020-01', 'en-US', { timeZone })).to.equal('Jan 2020');
      expect(formatFhirDate('2020', 'en-US', { timeZone })).to.equal('2020');
    }
  });

  it('shows the day a moment falls on in the given time zone', () => {
    expect(formatFhirDate(LATE_INSTANT, 'en-US', { timeZone: 'America/New_York' })).to.equal('Mar 9, 2024');
    expect(formatFhirDate(LATE_INSTANT, 'en-US', { timeZone: 'Europe/Madrid' })).to.equal('Mar 10, 2024');
  });

  it('returns an empty string for garbage and never throws on a bad locale or zone', () => {
    expect(formatFhirDate('not a date', 'en')).to.equal('');
    expect(formatFhirDate(undefined, 'en')).to.equal('');
    expect(formatFhirDate('2020-05-01', 'en_US')).to.equal('May 1, 2020');
    expect(formatFhirDate('2020-05-01', '')).to.equal('May 1, 2020');
    expect(formatFhirDate('2020-05-01', 'not a locale!')).to.equal('May 1, 2020');
    expect(formatFhirDate(INSTANT, 'en-US', { timeZone: 'Mars/Olympus_Mons' })).to.match(/2024/);
  });
});

describe('formatFhirDateTime', () => {
  it('shows the clock time in New York and in Madrid, naming the zone when asked', () => {
    expect(plain(formatFhirDateTime(INSTANT, 'en-US', { timeZone: 'America/New_York', showTimeZone: true }))).to.equal(
      'Mar 10, 2024, 1:30 AM EST',
    );
    expect(plain(formatFhirDateTime(INSTANT, 'en-US', { timeZone: 'Europe/Madrid', showTimeZone: true }))).to.equal(
      'Mar 10, 2024, 7:30 AM GMT+1',
    );
    expect(plain(formatFhirDateTime(INSTANT, 'es-ES', { timeZone: 'Europe/Madrid', showTimeZone: true }))).to.equal(
      '10 mar 2024, 7:30 CET',
    );
    expect(plain(formatFhirDateTime(INSTANT, 'es-ES', { timeZone: 'America/New_York', showTimeZone: false }))).to.equal(
      '10 mar 2024, 1:30',
    );
  });

  it("names the zone only when it differs from the viewer's", () => {
    const viewer = viewerTimeZone();
    const elsewhere = viewer === 'America/New_York' ? 'Europe/Madrid' : 'America/New_York';
    expect(plain(formatFhirDateTime(INSTANT, 'en-US', { timeZone: viewer }))).to.match(/\d:30 [AP]M$/);
    expect(plain(formatFhirDateTime(INSTANT, 'en-US'))).to.match(/\d:30 [AP]M$/);
    expect(plain(formatFhirDateTime(INSTANT, 'en-US', { timeZone: elsewhere }))).to.match(/:30 [AP]M (EST|GMT\+1)$/);
  });

  it('uses the style for the date part', () => {
    expect(plain(formatFhirDateTime(INSTANT, 'en-US', { timeZone: 'America/New_York', style: 'long', showTimeZone: false }))).to.equal(
      'March 10, 2024 at 1:30 AM',
    );
    expect(plain(formatFhirDateTime(INSTANT, 'en-US', { timeZone: 'America/New_York', style: 'short', showTimeZone: false }))).to.equal(
      '3/10/2024, 1:30 AM',
    );
  });

  it('falls back to the date for values without a time', () => {
    expect(formatFhirDateTime('2020-05-01', 'en-US', { timeZone: 'Asia/Tokyo' })).to.equal('May 1, 2020');
    expect(formatFhirDateTime('2020', 'es')).to.equal('2020');
    expect(formatFhirDateTime('garbage', 'es')).to.equal('');
  });
});

describe('formatTime', () => {
  it('shows only the clock time', () => {
    expect(plain(formatTime(INSTANT, 'en-US', { timeZone: 'America/New_York', showTimeZone: false }))).to.equal('1:30 AM');
    expect(plain(formatTime(INSTANT, 'en-US', { timeZone: 'Europe/Madrid', showTimeZone: false }))).to.equal('7:30 AM');
    expect(plain(formatTime(INSTANT, 'es-ES', { timeZone: 'Europe/Madrid', showTimeZone: true }))).to.equal('7:30 CET');
  });

  it('returns an empty string when there is no time', () => {
    expect(formatTime('2020-05-01', 'en')).to.equal('');
    expect(formatTime('nonsense', 'en')).to.equal('');
  });
});

describe('formatRelativeDay', () => {
  const now = new Date('2024-03-10T12:00:00Z');

  it('says today, tomorrow, yesterday and in n days, in English and Spanish', () => {
    const options = { now, timeZone: 'UTC' };
    expect(formatRelativeDay('2024-03-10', 'en', options)).to.equal('today');
    expect(formatRelativeDay('2024-03-11', 'en', options)).to.equal('tomorrow');
    expect(formatRelativeDay('2024-03-09', 'en', options)).to.equal('yesterday');
    expect(formatRelativeDay('2024-03-15', 'en', options)).to.equal('in 5 days');
    expect(formatRelativeDay('2024-03-11', 'es', options)).to.equal('mañana');
    expect(formatRelativeDay('2024-03-08', 'es', options)).to.equal('anteayer');
    expect(formatRelativeDay('2024-03-15T09:00:00Z', 'es', options)).to.equal('dentro de 5 días');
  });

  it('counts calendar days in the given time zone', () => {
    expect(formatRelativeDay(LATE_INSTANT, 'en', { now, timeZone: 'America/New_York' })).to.equal('yesterday');
    expect(formatRelativeDay(LATE_INSTANT, 'en', { now, timeZone: 'Europe/Madrid' })).to.equal('today');
  });

  it('returns an empty string for garbage and for values less precise than a day', () => {
    expect(formatRelativeDay('soon', 'en', { now })).to.equal('');
    expect(formatRelativeDay('2024-03', 'en', { now })).to.equal('');
  });
});

describe('formatAge', () => {
  const now = new Date(2024, 2, 10, 12);

  it('counts completed years, in English and Spanish', () => {
    expect(formatAge('1980-06-15', 'en', now)).to.equal('43 years');
    expect(formatAge('1980-03-10', 'en', now)).to.equal('44 years');
    expect(formatAge('1980-03-11', 'es', now)).to.equal('43 años');
  });

  it('uses months below two years and days for newborns', () => {
    expect(formatAge('2023-07-01', 'en', now)).to.equal('8 months');
    expect(formatAge('2022-04-01', 'es', now)).to.equal('23 meses');
    expect(formatAge('2024-03-01', 'en', now)).to.equal('9 days');
    expect(formatAge('2024-03-09', 'en', now)).to.equal('1 day');
  });

  it('reads a year-only birth date as its first day', () => {
    expect(calculateAge('1980', now)?.years).to.equal(44);
  });

  it('returns an empty string for garbage and birth dates in the future', () => {
    expect(formatAge('2025-01-01', 'en', now)).to.equal('');
    expect(formatAge('unknown', 'en', now)).to.equal('');
    expect(formatAge(undefined, 'en', now)).to.equal('');
  });
});

describe('addDays', () => {
  it('counts calendar days across month ends, leap days and year ends, either way', () => {
    expect(addDays('2026-01-31', 1)).to.equal('2026-02-01');
    expect(addDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addDays('2027-02-28', 1)).to.equal('2027-03-01');
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2027-01-01', -1)).to.equal('2026-12-31');
    expect(addDays('2026-03-08', 60)).to.equal('2026-05-07');
    // A date-time is taken for its day.
    expect(addDays('2026-11-01T23:30:00-05:00', 1)).to.equal('2026-11-02');
  });
});
