import { html, nothing } from 'lit';
import type { LocalizeController } from '../i18n/localize-controller.js';
import { renderSentenceWithData } from './data-text.js';

/**
 * What follows an element's main heading while the signed-in person is viewing someone else's
 * record (proxy access): " for <bdi>Leo Okafor</bdi>". Nothing for a person's own record:
 * `<h2>${term('labResults')}${renderViewingFor(this.localize, this.session.actingForName)}</h2>`.
 */
export function renderViewingFor(localize: LocalizeController, name: string | undefined) {
  if (!name) return nothing;
  return html` ${renderSentenceWithData((who) => localize.term('headingForPatient', who), name)}`;
}
