import type { CareTeam, HealthcareService, Organization, Patient, Person, Reference, RelatedPerson, Resource } from 'fhir/r4';
import { displayConcept, formatClinicianName, formatHumanName, referenceKey } from '@portico/core';

/** Someone in a conversation as the patient reads them: "Dr. Wei Chen", "Family medicine". */
export interface PersonLabel {
  name: string;
  role?: string;
}

/**
 * Names and roles of the people in the patient's conversations: names from the resources the message
 * search included (senders and recipients), roles from the patient's care teams, and the reference's
 * own `display` when neither is there.
 */
export class People {
  private readonly names = new Map<string, string>();
  private readonly roles = new Map<string, string>();

  /** Takes the names of Practitioners, Patients, RelatedPersons, CareTeams and Organizations. */
  addResources(resources: readonly Resource[]): void {
    for (const resource of resources) {
      const key = `${resource.resourceType}/${resource.id}`;
      const name = nameOf(resource);
      if (name) this.names.set(key, name);
    }
  }

  /** Takes the roles of each care team's members, in the patient's language. */
  addCareTeams(teams: readonly CareTeam[], lang: string): void {
    for (const team of teams) {
      if (team.id && team.name) this.names.set(`CareTeam/${team.id}`, team.name);
      for (const participant of team.participant ?? []) {
        const key = referenceKey(participant.member);
        const role = displayConcept(participant.role?.[0], '', lang);
        if (key && role && !this.roles.has(key)) this.roles.set(key, role);
        if (key && participant.member?.display && !this.names.has(key)) this.names.set(key, participant.member.display);
      }
    }
  }

  /** The name and role to show for a reference; `fallback` when nothing names it. */
  label(reference: Reference | undefined, fallback: string): PersonLabel {
    const key = referenceKey(reference);
    const name = (key && this.names.get(key)) || reference?.display?.trim() || fallback;
    const role = key ? this.roles.get(key) : undefined;
    return role && !/^patient$/i.test(role) ? { name, role } : { name };
  }
}

function nameOf(resource: Resource): string | undefined {
  switch (resource.resourceType) {
    case 'Practitioner':
      return formatClinicianName(resource) || undefined;
    case 'Patient':
    case 'RelatedPerson':
    case 'Person':
      return formatHumanName((resource as Patient | RelatedPerson | Person).name) || undefined;
    case 'CareTeam':
    case 'Organization':
    case 'HealthcareService':
      return (resource as CareTeam | Organization | HealthcareService).name?.trim() || undefined;
    default:
      return undefined;
  }
}
