import { html, nothing, type TemplateResult } from 'lit';
import { onSessionChange } from './host.js';
import { STORY_CLIENT_ID, STORY_FHIR_BASE } from './story-fhir.js';
import { storyToken, type StoryGrant } from './story-tokens.js';

/**
 * What the element stories share: an element placed as a host page places it, inside a signed-in
 * `portal-session` (token mode; the stories play the host), and the session's controls.
 */

export const THEMES = ['light', 'dark', 'auto'] as const;
/** The demo seed's patients (demo/server/seed/README.md). */
export const SEED_PATIENTS = ['maria', 'james', 'leo', 'aisha'] as const;
/** The session's `locale`; empty: the page `lang` (the Locale toolbar). */
export const LOCALE_OPTIONS = ['', 'en', 'es', 'ar'] as const;

/** The controls' groups in the args table. */
export const ATTRIBUTE_TABLE = { category: 'attributes' } as const;
export const SESSION_TABLE = { category: 'portal-session' } as const;

export interface SignedInArgs {
  /** The session's patient (`patient-id` of `portal-session`); the token opens this record (story-tokens.ts). */
  patientId: string;
  /** The session's `locale`; empty: the page `lang` (the Locale toolbar). */
  locale: (typeof LOCALE_OPTIONS)[number];
  /** The session's `theme`, which reaches every element inside. */
  theme: (typeof THEMES)[number];
}

/** Who signs in for a record that is not their own (the seed's James for his son; the long-data proxy). */
const SIGNED_IN_AS: Readonly<Record<string, string>> = { leo: 'Person/person-james', 'story-long': 'Person/person-story-long', 'story-no-mrn': 'Person/person-story-long' };

/** `content` inside a session signed in as `args.patientId` (with the scopes of `grant`, by default the demo portal's). */
export function renderSignedIn(args: SignedInArgs, content: TemplateResult, grant?: Omit<StoryGrant, 'patient'>): TemplateResult {
  return html`<portal-session
    fhir-base-url=${STORY_FHIR_BASE}
    client-id=${STORY_CLIENT_ID}
    auth="token"
    patient-id=${args.patientId}
    fhir-user=${SIGNED_IN_AS[args.patientId] ?? `Patient/${args.patientId}`}
    locale=${args.locale || nothing}
    theme=${args.theme}
    scope=${grant?.scope ?? nothing}
    .accessToken=${storyToken(args.patientId, grant)}
    @portico-session-change=${onSessionChange}
  >
    ${content}
  </portal-session>`;
}

/** The session's controls; `patient` says what choosing a patient changes, and may relabel them. */
export function sessionArgTypes(patient: { description: string; labels?: Partial<Record<string, string>> }) {
  return {
    patientId: {
      name: 'patient-id (session)',
      description: patient.description,
      control: {
        type: 'select',
        labels: { maria: 'Maria Hernández', james: 'James Carter', leo: 'Leo Carter (child; signed in as his father)', aisha: 'Aisha Rahman', ...patient.labels },
      },
      options: SEED_PATIENTS,
      table: SESSION_TABLE,
    },
    locale: {
      name: 'locale (session)',
      description: 'Locale of the session and every element inside; empty: the page `lang` (the Locale toolbar).',
      control: { type: 'select', labels: { '': '(page lang)', en: 'English', es: 'Español', ar: 'العربية' } },
      options: LOCALE_OPTIONS,
      table: SESSION_TABLE,
    },
    theme: { name: 'theme (session)', description: '`light`, `dark` or `auto` for every element inside the session.', control: 'inline-radio', options: THEMES, table: SESSION_TABLE },
  } as const;
}
