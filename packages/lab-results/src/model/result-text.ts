import type { CodeableConcept, Observation } from 'fhir/r4';
import { conceptName, displayConcept } from '@portico/core';
import type { LabLocalize } from '../i18n/terms.js';
import type { ResultFlag } from '../results/interpretation.js';
import { interpretation } from './result-caches.js';

/** The localize calls the words of a result need. */
export type ResultWords = Pick<LabLocalize, 'term' | 'lang' | 'quantity' | 'number' | 'range' | 'fhirDateTime'>;

const FLAG_TERMS = {
  'critical-high': 'flagCriticalHigh',
  'critical-low': 'flagCriticalLow',
  high: 'flagHigh',
  low: 'flagLow',
  abnormal: 'flagAbnormal',
} as const satisfies Record<ResultFlag, string>;

/** A test's or report's name: its text or a coding's display; a bare code is said to be one. */
export function nameOfConcept(words: ResultWords, concept: CodeableConcept | undefined): string {
  const locale = words.lang();
  return conceptName(concept, locale) || words.term('unnamedTest', displayConcept(concept, '', locale));
}

/** The name of the test a result is of. */
export function testName(words: ResultWords, observation: Observation): string {
  return nameOfConcept(words, observation.code);
}

/** A result's value as a patient reads it, in the page's language ('' when it has none). */
export function valueText(words: ResultWords, observation: Observation): string {
  if (observation.valueQuantity) return words.quantity(observation.valueQuantity);
  if (observation.valueCodeableConcept) return displayConcept(observation.valueCodeableConcept, '', words.lang());
  if (typeof observation.valueString === 'string') return observation.valueString;
  if (typeof observation.valueBoolean === 'boolean') return String(observation.valueBoolean);
  if (typeof observation.valueInteger === 'number') return words.number(observation.valueInteger);
  if (observation.valueRange) return words.range(observation.valueRange);
  if (observation.dataAbsentReason) return displayConcept(observation.dataAbsentReason, '', words.lang());
  return '';
}

/** A result's flag and its words (the server's own words when it sent no flag we know). */
export function flagText(words: ResultWords, observation: Observation): { flag?: ResultFlag; text: string } {
  const { flag, text } = interpretation(observation);
  if (flag) return { flag, text: words.term(FLAG_TERMS[flag]) };
  return { text: text ?? '' };
}

/** A date and time as the patient reads it, or "no date". */
export function whenText(words: ResultWords, value: string | undefined): string {
  return value ? words.fhirDateTime(value) : words.term('noDate');
}
