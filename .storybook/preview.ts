import { darkTokens } from '@portico/core';
import '@portico/core/define.js';
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { css, html } from 'lit';
import customElementsManifest from 'virtual:portico-custom-elements';
import { clearPorticoSessions } from '../stories/support/sessions.js';
import { installStoryFhir, type StoryFhirOptions } from '../stories/support/story-fhir.js';
import { extractArgTypes, fitToStory } from './element-arg-types.js';

// The elements' attributes, properties, events, slots, parts and custom properties, for the docs
// pages and the controls, come from the Custom Elements Manifest (.storybook/custom-elements.ts).
setCustomElementsManifest(customElementsManifest);

/** The locales with a Portico catalogue; the toolbar sets `lang` and `dir` on the story root. */
const LOCALES = {
  en: { title: 'English', dir: 'ltr' },
  es: { title: 'Español', dir: 'ltr' },
  ar: { title: 'العربية', dir: 'rtl' },
} as const;
type StoryLocale = keyof typeof LOCALES;

/**
 * The story root is the "host page": a neutral background and text colour from the Portico tokens, so
 * it follows the theme. The dark theme sets the dark palette on the root, as a host page may; the
 * tokens inherit into every element of the story.
 */
const pageStyles = css`
  body {
    margin: 0;
  }
  .portico-story {
    box-sizing: border-box;
    min-block-size: 100vh;
    padding: 1.5rem;
    background: var(--portico-color-surface, #ffffff);
    color: var(--portico-color-text, #1a1d21);
    color-scheme: var(--portico-color-scheme, light);
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif;
    line-height: 1.5;
  }
  .portico-story[data-theme='dark'] {
    ${darkTokens}
  }
`;
if (pageStyles.styleSheet && !document.adoptedStyleSheets.includes(pageStyles.styleSheet)) {
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageStyles.styleSheet];
}

const withPage: Decorator = (story, { globals }) => {
  const locale: StoryLocale = globals.locale in LOCALES ? (globals.locale as StoryLocale) : 'en';
  const theme = globals.theme === 'dark' ? 'dark' : 'light';
  return html`<div class="portico-story" lang=${locale} dir=${LOCALES[locale].dir} data-theme=${theme}>${story()}</div>`;
};

const preview: Preview = {
  decorators: [withPage],
  argTypesEnhancers: [fitToStory],
  globalTypes: {
    locale: {
      description: 'Language of the page around the elements (sets lang and dir on the story root)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: Object.entries(LOCALES).map(([value, { title, dir }]) => ({ value, title, right: dir === 'rtl' ? 'RTL' : undefined })),
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour scheme of the page and the elements',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { extractArgTypes },
  },
  /**
   * Every story starts signed out of everything and talks to the embedded demo server's FHIR service,
   * running in the page on a fresh copy of the demo seed (`parameters.storyFhir` tunes it: delay,
   * faults, SMART discovery, fixtures; stories/support/story-fhir.ts). Storybook runs the returned
   * cleanup before the next story, which restores `window.fetch`.
   */
  beforeEach: ({ parameters }) => {
    clearPorticoSessions();
    return installStoryFhir((parameters.storyFhir ?? {}) as StoryFhirOptions);
  },
};

export default preview;
