import type { Patient } from 'fhir/r4';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { onSessionChange, switchBetween } from './support/host.js';
import { STORY_CLIENT_ID, STORY_FHIR_BASE, type StoryFhirOptions } from './support/story-fhir.js';
import { FIXTURE_IDS, LONG_DATA, longName, noBirthDate, noMrn, seedPatient } from './support/story-fixtures.js';
import { storyToken } from './support/story-tokens.js';

/** The seed's patients (demo/server/seed): Maria, Aisha (her name in Arabic script), Leo (James's son). */
const maria = seedPatient('maria');
const aisha = seedPatient('aisha');
const leo = seedPatient('leo');

interface PatientBannerArgs {
  /** Standalone: the Patient resource given to `.patient`. */
  patient?: Patient;
}

interface ProxyArgs {
  /** The signed-in person (`fhir-user` of the session). */
  fhirUser: string;
  /** The record being viewed (`patient-id` of the session). */
  patientId: string;
}

/** The banner on its own: the host page already has the Patient and sets `.patient` (no request is made). */
const renderStandalone = ({ patient }: PatientBannerArgs) => html`<patient-banner .patient=${patient}></patient-banner>`;

/**
 * The banner inside a session signed in (token mode) as someone acting for another person. "Switch
 * patient" asks the host page, which moves on to the next record the person may view.
 */
function renderProxy({ fhirUser, patientId }: ProxyArgs, patients: readonly string[]) {
  return html`<portal-session
    fhir-base-url=${STORY_FHIR_BASE}
    client-id=${STORY_CLIENT_ID}
    auth="token"
    patient-id=${patientId}
    fhir-user=${fhirUser}
    .accessToken=${storyToken(patientId)}
    @portico-session-change=${onSessionChange}
    @portico-sign-in-requested=${switchBetween(patients)}
  >
    <patient-banner></patient-banner>
  </portal-session>`;
}

const meta = {
  title: 'Core/Patient banner',
  component: 'patient-banner',
  render: renderStandalone,
  args: { patient: maria },
  argTypes: {
    // The manifest gives a resource property no control: edit the Patient as JSON here.
    patient: { description: 'The Patient resource to show without a session (a property; edit the JSON to try other data).', control: 'object' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Whose record is open: name, date of birth and age, MRN; for a proxy, who is signed in and a "Switch patient" button. Standalone with `.patient`, or inside `portal-session`.',
      },
    },
  },
} satisfies Meta<PatientBannerArgs>;

export default meta;
type Story = StoryObj<PatientBannerArgs>;
type ProxyStory = StoryObj<ProxyArgs>;

const proxyArgTypes = {
  fhirUser: { name: 'fhir-user (session)', control: 'text', description: 'The signed-in person.' },
  patientId: { name: 'patient-id (session)', control: 'text', description: 'The record being viewed.' },
  patient: { table: { disable: true } },
} as const;

/** Standalone, with `.patient`: the patient viewing her own record. */
export const Standalone: Story = {};

/** A parent (James, a `Person` linked to his own record and his son's) viewing his son Leo's record; "Switch patient" moves to his own. */
export const Proxy: ProxyStory = {
  name: 'Proxy: parent viewing a child',
  args: { fhirUser: 'Person/person-james', patientId: 'leo' },
  argTypes: proxyArgTypes,
  render: (args) => renderProxy(args, ['leo', 'james']),
};

/** A proxy modelled as a `RelatedPerson` (James for Leo); the banner offers "Switch patient" to every RelatedPerson. */
export const ProxyRelatedPerson: ProxyStory = {
  name: 'Proxy: RelatedPerson',
  args: { fhirUser: 'RelatedPerson/james-for-leo', patientId: 'leo' },
  argTypes: proxyArgTypes,
  render: (args) => renderProxy(args, ['leo']),
};

/** Long data: a very long name with titles, and a long MRN. */
export const LongName: Story = {
  name: 'Long data: very long name',
  args: { patient: longName },
};

