import { posix } from 'node:path';
import { parseAst, type Plugin, type Rolldown } from 'vite';

/**
 * Requests each lazily loaded chunk together with every chunk it imports statically (transitively), in one
 * go: without it the browser finds a chunk's static imports only once the chunk has arrived and been
 * parsed, one more round trip per level. Vite's library mode inserts no preload helper, so this does it
 * on the finished files.
 *
 * In each chunk, `import("./x.js")` whose target has static imports the chunk does not already hold becomes
 * `$pl000("./x.js")` (same length, so the source map stays true), and a function appended after the code
 * runs `Promise.all([import("./x.js"), import("./dep.js"), …])` and answers the target's module. Every
 * specifier stays a literal relative `import()`: it resolves against the importing file wherever the files
 * are served, needs no DOM or inline script (strict CSP), and a bundler that takes the files in (the
 * `portico` npm package in a host's build) still sees every import. A dependency may now run before a
 * sibling that the target imports ahead of it (never before its own imports): shared chunks hold
 * definitions, and code that needs another module to have run first imports it.
 */
export function preloadLazyChunks(): Plugin {
  return {
    name: 'portico-preload-lazy-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, Rolldown.OutputChunk>();
      for (const file of Object.values(bundle)) if (file.type === 'chunk') chunks.set(file.fileName, file);
      for (const chunk of chunks.values()) chunk.code = withPreloadedImports(chunk, chunks);
    },
  };
}

/** A chunk and every chunk it reaches through static imports, in breadth-first order. */
export function staticClosure(fileName: string, chunks: ReadonlyMap<string, { imports: readonly string[] }>): string[] {
  const seen = new Set<string>();
  const queue = [fileName];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name) || !chunks.has(name)) continue;
    seen.add(name);
    queue.push(...chunks.get(name)!.imports);
  }
  return [...seen];
}

/** Each `import()` of a literal specifier in `code`: where its `import` keyword starts, and the specifier. */
export function dynamicImportSites(code: string): { start: number; specifier: string }[] {
  const sites: { start: number; specifier: string }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as { type?: string; start?: number; source?: { type: string; value?: unknown; expressions?: unknown[]; quasis?: { value: { cooked: string } }[] } };
    if (record.type === 'ImportExpression' && record.source && typeof record.start === 'number') {
      const { source } = record;
      if (source.type === 'Literal' && typeof source.value === 'string') sites.push({ start: record.start, specifier: source.value });
      else if (source.type === 'TemplateLiteral' && !source.expressions?.length && source.quasis?.length === 1) sites.push({ start: record.start, specifier: source.quasis[0]!.value.cooked });
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseAst(code));
  return sites;
}

/** `to` relative to the folder of `from`, as an import specifier (`./x.js`, `../portico.js`). */
function specifierFor(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from), to);
  return path.startsWith('.') ? path : `./${path}`;
}

/** The chunk's code with each `import()` of a chunk that has further static imports turned into a request for all of them. */
function withPreloadedImports(chunk: Rolldown.OutputChunk, chunks: ReadonlyMap<string, Rolldown.OutputChunk>): string {
  const { code } = chunk;
  if (!/\bimport\s*\(/.test(code)) return code;
  const loaded = new Set(staticClosure(chunk.fileName, chunks));
  const table = new Map<string, string[]>();
  const sites = dynamicImportSites(code).filter(({ specifier }) => {
    const target = posix.join(posix.dirname(chunk.fileName), specifier);
    if (!chunks.has(target)) return false;
    const deps = staticClosure(target, chunks).filter((file) => file !== target && !loaded.has(file));
    if (!deps.length) return false;
    table.set(specifier, [specifier, ...deps.map((dep) => specifierFor(chunk.fileName, dep))]);
    return true;
  });
  if (!sites.length) return code;
  let name = '';
  for (let i = 0; !name || code.includes(name); i++) name = `$pl${i.toString(36).padStart(3, '0')}`;
  let out = code;
  for (const { start } of sites) {
    if (out.slice(start, start + 6) !== 'import') throw new Error(`${chunk.fileName}: expected import() at ${start}`);
    out = out.slice(0, start) + name + out.slice(start + 6);
  }
  const entries = [...table].map(([specifier, files]) => `${JSON.stringify(specifier)}:()=>[${files.map((file) => `import(${JSON.stringify(file)})`).join(',')}]`);
  const helper = `function ${name}(s){return Promise.all({${entries.join(',')}}[s]()).then(m=>m[0])}`;
  // After the last line of code and before a closing source map comment: no mapped position moves.
  const mapComment = /\n?\/\/# sourceMappingURL=[^\n]*\n?$/.exec(out);
  const end = mapComment ? mapComment.index : out.length;
  return `${out.slice(0, end).replace(/\n?$/, '\n')}${helper}\n${out.slice(end).replace(/^\n/, '')}`;
}
