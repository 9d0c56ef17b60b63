import { AUTH_MODES, type AuthMode } from '@portico/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing, type TemplateResult } from 'lit';
import { clickSignIn, onSessionChange, onSignInRequested } from './support/host.js';
import { seedSmartSession } from './support/sessions.js';
import { LOCALE_OPTIONS, THEMES } from './support/signed-in.js';
import { STORY_CLIENT_ID, STORY_FHIR_BASE, type StoryFhirOptions } from './support/story-fhir.js';
import { EXPIRED_TOKEN, storyToken } from './support/story-tokens.js';


interface PortalSessionArgs {
  fhirBaseUrl: string;
  clientId: string;
  auth: AuthMode;
  patientId: string;
  fhirUser: string;
  locale: (typeof LOCALE_OPTIONS)[number];
  theme: (typeof THEMES)[number];
  storageKey: string;
  accessToken: string;
  /** Minutes without activity before "Are you still there?" (default 15; 0: never). */
  idleTimeoutMinutes?: number;
}

/** The session as a host page writes it; `content` is what the page puts inside. */
function renderSession(args: PortalSessionArgs, content: TemplateResult | typeof nothing = html`<patient-banner></patient-banner>`) {
  return html`<portal-session
    fhir-base-url=${args.fhirBaseUrl}
    client-id=${args.clientId}
    auth=${args.auth}
    patient-id=${args.patientId || nothing}
    fhir-user=${args.fhirUser || nothing}
    locale=${args.locale || nothing}
    theme=${args.theme}
    storage-key=${args.storageKey || nothing}
    .accessToken=${args.accessToken || undefined}
    idle-timeout-minutes=${args.idleTimeoutMinutes ?? nothing}
    @portico-session-change=${onSessionChange}
    @portico-sign-in-requested=${onSignInRequested}
  >
    ${content}
  </portal-session>`;
}

/** A SMART session kept from an earlier visit, restored by the Initializing stories. */
const RETURNING = { storageKey: 'story-returning', patientId: 'maria', fhirUser: 'Patient/maria', name: 'Maria Hernández' };

/** Signed in (token mode) as Aisha, whose name is in Arabic script. */
const AISHA = { patientId: 'aisha', fhirUser: 'Patient/aisha', accessToken: storyToken('aisha') };

const meta = {
  title: 'Core/Portal session',
  component: 'portal-session',
  render: (args) => renderSession(args),
  args: {
    fhirBaseUrl: STORY_FHIR_BASE,
    clientId: STORY_CLIENT_ID,
    auth: 'token',
    patientId: 'maria',
    fhirUser: 'Patient/maria',
    locale: '',
    theme: 'light',
    storageKey: '',
    accessToken: storyToken('maria'),
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    fhirBaseUrl: { description: "The FHIR R4 base URL of the hospital's server. The stories' in-browser demo server is `" + STORY_FHIR_BASE + '`.' },
    auth: {
      description:
        'How to sign in. `token`: the host page hands over a token (the stories play the host). `smart` / `oidc` go to an authorization server, which the demo does not have: signing in there leaves Storybook.',
      control: 'inline-radio',
      options: AUTH_MODES,
    },
    locale: {
      control: { type: 'select', labels: { '': '(page lang)', en: 'English', es: 'Español', ar: 'العربية' } },
      options: LOCALE_OPTIONS,
    },
    accessToken: { description: `Token mode: the host's access token (a property). Empty: signed out; \`${EXPIRED_TOKEN}\`: the server refuses it.` },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Signs the patient in and provides the FHIR client, the patient and the locale to the Portico elements inside. The stories talk to the demo FHIR server running in the browser on the demo seed (Maria, James and his son Leo, Aisha); in token mode they also play the host page (see the Actions panel).',
      },
    },
  },
} satisfies Meta<PortalSessionArgs>;

export default meta;
type Story = StoryObj<PortalSessionArgs>;

/** Nobody is signed in: the built-in prompt. "Sign in" asks the host page, which signs the patient in. */
export const SignedOut: Story = {
  args: { accessToken: '' },
};

/** The host page replaces the built-in prompt with its own, through the `sign-in` slot. */
export const SignedOutCustomPrompt: Story = {
  name: 'Signed out, custom sign-in slot',
  args: { accessToken: '' },
  render: (args) =>
    renderSession(
      args,
      html`<div slot="sign-in" style="padding: 1.5rem; border: 2px dashed currentColor; border-radius: 0.5rem">
          <h2 style="margin-block: 0 0.5rem">Welcome to MyHealth at St. Example's</h2>
          <p style="margin-block: 0 1rem">Use your hospital account to see results, messages and bills.</p>
          <a href="#login" style="color: var(--portico-color-primary, #0b5cad)" @click=${(event: Event) => event.preventDefault()}>Log in with your hospital account</a>
        </div>
        <patient-banner></patient-banner>`,
    ),
};

