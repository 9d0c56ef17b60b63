import type { EarlySearch, FhirClient } from './client.js';

/**
 * The searches an element's first screen sends, worked out from the element (its attributes) and the
 * patient: the same list its own code sends them from, so that the URLs are the same.
 */
export type FirstSearches = (element: Element, patientId: string) => readonly EarlySearch[];

/** First searches declared by tag, for elements whose code loads later (portico.js loads each on first use). */
const firstSearchesByTag = new Map<string, FirstSearches>();

/**
 * Declares the searches of a tag's first screen before its code is loaded, so a session that knows the
 * patient sends them at once, while the code travels (`startFirstSearches`). Whatever the element sends
 * that is not declared it sends itself, as before.
 */
export function declareFirstSearches(tag: string, searches: FirstSearches): void {
  firstSearchesByTag.set(tag.toLowerCase(), searches);
}

/**
 * Starts the declared first searches of every element among `root`'s light-DOM descendants whose code
 * has not arrived yet (one that has sends its own) and that shows the session's patient (not one given
 * its own `patient-id` or `.client`). Called by `portal-session` as soon as it knows the patient.
 */
export function startFirstSearches(root: Element, client: FhirClient, patientId: string): void {
  if (!firstSearchesByTag.size) return;
  const searches: EarlySearch[] = [];
  for (const element of root.querySelectorAll([...firstSearchesByTag.keys()].join(','))) {
    if (customElements.get(element.localName) || element.hasAttribute('patient-id') || Object.hasOwn(element, 'client')) continue;
    searches.push(...firstSearchesByTag.get(element.localName)!(element, patientId));
  }
  if (searches.length) client.readEarly(searches);
}
