import '@portico/lab-results/define.js';
import { REPORT_CATEGORIES } from '@portico/lab-results';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Observation } from 'fhir/r4';
import { html, nothing, type TemplateResult } from 'lit';
import { expect, within } from 'storybook/test';
import { findReport, findResult, inLabResults, LOINC, openFirstReport, openLooseResult, openReport, seedLastLook } from './support/labs.js';
import { renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import type { StoryFhirOptions } from './support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS } from './support/story-fixtures.js';

/** The category names the element knows, and a raw code. */
const CATEGORY_OPTIONS = [...Object.keys(REPORT_CATEGORIES), 'LAB'] as const;
/** The patient last looked at their results this many days ago: yesterday's and the day before's reports are "New". */
const LAST_LOOK_DAYS = 7;

interface LabResultsArgs extends SignedInArgs {
  category: string;
  /** YYYY-MM-DD; empty: no `since`. */
  since: string;
  pageSize: number;
  /** False renders `show-trends="false"`; true leaves the attribute out (the default). */
  showTrends: boolean;
  noPdf: boolean;
  /** Empty: the built-in note. */
  note: string;
}

/** The element as a host page places it: inside a signed-in session (token mode; the stories play the host). */
function renderLabResults(args: LabResultsArgs, slotted?: TemplateResult) {
  return renderSignedIn(
    args,
    html`<lab-results
        category=${args.category}
        since=${args.since || nothing}
        page-size=${args.pageSize}
        show-trends=${args.showTrends ? nothing : 'false'}
        ?no-pdf=${args.noPdf}
        note=${args.note || nothing}
        >${slotted ?? nothing}</lab-results
      >`,
  );
}

const meta = {
  title: 'Results/Lab results',
  component: 'lab-results',
  render: (args) => renderLabResults(args),
  args: {
    category: 'laboratory',
    since: '',
    pageSize: 20,
    showTrends: true,
    noPdf: false,
    note: '',
    patientId: 'maria',
    locale: '',
    theme: 'light',
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    category: {
      description: 'Which reports: `laboratory` (default), `radiology`, `pathology`, or a raw code such as `LAB`. The demo seed has lab reports only.',
      control: 'select',
      options: CATEGORY_OPTIONS,
    },
    pageSize: { description: 'The most reports a request asks for: the first asks for one screen of them, each later page as many (the demo server caps pages at 50).', control: { type: 'number', min: 1, max: 100 } },
    ...sessionArgTypes({
      description:
        'The patient signed in to the surrounding `portal-session`. Reference ranges follow their age and sex: Maria and Aisha (adult women) get the ranges for women, Leo (a boy of eight) those for children.',
    }),
  },
  parameters: {
    docs: {
      description: {
        component:
          "The patient's lab reports, newest first, with their results, ranges, flags, trends and PDFs. The stories run against the demo FHIR server in the browser, on the demo seed made from today (demo/server/seed/README.md): Maria's five years of quarterly diabetes labs (hemoglobin A1c, lipids, a critical potassium, a corrected TSH report, a preliminary urinalysis, a CBC panel, PDFs in the report or filed as a linked document, fingerstick glucose tests done in the clinic that belong to no report), James's amended lipid report, Leo's paediatric ranges, Aisha's anemia labs. Each report names who ordered it, from the order (ServiceRequest) the server includes with it. The patient last looked a week ago, so the newest reports are marked New.",
      },
    },
  },
  // "New since you last looked" is kept in localStorage; each story starts from a look a week ago.
  beforeEach: ({ args }) => seedLastLook(args.patientId, LAST_LOOK_DAYS),
} satisfies Meta<LabResultsArgs>;

export default meta;
type Story = StoryObj<LabResultsArgs>;

/** The list: newest first, "New" on the last week's reports, how many results are outside the range; older pages as you scroll. */
export const Default: Story = {};

/** The first page of reports is loading (the demo server holds the DiagnosticReport search). */
export const Loading: Story = {
  parameters: { storyFhir: { delay: Infinity, delayOnly: /\/r4\/DiagnosticReport\b/ } satisfies StoryFhirOptions },
};

/** No lab reports at all (a record with nothing in it). */
export const Empty: Story = {
  args: { patientId: FIXTURE_IDS.empty },
  parameters: { storyFhir: { fixtures: EMPTY_RECORD } satisfies StoryFhirOptions },
};

/** The report search fails once (500): the error with "Try again", which then loads the reports. */
export const ErrorState: Story = {
  name: 'Error (with retry)',
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^DiagnosticReport$', status: 500 }] } satisfies StoryFhirOptions },
};

/**
 * The newest complete blood count opened: a panel whose members came in the same request; high and
 * low flags in words, the patient's own ranges, specimen, who ordered and performed it, and its PDF.
 */
export const OneReportOpened: Story = {
  name: 'One report opened',
  play: async ({ canvasElement, args }) => {
    const report = await findReport(args.patientId, LOINC.cbc);
    const body = within((await openReport(canvasElement, report.id!, 'the newest blood count')).closest<HTMLElement>('.report-body')!);
    await expect(body.getByText('Ordered by Dr. Linda Chen')).toBeVisible();
    await expect(body.getByText('Performed by Riverside Health Laboratory')).toBeVisible();
    await expect(body.getByRole('button', { name: 'Download the report (PDF)' })).toBeVisible();
  },
};

/**
 * The newest hemoglobin A1c report opened: "Ordered by" names the requester of the order the report is
 * based on (a ServiceRequest the server includes with the report), and "Download the report (PDF)"
 * fetches the PDF of a document filed against the report (a DocumentReference).
 */
export const OrderedByAndLinkedPdf: Story = {
  name: 'Ordered by, and a PDF from a linked document',
  play: async ({ canvasElement, args }) => {
    const report = await findReport(args.patientId, LOINC.a1c);
    const results = await openReport(canvasElement, report.id!, 'the newest hemoglobin A1c report');
    const body = within(results.closest<HTMLElement>('.report-body')!);
    await expect(body.getByText('Ordered by Dr. Linda Chen')).toBeVisible();
    await expect(body.getAllByRole('button', { name: 'Download the report (PDF)' })).toHaveLength(1);
  },
};

/**
 * A fingerstick glucose done in the clinic at the last visit belongs to no report: it is listed on its
 * own among the reports, by date (after this month's reports, before the older ones), and opened it
 * says so, with its flag and the clinic's note.
 */
export const PointOfCareResult: Story = {
  name: 'Point-of-care result (in no report)',
  play: async ({ canvasElement, args }) => {
    const glucose = await findResult(args.patientId, LOINC.pocGlucose);
    const results = await openLooseResult(canvasElement, glucose.id!, 'the fingerstick glucose');
    const entry = results.closest<HTMLElement>('li')!;
    // The list, by what each entry's button opens: a newer report just before it, and the next report after it older.
    const list = [...entry.parentElement!.children].map((item) => item.querySelector('[part~="report-button"]')?.getAttribute('aria-controls') ?? '');
    const position = list.indexOf(`result-${glucose.id}`);
    const before = list[position - 1] ?? '';
    const after = list.slice(position + 1).find((id) => id.startsWith('report-')) ?? '';
    await expect(before.startsWith('report-')).toBe(true);
    const reportDate = async (id: string) => Date.parse((await findReport(args.patientId, (report) => `report-${report.id}` === id)).effectiveDateTime ?? '');
    const taken = Date.parse(glucose.effectiveDateTime!);
    await expect([(await reportDate(before)) > taken, (await reportDate(after)) < taken]).toEqual([true, true]);
    const item = within(entry);
    await expect(item.getByText('A single result, not part of a lab report.')).toBeVisible();
    await expect(item.getByText('Point-of-care test done in clinic.')).toBeVisible();
    // The flag is written twice (its column, and inline for narrow widths); one of them shows at any width.
    await expect(within(results).getAllByText('High').filter((flag) => flag.checkVisibility()).length).toBe(1);
  },
};

/** The newest report with a critical value (a basic metabolic panel with potassium critically high), opened. */
export const CriticalValues: Story = {
  name: 'Critical values',
  play: async ({ canvasElement, args }) => {
    const critical = (results: Observation[]) => results.some((r) => r.interpretation?.some((i) => i.coding?.some((c) => c.code === 'HH' || c.code === 'LL')));
    const report = await findReport(args.patientId, (_report, results) => critical(results));
    await openReport(canvasElement, report.id!, 'the report with a critical value');
  },
};

/** Maria's corrected thyroid report (the result re-measured; the report says it was corrected), opened. */
export const Corrected: Story = {
  name: 'Corrected report',
  play: async ({ canvasElement, args }) => {
    const report = await findReport(args.patientId, (r) => r.status === 'corrected');
    await openReport(canvasElement, report.id!, 'the corrected report');
  },
};

/** James's amended lipid panel, opened beside the reports before and after it. */
export const AmendedAndCorrected: Story = {
  name: 'Amended report',
  args: { patientId: 'james' },
  play: async ({ canvasElement, args }) => {
    const report = await findReport(args.patientId, (r) => r.status === 'amended');
    await openReport(canvasElement, report.id!, 'the amended report');
  },
};

/** Walter (the seed's `large` patient): ~600 reports over ten years; one screen of them first, then as many more each time the end of the list scrolls into view. */
export const LongHistory: Story = {
  name: 'Long history (600 reports)',
  args: { patientId: 'large' },
  parameters: { storyFhir: { largePatient: true } satisfies StoryFhirOptions },
};

/** Hemoglobin A1c over time: the newest report opened, its trend button pressed, and "All" chosen: every result over five years. */
export const Trend: Story = {
  play: async ({ canvasElement, args }) => {
    const reportId = (await findReport(args.patientId, LOINC.a1c)).id!;
    await openReport(canvasElement, reportId, 'the hemoglobin A1c report');
    (await inLabResults<HTMLButtonElement>(canvasElement, `#report-${CSS.escape(reportId)} .trend-button`, 'The trend button')).click();
    const range = await inLabResults<HTMLSelectElement>(canvasElement, '.trend-bar select', 'The time range');
    range.value = '0';
    range.dispatchEvent(new Event('change', { bubbles: true }));
    await inLabResults(canvasElement, 'svg[part~="chart"]', 'The chart');
  },
};

/** `show-trends="false"`: the hemoglobin A1c report opened, with no trend button on its result. */
export const TrendsHidden: Story = {
  name: 'Trends hidden',
  args: { showTrends: false },
  play: async ({ canvasElement, args }) => {
    const results = await openReport(canvasElement, (await findReport(args.patientId, LOINC.a1c)).id!, 'the hemoglobin A1c report');
    await expect(within(results).getByRole('rowheader', { name: 'Hemoglobin A1c' })).toBeVisible();
    await expect(within(results).queryByRole('button')).toBeNull();
  },
};

/** "Only results outside the range" ticked: reports without an abnormal result are hidden. */
export const AbnormalOnly: Story = {
  name: 'Abnormal only filter',
  play: async ({ canvasElement }) => {
    (await inLabResults<HTMLInputElement>(canvasElement, '.filters input[type="checkbox"]', 'The "outside the range" box')).click();
    await openFirstReport(canvasElement);
  },
};

/** Every result listed under its test instead of its report. */
export const ByTest: Story = {
  name: 'By test',
  play: async ({ canvasElement }) => {
    (await inLabResults<HTMLButtonElement>(canvasElement, '.filters .segmented button:last-of-type', 'The "By test" button')).click();
    await inLabResults(canvasElement, '.tests [part~="results"]', 'The results by test');
  },
};

/** The host's own note in the `note` slot (a link to message the care team) instead of the built-in one. */
export const CustomNote: Story = {
  name: 'Custom note',
  render: (args) =>
    renderLabResults(
      args,
      html`<div slot="note">
        <strong>Riverside Family Clinic:</strong> your clinician reviews new results within two working days. Questions?
        <a href="#message-care-team">Message your care team</a> or call (555) 201-0000.
      </div>`,
    ),
};

/**
 * A phone's width (320 px, as a 640 px screen at 200 % zoom): each result is a stack of lines (name;
 * value, unit and flag; range; trend button), nothing scrolls sideways; the newest report opened.
 */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  render: (args) => html`<div style="inline-size: 320px; max-inline-size: 100%">${renderLabResults(args)}</div>`,
  play: async ({ canvasElement }) => {
    await openFirstReport(canvasElement);
  },
};

/** The same narrow width on an Arabic page, with the first report open. */
export const NarrowArabic: Story = {
  name: 'Narrow, Arabic (RTL)',
  args: { patientId: 'aisha' },
  globals: { locale: 'ar' },
  render: (args) => html`<div style="inline-size: 320px; max-inline-size: 100%">${renderLabResults(args)}</div>`,
  play: async ({ canvasElement }) => {
    await openFirstReport(canvasElement);
  },
};

/** A Spanish page, with the first report open. */
export const Spanish: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    await openFirstReport(canvasElement);
  },
};

/** An Arabic page (`lang="ar" dir="rtl"` from the Locale toolbar), with the first report open. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  args: { patientId: 'aisha' },
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    await openFirstReport(canvasElement);
  },
};

/** `theme="dark"` on the session (the page is dark too), with the first report open. */
export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await openFirstReport(canvasElement);
  },
};
