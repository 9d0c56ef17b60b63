import type {
  Appointment,
  CarePlan,
  CarePlanActivity,
  ImmunizationRecommendation,
  ImmunizationRecommendationRecommendation,
  Location,
  Period,
  Practitioner,
  Reference,
  Resource,
  ServiceRequest,
  Timing,
} from 'fhir/r4';
import { addDays, conceptName, referencedFrom, referenceId, referenceName, timeZoneOf } from '@portico/core';

/** What a reminder is about: a vaccine (a forecast), something a care plan asks for, a test or procedure ordered, a visit booked. */
export const REMINDER_KINDS = ['vaccine', 'plan', 'order', 'visit'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** When it is: past its date, due now or soon (within `days-ahead`), or later (and every booked visit). */
export const REMINDER_TIMINGS = ['overdue', 'due', 'coming'] as const;
export type ReminderTiming = (typeof REMINDER_TIMINGS)[number];

/** How often a repeating care-plan activity comes back. */
export interface Repeat {
  count: number;
  unit: NonNullable<NonNullable<Timing['repeat']>['periodUnit']>;
}

/** A booked visit, with the clinician and place it names (what its calendar entry needs). */
export interface UpcomingVisit {
  appointment: Appointment;
  practitioner?: Practitioner;
  location?: Location;
  timeZone?: string;
}

/** One thing due or coming, as the patient reads it. */
export interface Reminder {
  /** Stable across reads: the resource and, for a forecast or a plan, the item's place in it. */
  id: string;
  kind: ReminderKind;
  timing: ReminderTiming;
  /** The vaccine, test or visit in plain words ('' when the record names nothing). */
  name: string;
  /** The day it is due by (a forecast's due date, the end of a window); a visit's start. */
  due?: string;
  /** The first day it can be done (a window's start, a vaccine's earliest date). */
  from?: string;
  /** A repeating activity's period ("every 3 months"); `due` is then the next time, or the last one when `lapsed`. */
  every?: Repeat;
  /** A repeat whose last time has just passed (the plan does not say whether it was done). */
  lapsed?: boolean;
  /** The care plan it belongs to ("Diabetes care plan"). */
  plan?: string;
  /** Who asks for it: the clinician who ordered or planned it, the organization that forecast it. */
  by?: string;
  /** The person to write to about it, when the record names one (`Practitioner/…`). */
  contact?: string;
  /** When it was ordered. */
  orderedOn?: string;
  /** Why, in the clinic's words (an activity's or a forecast's description). */
  why?: string;
  /** What the patient should do before (an order's patient instruction). */
  instructions?: string;
  /** A vaccine's dose in its series. */
  dose?: number;
  series?: string;
  /** A booked visit. */
  visit?: UpcomingVisit;
}

/** What the reminders are made from. */
export interface ReminderRecords {
  recommendations: readonly ImmunizationRecommendation[];
  carePlans: readonly CarePlan[];
  orders: readonly ServiceRequest[];
  appointments: readonly Appointment[];
  /** The clinicians and places the visits name (`_include=Appointment:actor`). */
  included: readonly Resource[];
}

export interface ReminderOptions {
  /** The patient's local date today (`YYYY-MM-DD`). */
  today: string;
  /** The moment now (booked visits before it are past). */
  now: Date;
  /** Due dates within this many days are "due"; later ones "coming". Visits further out are not shown. */
  daysAhead: number;
  locale?: string;
}

/** Forecast statuses that ask for a dose (complete, immune, contraindicated and aged-out ones do not). */
const FORECAST_DUE = new Set(['due', 'overdue']);
/** Care-plan activities not done yet. */
const ACTIVITY_OPEN = new Set(['not-started', 'scheduled']);
/** Booked visits still to come. */
const VISIT_ACTIVE = new Set(['booked', 'pending', 'arrived', 'checked-in']);
/** LOINC codes of a forecast's dates. */
const DUE_DATE = '30980-7';
const EARLIEST_DATE = '30981-5';
const OVERDUE_DATE = '59778-1';

const day = (value: string | undefined) => value?.slice(0, 10) || undefined;

/** Overdue before today, due from today to `daysAhead` on, coming after; no date: due. */
function timingOf(due: string | undefined, from: string | undefined, options: ReminderOptions, overdue = false): ReminderTiming {
  const horizon = addDays(options.today, options.daysAhead);
  if (overdue || (due && due < options.today)) return 'overdue';
  const starts = from ?? due;
  return starts && starts > horizon ? 'coming' : 'due';
}

/** A window's start worth saying: one still to come and before its end ("Due between … and …"); once open, "Due by …" says it. */
function laterStart(from: string | undefined, due: string | undefined, today: string): string | undefined {
  return from && from > today && (!due || from < due) ? from : undefined;
}

/** `Practitioner/…` for a reference to a clinician, to write to them. */
function practitionerOf(reference: Reference | undefined): string | undefined {
  const id = referenceId(reference, 'Practitioner');
  return id ? `Practitioner/${id}` : undefined;
}

function forecastDate(recommendation: ImmunizationRecommendationRecommendation, code: string): string | undefined {
  return day(recommendation.dateCriterion?.find((c) => c.code.coding?.some((k) => k.code === code))?.value);
}

/** The vaccines due, from the newest forecast that names each (an older forecast of the same vaccine is superseded). */
function vaccineReminders(records: ReminderRecords, options: ReminderOptions): Reminder[] {
  const newestFirst = [...records.recommendations].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  const seen = new Set<string>();
  const out: Reminder[] = [];
  for (const forecast of newestFirst) {
    (forecast.recommendation ?? []).forEach((recommendation, index) => {
      const vaccine = recommendation.vaccineCode?.[0] ?? recommendation.targetDisease;
      const key = vaccine?.coding?.map((c) => `${c.system}|${c.code}`).join(',') || conceptName(vaccine);
      if (key && seen.has(key)) return;
      if (key) seen.add(key);
      const status = recommendation.forecastStatus?.coding?.find((c) => c.code)?.code;
      if (!status || !FORECAST_DUE.has(status)) return;
      const due = forecastDate(recommendation, DUE_DATE) ?? forecastDate(recommendation, OVERDUE_DATE);
      const from = forecastDate(recommendation, EARLIEST_DATE);
      out.push({
        id: `ImmunizationRecommendation/${forecast.id}#${index}`,
        kind: 'vaccine',
        timing: timingOf(due, undefined, options, status === 'overdue'),
        name: conceptName(vaccine, options.locale),
        due,
        from: laterStart(from, due, options.today),
        by: referenceName(forecast.authority) || undefined,
        dose: recommendation.doseNumberPositiveInt,
        series: recommendation.series,
      });
    });
  }
  return out;
}

const MONTHS_PER_UNIT: Partial<Record<Repeat['unit'], number>> = { mo: 1, a: 12 };
const DAYS_PER_UNIT: Partial<Record<Repeat['unit'], number>> = { d: 1, wk: 7 };

/** The first time a repeating activity falls on or after today, counted from its bounds' start. */
function nextOccurrence(start: string, repeat: Repeat, today: string): string {
  let next = start;
  for (let step = 1; next < today && step < 10_000; step++) {
    const months = MONTHS_PER_UNIT[repeat.unit];
    if (months) {
      const d = new Date(`${start}T12:00:00Z`);
      const targetMonth = d.getUTCMonth() + months * repeat.count * step;
      const dayOfMonth = d.getUTCDate();
      d.setUTCDate(1);
      d.setUTCMonth(targetMonth);
      // The 31st of a shorter month is its last day.
      const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      d.setUTCDate(Math.min(dayOfMonth, last));
      next = d.toISOString().slice(0, 10);
    } else next = addDays(start, (DAYS_PER_UNIT[repeat.unit] ?? 1) * repeat.count * step);
  }
  return next;
}

/**
 * How long a repeating activity's last time stays the one shown: the plan does not say whether it was
 * done, so a time just past is still "due" for a while rather than skipped for the next (and the day
 * the patient's calendar is ahead of the clinic's does not hide it).
 */
export const REPEAT_GRACE_DAYS = 14;

/** When a planned activity is due: its window, or the next time of its repeat (or the last one, within REPEAT_GRACE_DAYS). */
function activityWhen(activity: CarePlanActivity, today: string): { due?: string; from?: string; every?: Repeat } {
  const detail = activity.detail!;
  const period: Period | undefined = detail.scheduledPeriod;
  if (period) return { due: day(period.end), from: day(period.start) };
  const repeat = detail.scheduledTiming?.repeat;
  if (repeat?.period && repeat.periodUnit && ['d', 'wk', 'mo', 'a'].includes(repeat.periodUnit)) {
    const every = { count: repeat.period, unit: repeat.periodUnit };
    const start = day(repeat.boundsPeriod?.start) ?? day(detail.scheduledTiming?.event?.[0]);
    return { due: start ? nextOccurrence(start, every, addDays(today, -REPEAT_GRACE_DAYS)) : undefined, every };
  }
  return { due: day(detail.scheduledTiming?.event?.[0]) };
}

/** What active care plans ask for and is not done yet (an activity that points at an order is shown as that order). */
function planReminders(records: ReminderRecords, options: ReminderOptions): Reminder[] {
  const out: Reminder[] = [];
  for (const plan of records.carePlans) {
    if (plan.status !== 'active') continue;
    (plan.activity ?? []).forEach((activity, index) => {
      const detail = activity.detail;
      if (!detail || !ACTIVITY_OPEN.has(detail.status) || detail.doNotPerform) return;
      const when = activityWhen(activity, options.today);
      // A repeat's time just past is still due (whether it was done, the plan does not say).
      const lapsed = !!when.every && !!when.due && when.due < options.today;
      out.push({
        id: `CarePlan/${plan.id}#${index}`,
        kind: 'plan',
        timing: lapsed ? 'due' : timingOf(when.due, when.every ? undefined : when.from, options),
        name: conceptName(detail.code, options.locale) || detail.description || '',
        ...when,
        ...(lapsed ? { lapsed: true } : {}),
        from: laterStart(when.from, when.due, options.today),
        plan: plan.title || undefined,
        by: referenceName(plan.author) || undefined,
        contact: practitionerOf(plan.author),
        why: detail.code && detail.description ? detail.description : undefined,
      });
    });
  }
  return out;
}

/** Orders placed and not done yet (a test, a procedure), with the patient's instructions. */
function orderReminders(records: ReminderRecords, options: ReminderOptions): Reminder[] {
  const out: Reminder[] = [];
  for (const order of records.orders) {
    if (order.status !== 'active' || order.doNotPerform || order.intent === 'proposal') continue;
    const due = day(order.occurrencePeriod?.end) ?? day(order.occurrenceDateTime);
    const from = day(order.occurrencePeriod?.start);
    out.push({
      id: `ServiceRequest/${order.id}`,
      kind: 'order',
      timing: timingOf(due, from, options),
      name: conceptName(order.code, options.locale),
      due,
      from: laterStart(from, due, options.today),
      by: referenceName(order.requester) || undefined,
      contact: practitionerOf(order.requester),
      orderedOn: order.authoredOn,
      instructions: order.patientInstruction,
    });
  }
  return out;
}

/** Visits booked from now to `daysAhead` days on. */
function visitReminders(records: ReminderRecords, options: ReminderOptions): Reminder[] {
  const pool = new Map<string, Resource>(records.included.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const until = Date.parse(`${addDays(options.today, options.daysAhead + 1)}T00:00:00`);
  const out: Reminder[] = [];
  for (const appointment of records.appointments) {
    const start = appointment.start ? Date.parse(appointment.start) : NaN;
    if (!VISIT_ACTIVE.has(appointment.status) || !Number.isFinite(start) || start < options.now.getTime() || start >= until) continue;
    const actors = (appointment.participant ?? []).map((p) => p.actor);
    const practitioner = referencedFrom<Practitioner>(pool, actors, 'Practitioner');
    const location = referencedFrom<Location>(pool, actors, 'Location');
    out.push({
      id: `Appointment/${appointment.id}`,
      kind: 'visit',
      timing: 'coming',
      name: conceptName(appointment.serviceType?.[0], options.locale) || conceptName(appointment.appointmentType, options.locale),
      due: appointment.start,
      by: referenceName(actors.find((a) => referenceId(a, 'Practitioner')), practitioner ? [practitioner] : []) || undefined,
      instructions: appointment.patientInstruction,
      visit: { appointment, practitioner, location, timeZone: timeZoneOf(location) },
    });
  }
  return out;
}

const TIMING_ORDER: Record<ReminderTiming, number> = { overdue: 0, due: 1, coming: 2 };

/**
 * Every reminder from what was read: overdue first (longest overdue first), then due (soonest first),
 * then coming (booked visits and later dates, soonest first). Undated ones end their group.
 */
export function remindersOf(records: ReminderRecords, options: ReminderOptions): Reminder[] {
  const all = [...vaccineReminders(records, options), ...planReminders(records, options), ...orderReminders(records, options), ...visitReminders(records, options)];
  const when = (r: Reminder) => (r.kind === 'visit' ? (r.due ?? '') : (r.due ?? r.from ?? '\uffff'));
  return all.sort((a, b) => TIMING_ORDER[a.timing] - TIMING_ORDER[b.timing] || when(a).localeCompare(when(b)) || a.name.localeCompare(b.name));
}
