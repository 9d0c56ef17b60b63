/**
 * The demo site built for production once per source state, shared by every e2e file and date-matrix
 * row: the build (about 10 s) is made with placeholder addresses, kept under node_modules/.cache keyed
 * by a hash of what goes into it, and copied for each run with the run's own backend addresses filled in.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules/.cache/portico-demo-site');

/** What the build writes where each page's addresses go; replaced in every HTML page of a run's copy. */
const PLACEHOLDERS = { fhirBaseUrl: 'http://fhir-base-url.portico.invalid/fhir', authIssuer: 'http://auth-issuer.portico.invalid' } as const;

/** The files whose content decides the build (the site, the packages' source, the build's own config). */
const INPUTS = ['demo/site', 'demo/vite.config.ts', 'packages', 'tools/vite', 'package-lock.json', 'tsconfig.base.json'] as const;
const SKIPPED = new Set(['node_modules', 'dist', '.cache']);

async function filesUnder(path: string, into: string[]): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return (into.push(path), into);
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!SKIPPED.has(entry.name)) await filesUnder(join(path, entry.name), into);
  }
  return into;
}

/** A hash of every input file's path and content. */
async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of await filesUnder(join(ROOT, input), [])) hash.update(relative(ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The cached build for the current sources, built first when there is none. */
async function cachedBuild(): Promise<string> {
  const dir = join(CACHE, await sourceHash());
  if (await stat(join(dir, 'my-health.html')).then(() => true, () => false)) return dir;
  await mkdir(CACHE, { recursive: true });
  const building = await mkdtemp(join(CACHE, 'building-'));
  const saved = { fhir: process.env.VITE_FHIR_BASE_URL, issuer: process.env.VITE_AUTH_ISSUER };
  process.env.VITE_FHIR_BASE_URL = PLACEHOLDERS.fhirBaseUrl;
  process.env.VITE_AUTH_ISSUER = PLACEHOLDERS.authIssuer;
  try {
    await build({ configFile: join(ROOT, 'demo/vite.config.ts'), logLevel: 'warn', build: { outDir: building, sourcemap: false } });
  } finally {
    process.env.VITE_FHIR_BASE_URL = saved.fhir;
    process.env.VITE_AUTH_ISSUER = saved.issuer;
  }
  // The addresses must be in the pages only: a script holding one could not be given the run's own.
  for (const file of await filesUnder(building, [])) {
    if (file.endsWith('.html')) continue;
    const text = await readFile(file, 'utf8');
    if (Object.values(PLACEHOLDERS).some((p) => text.includes(p))) throw new Error(`The demo build put a backend address in ${relative(building, file)}: only HTML pages may carry it.`);
  }
  await rename(building, dir).catch(async () => rm(building, { recursive: true, force: true }));
  return dir;
}

/** A copy of the demo site built for production in `outDir`, its pages pointing at this run's backend. */
export async function copyDemoSite(outDir: string, addresses: { fhirBaseUrl: string; authIssuer: string }): Promise<void> {
  const source = await cachedBuild();
  await cp(source, outDir, { recursive: true });
  for (const file of await filesUnder(outDir, [])) {
    if (!file.endsWith('.html')) continue;
    const page = await readFile(file, 'utf8');
    await writeFile(file, page.replaceAll(PLACEHOLDERS.fhirBaseUrl, addresses.fhirBaseUrl).replaceAll(PLACEHOLDERS.authIssuer, addresses.authIssuer));
  }
}
