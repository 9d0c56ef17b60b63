/**
 * The Immunizations view: the patient's vaccines for school or travel (vaccine, date, dose, lot, where),
 * doses not given with the reason, printable on its own with the patient's name and birth date at the top.
 */
import { Task } from '@lit/task';
import { css, html, nothing } from 'lit';
import { renderDataText, renderEmpty, renderError, renderNotGivenReason, renderSkeleton, type FhirClient, type ImmunizationRow } from '@portico/core';
import type { RecordLocalize } from '../i18n/terms.js';
import type { PanelContext, RecordPanel } from '../record-download/panel.js';
import { loadImmunizationRecord, type ImmunizationRecord } from '../model/immunization-record.js';

function renderDose(localize: RecordLocalize, row: ImmunizationRow) {
  if (!row.dose) return '';
  return row.dose.of ? localize.term('doseOf', row.dose.number, row.dose.of) : row.dose.number;
}

/** One vaccine: a row of the table; one not given says so, with the reason. */
function renderRow(localize: RecordLocalize, row: ImmunizationRow) {
  const reason = renderNotGivenReason(localize, row);
  return html`<tr part="immunization" class=${row.given ? '' : 'not-given'}>
    <th scope="row">
      ${renderDataText(row.vaccine || localize.term('vaccineUnnamed'))}
      ${row.given ? nothing : html`<span class="not-given-note" part="not-given">${localize.term('notGiven')}${reason ? html`: ${reason}` : nothing}</span>`}
    </th>
    <td>${row.date ? localize.fhirDate(row.date) : ''}</td>
    <td>${renderDose(localize, row)}</td>
    <td>${row.lot ? renderDataText(row.lot) : ''}</td>
    <td>${row.where ? renderDataText(row.where) : ''}</td>
  </tr>`;
}

/** The record: whose it is, then the table of vaccines. */
export function renderImmunizationRecord(localize: RecordLocalize, record: ImmunizationRecord, onPrint: () => void) {
  const name = record.patient ? localize.humanName(record.patient.name) : '';
  return html`<div class="record-head" part="immunization-patient">
      ${name ? html`<p><span class="label">${localize.term('patient')}:</span> <strong>${renderDataText(name)}</strong></p>` : nothing}
      ${record.patient?.birthDate ? html`<p><span class="label">${localize.term('dateOfBirth')}:</span> ${localize.fhirDate(record.patient.birthDate)}</p>` : nothing}
    </div>
    ${record.rows.length
      ? html`<div class="print-actions">
            <button type="button" class="primary" part="immunizations-print-button" @click=${onPrint}>${localize.term('printImmunizations')}</button>
          </div>
          <div class="table-scroll" role="group" aria-labelledby="immunizations-heading" tabindex="0">
            <table part="immunizations">
              <thead>
                <tr>
                  <th scope="col">${localize.term('vaccine')}</th>
                  <th scope="col">${localize.term('vaccineDate')}</th>
                  <th scope="col">${localize.term('vaccineDose')}</th>
                  <th scope="col">${localize.term('vaccineLot')}</th>
                  <th scope="col">${localize.term('vaccineWhere')}</th>
                </tr>
              </thead>
              <tbody>
                ${record.rows.map((row) => renderRow(localize, row))}
              </tbody>
            </table>
          </div>`
      : renderEmpty({ heading: localize.term('noImmunizationsOnRecord'), message: localize.term('noImmunizationsHint') })}`;
}

class ImmunizationPanel implements RecordPanel {
  private readonly record: Task<readonly [FhirClient | undefined, string | undefined], ImmunizationRecord | undefined>;

  constructor(private readonly context: PanelContext) {
    this.record = new Task(context.host, {
      args: () => [context.client(), context.patientId()] as const,
      task: async ([client, patientId], { signal }) => (client && patientId ? loadImmunizationRecord(client, patientId, { signal, locale: context.localize.lang() }) : undefined),
    });
  }

  render() {
    const { localize } = this.context;
    return html`<section class="immunization-view" part="immunization-record" aria-labelledby="immunizations-heading">
      <h3 id="immunizations-heading">${localize.term('immunizationsHeading')}</h3>
      ${this.record.render({
        initial: () => renderSkeleton({ label: localize.term('loadingImmunizations'), lines: 4 }),
        pending: () => renderSkeleton({ label: localize.term('loadingImmunizations'), lines: 4 }),
        error: (error) => renderError({ message: localize.errorMessage(error), retryLabel: localize.term('retry'), onRetry: () => void this.record.run() }),
        complete: (record) => (record ? renderImmunizationRecord(localize, record, () => window.print()) : nothing),
      })}
    </section>`;
  }
}

/** The Immunizations view. */
export function createPanel(context: PanelContext): RecordPanel {
  return new ImmunizationPanel(context);
}

/** The record's look: a table that scrolls sideways on a narrow screen; printed, only the record. */
export const styles = css`
  .immunization-view .record-head p {
    margin: 0 0 var(--_space-2xs);
  }
  .immunization-view .record-head .label {
    color: var(--_color-text-muted);
  }
  .immunization-view .print-actions {
    margin-block: var(--_space-sm);
  }
  .immunization-view .table-scroll {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  .immunization-view table {
    border-collapse: collapse;
    min-inline-size: 100%;
  }
  .immunization-view th,
  .immunization-view td {
    padding: var(--_space-xs) var(--_space-sm);
    border-block-end: 1px solid var(--_color-border);
    text-align: start;
    vertical-align: top;
  }
  .immunization-view tbody th {
    font-weight: 600;
    min-inline-size: 10rem;
  }
  .immunization-view .not-given-note {
    display: block;
    font-weight: 400;
    font-style: italic;
  }
  @media print {
    .immunization-view .print-actions {
      display: none;
    }
    .record-download:has(.immunization-view) > h2 {
      display: none;
    }
    .immunization-view .table-scroll {
      overflow: visible;
    }
    .immunization-view th,
    .immunization-view td {
      border-block-end: 1px solid #000;
      color: #000;
    }
  }
`;
