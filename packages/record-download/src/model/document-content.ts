/**
 * A document's file as the Documents view opens it: only from the FHIR server (an address relative to
 * it or under its base) or inline data the server gave, fetched with the patient's credentials; HTML
 * made inert for a frame that runs no script (no scripts, handlers, links, forms or outside resources,
 * and a Content-Security-Policy that allows none); text shown as text.
 */
import type { Attachment } from 'fhir/r4';
import { checkedFile, type FhirClient } from '@portico/core';
import { bareType, formatKind } from './document-list.js';

/** The policy an HTML document is shown under: nothing loads or runs; inline styles and inline images only. */
export const DOCUMENT_FRAME_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'";

/** Why a file is not opened: its address is not on the FHIR server (another site, `javascript:`, `data:`, …), or it has no content. */
export class DocumentAddressRefused extends Error {
  override readonly name = 'DocumentAddressRefused';
}

/**
 * Checks where a file comes from: inline `data`, or a `url` relative to the FHIR base (`Binary/1`) or
 * under it. Throws a DocumentAddressRefused for any other address (`javascript:`, `data:`, another site).
 */
export function checkDocumentAddress(client: FhirClient, attachment: Attachment): void {
  if (attachment.data !== undefined) return;
  const url = attachment.url?.trim();
  if (!url) throw new DocumentAddressRefused('The file has no content.');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined && (url.startsWith('//') || url.startsWith('\\'))) throw new DocumentAddressRefused('The file’s address points at another site.');
  if (scheme !== undefined && !((scheme === 'https' || scheme === 'http') && client.isOnServer(url))) {
    throw new DocumentAddressRefused(`A file at a ${scheme}: address is not opened here.`);
  }
}

/** What an opened file is: an image (a blob URL to revoke when closed), text, or an HTML page made inert. */
export type OpenedDocument =
  | { kind: 'image'; url: string; size: number }
  | { kind: 'text'; text: string }
  | { kind: 'html'; srcdoc: string };

/** Attributes that load or run something, or go somewhere, in an HTML document. */
const ACTIVE_ATTRIBUTE = /^(on|formaction$|action$|href$|xlink:href$|src$|srcset$|ping$|background$|poster$|data$|codebase$|http-equiv$)/i;
const REMOVED_ELEMENTS = 'script, noscript, iframe, frame, frameset, object, embed, applet, base, link, meta, form, portal, template, audio, video, source, track';

/**
 * An HTML document made inert for `<iframe sandbox srcdoc>`: parsed (never run) by DOMParser, its
 * scripts, frames, forms, links and every attribute that loads, runs or navigates removed (inline
 * `data:image` pictures kept), with the policy above as its first element. Links keep their words.
 */
export function inertHtml(source: string): string {
  const parsed = new DOMParser().parseFromString(source, 'text/html');
  for (const element of parsed.querySelectorAll(REMOVED_ELEMENTS)) element.remove();
  for (const element of parsed.querySelectorAll('*')) {
    for (const attribute of [...element.attributes]) {
      const keep = attribute.name.toLowerCase() === 'src' && element.localName === 'img' && /^data:image\/(png|jpe?g|gif|webp);/i.test(attribute.value.trim());
      if (!keep && (ACTIVE_ATTRIBUTE.test(attribute.name) || /^\s*(javascript|vbscript|data):/i.test(attribute.value) || /url\s*\(/i.test(attribute.value))) {
        element.removeAttribute(attribute.name);
      }
    }
  }
  const policy = parsed.createElement('meta');
  policy.setAttribute('http-equiv', 'Content-Security-Policy');
  policy.setAttribute('content', DOCUMENT_FRAME_POLICY);
  parsed.head.prepend(policy);
  const charset = parsed.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  parsed.head.prepend(charset);
  return `<!doctype html>${parsed.documentElement.outerHTML}`;
}

/**
 * Fetches a file to show it in the page: images (checked: bytes of an allowed image type) as a blob
 * URL, HTML made inert, XML and plain text as text. PDFs and other files are saved, not opened here.
 */
export async function openDocument(client: FhirClient, attachment: Attachment, signal?: AbortSignal): Promise<OpenedDocument> {
  checkDocumentAddress(client, attachment);
  const kind = formatKind(attachment.contentType);
  const blob = await client.download(attachment, { signal });
  if (kind === 'image') {
    const file = await checkedFile(blob, attachment.contentType);
    return { kind: 'image', url: URL.createObjectURL(file), size: file.size };
  }
  const served = bareType(blob.type);
  const text = await blob.text();
  // A file declared HTML is shown inert; so is one the server serves as HTML whatever it was declared.
  if (kind === 'html' || served === 'text/html' || served === 'application/xhtml+xml') return { kind: 'html', srcdoc: inertHtml(text) };
  return { kind: 'text', text };
}
