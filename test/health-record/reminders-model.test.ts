import { expect } from '@open-wc/testing';
import type { CarePlan, ImmunizationRecommendation, ServiceRequest } from 'fhir/r4';
import { remindersOf, type ReminderRecords } from '../../packages/health-record/src/index.js';

const none: ReminderRecords = { recommendations: [], carePlans: [], orders: [], appointments: [], included: [] };
const options = (today: string, daysAhead = 30) => ({ today, now: new Date(`${today}T12:00:00Z`), daysAhead, locale: 'en-US' });

function repeating(start: string, period: number, periodUnit: 'd' | 'wk' | 'mo' | 'a'): CarePlan {
  return {
    resourceType: 'CarePlan', id: 'plan', status: 'active', intent: 'plan', subject: { reference: 'Patient/p' },
    activity: [{ detail: { status: 'scheduled', code: { text: 'Check' }, scheduledTiming: { repeat: { period, periodUnit, boundsPeriod: { start } } } } }],
  };
}

describe('reminders from FHIR records (pure)', () => {
  it('a repeat counts from its start: the 31st of a month falls on the last day of a shorter one; a leap day on 28 February', () => {
    const next = (plan: CarePlan, today: string) => remindersOf({ ...none, carePlans: [plan] }, options(today))[0]!;
    expect(next(repeating('2026-01-31', 1, 'mo'), '2026-03-01').due).to.equal('2026-02-28');
    expect(next(repeating('2026-01-31', 1, 'mo'), '2026-03-15').due).to.equal('2026-03-31');
    expect(next(repeating('2024-02-29', 1, 'a'), '2025-01-10').due).to.equal('2025-02-28');
    expect(next(repeating('2024-02-29', 1, 'a'), '2028-01-10').due).to.equal('2028-02-29');
    expect(next(repeating('2026-12-28', 2, 'wk'), '2027-01-26').due).to.equal('2027-01-25');
    expect(next(repeating('2026-12-28', 2, 'wk'), '2027-02-09').due).to.equal('2027-02-08');
    const today = next(repeating('2026-03-08', 3, 'mo'), '2026-12-08');
    expect([today.due, today.timing, JSON.stringify(today.every)]).to.deep.equal(['2026-12-08', 'due', JSON.stringify({ count: 3, unit: 'mo' })]);
    // A time just past stays the one shown, still due (the plan does not say it was done); after two weeks, the next.
    const missed = next(repeating('2026-03-08', 3, 'mo'), '2026-12-20');
    expect([missed.due, missed.timing, missed.lapsed]).to.deep.equal(['2026-12-08', 'due', true]);
    expect(next(repeating('2026-03-08', 3, 'mo'), '2026-12-23').due).to.equal('2027-03-08');
    expect(next(repeating('2026-03-08', 6, 'mo'), '2026-09-23').timing).to.equal('coming');
  });

  it('a due date is overdue the day after, not on the day; a forecast that says overdue is overdue whatever its date', () => {
    const forecast = (status: string, due: string): ImmunizationRecommendation => ({
      resourceType: 'ImmunizationRecommendation', id: 'f', patient: { reference: 'Patient/p' }, date: '2026-01-01',
      recommendation: [{ vaccineCode: [{ text: 'Flu' }], forecastStatus: { coding: [{ code: status }] }, dateCriterion: [{ code: { coding: [{ code: '30980-7' }] }, value: due }] }],
    });
    const timing = (f: ImmunizationRecommendation, today: string) => remindersOf({ ...none, recommendations: [f] }, options(today))[0]!.timing;
    expect(timing(forecast('due', '2026-12-31'), '2026-12-31')).to.equal('due');
    expect(timing(forecast('due', '2026-12-31'), '2027-01-01')).to.equal('overdue');
    expect(timing(forecast('overdue', '2027-03-01'), '2026-12-31')).to.equal('overdue');
    expect(timing(forecast('due', '2027-03-01'), '2026-12-31')).to.equal('coming');
  });

  it('an order: a window still to come says both ends; once open, only its end; an order for later is coming', () => {
    const order = (start: string, end: string): ServiceRequest => ({
      resourceType: 'ServiceRequest', id: 'o', status: 'active', intent: 'order', subject: { reference: 'Patient/p' }, code: { text: 'Lipid panel' }, occurrencePeriod: { start, end },
    });
    const [open] = remindersOf({ ...none, orders: [order('2026-12-01', '2026-12-20')] }, options('2026-12-06'));
    expect([open!.timing, open!.from, open!.due]).to.deep.equal(['due', undefined, '2026-12-20']);
    const [ahead] = remindersOf({ ...none, orders: [order('2026-12-10', '2026-12-20')] }, options('2026-12-06'));
    expect([ahead!.timing, ahead!.from]).to.deep.equal(['due', '2026-12-10']);
    const [later] = remindersOf({ ...none, orders: [order('2027-03-01', '2027-03-20')] }, options('2026-12-06'));
    expect(later!.timing).to.equal('coming');
  });
});
