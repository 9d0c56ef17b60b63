/**
 * A minimal PDF 1.4 writer for the seed's documents (visit summaries, letters, lab reports): Letter
 * pages, the standard Helvetica fonts with WinAnsiEncoding, text lines wrapped and paginated, and a
 * cross-reference table with exact byte offsets, so real viewers open the files without repair.
 */
import { encodeBase64 } from './base64.js';

export interface PdfContent {
  /** Large bold line at the top of the first page; also the document's Info /Title. */
  readonly title: string;
  /** Smaller line under the title (e.g. the hospital and the patient). */
  readonly subtitle?: string;
  /** Body lines. A line starting with '# ' is a bold heading; an empty string is a blank line. */
  readonly lines: readonly string[];
  /** The document's creation date, 'YYYY-MM-DD' (kept out of the clock so output is reproducible). */
  readonly date?: string;
  /** Footer text left of the page number. */
  readonly footer?: string;
}

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = 54;
const BODY_SIZE = 10;
const LEADING = 14;
const WRAP_COLUMNS = 92;
const BODY_TOP = PAGE_HEIGHT - MARGIN - 60;
const BODY_BOTTOM = MARGIN + 24;

/** Unicode characters outside Latin-1 that WinAnsiEncoding has a slot for. */
const WIN_ANSI_EXTRA: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};
const SUBSTITUTES: Readonly<Record<string, string>> = { '≥': '>=', '≤': '<=', '→': '->', '\t': '    ' };

/** Text as WinAnsi byte values, substituting what Helvetica cannot show. */
function toWinAnsi(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const substitute = SUBSTITUTES[ch];
    if (substitute !== undefined) {
      for (const c of substitute) bytes.push(c.charCodeAt(0));
      continue;
    }
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (WIN_ANSI_EXTRA[ch] !== undefined) bytes.push(WIN_ANSI_EXTRA[ch]);
    else bytes.push(0x3f); // '?'
  }
  return bytes;
}

/** A PDF literal string, ASCII only: parentheses and backslashes escaped, other bytes in octal. */
function pdfString(text: string): string {
  let out = '(';
  for (const b of toWinAnsi(text)) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b < 0x20 || b > 0x7e) out += '\\' + b.toString(8).padStart(3, '0');
    else out += String.fromCharCode(b);
  }
  return out + ')';
}

/** A PDF text string for document metadata: UTF-16BE with a byte-order mark, as hex. */
function pdfTextString(text: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return hex + '>';
}

function wrap(line: string, columns: number): string[] {
  if (line.length <= columns) return [line];
  const indent = /^\s*/.exec(line)![0] + '  ';
  const out: string[] = [];
  let rest = line;
  while (rest.length > columns) {
    let cut = rest.lastIndexOf(' ', columns);
    if (cut <= indent.length) cut = columns;
    out.push(rest.slice(0, cut).trimEnd());
    rest = indent + rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

interface LaidOutLine {
  readonly text: string;
  readonly bold: boolean;
}

function paginate(lines: readonly string[]): LaidOutLine[][] {
  const perPage = Math.floor((BODY_TOP - BODY_BOTTOM) / LEADING) + 1;
  const pages: LaidOutLine[][] = [[]];
  for (const raw of lines) {
    const bold = raw.startsWith('# ');
    const text = bold ? raw.slice(2) : raw;
    for (const piece of wrap(text, WRAP_COLUMNS)) {
      let page = pages[pages.length - 1]!;
      if (page.length >= perPage) {
        page = [];
        pages.push(page);
      }
      // A heading should not be the last line of a page.
      if (bold && page.length === perPage - 1) {
        page = [];
        pages.push(page);
      }
      if (page.length === 0 && piece === '') continue;
      page.push({ text: piece, bold });
    }
  }
  return pages;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function textAt(font: 'F1' | 'F2', size: number, x: number, y: number, text: string): string {
  return `BT /${font} ${size} Tf 1 0 0 1 ${fmt(x)} ${fmt(y)} Tm ${pdfString(text)} Tj ET\n`;
}

function pageContent(content: PdfContent, lines: readonly LaidOutLine[], pageIndex: number, pageCount: number): string {
  let s = '';
  const top = PAGE_HEIGHT - MARGIN;
  if (pageIndex === 0) {
    s += textAt('F2', 18, MARGIN, top - 14, content.title);
    if (content.subtitle) s += textAt('F1', 10, MARGIN, top - 32, content.subtitle);
  } else {
    s += textAt('F2', 11, MARGIN, top - 14, `${content.title} (continued)`);
  }
  s += `0.6 w 0.4 G ${MARGIN} ${top - 42} m ${PAGE_WIDTH - MARGIN} ${top - 42} l S 0 G\n`;
  let y = BODY_TOP;
  for (const line of lines) {
    if (line.text !== '') s += textAt(line.bold ? 'F2' : 'F1', line.bold ? 11 : BODY_SIZE, MARGIN, y, line.text);
    y -= LEADING;
  }
  const footer = `${content.footer ?? 'Riverside Health'}    Page ${pageIndex + 1} of ${pageCount}`;
  s += textAt('F1', 8, MARGIN, MARGIN - 18, footer);
  return s;
}

/** Renders the content as the bytes of a PDF 1.4 file. */
export function renderPdf(content: PdfContent): Uint8Array {
  const pages = paginate(content.lines);
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  const created = content.date ? ` /CreationDate (D:${content.date.replaceAll('-', '')}120000Z)` : '';
  objects[5] = `<< /Title ${pdfTextString(content.title)} /Producer (Portico demo seed)${created} >>`;
  pages.forEach((lines, i) => {
    const stream = pageContent(content, lines, i, pages.length);
    objects[pageIds[i]!] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    // The stream is pure ASCII, so its length in characters is its length in bytes.
    objects[pageIds[i]! + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}endstream`;
  });

  // Every character below is < 256 and written as one byte, so string offsets are byte offsets.
  let file = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = file.length;
    file += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefOffset = file.length;
  file += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) file += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  file += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;

  const bytes = new Uint8Array(file.length);
  for (let i = 0; i < file.length; i++) bytes[i] = file.charCodeAt(i);
  return bytes;
}

/** A rendered PDF as base64 (for Attachment.data and Binary.data) with its size in bytes. */
export function pdfAttachmentData(content: PdfContent): { data: string; size: number } {
  const bytes = renderPdf(content);
  return { data: encodeBase64(bytes), size: bytes.length };
}
