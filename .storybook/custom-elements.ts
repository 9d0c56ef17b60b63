import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';

/**
 * `virtual:portico-custom-elements`: the Custom Elements Manifest of every package, analysed from
 * source when Storybook starts or builds (the same `cem analyze` and config as each package's build,
 * over all of packages/*\/src), so the docs pages and controls never wait for a package build. Under
 * `storybook dev` a change to a package's source analyses it again.
 */
export const CUSTOM_ELEMENTS_MODULE = 'virtual:portico-custom-elements';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = join(ROOT, 'packages') + sep;
const CEM = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');

interface Manifest {
  modules: { declarations?: { tagName?: string }[] }[];
}

/**
 * Runs the analyzer over the packages' source and returns the manifest as compact JSON, with only the
 * modules that declare an element (what Storybook reads).
 */
async function analyzeSources(): Promise<string> {
  const outdir = await mkdtemp(join(tmpdir(), 'portico-cem-'));
  try {
    // The analyzer joins --outdir to its working directory: a path relative to the root.
    const args = [CEM, 'analyze', '--litelement', '--config', 'custom-elements-manifest.config.mjs', '--globs', 'packages/*/src/**/*.ts', '--outdir', relative(ROOT, outdir), '--quiet'];
    await promisify(execFile)(process.execPath, args, { cwd: ROOT });
    const manifest = JSON.parse(await readFile(join(outdir, 'custom-elements.json'), 'utf8')) as Manifest;
    return JSON.stringify({ ...manifest, modules: manifest.modules.filter((m) => m.declarations?.some((d) => d.tagName)) });
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

export function customElementsManifest(): Plugin {
  const resolved = `\0${CUSTOM_ELEMENTS_MODULE}`;
  let manifest: Promise<string> | undefined;
  return {
    name: 'portico-custom-elements',
    resolveId: (source) => (source === CUSTOM_ELEMENTS_MODULE ? resolved : undefined),
    async load(id) {
      if (id !== resolved) return undefined;
      manifest ??= analyzeSources();
      return `export default JSON.parse(${JSON.stringify(await manifest)});`;
    },
    handleHotUpdate({ file, server }) {
      if (!file.startsWith(SOURCES) || !file.includes(`${sep}src${sep}`)) return;
      manifest = undefined;
      const module = server.moduleGraph.getModuleById(resolved);
      if (module) server.moduleGraph.invalidateModule(module);
    },
  };
}
