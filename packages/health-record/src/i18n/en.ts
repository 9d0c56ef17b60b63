import { plural } from '@portico/core';
import type { HealthRecordTerms } from './terms.js';

const SECTION = { conditions: 'Conditions', allergies: 'Allergies', immunizations: 'Immunizations', visits: 'Past visits', notes: 'Clinicians’ notes', vitals: 'Vital signs' } as const;
const ITEMS = { conditions: ['condition', 'conditions'], allergies: ['allergy', 'allergies'], immunizations: ['immunization', 'immunizations'], visits: ['visit', 'visits'], notes: ['note', 'notes'], vitals: ['measurement', 'measurements'] } as const;
const CATEGORY = { food: 'Food', medication: 'Medicine', environment: 'Environment', biologic: 'Biologic' } as const;

const en: HealthRecordTerms = {
  healthRecord: 'Health record',
  loadingHealthRecord: 'Loading your health record…',
  signInToSeeHealthRecord: 'Sign in to see your health record: conditions, allergies, immunizations, visits, notes and vital signs.',
  sectionName: (section) => SECTION[section],
  loadingSection: (section) => `Loading ${SECTION[section].toLowerCase()}…`,
  showAll: (section, count) => `Show all ${count} ${plural('en', count, { one: ITEMS[section][0], other: ITEMS[section][1] })}`,
  backToSummary: 'Back to the health record',
  noneOnRecord: (section) => `No ${SECTION[section].toLowerCase()} on record`,
  noneOnRecordMessage: (section) =>
    section === 'allergies'
      ? 'Your care team has not recorded any allergies. Tell them about any you have.'
      : section === 'immunizations'
        ? 'Vaccines you are given or tell your care team about will be listed here.'
        : section === 'visits'
          ? 'Visits you have had with your care team will be listed here.'
          : section === 'notes'
            ? 'Notes your clinicians write after your visits will be listed here.'
            : section === 'vitals'
              ? 'Your blood pressure, weight and other measurements from your visits will be listed here.'
              : 'Health problems your care team records will be listed here.',
  olderNotShown: 'Only the most recent records are shown here. Ask your care team for the complete record.',
  unnamedCondition: 'A condition with no name on record',
  unnamedAllergy: 'An allergy with no name on record',
  unnamedVaccine: 'A vaccine with no name on record',
  activeConditions: (count) => `Current (${count})`,
  ruledOutConditions: (count) => `Ruled out (${count})`,
  resolvedConditions: (count) => `Resolved (${count})`,
  noActiveConditions: 'No current conditions.',
  ruledOut: 'Ruled out',
  notConfirmed: 'Not confirmed yet',
  since: 'Since',
  resolvedOn: 'Resolved',
  recordedBy: 'Recorded by',
  recordedOn: 'Recorded',
  noKnownAllergies: 'No known allergies',
  noKnownAllergiesMessage: 'Your care team has recorded that you have no known allergies.',
  allergyCategory: (category) => CATEGORY[category],
  intolerance: 'Intolerance',
  reactions: 'Reactions',
  severity: (severity) => ({ mild: 'Mild reaction', moderate: 'Moderate reaction', severe: 'Severe reaction' })[severity],
  criticality: (criticality) => ({ low: 'Low risk of a serious reaction', high: 'High risk of a serious reaction', 'unable-to-assess': 'Risk not known' })[criticality],
  noLongerAllergic: 'No longer a concern',
  date: 'Date',
  doseLabel: 'Dose',
  dose: (number, of) => (of ? `${number} of ${of}` : number),
  placeWhere: 'Where',
  lot: 'Lot',
  vaccineNotGiven: 'Not given',
  reasonLabel: 'Why',
  unnamedVisit: 'A visit',
  visitWhy: 'Why',
  diagnoses: 'What was found',
  unnamedNote: 'A note',
  writtenBy: 'Written by',
  readNote: 'Read the note',
  hideNote: 'Hide the note',
  readingNote: 'Reading the note…',
  noteNotShownHere: 'This note is a file: download it from your documents.',
  unnamedVital: 'A measurement',
  latest: 'Latest',
  measuredOn: 'Measured',
  valueLabel: 'Value',
  flagLabel: 'Note',
  vitalTrendSummary: (count, first, last) => `${count} values from ${first} to ${last}.`,
  seenBy: 'Seen by',
};

export default en;
