import type { Organization } from 'fhir/r4';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { renderDataText, renderSentenceWithData } from '@portico/core';
import type { MedicationListLocalize } from '../i18n/terms.js';
import type { Medicine } from '../model/medicines.js';
import type { RequestDraft } from './request-draft.js';

export interface RequestFormOptions {
  /** The pharmacies to choose from (none: the prescription's own is used). */
  pharmacies: readonly Organization[];
  onChange: (changes: Partial<RequestDraft>) => void;
  onSend: () => void;
  onCancel: () => void;
}

/**
 * The form to ask for a refill or renewal (or to message the prescriber for one): a note, the pharmacy,
 * Send and Cancel. Sending keeps the note when it fails; the button stays focusable while it sends.
 */
export function renderRequestForm(localize: MedicationListLocalize, medicine: Medicine, draft: RequestDraft, options: RequestFormOptions) {
  const id = (name: string) => `${name}-${medicine.id}`;
  const byMessage = draft.route === 'message';
  const own = medicine.pharmacyRef?.reference;
  const others = options.pharmacies.filter((p) => `Organization/${p.id}` !== own);
  return html`<form class="request-form" part="request-form" aria-labelledby=${id('request-heading')}
    @submit=${(event: Event) => {
      event.preventDefault();
      if (!draft.busy) options.onSend();
    }}>
    <h5 id=${id('request-heading')} tabindex="-1" data-focus-target>${byMessage ? localize.term('askByMessage', draft.kind) : localize.term('requestKind', draft.kind)}</h5>
    ${byMessage && medicine.prescriber ? html`<p class="hint">${renderSentenceWithData((who) => localize.term('messageTo', who), medicine.prescriber)}</p>` : nothing}
    <label for=${id('note')}>${localize.term('noteLabel')}</label>
    <p class="hint" id=${id('note-hint')}>${localize.term('noteHint')}</p>
    <textarea id=${id('note')} part="note-input" rows="3" maxlength="1000" aria-describedby=${id('note-hint')} .value=${live(draft.note)}
      @input=${(event: Event) => options.onChange({ note: (event.target as HTMLTextAreaElement).value })}></textarea>
    ${!byMessage && (own || others.length)
      ? html`<label for=${id('pharmacy')}>${localize.term('pharmacyChoice')}</label>
          <select id=${id('pharmacy')} part="pharmacy-choice" .value=${live(draft.pharmacy)}
            @change=${(event: Event) => options.onChange({ pharmacy: (event.target as HTMLSelectElement).value })}>
            ${own ? html`<option value="">${localize.term('pharmacyOnPrescription', medicine.pharmacy ?? own)}</option>` : nothing}
            ${others.map((p) => html`<option value=${`Organization/${p.id}`} ?selected=${draft.pharmacy === `Organization/${p.id}`}>${p.name ?? p.id}</option>`)}
          </select>`
      : nothing}
    ${draft.error
      ? html`<div class="request-error" part="request-error" role="alert"><p>${localize.term('notSent')}</p><p>${renderDataText(draft.error)}</p></div>`
      : nothing}
    <div class="form-actions">
      <button type="submit" class="primary" part="send-button" aria-disabled=${draft.busy ? 'true' : 'false'}>
        ${draft.busy ? localize.term('requestSending') : byMessage ? localize.term('sendMessage') : localize.term('sendRequest', draft.kind)}
      </button>
      <button type="button" part="cancel-button" @click=${options.onCancel}>${localize.term('cancel')}</button>
    </div>
  </form>`;
}
