import type { Quantity } from 'fhir/r4';
import { expect } from '@open-wc/testing';
import { displayUnit, formatQuantity, formatRange } from '../../packages/core/src/format/quantity.js';

const ucum = 'http://unitsofmeasure.org';

describe('formatQuantity', () => {
  it('formats the number with the digits it was recorded with, in English and Spanish', () => {
    expect(formatQuantity({ value: 7.1, unit: 'mmol/L' }, 'en')).to.equal('7.1 mmol/L');
    expect(formatQuantity({ value: 7.1, unit: 'mmol/L' }, 'es')).to.equal('7,1 mmol/L');
    expect(formatQuantity({ value: 12345.5, unit: 'U/L' }, 'en')).to.equal('12,345.5 U/L');
    expect(formatQuantity({ value: 140, unit: 'mg/dL' }, 'en')).to.equal('140 mg/dL');
    expect(formatQuantity({ value: 3.14159265, unit: 'mg' }, 'en')).to.equal('3.1416 mg');
  });

  it('keeps trailing zeros when the value arrives as its written decimal', () => {
    const lossless = { value: '7.10', unit: 'mmol/L' } as unknown as Quantity;
    expect(formatQuantity(lossless, 'en')).to.equal('7.10 mmol/L');
    expect(formatQuantity({ value: 7.1, unit: 'mmol/L' }, 'en', { fractionDigits: 2 })).to.equal('7.10 mmol/L');
  });

  it('keeps the comparator', () => {
    expect(formatQuantity({ value: 0.5, comparator: '<', unit: 'mg/dL' }, 'en')).to.equal('< 0.5 mg/dL');
    expect(formatQuantity({ value: 60, comparator: '>=', unit: 'mL/min/{1.73_m2}' }, 'en')).to.equal('>= 60 mL/min/1.73 m²');
  });

  it('takes the unit, else the UCUM code, and writes UCUM codes readably', () => {
    expect(formatQuantity({ value: 7.2, code: '10*3/uL', system: ucum }, 'en')).to.equal('7.2 ×10³/µL');
    expect(formatQuantity({ value: 7.2, unit: '10*3/uL', code: '10*3/uL', system: ucum }, 'es')).to.equal('7,2 ×10³/µL');
    expect(formatQuantity({ value: 98, code: '%' }, 'en')).to.equal('98%');
    expect(formatQuantity({ value: 120, code: 'mm[Hg]' }, 'en')).to.equal('120 mmHg');
    expect(formatQuantity({ value: 70, code: '[in_i]' }, 'en')).to.equal('70 in');
    expect(formatQuantity({ value: 180.5, code: '[lb_av]' }, 'en')).to.equal('180.5 lb');
    expect(formatQuantity({ value: 72, code: '/min' }, 'en')).to.equal('72/min');
    expect(formatQuantity({ value: 72, unit: '{beats}/min' }, 'en')).to.equal('72 beats/min');
    expect(formatQuantity({ value: 3, unit: '{score}' }, 'en')).to.equal('3');
    expect(formatQuantity({ value: 68.2, unit: 'kilograms', code: 'kg', system: ucum }, 'en')).to.equal('68.2 kg');
    expect(formatQuantity({ value: 2 }, 'en')).to.equal('2');
  });

  it('returns the fallback when there is no value', () => {
    expect(formatQuantity(undefined, 'en')).to.equal('');
    expect(formatQuantity({ unit: 'mg/dL' }, 'en', { fallback: '—' })).to.equal('—');
    expect(formatQuantity({ value: Number.NaN, unit: 'mg/dL' }, 'en')).to.equal('');
  });
});

