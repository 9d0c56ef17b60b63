/**
 * What one element area adds to the embedded server, in one place: its part of the demo seed, the rules
 * its writes follow beyond the generic ones, and the operations it answers. Every module is listed once,
 * in registry.ts, which the seed, the write checks, the request classifier and the server read.
 */
import type { BundleEntry, Resource } from '@medplum/fhirtypes';
import type { MedicationRequest, Resource as SeedResource } from 'fhir/r4';
import type { FhirCall } from '../fhir/bundles.js';
import type { Interaction, RequestContext, TransactionView } from '../fhir/interactions.js';
import type { Answer } from '../fhir/reads.js';
import type { JournalingRepository } from '../fhir/repository.js';
import type { LocalDate } from '../seed/calendar.js';
import type { ImmunizationSummary } from '../seed/clinical.js';
import type { IdAllocator } from '../seed/ids.js';
import type { PatientProfile } from '../seed/patients.js';
import type { Random } from '../seed/random.js';
import type { Visit } from '../seed/scheduling.js';

/** What a seed module hands to the modules after it (the registry's order decides who comes first). */
export interface SeedProducts {
  /** Every visit, past and future, with its Appointment and Encounter ids (scheduling). */
  visits: readonly Visit[];
  /** The immunizations given, for the printable immunization record (clinical). */
  immunizations: readonly ImmunizationSummary[];
  /** The prescriptions (clinical), for the pharmacy fills and refill requests. */
  prescriptions: readonly MedicationRequest[];
}

/** What a module's `seed` works from. */
export interface SeedContext {
  /** "Today" in clinic time; every date is placed relative to it. */
  readonly today: LocalDate;
  /** The patients of the shared base (with `large` when asked for). */
  readonly profiles: readonly PatientProfile[];
  /** Unique readable ids, shared by every module. */
  readonly ids: IdAllocator;
  /** The module's own stream, forked from the seed by its name: its draws never shift another module's. */
  readonly random: Random;
  /** What an earlier module produced; throws, naming both, when none has. */
  earlier<K extends keyof SeedProducts>(key: K): SeedProducts[K];
}

/** A module's part of the seed. */
export interface SeedPart {
  resources: SeedResource[];
  /** What later modules may use (`SeedContext.earlier`). */
  products?: Partial<SeedProducts>;
}

/** A created or updated resource, after the generic write checks passed on it. */
export interface CheckedWrite {
  interaction: 'create' | 'update';
  resourceType: string;
  id?: string;
  resource: Resource;
  /** The update's `If-Match` (`W/"3"`), when it has one: a stale one is answered 412 when the write runs. */
  ifMatch?: string;
}

/**
 * A module's rules for writes of one resource type, run after the generic checks of fhir/writes.ts
 * (scopes, another patient's record, the stored resource, read-only types). A refusal throws an
 * `HttpProblem` (fhir/interactions.ts `forbidden`, `problem`).
 */
export interface WriteRule {
  /**
   * The only interactions a patient may make on the type (checked before the body); any other is 403
   * with `refusal`. A directory type (fhir/access.ts SHARED_TYPES) is read-only (405) unless a rule
   * names what may be written; the CapabilityStatement lists these.
   */
  readonly interactions?: readonly Extract<Interaction, 'create' | 'update' | 'patch' | 'delete'>[];
  readonly refusal?: string;
  /** A create or update whose body passed the generic checks; `transaction` when it is a transaction's entry. */
  check?(context: RequestContext, write: CheckedWrite, transaction?: TransactionView): void;
  /** After a transaction's writes ran (inside it, so a refusal rolls them back), given their responses in order. */
  confirm?(transaction: TransactionView, responses: readonly (BundleEntry | undefined)[]): void;
}

/** An operation a module answers, e.g. `Appointment/$find`. */
export interface OfferedOperation {
  /** The request path after the FHIR base, e.g. `Appointment/$book`; `:id` stands for a resource id (`Patient/:id/$everything`). */
  readonly path: string;
  /** Its entry under the type's `operation` in the CapabilityStatement. */
  readonly capability: { resourceType: string; name: string; definition: string };
  run(context: RequestContext, call: FhirCall): Promise<Answer>;
}

/**
 * Operations a tenant offers only when `setting` is on: a server option (`--scheduling-operations` for
 * `schedulingOperations`), a test sandbox's setting and a story's `parameters.storyFhir`. Off, every one
 * of them is 403 and the CapabilityStatement does not list them.
 */
export interface OperationSet<S extends string = string> {
  readonly setting: S;
  /** On when the server, a sandbox or a story does not say (false unless given: `--no-<flag>` turns it off). */
  readonly default?: boolean;
  readonly operations: readonly OfferedOperation[];
}

/** One element area's server behaviour. */
export interface FeatureModule<S extends string = never> {
  /** Names the module and forks its random stream: renaming it changes its data. */
  readonly name: string;
  /** Its part of the demo seed. */
  seed(context: SeedContext): SeedPart;
  /** Its write rules, by resource type. */
  readonly writes?: Readonly<Record<string, WriteRule>>;
  /** Its operation sets, each behind its own setting. */
  readonly operations?: readonly OperationSet<S>[];
  /** Settings a test sandbox may be created with beyond the operation settings: the error text of a bad one. */
  checkSandboxSettings?(settings: Readonly<Record<string, unknown>>): string | undefined;
  /** Applies those settings to a new sandbox's data. */
  configureSandbox?(repo: JournalingRepository, settings: Readonly<Record<string, unknown>>): void;
}

/** Declares a module, keeping its operation setting's name as a type (the tenants' settings derive from it). */
export function defineFeature<const S extends string = never>(module: FeatureModule<S>): FeatureModule<S> {
  return module;
}
