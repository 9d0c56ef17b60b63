/**
 * The server's element areas, each in one module (feature.ts): the one list the seed (seed/index.ts),
 * the write checks (fhir/writes.ts, fhir/bundles.ts), the request classifier (fhir/service.ts), the
 * CapabilityStatement (fhir/capability.ts) and the server's options (server.ts, main.ts) read.
 *
 * The order is the seed's: a module comes after those whose products it uses (`SeedContext.earlier`),
 * and the resources come out in this order. The hospital directory (organizations, clinicians,
 * patients, users) is the shared base every module builds on, made before any of them.
 */
import type { BundleEntry } from '@medplum/fhirtypes';
import { fitsOperationPath, type TransactionView } from '../fhir/interactions.js';
import type { JournalingRepository } from '../fhir/repository.js';
import { billing } from './billing.js';
import { clinical } from './clinical.js';
import { documents } from './documents.js';
import type { OfferedOperation, OperationSet, WriteRule } from './feature.js';
import { labs } from './labs.js';
import { largePatient } from './large-patient.js';
import { medications } from './medications.js';
import { messages } from './messages.js';
import { reminders } from './reminders.js';
import { scheduling } from './scheduling.js';

/** Every module, in seed order. */
export const FEATURES = [scheduling, labs, clinical, billing, documents, messages, medications, reminders, largePatient] as const;

/** Every module's operation sets. */
const OPERATION_SETS = FEATURES.flatMap((f): readonly OperationSet<OperationSetting>[] => f.operations ?? []);

/** The tenant settings that offer a module's operations (`schedulingOperations`, …). */
export type OperationSetting = NonNullable<(typeof FEATURES)[number]['operations']>[number]['setting'];
export const OPERATION_SETTINGS: readonly OperationSetting[] = OPERATION_SETS.map((set) => set.setting);

/** Which operation sets a tenant (the server, a sandbox, a story's page) offers. */
export type OperationSettings = { readonly [S in OperationSetting]?: boolean };

/** Is the setting on by default (when the server, a sandbox or a story does not say)? */
export function isOnByDefault(setting: OperationSetting): boolean {
  return OPERATION_SETS.some((set) => set.setting === setting && set.default === true);
}

/** The operations `settings` turn on. */
export function offeredOperations(settings: OperationSettings): OfferedOperation[] {
  return OPERATION_SETS.flatMap((set) => (settings[set.setting] ? set.operations : []));
}

/** The request paths (`Appointment/$find`, `Patient/:id/$everything`) of the operations `settings` turn on, for fhir/interactions.ts `classify`. */
export function offeredOperationPaths(settings: OperationSettings): string[] {
  return offeredOperations(settings).map((o) => o.path);
}


/** The CapabilityStatement entries of the operations `settings` turn on (one per operation, though it may answer at several paths). */
export function capabilityOperations(settings: OperationSettings): OfferedOperation['capability'][] {
  const entries = new Map(offeredOperations(settings).map((o) => [`${o.capability.resourceType}/${o.capability.name}`, o.capability]));
  return [...entries.values()];
}

/** The operation answering `path`, when `settings` offer it. */
export function operationAt(settings: OperationSettings, path: string): OfferedOperation | undefined {
  return offeredOperations(settings).find((o) => fitsOperationPath(o.path, path));
}

/** Every module's write rules, by resource type (several modules may add rules to one type). */
export const WRITE_RULES: ReadonlyMap<string, readonly WriteRule[]> = (() => {
  const rules = new Map<string, WriteRule[]>();
  for (const feature of FEATURES) {
    for (const [type, rule] of Object.entries(feature.writes ?? {})) rules.set(type, [...(rules.get(type) ?? []), rule]);
  }
  return rules;
})();

/** The write rules of `resourceType` (none: only the generic checks). */
export function writeRulesFor(resourceType: string): readonly WriteRule[] {
  return WRITE_RULES.get(resourceType) ?? [];
}

/**
 * The interactions patients may make on `resourceType` when a rule limits them (every limiting rule
 * agrees), else undefined.
 */
export function limitedInteractions(resourceType: string): readonly NonNullable<WriteRule['interactions']>[number][] | undefined {
  const limits = writeRulesFor(resourceType).flatMap((r) => (r.interactions ? [r.interactions] : []));
  if (!limits.length) return undefined;
  return limits.reduce((both, next) => both.filter((i) => next.includes(i)));
}

/** After a transaction's writes ran: every rule of a type it wrote confirms what they produced. */
export function confirmTransaction(transaction: TransactionView, responses: readonly (BundleEntry | undefined)[]): void {
  const written = new Set(transaction.writes.map((w) => w.classified.resourceType));
  for (const [type, rules] of WRITE_RULES) {
    if (written.has(type)) for (const rule of rules) rule.confirm?.(transaction, responses);
  }
}

/** The error text of a sandbox setting some module does not accept, else undefined. */
export function checkSandboxSettings(settings: Readonly<Record<string, unknown>>): string | undefined {
  for (const feature of FEATURES) {
    const error = feature.checkSandboxSettings?.(settings);
    if (error) return error;
  }
  return undefined;
}

/** Applies every module's sandbox settings to a new sandbox's data. */
export function configureSandbox(repo: JournalingRepository, settings: Readonly<Record<string, unknown>>): void {
  for (const feature of FEATURES) feature.configureSandbox?.(repo, settings);
}

/** The operation settings in `values` (server options, a sandbox request's body), as booleans; one not given takes its default. */
export function operationSettingsOf(values: object | undefined): OperationSettings {
  return Object.fromEntries(
    OPERATION_SETTINGS.map((setting) => {
      const value = (values as Record<string, unknown> | undefined)?.[setting];
      return [setting, value === undefined ? isOnByDefault(setting) : !!value];
    }),
  );
}
