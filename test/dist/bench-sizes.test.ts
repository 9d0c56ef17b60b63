/**
 * The size bench weighs every element the umbrella loads, one row each: the define modules it finds are the
 * ones `portico.js` imports (ELEMENTS, resolved through each package's `exports` `source` condition), and its
 * "page using every element" row, from a real build of packages/portico, counts a first screen for each tag.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findElementDefines, lazyElementTags, type ElementDefine } from '../../tools/bench/element-defines.js';
import { buildPackage, everyElementPage, lazyFeatures, staticClosure, type BuiltChunk } from '../../tools/bench/sizes.js';

const root = join(import.meta.dirname, '../..');
const porticoDir = join(root, 'packages/portico');

/** `ELEMENTS` of packages/portico/src/index.ts: each tag with the module it imports, resolved as the build does (the `source` condition). */
async function umbrellaImports(): Promise<{ tag: string; path: string }[]> {
  const source = await readFile(join(porticoDir, 'src/index.ts'), 'utf8');
  const found: { tag: string; path: string }[] = [];
  for (const [, tag, pkg, subpath] of source.matchAll(/'([a-z][\w-]*)':\s*\(\)\s*=>\s*import\('@portico\/([\w-]+)\/([\w./-]+)'\)/g)) {
    const { exports } = JSON.parse(await readFile(join(root, 'packages', pkg!, 'package.json'), 'utf8')) as { exports: Record<string, { source?: string }> };
    found.push({ tag: tag!, path: `packages/${pkg}/${exports[`./${subpath}`]?.source?.replace(/^\.\//, '')}` });
  }
  return found;
}

describe('the size bench counts each element', () => {
  let tmp: string;
  let defines: ElementDefine[];
  let chunks: BuiltChunk[];

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'portico-bench-sizes-'));
    defines = await findElementDefines(root);
    chunks = await buildPackage({ packageDir: porticoDir, outDir: join(tmp, 'portico') });
  });
  after(() => rm(tmp, { recursive: true, force: true }));

  it("finds, for each tag the umbrella loads, the module it imports: a package's two elements are two modules", async () => {
    const imports = await umbrellaImports();
    assert.ok(imports.length >= 8, `ELEMENTS read: ${imports.map((i) => i.tag).join(', ')}`);
    assert.deepEqual(
      defines.map((d) => `${d.tag} ${d.path}`),
      imports.map((i) => `${i.tag} ${i.path}`).sort(),
    );
  });

  it('the page using every element has a first screen for every tag in ELEMENTS, and no note of one missing', async () => {
    const entry = chunks.find((c) => c.isEntry && c.fileName === 'portico.js')!;
    const initial = staticClosure(chunks, [entry.fileName]);
    const listed = await lazyElementTags(porticoDir);
    const [page, ...parts] = everyElementPage(chunks, initial, lazyFeatures(chunks, initial, defines), root, listed, defines);
    const counted = (page!.details as { elements: { tag: string; firstScreen: string[] }[] }).elements;
    assert.deepEqual(counted.map((e) => e.tag), [...listed].sort());
    assert.equal(page!.note, undefined);
    for (const tag of listed) {
      const part = parts.find((p) => p.label === `<${tag}> first screen`);
      assert.ok(part && (part.values.gzip ?? 0) > 1000, `<${tag}> first screen: ${JSON.stringify(part?.values)}`);
    }
    // The total is every part's files, each once.
    assert.equal(page!.values.files, parts.reduce((n, p) => n + (p.values.files ?? 0), 0));
  });
});