/** Long data in the proxy line: a long-named proxy viewing a long-named patient. */
export const LongNameProxy: ProxyStory = {
  name: 'Long data: proxy with long names',
  args: { fhirUser: `Person/${FIXTURE_IDS.longProxy}`, patientId: FIXTURE_IDS.long },
  argTypes: proxyArgTypes,
  parameters: { storyFhir: { fixtures: LONG_DATA } satisfies StoryFhirOptions },
  render: (args) => renderProxy(args, [FIXTURE_IDS.long, FIXTURE_IDS.noMrn]),
};

/**
 * A name holding a right-to-left override (U+202E), as a mistyped or hostile entry can: the name is
 * isolated, so it cannot reorder the date of birth, the MRN or any words around it.
 */
export const DirectionOverride: Story = {
  name: 'Hostile data: direction override in the name',
  args: { patient: { ...maria, name: [{ use: 'official', given: ['Maria\u202E'], family: 'Hernández' }] } },
};

/** The record has no birth date: no date of birth or age. */
export const NoBirthDate: Story = {
  name: 'Missing birth date',
  args: { patient: noBirthDate },
};

/** The record has no identifier: no MRN. */
export const NoMrn: Story = {
  name: 'No MRN',
  args: { patient: noMrn },
};

/** Nothing but an id: no name, birth date or identifier. */
export const Sparse: Story = {
  name: 'No name, birth date or MRN',
  args: { patient: { resourceType: 'Patient', id: 'pat-sparse' } },
};

/** Inside a signed-in session while the Patient is still loading (the demo server holds the read). */
export const Loading: ProxyStory = {
  args: { fhirUser: 'Patient/maria', patientId: 'maria' },
  argTypes: proxyArgTypes,
  parameters: { storyFhir: { delay: Infinity, delayOnly: /\/Patient\// } satisfies StoryFhirOptions },
  render: (args) => renderProxy(args, [args.patientId]),
};

/** Arabic page (RTL), patient with her name in Arabic script. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  args: { patient: aisha },
  globals: { locale: 'ar' },
};

/** Spanish page, a child's record. */
export const Spanish: Story = {
  args: { patient: leo },
  globals: { locale: 'es' },
};

/** Dark page. */
export const Dark: Story = {
  name: 'Dark theme',
  args: { patient: leo },
  globals: { theme: 'dark' },
};

/** A column of `width` CSS px: a phone, or a wider screen at 200 % zoom (a 640 px screen at 200 % is 320 px). */
const column = (width: number, content: TemplateResult) => html`<div style="inline-size: ${width}px; max-inline-size: 100%">${content}</div>`;

/** A 320 px phone, the very long name and MRN: the details wrap, no word is cut and nothing scrolls sideways. */
export const Narrow: Story = {
  name: 'Narrow (320 px): long data',
  args: { patient: longName },
  render: (args) => column(320, renderStandalone(args)),
};

/** A 1280 px desktop at 200 % zoom (640 CSS px), the very long name and MRN. */
export const Zoomed: Story = {
  name: 'Zoomed: 1280 px at 200 % (640 px)',
  args: { patient: longName },
  render: (args) => column(640, renderStandalone(args)),
};

/** A long-named proxy on a 320 px phone: "Switch patient" stays inside the banner. */
export const NarrowProxy: ProxyStory = {
  name: 'Narrow (320 px): proxy with long names',
  args: LongNameProxy.args,
  argTypes: proxyArgTypes,
  parameters: LongNameProxy.parameters,
  render: (args) => column(320, renderProxy(args, [FIXTURE_IDS.long, FIXTURE_IDS.noMrn])),
};

/** An Arabic page 320 px wide (a 640 px screen at 200 % zoom). */
export const NarrowArabic: Story = {
  name: 'Narrow (320 px), Arabic (RTL)',
  args: { patient: aisha },
  globals: { locale: 'ar' },
  render: (args) => column(320, renderStandalone(args)),
};
