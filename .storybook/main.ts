import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

/** Stories import the packages from source (as tsconfig.json's `paths` do), not from their builds. */
const coreSource = (path: string) => fileURLToPath(new URL(`../packages/core/src/${path}`, import.meta.url));
const bookerSource = (path: string) => fileURLToPath(new URL(`../packages/appointment-booker/src/${path}`, import.meta.url));
const labsSource = (path: string) => fileURLToPath(new URL(`../packages/lab-results/src/${path}`, import.meta.url));

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  core: { disableTelemetry: true },
  // The stories paint their own page background, which follows the theme toolbar.
  features: { backgrounds: false },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: {
        alias: [
          { find: /^@portico\/core\/define\.js$/, replacement: coreSource('define.ts') },
          { find: /^@portico\/core$/, replacement: coreSource('index.ts') },
          { find: /^@portico\/appointment-booker\/define\.js$/, replacement: bookerSource('define.ts') },
          { find: /^@portico\/appointment-booker$/, replacement: bookerSource('index.ts') },
          { find: /^@portico\/lab-results\/define\.js$/, replacement: labsSource('define.ts') },
          { find: /^@portico\/lab-results$/, replacement: labsSource('index.ts') },
        ],
      },
      // Lit's decorators as the project compiles them (tsconfig.base.json): TypeScript's experimental
      // decorators and `useDefineForClassFields: false`, so class fields never shadow reactive accessors.
      // Vite 8 transforms TypeScript with Oxc; these are its names for those two settings.
      oxc: {
        decorator: { legacy: true },
        assumptions: { setPublicClassFields: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
      },
      // Storybook's web-components renderer imports lit/directive-helpers.js, which the dev server would
      // otherwise serve unbundled: a second lit-html copy ("Multiple versions of Lit loaded").
      optimizeDeps: { include: ['lit', 'lit/directive-helpers.js', 'lit/decorators.js', '@lit/context', '@lit/task'] },
      build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
    });
  },
};

export default config;
