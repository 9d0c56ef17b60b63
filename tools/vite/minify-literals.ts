import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * Minifies the static text of Lit's `css` and `html` tagged templates in Portico's own sources.
 * CSS: comments dropped, whitespace collapsed, no space around `{`, `}`, `;` or after `:` and `,`
 * (quoted strings left alone). HTML: each run of whitespace holding a line break becomes one space,
 * which renders the same (no template of ours holds `<pre>`, `<textarea>` text or `white-space: pre`).
 * Interpolations (`${…}`) are kept as they are. Lit ships templates as written, so this is what keeps
 * the indentation of readable sources out of the bundles.
 */
export function minifyLiterals(): Plugin {
  return {
    name: 'portico-minify-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      const out = minifyTaggedTemplates(code);
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** Every `css` and `html` tagged template of a TypeScript source, with its static text minified. */
export function minifyTaggedTemplates(code: string): string {
  const source = ts.createSourceFile('module.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'css' || node.tag.text === 'html')) {
      const css = node.tag.text === 'css';
      const minify = css ? minifyCssPart : minifyHtmlPart;
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((s) => s.literal)];
      parts.forEach((part, i) => {
        // The text between the delimiters: after '`' or '}', before '${' or '`'.
        const start = part.getStart(source) + 1;
        const end = part.end - (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2);
        let text = minify(code.slice(start, end));
        if (css) {
          if (i === 0) text = text.trimStart();
          if (i === parts.length - 1) text = text.trimEnd();
        }
        edits.push({ start, end, text });
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** One static part of a `css` template: quoted strings kept, the rest minified. */
export function minifyCssPart(part: string): string {
  // Comments go first: one may hold an apostrophe ("the patient's"), which would read as a string.
  return part
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^'\n]*'|"[^"\n]*")/)
    .map((piece, i) =>
      i % 2
        ? piece
        : piece
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};])\s*/g, '$1')
            .replace(/([:,])\s+/g, '$1')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/** One static part of an `html` template: whitespace that spans lines becomes one space. */
export function minifyHtmlPart(part: string): string {
  return part.replace(/[ \t]*\r?\n\s*/g, ' ');
}
