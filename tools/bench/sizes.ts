/**
 * Size benchmark: builds the packages with Vite (their own config files, minified, into a temp dir) and
 * reports min / gzip / brotli sizes of what a browser downloads: the initial load and each lazily loaded
 * chunk. Never reads the packages' dist/ folders.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { build, createLogger, type Plugin, type Rolldown, type UserConfig } from 'vite';
import { findElementDefines, lazyElementTags, type ElementDefine } from './element-defines.js';
import { report, type Column, type Row } from './report.js';

/** Ceilings in bytes of gzip (level 9). Budgets are reported, never enforced. */
export const budgets = {
  /** `@portico/core/define.js` initial load, lit excluded. */
  coreDefine: 25_000,
  /** `portico.js` initial load (entry + statically imported chunks), lit included; elements load on first use. */
  porticoInitial: 45_000,
  /** Each element's define entry, beyond core + lit (which every element shares). */
  elementDefine: 15_000,
  /** SMART sign-in's chunks (fhirclient), loaded to sign in or return from the login page. */
  smartSignIn: 25_000,
  /**
   * What the umbrella's page allows per element for its first screen (its define chunk and what that loads at
   * once, beyond portico.js), on average: the elements' size target. One element may take more, up to its
   * define entry's budget (elementDefine), if others take less.
   */
  elementFirstScreen: 12_000,
};

/**
 * `portico.js` on a page with SMART sign-in and `elements` elements: each distinct file their first screens
 * load. The sum of its parts' budgets (the initial load, SMART sign-in, each element's first screen), so it
 * grows by one element's allowance when an element is added. (Until 7 December 2026 it was a fixed 110 kB,
 * set when the umbrella had two elements.)
 */
function everyElementPageBudget(elements: number): number {
  return budgets.porticoInitial + budgets.smartSignIn + elements * budgets.elementFirstScreen;
}

export interface BenchContext {
  /** The monorepo root. */
  root: string;
  /** A fresh temp dir for this run, removed afterwards. */
  tmp: string;
}

export interface FileSize {
  file: string;
  min: number;
  gzip: number;
  brotli: number;
}

/** One emitted chunk with what the size report needs. */
export interface BuiltChunk {
  fileName: string;
  facade: string | null;
  isEntry: boolean;
  /** Local chunk files this chunk imports statically / dynamically. */
  imports: string[];
  dynamicImports: string[];
  /** Module id → rendered length before minification (for "what is in this chunk"). */
  modules: Record<string, number>;
  size: FileSize;
}

const columns: Column[] = [
  { key: 'files', label: 'files', unit: 'count' },
  { key: 'min', label: 'min', unit: 'bytes' },
  { key: 'gzip', label: 'gzip', unit: 'bytes' },
  { key: 'brotli', label: 'brotli', unit: 'bytes' },
];

const LIT = /[\\/]node_modules[\\/](?:lit|lit-html|lit-element|@lit[\\/][^\\/]+)[\\/]/;
const LIT_IMPORT = /^(?:lit|lit-html|lit-element)(?:\/|$)|^@lit\//;

export function measure(file: string, code: Buffer): FileSize {
  return {
    file,
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: code.length },
    }).length,
  };
}

export function sum(sizes: FileSize[]): { files: number; min: number; gzip: number; brotli: number } {
  return {
    files: sizes.length,
    min: sizes.reduce((n, s) => n + s.min, 0),
    gzip: sizes.reduce((n, s) => n + s.gzip, 0),
    brotli: sizes.reduce((n, s) => n + s.brotli, 0),
  };
}

/** Build warnings, collected instead of printed between the tables. */
const warnings = new Map<string, number>();

function quietLogger() {
  const logger = createLogger('warn', { allowClearScreen: false });
  const collect = (message: string) => {
    const first = stripVTControlCharacters(message).split('\n')[0]!.trim();
    warnings.set(first, (warnings.get(first) ?? 0) + 1);
  };
  logger.warn = collect;
  logger.warnOnce = collect;
  return logger;
}

