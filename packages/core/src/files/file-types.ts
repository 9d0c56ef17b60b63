/**
 * What Portico knows about file types, shared by downloads and uploads: the spelling of a type, the
 * types that say nothing about the bytes, and what the bytes of each binary type start with.
 */

/** Types that say nothing about the bytes: the declared type (or the bytes themselves) decide. */
export const GENERIC_TYPES: ReadonlySet<string> = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/binary', 'application/unknown', 'application/x-download', 'application/force-download']);

/** Other spellings servers and browsers use for the types Portico handles. */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/csv': 'text/csv',
  'text/x-csv': 'text/csv',
};

/** What the bytes of binary types start with (null: any byte); a file whose bytes say otherwise is refused. */
const SIGNATURES: Readonly<Record<string, { offset: number; bytes: (number | null)[] }[]>> = {
  'image/png': [{ offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
  'image/jpeg': [{ offset: 0, bytes: [0xff, 0xd8, 0xff] }],
  'image/gif': [{ offset: 0, bytes: [0x47, 0x49, 0x46, 0x38, null, 0x61] }],
  'image/webp': [{ offset: 0, bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50] }],
  'image/heic': [{ offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] }],
  'image/heif': [{ offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] }],
};

/** A PDF's header may follow up to 1 KB of other bytes (readers accept that). */
const PDF_HEADER = '%PDF-';

/** How many of a file's first bytes the checks read. */
export const HEAD_BYTES = 1024;

/** A type without parameters, lower case, in its usual spelling ('Image/JPG; q=1' → 'image/jpeg'). */
export function essence(type: string | undefined): string {
  const bare = (type ?? '').split(';')[0]!.trim().toLowerCase();
  return TYPE_ALIASES[bare] ?? bare;
}

/** The first bytes of a file (what `sniff` and `bytesFit` read). */
export async function headOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}

function hasPdfHeader(head: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(head.subarray(0, HEAD_BYTES)).includes(PDF_HEADER);
}

function matchesSignature(type: string, head: Uint8Array): boolean {
  return !!SIGNATURES[type]?.some(({ offset, bytes }) => bytes.every((byte, i) => byte === null || head[offset + i] === byte));
}

/** The binary type the bytes start like (PDF or an image), when they start like one. */
export function sniff(head: Uint8Array): string | undefined {
  if (hasPdfHeader(head)) return 'application/pdf';
  return Object.keys(SIGNATURES).find((type) => matchesSignature(type, head));
}

/** Do a file's first bytes fit its type? (Types with no known signature, such as text, always do.) */
export function bytesFit(type: string, head: Uint8Array): boolean {
  if (type === 'application/pdf') return hasPdfHeader(head);
  return SIGNATURES[type] ? matchesSignature(type, head) : true;
}
