import type { StorybookConfig } from '@storybook/web-components-vite';
import { SOURCE_CONDITION } from '../tools/vite/package-config.js';
import { customElementsManifest } from './custom-elements.js';
import { fhirDefinitions } from './fhir-definitions.js';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  core: { disableTelemetry: true },
  // The stories paint their own page background, which follows the theme toolbar.
  features: { backgrounds: false },
  async viteFinal(viteConfig) {
    const { defaultClientConditions, mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      // The packages from source (their `source` export condition), as the demo site loads them: no build first.
      resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
      // The FHIR definitions of the in-browser demo server (stories/support/story-server.ts), and the
      // Custom Elements Manifest analysed from the packages' source (docs pages and controls).
      plugins: [fhirDefinitions(), customElementsManifest()],
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