export interface BuildOptions {
  /** Package directory (the Vite root). */
  packageDir: string;
  outDir: string;
  /** Adjusts the loaded config in place (entries, externals, chunk groups): runs after the config file. */
  adjust?: (config: UserConfig) => void;
  /** Whitespace + comment removal on top of Vite's lib-mode minify (what a consumer's app build does). */
  fullMinify?: boolean;
  /** Extra plugins and defines, for what-if builds. */
  plugins?: Plugin[];
  define?: Record<string, string>;
}

/**
 * `vite build` of a package with its own vite.config.ts into `outDir`, minified, no source maps. Returns the
 * chunks with their sizes as written to disk.
 */
export async function buildPackage({ packageDir, outDir, adjust, fullMinify = true, plugins = [], define = {} }: BuildOptions): Promise<BuiltChunk[]> {
  const configFile = join(packageDir, 'vite.config.ts');
  const adjuster: Plugin = {
    name: 'portico-bench-adjust',
    enforce: 'post',
    config(config) {
      config.build ??= {};
      config.build.rollupOptions ??= {};
      adjust?.(config);
      if (fullMinify) {
        // Vite's lib mode keeps whitespace and comments in ES output ("codegen: false") so that the consumer's
        // bundler can still read annotations; a consumer's production build would strip them.
        const output = config.build.rollupOptions.output;
        const full = { minify: true, comments: false } as const;
        config.build.rollupOptions.output = Array.isArray(output) ? output.map((o) => ({ ...o, ...full })) : { ...output, ...full };
      }
    },
  };
  const result = await build({
    root: packageDir,
    configFile: existsSync(configFile) ? configFile : false,
    logLevel: 'warn',
    customLogger: quietLogger(),
    clearScreen: false,
    plugins: [adjuster, ...plugins],
    define,
    build: { outDir, emptyOutDir: true, sourcemap: false, minify: true, copyPublicDir: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  const local = new Set(chunks.map((c) => c.fileName));
  return Promise.all(
    chunks.map(async (chunk) => ({
      fileName: chunk.fileName,
      facade: chunk.facadeModuleId,
      isEntry: chunk.isEntry,
      imports: chunk.imports.filter((f) => local.has(f)),
      dynamicImports: chunk.dynamicImports.filter((f) => local.has(f)),
      modules: Object.fromEntries(Object.entries(chunk.modules).map(([id, m]) => [id, m.renderedLength])),
      size: measure(chunk.fileName, await readFile(join(outDir, chunk.fileName))),
    })),
  );
}

/** The entry file plus every chunk it reaches through static `import` statements. */
export function staticClosure(chunks: BuiltChunk[], start: string[]): BuiltChunk[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name) || !byName.has(name)) continue;
    seen.add(name);
    queue.push(...byName.get(name)!.imports);
  }
  return [...seen].map((n) => byName.get(n)!);
}

/** A lazily loaded feature: the chunk a dynamic `import()` from the initial load asks for, and all it pulls in. */
export interface LazyFeature {
  label: string;
  chunks: BuiltChunk[];
}

const featureNames: [RegExp, string][] = [
  [/[\\/]auth[\\/]smart\.ts$/, 'SMART sign-in (fhirclient)'],
  [/[\\/]auth[\\/]oidc\.ts$/, 'OIDC sign-in (oidc-client-ts)'],
  [/[\\/]auth[\\/]token\.ts$/, 'token sign-in'],
  [/[\\/]locales[\\/]es\.ts$/, 'Spanish catalogue'],
  [/[\\/]locales[\\/]ar\.ts$/, 'Arabic catalogue'],
];

/** Whether a chunk's facade (an absolute module id) is an element's define module. */
const isDefineOf = (facade: string | null, define: ElementDefine) => !!facade && facade.split(sep).join('/').endsWith(`/${define.path}`);

