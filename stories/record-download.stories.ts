import '@portico/record-download/define.js';
import { RECORD_VIEWS, type RecordView } from '@portico/record-download';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect } from 'storybook/test';
import { untilVisible } from './support/host.js';
import { inRecord, LABS_AND_VACCINES_ONLY, pressInRecord, recordRoot, untilText } from './support/records.js';
import { ATTRIBUTE_TABLE, renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import type { StoryFhirOptions } from './support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS } from './support/story-fixtures.js';
import type { StoryGrant } from './support/story-tokens.js';

interface RecordDownloadArgs extends SignedInArgs {
  view: RecordView;
  /** Space-separated; empty: every view. */
  views: string;
  helpHref: string;
}

/** The element as a host page places it, inside a signed-in session (with the scopes of `grant`, by default the demo portal's). */
function renderRecord(args: RecordDownloadArgs, grant?: Omit<StoryGrant, 'patient'>) {
  return renderSignedIn(args, html`<record-download view=${args.view} views=${args.views || nothing} help-href=${args.helpHref || nothing}></record-download>`, grant);
}

/**
 * The whole record export held mid-way: every Observation search waits until the story ends (or the
 * patient cancels), the other kinds answer.
 */
const SLOW_OBSERVATIONS = { delay: Infinity, delayOnly: /\/r4\/Observation\?/ } satisfies StoryFhirOptions;

/** Starts the export with every kind, and waits for its progress bar to count a kind done. */
async function startExport(canvasElement: HTMLElement): Promise<HTMLElement> {
  await pressInRecord(canvasElement, '[part~="export-start-button"]', 'The Start button');
  const progress = await inRecord(canvasElement, '[part~="export-progress"]', 'The progress bar', 10_000);
  await untilText(progress.querySelector('[part~="export-progress-words"]')!, 'kinds of data', 10_000);
  return progress;
}

const meta = {
  title: 'Records/Record download',
  component: 'record-download',
  render: (args) => renderRecord(args),
  args: {
    view: 'everything',
    views: '',
    helpHref: 'https://riverside-health.example/records',
    patientId: 'maria',
    locale: '',
    theme: 'light',
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    view: { control: { type: 'select' }, options: RECORD_VIEWS, table: ATTRIBUTE_TABLE },
    ...sessionArgTypes({
      description:
        'The patient signed in to the surrounding `portal-session`: Maria (eight documents, ten immunizations), James and Aisha (a visit summary, a note, an immunization record), Leo (a full childhood schedule: his vaccination card is too large for one QR code; a rapid strep test on his test-result card; his father James signs in).',
    }),
  },
  parameters: {
    docs: {
      description: {
        component:
          "The patient's record to take away: the whole FHIR record as one file, a summary to print, their documents, the immunization record and a SMART Health Card. The stories run against the demo FHIR server in the browser, on the demo seed made from today; it offers `Patient/$summary`, `DocumentReference/$docref` and `$health-cards-issue` (and serves the card issuer's keys at `.well-known/jwks.json`) unless a story plays a server without them (`parameters.storyFhir.recordOperations: false`).",
      },
    },
  },
} satisfies Meta<RecordDownloadArgs>;

export default meta;
type Story = StoryObj<RecordDownloadArgs>;

/** The Everything view: every kind of data chosen, no dates, one FHIR JSON file; and the other forms the server offers. */
export const Default: Story = {
  name: 'Everything: the choices',
  play: async ({ canvasElement }) => {
    const form = await inRecord(canvasElement, '[part~="export-form"]', 'The export form');
    const kinds = [...form.querySelectorAll<HTMLInputElement>('input[name="kind"]')];
    await expect(kinds.length).toBe(7);
    await expect(kinds.every((kind) => kind.checked)).toBe(true);
    await expect(form.querySelector<HTMLInputElement>('input[name="format"][value="bundle"]')!.checked).toBe(true);
    // The server's CapabilityStatement offers Patient/$summary and DocumentReference/$docref.
    await inRecord(canvasElement, '[part~="ips-button"]', 'The International Patient Summary button');
    await inRecord(canvasElement, '[part~="ccd-button"]', 'The continuity-of-care document button');
  },
};

/** Nobody is signed in (no session around the element): it says what signing in gives. */
export const SignedOut: Story = {
  name: 'Signed out',
  render: () => html`<record-download></record-download>`,
  play: async ({ canvasElement }) => {
    const prompt = await inRecord(canvasElement, '[part~="signed-out"]', 'The signed-out prompt');
    await expect(prompt.textContent).toContain('Sign in to download your record.');
  },
};

/** The summary is loading (the demo server holds `Patient/$summary`). */
export const Loading: Story = {
  args: { view: 'summary' },
  parameters: { storyFhir: { delay: Infinity, delayOnly: /\/r4\/Patient\/[^/]+\/\$summary/ } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    // The summary's own skeleton (the one before it is the view's code loading).
    const skeleton = await untilVisible(
      () => [...(recordRoot(canvasElement)?.querySelectorAll<HTMLElement>('[part~="skeleton"]') ?? [])].find((s) => s.textContent?.includes('Loading your summary…')),
      "The summary's loading skeleton",
    );
    await expect(skeleton.getAttribute('aria-busy')).toBe('true');
    await expect(recordRoot(canvasElement)!.querySelector('[part~="summary"]')).toBeNull();
  },
};

/** Start pressed, on a slow server: the progress bar counts the kinds of data done and the items so far, with Cancel. */
export const Exporting: Story = {
  name: 'Everything: in progress',
  parameters: { storyFhir: SLOW_OBSERVATIONS },
  play: async ({ canvasElement }) => {
    const progress = await startExport(canvasElement);
    await expect(progress.querySelector('progress')!.max).toBeGreaterThan(1);
    await expect(progress.querySelector('[part~="export-progress-words"]')!.textContent).toMatch(/\d+ of \d+ kinds of data · [\d,]+ items?/);
    await inRecord(canvasElement, '[part~="export-cancel-button"]', 'The Cancel button');
  },
};

/** Cancel pressed mid-way: the requests stop, nothing is saved, and the choices are back with "Start again". */
export const Cancelled: Story = {
  name: 'Everything: cancelled',
  parameters: { storyFhir: SLOW_OBSERVATIONS },
  play: async ({ canvasElement }) => {
    await startExport(canvasElement);
    await pressInRecord(canvasElement, '[part~="export-cancel-button"]', 'The Cancel button');
    const stopped = await inRecord(canvasElement, '[part~="export-stopped"]', 'The stopped notice');
    await expect(stopped.textContent).toContain('Stopped. Nothing was saved.');
    const again = await inRecord(canvasElement, '[part~="export-start-button"]', 'The Start again button');
    await expect(again.textContent?.trim()).toBe('Start again');
  },
};

/** The file is ready, from a sign-in that may read only lab results and immunizations: what is in it, and what the sign-in does not allow. */
export const DonePartial: Story = {
  name: 'Everything: done, part refused',
  render: (args) => renderRecord(args, LABS_AND_VACCINES_ONLY),
  parameters: { storyFhir: { delay: 10 } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await pressInRecord(canvasElement, '[part~="export-start-button"]', 'The Start button');
    const done = await inRecord(canvasElement, '[part~="export-done"]', 'The finished file', 15_000);
    await expect(done.querySelector('[part~="export-counts"]')!.textContent).toContain('Lab results');
    const leftOut = await inRecord(canvasElement, '[part~="export-left-out"]', 'What is not in the file');
    await expect(leftOut.textContent).toContain('Not allowed by your sign-in');
    await expect(leftOut.textContent).toContain('Medications');
    await inRecord(canvasElement, '[part~="export-save-button"]', 'The Save button');
  },
};

/** Maria's documents, newest first: visit summaries (PDF and page), a referral letter, lab reports, notes, her immunization record. */
export const Documents: Story = {
  args: { view: 'documents' },
  play: async ({ canvasElement }) => {
    await inRecord(canvasElement, '[part~="document"]', 'A document');
    const rows = [...recordRoot(canvasElement)!.querySelectorAll<HTMLElement>('[part~="document"]')];
    await expect(rows.length).toBe(8);
    await expect(rows.some((row) => row.querySelector('[data-kind="html"]') && row.querySelector('[data-kind="pdf"]'))).toBe(true);
    await inRecord(canvasElement, '[part~="document-filters"]', 'The filters');
  },
};

/** A visit summary's page opened: the server's HTML, made inert, in a frame that runs nothing and reaches nothing. */
export const DocumentOpen: Story = {
  name: 'Document open (HTML page)',
  args: { view: 'documents' },
  play: async ({ canvasElement }) => {
    await pressInRecord(canvasElement, '[part~="format-button"][data-kind="html"]', 'A "View page" button');
    const frame = await inRecord<HTMLIFrameElement>(canvasElement, '[part~="document-frame"]', 'The document frame');
    await expect(frame.getAttribute('sandbox')).toBe('');
    await expect(frame.srcdoc).toContain("default-src 'none'");
    await expect(frame.closest('[part~="document"]')!.querySelector('[data-kind="html"]')!.getAttribute('aria-expanded')).toBe('true');
    await inRecord(canvasElement, '[part~="close-document"]', 'The Close button');
  },
};

/** "Add a document" pressed and a file chosen: what it is and its date, before Add. */
export const AddDocument: Story = {
  name: 'Add a document',
  args: { view: 'documents' },
  play: async ({ canvasElement }) => {
    await pressInRecord(canvasElement, '[part~="add-document"]', 'The "Add a document" button');
    const form = await inRecord(canvasElement, '[part~="add-form"]', 'The form');
    const input = form.querySelector<HTMLInputElement>('[part~="file-input"]')!;
    const files = new DataTransfer();
    files.items.add(new File(['Letter from Lakeside Cardiology: stress test normal.'], 'Cardiology letter.txt', { type: 'text/plain' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await untilText(await inRecord(canvasElement, '[part~="chosen-file"]', 'The chosen file'), 'Cardiology letter.txt');
    await inRecord(canvasElement, '[part~="added-type"]', 'What it is');
    await inRecord(canvasElement, '[part~="add-button"]', 'The Add button');
  },
};

/** The summary to print, from the server's International Patient Summary: Maria's problems, allergies, medications, immunizations, results, visits, care team. */
export const Summary: Story = {
  args: { view: 'summary' },
  play: async ({ canvasElement }) => {
    const summary = await inRecord(canvasElement, '[part~="summary"]', 'The summary');
    await expect(summary.querySelectorAll('[part~="summary-section"]').length).toBe(7);
    await expect(summary.querySelectorAll('[part~="summary-problems"] li').length).toBeGreaterThan(0);
    await expect(summary.querySelector('[part~="summary-patient"]')!.textContent).toContain('Maria');
    await inRecord(canvasElement, '[part~="print-button"]', 'The print button');
  },
};

/** A patient new to the clinic, with nothing on record yet: the summary holds their details, and every section says nothing is recorded. */
export const Empty: Story = {
  name: 'Nothing on record yet',
  args: { view: 'summary', patientId: FIXTURE_IDS.empty },
  parameters: { storyFhir: { fixtures: EMPTY_RECORD } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const summary = await inRecord(canvasElement, '[part~="summary"]', 'The summary');
    await untilText(summary, 'No problems recorded');
    await untilText(summary, 'No immunizations recorded');
    await expect(summary.querySelectorAll('[part~="summary-section"] li').length).toBe(0);
  },
};

/** Maria's immunization record: every vaccine newest first, to print. */
export const Immunizations: Story = {
  args: { view: 'immunizations' },
  play: async ({ canvasElement }) => {
    const table = await inRecord(canvasElement, '[part~="immunizations"]', 'The vaccines');
    await expect(table.querySelectorAll('[part~="immunization"]').length).toBeGreaterThan(0);
    await untilText(await inRecord(canvasElement, '[part~="immunization-patient"]', 'The patient heading'), 'Maria');
    await inRecord(canvasElement, '[part~="immunizations-print-button"]', 'The print button');
  },
};

/** Maria's SMART Health Card, checked against the issuer's published keys: one QR code, who issued it, whose it is, its vaccines. */
export const HealthCard: Story = {
  name: 'Health card',
  args: { view: 'health-card' },
  play: async ({ canvasElement }) => {
    const qr = await inRecord<HTMLCanvasElement>(canvasElement, '[part~="health-card-qr"]', 'The QR code', 10_000);
    await expect(qr.width).toBeGreaterThan(0);
    await untilText(await inRecord(canvasElement, '[part~="health-card-issuer"]', 'The issuer'), 'fhir.story.invalid');
    await untilText(await inRecord(canvasElement, '[part~="health-card-patient"]', 'The patient'), 'Maria');
    await expect(recordRoot(canvasElement)!.querySelectorAll('[part~="health-card-vaccines"] li').length).toBeGreaterThan(0);
  },
};

/** Leo's test-result card (his father James signed in): the rapid strep test, in one QR code. */
export const HealthCardResults: Story = {
  name: 'Health card: test results',
  args: { view: 'health-card', patientId: 'leo' },
  play: async ({ canvasElement }) => {
    await pressInRecord(canvasElement, '[part~="health-card-kind"] input[value="laboratory"]', 'The "Test results" choice', 10_000);
    const results = await inRecord(canvasElement, '[part~="health-card-results"]', 'The results in the card', 10_000);
    await untilText(results, 'Not detected');
    await inRecord(canvasElement, '[part~="health-card-qr"]', 'The QR code');
  },
};

/** A server without the record operations: the summary from one search per section, and no health cards (the immunization record to print instead). */
export const NoOperations: Story = {
  name: 'Server without record operations',
  args: { view: 'summary' },
  parameters: { storyFhir: { recordOperations: false } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const summary = await inRecord(canvasElement, '[part~="summary"]', 'The summary');
    await expect(summary.querySelectorAll('[part~="summary-problems"] li').length).toBeGreaterThan(0);
    const tabs = [...recordRoot(canvasElement)!.querySelectorAll<HTMLButtonElement>('[part~="tabs"] button')];
    tabs.find((tab) => tab.textContent?.trim() === 'Health card')!.click();
    const empty = await inRecord(canvasElement, '[part~="health-card"] [part~="empty"]', 'The "not offered" notice');
    await expect(empty.textContent).toContain("Your clinic's system doesn't issue SMART Health Cards.");
  },
};

/** The document search fails once (500): the error with "Try again", which then lists the documents. */
export const ErrorState: Story = {
  name: 'Error (with retry)',
  args: { view: 'documents' },
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^DocumentReference', status: 500 }] } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await pressInRecord(canvasElement, '[part~="retry-button"]', 'The "Try again" button');
    await inRecord(canvasElement, '[part~="document"]', 'A document');
  },
};

/** A Spanish page: the summary in Spanish. */
export const Spanish: Story = {
  args: { view: 'summary' },
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    await untilText(await inRecord(canvasElement, '#record-heading', 'The heading'), 'Su historia clínica');
    await untilText(await inRecord(canvasElement, '[part~="print-button"]', 'The print button'), 'Imprimir o guardar como PDF');
  },
};

/** An Arabic page (`lang="ar" dir="rtl"`): the Everything view right to left. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const heading = await inRecord(canvasElement, '#record-heading', 'The heading');
    await untilText(heading, 'سجلك الصحي');
    await expect(heading.closest('section')?.getAttribute('dir')).toBe('rtl');
    await untilText(await inRecord(canvasElement, '[part~="export-start-button"]', 'The Start button'), 'ابدأ');
  },
};
