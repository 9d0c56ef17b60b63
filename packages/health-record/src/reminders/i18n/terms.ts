import type { LocalizeController, TermPack } from '@portico/core';
import type { ReminderKind, ReminderTiming, Repeat } from '../reminders.js';
import en from './en.js';

/** The words <health-reminders> adds to core's catalogue (shared terms such as "Try again" stay in core). */
export interface HealthRemindersTerms {
  remindersHeading: string;
  loadingReminders: string;
  signInToSeeReminders: string;
  /** A group's heading with how many it holds: "Overdue (2)". */
  reminderGroup: (timing: ReminderTiming, count: number) => string;
  /** What a reminder is about: "Vaccine", "Care plan", "Ordered", "Visit". */
  reminderKind: (kind: ReminderKind) => string;
  /** A reminder whose record names nothing in words. */
  unnamedReminder: (kind: ReminderKind) => string;
  /** When it is due, the dates already in words: "Overdue since Sep 22, 2026", "Due between … and …". */
  reminderWhen: (timing: ReminderTiming, due?: string, from?: string) => string;
  /** A repeating activity: "Every 3 months". */
  repeatEvery: (count: number, unit: Repeat['unit']) => string;
  /** The next time of a repeating activity: "Next around Dec 6, 2026". */
  nextAround: (date: string) => string;
  /** A repeating activity whose last time has just passed: "Last due around Dec 6, 2026". */
  lastDueAround: (date: string) => string;
  /** A vaccine's dose: "Dose 1", "Dose 1 of the 3-dose adult series". */
  reminderDose: (dose: number | undefined, series: string | undefined) => string;
  recommendedBy: string;
  partOfPlan: string;
  reminderOrderedBy: string;
  orderedOn: string;
  visitWith: string;
  visitWhere: string;
  beforeYouGo: string;
  bookReminder: string;
  /** The booker's reason, and the button's name for a screen reader: "Pneumococcal (PCV20) vaccine". */
  bookReason: (kind: ReminderKind, name: string) => string;
  bookReminderNamed: (name: string) => string;
  reminderAddToCalendar: string;
  reminderAddToCalendarNamed: (name: string) => string;
  seeOrChangeVisit: string;
  hadElsewhere: string;
  hadElsewhereNamed: (name: string) => string;
  /** The message to the care team begun by "I had this elsewhere". */
  elsewhereSubject: (name: string) => string;
  elsewhereText: (name: string) => string;
  /** Where nothing on the page books: the host's page for booking (`book-href`). */
  howToBook: string;
  nothingDue: string;
  nothingDueMessage: string;
  someRemindersMissing: string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const HEALTH_REMINDERS_TERMS: TermPack<HealthRemindersTerms> = {
  en,
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type HealthRemindersLocalize = LocalizeController<HealthRemindersTerms>;
