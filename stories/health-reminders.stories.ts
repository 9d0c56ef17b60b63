import '@portico/health-record/health-reminders.js';
import '@portico/appointment-booker/define.js';
import { DEFAULT_DAYS_AHEAD, VACCINATION_SERVICE_TYPE } from '@portico/health-record';
import type { PorticoNavigateEvent } from '@portico/core';
import type { CarePlan, FhirResource, ImmunizationRecommendation, ServiceRequest } from 'fhir/r4';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { action } from 'storybook/actions';
import { expect } from 'storybook/test';
import { CLINIC_TIME_ZONE, inBooker, VISIT_TYPE_TOKENS } from './support/booker.js';
import { untilVisible } from './support/host.js';
import { untilText } from './support/records.js';
import { ATTRIBUTE_TABLE, renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import { storyNow, type StoryFhirOptions } from './support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS } from './support/story-fixtures.js';

interface HealthRemindersArgs extends SignedInArgs {
  daysAhead: number;
  vaccineServiceType: string;
  screeningServiceType: string;
  bookHref: string;
}

const logNavigate = action('portico-navigate');

/** The visit types a reminder's "Book" can preset: the standard "Immunization" service type (the element's default), or one of the demo clinic's. */
const SERVICE_TYPE_LABELS = {
  [VACCINATION_SERVICE_TYPE]: 'Immunization (standard service type; the demo clinic offers none)',
  [VISIT_TYPE_TOKENS.followUp]: 'Follow-up visit',
  [VISIT_TYPE_TOKENS.annualPhysical]: 'Annual physical',
} as const;

/** `<health-reminders>` with the story's attributes. */
function reminders(args: HealthRemindersArgs) {
  return html`<health-reminders
    days-ahead=${args.daysAhead}
    vaccine-service-type=${args.vaccineServiceType || nothing}
    screening-service-type=${args.screeningServiceType || nothing}
    book-href=${args.bookHref || nothing}
    @portico-navigate=${(event: PorticoNavigateEvent) => logNavigate(event.detail)}
  ></health-reminders>`;
}

/** The element as a host page places it, inside a signed-in session. */
function renderReminders(args: HealthRemindersArgs) {
  return renderSignedIn(args, reminders(args));
}

/** The shadow root of the story's `<health-reminders>`. */
function remindersRoot(canvasElement: HTMLElement): ShadowRoot | null | undefined {
  return canvasElement.querySelector('health-reminders')?.shadowRoot;
}

/** Waits until `selector` matches a visible element inside the story's `<health-reminders>`, and returns it. */
function inReminders<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => remindersRoot(canvasElement)?.querySelector<T>(selector), what, timeout);
}

/** Waits until the reminders are read (no skeleton left, a group, the empty state or an error shown). */
function loaded(canvasElement: HTMLElement, timeout = 10_000): Promise<HTMLElement> {
  return untilVisible(
    () => {
      const root = remindersRoot(canvasElement);
      return root && !root.querySelector('[part~="skeleton"]') ? root.querySelector<HTMLElement>('[part~="group"], [part~="empty"], [part~="error"]') : undefined;
    },
    'The reminders',
    timeout,
  );
}

