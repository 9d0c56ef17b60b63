/**
 * The seed's documents as a small HTML page beside their PDF (the same content: a title, a subtitle and
 * lines, `# ` a heading), and as plain text for clinical notes: UTF-8 bytes as base64, for Binary.data.
 */
import { encodeBase64 } from './base64.js';
import type { PdfContent } from './pdf.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The content as a standalone HTML page: headings, paragraphs and bulleted lists, no script or style from elsewhere. */
export function renderHtmlDocument(content: PdfContent): string {
  const body: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) body.push(`<ul>${list.join('')}</ul>`);
    list = [];
  };
  for (const line of content.lines) {
    if (line.startsWith('• ')) {
      list.push(`<li>${escapeHtml(line.slice(2))}</li>`);
      continue;
    }
    flush();
    if (line.startsWith('# ')) body.push(`<h2>${escapeHtml(line.slice(2))}</h2>`);
    else if (line) body.push(`<p>${escapeHtml(line)}</p>`);
  }
  flush();
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(content.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;line-height:1.5}h1{margin-bottom:0}</style>',
    '</head><body>',
    `<h1>${escapeHtml(content.title)}</h1>`,
    content.subtitle ? `<p><strong>${escapeHtml(content.subtitle)}</strong></p>` : '',
    ...body,
    '</body></html>',
  ].join('\n');
}

/** Text as UTF-8 bytes in base64, with the byte count. */
export function textAttachmentData(text: string): { data: string; size: number } {
  const bytes = new TextEncoder().encode(text);
  return { data: encodeBase64(bytes), size: bytes.length };
}
