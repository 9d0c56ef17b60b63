/**
 * Every element is known everywhere a hospital or a designer meets it: an element package (a
 * `src/define.ts` registering one tag) must be in the umbrella bundle (lazy loading, scopes, tag types),
 * in the navigation targets, the bench, Storybook, the layout test, an e2e test, the demo site, the
 * README and its own package README. Adding an element and forgetting one of these fails here, by name.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFile(join(root, path), 'utf8').catch(() => '');

/**
 * The element packages that ship (the root package.json's workspaces: built, packed and published) and
 * the tag each registers (core's define.js registers the session and banner). A package still being
 * written stays out of the workspaces, and so out of every build, until it is known everywhere below.
 */
async function elementTags(): Promise<{ pkg: string; tag: string }[]> {
  const found: { pkg: string; tag: string }[] = [];
  const { workspaces } = JSON.parse(await read('package.json')) as { workspaces: string[] };
  for (const pkg of await readdir(join(root, 'packages'))) {
    if (pkg === 'core' || !workspaces.includes(`packages/${pkg}`)) continue;
    const define = await read(`packages/${pkg}/src/define.ts`);
    for (const match of define.matchAll(/defineElement\('([a-z-]+)'/g)) found.push({ pkg, tag: match[1]! });
  }
  return found;
}

describe('every element is known everywhere', () => {
  it('finds the element packages', async () => {
    const tags = (await elementTags()).map((e) => e.tag);
    assert.ok(tags.includes('appointment-booker') && tags.includes('lab-results'), `found: ${tags.join(', ')}`);
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

  it('no two packages name a term alike: their words share one catalogue, where the last to load would win', async () => {
    const owners = new Map<string, string[]>();
    for (const pkg of await readdir(join(root, 'packages'))) {
      const files = pkg === 'core' ? ['src/i18n/locales/en.ts'] : ['src/i18n/en.ts', 'src/i18n/en-later.ts'];
      for (const file of files) {
        for (const match of (await read(`packages/${pkg}/${file}`)).matchAll(/^ {2}([a-zA-Z]+)\??:/gm)) owners.set(match[1]!, [...(owners.get(match[1]!) ?? []), pkg]);
      }
    }
    assert.ok(owners.size > 300, `terms read: ${owners.size}`);
    assert.deepEqual([...owners].filter(([, pkgs]) => new Set(pkgs).size > 1).map(([key, pkgs]) => `${key}: ${pkgs.join(', ')}`), []);
  });
});
