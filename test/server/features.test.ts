/**
 * The server's element areas are each one module, all listed in one registry
 * (demo/server/features/registry.ts): a module file left out of it, or a seed builder no module (nor the
 * shared base) wires, is named here; the modules' operation settings reach the command line.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/features.test.ts
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CapabilityStatement } from 'fhir/r4';
import { READ_ONLY } from '../../demo/server/fhir/capability.js';
import { operationOptions, operationSettingsOfArgs } from '../../demo/server/features/options.js';
import { FEATURES, limitedInteractions, OPERATION_SETTINGS } from '../../demo/server/features/registry.js';

const root = join(import.meta.dirname, '../..');
const featuresDir = join(root, 'demo/server/features');
/** The files of features/ that are not modules: the interface, the registry, the command-line flags. */
const NOT_MODULES = ['feature.ts', 'registry.ts', 'options.ts'];

describe('one module per element area, in one registry', () => {
  it('every module in demo/server/features is registered in FEATURES', async () => {
    const unregistered: string[] = [];
    const files = (await readdir(featuresDir)).filter((f) => f.endsWith('.ts') && !NOT_MODULES.includes(f));
    assert.ok(files.length >= 6, `found: ${files.join(', ')}`);
    for (const file of files) {
      const exported = Object.values((await import(join(featuresDir, file))) as Record<string, unknown>);
      const modules = exported.filter((value): value is { name: string } => !!value && typeof value === 'object' && 'name' in value && 'seed' in value);
      if (!modules.length) unregistered.push(`${file}: exports no module (name, seed)`);
      for (const module of modules) if (!(FEATURES as readonly unknown[]).includes(module)) unregistered.push(`${file}: ${module.name} is not in FEATURES (features/registry.ts)`);
    }
    assert.deepEqual(unregistered, []);
  });

  it('module names are unique (each forks its own random stream by name)', () => {
    const names = FEATURES.map((f) => f.name);
    assert.deepEqual(names, [...new Set(names)]);
  });

  it('every seed builder is wired by a module or by the shared base in seed/index.ts', async () => {
    const seedDir = join(root, 'demo/server/seed');
    const wiring = [await readFile(join(seedDir, 'index.ts'), 'utf8'), ...(await Promise.all((await readdir(featuresDir)).map((f) => readFile(join(featuresDir, f), 'utf8'))))].join('\n');
    const users = await Promise.all((await readdir(seedDir)).filter((f) => f.endsWith('.ts')).map(async (f) => [f, await readFile(join(seedDir, f), 'utf8')] as const));
    const orphans: string[] = [];
    for (const [file, text] of users) {
      for (const [, builder] of text.matchAll(/^export function (build[A-Z]\w*)\(/gm)) {
        // A builder other seed files call (buildLabDraw) is wired through them.
        const calledInSeed = users.some(([other, otherText]) => other !== file && new RegExp(`\\b${builder}\\(`).test(otherText));
        if (!calledInSeed && !new RegExp(`\\b${builder}\\b`).test(wiring)) orphans.push(`${file}: ${builder} is in no module of demo/server/features`);
      }
    }
    assert.deepEqual(orphans, []);
  });

  it('write rules decide which directory types patients may change: only Slot, and only by update', () => {
    assert.deepEqual(limitedInteractions('Slot'), ['update']);
    assert.equal(READ_ONLY.has('Slot'), false);
    for (const type of ['Location', 'Practitioner', 'Schedule', 'Patient', 'Person']) assert.equal(READ_ONLY.has(type), true, type);
    // Messages: sent and marked read, never patched or deleted; the care team is not the patient's to change.
    assert.deepEqual(limitedInteractions('Communication'), ['create', 'update']);
    assert.deepEqual(limitedInteractions('CareTeam'), []);
    // Documents and files: added by the patient, never changed or deleted.
    assert.deepEqual(limitedInteractions('DocumentReference'), ['create']);
    assert.deepEqual(limitedInteractions('Binary'), ['create']);
  });
});

/** Starts `npm run server` (demo/server/main.ts) on a free port with `args`; its CapabilityStatement's operations of `type`. */
async function appointmentOperations(args: string[], type = 'Appointment'): Promise<string[]> {
  const child = spawn(process.execPath, ['--experimental-websocket', '--import', 'tsx', 'demo/server/main.ts', '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /FHIR R4 server:\s+(\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the server stopped (${code}): ${out}`)));
    });
    const capability = (await (await fetch(`${base}/metadata`)).json()) as CapabilityStatement;
    return (capability.rest?.[0]?.resource?.find((r) => r.type === type)?.operation ?? []).map((o) => o.name);
  } finally {
    child.kill();
  }
}

describe('operation settings on the command line', () => {
  it('each setting is a flag: --scheduling-operations, --everything-operation, --no-record-operations', () => {
    assert.deepEqual([...OPERATION_SETTINGS], ['schedulingOperations', 'everythingOperation', 'recordOperations']);
    assert.deepEqual(Object.keys(operationOptions()), ['scheduling-operations', 'everything-operation', 'record-operations', 'no-record-operations']);
    assert.deepEqual(operationSettingsOfArgs({}), { schedulingOperations: false, everythingOperation: false, recordOperations: true });
    assert.deepEqual(operationSettingsOfArgs({ 'no-record-operations': true, 'everything-operation': true }), { schedulingOperations: false, everythingOperation: true, recordOperations: false });
  });

  it('npm run server offers $summary and $health-cards-issue unless --no-record-operations; $everything only with --everything-operation', async () => {
    assert.deepEqual(await appointmentOperations([], 'Patient'), ['summary', 'health-cards-issue']);
    assert.deepEqual(await appointmentOperations(['--no-record-operations', '--everything-operation'], 'Patient'), ['everything']);
  });

  it('npm run server -- --scheduling-operations lists $find and $book; without it, none', async () => {
    assert.deepEqual(await appointmentOperations(['--scheduling-operations']), ['find', 'book']);
    assert.deepEqual(await appointmentOperations([]), []);
  });
});
