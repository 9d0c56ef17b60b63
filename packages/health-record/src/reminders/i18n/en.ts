import type { HealthRemindersTerms } from './terms.js';

const GROUP = { overdue: 'Overdue', due: 'Due soon', coming: 'Coming up' } as const;
const KIND = { vaccine: 'Vaccine', plan: 'Care plan', order: 'Ordered by your care team', visit: 'Visit' } as const;
const UNNAMED = { vaccine: 'A vaccine', plan: 'A check-up in your care plan', order: 'A test or procedure', visit: 'A visit' } as const;
const UNIT = { d: ['day', 'days'], wk: ['week', 'weeks'], mo: ['month', 'months'], a: ['year', 'years'], h: ['hour', 'hours'], min: ['minute', 'minutes'], s: ['second', 'seconds'] } as const;

const en: HealthRemindersTerms = {
  remindersHeading: 'Reminders',
  loadingReminders: 'Loading your reminders…',
  signInToSeeReminders: 'Sign in to see what is due: vaccines, screenings, tests and upcoming visits.',
  reminderGroup: (timing, count) => `${GROUP[timing]} (${count})`,
  reminderKind: (kind) => KIND[kind],
  unnamedReminder: (kind) => UNNAMED[kind],
  reminderWhen: (timing, due, from) =>
    timing === 'overdue'
      ? due ? `Overdue since ${due}` : 'Overdue'
      : from && due ? `Due between ${from} and ${due}` : from ? `Due from ${from}` : due ? `Due by ${due}` : 'Due now',
  repeatEvery: (count, unit) => (count === 1 ? `Every ${UNIT[unit][0]}` : `Every ${count} ${UNIT[unit][1]}`),
  nextAround: (date) => `Next around ${date}`,
  lastDueAround: (date) => `Last due around ${date}`,
  reminderDose: (dose, series) => [dose ? `Dose ${dose}` : '', series ? `${dose ? 'of the ' : ''}${series}` : ''].filter(Boolean).join(' '),
  recommendedBy: 'Recommended by',
  partOfPlan: 'Part of',
  reminderOrderedBy: 'Ordered by',
  orderedOn: 'Ordered',
  visitWith: 'With',
  visitWhere: 'Where',
  beforeYouGo: 'Before you go',
  bookReminder: 'Book',
  bookReason: (kind, name) => (kind === 'vaccine' ? `${name} vaccine` : name),
  bookReminderNamed: (name) => `Book: ${name}`,
  reminderAddToCalendar: 'Add to calendar',
  reminderAddToCalendarNamed: (name) => `Add to calendar: ${name}`,
  seeOrChangeVisit: 'See or change',
  hadElsewhere: 'I had this elsewhere',
  hadElsewhereNamed: (name) => `I had this elsewhere: ${name}`,
  elsewhereSubject: (name) => `I had this elsewhere: ${name}`,
  elsewhereText: (name) => `I had ${name} at another clinic or pharmacy.\nDate: \nWhere: `,
  howToBook: 'How to book',
  nothingDue: 'Nothing due right now',
  nothingDueMessage: 'You are up to date. Vaccines, screenings and visits your care team plans will be listed here when they are due.',
  someRemindersMissing: 'Some reminders could not be read, so this list may not be complete.',
};

export default en;

