import '@portico/medications/define.js';
import type { FhirResource, MedicationRequest } from 'fhir/r4';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect } from 'storybook/test';
import { untilVisible } from './support/host.js';
import { untilText } from './support/records.js';
import { renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import { storyNow, type StoryFhirOptions } from './support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS } from './support/story-fixtures.js';
import { STORY_SCOPE } from './support/story-tokens.js';

interface MedicationListArgs extends SignedInArgs {
  helpHref: string;
}

/** The element as a host page places it, inside a signed-in session (with the scopes of `scope`, by default the demo portal's). */
function renderList(args: MedicationListArgs, scope?: string) {
  return renderSignedIn(args, html`<medication-list help-href=${args.helpHref || nothing}></medication-list>`, scope ? { scope } : undefined);
}

/** The shadow root of the story's `<medication-list>`. */
function listRoot(canvasElement: HTMLElement): ShadowRoot | null | undefined {
  return canvasElement.querySelector('medication-list')?.shadowRoot;
}

/** Waits until `selector` matches a visible element inside the story's `<medication-list>`, and returns it. */
function inList<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => listRoot(canvasElement)?.querySelector<T>(selector), what, timeout);
}

/** A medicine of the story's list by its prescription's id. */
function inMedicine<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, id: string, selector: string, what: string): Promise<T> {
  return inList<T>(canvasElement, `[data-medication-request-id="${id}"] ${selector}`, what);
}

/** The demo portal's grant without refill requests (`patient/Task.cu`), and without messages too. */
const WITHOUT_TASKS = STORY_SCOPE.replace(/ patient\/Task\.\w+/, '');
const WITHOUT_TASKS_OR_MESSAGES = WITHOUT_TASKS.replace(' patient/Communication.cu', '');

/** Thirty more prescriptions for Maria with long names and long instructions, ten of them finished. */
function longHistory(): { resources: FhirResource[] } {
  const day = (daysAgo: number) => new Date(storyNow().getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const resources = Array.from({ length: 30 }, (_, i): MedicationRequest => ({
    resourceType: 'MedicationRequest',
    id: `medrx-story-long-${i}`,
    status: i % 3 ? 'active' : 'completed',
    intent: 'order',
    subject: { reference: 'Patient/maria', display: 'Maria Hernández' },
    authoredOn: day(20 + i * 11),
    medicationCodeableConcept: { text: `Hydroxychloroquine sulfate with polyethylene glycol extended-release combination ${i + 1} (${200 + i * 25} mg)` },
    requester: { reference: 'Practitioner/dr-chen', display: 'Dr. Anneliese Maximiliane von Hohenzollern-Sigmaringen-Featherstonehaugh, MD, PhD' },
    dosageInstruction: [{ text: 'Take 1 tablet by mouth every morning with a full glass of water, at least 30 minutes before breakfast, and never together with antacids.' }],
    dispenseRequest: {
      validityPeriod: { start: day(20 + i * 11), end: day(20 + i * 11 - 365) },
      numberOfRepeatsAllowed: i % 4,
      performer: { reference: 'Organization/pharmacy-riverside', display: 'Riverside Health Outpatient Pharmacy' },
    },
  }));
  return { resources };
}

const meta = {
  title: 'Medications/Medication list',
  component: 'medication-list',
  render: (args) => renderList(args),
  args: {
    helpHref: '',
    patientId: 'maria',
    locale: '',
    theme: 'light',
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    ...sessionArgTypes({
      description:
        'The patient signed in to the surrounding `portal-session`: Maria (current medicines, a pending refill, one out of refills, one expired, one stopped), James (an allergy tablet, a finished course), Leo (his inhaler and EpiPen; his father James signs in), Aisha (iron and a migraine tablet).',
    }),
  },
  parameters: {
    docs: {
      description: {
        component:
          "The patient's medicines, current then past, with how to take each, the prescriber, the last fill and refills left; one button asks for a refill or a renewal, recorded as a Task for the prescriber. The stories run against the demo FHIR server in the browser, on the demo seed made from today.",
      },
    },
  },
} satisfies Meta<MedicationListArgs>;

export default meta;
type Story = StoryObj<MedicationListArgs>;

/** Maria's medicines: current ones by name, then the stopped statin with why; the aspirin's refill request waits for the prescriber. */
export const Default: Story = {
  name: 'Current and past medicines',
  play: async ({ canvasElement }) => {
    await inList(canvasElement, '[part~="current"]', 'The current medicines');
    const stopped = await inMedicine(canvasElement, 'medrx-maria-simvastatin', '[part~="medicine-status"]', 'The stopped statin');
    await expect(stopped.textContent).toContain('Not lowering cholesterol enough');
    const dose = await inMedicine(canvasElement, 'medrx-maria-aspirin', '[part~="dose"]', "The aspirin's dose");
    await expect(dose.textContent).toContain('1 tablet by mouth every morning');
    await inMedicine(canvasElement, 'medrx-maria-metformin', '[part~="ask-button"]', 'Ask for a refill');
  },
};

/** Nobody is signed in (no session around the element): it says what signing in gives. */
export const SignedOut: Story = {
  name: 'Signed out',
  render: () => html`<medication-list></medication-list>`,
  play: async ({ canvasElement }) => {
    const prompt = await inList(canvasElement, '[part~="signed-out"]', 'The signed-out prompt');
    await expect(prompt.textContent).toContain('Sign in to see your medications and ask for refills.');
  },
};

/** The prescriptions are loading (the demo server holds the MedicationRequest search). */
export const Loading: Story = {
  parameters: { storyFhir: { delay: Infinity, delayOnly: /\/r4\/MedicationRequest\b/ } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await inList(canvasElement, '[part~="skeleton"]', 'The loading skeleton');
    await expect(listRoot(canvasElement)!.querySelector('[part~="medicine"]')).toBeNull();
  },
};

/** A patient with nothing on record: no medicines, said plainly. */
export const Empty: Story = {
  name: 'No medicines',
  args: { patientId: FIXTURE_IDS.empty },
  parameters: { storyFhir: { fixtures: EMPTY_RECORD } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const empty = await inList(canvasElement, '[part~="empty"]', 'The empty state');
    await expect(empty.textContent).toContain('No medications on record');
  },
};

/** The server fails the prescription search: what went wrong, and "Try again". */
export const Failed: Story = {
  name: 'Error with retry',
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^MedicationRequest', status: 503, times: 20 }] } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await inList(canvasElement, '[part~="error"]', 'The error', 15_000);
    await inList(canvasElement, '[part~="retry-button"]', 'Try again');
  },
};

