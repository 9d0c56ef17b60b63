import type { HumanName, Practitioner } from 'fhir/r4';
import { parseFhirDate } from './date.js';

/**
 * How a name is written:
 * - 'full': as the record gives it (`text` when present), with prefixes and suffixes: 'Dr. Ana María López Ruiz Jr.'
 * - 'given-first': given names then family name, without titles: 'Ana María López Ruiz'
 * - 'family-first': for sorted lists: 'López Ruiz, Ana María'
 * - 'initials': for avatars: 'AL'
 */
export const NAME_STYLES = ['full', 'given-first', 'family-first', 'initials'] as const;
export type NameStyle = (typeof NAME_STYLES)[number];

export interface HumanNameFormatOptions {
  /** Defaults to 'full'. */
  style?: NameStyle;
  /** The moment against which `period.end` is checked; defaults to now. */
  now?: Date;
}

const USE_PREFERENCE: readonly HumanName['use'][] = ['usual', 'official'];
const RETIRED_USES: readonly HumanName['use'][] = ['old', 'maiden'];

function words(parts: readonly (string | undefined)[] | undefined): string[] {
  return (parts ?? []).map((part) => part?.trim() ?? '').filter((part) => part !== '');
}

function hasContent(name: HumanName): boolean {
  return Boolean(name.text?.trim()) || words(name.given).length > 0 || Boolean(name.family?.trim());
}

function isCurrent(name: HumanName, now: Date): boolean {
  const end = parseFhirDate(name.period?.end);
  if (!end) return true;
  // A period ending on a day (without time) covers all of that day.
  const endMs = end.precision === 'time' ? end.date.getTime() : end.date.getTime() + 86_400_000;
  return endMs > now.getTime();
}

/**
 * Chooses the name to show from a resource's `name` list: the first current 'usual' name, else
 * the first current 'official' one, else the first current name that is not 'old' or 'maiden',
 * else the first current one, else the first with any content. A name is current unless its
 * `period.end` is past. When a record carries the same name in two scripts, the first of them wins.
 */
export function selectHumanName(
  names: readonly HumanName[] | HumanName | null | undefined,
  now: Date = new Date(),
): HumanName | undefined {
  const list = (Array.isArray(names) ? names : names ? [names] : []).filter(
    (name): name is HumanName => typeof name === 'object' && name !== null && hasContent(name),
  );
  const current = list.filter((name) => isCurrent(name, now));
  for (const use of USE_PREFERENCE) {
    const match = current.find((name) => name.use === use);
    if (match) return match;
  }
  return current.find((name) => !RETIRED_USES.includes(name.use)) ?? current[0] ?? list[0];
}

function initialOf(word: string | undefined): string {
  // Array.from keeps a surrogate pair (an astral-plane letter) whole.
  return word ? (Array.from(word)[0] ?? '').toLocaleUpperCase() : '';
}

/**
 * Formats a FHIR HumanName (or the best of several, see {@link selectHumanName}) for display.
 * Returns '' when there is no name.
 */
export function formatHumanName(
  names: readonly HumanName[] | HumanName | null | undefined,
  options: HumanNameFormatOptions = {},
): string {
  const name = selectHumanName(names, options.now);
  if (!name) return '';
  const text = name.text?.trim().replace(/\s+/g, ' ') ?? '';
  const given = words(name.given);
  const family = name.family?.trim() ?? '';
  const hasParts = given.length > 0 || family !== '';

  switch (options.style ?? 'full') {
    case 'full':
      if (text) return text;
      return [...words(name.prefix), ...given, family, ...words(name.suffix)].filter(Boolean).join(' ');
    case 'given-first':
      return hasParts ? [...given, family].filter(Boolean).join(' ') : text;
    case 'family-first':
      if (!hasParts) return text;
      if (!family) return given.join(' ');
      return given.length > 0 ? `${family}, ${given.join(' ')}` : family;
    case 'initials': {
      if (hasParts) return `${initialOf(given[0])}${initialOf(family.split(/\s+/)[0])}`;
      // Titles written with a period ('Dr.', 'Sra.') are not part of the initials.
      const textWords = text.split(' ').filter((word) => word !== '' && !word.endsWith('.'));
      return textWords.length > 1
        ? `${initialOf(textWords[0])}${initialOf(textWords[textWords.length - 1])}`
        : initialOf(textWords[0]);
    }
  }
}

/**
 * Names a clinician the way a patient reads it best: the title, the first given name and the family
 * name ('Dr. Linda Chen'); without a title, the name and then the credentials ('Linda Chen, MD').
 * Middle names are left out, and credentials are not repeated after a title. A name given only as
 * `text` is shown as written. Every element names clinicians through this function.
 */
export function formatClinicianName(
  clinician: Practitioner | Pick<Practitioner, 'name'> | readonly HumanName[] | HumanName | null | undefined,
  options: Pick<HumanNameFormatOptions, 'now'> = {},
): string {
  const isResource = !!clinician && !Array.isArray(clinician) && ('resourceType' in clinician || 'name' in clinician);
  const names = isResource ? (clinician as Pick<Practitioner, 'name'>).name : (clinician as readonly HumanName[] | HumanName | null | undefined);
  const name = selectHumanName(names, options.now);
  if (!name) return '';
  const given = words(name.given);
  const family = name.family?.trim() ?? '';
  if (!given.length && !family) return name.text?.trim().replace(/\s+/g, ' ') ?? '';
  const person = [given[0], family].filter(Boolean).join(' ');
  const title = words(name.prefix)[0];
  // 'Dr' and 'Dr.' are both written with the full stop English readers expect.
  if (title) return `${/^dr$/i.test(title) ? `${title}.` : title} ${person}`;
  const credentials = words(name.suffix);
  return credentials.length ? `${person}, ${credentials.join(', ')}` : person;
}
