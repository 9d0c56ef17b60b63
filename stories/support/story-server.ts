/**
 * The embedded demo server's FHIR side, in the browser: the seed (demo/server/seed) in Medplum's
 * in-memory repository, answered by the same FhirService as `npm start` (access rules, paging, slot
 * booking, the operations its settings offer, the health card issuer's keys, faults). Loaded with the FHIR definitions when a story starts
 * (story-fhir.ts), so the Storybook UI does not wait for them: prepared when Storybook builds
 * (.storybook/story-definitions.ts), as the Node tests also prepare them (test/server/story-server.test.ts).
 */
import { isResourceType } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { Account, TokenGrant } from '../../demo/server/auth/provider.js';
import { capabilityOperations, operationSettingsOf, type OperationSettings } from '../../demo/server/features/registry.js';
import { buildCapabilityStatement } from '../../demo/server/fhir/capability.js';
import { indexDefinitions, type FhirDefinitions } from '../../demo/server/fhir/definition-index.js';
import type { PreparedFhirDefinitions } from '../../demo/server/fhir/prepared-definitions.js';
import { FaultInjector, type FaultRule } from '../../demo/server/fhir/faults.js';
import { JournalingRepository } from '../../demo/server/fhir/repository.js';
import { patientFacingRouter } from '../../demo/server/fhir/router.js';
import { FhirService, type FhirHttpAnswer, type FhirTenant } from '../../demo/server/fhir/service.js';
import { localDateOf, zonedDateTime } from '../../demo/server/seed/calendar.js';
import { generateSeed } from '../../demo/server/seed/index.js';
import { proxyPeople, seedRepository } from '../../demo/server/seed-repository.js';
import { readStoryToken, STORY_SCOPE } from './story-tokens.js';

/**
 * The operation settings are the embedded server's (demo/server/features/registry.ts), with its
 * defaults: `recordOperations` (`Patient/$summary`, `DocumentReference/$docref`,
 * `$health-cards-issue`) on unless a story turns it off; `schedulingOperations` (`Appointment/$find`,
 * `$book`) and `everythingOperation` (`Patient/$everything`) off unless a story turns them on.
 */
export interface StoryServerOptions extends OperationSettings {
  /** The FHIR base URL the server answers at. */
  baseUrl: string;
  /** The authorization server's issuer (advertised by SMART discovery). */
  authIssuer: string;
  /** "Today" of the seed. */
  now: Date;
  /** Also the seed's patient `large` (~600 lab reports). */
  largePatient?: boolean;
  /** Records written over the seed as they are (ids kept), e.g. long or hostile data. */
  fixtures?: StoryFixtures;
  /** Failures to inject (demo/server/fhir/faults.ts). */
  faults?: readonly FaultRule[];
  /** Which of the seed's open times stay open: all (`usual`, default), those from the 1st of next month on, or `none`. */
  openTimes?: OpenTimes;
}

/** Which of the seed's open times a story keeps open. */
export const OPEN_TIMES = ['usual', 'from-next-month', 'none'] as const;
export type OpenTimes = (typeof OPEN_TIMES)[number];

/** Records beyond the seed, and the sign-in accounts that may open them. */
export interface StoryFixtures {
  resources: readonly object[];
  accounts?: readonly Account[];
}

/** One story's server: its own copy of the data. */
export interface StoryServer {
  answer(request: Request, path: string): Promise<FhirHttpAnswer>;
}

interface SeedData {
  resources: Resource[];
  accounts: Account[];
}

/** The generated data, made once per page and day (and per `largePatient`). */
const seeds = new Map<string, SeedData>();

function seedData(now: Date, largePatient: boolean): SeedData {
  const key = `${now.toISOString()} ${largePatient}`;
  let data = seeds.get(key);
  if (!data) {
    const seed = generateSeed({ now, largePatient });
    const people = proxyPeople(seed.resources, seed.users);
    data = { resources: [...(seed.resources as Resource[]), ...people.resources], accounts: people.accounts };
    seeds.set(key, data);
  }
  return data;
}

/** The seed with the free Slots before `openTimes` made busy (the others are the same objects). */
function withOpenTimes(resources: readonly Resource[], openTimes: OpenTimes, now: Date): readonly Resource[] {
  if (openTimes === 'usual') return resources;
  const today = localDateOf(now);
  const firstOpen = openTimes === 'none' ? Infinity : Date.parse(zonedDateTime({ year: today.month === 12 ? today.year + 1 : today.year, month: (today.month % 12) + 1, day: 1 }, 0));
  return resources.map((resource) =>
    resource.resourceType === 'Slot' && resource.status === 'free' && Date.parse(resource.start) < firstOpen ? { ...resource, status: 'busy' } : resource,
  );
}

/** The token check of the embedded server (auth/provider.ts `introspect`), for story tokens (story-tokens.ts). */
function introspection(accounts: readonly Account[]) {
  return async (token: string): Promise<TokenGrant | undefined> => {
    const grant = readStoryToken(token);
    if (!grant) return undefined;
    const account = grant.user ? accounts.find((a) => a.username === grant.user) : accounts.find((a) => a.patients.includes(grant.patient));
    if (!account?.patients.includes(grant.patient)) return undefined;
    return { accountId: account.username, fhirUser: account.fhirUser, scope: grant.scope ?? STORY_SCOPE, patients: [grant.patient], expiresAt: Date.now() + 3_600_000 };
  };
}

/** Starts a server with a fresh copy of the seed (and the fixtures), indexing `definitions` the first time. */
export async function startStoryServer(options: StoryServerOptions, definitions: FhirDefinitions | PreparedFhirDefinitions): Promise<StoryServer> {
  indexDefinitions(definitions);
  const data = seedData(options.now, !!options.largePatient);
  const repo = new JournalingRepository();
  await seedRepository(repo, withOpenTimes(data.resources, options.openTimes ?? 'usual', options.now));
  if (options.fixtures) {
    // The bundled definitions hold only the types this server may meet (.storybook/story-definitions.ts).
    for (const { resourceType } of options.fixtures.resources as Resource[]) {
      if (!isResourceType(resourceType)) throw new Error(`A story's fixture is a ${resourceType}, which the stories' FHIR definitions leave out: add it in .storybook/story-definitions.ts.`);
    }
    await seedRepository(repo, options.fixtures.resources, { replace: true });
  }
  // As the embedded server builds a tenant (demo/server/server.ts): the settings, then the operations they offer.
  const operations = operationSettingsOf(options);
  const tenant: FhirTenant = {
    ...operations,
    id: 'story',
    baseUrl: options.baseUrl,
    repo,
    faults: new FaultInjector(),
    capability: buildCapabilityStatement({ fhirBaseUrl: options.baseUrl, authIssuer: options.authIssuer, operations: capabilityOperations(operations) }),
  };
  if (options.faults?.length) tenant.faults.add([...options.faults]);
  const service = new FhirService({ router: patientFacingRouter(), authIssuer: options.authIssuer, introspect: introspection([...data.accounts, ...(options.fixtures?.accounts ?? [])]) });
  return {
    answer(request, path) {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      return service.answer(tenant, { method: request.method, path, url: new URL(request.url), headers, readText: () => request.text() });
    },
  };
}