/** A long history: thirty more prescriptions with long names, instructions and prescriber. */
export const LongHistory: Story = {
  name: 'Long history',
  parameters: { storyFhir: { fixtures: longHistory() } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await inMedicine(canvasElement, 'medrx-story-long-29', '[part~="medicine-name"]', 'The last long prescription');
    await expect(listRoot(canvasElement)!.querySelectorAll('[part~="medicine"]').length).toBeGreaterThan(35);
    const list = canvasElement.querySelector('medication-list')!;
    await expect(list.scrollWidth <= list.clientWidth + 1).toBe(true);
  },
};

/** The aspirin's refill request, waiting for the prescriber: no second request, its status in words. */
export const PendingRefill: Story = {
  name: 'Pending refill',
  play: async ({ canvasElement }) => {
    const request = await inMedicine(canvasElement, 'medrx-maria-aspirin', '[part~="request-pending"]', 'The pending request');
    await expect(request.textContent).toContain('Sent, waiting for the prescriber');
    await expect(listRoot(canvasElement)!.querySelector('[data-medication-request-id="medrx-maria-aspirin"] [part~="ask-button"]')).toBeNull();
  },
};

/** Out of refills: the button asks for a renewal and says why; pressed, the form with a note and the pharmacy. */
export const RenewalNeeded: Story = {
  name: 'Renewal needed',
  play: async ({ canvasElement }) => {
    const reason = await inMedicine(canvasElement, 'medrx-maria-lisinopril', '[part~="ask-reason"]', 'Why a renewal');
    await expect(reason.textContent).toContain('No refills left');
    (await inMedicine<HTMLButtonElement>(canvasElement, 'medrx-maria-lisinopril', '[part~="ask-button"]', 'Ask for a renewal')).click();
    const send = await inMedicine(canvasElement, 'medrx-maria-lisinopril', '[part~="send-button"]', 'The send button');
    await expect(send.textContent?.trim()).toBe('Send renewal request');
    await inMedicine(canvasElement, 'medrx-maria-lisinopril', '[part~="pharmacy-choice"]', 'The pharmacy choice');
  },
};

/** A server that takes no refill requests (no `patient/Task` scope): the patient messages the prescriber instead. */
export const FallbackMessage: Story = {
  name: 'Server without requests: message',
  render: (args) => renderList(args, WITHOUT_TASKS),
  play: async ({ canvasElement }) => {
    const button = await inMedicine(canvasElement, 'medrx-maria-metformin', '[part~="ask-button"]', 'Ask by message');
    await expect(button.textContent?.trim()).toBe('Ask for a refill by message');
  },
};

/** Neither requests nor messages: the hospital's page for refills. */
export const FallbackLink: Story = {
  name: 'Server without requests or messages: link',
  args: { helpHref: 'https://riverside-health.example/pharmacy/refills' },
  render: (args) => renderList(args, WITHOUT_TASKS_OR_MESSAGES),
  play: async ({ canvasElement }) => {
    const link = await inMedicine<HTMLAnchorElement>(canvasElement, 'medrx-maria-metformin', '[part~="ask-link"]', "The hospital's page");
    await expect(link.getAttribute('href')).toBe('https://riverside-health.example/pharmacy/refills');
    await expect(listRoot(canvasElement)!.querySelector('[part~="ask-button"]')).toBeNull();
  },
};

/** A Spanish page: the medicines and the dose worded in Spanish. */
export const Spanish: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    await untilText(await inList(canvasElement, '#medications-heading', 'The heading'), 'Medicamentos');
    await untilText(await inMedicine(canvasElement, 'medrx-maria-aspirin', '[part~="dose"]', "The aspirin's dose"), 'cada mañana');
  },
};

/** An Arabic page (`lang="ar" dir="rtl"`), Maria's medicines. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const heading = await inList(canvasElement, '#medications-heading', 'The heading');
    await untilText(heading, 'الأدوية');
    await expect(heading.closest('section')?.getAttribute('dir')).toBe('rtl');
    await untilText(await inMedicine(canvasElement, 'medrx-maria-lisinopril', '[part~="ask-button"]', 'The renewal button'), 'تجديد');
  },
};

/** A phone's width (320 px, as a 640 px screen at 200 % zoom): nothing scrolls sideways. */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  render: (args) => html`<div style="inline-size: 320px; max-inline-size: 100%">${renderList(args)}</div>`,
  play: async ({ canvasElement }) => {
    await inList(canvasElement, '[part~="current"]', 'The medicines');
    const list = canvasElement.querySelector('medication-list')!;
    await expect(list.scrollWidth <= list.clientWidth + 1).toBe(true);
  },
};
