/**
 * My health as a Vue 3 application, with render functions and Vue's runtime-only build (no template
 * compiler, so no `compilerOptions.isCustomElement` is needed: h('portal-session') creates the tag
 * as it is). Vue sets `locale` as a property because the element has one, and `onPorticoSessionChange`
 * listens to the DOM event `portico-session-change`.
 */
import type { PorticoSessionChangeEvent, SessionStatus } from '@portico/core';
import { createApp, defineComponent, h, onBeforeUnmount, ref, useId } from 'vue';
import 'portico';
import { currentLanguage, onLanguageChange } from './site.js';
import { LANGUAGE_NAMES, SITE_LANGUAGES, scriptText, type ScriptTextKey, type SiteLanguage } from './site-i18n.js';

const MyHealthApp = defineComponent({
  props: {
    fhirBaseUrl: { type: String, required: true },
    clientId: { type: String, required: true },
  },
  setup(props) {
    const status = ref<SessionStatus>();
    const locale = ref<'' | SiteLanguage>('');
    // The website's language (`<html lang>`), for the app's own labels.
    const pageLanguage = ref(currentLanguage());
    onBeforeUnmount(onLanguageChange((lang) => (pageLanguage.value = lang)));
    const selectId = useId();
    const text = (key: ScriptTextKey) => scriptText(pageLanguage.value, key);

    return () =>
      h('div', { class: 'framework-app' }, [
        h('section', { class: 'framework-panel', 'aria-label': text('panelControls') }, [
          h('p', { class: 'status' }, [text('panelStatus'), ' ', h('output', { 'data-status': status.value ?? 'waiting' }, status.value ?? text('panelWaiting'))]),
          h('div', { class: 'field' }, [
            h('label', { for: selectId }, text('panelLocale')),
            h(
              'select',
              {
                id: selectId,
                value: locale.value,
                onChange: (event: Event) => (locale.value = (event.currentTarget as HTMLSelectElement).value as '' | SiteLanguage),
              },
              [h('option', { value: '' }, text('panelPageLanguage')), ...SITE_LANGUAGES.map((lang) => h('option', { key: lang, value: lang, lang }, LANGUAGE_NAMES[lang]))],
            ),
          ]),
          h('p', { class: 'hint' }, text('panelHint')),
        ]),
        h(
          'portal-session',
          {
            'fhir-base-url': props.fhirBaseUrl,
            'client-id': props.clientId,
            // An empty locale lets the elements follow the page's lang.
            locale: locale.value,
            onPorticoSessionChange: (event: PorticoSessionChangeEvent) => (status.value = event.detail.status),
          },
          [
            h('patient-banner'),
            // Six weeks of open times; visits can be cancelled or moved online up to a day before (as on my-health.html).
            h('appointment-booker', { id: 'appointments', 'days-ahead': '42', 'cancel-cutoff-hours': '24' }),
            h('lab-results', { id: 'lab-results' }),
          ],
        ),
      ]);
  },
});

const container = document.getElementById('portal-app');
if (container) {
  // The page's HTML carries the configuration, as the plain HTML page's attributes do.
  createApp(MyHealthApp, { fhirBaseUrl: container.dataset.fhirBaseUrl ?? '', clientId: container.dataset.clientId ?? '' }).mount(container);
}
