import { html, nothing } from 'lit';
import type { SessionState } from '../context.js';
import { formatHumanName } from '../format/name.js';
import type { LocalizeController } from '../i18n/localize-controller.js';
import { renderSentenceWithData } from '../views/data-text.js';

/**
 * The patient's name when the session shows the bar (someone else's record, the patient loaded and
 * named), else ''. Inside such a session the banner leaves the sentence to the bar, so it is said once.
 */
export function actingForBarName(session: Pick<SessionState, 'actingForOther' | 'patient'>): string {
  return session.actingForOther ? formatHumanName(session.patient?.name) : '';
}

/**
 * The bar above the elements while the signed-in person views someone else's record (proxy access):
 * the patient's initial in a circle and "You are viewing Leo Carter's record", the name isolated.
 * Nothing for a person's own record, or before the patient is loaded.
 */
export function renderActingFor(localize: LocalizeController, session: Pick<SessionState, 'actingForOther' | 'patient'>) {
  const name = actingForBarName(session);
  if (!name) return nothing;
  return html`<div class="acting-for" part="acting-for">
    <span class="initial" part="acting-for-initial" aria-hidden="true">${[...name][0]!.toLocaleUpperCase(localize.lang())}</span>
    <p>${renderSentenceWithData((who) => localize.term('viewingRecordOf', who), name)}</p>
  </div>`;
}