/**
 * Restoring a session from an earlier visit: the access token has expired and the session is
 * refreshing it. The demo's token endpoint never answers here, so the loading state stays.
 */
export const Initializing: Story = {
  args: { auth: 'smart', storageKey: RETURNING.storageKey, patientId: '', fhirUser: '', accessToken: '' },
  parameters: { storyFhir: { delay: Infinity, delayOnly: /\/auth\/token$/ } satisfies StoryFhirOptions },
  beforeEach: () => seedSmartSession({ ...RETURNING, expired: true }),
};

/** The same returning patient with a token endpoint that answers after 2 seconds: initializing, then signed in (SMART). */
export const InitializingThenSignedIn: Story = {
  name: 'Initializing, then signed in (SMART)',
  args: Initializing.args,
  parameters: { storyFhir: { delay: 2000, delayOnly: /\/auth\/token$/ } satisfies StoryFhirOptions },
  beforeEach: Initializing.beforeEach,
};

/** SMART: the patient pressed "Sign in" and the session is finding the hospital's sign-in service (which never answers here). */
export const SigningIn: Story = {
  args: { auth: 'smart', patientId: '', fhirUser: '', accessToken: '' },
  parameters: { storyFhir: { delay: Infinity, delayOnly: /smart-configuration$/ } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => clickSignIn(canvasElement),
};

/** Misconfigured: no `fhir-base-url`. */
export const ErrorNoServer: Story = {
  name: 'Error: no fhir-base-url',
  args: { fhirBaseUrl: '' },
};

/** SMART sign-in against a FHIR server that has no `.well-known/smart-configuration` (404). */
export const ErrorNoSmartDiscovery: Story = {
  name: 'Error: server without SMART discovery',
  args: { auth: 'smart', patientId: '', fhirUser: '', accessToken: '' },
  parameters: { storyFhir: { smart: false } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => clickSignIn(canvasElement),
};

/** The server refuses the token and it cannot be refreshed: "Your session has ended". "Sign in again" asks the host for a new token. */
export const Expired: Story = {
  args: { accessToken: EXPIRED_TOKEN },
};

/**
 * For shared computers: after `idle-timeout-minutes` without a pointer, key or touch (here 0.1, six
 * seconds), "Are you still there?" counts down 60 seconds, then signs out and clears the record.
 */
export const IdleTimeout: Story = {
  name: 'Idle timeout (after 6 s here)',
  args: { idleTimeoutMinutes: 0.1 },
};

/** Signed in, with a `patient-banner` inside. */
export const SignedIn: Story = {};

/** The `locale` attribute: every element inside speaks Spanish, whatever the page's language. */
export const Spanish: Story = {
  args: { locale: 'es' },
};

/** An Arabic page (`lang="ar" dir="rtl"` from the Locale toolbar), with a patient whose name is in Arabic script. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  args: AISHA,
  globals: { locale: 'ar' },
};

/** `theme="dark"` on the session darkens every element inside (the page is dark too). */
export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
};

/** A column of `width` CSS px: a phone, or a wider screen at 200 % zoom (a 640 px screen at 200 % is 320 px). */
const column = (width: number, content: TemplateResult) => html`<div style="inline-size: ${width}px; max-inline-size: 100%">${content}</div>`;

/** Signed in on a 320 px phone: the bar and the banner wrap, nothing scrolls sideways. */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  render: (args) => column(320, renderSession(args)),
};

/** A 1280 px desktop at 200 % zoom (640 CSS px), signed in. */
export const Zoomed: Story = {
  name: 'Zoomed: 1280 px at 200 % (640 px)',
  render: (args) => column(640, renderSession(args)),
};

/** The session ended, on a 320 px phone: the notice and "Sign in again" fit. */
export const NarrowExpired: Story = {
  name: 'Narrow (320 px): expired',
  args: { accessToken: EXPIRED_TOKEN },
  render: (args) => column(320, renderSession(args)),
};

/** Signed in on an Arabic page 320 px wide (a 640 px screen at 200 % zoom). */
export const NarrowArabic: Story = {
  name: 'Narrow (320 px), Arabic (RTL)',
  args: AISHA,
  globals: { locale: 'ar' },
  render: (args) => column(320, renderSession(args)),
};