describe('formatQuantity in the patient’s language', () => {
  const nbsp = '\u00a0';
  it('writes the units Intl knows as the locale writes them, rather than the record’s English unit text', () => {
    expect(formatQuantity({ value: 68.2, unit: 'kilograms', code: 'kg', system: ucum }, 'es')).to.equal('68,2 kg');
    expect(formatQuantity({ value: 98, unit: '%', code: '%', system: ucum }, 'es')).to.equal(`98${nbsp}%`);
    expect(formatQuantity({ value: 98, code: '%' }, 'en')).to.equal('98%');
    expect(formatQuantity({ value: 170, unit: 'centimeters', code: 'cm', system: ucum }, 'en')).to.equal('170 cm');
    expect(formatQuantity({ value: 37.2, unit: 'degrees C', code: 'Cel', system: ucum }, 'en')).to.equal('37.2°C');
    expect(formatQuantity({ value: 98.6, code: '[degF]', system: ucum }, 'en')).to.equal('98.6°F');
    expect(formatQuantity({ value: 70, unit: 'kg' }, 'en')).to.equal('70 kg');
    const arabic = formatQuantity({ value: 70, code: 'kg', system: ucum }, 'ar');
    expect(arabic).to.equal(new Intl.NumberFormat('ar', { style: 'unit', unit: 'kilogram', unitDisplay: 'short' }).format(70));
    expect(arabic).to.not.contain('kg');
  });

  it('leaves a code from another system, or a unit Intl cannot write, to the readable UCUM form', () => {
    expect(formatQuantity({ value: 5, unit: 'g', code: 'g', system: 'http://example.org/local-units' }, 'en')).to.equal('5 g');
    expect(formatQuantity({ value: 24.1, code: 'kg/m2', system: ucum }, 'es')).to.equal('24,1 kg/m²');
    expect(formatQuantity({ value: 120, code: 'mm[Hg]', system: ucum }, 'es')).to.equal('120 mmHg');
    expect(formatQuantity({ value: 6.1, code: '10*6/uL', system: ucum }, 'en')).to.equal('6.1 ×10⁶/µL');
  });

  it('writes ranges in such units in the locale, each bound with its own digits', () => {
    expect(formatRange({ low: { value: 50, code: 'kg', system: ucum }, high: { value: 80, code: 'kg', system: ucum } }, 'en')).to.equal('50–80 kg');
    // Spanish writes a range with a hyphen, and a space before °C.
    expect(formatRange({ low: { value: 36.1, code: 'Cel' }, high: { value: 37.2, code: 'Cel' } }, 'es').replace(/\s/g, ' ')).to.equal('36,1-37,2 °C');
    expect(formatRange({ low: { value: 4.5, code: '%' }, high: { value: 11, code: '%' } }, 'en')).to.equal('4.5–11%');
    expect(formatRange({ high: { value: 37.5, code: 'Cel' } }, 'en')).to.equal('≤ 37.5°C');
  });
});

describe('displayUnit', () => {
  it('maps common UCUM codes', () => {
    expect(displayUnit('Cel')).to.equal('°C');
    expect(displayUnit('kg/m2')).to.equal('kg/m²');
    expect(displayUnit('ug/dL')).to.equal('µg/dL');
    expect(displayUnit('mg/dL')).to.equal('mg/dL');
    expect(displayUnit('1')).to.equal('');
    expect(displayUnit(undefined)).to.equal('');
  });
});

describe('formatRange', () => {
  it('writes both bounds with the unit once', () => {
    expect(formatRange({ low: { value: 70, unit: 'mg/dL' }, high: { value: 99, unit: 'mg/dL' } }, 'en')).to.equal('70–99 mg/dL');
    expect(formatRange({ low: { value: 4.5 }, high: { value: 11, code: '10*3/uL' } }, 'es')).to.equal('4,5–11 ×10³/µL');
    expect(formatRange({ low: { value: 1, unit: 'g' }, high: { value: 2, unit: 'kg' } }, 'en')).to.equal('1 g – 2 kg');
  });

  it('writes a single bound with < or >', () => {
    expect(formatRange({ high: { value: 200, unit: 'mg/dL' } }, 'en')).to.equal('≤ 200 mg/dL');
    expect(formatRange({ low: { value: 40, unit: 'mg/dL' } }, 'en')).to.equal('≥ 40 mg/dL');
  });

  it('falls back to the text, then to nothing', () => {
    expect(formatRange({ text: 'Negative' }, 'en')).to.equal('Negative');
    expect(formatRange({}, 'en')).to.equal('');
    expect(formatRange(undefined, 'en')).to.equal('');
  });
});