/** An element's words, spaces collapsed. */
function words(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A reminder's labelled facts as a person reads them: "Part of: …; Recommended by: …". */
function details(item: Element | null | undefined): string {
  return [...(item?.querySelectorAll('[part~="details"] .detail') ?? [])].map((fact) => `${words(fact.querySelector('dt'))}: ${words(fact.querySelector('dd'))}`).join('; ');
}

/** The names of the reminders in a group (`overdue`, `due`, `coming`), as shown. */
function namesIn(canvasElement: HTMLElement, timing: string): string[] {
  return [...(remindersRoot(canvasElement)?.querySelectorAll(`[part~="group-${timing}"] [part~="reminder-name"]`) ?? [])].map((name) => words(name));
}

/** A reminder by its id (`CarePlan/careplan-maria-diabetes#1`). */
function reminder(canvasElement: HTMLElement, id: string): HTMLElement | null | undefined {
  return remindersRoot(canvasElement)?.querySelector<HTMLElement>(`[data-reminder-id="${CSS.escape(id)}"]`);
}

/** Nothing fits sideways wider than the element. */
function fitsSideways(canvasElement: HTMLElement): boolean {
  const element = canvasElement.querySelector('health-reminders')!;
  return element.scrollWidth <= element.clientWidth + 1;
}

/** The four searches the element sends side by side. */
const READS = /\/r4\/(ImmunizationRecommendation|CarePlan|ServiceRequest|Appointment)\?/;

const LONG_CLINICIAN = 'Dr. Anneliese Maximiliane von Hohenzollern-Sigmaringen-Featherstonehaugh, MD, PhD, FACP';

/**
 * A long list for Maria beside the seed's: twelve more vaccines in the forecast, a care plan of fifteen
 * screenings and a dozen orders, with long names, reasons and instructions; due from long ago to months on.
 */
function longList(): { resources: FhirResource[] } {
  const day = (daysFromToday: number) => new Date(storyNow().getTime() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
  const maria = { reference: 'Patient/maria', display: 'Maria Hernández' };
  const forecast: ImmunizationRecommendation = {
    resourceType: 'ImmunizationRecommendation',
    id: 'immrec-story-long',
    patient: maria,
    date: `${day(-1)}T06:00:00Z`,
    recommendation: Array.from({ length: 12 }, (_, i) => ({
      vaccineCode: [{ text: `Tetanus, diphtheria and acellular pertussis booster with inactivated poliovirus, formulation ${i + 1}` }],
      forecastStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', code: i % 3 ? 'due' : 'overdue' }] },
      dateCriterion: [{ code: { coding: [{ system: 'http://loinc.org', code: '30980-7' }] }, value: day(i % 3 ? i * 9 : -30 - i * 11) }],
      doseNumberPositiveInt: (i % 3) + 1,
      series: 'Three-dose catch-up series for adults who missed the childhood schedule',
    })),
  };
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: 'careplan-story-long',
    status: 'active',
    intent: 'plan',
    subject: maria,
    title: 'Comprehensive chronic disease management and preventive screening plan of the endocrinology service',
    author: { display: LONG_CLINICIAN },
    activity: Array.from({ length: 15 }, (_, i) => ({
      detail: {
        status: 'not-started',
        code: { text: `Comprehensive ophthalmological examination with dilated fundoscopy and optical coherence tomography, part ${i + 1}` },
        scheduledPeriod: { start: day(-60 + i * 8), end: day(-40 + i * 8) },
        description: 'Bring your glasses, your current medicines and someone to drive you home: the drops blur your sight for four to six hours afterwards.',
      },
    })),
  };
  const orders = Array.from({ length: 12 }, (_, i): ServiceRequest => ({
    resourceType: 'ServiceRequest',
    id: `sr-story-long-${i}`,
    status: 'active',
    intent: 'order',
    subject: maria,
    code: { text: `Comprehensive metabolic panel with hepatic function, lipid fractionation and urine microalbumin-to-creatinine ratio, ${i + 1}` },
    authoredOn: `${day(-10 - i)}T10:00:00Z`,
    occurrencePeriod: { start: day(-10 - i), end: day(i * 6 - 5) },
    requester: { display: LONG_CLINICIAN },
    patientInstruction: 'Fasting: nothing but water for twelve hours before the test; take your morning medicines with water unless your care team said otherwise.',
  }));
  return { resources: [forecast, plan, ...orders] };
}

const meta = {
  title: 'Records/Health reminders',
  component: 'health-reminders',
  render: (args) => renderReminders(args),
  args: {
    daysAhead: DEFAULT_DAYS_AHEAD,
    vaccineServiceType: VACCINATION_SERVICE_TYPE,
    screeningServiceType: '',
    bookHref: '',
    patientId: 'maria',
    locale: '',
    theme: 'light',
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    daysAhead: { control: { type: 'number', min: 1, max: 365 }, table: ATTRIBUTE_TABLE },
    vaccineServiceType: { control: { type: 'select', labels: SERVICE_TYPE_LABELS }, options: Object.keys(SERVICE_TYPE_LABELS), table: ATTRIBUTE_TABLE },
    screeningServiceType: {
      control: { type: 'select', labels: { '': '(the patient chooses)', [VISIT_TYPE_TOKENS.followUp]: 'Follow-up visit', [VISIT_TYPE_TOKENS.annualPhysical]: 'Annual physical' } },
      options: ['', VISIT_TYPE_TOKENS.followUp, VISIT_TYPE_TOKENS.annualPhysical],
      table: ATTRIBUTE_TABLE,
    },
    bookHref: { control: 'text', table: ATTRIBUTE_TABLE },
    ...sessionArgTypes({
      description:
        'The patient signed in to the surrounding `portal-session`: Maria (a COVID-19 vaccine and a foot exam overdue, a pneumococcal vaccine, her diabetes screenings and a fasting lipid panel due, two booked visits), James (a COVID-19 vaccine overdue, hepatitis B and a cholesterol check due), Leo (a flu shot due, his asthma check-ups; his father James signs in), Aisha (a meningococcal B vaccine and a blood count overdue, a flu shot and a Pap test due).',
    }),
  },
  parameters: {
    docs: {
      description: {
        component:
          'What is due for the patient and what is coming: vaccines the clinic’s forecast says are due or overdue, screenings and follow-ups in an active care plan, tests ordered and not done, and visits booked in the next `days-ahead` days; overdue first, then due soon, then coming up, each with its next step. Four searches side by side. The stories run against the demo FHIR server in the browser, on the demo seed made from today.',
      },
    },
  },
} satisfies Meta<HealthRemindersArgs>;

export default meta;
type Story = StoryObj<HealthRemindersArgs>;

/** Maria's reminders: two overdue, six due soon, her booked visits coming up, each saying when and why. */
export const Default: Story = {
  name: 'Overdue, due soon and coming up',
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    await expect(namesIn(canvasElement, 'overdue')).toEqual(['COVID-19 (updated vaccine)', 'Diabetic foot exam']);
    await expect(words(remindersRoot(canvasElement)!.querySelector('[part~="group-overdue"] h3'))).toBe('Overdue (2)');
    await expect(namesIn(canvasElement, 'due')).toEqual(['A1c blood test', 'Lipid panel', 'Pneumococcal (PCV20)', 'Mammogram (breast cancer screening)', 'Diabetic eye exam', 'Urinalysis']);
    const foot = reminder(canvasElement, 'CarePlan/careplan-maria-diabetes#1')!;
    await expect(words(foot.querySelector('[part~="reminder-when"]'))).toMatch(/^Overdue since [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    await expect(words(foot.querySelector('[part~="reminder-why"]'))).toBe('Yearly foot check: sensation, pulses and skin.');
    const lipid = reminder(canvasElement, 'ServiceRequest/sr-maria-lipid-panel-pending')!;
    await expect(words(lipid.querySelector('[part~="reminder-instructions"]'))).toBe('Before you go: Fasting: nothing but water for 10 hours before the test.');
    const visits = [...(remindersRoot(canvasElement)?.querySelectorAll<HTMLElement>('[part~="group-coming"] [part~="reminder-visit"]') ?? [])];
    await expect(visits.length).toBeGreaterThan(0);
    await expect(visits.every((visit) => visit.querySelector('[part~="calendar-button"]') !== null)).toBe(true);
    // No booker on the page, no navigate-url and no book-href: no "Book" that leads nowhere.
    await expect(remindersRoot(canvasElement)!.querySelector('[part~="book-button"], [part~="book-link"], [part~="elsewhere-button"]')).toBeNull();
  },
};

/** A booker on the page: each reminder's "Book" opens it, preset with the visit type and the vaccine as the reason. */
export const WithBooker: Story = {
  name: 'With a booker on the page',
  args: { vaccineServiceType: VISIT_TYPE_TOKENS.followUp, screeningServiceType: VISIT_TYPE_TOKENS.followUp },
  render: (args) => renderSignedIn(args, html`${reminders(args)}<appointment-booker view="appointments" viewer-time-zone=${CLINIC_TIME_ZONE}></appointment-booker>`),
  play: async ({ canvasElement }) => {
    const book = await inReminders<HTMLButtonElement>(canvasElement, '[data-reminder-id="ImmunizationRecommendation/immrec-maria#1"] [part~="book-button"]', 'Book the pneumococcal vaccine', 10_000);
    await expect(book.getAttribute('aria-label')).toBe('Book: Pneumococcal (PCV20)');
    await expect(remindersRoot(canvasElement)!.querySelector('[part~="book-link"]')).toBeNull();
    // A booked visit is changed in the booker.
    await inReminders(canvasElement, '[part~="reminder-visit"] [part~="change-visit"]', 'See or change');
    const seen: PorticoNavigateEvent['detail'][] = [];
    canvasElement.addEventListener('portico-navigate', (event) => seen.push((event as PorticoNavigateEvent).detail), { once: true });
    book.click();
    await inBooker(canvasElement, '#browse-heading', 'The booking view', 10_000);
    await expect(JSON.stringify(seen)).toBe(JSON.stringify([{ target: 'appointment-booker', params: { serviceType: VISIT_TYPE_TOKENS.followUp, reason: 'Pneumococcal (PCV20) vaccine' } }]));
  },
};

/** Nothing on the page books: each reminder links to the hospital's page about booking (`book-href`). */
export const WithoutBooker: Story = {
  name: 'Without a booker: how to book',
  args: { bookHref: 'https://riverside-health.example/appointments' },
  play: async ({ canvasElement }) => {
    const link = await inReminders<HTMLAnchorElement>(canvasElement, '[data-reminder-id="ImmunizationRecommendation/immrec-maria#1"] [part~="book-link"]', 'How to book', 10_000);
    await expect(words(link)).toBe('How to book');
    await expect(link.getAttribute('href')).toBe('https://riverside-health.example/appointments');
    await expect(remindersRoot(canvasElement)!.querySelector('[part~="book-button"]')).toBeNull();
  },
};

/** A patient with nothing due: said calmly. */
export const NothingDue: Story = {
  name: 'Nothing due',
  args: { patientId: FIXTURE_IDS.empty },
  parameters: { storyFhir: { fixtures: EMPTY_RECORD } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const empty = await loaded(canvasElement);
    await expect(empty.matches('[part~="empty"]')).toBe(true);
    await expect(words(empty.querySelector('.state-heading'))).toBe('Nothing due right now');
    await expect(remindersRoot(canvasElement)!.querySelector('[part~="partial"]')).toBeNull();
  },
};

/** The reminders are loading: the demo server holds the four searches. */
export const Loading: Story = {
  parameters: { storyFhir: { delay: Infinity, delayOnly: READS } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const skeleton = await inReminders(canvasElement, '[part~="skeleton"]', 'The loading skeleton');
    await expect(words(skeleton)).toBe('Loading your reminders…');
    await expect(skeleton.getAttribute('aria-busy')).toBe('true');
    await expect(remindersRoot(canvasElement)!.querySelector('[part~="reminder"], [part~="empty"]')).toBeNull();
  },
};

/** Every search fails: what went wrong, and "Try again". */
export const Failed: Story = {
  name: 'Error with retry',
  parameters: {
    storyFhir: { faults: ['ImmunizationRecommendation', 'CarePlan', 'ServiceRequest', 'Appointment'].map((type) => ({ method: 'GET', path: `^${type}`, status: 500, times: 1000 })) } satisfies StoryFhirOptions,
  },
  play: async ({ canvasElement }) => {
    const error = await inReminders(canvasElement, '[part~="error"]', 'The error', 10_000);
    await expect(words(error)).toContain('Something went wrong on our side. Please try again later.');
    await inReminders(canvasElement, '[part~="retry-button"]', 'Try again');
    await expect(remindersRoot(canvasElement)!.querySelector('[part~="reminder"]')).toBeNull();
  },
};

/** Every search fails once: "Try again" reads them again, and Maria's reminders are shown. */
export const Retried: Story = {
  name: 'Error, then Try again',
  parameters: {
    storyFhir: { faults: ['ImmunizationRecommendation', 'CarePlan', 'ServiceRequest', 'Appointment'].map((type) => ({ method: 'GET', path: `^${type}`, status: 500, times: 1 })) } satisfies StoryFhirOptions,
  },
  play: async ({ canvasElement }) => {
    (await inReminders<HTMLButtonElement>(canvasElement, '[part~="retry-button"]', 'Try again', 10_000)).click();
    await untilVisible(() => (namesIn(canvasElement, 'overdue').length === 2 ? remindersRoot(canvasElement)?.querySelector<HTMLElement>('[part~="group-overdue"]') : undefined), 'The overdue reminders');
    await expect(remindersRoot(canvasElement)!.querySelector('[part~="error"]')).toBeNull();
  },
};

/** The care plans cannot be read: the rest are shown, with a notice that the list may not be complete. */
export const Partial: Story = {
  name: 'Some kinds unreadable',
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^CarePlan', status: 500, times: 1000 }] } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const partial = await inReminders(canvasElement, '[part~="partial"]', 'The notice', 10_000);
    await expect(words(partial.querySelector('p'))).toBe('Some reminders could not be read, so this list may not be complete.');
    await expect(words(partial.querySelector('button'))).toBe('Try again');
    await expect(namesIn(canvasElement, 'overdue')).toEqual(['COVID-19 (updated vaccine)']);
    await expect(remindersRoot(canvasElement)!.querySelector('[part~="reminder-plan"]')).toBeNull();
  },
};

/** A long list: a dozen more vaccines, fifteen screenings and a dozen orders, with long names and instructions. */
export const LongList: Story = {
  name: 'Long list',
  args: { bookHref: 'https://riverside-health.example/appointments' },
  parameters: { storyFhir: { fixtures: longList() } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await untilVisible(() => reminder(canvasElement, 'ServiceRequest/sr-story-long-11'), 'The last long order', 10_000);
    const shown = remindersRoot(canvasElement)!.querySelectorAll('[part~="reminder"]').length;
    await expect(shown).toBeGreaterThan(40);
    await expect(namesIn(canvasElement, 'overdue').length).toBeGreaterThan(10);
    await expect(details(reminder(canvasElement, 'ServiceRequest/sr-story-long-0'))).toMatch(/^Ordered by: Dr\. Anneliese .+; Ordered: .+$/);
    await expect(fitsSideways(canvasElement)).toBe(true);
  },
};

/** A Spanish page: Maria's reminders in Spanish, the groups and the dates too. */
export const Spanish: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    await untilText(await inReminders(canvasElement, '#reminders-heading', 'The heading'), 'Recordatorios');
    await untilText(await inReminders(canvasElement, '[part~="group-overdue"] h3', 'The overdue group', 10_000), 'Atrasado (2)');
    const lipid = await inReminders(canvasElement, '[data-reminder-id="ServiceRequest/sr-maria-lipid-panel-pending"] [part~="reminder-when"]', 'When the lipid panel is due');
    await expect(words(lipid)).toMatch(/^Le toca antes del \d{1,2} [a-z]{3,4}\.? \d{4}$/);
  },
};