const stripHash = (fileName: string) => fileName.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '.js');

/**
 * Chunks not in the initial load, grouped by the dynamic import that first reaches them: a feature is the
 * chunk imported with `import()` from the initial load, plus every chunk (static or dynamic) it goes on to
 * load. A chunk shared by two features is counted in both. A feature whose first chunk is an element's define
 * module (of `defines`) is named after the element.
 */
export function lazyFeatures(chunks: BuiltChunk[], initial: BuiltChunk[], defines: readonly ElementDefine[] = []): LazyFeature[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initialNames = new Set(initial.map((c) => c.fileName));
  const roots = [...new Set(initial.flatMap((c) => c.dynamicImports))].filter((n) => !initialNames.has(n));
  const features = roots.map((root) => {
    const seen = new Set<string>();
    const queue = [root];
    while (queue.length) {
      const name = queue.shift()!;
      if (seen.has(name) || initialNames.has(name) || !byName.has(name)) continue;
      seen.add(name);
      const chunk = byName.get(name)!;
      queue.push(...chunk.imports, ...chunk.dynamicImports);
    }
    const rootChunk = byName.get(root)!;
    const element = defines.find((d) => isDefineOf(rootChunk.facade, d));
    const label = element
      ? `<${element.tag}> (loaded when the page uses the tag)`
      : (featureNames.find(([pattern]) => rootChunk.facade && pattern.test(rootChunk.facade))?.[1] ?? stripHash(root));
    return { label, chunks: [...seen].map((n) => byName.get(n)!) };
  });
  // Chunks reached by none of the above (e.g. only through a lazy chunk's dynamic import of the entry).
  const reached = new Set([...initialNames, ...features.flatMap((f) => f.chunks.map((c) => c.fileName))]);
  for (const chunk of chunks) if (!reached.has(chunk.fileName)) features.push({ label: stripHash(chunk.fileName), chunks: [chunk] });
  const order = (label: string) => {
    const i = featureNames.findIndex(([, name]) => name === label);
    return i >= 0 ? i : label.startsWith('<') ? featureNames.length : featureNames.length + 1;
  };
  return features.sort((a, b) => order(a.label) - order(b.label) || a.label.localeCompare(b.label));
}

