import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, minifySync, type Plugin } from 'vite';
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
 * `lang-init.js`, the classic script each page runs before its first paint (it applies the visitor's saved
 * language and writing direction; a file, not inline, for the Content-Security-Policy), built as
 * `assets/lang-init-<hash>.js`: a host caches a content-hashed file for good, so a reload runs it from the
 * cache instead of first waiting for the server to confirm it is unchanged. The development server serves
 * `/lang-init.js` as it is.
 */
function hashedLangInit(): Plugin {
  let fileName = '';
  return {
    name: 'portico-demo-hashed-lang-init',
    apply: 'build',
    buildStart() {
      const minified = minifySync('lang-init.js', readFileSync(here('./site/lang-init.js'), 'utf8'), { module: false });
      if (minified.errors.length) throw new Error(`lang-init.js: ${minified.errors.map((e) => e.message).join('; ')}`);
      fileName = `assets/lang-init-${createHash('sha256').update(minified.code).digest('base64url').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName, source: minified.code });
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, { filename }) {
        const tag = '<script src="/lang-init.js"></script>';
        if (!html.includes(tag)) throw new Error(`${filename} does not run ${tag}`);
        // vite-ignore: the file is written as it is, not bundled (a classic script).
        return html.replace(tag, `<script src="/${fileName}" vite-ignore></script>`);
      },
    },
  };
}

/**
 * The demo hospital website. Pages load Portico from source, in development and in `vite build` alike.
 * VITE_FHIR_BASE_URL (default http://localhost:8100/fhir) is written into the pages' portal-session.
 */
export default defineConfig({
  root: here('./site'),
  plugins: [sitePartials(), minifyLiterals(), hashedLangInit()],
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