/** An Arabic page (`lang="ar" dir="rtl"`): Maria's reminders right to left. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const heading = await inReminders(canvasElement, '#reminders-heading', 'The heading');
    await untilText(heading, 'التذكيرات');
    await expect(heading.closest('section')?.getAttribute('dir')).toBe('rtl');
    await untilText(await inReminders(canvasElement, '[part~="group-overdue"] h3', 'The overdue group', 10_000), 'متأخر (2)');
    await expect(fitsSideways(canvasElement)).toBe(true);
  },
};

/** A phone's width (320 px, as a 640 px screen at 200 % zoom), with "How to book": nothing scrolls sideways. */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  args: { bookHref: 'https://riverside-health.example/appointments' },
  render: (args) => html`<div style="inline-size: 320px; max-inline-size: 100%">${renderReminders(args)}</div>`,
  play: async ({ canvasElement }) => {
    await inReminders(canvasElement, '[part~="book-link"]', 'How to book', 10_000);
    await expect(fitsSideways(canvasElement)).toBe(true);
  },
};

/** Nobody is signed in (no session around the element): it says what signing in gives. */
export const SignedOut: Story = {
  name: 'Signed out',
  render: () => html`<health-reminders></health-reminders>`,
  play: async ({ canvasElement }) => {
    const prompt = await inReminders(canvasElement, '[part~="signed-out"]', 'The signed-out prompt');
    await expect(prompt.textContent).toContain('Sign in to see what is due: vaccines, screenings, tests and upcoming visits.');
  },
};
