import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { minifyLiterals } from '../../tools/vite/minify-literals.js';
import { preloadLazyChunks } from '../../tools/vite/preload-lazy-chunks.js';
import { BROWSER_DEFINES, SOURCE_CONDITION } from '../../tools/vite/package-config.js';

const ENTRY = fileURLToPath(new URL('./src/index.ts', import.meta.url));

/**
 * Small modules that several lazily loaded chunks import (Lit's `ref` directive, the sign-in strategies'
 * discovery fetch): kept in portico.js, where they weigh less than a file of their own would (a request,
 * and a compressed file's own overhead) on any page that uses two of those chunks.
 */
const SHARED_SMALL_MODULES = /[\\/]node_modules[\\/](?:lit|lit-html)[\\/](?:directive|async-directive|directives[\\/]ref)\.js$|[\\/]packages[\\/]core[\\/]src[\\/]auth[\\/]discovery\.ts$/;

/** Records the static imports of every module, to tell which ones `portico.js` loads at once. */
function staticImportGraph(): { plugin: Plugin; loadedWith: (entry: string) => ReadonlySet<string> } {
  const imports = new Map<string, readonly string[]>();
  let reached: Map<string, Set<string>> = new Map();
  return {
    plugin: {
      name: 'portico-static-import-graph',
      buildStart() {
        imports.clear();
        reached = new Map();
      },
      moduleParsed(info) {
        imports.set(info.id, info.importedIds);
      },
    },
    loadedWith(entry) {
      let seen = reached.get(entry);
      if (seen) return seen;
      seen = new Set();
      const queue = [entry];
      while (queue.length) {
        const id = queue.pop()!;
        if (seen.has(id)) continue;
        seen.add(id);
        queue.push(...(imports.get(id) ?? []));
      }
      reached.set(entry, seen);
      return seen;
    },
  };
}

const graph = staticImportGraph();

/**
 * The umbrella bundle: everything (lit included) in dist/portico.js, lazy chunks beside it, built from the packages' source.
 * Each `import()` of a chunk also requests, at once, every chunk that one imports statically (preloadLazyChunks).
 */
export default defineConfig({
  plugins: [minifyLiterals(), graph.plugin, preloadLazyChunks()],
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  define: BROWSER_DEFINES,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: {
      entry: { portico: 'src/index.ts' },
      formats: ['es'],
    },
    rollupOptions: {
      // One file for the initial load: shared modules stay in the entry instead of a chunk of their own.
      preserveEntrySignatures: 'allow-extension',
      // Library mode leaves ES output unminified by default. The group keeps what the entry loads (lit,
      // core) in portico.js itself: without it Rolldown moves lit into a shared chunk, a second request on
      // every first load, once enough lazily loaded chunks import it (three elements do). It also takes in
      // SHARED_SMALL_MODULES.
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        codeSplitting: { groups: [{ name: 'portico', test: (id) => graph.loadedWith(ENTRY).has(id) || SHARED_SMALL_MODULES.test(id) }] },
      },
    },
  },
});
