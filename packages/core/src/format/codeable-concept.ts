import type { CodeableConcept, Coding } from 'fhir/r4';

/** Readable names of the code systems patients' records use most, keyed by their FHIR system URI. */
export const CODE_SYSTEM_LABELS: Readonly<Record<string, string>> = {
  'http://loinc.org': 'LOINC',
  'http://snomed.info/sct': 'SNOMED CT',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD-9-CM',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
  'http://unitsofmeasure.org': 'UCUM',
  'http://www.ama-assn.org/go/cpt': 'CPT',
};

/** The readable label of a code system ('LOINC'), or `undefined` for systems not in {@link CODE_SYSTEM_LABELS}. */
export function codeSystemLabel(system: string | undefined): string | undefined {
  if (!system) return undefined;
  return CODE_SYSTEM_LABELS[system.trim().replace(/\/+$/, '')];
}

/**
 * Shows a Coding: its `display`, else its code with a readable system label ('LOINC 4548-4'), else
 * the bare code; `fallback` when the coding carries neither.
 */
export function displayCoding(coding: Coding | null | undefined, fallback = ''): string {
  const display = coding?.display?.trim();
  if (display) return display;
  const code = coding?.code?.trim();
  if (!code) return fallback;
  const label = codeSystemLabel(coding?.system);
  return label ? `${label} ${code}` : code;
}

/**
 * Shows a CodeableConcept: its `text`, else the first coding's `display`, else a code with a readable
 * system label ('LOINC 4548-4'), preferring codes from well-known systems. Returns `fallback` only when the concept carries nothing
 * to show.
 */
export function displayConcept(cc: CodeableConcept | null | undefined, fallback = ''): string {
  const name = conceptName(cc);
  if (name) return name;
  const codings = (cc?.coding ?? []).filter((coding): coding is Coding => typeof coding === 'object' && coding !== null);
  const withCode = codings.filter((coding) => coding.code?.trim());
  // A code from a known system ('LOINC 4548-4') says more than a hospital's local code.
  const best = withCode.find((coding) => codeSystemLabel(coding.system)) ?? withCode[0];
  return best ? displayCoding(best) : fallback;
}

/**
 * A CodeableConcept's name as written for people: its `text`, else the first coding's `display`;
 * '' when it carries only codes (then say what it is around the code, e.g. "Unnamed test (code …)").
 */
export function conceptName(cc: CodeableConcept | null | undefined): string {
  const text = cc?.text?.trim();
  if (text) return text;
  const codings = (cc?.coding ?? []).filter((coding): coding is Coding => typeof coding === 'object' && coding !== null);
  return codings.find((coding) => coding.display?.trim())?.display?.trim() ?? '';
}
