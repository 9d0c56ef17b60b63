import { defineConfig, type UserConfig } from 'vite';
import { minifyLiterals } from './minify-literals.js';

/**
 * Node globals that bundled dependencies read (fhirclient reads `process.env.NODE_ENV`), replaced at build
 * time in every library build: a browser has no `process`, and a library build does not replace it on its own.
 * FHIRCLIENT_PURE makes fhirclient skip its fetch polyfill (every target browser has fetch).
 */
export const BROWSER_DEFINES: Record<string, string> = {
  'process.env.NODE_ENV': JSON.stringify('production'),
  'process.env': '{}',
  'global': 'globalThis',
  FHIRCLIENT_PURE: 'true',
};

/**
 * The export condition that resolves a workspace package (`@portico/*`, `portico`) to its TypeScript
 * source: the demo site, its dev server and the umbrella bundle build from source, so none of them needs
 * another package's `dist/` first. A consumer's bundler does not ask for it, so an installed package resolves to `dist/`.
 */
export const SOURCE_CONDITION = 'source';

/** Lit is shared by every element: a consumer's bundler provides it once. */
const LIT = [/^lit/, /^@lit\//];

/**
 * The build of one Portico package as an npm package: ES modules for `src/index.ts` and
 * `src/define.ts` (and `extraEntries`, e.g. an element's `scopes`), with the dependencies named in
 * `external` (and Lit) left to the consumer's bundler.
 */
export function packageConfig(options: { external: RegExp[]; extraEntries?: Record<string, string> }): UserConfig {
  return defineConfig({
    plugins: [minifyLiterals()],
    define: BROWSER_DEFINES,
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      lib: { entry: { index: 'src/index.ts', define: 'src/define.ts', ...options.extraEntries }, formats: ['es'] },
      rollupOptions: {
        external: [...LIT, ...options.external],
        // Modules shared by an entry and its lazy chunks stay in the entry (one file for the first load)
        // instead of chunks of their own.
        preserveEntrySignatures: 'allow-extension',
      },
    },
  });
}
