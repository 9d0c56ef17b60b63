import type { Plugin } from 'vite';

/**
 * Minifies the CSS inside Lit's `css` tagged templates of Portico's own sources: comments dropped,
 * whitespace collapsed, no space around `{`, `}`, `;` or after `:` and `,`. Interpolations (`${…}`)
 * are kept as they are. Quoted strings are left alone. Lit ships these templates as written, so this
 * is what keeps the indentation of readable style files out of the bundles.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'portico-minify-css-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = code.replace(/\bcss`([^`]*)`/g, (_whole, body: string) => `css\`${minifyTemplate(body)}\``);
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** Minifies the static parts of one template body, leaving `${…}` and quoted strings untouched. */
export function minifyTemplate(body: string): string {
  return body
    .split(/(\$\{[^}]*\}|'[^'\n]*'|"[^"\n]*")/)
    .map((part, i) => (i % 2 ? part : minifyCss(part)))
    .join('')
    .trim();
}

function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/([:,])\s+/g, '$1')
    .replace(/;}/g, '}');
}
