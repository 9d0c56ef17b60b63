/**
 * My health as a React 19 application. React renders <portal-session>, <patient-banner>,
 * <appointment-booker> and <lab-results> like any other tag: React 19 sets properties on custom
 * elements (here `locale`) and turns an `on<event-name>` prop into a listener for that exact DOM
 * event. No wrapper library, no JSX build step.
 */
import type { PorticoSessionChangeEvent, SessionStatus } from '@portico/core';
import { createElement as h, StrictMode, useId, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import 'portico';
import { currentLanguage, onLanguageChange } from './site.js';
import { LANGUAGE_NAMES, SITE_LANGUAGES, scriptText, type ScriptTextKey, type SiteLanguage } from './site-i18n.js';

interface PortalConfig {
  fhirBaseUrl: string;
  clientId: string;
}

/** The website's language (`<html lang>`), re-rendering when the visitor switches it. */
function usePageLanguage(): SiteLanguage {
  return useSyncExternalStore(onLanguageChange, currentLanguage);
}

function MyHealthApp({ fhirBaseUrl, clientId }: PortalConfig) {
  const pageLanguage = usePageLanguage();
  const [status, setStatus] = useState<SessionStatus | undefined>(undefined);
  const [locale, setLocale] = useState<'' | SiteLanguage>('');
  const selectId = useId();
  const text = (key: ScriptTextKey) => scriptText(pageLanguage, key);

  return h(
    'div',
    { className: 'framework-app' },
    h(
      'section',
      { className: 'framework-panel', 'aria-label': text('panelControls') },
      h('p', { className: 'status' }, text('panelStatus'), ' ', h('output', { 'data-status': status ?? 'waiting' }, status ?? text('panelWaiting'))),
      h(
        'div',
        { className: 'field' },
        h('label', { htmlFor: selectId }, text('panelLocale')),
        h(
          'select',
          { id: selectId, value: locale, onChange: (event: { currentTarget: HTMLSelectElement }) => setLocale(event.currentTarget.value as '' | SiteLanguage) },
          h('option', { value: '' }, text('panelPageLanguage')),
          SITE_LANGUAGES.map((lang) => h('option', { key: lang, value: lang, lang }, LANGUAGE_NAMES[lang])),
        ),
      ),
      h('p', { className: 'hint' }, text('panelHint')),
    ),
    h(
      'portal-session',
      {
        'fhir-base-url': fhirBaseUrl,
        'client-id': clientId,
        // An empty locale lets the elements follow the page's lang.
        locale,
        'onportico-session-change': (event: PorticoSessionChangeEvent) => setStatus(event.detail.status),
      },
      h('patient-banner'),
      // Six weeks of open times; visits can be cancelled or moved online up to a day before (as on my-health.html).
      h('appointment-booker', { id: 'appointments', 'days-ahead': '42', 'cancel-cutoff-hours': '24' }),
      h('lab-results', { id: 'lab-results' }),
    ),
  );
}

const container = document.getElementById('portal-app');
if (container) {
  // The page's HTML carries the configuration, as the plain HTML page's attributes do.
  const config: PortalConfig = { fhirBaseUrl: container.dataset.fhirBaseUrl ?? '', clientId: container.dataset.clientId ?? '' };
  createRoot(container).render(h(StrictMode, null, h(MyHealthApp, config)));
}
