import type { Patient } from 'fhir/r4';
import { html, nothing } from 'lit';
import { formatHumanName } from '../format/name.js';
import type { LocalizeController } from '../i18n/localize-controller.js';
import { renderSentenceWithData } from '../views/data-text.js';

/**
 * The bar above the elements while the signed-in person views someone else's record (proxy access):
 * the patient's initial in a circle and "You are viewing Leo Carter's record", the name isolated.
 * Nothing for a person's own record, or before the patient is loaded.
 */
export function renderActingFor(localize: LocalizeController, options: { actingForOther: boolean; patient?: Patient }) {
  const name = options.actingForOther ? formatHumanName(options.patient?.name) : '';
  if (!name) return nothing;
  return html`<div class="acting-for" part="acting-for">
    <span class="initial" part="acting-for-initial" aria-hidden="true">${[...name][0]!.toLocaleUpperCase(localize.lang())}</span>
    <p>${renderSentenceWithData((who) => localize.term('viewingRecordOf', who), name)}</p>
  </div>`;
}
