import type { ImmunizationRow } from '../fhir/immunization-rows.js';
import type { LocalizeController } from '../i18n/localize-controller.js';
import { renderDataText } from './data-text.js';

/** Why a vaccine was not given, as shown: the record's words, else its reason code worded, else nothing. */
export function renderNotGivenReason(localize: LocalizeController, row: ImmunizationRow) {
  if (row.reason?.text) return renderDataText(row.reason.text);
  return row.reason?.code ? localize.term('notGivenReason', row.reason.code) : undefined;
}
