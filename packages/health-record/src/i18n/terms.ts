import type { LocalizeController, TermPack } from '@portico/core';
import type { AllergyIntolerance } from 'fhir/r4';
import type { ReactionSeverity } from '../model/allergies.js';
import type { HealthRecordSection } from '../sections.js';
import en from './en.js';

/** The words <health-record> adds to core's catalogue (shared terms such as "Try again" stay in core). */
export interface HealthRecordTerms {
  healthRecord: string;
  loadingHealthRecord: string;
  signInToSeeHealthRecord: string;
  /** A section's heading. */
  sectionName: (section: HealthRecordSection) => string;
  loadingSection: (section: HealthRecordSection) => string;
  /** "Show all 12 conditions". */
  showAll: (section: HealthRecordSection, count: number) => string;
  backToSummary: string;
  /** An empty section's heading and what will appear there. */
  noneOnRecord: (section: HealthRecordSection) => string;
  noneOnRecordMessage: (section: HealthRecordSection) => string;
  /** Said when the server holds more than the element reads. */
  olderNotShown: string;
  /** A record that names nothing in words, only codes. */
  unnamedCondition: string;
  unnamedAllergy: string;
  unnamedVaccine: string;
  activeConditions: (count: number) => string;
  ruledOutConditions: (count: number) => string;
  resolvedConditions: (count: number) => string;
  noActiveConditions: string;
  ruledOut: string;
  notConfirmed: string;
  since: string;
  resolvedOn: string;
  recordedBy: string;
  recordedOn: string;
  noKnownAllergies: string;
  noKnownAllergiesMessage: string;
  allergyCategory: (category: NonNullable<AllergyIntolerance['category']>[number]) => string;
  intolerance: string;
  reactions: string;
  /** A reaction's severity in words: "Severe reaction". */
  severity: (severity: ReactionSeverity) => string;
  /** The risk of a serious reaction in words. */
  criticality: (criticality: NonNullable<AllergyIntolerance['criticality']>) => string;
  noLongerAllergic: string;
  date: string;
  doseLabel: string;
  /** A dose in its series: "2 of 3", or "2". */
  dose: (number: string, of?: string) => string;
  placeWhere: string;
  lot: string;
  vaccineNotGiven: string;
  /** The label before why a vaccine was not given. */
  reasonLabel: string;
  unnamedVisit: string;
  visitWhy: string;
  diagnoses: string;
  seenBy: string;
  unnamedVital: string;
  latest: string;
  measuredOn: string;
  valueLabel: string;
  flagLabel: string;
  /** The start of a trend chart's accessible name: "6 values from 2020 to 2026." */
  vitalTrendSummary: (count: number, first: string, last: string) => string;
  unnamedNote: string;
  writtenBy: string;
  readNote: string;
  hideNote: string;
  readingNote: string;
  noteNotShownHere: string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const HEALTH_RECORD_TERMS: TermPack<HealthRecordTerms> = {
  en,
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type HealthRecordLocalize = LocalizeController<HealthRecordTerms>;
