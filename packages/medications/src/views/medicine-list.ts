import { html, nothing, type TemplateResult } from 'lit';
import { renderDataText } from '@portico/core';
import type { MedicationListLocalize } from '../i18n/terms.js';
import { doseWords, type DoseWords } from '../model/dose-words.js';
import type { Medicine, RefillRequest } from '../model/medicines.js';

export interface MedicineListOptions {
  /** What follows a medicine's details: its request button, form, or how to ask (the shell's). */
  actions: (medicine: Medicine) => TemplateResult | typeof nothing;
  /** Withdraws a pending request; undefined where requests cannot be withdrawn here. */
  onWithdraw?: (medicine: Medicine, request: RefillRequest) => void;
  /** The request being withdrawn. */
  withdrawing?: string;
}

/** How to take it: the prescription's words, else worded from its structure. */
export function doseOf(localize: MedicationListLocalize, medicine: Medicine): string {
  if (medicine.doseText) return medicine.doseText;
  const words: DoseWords = {
    frequency: (times, period, unit) => localize.term('frequency', times, period, unit),
    doseTime: (time) => localize.term('doseTime', time),
    route: (route) => localize.term('route', route),
    asNeeded: localize.term('asNeeded'),
    asNeededFor: (reason) => localize.term('asNeededFor', reason),
    forDuration: (count, unit) => localize.term('forDuration', count, unit),
    per: (period, unit) => localize.term('per', period, unit),
    atMost: (amount, period) => localize.term('atMost', amount, period),
    amount: (value, unit) => localize.term('amount', value, unit),
  };
  return doseWords(medicine.dosage, words);
}

function renderDetail(label: string, value: TemplateResult | string) {
  return html`<div class="detail"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function renderRequest(localize: MedicationListLocalize, medicine: Medicine, request: RefillRequest, options: MedicineListOptions) {
  const withdraw = request.pending && request.status === 'requested' && options.onWithdraw;
  return html`<li part="request ${request.pending ? 'request-pending' : 'request-answered'}" data-task-id=${request.id}>
    <span class="request-kind">${localize.term('requestKind', request.kind)}</span>
    ${request.asked ? html`<span class="hint">${localize.term('askedOn', localize.fhirDate(request.asked))}</span>` : nothing}
    <strong part="request-status">${localize.term('requestStatus', request.status)}</strong>
    ${request.note ? html`<span class="request-note">${renderDataText(request.note)}</span>` : nothing}
    ${withdraw
      ? html`<button type="button" part="withdraw-button" aria-disabled=${options.withdrawing === request.id ? 'true' : 'false'}
          @click=${() => options.withdrawing !== request.id && options.onWithdraw?.(medicine, request)}>${localize.term('withdraw')}</button>`
      : request.pending && request.status === 'requested'
        ? html`<span class="hint">${localize.term('cannotWithdraw')}</span>`
        : nothing}
  </li>`;
}

function renderMedicine(localize: MedicationListLocalize, medicine: Medicine, index: number, options: MedicineListOptions) {
  const dose = doseOf(localize, medicine);
  const past = medicine.state === 'past';
  const headingId = `medicine-${index}`;
  return html`<li part="medicine medicine-${medicine.state}" data-medication-request-id=${medicine.id}>
    <article aria-labelledby=${headingId}>
      <h4 id=${headingId} part="medicine-name" tabindex="-1">${renderDataText(medicine.name || '—')}</h4>
      ${past || medicine.status !== 'active'
        ? html`<p part="medicine-status"><strong>${localize.term('prescriptionStatus', medicine.status)}</strong>${medicine.statusReason
            ? html` · ${localize.term('stoppedBecause', medicine.statusReason)}`
            : nothing}</p>`
        : nothing}
      ${dose
        ? html`<p part="dose"><span class="visually-hidden">${localize.term('howToTake')}: </span>${medicine.doseText ? renderDataText(dose) : dose}</p>`
        : nothing}
      <dl part="details">
        ${medicine.prescriber ? renderDetail(localize.term('prescribedBy'), renderDataText(medicine.prescriber)) : nothing}
        ${medicine.started ? renderDetail(localize.term('started'), localize.fhirDate(medicine.started)) : nothing}
        ${medicine.fillsKnown ? renderDetail(localize.term('lastFilled'), medicine.lastFilled ? localize.fhirDate(medicine.lastFilled) : localize.term('notFilledYet')) : nothing}
        ${!past && medicine.refillsLeft !== undefined
          ? renderDetail(localize.term(medicine.fillsKnown ? 'refillsLeft' : 'refillsAllowed'), localize.number(medicine.refillsLeft))
          : nothing}
        ${!past && medicine.pharmacy ? renderDetail(localize.term('pharmacy'), renderDataText(medicine.pharmacy)) : nothing}
      </dl>
      ${medicine.requests.length
        ? html`<ul class="requests" part="requests">${medicine.requests.map((r) => renderRequest(localize, medicine, r, options))}</ul>`
        : nothing}
      ${options.actions(medicine)}
    </article>
  </li>`;
}

/** The medicines: current ones, then past ones, each with its dose, prescriber, dates, refills, pharmacy and requests. */
export function renderMedicineList(localize: MedicationListLocalize, medicines: readonly Medicine[], options: MedicineListOptions) {
  const current = medicines.filter((m) => m.state === 'current');
  const past = medicines.filter((m) => m.state === 'past');
  return html`<section class="group" aria-labelledby="current-heading">
      <h3 id="current-heading">${localize.term('currentMedicines', current.length)}</h3>
      ${current.length
        ? html`<ul class="medicines" part="medicines current">${current.map((m, i) => renderMedicine(localize, m, i, options))}</ul>`
        : html`<p class="hint" part="no-current">${localize.term('noCurrentMedicines')}</p>`}
    </section>
    ${past.length
      ? html`<section class="group" aria-labelledby="past-heading">
          <h3 id="past-heading">${localize.term('pastMedicines', past.length)}</h3>
          <ul class="medicines" part="medicines past">${past.map((m, i) => renderMedicine(localize, m, current.length + i, options))}</ul>
        </section>`
      : nothing}`;
}
