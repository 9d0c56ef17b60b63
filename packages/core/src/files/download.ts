import type { Attachment } from 'fhir/r4';
import type { FhirClient, RequestOptions } from '../fhir/client.js';
import { FhirError } from '../fhir/errors.js';
import { bytesFit, essence, GENERIC_TYPES, headOf, sniff } from './file-types.js';

/**
 * The file types Portico hands a patient, each with the extension it is saved under. Anything else
 * (HTML, SVG, XML, scripts, unknown types) is refused: a file is only ever saved as a download, never
 * opened in a tab or in the page, and a type that a browser would run is not saved either.
 */
export const DOWNLOAD_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/calendar': 'ics',
  'application/fhir+json': 'json',
  'application/fhir+ndjson': 'ndjson',
  'application/json': 'json',
  'application/smart-health-card': 'smart-health-card',
} as const;
export type DownloadType = keyof typeof DOWNLOAD_TYPES;

/** The extensions a title may already end with for each saved extension. */
const EXTENSION_SPELLINGS: Readonly<Record<string, string>> = { jpg: 'jpe?g', heic: 'heic', heif: 'heif' };

/** Characters a file name must not carry: deletes and C1 controls, and marks that reverse or hide text ('report\u202efdp.exe'). */
const INVISIBLE = /[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A file Portico will not hand over: its type is not one it saves, or its bytes are not what its type says. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  /** Matches the localize catalogue's `errorDownloadRefused`. */
  readonly kind = 'download-refused';
}

function isDownloadType(type: string): type is DownloadType {
  return Object.hasOwn(DOWNLOAD_TYPES, type);
}

/**
 * The type a file is saved as, from the type the attachment declares and the one the server sent
 * (its Content-Type): every specific type either names must be allowed, and the server's wins. A
 * generic type (application/octet-stream) defers to the other. Undefined: refuse the file.
 */
export function downloadType(declared: string | undefined, served: string | undefined): DownloadType | undefined {
  const named = [essence(served), essence(declared)].filter((type) => !GENERIC_TYPES.has(type));
  if (named.some((type) => !isDownloadType(type))) return undefined;
  return named[0] as DownloadType | undefined;
}

/**
 * The file as it may be saved: the Blob with its allowed type, after checking that a binary type's
 * bytes are what the type says (a "PDF" that is really an HTML page is refused).
 */
export async function checkedFile(file: Blob, declared?: string): Promise<Blob> {
  const head = await headOf(file);
  let type = downloadType(declared, file.type);
  if (!type && GENERIC_TYPES.has(essence(file.type)) && GENERIC_TYPES.has(essence(declared))) {
    const sniffed = sniff(head);
    type = sniffed && isDownloadType(sniffed) ? sniffed : undefined;
  }
  if (!type) throw new DownloadError(`A file of type ${essence(file.type) || essence(declared) || 'unknown'} (declared ${essence(declared) || 'none'}) is not one Portico saves.`);
  if (!bytesFit(type, head)) throw new DownloadError(`The file says it is ${type}, but its bytes are not.`);
  return file.type === type ? file : new Blob([file], { type });
}

/**
 * A safe file name from a title and the file's type: no path separators, control or direction-changing
 * characters, reserved names or leading dots; at most 100 characters; ending in the type's extension
 * ('Lab report (final).pdf', 'appointment-2026-11-25.ics'). `fallback` names a file without a usable title.
 */
export function downloadFileName(title: string | undefined, type: DownloadType, fallback: string): string {
  const extension = DOWNLOAD_TYPES[type];
  let stem = [...(title ?? '').normalize('NFC')]
    .filter((char) => !INVISIBLE.test(char) && char.charCodeAt(0) > 0x1f)
    .join('')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(new RegExp(`\\.(${EXTENSION_SPELLINGS[extension] ?? extension})$`, 'i'), '')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  stem = [...stem].slice(0, 100).join('').trim();
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(stem)) stem = `_${stem}`;
  return `${stem || fallback}.${extension}`;
}

export interface SaveFileOptions {
  /** What the file is called (an attachment's title): made safe, with its type's extension. */
  title?: string;
  /** The name when there is no usable title: 'lab-report', 'appointment'. */
  fallbackName: string;
  /** Where the temporary download link goes (an element's shadow root), so the host page's click handlers never see it. */
  container: ParentNode;
}

/**
 * Hands a file to the browser as a download (never a tab, never the page) and returns its file
 * name. Throws a DownloadError when the Blob's type is not one of `DOWNLOAD_TYPES`.
 */
export function saveFile(file: Blob, options: SaveFileOptions): string {
  const type = essence(file.type);
  if (!isDownloadType(type)) throw new DownloadError(`A file of type ${type || 'unknown'} is not one Portico saves.`);
  const name = downloadFileName(options.title, type, options.fallbackName);
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  options.container.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

export interface DownloadAttachmentOptions extends RequestOptions, Omit<SaveFileOptions, 'title'> {}

/** What `downloadAttachment` saved. */
export interface SavedFile {
  name: string;
  type: DownloadType;
  size: number;
}

/**
 * Fetches an attachment (`FhirClient.download`: the token only for URLs under the FHIR base URL),
 * checks its type against both the declared and the served type and its bytes, and saves it as a
 * download named after its title. Throws a DownloadError for a file Portico does not hand over, and
 * the client's FhirError when it cannot be fetched (also when `signal` aborts).
 */
export async function downloadAttachment(client: FhirClient, attachment: Attachment, options: DownloadAttachmentOptions): Promise<SavedFile> {
  const fetched = await client.download(attachment, { signal: options.signal });
  const file = await checkedFile(fetched, attachment.contentType);
  if (options.signal?.aborted) throw new FhirError('aborted', 'The download was cancelled.', { cause: options.signal.reason });
  const name = saveFile(file, { title: attachment.title, fallbackName: options.fallbackName, container: options.container });
  return { name, type: essence(file.type) as DownloadType, size: file.size };
}
