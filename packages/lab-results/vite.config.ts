import { defineConfig } from 'vite';

/** @portico/lab-results as an npm package: ES modules, dependencies left to the consumer's bundler. */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: { index: 'src/index.ts' }, formats: ['es'] },
    rollupOptions: { external: [/^lit/, /^@lit\//, /^@portico\/core/] },
  },
});
