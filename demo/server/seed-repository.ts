import type { Patient, Person, RelatedPerson, Resource } from '@medplum/fhirtypes';
import { formatHumanName } from '../../packages/core/src/format/name.js';
import type { Account } from './auth/provider.js';
import type { JournalingRepository } from './fhir/repository.js';
import type { DemoUser } from './seed/index.js';

/** Puts generated or fixture data into a repository, and the sign-in accounts that go with it (Node and browser). */

/** Writes `resources` as they are (ids kept, without validation); `replace` overwrites resources with the same id. */
export async function seedRepository(repo: JournalingRepository, resources: readonly object[], options: { replace?: boolean } = {}): Promise<void> {
  await repo.withSeeding(async () => {
    for (const resource of resources) await repo.createResource(resource as Resource, undefined, !!options.replace);
  });
}

/**
 * Accounts for the generated users. Someone who may open several patients' records (a parent) signs in
 * as a FHIR `Person` linking their own Patient record and the RelatedPerson records that give them
 * access to the others: the portal reads that Person (their fhirUser) to know it can offer "switch patient".
 */
export function proxyPeople(resources: readonly object[], users: readonly DemoUser[]): { resources: Resource[]; accounts: Account[] } {
  const names = patientNames(resources);
  const related = resources.filter((r): r is RelatedPerson => (r as Resource).resourceType === 'RelatedPerson');
  const people: Resource[] = [];
  const accounts = users.map((user): Account => {
    const patientNamesById = Object.fromEntries(user.patients.map((p) => [p, names.get(p) ?? p]));
    if (user.patients.length < 2) return { ...user, patientNames: patientNamesById };
    const person: Person = {
      resourceType: 'Person',
      id: `person-${user.username}`,
      name: [{ text: user.displayName }],
      active: true,
      link: user.patients.flatMap((patient): NonNullable<Person['link']> => {
        if (user.fhirUser === `Patient/${patient}`) return [{ target: { reference: `Patient/${patient}`, display: names.get(patient) }, assurance: 'level4' }];
        const proxy = related.find((r) => r.patient?.reference === `Patient/${patient}`);
        return proxy ? [{ target: { reference: `RelatedPerson/${proxy.id}`, display: `Proxy for ${names.get(patient) ?? patient}` }, assurance: 'level3' }] : [];
      }),
    };
    people.push(person);
    return { ...user, fhirUser: `Person/${person.id}`, patientNames: patientNamesById };
  });
  return { resources: people, accounts };
}

export function patientNames(resources: readonly object[]): Map<string, string> {
  return new Map(
    resources
      .filter((r): r is Patient => (r as Resource).resourceType === 'Patient')
      .map((p) => [p.id!, formatHumanName(p.name as Parameters<typeof formatHumanName>[0]) || p.id!]),
  );
}

