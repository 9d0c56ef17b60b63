import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { minifyCssLiterals } from '../../tools/vite/minify-css-literals.js';

const core = (path: string) => fileURLToPath(new URL(`../core/src/${path}`, import.meta.url));

/** The umbrella bundle: everything (lit included) in dist/portico.js, lazy chunks beside it. */
export default defineConfig({
  plugins: [minifyCssLiterals()],
  resolve: {
    alias: [
      { find: /^@portico\/core\/define\.js$/, replacement: core('define.ts') },
      { find: /^@portico\/core$/, replacement: core('index.ts') },
    ],
  },
  // fhirclient skips its fetch polyfill (cross-fetch) when this is defined: every target browser has fetch.
  define: { FHIRCLIENT_PURE: 'true' },
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
      // Library mode leaves ES output unminified by default.
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});
