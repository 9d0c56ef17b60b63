/**
 * Every element is known everywhere a hospital or a designer meets it: an element package (a
 * `src/define.ts` registering one tag) must be in the umbrella bundle (lazy loading, scopes, tag types),
 * in the navigation targets, the bench, Storybook, the layout test, an e2e test, the demo site, the
 * README and its own package README. Adding an element and forgetting one of these fails here, by name.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFile(join(root, path), 'utf8').catch(() => '');

/** The files under `packages/<pkg>/src/` whose name passes `keep`, as paths from the repository root. */
async function sourceFiles(pkg: string, keep: (name: string) => boolean): Promise<string[]> {
  const files = await readdir(join(root, 'packages', pkg, 'src'), { recursive: true }).catch(() => [] as string[]);
  return files.filter((file) => keep(basename(file))).sort().map((file) => `packages/${pkg}/src/${file.split(sep).join('/')}`);
}

/**
 * The element packages that ship (the root package.json's workspaces: built, packed and published) and
 * the tags each registers, in any `define.ts` under its `src/` (a package of two elements has one per
 * element; core's define.js registers the session and banner). A package still being
 * written stays out of the workspaces, and so out of every build, until it is known everywhere below.
 */
async function elementTags(): Promise<{ pkg: string; tag: string }[]> {
  const found: { pkg: string; tag: string }[] = [];
  const { workspaces } = JSON.parse(await read('package.json')) as { workspaces: string[] };
  for (const pkg of await readdir(join(root, 'packages'))) {
    if (pkg === 'core' || !workspaces.includes(`packages/${pkg}`)) continue;
    for (const file of await sourceFiles(pkg, (name) => name === 'define.ts')) {
      for (const match of (await read(file)).matchAll(/defineElement\('([a-z-]+)'/g)) {
        if (!found.some((e) => e.tag === match[1])) found.push({ pkg, tag: match[1]! });
      }
    }
  }
  return found;
}

describe('every element is known everywhere', () => {
  it('finds the element packages', async () => {
    const tags = (await elementTags()).map((e) => e.tag);
    assert.ok(['appointment-booker', 'lab-results', 'health-record', 'health-reminders'].every((tag) => tags.includes(tag)), `found: ${tags.join(', ')}`);
  });

  it('each tag appears in every place that must know it', async () => {
    const places: [string, string | ((tag: string, pkg: string) => Promise<boolean>)][] = [
      ['the umbrella loads it lazily, declares its scopes and types its tag (packages/portico/src/index.ts)', 'packages/portico/src/index.ts'],
      ['navigate() can send the patient to it (core NAVIGATION_TARGETS)', 'packages/core/src/navigation/navigate.ts'],
      [
        'a layout test measures it at 320 px, 200 % and in Arabic (test/layout/elements.test.ts, or test/<pkg>/narrow-layout.test.ts)',
        async (tag, pkg) => (await read('test/layout/elements.test.ts')).includes(`<${tag}`) || (await read(`test/${pkg}/narrow-layout.test.ts`)).includes(`<${tag}`),
      ],
      ['the demo site shows it (demo/site/partials/my-health-elements.html)', 'demo/site/partials/my-health-elements.html'],
      ['the README documents it', 'README.md'],
      [
        'the bench measures its first screen (a section of tools/bench/)',
        async (tag) => (await Promise.all((await readdir(join(root, 'tools/bench'))).map((f) => read(`tools/bench/${f}`)))).some((text) => text.includes(`createElement('${tag}')`) || text.includes(`firstScreen(page, { tag: '${tag}'`) || text.includes(`benchFirstScreen({\n    tag: '${tag}'`)),
      ],
      ['Storybook has its stories (stories/<tag>.stories.ts)', async (tag) => (await read(`stories/${tag}.stories.ts`)).includes(`<${tag}`)],
      ['an e2e test opens it in the demo (test/e2e/<tag>.test.ts)', async (tag) => (await read(`test/e2e/${tag}.test.ts`)).includes(tag)],
      ['its package has a README naming it', async (tag, pkg) => (await read(`packages/${pkg}/README.md`)).includes(tag)],
      ['its package declares its scopes (src/scopes.ts)', async (_tag, pkg) => (await read(`packages/${pkg}/src/scopes.ts`)).length > 0],
    ];
    const missing: string[] = [];
    for (const { pkg, tag } of await elementTags()) {
      for (const [what, where] of places) {
        const known = typeof where === 'string' ? (await read(where)).includes(`'${tag}'`) || (await read(where)).includes(`<${tag}`) || (await read(where)).includes(`\`${tag}\``) : await where(tag, pkg);
        if (!known) missing.push(`<${tag}>: ${what}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('no two term packs name a term alike: their words share one catalogue, where the last to load would win', async () => {
    // Each English file is a pack of its own (core's, and every `i18n/en*.ts` of a package: two elements of
    // one package, or a first screen's words and those loaded later, are merged into the same catalogue).
    const owners = new Map<string, string[]>();
    const packs: string[] = [];
    for (const pkg of await readdir(join(root, 'packages'))) {
      const files = pkg === 'core' ? ['packages/core/src/i18n/locales/en.ts'] : await sourceFiles(pkg, (name) => /^en(?:-[a-z-]+)?\.ts$/.test(name));
      for (const file of files.filter((path) => path.includes('/i18n/'))) {
        packs.push(file);
        for (const match of (await read(file)).matchAll(/^ {2}([a-zA-Z]+)\??:/gm)) owners.set(match[1]!, [...(owners.get(match[1]!) ?? []), file]);
      }
    }
    assert.ok(packs.includes('packages/health-record/src/reminders/i18n/en.ts') && packs.includes('packages/appointment-booker/src/i18n/en-later.ts'), `packs read: ${packs.join(', ')}`);
    assert.ok(owners.size > 300, `terms read: ${owners.size}`);
    assert.deepEqual([...owners].filter(([, files]) => new Set(files).size > 1).map(([key, files]) => `${key}: ${files.join(', ')}`), []);
  });
});
