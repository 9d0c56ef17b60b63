import { defineConfig, type UserConfig } from 'vite';
import { minifyCssLiterals } from './minify-css-literals.js';

/** Lit is shared by every element: a consumer's bundler provides it once. */
const LIT = [/^lit/, /^@lit\//];

/**
 * The build of one Portico package as an npm package: ES modules for `src/index.ts` and
 * `src/define.ts`, with the dependencies named in `external` (and Lit) left to the consumer's bundler.
 */
export function packageConfig(options: { external: RegExp[] }): UserConfig {
  return defineConfig({
    plugins: [minifyCssLiterals()],
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      lib: { entry: { index: 'src/index.ts', define: 'src/define.ts' }, formats: ['es'] },
      rollupOptions: { external: [...LIT, ...options.external] },
    },
  });
}
