// @ts-check
/**
 * The Custom Elements Manifest (`dist/custom-elements.json`) of every package, generated from the
 * elements' JSDoc by `cem analyze --litelement` in each package's build, and from source for
 * Storybook (.storybook/custom-elements.ts). The plugins below add what the analyzer cannot see in
 * how the code is written:
 *
 * - tags registered through core's `defineElement(tag, Class)` rather than `customElements.define`;
 * - what every element gets from core's shared styles: the `--portico-*` tokens `themeStyles` reads
 *   (documented once, by `@cssprop` in packages/core/src/theme.ts, with the defaults it declares) and
 *   the `theme` attribute its rules answer to, and the state parts of `stateStyles`' templates
 *   (`@csspart` in packages/core/src/views/states.ts);
 * - events found both from `@fires` and from a `dispatchEvent(new …Event())` call, kept once;
 * - private and protected members, which are no part of an element's API.
 */
import { readFileSync } from 'node:fs';
import { resolveModuleOrPackageSpecifier } from '@custom-elements-manifest/analyzer/src/utils/index.js';

const CORE_SOURCE = new URL('./packages/core/src/', import.meta.url);

/** `@tag - description` lines of a JSDoc block in a core module, as manifest entries. */
function documentedTags(file, tag) {
  const text = readFileSync(new URL(file, CORE_SOURCE), 'utf8');
  const pattern = new RegExp(`^\\s*\\*\\s*@${tag}\\s+(\\S+)\\s+-\\s+(.*)$`, 'gm');
  return [...text.matchAll(pattern)].map(([, name, description]) => ({ name, description: description.trim() }));
}

/** The public tokens `themeStyles` reads, each with the fallback it declares (`var(--portico-x, <default>)`). */
function themeTokens() {
  const text = readFileSync(new URL('theme.ts', CORE_SOURCE), 'utf8');
  const defaults = new Map([...text.matchAll(/var\((--portico-[\w-]+),\s*(.+?)\);$/gm)].map(([, name, fallback]) => [name, fallback]));
  return documentedTags('theme.ts', 'cssprop').map((token) => ({ ...token, ...(defaults.has(token.name) ? { default: defaults.get(token.name) } : {}) }));
}

const THEME_ATTRIBUTE = {
  name: 'theme',
  type: { text: "'light' | 'dark' | 'auto'" },
  default: "'light'",
  description: '`dark` applies the dark palette, `auto` follows the device (`prefers-color-scheme`); light by default.',
};

/** The identifiers listed in a class's `static styles = [...]`. */
function staticStyles(ts, node) {
  const styles = node.members.find((member) => ts.isPropertyDeclaration(member) && member.name.getText() === 'styles' && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword));
  const value = styles?.initializer;
  if (!value) return [];
  const items = ts.isArrayLiteralExpression(value) ? value.elements : [value];
  return items.filter((item) => ts.isIdentifier(item)).map((item) => item.getText());
}

/** `defineElement('tag', Class)` (core's registration.ts) registers a tag, as `customElements.define` does. */
function defineElementCalls() {
  return {
    name: 'portico-define-element',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (!tag || !element || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: element.text, ...resolveModuleOrPackageSpecifier(moduleDoc, context, element.text) } },
      ];
    },
  };
}

/** What an element's `static styles` bring from core: the theme tokens and `theme` attribute, the state parts. */
function sharedStyles() {
  /** Class name → the style identifiers in its `static styles`. */
  const stylesOf = new Map();
  let tokens;
  let stateParts;
  return {
    name: 'portico-shared-styles',
    analyzePhase({ ts, node }) {
      if (ts.isClassDeclaration(node) && node.name) stylesOf.set(node.name.text, staticStyles(ts, node));
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        const styles = stylesOf.get(declaration.name) ?? [];
        if (declaration.kind !== 'class' || !declaration.customElement) continue;
        if (styles.includes('themeStyles')) {
          tokens ??= themeTokens();
          declaration.cssProperties = addMissing(declaration.cssProperties, tokens);
          declaration.attributes = addMissing(declaration.attributes, [THEME_ATTRIBUTE]);
        }
        if (styles.includes('stateStyles')) {
          stateParts ??= documentedTags('views/states.ts', 'csspart');
          declaration.cssParts = addMissing(declaration.cssParts, stateParts);
        }
      }
    },
  };
}

/** `items` with those of `added` whose name is not there yet. */
function addMissing(items = [], added) {
  return [...items, ...added.filter((entry) => !items.some((item) => item.name === entry.name)).map((entry) => ({ ...entry }))];
}

/**
 * An event documented by `@fires {Type} name` and also found as `dispatchEvent(new Type(…))` comes out
 * twice, once without a name: the unnamed copy goes. Private and protected members go too (the API of
 * an element is its public members), and so does the definition the analyzer reads into
 * `defineElement`'s own `customElements.define(tag, constructor)` (`tag` is no tag name).
 */
function publicApiOnly() {
  return {
    name: 'portico-public-api',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.exports = module.exports?.filter((e) => e.kind !== 'custom-element-definition' || e.name.includes('-'));
      }
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        if (declaration.kind !== 'class') continue;
        if (declaration.events) {
          const named = new Set(declaration.events.filter((e) => e.name).map((e) => e.type?.text));
          declaration.events = declaration.events.filter((e) => e.name || !named.has(e.type?.text));
        }
        if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'));
      }
    },
  };
}

/**
 * References to other modules (`superclass`, `inheritedFrom`, a definition's `declaration`) as the
 * analyzer writes them for JavaScript sources (`/src/x/y.js`), made the `path` of the module they name
 * (`src/x/y.ts`), so a tool can follow them.
 */
function moduleReferences() {
  return {
    name: 'portico-module-references',
    packageLinkPhase({ customElementsManifest }) {
      const paths = customElementsManifest.modules.map((m) => m.path);
      const resolve = (reference) => {
        const bare = reference.replace(/^\//, '').replace(/\.js$/, '.ts');
        return paths.find((path) => path === bare || path.endsWith(`/${bare}`)) ?? reference;
      };
      const visit = (value) => {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object') {
          for (const [key, item] of Object.entries(value)) {
            if (key === 'module' && typeof item === 'string') value.module = resolve(item);
            else visit(item);
          }
        }
      };
      customElementsManifest.modules.forEach((m) => visit({ declarations: m.declarations, exports: m.exports }));
    },
  };
}

export default {
  litelement: true,
  outdir: 'dist',
  // package.json names the manifest itself ("customElements"); the analyzer would rewrite the file.
  packagejson: false,
  plugins: [defineElementCalls(), sharedStyles(), publicApiOnly(), moduleReferences()],
};
