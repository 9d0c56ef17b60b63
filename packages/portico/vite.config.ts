import { defaultClientConditions, defineConfig } from 'vite';
import { minifyLiterals } from '../../tools/vite/minify-literals.js';
import { BROWSER_DEFINES, SOURCE_CONDITION } from '../../tools/vite/package-config.js';

/** The umbrella bundle: everything (lit included) in dist/portico.js, lazy chunks beside it, built from the packages' source. */
export default defineConfig({
  plugins: [minifyLiterals()],
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
      // every first load, once enough lazily loaded chunks import it (three elements do).
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true, codeSplitting: { groups: [{ name: 'portico', tags: ['$initial'] }] } },
    },
  },
});
