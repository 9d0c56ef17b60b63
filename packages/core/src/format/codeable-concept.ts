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

/** The FHIR extension that carries a string's translation into another language (`lang` and `content`). */
export const TRANSLATION_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';

/** A string element's extensions (`_text`, `_display`), where translations travel. */
interface StringElement {
  extension?: { url?: string; extension?: { url?: string; valueCode?: string; valueString?: string; valueMarkdown?: string }[] }[];
}

/** A coding as some servers send it, with designations (display names in other languages) alongside. */
type CodingWithDesignations = Coding & { _display?: StringElement; designation?: { language?: string; value?: string }[] };

function primaryLanguage(tag: string): string {
  return tag.split('-')[0] ?? tag;
}

/** The best of `candidates` (language tag and text) for `locale`: the same tag, else the same language ('es' for 'es-MX'). */
function pickLanguage(candidates: readonly { lang?: string; text?: string }[], locale: string | undefined): string | undefined {
  const wanted = locale?.trim().toLowerCase().replace(/_/g, '-');
  if (!wanted) return undefined;
  const usable = candidates
    .map((candidate) => ({ lang: candidate.lang?.trim().toLowerCase().replace(/_/g, '-') ?? '', text: candidate.text?.trim() ?? '' }))
    .filter((candidate) => candidate.lang && candidate.text);
  return (
    usable.find((candidate) => candidate.lang === wanted) ??
    usable.find((candidate) => primaryLanguage(candidate.lang) === primaryLanguage(wanted))
  )?.text;
}

/** The translation of a string element into `locale`, from its FHIR translation extensions. */
export function translatedString(element: StringElement | null | undefined, locale: string | undefined): string | undefined {
  const translations = (element?.extension ?? [])
    .filter((extension) => extension?.url === TRANSLATION_EXTENSION_URL)
    .map((extension) => {
      const parts = extension.extension ?? [];
      const content = parts.find((part) => part?.url === 'content');
      return { lang: parts.find((part) => part?.url === 'lang')?.valueCode, text: content?.valueString ?? content?.valueMarkdown };
    });
  return pickLanguage(translations, locale);
}

/** A coding's display in `locale`: its `_display` translation, else a designation in that language. */
function translatedDisplay(coding: CodingWithDesignations, locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  return (
    translatedString(coding._display, locale) ??
    pickLanguage((Array.isArray(coding.designation) ? coding.designation : []).map((d) => ({ lang: d?.language, text: d?.value })), locale)
  );
}

function codingsOf(cc: CodeableConcept | null | undefined): CodingWithDesignations[] {
  return (cc?.coding ?? []).filter((coding): coding is CodingWithDesignations => typeof coding === 'object' && coding !== null);
}

/**
 * Shows a Coding: its `display` (in `locale` when the data carries a translation), else its code with a
 * readable system label ('LOINC 4548-4'), else the bare code; `fallback` when the coding carries neither.
 */
export function displayCoding(coding: Coding | null | undefined, fallback = '', locale?: string): string {
  const translated = coding ? translatedDisplay(coding, locale) : undefined;
  if (translated) return translated;
  const display = coding?.display?.trim();
  if (display) return display;
  const code = coding?.code?.trim();
  if (!code) return fallback;
  const label = codeSystemLabel(coding?.system);
  return label ? `${label} ${code}` : code;
}

/**
 * Shows a CodeableConcept: its name (see {@link conceptName}, in `locale` when the data carries a
 * translation), else a code with a readable system label ('LOINC 4548-4'), preferring codes from
 * well-known systems. Returns `fallback` only when the concept carries nothing to show.
 */
export function displayConcept(cc: CodeableConcept | null | undefined, fallback = '', locale?: string): string {
  const name = conceptName(cc, locale);
  if (name) return name;
  const withCode = codingsOf(cc).filter((coding) => coding.code?.trim());
  // A code from a known system ('LOINC 4548-4') says more than a hospital's local code.
  const best = withCode.find((coding) => codeSystemLabel(coding.system)) ?? withCode[0];
  return best ? displayCoding(best) : fallback;
}

/**
 * A CodeableConcept's name as written for people. In `locale`, when the data carries it: the
 * translation of `text` (the FHIR translation extension on `_text`), else a coding's translated
 * `display` (`_display` extension, or a designation in that language). Otherwise its `text`, else the
 * first coding's `display`; '' when it carries only codes (then say what it is around the code, e.g.
 * "Unnamed test (code …)").
 */
export function conceptName(cc: CodeableConcept | null | undefined, locale?: string): string {
  const codings = codingsOf(cc);
  if (locale) {
    const translated =
      translatedString((cc as { _text?: StringElement } | null | undefined)?._text, locale) ??
      codings.map((coding) => translatedDisplay(coding, locale)).find(Boolean);
    if (translated) return translated;
  }
  const text = cc?.text?.trim();
  if (text) return text;
  return codings.find((coding) => coding.display?.trim())?.display?.trim() ?? '';
}
