import type { AllergyIntolerance } from 'fhir/r4';

/** SNOMED CT codes that record "no known allergy" (of any kind, of drugs, of food, of the environment). */
export const NO_KNOWN_ALLERGY_CODES = ['716186003', '409137002', '429625007', '428607008', '1003774007'] as const;

/** The AllergyIntolerance records "no known allergy" (a SNOMED CT code for it), not an allergy. */
export function isNoKnownAllergy(allergy: AllergyIntolerance): boolean {
  return !!allergy.code?.coding?.some((c) => c.system === 'http://snomed.info/sct' && (NO_KNOWN_ALLERGY_CODES as readonly string[]).includes(c.code ?? ''));
}