/** The npm package (or monorepo source folder) a module belongs to. */
function owner(id: string, root: string): string {
  const clean = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const nm = clean.lastIndexOf(`node_modules${sep}`);
  if (nm >= 0) {
    const parts = clean.slice(nm + `node_modules${sep}`.length).split(sep);
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  // Virtual modules: rolldown's CommonJS runtime, oxc's decorator helpers, …
  if (id.startsWith('\0') || !isAbsolute(clean) || /rolldown[\\/]runtime/.test(clean)) return 'bundler runtime';
  const rel = relative(root, clean);
  const pkg = /^packages[\\/]([^\\/]+)[\\/]/.exec(rel)?.[1];
  return pkg ? (pkg === 'portico' ? 'portico' : `@portico/${pkg}`) : rel;
}

/** What a chunk is made of, by package, as shares of its code before minification: "fhirclient 52%, cross-fetch 29%". */
export function composition(chunk: BuiltChunk, root: string): { package: string; bytes: number; share: number }[] {
  const byOwner = new Map<string, number>();
  for (const [id, length] of Object.entries(chunk.modules)) byOwner.set(owner(id, root), (byOwner.get(owner(id, root)) ?? 0) + length);
  const total = [...byOwner.values()].reduce((a, b) => a + b, 0) || 1;
  return [...byOwner]
    .map(([pkg, bytes]) => ({ package: pkg, bytes, share: bytes / total }))
    .filter((p) => p.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

function describe(chunk: BuiltChunk, root: string): string {
  const parts = composition(chunk, root).filter((p, i) => i < 4 && p.share >= 0.03);
  return parts.map((p) => `${p.package} ${Math.round(p.share * 100)}%`).join(', ');
}

function chunkRow(chunk: BuiltChunk, root: string, depth = 1): Row {
  const what = chunk.facade ? owner(chunk.facade, root) === '@portico/core' ? relative(join(root, 'packages/core'), chunk.facade) : chunk.facade.slice(chunk.facade.lastIndexOf(`node_modules${sep}`) + 13) : '';
  return {
    label: chunk.fileName + (what && !chunk.isEntry ? ` (${what.split(sep).join('/')})` : ''),
    depth,
    values: { ...sum([chunk.size]), files: undefined },
    note: describe(chunk, root) ? `contains: ${describe(chunk, root)}` : undefined,
    details: { file: chunk.fileName, facade: chunk.facade && relative(root, chunk.facade), composition: composition(chunk, root) },
  };
}

function featureRows(features: LazyFeature[], root: string): Row[] {
  return features.flatMap((feature) => [
    {
      label: feature.label,
      values: sum(feature.chunks.map((c) => c.size)),
      details: { files: feature.chunks.map((c) => c.fileName), composition: feature.chunks.length === 1 ? composition(feature.chunks[0]!, root) : undefined },
    },
    ...(feature.chunks.length > 1 ? feature.chunks.map((c) => chunkRow(c, root)) : []),
  ]);
}

/**
 * Views an element loads lazily but at once, when it first renders (its default view): part of its first
 * screen, by tag and module (from its package folder). A new element whose first view is lazy belongs here
 * (better: its default view comes with it, as record-download's export view now does, saving a round trip).
 */
const FIRST_SCREEN_VIEWS: Readonly<Record<string, readonly string[]>> = {};

/**
 * What a page with `portal-session` (SMART), `patient-banner` and every lazily loaded element downloads for
 * their first screens: the initial load, the SMART sign-in chunks, and each element's define chunk with its
 * static imports (and its default view when that loads lazily: FIRST_SCREEN_VIEWS). The first row is the total over distinct files; the others are the files each part adds.
 */
export function everyElementPage(chunks: BuiltChunk[], initial: BuiltChunk[], features: LazyFeature[], root: string, listed: string[], defines: readonly ElementDefine[]): Row[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initialNames = new Set(initial.map((c) => c.fileName));
  const smart = features.find((f) => f.label.startsWith('SMART'))?.chunks ?? [];
  // The elements `portico.js` loads on first use: its dynamic imports of an element's define module.
  const lazy = [...new Set(initial.flatMap((c) => c.dynamicImports))].map((name) => byName.get(name)!);
  const found = defines.map((define) => ({ define, chunk: lazy.find((c) => isDefineOf(c.facade, define)) }));
  const elements = found
    .filter((f): f is { define: ElementDefine; chunk: BuiltChunk } => f.chunk !== undefined)
    .map(({ define, chunk }) => {
      const { tag } = define;
      // A view the element loads as soon as it renders (its default view) belongs to its first screen.
      const views = (FIRST_SCREEN_VIEWS[tag] ?? []).map((view) => chunks.find((c) => c.facade && relative(root, c.facade).split(sep).join('/') === `${define.packageDir}/${view}`));
      const missingView = (FIRST_SCREEN_VIEWS[tag] ?? []).filter((_, i) => !views[i]);
      if (missingView.length) throw new Error(`FIRST_SCREEN_VIEWS names ${missingView.join(', ')} of ${tag}, which the build does not have as a chunk of its own.`);
      const first = staticClosure(chunks, [chunk.fileName, ...views.map((c) => c!.fileName)]).filter((c) => !initialNames.has(c.fileName));
      const loaded = new Set([...initialNames, ...first.map((c) => c.fileName)]);
      const later = [...new Set(first.flatMap((c) => c.dynamicImports))].filter((n) => !loaded.has(n)).map(stripHash);
      return { tag, first, later };
    });
  const counted = new Set<string>();
  const adds = (part: BuiltChunk[]) => part.filter((c) => !counted.has(c.fileName) && counted.add(c.fileName));
  const parts: { label: string; files: BuiltChunk[]; note?: string; budget?: number }[] = [
    { label: 'portico.js initial load (portal-session, patient-banner)', files: adds(initial) },
    { label: 'SMART sign-in (fhirclient)', files: adds(smart), budget: budgets.smartSignIn },
    ...elements.map((e) => ({
      label: `<${e.tag}> first screen`,
      files: adds(e.first),
      note: e.later.length ? `later, when used: ${e.later.join(', ')}` : undefined,
    })),
  ];
  const all = parts.flatMap((p) => p.files);
  const missing = listed.filter((tag) => !elements.some((e) => e.tag === tag));
  const notLoaded = found.filter((f) => !f.chunk).map((f) => `${f.define.tag} (${f.define.path})`);
  const notes = [
    !listed.length
      ? 'ELEMENTS not found in packages/portico/src/index.ts: could not check that every element is counted'
      : missing.length
        ? `not found in the build as a lazily loaded define module (in ELEMENTS of packages/portico/src/index.ts): ${missing.join(', ')}`
        : '',
    notLoaded.length ? `registered by a define module that portico.js does not load on first use: ${notLoaded.join(', ')}` : '',
  ].filter(Boolean);
  return [
    {
      label: `a page using every element plus SMART sign-in (${elements.map((e) => e.tag).join(', ')})`,
      values: sum(all.map((c) => c.size)),
      note: notes.length ? notes.join('; ') : undefined,
      budget: { column: 'gzip', max: everyElementPageBudget(elements.length) },
      details: { files: all.map((c) => c.fileName), elements: elements.map((e) => ({ tag: e.tag, firstScreen: e.first.map((c) => c.fileName), later: e.later })) },
    },
    ...parts.map((p) => ({
      label: p.label,
      depth: 1,
      values: sum(p.files.map((c) => c.size)),
      note: p.note,
      budget: p.budget === undefined ? undefined : { column: 'gzip', max: p.budget },
      details: { files: p.files.map((c) => c.fileName) },
    })),
  ];
}

export async function sizes({ root, tmp }: BenchContext): Promise<void> {
  const coreDir = join(root, 'packages/core');
  const porticoDir = join(root, 'packages/portico');
  const defines = await findElementDefines(root);

  // 1. @portico/core/define.js as a consumer's bundler sees it: dependencies resolved (fhirclient and
  //    oidc-client-ts become lazy chunks behind their dynamic imports), lit pulled into a chunk of its own.
  const core = await buildPackage({
    packageDir: coreDir,
    outDir: join(tmp, 'core'),
    adjust(config) {
      config.build!.lib = { ...(config.build!.lib || {}), entry: { define: 'src/define.ts' }, formats: ['es'] };
      config.build!.rollupOptions!.external = [];
      const output = config.build!.rollupOptions!.output;
      config.build!.rollupOptions!.output = {
        ...(Array.isArray(output) ? output[0] : output),
        codeSplitting: { groups: [{ name: 'lit', test: LIT }] },
      };
    },
  });
  const coreEntry = core.find((c) => c.isEntry && c.fileName.startsWith('define'))!;
  const coreInitial = staticClosure(core, [coreEntry.fileName]);
  const litChunks = coreInitial.filter((c) => Object.keys(c.modules).some((id) => LIT.test(id)) && Object.keys(c.modules).every((id) => LIT.test(id) || !/\.[jt]s$/.test(id)));
  const coreOnly = coreInitial.filter((c) => !litChunks.includes(c));
  report(
    {
      id: 'sizes.core',
      title: 'Sizes: @portico/core/define.js, bundled as a consumer would (lit in its own chunk)',
      columns,
      notes: [
        'lit is what core actually uses of lit, lit-html, lit-element, @lit/reactive-element, @lit/context and @lit/task',
        '(tree-shaken); every Portico element shares it, and a host that already uses lit pays it once.',
      ],
    },
    [
      {
        label: 'lit (lit + @lit/context + @lit/task)',
        values: sum(litChunks.map((c) => c.size)),
        note: litChunks.length === 1 ? `contains: ${describe(litChunks[0]!, root)}` : undefined,
        details: { files: litChunks.map((c) => c.fileName), composition: litChunks.length === 1 ? composition(litChunks[0]!, root) : undefined },
      },
      {
        label: 'core (define entry, without lit)',
        values: sum(coreOnly.map((c) => c.size)),
        budget: { column: 'gzip', max: budgets.coreDefine },
        details: { files: coreOnly.map((c) => c.fileName) },
      },
      ...(coreOnly.length > 1 ? coreOnly.map((c) => chunkRow(c, root)) : []),
      { label: 'core + lit (first load of the define entry)', values: sum(coreInitial.map((c) => c.size)) },
    ],
  );

  // 2. The umbrella bundle, built by its own config (lit included) — fully minified as a CDN/host would serve it.
  const portico = await buildPackage({ packageDir: porticoDir, outDir: join(tmp, 'portico') });
  const entry = portico.find((c) => c.isEntry && c.fileName === 'portico.js') ?? portico.find((c) => c.isEntry)!;
  const initial = staticClosure(portico, [entry.fileName]);
  // …and exactly as its config emits it (Vite lib mode: identifiers mangled, whitespace and comments kept).
  const shipped = await buildPackage({ packageDir: porticoDir, outDir: join(tmp, 'portico-as-configured'), fullMinify: false });
  const shippedEntry = shipped.find((c) => c.isEntry && c.fileName === 'portico.js') ?? shipped.find((c) => c.isEntry)!;
  const shippedInitial = staticClosure(shipped, [shippedEntry.fileName]);
  report({ id: 'sizes.portico', title: 'Sizes: portico.js umbrella bundle, initial load', columns }, [
    {
      label: 'whole bundle portico.js (initial load, lit included)',
      values: sum(initial.map((c) => c.size)),
      budget: { column: 'gzip', max: budgets.porticoInitial },
      details: { files: initial.map((c) => c.fileName) },
    },
    ...(initial.length > 1 ? initial.map((c) => chunkRow(c, root)) : []),
    {
      label: 'same, as packages/portico/vite.config.ts emits it today',
      values: sum(shippedInitial.map((c) => c.size)),
      note: 'Vite lib mode minifies ES output without removing whitespace/comments; dist/portico.js is this size.',
    },
  ]);

  // 3. Lazily loaded chunks of the umbrella bundle, one row per dynamic import from the initial load.
  const features = lazyFeatures(portico, initial, defines);
  // What-if: fhirclient's browser-only branches, as its own browser build takes them. `FHIRCLIENT_PURE` makes it use
  // the page's fetch instead of bundling cross-fetch; isomorphic-webcrypto (a side-effect shim for browsers
  // without `crypto.subtle`) is replaced by `globalThis.crypto`, which fhirclient prefers anyway.
  const slim = await buildPackage({
    packageDir: porticoDir,
    outDir: join(tmp, 'portico-slim-smart'),
    define: { FHIRCLIENT_PURE: 'true' },
    plugins: [
      {
        name: 'portico-bench-no-webcrypto-shim',
        enforce: 'pre',
        resolveId: (id) => (id === 'isomorphic-webcrypto' ? '\0bench:webcrypto' : null),
        load: (id) => (id === '\0bench:webcrypto' ? 'export default globalThis.crypto;' : null),
      },
    ],
  });
  const slimEntry = slim.find((c) => c.isEntry)!;
  const slimSmart = lazyFeatures(slim, staticClosure(slim, [slimEntry.fileName])).find((f) => f.label.startsWith('SMART'));
  const lazyRows = featureRows(features, root);
  let at = lazyRows.findIndex((r) => !r.depth && r.label.startsWith('SMART'));
  if (slimSmart && at >= 0) {
    do at++;
    while (lazyRows[at]?.depth);
    lazyRows.splice(at, 0, {
      label: 'what-if: FHIRCLIENT_PURE + no webcrypto shim',
      depth: 1,
      values: sum(slimSmart.chunks.map((c) => c.size)),
      note: 'not what ships: fhirclient built as its browser build does (page fetch, native crypto); see docs/benchmarks.md',
      details: { files: slimSmart.chunks.map((c) => c.fileName), experiment: true },
    });
  }
  report(
    {
      id: 'sizes.lazy',
      title: 'Sizes: portico.js lazily loaded chunks (only when used)',
      columns,
      notes: ['"contains:" = share of the chunk\'s code before minification, by npm package.'],
    },
    lazyRows,
  );

  report(
    {
      id: 'sizes.page',
      title: 'Sizes: portico.js on a page using every element plus SMART sign-in (first screens)',
      columns,
      notes: [
        'Each file counted once (a chunk shared by two parts is counted under the first). An element\'s first screen is its',
        'define chunk and what that imports statically, with its default view where that loads lazily; what it loads',
        'later with import() is left out (listed per element).',
      ],
    },
    everyElementPage(portico, initial, features, root, await lazyElementTags(porticoDir), defines),
  );

  // 4. Elements: each one's define module, built with its package's config, beyond core + lit (both external, as
  //    shared by every element). A package that registers two elements is built once for each.
  const elementRows: Row[] = [];
  for (const define of defines) {
    const dir = join(root, define.packageDir);
    const chunks = await buildPackage({
      packageDir: dir,
      outDir: join(tmp, `element-${define.tag}`),
      adjust(config) {
        config.build!.lib = { ...(config.build!.lib || {}), entry: { define: define.source }, formats: ['es'] };
        const coreSrc = join(root, 'packages', 'core') + sep;
        config.build!.rollupOptions!.external = (id: string) => LIT_IMPORT.test(id) || LIT.test(id) || id.startsWith('@portico/core') || id.startsWith(coreSrc);
      },
    });
    const defineEntry = chunks.find((c) => c.isEntry && c.fileName.startsWith('define')) ?? chunks.find((c) => c.isEntry)!;
    const views = (FIRST_SCREEN_VIEWS[define.tag] ?? []).flatMap((view) => chunks.filter((c) => c.facade && relative(dir, c.facade).split(sep).join('/') === view).map((c) => c.fileName));
    const first = staticClosure(chunks, [defineEntry.fileName, ...views]);
    elementRows.push({
      label: `${define.tag} (define entry${views.length ? ' and its first view' : ''}, beyond core + lit)`,
      values: sum(first.map((c) => c.size)),
      note: define.path === `packages/${define.tag}/src/define.ts` ? undefined : `define entry: ${define.path}`,
      budget: { column: 'gzip', max: budgets.elementDefine },
      details: { define: define.path, files: first.map((c) => c.fileName) },
    });
    for (const feature of lazyFeatures(chunks, first)) elementRows.push({ label: `lazy: ${feature.label}`, depth: 1, values: sum(feature.chunks.map((c) => c.size)) });
  }
  if (elementRows.length) report({ id: 'sizes.elements', title: 'Sizes: elements (each define module)', columns }, elementRows);
  else console.log('\n(no element define modules under packages/*/src yet: nothing to measure beyond core)');

  if (warnings.size) {
    console.log('\nBuild warnings (collected):');
    for (const [message, count] of warnings) console.log(`  ${count > 1 ? `${count}× ` : ''}${message}`);
  }
}
