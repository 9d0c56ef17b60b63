import '@portico/appointment-booker/define.js';
import {
  BOOKER_VIEWS,
  SCHEDULING_PATH_CHOICES,
  type BookerView,
  type PorticoAppointmentBookedEvent,
  type PorticoAppointmentCancelledEvent,
  type PorticoAppointmentRequestedEvent,
  type SchedulingPathChoice,
} from '@portico/appointment-booker';
import { FhirClient } from '@portico/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { action } from 'storybook/actions';
import { expect, within } from 'storybook/test';
import { clearBookerDraft, CLINIC_TIME_ZONE, CLINICIANS, clinicDayOf, inBooker, LOCATIONS, openTimeForStory, seedBookerDraft, VISIT_TYPE_TOKENS } from './support/booker.js';
import { ATTRIBUTE_TABLE, renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import { STORY_FHIR_BASE, type StoryFhirOptions } from './support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS, longNamedClinic, upcomingInEveryState } from './support/story-fixtures.js';
import { storyToken } from './support/story-tokens.js';

const VIEWER_TIME_ZONES = ['', CLINIC_TIME_ZONE, 'America/Chicago', 'America/Los_Angeles', 'Europe/Madrid', 'Asia/Dubai'] as const;

/**
 * The scopes the authorization server granted, as production servers grant patient apps: everything
 * the session asks for (empty: the session's own client, scopes unknown, so the CapabilityStatement
 * decides), no Slot writes (as Epic), or reads only (as Oracle Health).
 */
const GRANTED_SCOPES = ['', 'patient/*.rs patient/Appointment.cu patient/Slot.u', 'patient/*.rs patient/Appointment.cu', 'patient/*.rs'] as const;
const NO_SLOT_WRITES = GRANTED_SCOPES[2];
const READ_ONLY = GRANTED_SCOPES[3];

/**
 * A client of the stories' server that knows which scopes were granted (the element chooses how to book
 * by them), with a token granted exactly those: the server refuses what they do not allow.
 */
function clientWithScopes(patientId: string, grantedScope: string): FhirClient {
  const token = storyToken(patientId, { scope: `openid fhirUser launch/patient ${grantedScope}` });
  return new FhirClient({ baseUrl: STORY_FHIR_BASE, getAccessToken: () => token, grantedScope });
}

/** The long-named clinician at the long-named place, and the long record's 56 upcoming and 56 past visits there. */
const LONG_CLINIC = longNamedClinic(56);

interface AppointmentBookerArgs extends SignedInArgs {
  serviceType: string;
  practitioner: string;
  location: string;
  daysAhead: number;
  minNoticeHours: number;
  cancelCutoffHours: number;
  noWaitlist: boolean;
  clinicPhone: string;
  icsIncludeReason: boolean;
  view: BookerView;
  schedulingPath: SchedulingPathChoice;
  viewerTimeZone: string;
  grantedScope: (typeof GRANTED_SCOPES)[number];
}

const logBooked = action('portico-appointment-booked');
const logRequested = action('portico-appointment-requested');
const logCancelled = action('portico-appointment-cancelled');

/** The booker as a host page places it: inside a signed-in session (token mode; the stories play the host). */
function renderBooker(args: AppointmentBookerArgs) {
  return renderSignedIn(
    args,
    html`<appointment-booker
        .client=${args.grantedScope ? clientWithScopes(args.patientId, args.grantedScope) : undefined}
        service-type=${args.serviceType || nothing}
        practitioner=${args.practitioner || nothing}
        location=${args.location || nothing}
        days-ahead=${args.daysAhead}
        min-notice-hours=${args.minNoticeHours}
        cancel-cutoff-hours=${args.cancelCutoffHours}
        ?no-waitlist=${args.noWaitlist}
        clinic-phone=${args.clinicPhone || nothing}
        ?ics-include-reason=${args.icsIncludeReason}
        view=${args.view}
        scheduling-path=${args.schedulingPath}
        viewer-time-zone=${args.viewerTimeZone || nothing}
        @portico-appointment-booked=${(event: PorticoAppointmentBookedEvent) => logBooked(event.detail)}
        @portico-appointment-requested=${(event: PorticoAppointmentRequestedEvent) => logRequested(event.detail)}
        @portico-appointment-cancelled=${(event: PorticoAppointmentCancelledEvent) => logCancelled(event.detail)}
      ></appointment-booker>`,
  );
}

const meta = {
  title: 'Scheduling/Appointment booker',
  component: 'appointment-booker',
  render: renderBooker,
  args: {
    serviceType: VISIT_TYPE_TOKENS.annualPhysical,
    practitioner: '',
    location: '',
    daysAhead: 90,
    minNoticeHours: 2,
    cancelCutoffHours: 24,
    noWaitlist: false,
    clinicPhone: '',
    icsIncludeReason: false,
    view: 'book',
    schedulingPath: 'auto',
    viewerTimeZone: CLINIC_TIME_ZONE,
    grantedScope: '',
    patientId: 'maria',
    locale: '',
    theme: 'light',
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    serviceType: {
      control: { type: 'select', labels: { '': '(the patient chooses)', [VISIT_TYPE_TOKENS.annualPhysical]: 'Annual physical', [VISIT_TYPE_TOKENS.followUp]: 'Follow-up visit', [VISIT_TYPE_TOKENS.skinCheck]: 'Skin check' } },
      options: ['', ...Object.values(VISIT_TYPE_TOKENS)],
    },
    practitioner: { control: { type: 'select', labels: { '': '(any clinician)', ...CLINICIANS } }, options: ['', ...Object.keys(CLINICIANS)] },
    location: { control: { type: 'select', labels: { '': '(any place)', ...LOCATIONS } }, options: ['', ...Object.keys(LOCATIONS)] },
    daysAhead: { control: { type: 'number', min: 1, max: 120 } },
    minNoticeHours: { control: { type: 'number', min: 0 } },
    cancelCutoffHours: { control: { type: 'number', min: 0 } },
    view: { control: 'inline-radio', options: BOOKER_VIEWS },
    schedulingPath: {
      description:
        'How open times are found and booked. `auto` follows the CapabilityStatement and the granted scopes (the demo server lists no `$find`/`$book`, so: Slot search and a transaction where Slots may be written, else a request the clinic confirms); `operations` pins `Appointment/$find` and `$book`, which the demo server also answers; `request` pins requests.',
      control: 'inline-radio',
      options: SCHEDULING_PATH_CHOICES,
    },
    viewerTimeZone: {
      description: `The time zone of the person viewing (empty: the browser's). The clinic is in ${CLINIC_TIME_ZONE}; times in another zone are noted.`,
      control: { type: 'select', labels: { '': "(the browser's)" } },
      options: VIEWER_TIME_ZONES,
    },
    grantedScope: {
      name: '.client (granted scopes)',
      description:
        'Gives the booker its own client whose `grantedScope` says what the authorization server granted. Empty: the session\'s client (scopes unknown: the CapabilityStatement decides). Without `Slot.u` the patient asks for a time and the clinic confirms it; with reads only, the clinic\'s phone instead.',
      control: { type: 'select', labels: { '': "(the session's client)" } },
      options: GRANTED_SCOPES,
      table: ATTRIBUTE_TABLE,
    },
    ...sessionArgTypes({ description: 'The patient signed in to the surrounding `portal-session`.' }),
  },
  parameters: {
    docs: {
      description: {
        component:
          "Books, reschedules and cancels visits. The stories run against the demo FHIR server in the browser, on the demo seed: Riverside Health in New York (two locations, five clinicians who take bookings, open times from tomorrow through six weeks ahead, some days fully booked); each story starts from a fresh copy of the data. Events are logged in the Actions panel.",
      },
    },
  },
  // The draft survives in sessionStorage from story to story; each story starts from none (or its own).
  beforeEach: () => clearBookerDraft(),
} satisfies Meta<AppointmentBookerArgs>;

export default meta;
type Story = StoryObj<AppointmentBookerArgs>;

/** What the Review, Conflict and Booked stories start from: an annual physical a few days ahead, with a reason typed. */
async function seedReviewDraft(patientId = 'maria', query: Parameters<typeof openTimeForStory>[1] = {}): Promise<void> {
  const time = await openTimeForStory(patientId, { serviceType: VISIT_TYPE_TOKENS.annualPhysical, daysAhead: 3, ...query });
  seedBookerDraft({
    patientId,
    serviceType: query.serviceType ?? VISIT_TYPE_TOKENS.annualPhysical,
    day: clinicDayOf(time),
    time,
    reason: 'Yearly check-up. My left knee also hurts when I climb stairs.',
  });
}

/** A day with open times chosen (no time yet), so the times list shows. */
async function seedDayDraft(patientId = 'maria'): Promise<void> {
  const time = await openTimeForStory(patientId, { serviceType: VISIT_TYPE_TOKENS.annualPhysical, daysAhead: 2 });
  seedBookerDraft({ patientId, serviceType: VISIT_TYPE_TOKENS.annualPhysical, day: clinicDayOf(time) });
}

/** Browsing: the month calendar marks the days with open annual-physical times; pick a day, then a time. */
export const Default: Story = {};

/** No `service-type`: the clinic offers three visit types, so the patient chooses one before the calendar shows. */
export const ChooseVisitType: Story = {
  name: 'Choosing the visit type',
  args: { serviceType: '' },
};

/** The clinic's schedules and open times are loading (the demo server holds the Schedule and Slot searches). */
export const Loading: Story = {
  // metadata is not held: FhirClient caches it for the page, and a request that never ends would stall later stories.
  parameters: { storyFhir: { delay: Infinity, delayOnly: /\/r4\/(Schedule|Slot)\b/ } satisfies StoryFhirOptions },
};

/** The server fails (500) on the clinic's schedules: an error with "Try again", which fails again. */
export const ErrorState: Story = {
  name: 'Error (with retry)',
  parameters: { storyFhir: { faults: [{ path: '^Schedule', status: 500, times: Infinity }] } satisfies StoryFhirOptions },
};

/** The open-times search fails once: the calendar stays and the times column has the error; "Try again" loads them. */
export const ErrorOpenTimes: Story = {
  name: 'Error: open times, retry works',
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^Slot$', status: 500 }] } satisfies StoryFhirOptions },
};

/** Nothing open this month: the first time after it ("Show next available") and the waitlist. */
export const NoOpenTimes: Story = {
  name: 'No open times',
  parameters: { storyFhir: { openTimes: 'from-next-month' } satisfies StoryFhirOptions },
};

/** Fully booked for months, and the host turned the waitlist off (`no-waitlist`). */
export const FullyBookedNoWaitlist: Story = {
  name: 'No open times at all, no waitlist',
  args: { noWaitlist: true },
  parameters: { storyFhir: { openTimes: 'none' } satisfies StoryFhirOptions },
};

/** The patient chose a time and typed a reason: review and confirm (restored from the draft the element keeps). */
export const ReviewStep: Story = {
  name: 'Review step',
  beforeEach: () => seedReviewDraft(),
};

/** Moving a booked visit: the review says "Move my visit to …" and the button "Move my visit". */
export const RescheduleReview: Story = {
  name: 'Reschedule: review',
  beforeEach: async () => {
    const old = await openTimeForStory('maria', { serviceType: VISIT_TYPE_TOKENS.followUp, daysAhead: 5 });
    const time = await openTimeForStory('maria', { serviceType: VISIT_TYPE_TOKENS.followUp, daysAhead: 9 });
    const followUp = old.serviceTypes.filter((c) => c.coding?.some((k) => VISIT_TYPE_TOKENS.followUp.endsWith(`|${k.code}`)));
    seedBookerDraft({
      patientId: 'maria',
      serviceType: VISIT_TYPE_TOKENS.followUp,
      day: clinicDayOf(time),
      time,
      rescheduling: {
        appointment: { resourceType: 'Appointment', id: 'story-visit-to-move', status: 'booked', start: old.start, end: old.end, serviceType: followUp, participant: [] },
        practitioner: old.practitioner,
        location: old.location,
        timeZone: old.timeZone,
      },
    });
  },
  play: async ({ canvasElement }) => {
    const button = await inBooker(canvasElement, '[part~="confirm-button"]', 'The confirm button');
    if (button.textContent?.trim() !== 'Move my visit') throw new Error(`The button says "${button.textContent?.trim()}", not "Move my visit".`);
  },
};

/** Confirming finds the time just taken by someone else (the server answers the booking 412): back to the times, choices and reason kept. */
export const Conflict: Story = {
  name: 'Conflict: time just taken',
  parameters: { storyFhir: { faults: [{ method: 'POST', path: '^$', status: 412, diagnostics: 'The slot was booked by someone else.' }] } satisfies StoryFhirOptions },
  beforeEach: () => seedReviewDraft(),
  play: async ({ canvasElement }) => {
    (await inBooker(canvasElement, '[part~="confirm-button"]', 'The confirm button')).click();
    await inBooker(canvasElement, '.notice.taken', 'The "just taken" notice');
  },
};

/** Confirmed: what was booked, what to bring, add to calendar (the event is in the Actions panel). */
export const Booked: Story = {
  name: 'Booked confirmation',
  beforeEach: () => seedReviewDraft(),
  play: async ({ canvasElement }) => {
    (await inBooker(canvasElement, '[part~="confirm-button"]', 'The confirm button')).click();
    await inBooker(canvasElement, '[part~="confirmation"]', 'The confirmation');
  },
};

/**
 * The patient's upcoming visits: a walk-in visit later today (inside the 24-hour cutoff, so the
 * clinic's phone instead of Cancel), the seed's booked visits and one the clinic cancelled, a time
 * asked for that the clinic has still to confirm, and a waitlist request.
 */
export const Upcoming: Story = {
  name: 'Upcoming appointments',
  args: { view: 'appointments' },
  parameters: { storyFhir: { fixtures: upcomingInEveryState() } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const walkIn = await inBooker(canvasElement, '[part~="visit"][data-appointment-id="appt-story-walk-in"]', 'The walk-in visit');
    await expect(within(walkIn).getByText(/^Visits can be cancelled online up to 24 hours before they start\./)).toBeVisible();
    const pending = await inBooker(canvasElement, '[part~="visit"][data-appointment-id="appt-story-pending"]', 'The time asked for');
    await expect(within(pending).getByText('Requested')).toBeVisible();
    const waitlist = await inBooker(canvasElement, '[part~="visit"][data-appointment-id="appt-story-waitlist"]', 'The waitlist request');
    await expect(within(waitlist).getByText('On the waitlist')).toBeVisible();
  },
};

/** Past visits, newest first: attended, cancelled, missed. */
export const Past: Story = {
  name: 'Past appointments',
  args: { view: 'appointments' },
  play: async ({ canvasElement }) => {
    (await inBooker(canvasElement, '.segmented button:last-of-type', 'The "Past" button')).click();
  },
};

/** 56 upcoming visits (and 56 past), a clinician and a location with very long names, long reasons: the first page and "Show more". */
export const LongLists: Story = {
  name: 'Long data: 50+ visits, long names',
  args: { view: 'appointments', patientId: FIXTURE_IDS.long },
  parameters: { storyFhir: { fixtures: LONG_CLINIC } satisfies StoryFhirOptions },
};

/** The same 56 upcoming visits, every page shown ("Show more" pressed until it goes). */
export const LongListsAllShown: Story = {
  name: 'Long data: all 56 visits shown',
  args: LongLists.args,
  parameters: LongLists.parameters,
  play: async ({ canvasElement }) => {
    await inBooker(canvasElement, '[part~="visit"]', 'The first visits');
    for (;;) {
      const more = canvasElement.querySelector('appointment-booker')?.shadowRoot?.querySelector<HTMLButtonElement>('.actions.more button');
      if (!more) break;
      const before = canvasElement.querySelector('appointment-booker')!.shadowRoot!.querySelectorAll('[part~="visit"]').length;
      more.click();
      await inBooker(canvasElement, `[part~="visit"]:nth-of-type(${before + 1})`, 'The next page of visits');
    }
  },
};

/** Reviewing a time with the long-named clinician at the long-named location. */
export const LongNamesReview: Story = {
  name: 'Long data: review with long names',
  parameters: { storyFhir: { fixtures: LONG_CLINIC } satisfies StoryFhirOptions },
  beforeEach: () => seedReviewDraft('maria', { practitioner: FIXTURE_IDS.longClinician }),
};

/** No visits at all: the empty state offers to book one. */
export const EmptyAppointments: Story = {
  name: 'No appointments',
  args: { view: 'appointments', patientId: FIXTURE_IDS.empty },
  parameters: { storyFhir: { fixtures: EMPTY_RECORD } satisfies StoryFhirOptions },
};

/** The patient is in Los Angeles, the clinic in New York: the times say which zone they are in. */
export const DifferentTimeZone: Story = {
  name: 'Different time zone',
  args: { viewerTimeZone: 'America/Los_Angeles' },
  beforeEach: () => seedDayDraft(),
};

/** Times found and booked with `Appointment/$find` and `$book` instead of a Slot search and a transaction. */
export const OperationsPath: Story = {
  name: 'Scheduling path: $find and $book',
  args: { schedulingPath: 'operations' },
  parameters: { storyFhir: { schedulingOperations: true } satisfies StoryFhirOptions },
};

/** Granted no Slot writes (as Epic grants patient apps): choosing a time asks the clinic for it, and the clinic confirms. */
export const RequestOnly: Story = {
  name: 'Request only (no Slot writes)',
  args: { grantedScope: NO_SLOT_WRITES },
};

/** The request path's review: "Request this time", and that the clinic will confirm it. */
export const RequestReview: Story = {
  name: 'Request only: review',
  args: { grantedScope: NO_SLOT_WRITES },
  beforeEach: () => seedReviewDraft(),
};

/** The request sent: "Requested" (never "You're booked"); the clinic confirms. The request is listed as requested, and can be withdrawn. */
export const Requested: Story = {
  name: 'Request only: requested',
  args: { grantedScope: NO_SLOT_WRITES },
  beforeEach: () => seedReviewDraft(),
  play: async ({ canvasElement }) => {
    (await inBooker(canvasElement, '[part~="confirm-button"]', 'The "Request this time" button')).click();
    await inBooker(canvasElement, '[part~="confirmation"]', 'The "Requested" confirmation');
  },
};

/** Granted reads only (as Oracle Health grants patient apps): the open times, the clinic's phone to book, and no button that would fail. */
export const BookByPhone: Story = {
  name: 'Read only: call to book',
  args: { grantedScope: READ_ONLY },
  play: async ({ canvasElement }) => {
    await inBooker(canvasElement, '[part~="contact"]', 'The clinic\'s phone');
  },
};

/** No open time online: the clinic's number from `clinic-phone`, as a link the patient can press. */
export const ClinicPhone: Story = {
  name: 'No open times: call the clinic (clinic-phone)',
  args: { clinicPhone: '+1 (555) 010-0142', noWaitlist: true },
  parameters: { storyFhir: { openTimes: 'none' } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await inBooker(canvasElement, 'a[href="tel:+15550100142"]', "The clinic's phone link");
  },
};

/** A Spanish page, on the review step. */
export const Spanish: Story = {
  globals: { locale: 'es' },
  beforeEach: () => seedReviewDraft(),
};

/** An Arabic page (`lang="ar" dir="rtl"` from the Locale toolbar): the calendar and the times mirror. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  args: { patientId: 'aisha' },
  globals: { locale: 'ar' },
  beforeEach: () => seedDayDraft('aisha'),
};

/** `theme="dark"` on the session darkens the booker (the page is dark too). */
export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  beforeEach: () => seedDayDraft(),
};

