import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { minifyLiterals } from '../tools/vite/minify-literals.js';
import { SOURCE_CONDITION } from '../tools/vite/package-config.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The site's shared blocks (demo/site/partials/<name>.html), written into each page where it says
 * `<!-- site:<name> -->`: the header and footer on every page, the My health elements and help aside on
 * the My health pages. `<!-- site:header current="./page.html" -->` also marks the current page's link.
 */
function sitePartials(): Plugin {
  const partial = (name: string) => readFileSync(here(`./site/partials/${name}.html`), 'utf8');
  return {
    name: 'portico-demo-site-partials',
    transformIndexHtml(html) {
      return html.replace(/^ *<!-- site:([a-z-]+)(?: current="([^"]+)")? -->\n/gm, (_match, name: string, current?: string) => {
        const block = partial(name);
        return current ? block.replace(`href="${current}"`, `href="${current}" aria-current="page"`) : block;
      });
    },
  };
}

/**
 * The demo hospital website. Pages load Portico from source, in development and in `vite build` alike.
 * VITE_FHIR_BASE_URL (default http://localhost:8100/fhir) is written into the pages' portal-session.
 */
export default defineConfig({
  root: here('./site'),
  plugins: [sitePartials(), minifyLiterals()],
  envDir: here('.'),
  // Vue's build flags (the Vue page uses render functions only).
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  // `portico` and `@portico/*` from their source (the `source` export condition): no package needs building first.
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  optimizeDeps: {
    include: ['fhirclient/lib/smart', 'fhirclient/lib/adapters/BrowserAdapter', 'oidc-client-ts', 'lit', '@lit/context', '@lit/task'],
  },
  server: { host: 'localhost', strictPort: false },
  build: {
    target: 'es2022',
    outDir: here('../dist/demo-site'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: here('./site/index.html'),
        'my-health': here('./site/my-health.html'),
        'my-health-oidc': here('./site/my-health-oidc.html'),
        developers: here('./site/developers.html'),
        react: here('./site/react.html'),
        vue: here('./site/vue.html'),
        legal: here('./site/legal.html'),
      },
    },
  },
});
