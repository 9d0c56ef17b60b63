/**
 * The build step that takes the indentation out of Lit's `css` and `html` templates: what it changes
 * and what it must leave alone (interpolations, nested templates, quoted CSS strings, other templates).
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { minifyTaggedTemplates } from '../../tools/vite/minify-literals.js';

describe('minifying Lit templates', () => {
  it('css: comments and whitespace go, interpolations and quoted strings stay', () => {
    const out = minifyTaggedTemplates("const s = css`\n  :host {\n    color: red; /* why */\n    font: ${font};\n    content: '  a  b  ';\n  }\n`;");
    assert.equal(out, "const s = css`:host{color:red;font:${font};content:'  a  b  '}`;");
  });

  it("css: a comment holding an apostrophe goes too (it is not a string)", () => {
    const out = minifyTaggedTemplates("const s = css`\n  /* the patient's own colour */\n  p { color: red; }\n  /* it's gone */\n  b { content: 'x' }\n`;");
    assert.equal(out, "const s = css`p{color:red}b{content:'x'}`;");
  });

  it('html: whitespace across lines becomes one space, also in nested templates; text on one line is kept', () => {
    const out = minifyTaggedTemplates('const t = html`<p class="a">\n    ${ok ? html`<b>\n      yes  no\n    </b>` : nothing}\n  </p>`;');
    assert.equal(out, 'const t = html`<p class="a"> ${ok ? html`<b> yes  no </b>` : nothing} </p>`;');
  });

  it('leaves untagged templates and other tags alone', () => {
    const code = 'const a = `x\n  y`;\nconst b = svg`<g>\n  </g>`;\nconst c = String.raw`q\n  r`;';
    assert.equal(minifyTaggedTemplates(code), code);
  });

  it("every source file of the packages still parses after minifying, and no html template keeps a line break", async () => {
    const root = join(import.meta.dirname, '../../packages');
    const files: string[] = [];
    for (const pkg of await readdir(root)) {
      const src = join(root, pkg, 'src');
      const entries = await readdir(src, { recursive: true }).catch(() => []);
      files.push(...entries.filter((f) => f.endsWith('.ts')).map((f) => join(src, f)));
    }
    assert.ok(files.length > 20, `found ${files.length} source files`);
    let templates = 0;
    for (const file of files) {
      const out = minifyTaggedTemplates(await readFile(file, 'utf8'));
      const parsed = ts.createSourceFile(file, out, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const errors = (parsed as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      assert.equal(errors.length, 0, `${file}: ${errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, ' ')).join('; ')}`);
      const visit = (node: ts.Node): void => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'html') {
          templates++;
          const template = node.template;
          const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template.rawText ?? ''] : [template.head.rawText ?? '', ...template.templateSpans.map((s) => s.literal.rawText ?? '')];
          assert.ok(!parts.some((p) => p.includes('\n')), `${file}: an html template kept a line break`);
        }
        ts.forEachChild(node, visit);
      };
      visit(parsed);
    }
    assert.ok(templates > 50, `checked ${templates} html templates`);
  });
});
