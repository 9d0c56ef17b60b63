/**
 * Deterministic synthetic data for the embedded demo FHIR server: one hospital (Riverside Health),
 * its clinicians and clinics, and a handful of patients rich enough for every Portico element.
 * Everything is placed relative to `now` (in America/New_York) and drawn from a seeded PRNG, so the
 * same `now` and `seed` always give byte-identical output. See README.md beside this file.
 */
import type { Resource } from 'fhir/r4';
import { buildBilling } from './billing.js';
import { localDateOf } from './calendar.js';
import { buildClinical } from './clinical.js';
import { buildDocuments } from './documents.js';
import { IdAllocator } from './ids.js';
import { buildLabs } from './labs.js';
import { buildLargePatientLabs } from './large-patient.js';
import { buildMessages } from './messages.js';
import { buildLocations, buildOrganizations } from './organizations.js';
import { buildPatient, buildProxy, patientProfiles } from './patients.js';
import { buildPractitionerRoles, buildPractitioners } from './practitioners.js';
import { Random } from './random.js';
import { buildScheduling } from './scheduling.js';
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

export function generateSeed(options: SeedOptions = {}): SeedData {
  const now = options.now ?? new Date();
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const today = localDateOf(now);
  const profiles = patientProfiles(today, options.largePatient ?? false);
  const ids = new IdAllocator();

  const scheduling = buildScheduling(today, profiles, ids, random.fork('scheduling'));
  const clinical = buildClinical({ today, profiles, visits: scheduling.visits, random: random.fork('clinical') });

  const resources: Resource[] = [
    ...buildOrganizations(),
    ...buildLocations(),
    ...buildPractitioners(),
    ...buildPractitionerRoles(),
    ...profiles.map((p) => buildPatient(p, profiles, today)),
    ...(profiles.some((p) => p.id === 'leo') ? [buildProxy(profiles)] : []),
    ...scheduling.resources,
    ...buildLabs({ today, profiles, visits: scheduling.visits, ids, random: random.fork('labs') }),
    ...clinical.resources,
    ...buildBilling({ today, profiles, visits: scheduling.visits, random: random.fork('billing') }),
    ...buildDocuments({ today, profiles, visits: scheduling.visits, immunizations: clinical.immunizations }),
    ...buildMessages({ today, profiles }),
  ];
  const large = profiles.find((p) => p.id === 'large');
  if (large) resources.push(...buildLargePatientLabs(large, today, ids, random.fork('large-patient')));

  return { resources, users: buildUsers(profiles) };
}
