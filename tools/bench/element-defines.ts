/**
 * Where each element registers itself: the `define.ts` module under a package's `src/` that calls
 * `defineElement('<tag>', …)`. A package may register several elements, each from a define module of its own
 * (`@portico/health-record`: `src/health-record/define.ts`, `src/reminders/define.ts`), and a module that only
 * imports others (its `src/define.ts`) registers nothing itself. Core (`portal-session`, `patient-banner`) and the
 * umbrella are not element packages. Also: which tags the umbrella loads on first use.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One element and the module that registers it. */
export interface ElementDefine {
  /** The custom element's tag, as the define module passes it to `defineElement`. */
  tag: string;
  /** Its package folder, from the monorepo root: `packages/health-record`. */
  packageDir: string;
  /** The define module, from the package folder: `src/reminders/define.ts`. */
  source: string;
  /** The define module, from the monorepo root: `packages/health-record/src/reminders/define.ts`. */
  path: string;
}

const NOT_ELEMENT_PACKAGES = ['core', 'portico'] as const;
const DEFINE_CALL = /\bdefineElement\(\s*['"]([a-z][\w]*-[\w-]*)['"]/g;

/** Every element under packages/, by tag, with the define module that calls `defineElement` for it. */
export async function findElementDefines(root: string): Promise<ElementDefine[]> {
  const found: ElementDefine[] = [];
  const packages = (await readdir(join(root, 'packages'), { withFileTypes: true })).filter(
    (d) => d.isDirectory() && !(NOT_ELEMENT_PACKAGES as readonly string[]).includes(d.name),
  );
  for (const pkg of packages) {
    const packageDir = `packages/${pkg.name}`;
    const files = await readdir(join(root, packageDir, 'src'), { recursive: true }).catch(() => [] as string[]);
    for (const file of files.map((f) => f.split('\\').join('/')).filter((f) => f === 'define.ts' || f.endsWith('/define.ts')).sort()) {
      const source = `src/${file}`;
      const code = await readFile(join(root, packageDir, source), 'utf8');
      for (const [, tag] of code.matchAll(DEFINE_CALL)) found.push({ tag: tag!, packageDir, source, path: `${packageDir}/${source}` });
    }
  }
  const twice = [...new Set(found.filter((d, i) => found.findIndex((e) => e.tag === d.tag) !== i).map((d) => d.tag))];
  if (twice.length) {
    const where = (tag: string) => found.filter((d) => d.tag === tag).map((d) => d.path).join(' and ');
    throw new Error(`More than one define module registers ${twice.map((tag) => `<${tag}> (${where(tag)})`).join('; ')}`);
  }
  return found.sort((a, b) => a.tag.localeCompare(b.tag));
}

/** The tags `portico.js` loads on first use, as its source lists them (`ELEMENTS` in packages/portico/src/index.ts). */
export async function lazyElementTags(porticoDir: string): Promise<string[]> {
  const source = await readFile(join(porticoDir, 'src/index.ts'), 'utf8');
  const list = /const ELEMENTS\b[^{]*?=\s*\{([^}]*)\}/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/'([a-z][\w-]*)'\s*:/g)].map((m) => m[1]!);
}
