import type { HumanName } from 'fhir/r4';
import { expect } from '@open-wc/testing';
import { formatClinicianName, formatHumanName, selectHumanName } from '../../packages/core/src/format/name.js';

const now = new Date('2024-03-10T12:00:00Z');

const official: HumanName = { use: 'official', prefix: ['Dr.'], given: ['Ana', 'María'], family: 'López Ruiz', suffix: ['PhD'] };
const usual: HumanName = { use: 'usual', given: ['Annie'], family: 'López' };
const maiden: HumanName = { use: 'maiden', given: ['Ana'], family: 'Ruiz' };

describe('selectHumanName', () => {
  it("prefers 'usual', then 'official', then the first current name", () => {
    expect(selectHumanName([official, usual], now)).to.equal(usual);
    expect(selectHumanName([maiden, official], now)).to.equal(official);
    expect(selectHumanName([maiden, { given: ['Ana'], family: 'Ruiz-Pérez' }], now)?.family).to.equal('Ruiz-Pérez');
  });

  it('skips names whose period ended', () => {
    const formerUsual: HumanName = { ...usual, period: { end: '2020-01-01' } };
    expect(selectHumanName([formerUsual, official], now)).to.equal(official);
    const endsLater: HumanName = { ...usual, period: { end: '2030-01-01' } };
    expect(selectHumanName([endsLater, official], now)).to.equal(endsLater);
  });

  it('falls back to an ended name rather than showing nothing', () => {
    const ended: HumanName = { ...official, period: { end: '2001-05-05' } };
    expect(selectHumanName([ended], now)).to.equal(ended);
  });

  it('takes the first of two official names written in different scripts', () => {
    const kanji: HumanName = { use: 'official', family: '山田', given: ['太郎'] };
    const kana: HumanName = { use: 'official', family: 'やまだ', given: ['たろう'] };
    expect(selectHumanName([kanji, kana], now)).to.equal(kanji);
  });
});

describe('formatHumanName', () => {
  it('prefers the text the record gives', () => {
    expect(formatHumanName({ text: '  Ana   López ', given: ['Anita'], family: 'L' })).to.equal('Ana López');
  });

  it('joins prefix, given names, family name and suffix', () => {
    expect(formatHumanName([official], { now })).to.equal('Dr. Ana María López Ruiz PhD');
    expect(formatHumanName([official, usual], { now })).to.equal('Annie López');
  });

  it('writes the styles a list, an avatar and a greeting need', () => {
    expect(formatHumanName(official, { style: 'given-first', now })).to.equal('Ana María López Ruiz');
    expect(formatHumanName(official, { style: 'family-first', now })).to.equal('López Ruiz, Ana María');
    expect(formatHumanName(official, { style: 'initials', now })).to.equal('AL');
    expect(formatHumanName({ text: 'Dr. Ana López' }, { style: 'initials' })).to.equal('AL');
    expect(formatHumanName({ family: 'López' }, { style: 'family-first' })).to.equal('López');
    expect(formatHumanName({ given: ['Cher'] }, { style: 'family-first' })).to.equal('Cher');
    expect(formatHumanName({ text: 'Cher' }, { style: 'given-first' })).to.equal('Cher');
  });

  it('formats non-Latin names', () => {
    expect(formatHumanName({ family: '山田', given: ['太郎'] }, { style: 'initials' })).to.equal('太山');
    expect(formatHumanName({ given: ['محمد'], family: 'الأحمد' })).to.equal('محمد الأحمد');
  });

  it('ignores blank parts and returns an empty string when there is no name', () => {
    expect(formatHumanName({ given: ['', ' Ana '], family: ' ' })).to.equal('Ana');
    expect(formatHumanName(undefined)).to.equal('');
    expect(formatHumanName([])).to.equal('');
    expect(formatHumanName([{ use: 'usual' }, { given: [] }])).to.equal('');
    expect(formatHumanName([{ use: 'usual', text: '' }, { family: 'Okafor' }])).to.equal('Okafor');
  });

  it('handles the names Synthea writes', () => {
    const synthea: HumanName[] = [
      { use: 'official', family: 'Frami345', given: ['Abe604'], prefix: ['Mr.'] },
    ];
    expect(formatHumanName(synthea)).to.equal('Mr. Abe604 Frami345');
  });
});

describe('formatClinicianName', () => {
  it('writes a title, the first given name and the family name: "Dr. Linda Chen"', () => {
    expect(formatClinicianName({ resourceType: 'Practitioner', name: [{ prefix: ['Dr.'], given: ['Linda', 'May'], family: 'Chen', suffix: ['MD'] }] })).to.equal('Dr. Linda Chen');
    expect(formatClinicianName([{ prefix: ['Dr'], given: ['Linda'], family: 'Chen' }])).to.equal('Dr. Linda Chen');
  });

  it('without a title, puts the credentials after the name: "Linda Chen, MD"', () => {
    expect(formatClinicianName([{ given: ['Linda', 'May'], family: 'Chen', suffix: ['MD'] }])).to.equal('Linda Chen, MD');
    expect(formatClinicianName([{ given: ['Sam'], family: 'Ortiz', suffix: ['MSN', 'RN'] }])).to.equal('Sam Ortiz, MSN, RN');
    expect(formatClinicianName([{ given: ['Ana'], family: 'Ruiz' }])).to.equal('Ana Ruiz');
  });

  it('chooses the current usual or official name, and falls back to the text', () => {
    const names: HumanName[] = [
      { use: 'old', given: ['Linda'], family: 'Park', prefix: ['Dr.'] },
      { use: 'official', given: ['Linda'], family: 'Chen', prefix: ['Dr.'] },
    ];
    expect(formatClinicianName(names)).to.equal('Dr. Linda Chen');
    expect(formatClinicianName([{ text: ' Dr.  Linda Chen ' }])).to.equal('Dr. Linda Chen');
    expect(formatClinicianName(undefined)).to.equal('');
    expect(formatClinicianName({ resourceType: 'Practitioner' })).to.equal('');
  });
});
