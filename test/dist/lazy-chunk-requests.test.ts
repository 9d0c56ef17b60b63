/**
 * A lazily loaded chunk of the umbrella bundle arrives together with everything it imports statically: each
 * `import()` in the shipped files (packages/portico/dist, served as they are) sits in one list of `import()`s,
 * run at once, with every chunk its target imports statically, level after level, that the importing file
 * does not already hold. Otherwise the browser finds those imports only once the chunk has arrived and been
 * parsed: one more round trip per level (over half a second on a slow phone network). Needs `npm run build:packages`;
 * PORTICO_DIST=<folder> checks another build of the umbrella package instead.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { builtScripts, distDir, importsOf, type FileImports } from './built-files.js';

describe('the umbrella bundle requests each lazily loaded chunk with all it imports', () => {
  it('every import() in packages/portico/dist is in one list with every chunk its target imports statically, transitively', async () => {
    const dist = process.env.PORTICO_DIST ? resolve(process.env.PORTICO_DIST) : distDir('portico');
    const scripts = process.env.PORTICO_DIST ? (await readdir(dist, { recursive: true })).filter((file) => file.endsWith('.js')).map((file) => file.split(sep).join('/')) : await builtScripts('portico');
    const files = new Map<string, FileImports>();
    for (const file of scripts) files.set(file, importsOf(file, await readFile(join(dist, file), 'utf8')));
    const closure = (start: string): Set<string> => {
      const seen = new Set<string>();
      const queue = [start];
      while (queue.length) {
        const file = queue.pop()!;
        if (seen.has(file)) continue;
        seen.add(file);
        queue.push(...(files.get(file)?.statics ?? []));
      }
      return seen;
    };
    const missing: string[] = [];
    let withDependencies = 0;
    let imports = 0;
    for (const [file, { dynamics }] of files) {
      const held = closure(file);
      for (const { target, together } of dynamics) {
        imports++;
        assert.ok(files.has(target), `${file} imports ${target}, which is in the build`);
        const needed = [...closure(target)].filter((dep) => dep !== target && !held.has(dep));
        if (needed.length) withDependencies++;
        const left = needed.filter((dep) => !together.includes(dep));
        if (left.length) missing.push(`${file}: import("${target}") without ${left.join(', ')}`);
      }
    }
    assert.ok(imports > 20, `the build has its lazily loaded chunks (${imports} import() found)`);
    assert.ok(withDependencies > 0, 'some lazily loaded chunk imports another chunk statically (else this checks nothing)');
    assert.deepEqual(missing, [], 'every chunk a lazily loaded chunk imports statically is requested with it');
  });
});
