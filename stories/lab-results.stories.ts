import '@portico/lab-results/define.js';
import { REPORT_CATEGORIES } from '@portico/lab-results';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { expect, within } from 'storybook/test';
import { PATIENT_IDS } from './support/data.js';
import type { DemoFhirOptions } from './support/demo-fhir.js';
import { ATTRIBUTE_TABLE, renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import { labReportId, pointOfCareResultId } from './support/demo-lab-record.js';
import { inLabResults, openFirstReport, openLooseResult, openReport, seedLastLook } from './support/labs.js';

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
    patientId: PATIENT_IDS.elena,
    locale: '',
    theme: 'light',
  },
  argTypes: {
    category: {
      name: 'category',
      description: 'Which reports: `laboratory` (default), `radiology`, `pathology`, or a raw code such as `LAB`. The demo record has one chest X-ray (radiology) and no pathology.',
      control: 'select',
      options: CATEGORY_OPTIONS,
      table: ATTRIBUTE_TABLE,
    },
    since: {
      name: 'since',
      description: 'Only reports on or after this date (YYYY-MM-DD), sent to the server as `date=ge…`. Empty: every report.',
      control: 'text',
      table: ATTRIBUTE_TABLE,
    },
    pageSize: { name: 'page-size', description: 'Reports per request (the demo server caps pages at 50).', control: { type: 'number', min: 1, max: 100 }, table: ATTRIBUTE_TABLE },
    showTrends: {
      name: 'show-trends',
      description: 'Offers each numeric result\'s trend over time (default). Off renders `show-trends="false"`: no trend buttons, no trend view.',
      control: 'boolean',
      table: { ...ATTRIBUTE_TABLE, defaultValue: { summary: 'true' } },
    },
    noPdf: { name: 'no-pdf', description: 'Hides the report PDF downloads.', control: 'boolean', table: ATTRIBUTE_TABLE },
    note: { name: 'note', description: 'Replaces the built-in note above the results. Empty: the built-in note.', control: 'text', table: ATTRIBUTE_TABLE },
    ...sessionArgTypes({
      description:
        'The patient signed in to the surrounding `portal-session`. Reference ranges follow their age and sex: Elena and Layla (adult women) get the ranges for women, Tobi (a boy of seven) those for children.',
      labels: { [PATIENT_IDS.tobi]: 'Tobi Okafor (child)' },
    }),
  },
  parameters: {
    docs: {
      description: {
        component:
          "The patient's lab reports, newest first, with their results, ranges, flags, trends and PDFs. The stories run against an in-browser demo FHIR server holding a synthetic record made from today: ten and a half years of check-ups (hemoglobin A1c every three months), and recent reports that show each case — a CBC panel with a nested differential, a lipid panel with a result interpreted in words only, a preliminary urine culture, a corrected metabolic panel, an amended thyroid report, a urinalysis with coded and written results, PDFs in the report or filed as a linked document — and two tests done in the clinic that belong to no report (a fingerstick glucose, a rapid strep test), listed on their own among the reports. Each recent report names who ordered it, from the order (ServiceRequest) the server includes with it. The patient last looked a week ago, so the newest reports are marked New.",
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
  parameters: { demoFhir: { delay: Infinity, delayOnly: /\/r4\/DiagnosticReport\b/ } satisfies DemoFhirOptions },
};

/** No lab reports at all. */
export const Empty: Story = {
  parameters: { demoFhir: { labs: { history: 'none' } } satisfies DemoFhirOptions },
};

/** The report search fails once (500): the error with "Try again", which then loads the reports. */
export const ErrorState: Story = {
  name: 'Error (with retry)',
  parameters: { demoFhir: { fail: /\/r4\/DiagnosticReport\?/, failures: 1 } satisfies DemoFhirOptions },
};

/**
 * The newest report opened: a complete blood count, a panel whose members (and a nested differential
 * panel) came in the same request; high and low flags in words, the patient's own ranges, specimen,
 * who ordered and performed it, and its PDF (a `Binary`).
 */
export const OneReportOpened: Story = {
  name: 'One report opened',
  play: async ({ canvasElement }) => {
    const body = within((await openFirstReport(canvasElement)).closest<HTMLElement>('.report-body')!);
    await expect(body.getByText('Ordered by Dr. Mei Chen')).toBeVisible();
    await expect(body.getByText('Performed by Riverside Clinical Laboratory')).toBeVisible();
    await expect(body.getByRole('button', { name: 'Download the report (PDF)' })).toBeVisible();
  },
};

/**
 * The corrected metabolic panel opened: "Ordered by" names the requester of the order the report is
 * based on (a ServiceRequest the server includes with the report), and "Download the report (PDF)"
 * fetches the PDF of a document filed against the report (a DocumentReference; the superseded first
 * version is not offered).
 */
export const OrderedByAndLinkedPdf: Story = {
  name: 'Ordered by, and a PDF from a linked document',
  play: async ({ canvasElement, args }) => {
    const results = await openReport(canvasElement, labReportId(args.patientId, 'cmp'), 'the corrected report');
    const body = within(results.closest<HTMLElement>('.report-body')!);
    await expect(body.getByText('Ordered by Dr. Kwame Osei')).toBeVisible();
    await expect(body.getAllByRole('button', { name: 'Download the report (PDF)' })).toHaveLength(1);
  },
};

/**
 * A fingerstick glucose done in the clinic twenty days ago belongs to no report: it is listed on its
 * own among the reports, by date (after the urine culture, before last month's metabolic panel), and
 * opened it says so, with its flag and the clinic's note.
 */
export const PointOfCareResult: Story = {
  name: 'Point-of-care result (in no report)',
  play: async ({ canvasElement, args }) => {
    const glucoseId = pointOfCareResultId(args.patientId, 'glucose');
    const results = await openLooseResult(canvasElement, glucoseId, 'the fingerstick glucose');
    const entry = results.closest<HTMLElement>('li')!;
    // The list, by what each entry's button opens.
    const list = [...entry.parentElement!.children].map((item) => item.querySelector('[part~="report-button"]')?.getAttribute('aria-controls'));
    const position = list.indexOf(`result-${glucoseId}`);
    await expect(list.slice(position - 1, position + 2)).toEqual([`report-${labReportId(args.patientId, 'culture')}`, `result-${glucoseId}`, `report-${labReportId(args.patientId, 'cmp')}`]);
    const item = within(entry);
    await expect(item.getByText('A single result, not part of a lab report.')).toBeVisible();
    await expect(item.getByText('Performed by Riverside Family Clinic')).toBeVisible();
    await expect(item.getByText('Point-of-care test done in clinic.')).toBeVisible();
    // The flag is written twice (its column, and inline for narrow widths); one of them shows at any width.
    await expect(within(results).getAllByText('High').filter((flag) => flag.checkVisibility()).length).toBe(1);
  },
};

/** A basic metabolic panel from this morning with critical values (potassium critical high, glucose critical low) and the lab's note. */
export const CriticalValues: Story = {
  name: 'Critical values',
  parameters: { demoFhir: { labs: { critical: true } } satisfies DemoFhirOptions },
  play: async ({ canvasElement, args }) => {
    await openReport(canvasElement, labReportId(args.patientId, 'critical'), 'the critical report');
  },
};

/**
 * A corrected metabolic panel (potassium re-measured on a new sample; the result's note says why) and
 * an amended thyroid report (free T4 added), both opened.
 */
export const AmendedAndCorrected: Story = {
  name: 'Amended and corrected',
  play: async ({ canvasElement, args }) => {
    await openReport(canvasElement, labReportId(args.patientId, 'cmp'), 'the corrected report');
    await openReport(canvasElement, labReportId(args.patientId, 'thyroid'), 'the amended report');
  },
};

/**
 * 600 reports over ten years: the first 20, then 20 more each time the end of the list scrolls into
 * view. This server does not follow `_include:iterate`, so panel members are read in `_id` batches.
 */
export const LongHistory: Story = {
  name: 'Long history (600 reports)',
  parameters: { demoFhir: { labs: { history: 'long', includeMembers: false } } satisfies DemoFhirOptions },
};

/** Hemoglobin A1c over time: the report opened, its trend button pressed, and "All" chosen: 43 results over ten and a half years. */
export const Trend: Story = {
  play: async ({ canvasElement, args }) => {
    const reportId = labReportId(args.patientId, 'hba1c');
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
    const results = await openReport(canvasElement, labReportId(args.patientId, 'hba1c'), 'the hemoglobin A1c report');
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
  args: { patientId: PATIENT_IDS.layla },
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
  args: { patientId: PATIENT_IDS.layla },
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
