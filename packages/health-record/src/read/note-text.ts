import type { Attachment } from 'fhir/r4';
import { FhirError, type FhirClient } from '@portico/core';

/** Elements after which the words of an HTML note start a new line. */
const BLOCKS = 'p, div, br, li, tr, h1, h2, h3, h4, h5, h6, section, article, header, footer, blockquote, pre, table, ul, ol, dl, dt, dd';

/**
 * The words of an HTML note as plain text: parsed by DOMParser (a document that never runs scripts or
 * loads anything), scripts and styles dropped, a line break after each block. Links keep their words only.
 */
export function htmlAsText(source: string): string {
  // Styles are dropped before parsing: the parsed document shares the page's Content-Security-Policy, which
  // would refuse (and report) each inline style even though nothing here is ever shown.
  const unstyled = source.replace(/<style\b[\s\S]*?<\/style\s*>/gi, '').replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  const parsed = new DOMParser().parseFromString(unstyled, 'text/html');
  for (const element of parsed.querySelectorAll('script, style, noscript, template, iframe, object, embed')) element.remove();
  for (const element of parsed.querySelectorAll(BLOCKS)) element.after(parsed.createTextNode('\n'));
  return (parsed.body.textContent ?? '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Reads a note's words: only a file the FHIR server holds (an address relative to it or under its
 * base) or inline data it gave; HTML turned into plain text, plain text as it is.
 */
export async function readNoteText(client: FhirClient, attachment: Attachment, signal?: AbortSignal): Promise<string> {
  const url = attachment.url?.trim();
  if (attachment.data === undefined && !(url && client.isOnServer(client.absolute(url)))) throw new FhirError('invalid', 'The note is kept outside the health record’s server.');
  const blob = await client.download(attachment, { signal });
  const text = await blob.text();
  const type = `${blob.type} ${attachment.contentType ?? ''}`.toLowerCase();
  return type.includes('html') ? htmlAsText(text) : text.trim();
}
