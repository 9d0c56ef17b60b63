import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_FOLDERS, WORKSPACE, type PackageFolder } from '../built-files.js';

const run = promisify(execFile);

/** One package as `npm pack` wrote it. */
export interface PackedPackage {
  folder: PackageFolder;
  name: string;
  version: string;
  /** The tarball's file name, in the folder it was packed into. */
  filename: string;
  integrity: string;
  /** The paths inside the tarball (`package.json`, `dist/index.js`, …). */
  files: string[];
}

/** Packs every workspace package into `destination` with `npm pack`, as a release would. */
export async function packPackages(destination: string): Promise<PackedPackage[]> {
  const workspaces = PACKAGE_FOLDERS.flatMap((folder) => ['--workspace', `packages/${folder}`]);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination, ...workspaces], { cwd: WORKSPACE });
  const packed = JSON.parse(stdout) as { name: string; version: string; filename: string; integrity: string; files: { path: string }[] }[];
  return packed.map((entry, index) => ({ ...entry, folder: PACKAGE_FOLDERS[index]!, files: entry.files.map((file) => file.path) }));
}

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}
interface Lock {
  packages: Record<string, LockEntry>;
}

/** The workspace's `overrides`: React Native modules fhirclient's crypto library names, replaced by an empty package. */
async function workspaceOverrides(): Promise<Record<string, string>> {
  const root = JSON.parse(await readFile(join(WORKSPACE, 'package.json'), 'utf8')) as { overrides?: Record<string, string> };
  return root.overrides ?? {};
}

/** The lock entry that `name` resolves to from the package at `from` (Node's walk up the node_modules folders). */
function resolveIn(lock: Lock, from: string, name: string): string | undefined {
  for (let base = from; ; base = base.slice(0, base.lastIndexOf('/node_modules/'))) {
    if (lock.packages[`${base}/node_modules/${name}`]) return `${base}/node_modules/${name}`;
    if (!base.includes('/node_modules/')) break;
  }
  return lock.packages[`node_modules/${name}`] ? `node_modules/${name}` : undefined;
}

/**
 * The consumer's package-lock.json: the packed tarballs, and every dependency they pull in at the version (and
 * integrity) the workspace's own lock pins. npm then installs from its cache alone (`--offline`): the same
 * versions the workspace tests with, and no registry round trip.
 */
function consumerLock(workspaceLock: Lock, packed: PackedPackage[], overrides: Record<string, string>, emptyPackage: string, packs: string): object {
  const packages: Record<string, LockEntry> = {};
  const dependencies: Record<string, string> = {};
  const pending: [from: string, name: string][] = [];
  for (const pack of packed) {
    const source = workspaceLock.packages[`packages/${pack.folder}`] ?? {};
    dependencies[pack.name] = `file:${packs}/${pack.filename}`;
    packages[`node_modules/${pack.name}`] = {
      version: pack.version,
      resolved: `file:${packs}/${pack.filename}`,
      integrity: pack.integrity,
      ...(source.license ? { license: source.license } : {}),
      ...(source.dependencies ? { dependencies: source.dependencies } : {}),
    };
    for (const name of Object.keys(source.dependencies ?? {})) pending.push([`packages/${pack.folder}`, name]);
  }
  const packedNames = new Set(packed.map((pack) => pack.name));
  while (pending.length) {
    const [from, name] = pending.pop()!;
    if (packedNames.has(name)) continue;
    if (name in overrides) {
      packages[`node_modules/${name}`] = { resolved: emptyPackage, link: true };
      packages[emptyPackage] = { name: 'empty-package', version: '1.0.0' };
      continue;
    }
    const path = resolveIn(workspaceLock, from, name);
    if (!path) continue; // an optional dependency for another platform
    const target = path.replace(/^packages\/([^/]+)\//, (_match, folder: string) => `node_modules/${packed.find((pack) => pack.folder === folder)?.name}/`);
    if (packages[target]) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = workspaceLock.packages[path]!;
    packages[target] = entry;
    const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional).map(([peer]) => peer));
    const next = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {}).filter((peer) => !optionalPeers.has(peer))];
    for (const dependency of next) pending.push([path, dependency]);
  }
  return { name: 'scratch-consumer', lockfileVersion: 3, requires: true, packages: { '': { name: 'scratch-consumer', dependencies }, ...packages } };
}

/**
 * A consumer project in `dir` (outside the workspace) that depends on the tarballs in `packsDir`: the pages and
 * sources of test/dist/packed-consumer/app, a package.json with the workspace's `overrides`, and a lock file.
 */
export async function createConsumer(dir: string, packsDir: string, packed: PackedPackage[]): Promise<void> {
  await cp(new URL('./app/', import.meta.url), dir, { recursive: true });
  const packs = relative(dir, packsDir).split('\\').join('/');
  const emptyPackage = relative(dir, join(WORKSPACE, 'tools/empty-package')).split('\\').join('/');
  const overrides = Object.fromEntries(Object.keys(await workspaceOverrides()).map((name) => [name, `file:${emptyPackage}`]));
  const dependencies = Object.fromEntries(packed.map((pack) => [pack.name, `file:${packs}/${pack.filename}`]));
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'scratch-consumer', private: true, type: 'module', dependencies, overrides }, null, 2)}\n`);
  const workspaceLock = JSON.parse(await readFile(join(WORKSPACE, 'package-lock.json'), 'utf8')) as Lock;
  await writeFile(join(dir, 'package-lock.json'), `${JSON.stringify(consumerLock(workspaceLock, packed, overrides, emptyPackage, packs), null, 2)}\n`);
}

/**
 * `npm install` in the consumer from npm's cache alone; when the cache lacks something (a machine whose
 * node_modules came from elsewhere), again with the registry for what is missing. Says which it took.
 */
export async function installConsumer(dir: string): Promise<'offline' | 'prefer-offline'> {
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
  try {
    await run('npm', [...args, '--offline'], { cwd: dir });
    return 'offline';
  } catch (error) {
    const output = String((error as { stderr?: string }).stderr ?? error);
    if (!/ENOTCACHED/.test(output)) throw error;
    console.info(`npm's cache lacks a package the consumer needs; installing with the registry:\n${output}`);
    await run('npm', [...args, '--prefer-offline'], { cwd: dir });
    return 'prefer-offline';
  }
}
