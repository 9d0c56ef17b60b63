import type { Location, Practitioner, PractitionerRole, RelatedPerson, Resource } from 'fhir/r4';
import { expect } from '@open-wc/testing';
import { referenceId, referenceKey, referenceName } from '../../packages/core/src/index.js';

const chen: Practitioner = { resourceType: 'Practitioner', id: 'chen', name: [{ prefix: ['Dr'], given: ['Linda', 'May'], family: 'Chen' }] };
const clinic: Location = { resourceType: 'Location', id: 'north', name: 'North Clinic' };
const mother: RelatedPerson = { resourceType: 'RelatedPerson', id: 'mum', patient: { reference: 'Patient/leo' }, name: [{ given: ['Ana'], family: 'Ortiz' }] };
const included: Resource[] = [chen, clinic, mother];

describe('referenceName', () => {
  it('names an included clinician, place or relative as a patient reads it, before the reference’s display', () => {
    expect(referenceName({ reference: 'Practitioner/chen', display: 'CHEN, LINDA M' }, included)).to.equal('Dr. Linda Chen');
    expect(referenceName({ reference: 'Location/north' }, included)).to.equal('North Clinic');
    expect(referenceName({ reference: 'RelatedPerson/mum' }, included)).to.equal('Ana Ortiz');
  });

  it('finds the resource behind an absolute or a versioned reference', () => {
    expect(referenceName({ reference: 'https://fhir.example.org/r4/Practitioner/chen' }, included)).to.equal('Dr. Linda Chen');
    expect(referenceName({ reference: 'Practitioner/chen/_history/3' }, included)).to.equal('Dr. Linda Chen');
    expect(referenceName({ reference: 'Location/chen' }, included)).to.equal('', 'another type with the same id is not it');
  });

  it('names a practitioner role by its practitioner: the included one, else its display', () => {
    const role: PractitionerRole = { resourceType: 'PractitionerRole', id: 'r1', practitioner: { reference: 'Practitioner/chen' } };
    const shown: PractitionerRole = { resourceType: 'PractitionerRole', id: 'r2', practitioner: { display: 'Dr. Sam Okafor' } };
    expect(referenceName({ reference: 'PractitionerRole/r1' }, [...included, role])).to.equal('Dr. Linda Chen');
    expect(referenceName({ reference: 'PractitionerRole/r2' }, [shown])).to.equal('Dr. Sam Okafor');
  });

  it('falls back to the display when the included resource has no name, and never shows the bare reference', () => {
    const unnamed: Location = { resourceType: 'Location', id: 'blank', name: '   ' };
    expect(referenceName({ reference: 'Location/blank', display: ' Main Lobby ' }, [unnamed])).to.equal('Main Lobby');
    expect(referenceName({ reference: 'Practitioner/unknown' }, included)).to.equal('');
    expect(referenceName({ display: 'Walgreens #1234' })).to.equal('Walgreens #1234');
    expect(referenceName(undefined, included)).to.equal('');
  });
});

describe('referenceKey and referenceId', () => {
  it('key a relative, an absolute or a versioned literal reference as Type/id', () => {
    expect(referenceKey('Practitioner/chen')).to.equal('Practitioner/chen');
    expect(referenceKey({ reference: 'https://fhir.example.org/r4/Practitioner/chen' })).to.equal('Practitioner/chen');
    expect(referenceKey('Medication/m-1.2/_history/7')).to.equal('Medication/m-1.2');
    expect(referenceId('https://fhir.example.org/r4/Slot/s1/_history/2', 'Slot')).to.equal('s1');
    expect(referenceId('Slot/s1', 'Schedule')).to.equal(undefined);
  });

  it('give nothing for a contained, a logical or a missing reference', () => {
    expect(referenceKey('#med')).to.equal(undefined);
    expect(referenceKey({ identifier: { system: 'urn:x', value: '1' }, display: 'Dr. Chen' })).to.equal(undefined);
    expect(referenceKey(undefined)).to.equal(undefined);
    expect(referenceKey('chen')).to.equal(undefined);
  });
});
