import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, posix, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseAst } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.mjs';

/** The repository's root folder. */
export const WORKSPACE = fileURLToPath(new URL('../../', import.meta.url));

/** The workspace packages, by folder under packages/. */
export const PACKAGE_FOLDERS = ['core', 'appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'medications', 'health-record', 'portico'] as const;
export type PackageFolder = (typeof PACKAGE_FOLDERS)[number];

/** The packages built for bundlers: ES modules with bare imports (`lit`, `@portico/core`, `fhirclient/…`). */
export const BUNDLER_PACKAGES = ['core', 'appointment-booker', 'lab-results', 'message-inbox', 'bill-pay', 'record-download', 'medications', 'health-record'] as const satisfies readonly PackageFolder[];

/** A package's build output folder. */
export function distDir(folder: PackageFolder): string {
  return join(WORKSPACE, 'packages', folder, 'dist');
}

/** Every `.js` file of a package's `dist/`, as paths relative to it; fails plainly when the package is not built. */
export async function builtScripts(folder: PackageFolder): Promise<string[]> {
  const dir = distDir(folder);
  if (!existsSync(dir)) throw new Error(`packages/${folder}/dist is missing: run \`npm run build:packages\` first.`);
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.js')).map((file) => file.split(sep).join('/'));
  return files.sort();
}

/**
 * An ES module that imports each specifier in turn with `import()`, then writes what happened into the page:
 * `#results` holds a JSON list of `{ file, error? }` and `<body data-done>` says it has finished.
 */
export function importEachModule(entries: readonly (readonly [label: string, specifier: string])[]): string {
  const loaders = entries.map(([label, specifier]) => `  [${JSON.stringify(label)}, () => import(${JSON.stringify(specifier)})],`).join('\n');
  return `const MODULES = [\n${loaders}\n];
const results = [];
for (const [file, load] of MODULES) {
  try {
    await load();
    results.push({ file });
  } catch (error) {
    results.push({ file, error: String(error) });
  }
}
document.getElementById('results').textContent = JSON.stringify(results);
document.body.dataset.done = '';
`;
}

/** The page that runs `/import-each.js` (an external script: the Content-Security-Policy allows no inline one). */
export const IMPORT_EACH_PAGE = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Built files</title><link rel="icon" href="data:,"><script type="module" src="./import-each.js"></script></head><body><pre id="results"></pre></body></html>\n';

/** A strict Content-Security-Policy, as a hospital page would send it: no inline script, no eval, no inline style. */
export function strictCsp(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ['connect-src', "'self'", ...connectSrc].join(' '),
    "img-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Headless Debian Chromium, as every browser test here runs it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** Everything that went wrong in a page: uncaught errors, console errors (CSP refusals among them), failed and refused requests. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    // An aborted request is one the page cancelled itself (an element dropping a search it no longer needs).
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** What `importEachModule` reported once it finished: each file, with the error its import threw. */
export async function importResults(page: Page): Promise<{ file: string; error?: string }[]> {
  await page.locator('body[data-done]').waitFor({ state: 'attached' });
  return JSON.parse((await page.locator('#results').textContent()) ?? '[]') as { file: string; error?: string }[];
}

/** What one built file imports: its static imports, and each `import()` with the files requested in the same list. */
export interface FileImports {
  statics: string[];
  dynamics: { target: string; together: string[] }[];
}

interface SyntaxNode {
  type: string;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is SyntaxNode => !!value && typeof value === 'object' && typeof (value as SyntaxNode).type === 'string';

/** The file a literal import specifier names, relative to the importing file; undefined for a computed one. */
function importedFile(from: string, source: unknown): string | undefined {
  if (!isNode(source)) return undefined;
  let specifier: string | undefined;
  if (source.type === 'Literal' && typeof source.value === 'string') specifier = source.value;
  const quasis = source.quasis as { value: { cooked: string } }[] | undefined;
  if (source.type === 'TemplateLiteral' && quasis?.length === 1) specifier = quasis[0]!.value.cooked;
  return specifier?.startsWith('.') ? posix.join(posix.dirname(from), specifier) : undefined;
}

/** Reads a built file's imports from its syntax tree. */
export function importsOf(file: string, code: string): FileImports {
  const result: FileImports = { statics: [], dynamics: [] };
  const visit = (node: unknown, parent: SyntaxNode | undefined): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, parent));
    if (!isNode(node)) return;
    if (/^(ImportDeclaration|ExportNamedDeclaration|ExportAllDeclaration)$/.test(node.type)) {
      const target = importedFile(file, node.source);
      if (target) result.statics.push(target);
    }
    if (node.type === 'ImportExpression') {
      const target = importedFile(file, node.source);
      const siblings = parent?.type === 'ArrayExpression' ? (parent.elements as unknown[]) : [];
      const together = siblings.filter((s): s is SyntaxNode => isNode(s) && s !== node && s.type === 'ImportExpression').map((s) => importedFile(file, s.source) ?? '?');
      if (target) result.dynamics.push({ target, together });
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value, node);
  };
  visit(parseAst(code), undefined);
  return result;
}