/** A column of `width` CSS px: a phone, or a wider screen at 200 % zoom (a 640 px screen at 200 % is 320 px). */
const column = (width: number, content: TemplateResult) => html`<div style="inline-size: ${width}px; max-inline-size: 100%">${content}</div>`;

/** A 320 px phone, a day chosen: the calendar and the times fit, nothing scrolls sideways. */
export const Narrow: Story = {
  name: 'Narrow (320 px): calendar and times',
  render: (args) => column(320, renderBooker(args)),
  beforeEach: () => seedDayDraft(),
};

/** A 320 px phone, the review with long names: the facts and the buttons wrap. */
export const NarrowReview: Story = {
  name: 'Narrow (320 px): review with long names',
  parameters: LongNamesReview.parameters,
  beforeEach: LongNamesReview.beforeEach,
  render: (args) => column(320, renderBooker(args)),
};

/** A 320 px phone, granted reads only: the number to call is a link a thumb can press. */
export const NarrowBookByPhone: Story = {
  name: 'Narrow (320 px): read only, call to book',
  args: BookByPhone.args,
  play: BookByPhone.play,
  render: (args) => column(320, renderBooker(args)),
};

/** A 1280 px desktop at 200 % zoom (640 CSS px), on the review step. */
export const Zoomed: Story = {
  name: 'Zoomed: 1280 px at 200 % (640 px)',
  beforeEach: () => seedReviewDraft(),
  render: (args) => column(640, renderBooker(args)),
};

/** An Arabic page 320 px wide (a 640 px screen at 200 % zoom): the calendar and the times mirror and fit. */
export const NarrowArabic: Story = {
  name: 'Narrow (320 px), Arabic (RTL)',
  args: Arabic.args,
  globals: Arabic.globals,
  beforeEach: Arabic.beforeEach,
  render: (args) => column(320, renderBooker(args)),
};
