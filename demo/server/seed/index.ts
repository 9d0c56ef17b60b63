/**
 * Deterministic synthetic data for the embedded demo FHIR server: one hospital (Riverside Health),
 * its clinicians and clinics, and a handful of patients rich enough for every Portico element.
 * Everything is placed relative to `now` (in America/New_York) and drawn from a seeded PRNG, so the
 * same `now` and `seed` always give byte-identical output. See README.md beside this file.
 */
import type { Resource } from 'fhir/r4';
import { FEATURES } from '../features/registry.js';
import type { SeedContext, SeedProducts } from '../features/feature.js';
import { localDateOf } from './calendar.js';
import { IdAllocator } from './ids.js';
import { buildLocations, buildOrganizations } from './organizations.js';
import { buildPatient, buildProxy, patientProfiles } from './patients.js';
import { buildPractitionerRoles, buildPractitioners } from './practitioners.js';
import { Random } from './random.js';
import { buildUsers, type DemoUser } from './users.js';

export type { DemoUser } from './users.js';

export interface SeedOptions {
  /** The "today" everything is relative to; default new Date(). */
  now?: Date;
  /** PRNG seed; default 20261120. */
  seed?: number;
  /** Also add patient 'large' with ~5,000 Observations across ~600 DiagnosticReports (default false). */
  largePatient?: boolean;
}

export interface SeedData {
  resources: Resource[];
  users: DemoUser[];
}

const DEFAULT_SEED = 20261120;

/**
 * The shared base (the hospital, its clinicians, the patients and their proxy), then each module of
 * features/registry.ts in its order, each with its own random stream and what earlier ones produced.
 */
export function generateSeed(options: SeedOptions = {}): SeedData {
  const now = options.now ?? new Date();
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const today = localDateOf(now);
  const profiles = patientProfiles(today, options.largePatient ?? false);
  const ids = new IdAllocator();

  const resources: Resource[] = [
    ...buildOrganizations(),
    ...buildLocations(),
    ...buildPractitioners(),
    ...buildPractitionerRoles(),
    ...profiles.map((p) => buildPatient(p, profiles, today)),
    ...(profiles.some((p) => p.id === 'leo') ? [buildProxy(profiles)] : []),
  ];
  const products: Partial<SeedProducts> = {};
  for (const feature of FEATURES) {
    const context: SeedContext = {
      today,
      profiles,
      ids,
      random: random.fork(feature.name),
      earlier(key) {
        const product = products[key];
        if (!product) throw new Error(`The ${feature.name} seed module needs ${key}: register the module that makes them before it in features/registry.ts.`);
        return product as SeedProducts[typeof key];
      },
    };
    const part = feature.seed(context);
    resources.push(...part.resources);
    Object.assign(products, part.products);
  }

  return { resources, users: buildUsers(profiles) };
}
