/** Riverside Health, its laboratory, its two sites, and the insurers its patients use. */
import type { Address, ContactPoint, Location, Organization } from 'fhir/r4';
import { CLINIC_TIME_ZONE } from './calendar.js';
import { ref } from './references.js';
import { SYSTEM, concept, timezoneExtension } from './terminology.js';

export const HOSPITAL_ID = 'riverside';
export const LAB_ID = 'riverside-lab';

export const LOCATION_IDS = ['loc-main', 'loc-north'] as const;
export type LocationId = (typeof LOCATION_IDS)[number];

export const PAYER_IDS = ['bluecross', 'evergreen'] as const;
export type PayerId = (typeof PAYER_IDS)[number];

export const LOCATION_NAMES: Readonly<Record<LocationId, string>> = {
  'loc-main': 'Riverside Main Campus',
  'loc-north': 'Riverside North Clinic',
};

const MAIN_ADDRESS: Address = {
  use: 'work',
  type: 'physical',
  line: ['1200 River Road'],
  city: 'Poughkeepsie',
  state: 'NY',
  postalCode: '12601',
  country: 'US',
};

const NORTH_ADDRESS: Address = {
  use: 'work',
  type: 'physical',
  line: ['45 Hudson Valley Parkway', 'Suite 200'],
  city: 'Hyde Park',
  state: 'NY',
  postalCode: '12538',
  country: 'US',
};

function phone(value: string, use: ContactPoint['use'] = 'work'): ContactPoint {
  return { system: 'phone', value, use };
}

export function buildOrganizations(): Organization[] {
  return [
    {
      resourceType: 'Organization',
      id: HOSPITAL_ID,
      active: true,
      identifier: [{ system: SYSTEM.npi, value: '1427053186' }],
      type: [concept(SYSTEM.organizationType, 'prov', 'Healthcare Provider')],
      name: 'Riverside Health',
      alias: ['Riverside'],
      telecom: [
        phone('+1 845-555-0100'),
        { system: 'fax', value: '+1 845-555-0199', use: 'work' },
        { system: 'email', value: 'patientservices@riverside-health.example.org', use: 'work' },
        { system: 'url', value: 'https://riverside-health.example.org', use: 'work' },
      ],
      address: [MAIN_ADDRESS],
      contact: [
        {
          purpose: concept('http://terminology.hl7.org/CodeSystem/contactentity-type', 'BILL', 'Billing'),
          name: { text: 'Patient Financial Services' },
          telecom: [phone('+1 845-555-0150')],
        },
      ],
    },
    {
      resourceType: 'Organization',
      id: LAB_ID,
      active: true,
      identifier: [{ system: 'urn:oid:2.16.840.1.113883.4.7', value: '33D2098765' }], // CLIA number
      type: [concept(SYSTEM.organizationType, 'dept', 'Hospital Department')],
      name: 'Riverside Health Laboratory',
      telecom: [phone('+1 845-555-0160')],
      address: [MAIN_ADDRESS],
      partOf: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
    },
    {
      resourceType: 'Organization',
      id: 'bluecross',
      active: true,
      type: [concept(SYSTEM.organizationType, 'pay', 'Payer')],
      name: 'BlueCross BlueShield of the Hudson Valley',
      telecom: [phone('+1 800-555-0142')],
      address: [{ line: ['PO Box 4100'], city: 'Albany', state: 'NY', postalCode: '12212', country: 'US' }],
    },
    {
      resourceType: 'Organization',
      id: 'evergreen',
      active: true,
      type: [concept(SYSTEM.organizationType, 'pay', 'Payer')],
      name: 'Evergreen Health Plan',
      telecom: [phone('+1 800-555-0177')],
      address: [{ line: ['88 Pine Street'], city: 'New York', state: 'NY', postalCode: '10005', country: 'US' }],
    },
  ];
}

export function buildLocations(): Location[] {
  const common = {
    resourceType: 'Location' as const,
    extension: [timezoneExtension(CLINIC_TIME_ZONE)],
    status: 'active' as const,
    mode: 'instance' as const,
    physicalType: concept(SYSTEM.locationPhysicalType, 'bu', 'Building'),
    managingOrganization: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
    hoursOfOperation: [
      {
        daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[],
        openingTime: '08:00:00',
        closingTime: '17:00:00',
      },
    ],
  };
  return [
    {
      ...common,
      id: 'loc-main',
      name: LOCATION_NAMES['loc-main'],
      alias: ['Main Campus'],
      description: 'Hospital, laboratory, internal medicine, family medicine, cardiology and dermatology clinics.',
      type: [concept(SYSTEM.v3RoleCode, 'HOSP', 'Hospital')],
      telecom: [phone('+1 845-555-0100'), { system: 'email', value: 'main@riverside-health.example.org', use: 'work' }],
      address: MAIN_ADDRESS,
      position: { longitude: -73.9285, latitude: 41.7004 },
    },
    {
      ...common,
      id: 'loc-north',
      name: LOCATION_NAMES['loc-north'],
      alias: ['North Clinic'],
      description: 'Outpatient clinic: family medicine, pediatrics and dermatology. Free parking behind the building.',
      type: [concept(SYSTEM.v3RoleCode, 'PC', 'Primary care clinic')],
      telecom: [phone('+1 845-555-0200'), { system: 'email', value: 'north@riverside-health.example.org', use: 'work' }],
      address: NORTH_ADDRESS,
      position: { longitude: -73.9335, latitude: 41.7846 },
    },
  ];
}
