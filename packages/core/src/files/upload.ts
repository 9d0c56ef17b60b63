import type { Attachment, Binary, Reference } from 'fhir/r4';
import type { FhirClient, RequestOptions } from '../fhir/client.js';
import { FhirError, type FhirErrorKind } from '../fhir/errors.js';
import { bytesFit, essence, GENERIC_TYPES, headOf, sniff } from './file-types.js';

/** The file types a patient may send by default: PDF, the usual photos (a phone's HEIC too) and plain text. */
export const UPLOAD_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/heic', 'text/plain'] as const;

/** The largest file sent by default: 10 MB. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** Files up to this size (by default 1 MB) travel inside the resource (`Attachment.data`); larger ones as a Binary. */
export const UPLOAD_INLINE_BYTES = 1024 * 1024;

/** Bytes read and encoded at a time: a multiple of 3, so the pieces' base64 joins into one. */
const CHUNK = 3 * 256 * 1024;

export interface UploadOptions extends RequestOptions {
  /** The types that may be sent; default `UPLOAD_TYPES`. */
  allowedTypes?: readonly string[];
  /** The largest file sent, in bytes; default 10 MB. */
  maxBytes?: number;
  /** Files up to this size become `Attachment.data`; larger ones a Binary (when the server takes one). Default 1 MB. */
  inlineUpTo?: number;
  /** What a Binary belongs to (`Binary.securityContext`), e.g. the patient: servers use it to decide who may read it. */
  securityContext?: Reference;
  /**
   * How far a Binary upload is (0 to 1): the share of the file read and encoded counts up to 0.5, and
   * 1 comes once the server has stored it (fetch tells nothing while a request body is sent).
   */
  onProgress?: (fraction: number) => void;
}

/**
 * A file Portico will not send: a `FhirError` whose kind says why (`file-type`, `file-too-large`,
 * `file-upload-unsupported`), with the size limit it broke (`localize.errorMessage` names it).
 */
export class FileRefusedError extends FhirError {
  constructor(
    kind: Extract<FhirErrorKind, `file-${string}`>,
    message: string,
    /** The limit in bytes, for the size kinds. */
    readonly limitBytes?: number,
  ) {
    super(kind, message);
  }
}

/**
 * The type a file is sent as: its own type when that is allowed, or for a file the browser typed
 * generically (a phone photo's HEIC often comes as ''), the allowed type its bytes start like.
 */
function uploadType(file: Blob, head: Uint8Array, allowed: readonly string[]): string {
  const declared = essence(file.type);
  const type = GENERIC_TYPES.has(declared) ? sniff(head) : declared;
  if (!type || !allowed.includes(type)) throw new FileRefusedError('file-type', `A file of type ${declared || 'unknown'} is not one that may be sent.`);
  if (!bytesFit(type, head)) throw new FileRefusedError('file-type', `The file says it is ${type}, but its bytes are not.`);
  return type;
}

/** The file's bytes as base64, a chunk at a time (the page stays responsive), telling `onRead` the share read. */
async function base64Of(file: Blob, signal: AbortSignal | undefined, onRead?: (fraction: number) => void): Promise<string> {
  const parts: string[] = [];
  for (let start = 0; start < file.size; start += CHUNK) {
    const bytes = new Uint8Array(await file.slice(start, start + CHUNK).arrayBuffer());
    throwIfAborted(signal);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    parts.push(btoa(binary));
    onRead?.(Math.min(file.size, start + CHUNK) / file.size);
  }
  return parts.join('');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FhirError('aborted', 'The upload was cancelled.', { cause: signal.reason });
}

/**
 * Prepares a file the patient chose for sending, as an Attachment (`contentType`, `title` from the
 * file name, `size`, and `data` or `url`): its type must be allowed and its first bytes must be what
 * the type says; a file up to `inlineUpTo` travels inline (`data`), a larger one is created as a
 * Binary (`url: Binary/<id>`) when the server's CapabilityStatement offers Binary create, else it is
 * refused. Throws a `FileRefusedError` (a FhirError of kind `file-type`, `file-too-large` or
 * `file-upload-unsupported`), or the client's FhirError (kind `aborted` when `signal` aborts).
 */
export async function uploadAttachment(client: FhirClient, file: Blob & { name?: string }, options: UploadOptions = {}): Promise<Attachment> {
  const { signal, onProgress } = options;
  const maxBytes = options.maxBytes ?? UPLOAD_MAX_BYTES;
  const inlineUpTo = options.inlineUpTo ?? UPLOAD_INLINE_BYTES;
  throwIfAborted(signal);
  if (file.size > maxBytes) throw new FileRefusedError('file-too-large', `The file is ${file.size} bytes; at most ${maxBytes} may be sent.`, maxBytes);
  const contentType = uploadType(file, await headOf(file), options.allowedTypes ?? UPLOAD_TYPES);
  throwIfAborted(signal);
  const attachment: Attachment = { contentType, size: file.size };
  const title = file.name?.trim();
  if (title) attachment.title = title;
  if (file.size <= inlineUpTo) return { ...attachment, data: await base64Of(file, signal) };
  if (!(await client.supports('create', 'Binary', { signal }))) {
    throw new FileRefusedError('file-upload-unsupported', `The server takes no Binary, so at most ${inlineUpTo} bytes may be sent inline.`, inlineUpTo);
  }
  onProgress?.(0);
  const data = await base64Of(file, signal, (read) => onProgress?.(read / 2));
  const binary: Binary = { resourceType: 'Binary', contentType, data, ...(options.securityContext ? { securityContext: options.securityContext } : {}) };
  const { resource, location } = await client.create(binary, { signal });
  // The id from the answer, or from its Location (a server asked for no body).
  const id = resource?.id ?? /(?:^|\/)Binary\/([^/?#]+)/.exec(location ?? '')?.[1];
  if (!id) throw new FhirError('server', 'The server stored the file but did not say where.');
  onProgress?.(1);
  return { ...attachment, url: `Binary/${id}` };
}
