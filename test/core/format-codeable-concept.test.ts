import { expect } from '@open-wc/testing';
import { codeSystemLabel, conceptName, displayCoding, displayConcept } from '../../packages/core/src/format/codeable-concept.js';

describe('displayConcept', () => {
  it('prefers text, then a display, then a labelled code', () => {
    expect(displayConcept({ text: 'Hemoglobin A1c', coding: [{ display: 'HbA1c' }] })).to.equal('Hemoglobin A1c');
    expect(displayConcept({ coding: [{ code: 'x' }, { display: 'Hemoglobin A1c/Hemoglobin.total in Blood' }] })).to.equal(
      'Hemoglobin A1c/Hemoglobin.total in Blood',
    );
    expect(displayConcept({ coding: [{ system: 'http://loinc.org', code: '4548-4' }] })).to.equal('LOINC 4548-4');
  });

  it('prefers a code from a known system to a local one', () => {
    expect(
      displayConcept({
        coding: [
          { system: 'urn:oid:1.2.3.4', code: 'HBA1C' },
          { system: 'http://snomed.info/sct', code: '43396009' },
        ],
      }),
    ).to.equal('SNOMED CT 43396009');
    expect(displayConcept({ coding: [{ system: 'urn:oid:1.2.3.4', code: 'HBA1C' }] })).to.equal('HBA1C');
  });

  it('returns the fallback only when nothing can be shown', () => {
    expect(displayConcept(undefined, 'Unnamed test')).to.equal('Unnamed test');
    expect(displayConcept({ text: '  ', coding: [{ system: 'http://loinc.org' }] }, 'Unnamed test')).to.equal('Unnamed test');
    expect(displayConcept({})).to.equal('');
  });
});

describe('displayCoding and codeSystemLabel', () => {
  it('labels the well-known systems', () => {
    expect(codeSystemLabel('http://loinc.org')).to.equal('LOINC');
    expect(codeSystemLabel('http://snomed.info/sct')).to.equal('SNOMED CT');
    expect(codeSystemLabel('http://www.nlm.nih.gov/research/umls/rxnorm')).to.equal('RxNorm');
    expect(codeSystemLabel('http://hl7.org/fhir/sid/cvx')).to.equal('CVX');
    expect(codeSystemLabel('http://hl7.org/fhir/sid/icd-10')).to.equal('ICD-10');
    expect(codeSystemLabel('http://unitsofmeasure.org')).to.equal('UCUM');
    expect(codeSystemLabel('http://example.org/local')).to.equal(undefined);
  });

  it('shows a coding', () => {
    expect(displayCoding({ system: 'http://hl7.org/fhir/sid/cvx', code: '140' })).to.equal('CVX 140');
    expect(displayCoding({ system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza, seasonal' })).to.equal(
      'Influenza, seasonal',
    );
    expect(displayCoding(undefined, '—')).to.equal('—');
  });
});

describe('conceptName', () => {
  it('is the text, else a display, and empty when only codes are given', () => {
    expect(conceptName({ text: ' Hemoglobin A1c ', coding: [{ display: 'HbA1c' }] })).to.equal('Hemoglobin A1c');
    expect(conceptName({ coding: [{ system: 'http://loinc.org', code: '4548-4' }, { display: 'HbA1c' }] })).to.equal('HbA1c');
    expect(conceptName({ coding: [{ system: 'http://loinc.org', code: '4548-4' }] })).to.equal('');
    expect(conceptName(undefined)).to.equal('');
  });
});
