import { defineConfig } from 'vite';
import { minifyCssLiterals } from '../../tools/vite/minify-css-literals.js';

/** @portico/lab-results as an npm package: ES modules, dependencies left to the consumer's bundler. */
export default defineConfig({
  plugins: [minifyCssLiterals()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es'] },
    rollupOptions: { external: [/^lit/, /^@lit\//, /^@portico\/core/] },
  },
});
