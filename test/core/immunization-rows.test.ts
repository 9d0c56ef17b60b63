import type { Location } from 'fhir/r4';
import { expect, fixture, html } from '@open-wc/testing';
import { immunizationRows } from '../../packages/core/src/index.js';
import '../../packages/health-record/src/define.js';
import '../../packages/record-download/src/define.js';
import { Sandbox } from '../helpers/backend.js';
import { shadow, until } from '../helpers/element.js';

const words = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const subject = { reference: 'Patient/p' };
const cvx = (code: string) => ({ coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code }] });
const actReason = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code }] });

describe('immunizationRows', () => {
  it('newest first, undated last, entered-in-error left out; dose "2 of 3"; lot trimmed', () => {
    const rows = immunizationRows([
      { resourceType: 'Immunization', id: 'old', status: 'completed', patient: subject, vaccineCode: { text: 'Tdap' }, occurrenceDateTime: '2019-05-01' },
      { resourceType: 'Immunization', id: 'none', status: 'completed', patient: subject, vaccineCode: { text: 'Polio' } },
      { resourceType: 'Immunization', id: 'error', status: 'entered-in-error', patient: subject, vaccineCode: { text: 'Mistake' }, occurrenceDateTime: '2030-01-01' },
      { resourceType: 'Immunization', id: 'new', status: 'completed', patient: subject, vaccineCode: { text: 'Flu' }, occurrenceDateTime: '2024-10-02T09:30:00Z', lotNumber: ' AB12 ', protocolApplied: [{ doseNumberPositiveInt: 2, seriesDosesPositiveInt: 3 }] },
    ]);
    expect(rows.map((r) => r.id).join(' ')).to.equal('new old none');
    expect(JSON.stringify(rows[0]!.dose)).to.equal('{"number":"2","of":"3"}');
    expect(rows[0]!.lot).to.equal('AB12');
  });

  it('the date is when it was given, a partial date written as a string too, and when recorded only without either', () => {
    const rows = immunizationRows([
      { resourceType: 'Immunization', id: 'string', status: 'completed', patient: subject, vaccineCode: { text: 'MMR' }, occurrenceString: '2001', recorded: '2015-06-01' },
      { resourceType: 'Immunization', id: 'recorded', status: 'completed', patient: subject, vaccineCode: { text: 'Hep B' }, recorded: '2010-06-01' },
    ]);
    expect(rows.map((r) => `${r.id}:${r.date}`).join(' ')).to.equal('recorded:2010-06-01 string:2001');
  });

  it('where: the included place, else the first performer named, else the record it was copied from; a blank display is passed over', () => {
    const place: Location = { resourceType: 'Location', id: 'north', name: 'North Clinic' };
    const [atPlace, byPerformer, copied] = immunizationRows([
      { resourceType: 'Immunization', id: 'a', status: 'completed', patient: subject, vaccineCode: { text: 'A' }, occurrenceDateTime: '2024-03-03', location: { reference: 'Location/north' } },
      { resourceType: 'Immunization', id: 'b', status: 'completed', patient: subject, vaccineCode: { text: 'B' }, occurrenceDateTime: '2024-03-02', location: { display: ' ' }, performer: [{ actor: { reference: 'Practitioner/x' } }, { actor: { display: 'City Pharmacy' } }] },
      { resourceType: 'Immunization', id: 'c', status: 'completed', patient: subject, vaccineCode: { text: 'C' }, occurrenceDateTime: '2024-03-01', reportOrigin: { coding: [{ code: 'record', display: 'Written record' }] } },
    ], [place]);
    expect([atPlace!.where, byPerformer!.where, copied!.where].join(' | ')).to.equal('North Clinic | City Pharmacy | Written record');
  });

  it('a vaccine not given: the record’s words, else a known reason code, else nothing', () => {
    const rows = immunizationRows([
      { resourceType: 'Immunization', id: 'text', status: 'not-done', patient: subject, vaccineCode: cvx('208'), occurrenceDateTime: '2024-03-03', statusReason: { ...actReason('PATOBJ'), text: 'Patient declined' } },
      { resourceType: 'Immunization', id: 'code', status: 'not-done', patient: subject, vaccineCode: cvx('208'), occurrenceDateTime: '2024-03-02', statusReason: actReason('IMMUNE') },
      { resourceType: 'Immunization', id: 'unknown', status: 'not-done', patient: subject, vaccineCode: cvx('208'), occurrenceDateTime: '2024-03-01', statusReason: actReason('XYZ') },
    ]);
    expect(rows.map((r) => `${r.given}:${JSON.stringify(r.reason)}`).join(' ')).to.equal('false:{"text":"Patient declined"} false:{"code":"IMMUNE"} false:undefined');
    expect(rows[0]!.vaccine).to.equal('', 'a vaccine with only codes has no name here: the element words it');
  });
});

describe('the same immunization in <health-record> and in the printed record of <record-download>', () => {
  let sandbox: Sandbox;
  before(async () => (sandbox = await Sandbox.create()));
  after(() => sandbox.dispose());

  it('shows the same date, place and reason in both; a reason given only as a code is worded in both, in English and Spanish', async () => {
    const { client, patient } = await sandbox.newPatientClient();
    const patientRef = { reference: `Patient/${patient}` };
    await sandbox.load([
      { resourceType: 'Immunization', id: `${patient}-declined`, patient: patientRef, status: 'not-done', vaccineCode: { text: 'Shingles (Shingrix)' }, occurrenceDateTime: '2024-03-02', statusReason: actReason('IMMUNE') },
      { resourceType: 'Immunization', id: `${patient}-flu`, patient: patientRef, status: 'completed', vaccineCode: { text: 'Influenza' }, occurrenceString: '2023-10', location: { display: ' ' }, performer: [{ actor: { display: 'City Pharmacy' } }] },
    ]);
    const record = await fixture(html`<health-record .client=${client} patient-id=${patient} sections="immunizations" lang="en-US"></health-record>`);
    const items = await until(() => { const list = shadow(record).querySelectorAll('[part~="immunization"]'); return list.length === 2 && [...list]; }, 'the health record’s immunizations');
    expect(words(items[0]!.querySelector('[part~="not-given-reason"]'))).to.equal('Why: Already immune');
    expect(words(items[1])).to.contain('Oct 2023');
    expect(words(items[1])).to.contain('City Pharmacy');

    for (const [lang, reason, month] of [['en-US', 'Not given: Already immune', 'Oct 2023'], ['es', 'No administrada: Ya tiene inmunidad', 'oct 2023']] as const) {
      const download = await fixture(html`<record-download .client=${client} patient-id=${patient} view="immunizations" lang=${lang}></record-download>`);
      // The Spanish words load with the page's language: wait for the table's heading in that language.
      const heading = lang === 'es' ? 'Vacuna' : 'Vaccine';
      const rows = await until(() => { const list = shadow(download).querySelectorAll<HTMLTableRowElement>('[part~="immunization"]'); return list.length === 2 && words(shadow(download).querySelector('thead th')) === heading && [...list]; }, `the printed record’s rows (${lang})`);
      expect(words(rows[0]!.querySelector('[part~="not-given"]'))).to.equal(reason);
      expect(words(rows[1]!.cells[0])).to.equal('Influenza');
      expect(words(rows[1]!.cells[1])).to.equal(month);
      expect(words(rows[1]!.cells[4])).to.equal('City Pharmacy');
    }
  });
});
