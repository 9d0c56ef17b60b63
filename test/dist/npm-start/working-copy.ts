import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGE_FOLDERS, WORKSPACE } from '../built-files.js';

const run = promisify(execFile);

/**
 * The working tree as a fresh clone would have it, in `dest`: every file git tracks or would track
 * (`git ls-files -co --exclude-standard`: the committed files with their uncommitted changes, and new ones),
 * and so no `dist/`, no build output, no caches.
 */
async function copyTrackedFiles(dest: string): Promise<number> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: WORKSPACE, maxBuffer: 64 * 1024 * 1024 });
  const files = stdout.split('\0').filter((file) => file && existsSync(join(WORKSPACE, file)));
  for (const file of files) {
    await mkdir(dirname(join(dest, file)), { recursive: true });
    await cp(join(WORKSPACE, file), join(dest, file), { verbatimSymlinks: true });
  }
  return files.length;
}

/**
 * `node_modules` for the copy without reinstalling: a link to each of the workspace's installed packages, except
 * the workspace's own (`@portico/*`, `portico`), which link to the copy's `packages/` as `npm install` would link
 * them. Caches (`.vite`, `.vite-temp`) stay the copy's own.
 */
async function linkNodeModules(dest: string): Promise<void> {
  const source = join(WORKSPACE, 'node_modules');
  const target = join(dest, 'node_modules');
  await mkdir(join(target, '@portico'), { recursive: true });
  for (const entry of await readdir(source)) {
    if ((entry.startsWith('.') && entry !== '.bin') || entry === '@portico' || entry === 'portico') continue;
    await symlink(join(source, entry), join(target, entry));
  }
  for (const folder of PACKAGE_FOLDERS) {
    const link = join(target, folder === 'portico' ? 'portico' : `@portico/${folder}`);
    await symlink(relative(dirname(link), join(dest, 'packages', folder)), link);
  }
}

/** A copy of the working tree in `dest`, as `git clone` then `npm install` would leave it; returns how many files it copied. */
export async function freshWorkingCopy(dest: string): Promise<number> {
  const count = await copyTrackedFiles(dest);
  await linkNodeModules(dest);
  return count;
}
