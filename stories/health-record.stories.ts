import '@portico/health-record/define.js';
import { HEALTH_RECORD_SECTIONS, type HealthRecordSection } from '@portico/health-record';
import type { Condition, Encounter, FhirResource } from 'fhir/r4';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect } from 'storybook/test';
import { untilVisible } from './support/host.js';
import { untilText } from './support/records.js';
import { ATTRIBUTE_TABLE, renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import { storyNow, type StoryFhirOptions } from './support/story-fhir.js';
import { EMPTY_RECORD, FIXTURE_IDS } from './support/story-fixtures.js';

interface HealthRecordArgs extends SignedInArgs {
  /** The sections shown; none: every section (the attribute's default). */
  sections: HealthRecordSection[];
}

/** The element as a host page places it, inside a signed-in session. */
function renderRecord(args: HealthRecordArgs) {
  return renderSignedIn(args, html`<health-record sections=${args.sections.length ? args.sections.join(' ') : nothing}></health-record>`);
}

/** The shadow root of the story's `<health-record>`. */
function recordRoot(canvasElement: HTMLElement): ShadowRoot | null | undefined {
  return canvasElement.querySelector('health-record')?.shadowRoot;
}

/** Waits until `selector` matches a visible element inside the story's `<health-record>`, and returns it. */
function inRecord<T extends HTMLElement = HTMLElement>(canvasElement: HTMLElement, selector: string, what: string, timeout?: number): Promise<T> {
  return untilVisible(() => recordRoot(canvasElement)?.querySelector<T>(selector), what, timeout);
}

/** Waits until a section has read its records (no skeleton left), and returns it. */
function loadedSection(canvasElement: HTMLElement, section: HealthRecordSection, timeout = 10_000): Promise<HTMLElement> {
  return untilVisible(
    () => {
      const shown = recordRoot(canvasElement)?.querySelector<HTMLElement>(`[data-section="${section}"]`);
      return shown && !shown.querySelector('[part~="skeleton"]') ? shown : undefined;
    },
    `The ${section}`,
    timeout,
  );
}

/** Every element of `root` with the part `part`. */
function parts(root: ParentNode | null | undefined, part: string): HTMLElement[] {
  return [...(root?.querySelectorAll<HTMLElement>(`[part~="${part}"]`) ?? [])];
}

/** An element's words, spaces collapsed. */
function words(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** An item's labelled facts as a person reads them: "Date: Oct 7, 2025; Where: Riverside North Clinic; Lot: AB1234". */
function details(item: Element | null | undefined): string {
  return [...(item?.querySelectorAll('[part~="details"] .detail') ?? [])].map((fact) => `${words(fact.querySelector('dt'))}: ${words(fact.querySelector('dd'))}`).join('; ');
}

/** The names of the items of `part` in `root`, as shown. */
function names(root: ParentNode | null | undefined, part: string): string[] {
  return parts(root, part).map((item) => words(item.querySelector('strong')));
}

/** Every section's search but the conditions' (the Observation one is the vital signs'). */
const HELD_SEARCHES = /\/r4\/(AllergyIntolerance|Immunization|Encounter|DocumentReference|Observation)\?/;

const LONG_CLINICIAN = 'Dr. Anneliese Maximiliane von Hohenzollern-Sigmaringen-Featherstonehaugh, MD, PhD, FACP';
const LONG_PLACE = 'Riverside Health Comprehensive Ambulatory Care and Diagnostic Imaging Pavilion, North Wing, Floor 4';

/**
 * Forty more conditions and forty more past visits for Maria, with long names, notes, reasons,
 * clinician and place: every fourth condition resolved, each visit finding one of them.
 */
function longHistory(): { resources: FhirResource[] } {
  const day = (daysAgo: number) => new Date(storyNow().getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const maria = { reference: 'Patient/maria', display: 'Maria Hernández' };
  const conditions = Array.from({ length: 40 }, (_, i): Condition => ({
    resourceType: 'Condition',
    id: `cond-story-long-${i}`,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: i % 4 ? 'active' : 'resolved' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    code: { text: `Chronic inflammatory demyelinating polyradiculoneuropathy with superimposed peripheral sensorimotor involvement, episode ${i + 1}` },
    subject: maria,
    onsetDateTime: day(30 + i * 23),
    ...(i % 4 ? {} : { abatementDateTime: day(20 + i * 23) }),
    recorder: { display: LONG_CLINICIAN },
    note: [{ text: 'Reviewed at every visit; the treatment plan, the medicines and the follow-up tests are written in the visit summary of the same day.' }],
  }));
  const visits = Array.from({ length: 40 }, (_, i): Encounter => ({
    resourceType: 'Encounter',
    id: `enc-story-long-${i}`,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [{ text: 'Follow-up visit with the neuromuscular and electrodiagnostic medicine service' }],
    subject: maria,
    period: { start: `${day(25 + i * 23)}T14:00:00Z`, end: `${day(25 + i * 23)}T14:40:00Z` },
    reasonCode: [{ text: 'Numbness and tingling in both feet that has been spreading upwards over the last few months, worse in the evenings' }],
    diagnosis: [{ condition: { reference: `Condition/cond-story-long-${i}` }, rank: 1 }],
    participant: [{ individual: { display: LONG_CLINICIAN } }],
    location: [{ location: { display: LONG_PLACE } }],
  }));
  return { resources: [...conditions, ...visits] };
}

const meta = {
  title: 'Records/Health record',
  component: 'health-record',
  render: (args) => renderRecord(args),
  args: {
    // None checked: the attribute left out, so the element shows its default, every section.
    sections: [],
    patientId: 'maria',
    locale: '',
    theme: 'light',
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    sections: {
      description:
        'The sections to show, always in the element’s order (the story writes them space-separated into the attribute; none: the attribute left out, every section). With one section, that section is shown in full.',
      // A list of names (the manifest says string: the attribute's type), so URL args map to one too.
      type: { name: 'array', value: { name: 'enum', value: [...HEALTH_RECORD_SECTIONS] } },
      control: { type: 'check' },
      options: HEALTH_RECORD_SECTIONS,
      table: ATTRIBUTE_TABLE,
    },
    ...sessionArgTypes({
      description:
        'The patient signed in to the surrounding `portal-session`: Maria (current conditions, an asthma diagnosis ruled out, a penicillin allergy, progress notes, years of vital signs), James (seasonal allergies; a condition entered in error is not shown), Leo (a severe peanut allergy, the childhood vaccines and a COVID-19 vaccine not given; his father James signs in), Aisha (no known allergies, recorded as such).',
    }),
  },
  parameters: {
    docs: {
      description: {
        component:
          "The patient's health record, read only: conditions, allergies, immunizations, past visits, clinicians' notes and vital signs. A summary shows a few of each section (one search per section, side by side); \"Show all\" opens a section in full, twenty at a time. The stories run against the demo FHIR server in the browser, on the demo seed made from today.",
      },
    },
  },
} satisfies Meta<HealthRecordArgs>;

export default meta;
type Story = StoryObj<HealthRecordArgs>;

/** Maria's record in summary: every section, three items each at most, and "Show all" where there are more. */
export const Default: Story = {
  name: 'Summary',
  play: async ({ canvasElement }) => {
    for (const section of HEALTH_RECORD_SECTIONS) await loadedSection(canvasElement, section);
    const root = recordRoot(canvasElement)!;
    await expect(parts(root, 'section').map((s) => s.dataset.section)).toEqual([...HEALTH_RECORD_SECTIONS]);
    const conditions = root.querySelector('[data-section="conditions"]')!;
    await expect(parts(conditions, 'condition-active').length).toBe(3);
    await expect(words(conditions.querySelector('[part~="show-all"]'))).toMatch(/^Show all \d+ conditions$/);
    await expect(names(root.querySelector('[data-section="allergies"]'), 'allergy')).toEqual(['Penicillin']);
    await expect(parts(root.querySelector('[data-section="immunizations"]'), 'immunization').length).toBe(3);
    await expect(parts(root.querySelector('[data-section="visits"]'), 'visit').length).toBe(3);
    await expect(parts(root.querySelector('[data-section="notes"]'), 'clinical-note').length).toBe(3);
    // The summary shows each measure's latest value, not its trend.
    const pressure = root.querySelector('[data-section="vitals"] [data-vital="85354-9"] [part~="vital-value"]');
    await expect(words(pressure)).toMatch(/^\d+\/\d+ mmHg$/);
    await expect(parts(root, 'vital-trend').length).toBe(0);
  },
};

/** Maria's conditions in full: current ones, the asthma ruled out (spirometry normal), the chest cold resolved. */
export const Conditions: Story = {
  args: { sections: ['conditions'] },
  play: async ({ canvasElement }) => {
    const conditions = await loadedSection(canvasElement, 'conditions');
    await expect(names(conditions.querySelector('[part~="conditions-active"]'), 'condition')).toContain('Type 2 diabetes');
    await expect(names(conditions.querySelector('[part~="conditions-ruled-out"]'), 'condition')).toEqual(['Asthma']);
    const asthma = conditions.querySelector('[data-condition-id="cond-maria-asthma-ruled-out"]')!;
    await expect(words(asthma.querySelector('[part~="condition-status"]'))).toBe('Ruled out');
    await expect(words(asthma.querySelector('[part~="condition-note"]'))).toContain('spirometry normal');
    await expect(names(conditions.querySelector('[part~="conditions-resolved"]'), 'condition')).toEqual(['Chest cold (acute bronchitis)']);
    await expect(words(conditions.querySelector('[data-condition-id="cond-maria-chest-pain"] [part~="condition-status"]'))).toBe('Not confirmed yet');
    // One section shown is shown in full: no way "back" and nothing more to show.
    await expect(recordRoot(canvasElement)!.querySelector('[part~="show-all"], [part~="back"]')).toBeNull();
  },
};

/** Leo's allergies in full (his father James signed in): peanuts, with the reactions, the severity and the risk in words. */
export const Allergies: Story = {
  args: { sections: ['allergies'], patientId: 'leo' },
  play: async ({ canvasElement }) => {
    const allergies = await loadedSection(canvasElement, 'allergies');
    const peanut = allergies.querySelector('[data-allergy-id="allergy-leo-peanut"]')!;
    await expect(words(peanut.querySelector('[part~="allergy-name"]'))).toBe('Peanuts');
    await expect(words(peanut.querySelector('[part~="allergy-risk"]'))).toBe('Severe reaction. High risk of a serious reaction');
    await expect(words(peanut.querySelector('[part~="allergy-kind"]'))).toBe('Food');
    await expect(details(peanut)).toMatch(/^Reactions: Anaphylaxis, Hives; Recorded: .+; Recorded by: Dr\. .+$/);
    await expect(words(peanut.querySelector('[part~="reaction-description"]'))).toContain('peanut butter');
    // Whose record it is: James sees his son's.
    await untilText(await inRecord(canvasElement, '#health-record-heading', 'The heading'), 'Leo');
  },
};

/** Leo's immunizations in full: the childhood vaccines, newest first, and the COVID-19 vaccine not given, with why. */
export const Immunizations: Story = {
  args: { sections: ['immunizations'], patientId: 'leo' },
  play: async ({ canvasElement }) => {
    const immunizations = await loadedSection(canvasElement, 'immunizations');
    const declined = immunizations.querySelector('[data-immunization-id="imm-leo-covid19-not-done"]')!;
    await expect(declined.matches('[part~="immunization-not-given"]')).toBe(true);
    await expect(words(declined.querySelector('[part~="vaccine"]'))).toBe('COVID-19 (Pfizer-BioNTech) Not given');
    await expect(words(declined.querySelector('[part~="not-given-reason"]'))).toBe('Why: Declined by parent');
    const given = parts(immunizations, 'immunization-given');
    await expect(given.length).toBeGreaterThan(10);
    await expect(details(given[0])).toMatch(/^Date: [A-Z][a-z]{2} \d{1,2}, \d{4}; (Dose: \d+; )?Where: Riverside .+; Lot: \w+$/);
    // More than a page of twenty on record: the next page is a button away.
    await inRecord(canvasElement, '[part~="load-more"]', 'Show more');
  },
};

/** Maria's past visits in full, newest first: why, what was found, who saw her and where. */
export const Visits: Story = {
  name: 'Past visits',
  args: { sections: ['visits'] },
  play: async ({ canvasElement }) => {
    const visits = await loadedSection(canvasElement, 'visits');
    const shown = parts(visits, 'visit');
    await expect(shown.length).toBeGreaterThan(3);
    const chest = shown.find((visit) => details(visit).includes('What was found: Chest tightness on exertion'));
    await expect(chest?.dataset.encounterId).toMatch(/^enc-maria-/);
    await expect(details(chest)).toMatch(/^Why: Chest tightness when climbing stairs; What was found: Chest tightness on exertion; Seen by: Dr\. .+; Where: Riverside .+$/);
  },
};

/** Maria's clinicians' notes in full, newest first, with the latest progress note opened: its words as plain text. */
export const Notes: Story = {
  name: "Clinicians' notes",
  args: { sections: ['notes'] },
  play: async ({ canvasElement }) => {
    const notes = await loadedSection(canvasElement, 'notes');
    // Her immunization record is kept only as a PDF: it says where to find it.
    await expect(parts(notes, 'note-elsewhere').length).toBeGreaterThan(0);
    const progress = parts(notes, 'clinical-note').find((note) => words(note.querySelector('[part~="note-title"]')) === 'Progress note')!;
    const button = progress.querySelector<HTMLButtonElement>('[part~="read-note"]')!;
    await expect(button.getAttribute('aria-expanded')).toBe('false');
    button.click();
    const text = await untilVisible(() => progress.querySelector<HTMLElement>('[part~="note-text"]'), "The note's words");
    await untilText(text, 'Electronically signed by');
    await expect(words(text)).toMatch(/^Progress note — .+ Assessment: .+ Plan: .+$/);
    await expect(button.getAttribute('aria-expanded')).toBe('true');
    await expect(words(button)).toBe('Hide the note');
  },
};

/** Maria's vital signs in full: the latest of each measure and its values over time, blood pressure as two trends. */
export const Vitals: Story = {
  name: 'Vital signs',
  args: { sections: ['vitals'] },
  play: async ({ canvasElement }) => {
    const vitals = await loadedSection(canvasElement, 'vitals');
    const pressure = vitals.querySelector<HTMLElement>('[data-vital="85354-9"]')!;
    await expect(words(pressure.querySelector('[part~="vital-value"]'))).toMatch(/^\d+\/\d+ mmHg$/);
    const trends = parts(pressure, 'vital-trend');
    await expect(trends.length).toBe(2);
    await expect(trends.every((trend) => trend.querySelector('svg') !== null)).toBe(true);
    await expect(trends[0]!.querySelectorAll('tbody tr').length).toBeGreaterThan(1);
    await expect(parts(vitals, 'vital').length).toBeGreaterThan(2);
  },
};

/** Aisha's record says she has no known allergies: said as her care team recorded it, not as a blank. */
export const NoKnownAllergies: Story = {
  name: 'No known allergies',
  args: { patientId: 'aisha' },
  play: async ({ canvasElement }) => {
    const allergies = await loadedSection(canvasElement, 'allergies');
    await expect(words(allergies.querySelector('[part~="no-known-allergies"]'))).toBe('No known allergies Your care team has recorded that you have no known allergies.');
    await expect(parts(allergies, 'allergy').length).toBe(0);
    await expect(allergies.querySelector('[part~="empty"]')).toBeNull();
    await expect(names((await loadedSection(canvasElement, 'conditions')).querySelector('[part~="conditions-active"]'), 'condition')).toContain('Migraine');
  },
};

/** A patient new to the clinic, with nothing on record: every section says so. */
export const Empty: Story = {
  name: 'Nothing on record',
  args: { patientId: FIXTURE_IDS.empty },
  parameters: { storyFhir: { fixtures: EMPTY_RECORD } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    for (const section of HEALTH_RECORD_SECTIONS) await loadedSection(canvasElement, section);
    await expect(parts(recordRoot(canvasElement), 'empty').map((empty) => words(empty.querySelector('.state-heading')))).toEqual([
      'No conditions on record',
      'No allergies on record',
      'No immunizations on record',
      'No past visits on record',
      'No clinicians’ notes on record',
      'No vital signs on record',
    ]);
    await expect(recordRoot(canvasElement)!.querySelector('[part~="no-known-allergies"]')).toBeNull();
  },
};

/**
 * The record is loading: the demo server holds every section's search but the conditions', so each of
 * those sections shows a skeleton named for it while the conditions are already shown.
 */
export const Loading: Story = {
  parameters: { storyFhir: { delay: Infinity, delayOnly: HELD_SEARCHES } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    // The conditions have come back while the other searches are still held.
    await expect(parts(await loadedSection(canvasElement, 'conditions'), 'condition').length).toBe(3);
    const skeletons = parts(recordRoot(canvasElement), 'skeleton');
    await expect(skeletons.map((skeleton) => words(skeleton))).toEqual(
      ['allergies', 'immunizations', 'past visits', 'clinicians’ notes', 'vital signs'].map((name) => `Loading ${name}…`),
    );
    await expect(skeletons.every((skeleton) => skeleton.getAttribute('aria-busy') === 'true')).toBe(true);
    await expect(recordRoot(canvasElement)!.querySelector('[part~="allergy"], [part~="immunization"], [part~="visit"], [part~="empty"]')).toBeNull();
  },
};

/** The server fails the allergy search: that section says what went wrong, with "Try again"; the others are shown. */
export const Failed: Story = {
  name: 'Error with retry',
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^AllergyIntolerance', status: 500, times: 1000 }] } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const error = await inRecord(canvasElement, '[data-section="allergies"] [part~="error"]', 'The allergies’ error', 10_000);
    await expect(words(error)).toContain('Something went wrong on our side. Please try again later.');
    await inRecord(canvasElement, '[data-section="allergies"] [part~="retry-button"]', 'Try again');
    await expect(parts(await loadedSection(canvasElement, 'conditions'), 'condition').length).toBe(3);
    await expect(parts(await loadedSection(canvasElement, 'immunizations'), 'immunization').length).toBe(3);
    await expect(parts(recordRoot(canvasElement), 'error').length).toBe(1);
  },
};

/** The allergy search fails once: "Try again" reads it again, and Maria's penicillin allergy is shown. */
export const Retried: Story = {
  name: 'Error, then Try again',
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^AllergyIntolerance', status: 500, times: 1 }] } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    (await inRecord<HTMLButtonElement>(canvasElement, '[data-section="allergies"] [part~="retry-button"]', 'Try again', 10_000)).click();
    const allergies = await loadedSection(canvasElement, 'allergies');
    await untilVisible(() => allergies.querySelector('[data-allergy-id="allergy-maria-penicillin"]'), 'The penicillin allergy');
    await expect(allergies.querySelector('[part~="error"]')).toBeNull();
  },
};

/** A long history: forty more conditions and forty more visits with long names; "Show all" opens the visits, "Show more" adds the next twenty. */
export const LongHistory: Story = {
  name: 'Long history',
  parameters: { storyFhir: { fixtures: longHistory() } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    const conditions = await loadedSection(canvasElement, 'conditions');
    const [, conditionCount] = /^Show all (\d+) conditions$/.exec(words(conditions.querySelector('[part~="show-all"]'))) ?? [];
    await expect(Number(conditionCount)).toBeGreaterThan(40);
    const visits = await loadedSection(canvasElement, 'visits');
    const showAll = visits.querySelector<HTMLButtonElement>('[part~="show-all"]')!;
    await expect(words(showAll)).toMatch(/^Show all \d+ visits$/);
    showAll.click();
    const full = await inRecord(canvasElement, '.full[data-section="visits"]', 'The visits in full');
    await expect(parts(full, 'visit').length).toBe(20);
    (await inRecord<HTMLButtonElement>(canvasElement, '[part~="load-more"]', 'Show more')).click();
    await untilVisible(() => (parts(full, 'visit').length === 40 ? full : undefined), 'The next twenty visits');
    await untilText(full.closest('.health-record')!, '20 more shown');
    await inRecord(canvasElement, '[part~="back"]', 'Back to the health record');
    const record = canvasElement.querySelector('health-record')!;
    await expect(record.scrollWidth <= record.clientWidth + 1).toBe(true);
  },
};

/** A Spanish page: Maria's record worded in Spanish, the asthma "Descartada". */
export const Spanish: Story = {
  args: { sections: ['conditions', 'allergies'] },
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    await untilText(await inRecord(canvasElement, '#health-record-heading', 'The heading'), 'Historia clínica');
    await untilText(await inRecord(canvasElement, '#conditions-heading', 'The conditions heading'), 'Afecciones');
    await untilText(await inRecord(canvasElement, '#allergies-heading', 'The allergies heading'), 'Alergias');
    await (await loadedSection(canvasElement, 'conditions')).querySelector<HTMLButtonElement>('[part~="show-all"]')!.click();
    await untilText(await inRecord(canvasElement, '[data-condition-id="cond-maria-asthma-ruled-out"] [part~="condition-status"]', 'The ruled-out asthma'), 'Descartada');
  },
};

/** An Arabic page (`lang="ar" dir="rtl"`): Maria's record right to left. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const heading = await inRecord(canvasElement, '#health-record-heading', 'The heading');
    await untilText(heading, 'السجل الصحي');
    await expect(heading.closest('section')?.getAttribute('dir')).toBe('rtl');
    await untilText(await inRecord(canvasElement, '#allergies-heading', 'The allergies heading'), 'الحساسية');
    const risk = await inRecord(canvasElement, '[data-allergy-id="allergy-maria-penicillin"] [part~="allergy-risk"]', 'The penicillin allergy’s risk');
    await untilText(risk, 'تفاعل خفيف');
    const record = canvasElement.querySelector('health-record')!;
    await expect(record.scrollWidth <= record.clientWidth + 1).toBe(true);
  },
};

/** Nobody is signed in (no session around the element): it says what signing in gives. */
export const SignedOut: Story = {
  name: 'Signed out',
  render: () => html`<health-record></health-record>`,
  play: async ({ canvasElement }) => {
    const prompt = await inRecord(canvasElement, '[part~="signed-out"]', 'The signed-out prompt');
    await expect(prompt.textContent).toContain('Sign in to see your health record: conditions, allergies, immunizations, visits, notes and vital signs.');
  },
};
