/**
 * `portico.js` is the whole first load of a page: it imports no chunk statically (a static import is
 * found only once the file is parsed, a second round trip before anything shows; on a slow phone
 * network that is over half a second). Everything else is loaded with `import()` when first used.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const dist = join(import.meta.dirname, '../../packages/portico/dist');

describe('the first load of a page is one file', () => {
  it('portico.js imports no chunk statically, and loads the elements and sign-in libraries with import()', async () => {
    const code = await readFile(join(dist, 'portico.js'), 'utf8').catch(() => {
      throw new Error('packages/portico/dist/portico.js is missing: run `npm run build:packages` first.');
    });
    const staticImports = [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
    assert.deepEqual(staticImports, [], `static imports: ${staticImports.join(', ')}`);
    const lazy = [...code.matchAll(/import\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
    assert.ok(lazy.some((path) => /define-/.test(path)), `lazily loaded: ${lazy.join(', ')}`);
  });
});
