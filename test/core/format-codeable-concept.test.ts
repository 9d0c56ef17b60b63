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

describe('translations carried in the data', () => {
  const translation = (lang: string, content: string) => ({
    url: 'http://hl7.org/fhir/StructureDefinition/translation',
    extension: [
      { url: 'lang', valueCode: lang },
      { url: 'content', valueString: content },
    ],
  });
  const glucose = {
    text: 'Glucose',
    _text: { extension: [translation('es', 'Glucosa'), translation('ar', 'الجلوكوز')] },
    coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma' }],
  };

  it('shows the translation of the text for the active locale, else the text', () => {
    expect(conceptName(glucose, 'es')).to.equal('Glucosa');
    expect(conceptName(glucose, 'es-MX')).to.equal('Glucosa');
    expect(displayConcept(glucose, '', 'ar')).to.equal('الجلوكوز');
    expect(conceptName(glucose, 'en')).to.equal('Glucose');
    expect(conceptName(glucose, 'fr')).to.equal('Glucose');
    expect(conceptName(glucose)).to.equal('Glucose');
  });

  it('prefers the same regional tag, then the same language', () => {
    const colour = { text: 'Color', _text: { extension: [translation('es', 'Color'), translation('es-MX', 'Color (MX)'), translation('pt-BR', 'Cor')] } };
    expect(conceptName(colour, 'es-MX')).to.equal('Color (MX)');
    expect(conceptName(colour, 'es-ES')).to.equal('Color');
    expect(conceptName(colour, 'pt')).to.equal('Cor');
  });

  it('shows a coding’s translated display or a designation in the locale', () => {
    const hba1c = {
      coding: [
        {
          system: 'http://loinc.org',
          code: '4548-4',
          display: 'Hemoglobin A1c',
          _display: { extension: [translation('es', 'Hemoglobina A1c')] },
        },
      ],
    };
    expect(conceptName(hba1c, 'es')).to.equal('Hemoglobina A1c');
    expect(displayCoding(hba1c.coding[0], '', 'es')).to.equal('Hemoglobina A1c');
    expect(conceptName(hba1c, 'en')).to.equal('Hemoglobin A1c');
    const flu = {
      text: 'Flu shot',
      coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140', designation: [{ language: 'es', value: 'Vacuna contra la gripe' }] }],
    };
    expect(displayConcept(flu, '', 'es')).to.equal('Vacuna contra la gripe');
    expect(displayConcept(flu, '', 'en')).to.equal('Flu shot');
  });

  it('ignores translations without a language or content', () => {
    const odd = { text: 'Sodium', _text: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/translation', extension: [{ url: 'lang', valueCode: 'es' }] }, translation('', 'Sodio')] } };
    expect(conceptName(odd, 'es')).to.equal('Sodium');
  });
});
