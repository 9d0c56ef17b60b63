import { html, nothing, type TemplateResult } from 'lit';
import { DEMO_TOKEN, PATIENT_IDS } from './data.js';
import { DEMO_CLIENT_ID, DEMO_FHIR_BASE } from './demo-fhir.js';
import { onSessionChange } from './host.js';

/**
 * What the element stories share: an element placed as a host page places it, inside a signed-in
 * `portal-session` (token mode; the stories play the host), and the session's controls.
 */

export const THEMES = ['light', 'dark', 'auto'] as const;
/** The session's `locale`; empty: the page `lang` (the Locale toolbar). */
export const LOCALE_OPTIONS = ['', 'en', 'es', 'ar'] as const;

/** The controls' groups in the args table. */
export const ATTRIBUTE_TABLE = { category: 'attributes' } as const;
export const SESSION_TABLE = { category: 'portal-session' } as const;

export interface SignedInArgs {
  /** The session's patient (`patient-id` of `portal-session`). */
  patientId: string;
  /** The session's `locale`; empty: the page `lang` (the Locale toolbar). */
  locale: (typeof LOCALE_OPTIONS)[number];
  /** The session's `theme`, which reaches every element inside. */
  theme: (typeof THEMES)[number];
}

/** `content` inside a session signed in as `args.patientId`. */
export function renderSignedIn(args: SignedInArgs, content: TemplateResult): TemplateResult {
  return html`<portal-session
    fhir-base-url=${DEMO_FHIR_BASE}
    client-id=${DEMO_CLIENT_ID}
    auth="token"
    patient-id=${args.patientId}
    fhir-user=${`Patient/${args.patientId}`}
    locale=${args.locale || nothing}
    theme=${args.theme}
    .accessToken=${DEMO_TOKEN}
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
        labels: { [PATIENT_IDS.elena]: 'Elena Martínez Ruiz', [PATIENT_IDS.layla]: 'Layla Haddad', [PATIENT_IDS.tobi]: 'Tobi Okafor', ...patient.labels },
      },
      options: [PATIENT_IDS.elena, PATIENT_IDS.layla, PATIENT_IDS.tobi],
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
