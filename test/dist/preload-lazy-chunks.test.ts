/**
 * The build step that requests a lazily loaded chunk together with the chunks it imports statically
 * (tools/vite/preload-lazy-chunks.ts), on a small library built with Vite as the umbrella bundle is: what
 * it writes, that the code still runs and answers the chunk's own module, and that the source maps stay true.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'vite';
import { preloadLazyChunks } from '../../tools/vite/preload-lazy-chunks.js';
import { importsOf } from './built-files.js';

/**
 * `feature.js` imports `b.js`, which imports `d.js`: both shared with other lazily loaded modules, so each is a
 * chunk of its own, two levels deep. The entry already holds the name the step would give its function.
 */
const FIXTURE: Record<string, string> = {
  'entry.js': "export const taken = '$pl000';\nexport const loadFeature = () => import('./feature.js');\nexport const loadOther = () => import('./other.js');\nexport const loadThird = () => import('./third.js');\n",
  'feature.js': "import { b } from './b.js';\nexport const feature = String(`feature+${b}`);\n",
  'other.js': "import { b } from './b.js';\nexport const other = String(`other+${b}`);\n",
  'third.js': "import { d } from './d.js';\nexport const third = String(`third+${d}`);\n",
  'b.js': "import { d } from './d.js';\nexport const b = String(`b+${d}`);\n",
  'd.js': "export const d = String('d');\n",
};

describe('requesting a lazily loaded chunk with its static imports', () => {
  let root: string;

  /** Builds the fixture as a library (ES modules, minified, with source maps) with the given plugins; returns the out dir. */
  async function buildFixture(name: string, plugins: Plugin[]): Promise<string> {
    const outDir = join(root, name);
    await build({
      root: join(root, 'src'),
      configFile: false,
      logLevel: 'silent',
      plugins,
      build: { outDir, emptyOutDir: true, sourcemap: true, minify: true, lib: { entry: join(root, 'src/entry.js'), formats: ['es'], fileName: () => 'entry.js' }, rollupOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } } },
    });
    return outDir;
  }

  /** Every `.js` file of a build, by path relative to it. */
  async function outputs(dir: string): Promise<Map<string, string>> {
    const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.js')).map((file) => file.split(sep).join('/'));
    return new Map(await Promise.all(files.map(async (file) => [file, await readFile(join(dir, file), 'utf8')] as const)));
  }

  let plain: string;
  let preloaded: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'portico-preload-'));
    await mkdir(join(root, 'src'));
    for (const [file, code] of Object.entries(FIXTURE)) await writeFile(join(root, 'src', file), code);
    plain = await buildFixture('plain', []);
    preloaded = await buildFixture('preloaded', [preloadLazyChunks()]);
  });

  after(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('asks for the chunk, the chunk it imports and the one that imports, in one list', async () => {
    const files = await outputs(preloaded);
    const entry = importsOf('entry.js', files.get('entry.js')!);
    const feature = entry.dynamics.find(({ target }) => /^chunks\/feature-/.test(target));
    assert.ok(feature, `the entry imports the feature chunk: ${entry.dynamics.map((d) => d.target).join(', ')}`);
    const b = importsOf(feature.target, files.get(feature.target)!).statics;
    assert.equal(b.length, 1, `the feature chunk imports one chunk: ${b.join(', ')}`);
    const d = importsOf(b[0]!, files.get(b[0]!)!).statics;
    assert.equal(d.length, 1, `which imports one more: ${d.join(', ')}`);
    assert.deepEqual([...feature.together].sort(), [b[0]!, d[0]!].sort(), 'both are requested with the feature chunk');
    const third = entry.dynamics.find(({ target }) => /^chunks\/third-/.test(target));
    assert.deepEqual(third?.together, [d[0]], 'the third chunk with the one it imports');
    // Without the step, nothing is asked for ahead.
    const before = importsOf('entry.js', (await outputs(plain)).get('entry.js')!);
    assert.ok(before.dynamics.every(({ together }) => together.length === 0), 'a plain build requests each chunk alone');
  });

  it('still runs: each load answers its own chunk’s module, and a name the code already uses is left to it', async () => {
    const code = (await outputs(preloaded)).get('entry.js')!;
    assert.doesNotMatch(code, /function \$pl000\(/, 'the step names its function with a name the code does not hold');
    const entry = (await import(pathToFileURL(join(preloaded, 'entry.js')).href)) as { taken: string; loadFeature(): Promise<{ feature: string }>; loadOther(): Promise<{ other: string }>; loadThird(): Promise<{ third: string }> };
    assert.equal(entry.taken, '$pl000');
    assert.equal((await entry.loadFeature()).feature, 'feature+b+d');
    assert.equal((await entry.loadOther()).other, 'other+b+d');
    assert.equal((await entry.loadThird()).third, 'third+d');
  });

  it('leaves every mapped position where it was: the source maps are those of a plain build, the map comment last', async () => {
    const mapsOf = async (dir: string) => {
      const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.js.map'));
      return (await Promise.all(files.map(async (file) => JSON.parse(await readFile(join(dir, file), 'utf8')) as { sources: string[]; mappings: string }))).map((map) => `${map.sources.join(',')}: ${map.mappings}`).sort();
    };
    assert.deepEqual(await mapsOf(preloaded), await mapsOf(plain));
    for (const [file, code] of await outputs(preloaded)) assert.match(code, /\n\/\/# sourceMappingURL=[^\n]+\.js\.map\n?$/, `${file} ends with its map comment`);
  });
});
