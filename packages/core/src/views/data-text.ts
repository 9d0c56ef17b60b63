import { html, type TemplateResult } from 'lit';

/**
 * Text that comes from data (names, identifiers, anything a record or a person typed) is shown
 * inside `<bdi>`: its own direction is worked out from its content, and a right-to-left override
 * or embedding character in it (U+202E, U+202B, …) cannot reorder the words around it.
 */

/** Stands in for the data while a catalogue sentence is built: a private-use character no catalogue writes. */
const DATA_MARK = '\uE000';

/** Text from data, isolated from the text around it. */
export function renderDataText(text: string): TemplateResult {
  return html`<bdi>${text}</bdi>`;
}

/**
 * A catalogue sentence with data in it, the data isolated:
 * `renderSentenceWithData((name) => this.localize.term('signedInAs', name), name)`.
 * The sentence is built with a stand-in and the data put in its place, so translations keep their word order.
 */
export function renderSentenceWithData(sentence: (data: string) => string, data: string): (string | TemplateResult)[] {
  const pieces = sentence(DATA_MARK).split(DATA_MARK);
  // A translation that leaves the data out (or a catalogue that escapes it) is shown as written.
  if (pieces.length < 2) return [sentence(data)];
  return pieces.flatMap((piece, index) => (index === 0 ? [piece] : [renderDataText(data), piece]));
}
