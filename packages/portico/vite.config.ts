import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const core = (path: string) => fileURLToPath(new URL(`../core/src/${path}`, import.meta.url));

/** The umbrella bundle: everything (lit included) in dist/portico.js, lazy chunks beside it. */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@portico\/core\/define\.js$/, replacement: core('define.ts') },
      { find: /^@portico\/core$/, replacement: core('index.ts') },
    ],
  },
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
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
