/** Who the session is about and who is signed in: the patient read once per sign-in, and a proxy's own record. */
import type { Patient, Person, Resource } from 'fhir/r4';
import type { SignedInSession } from '../auth/strategy.js';
import type { SessionState } from '../context.js';
import type { FhirClient } from '../fhir/client.js';
import { formatHumanName } from '../format/name.js';

/** The patient's resource, or why it could not be read (the banner offers to try again). */
export async function readPatient(client: FhirClient, patientId: string): Promise<{ patient?: Patient; patientError?: unknown }> {
  try {
    return { patient: await client.read('Patient', patientId) };
  } catch (error) {
    console.warn('[portal-session] could not read the patient:', error);
    return { patientError: error };
  }
}

/**
 * The patient and the signed-in person, side by side: the patient once per sign-in (every element uses
 * `session.patient` rather than reading it again) and, for someone other than the patient, their own
 * resource, with whom they may act for. What the session says of them follows.
 */
export async function readPeople(client: FhirClient, signedIn: SignedInSession, canSwitchPatient: boolean): Promise<Partial<SessionState>> {
  const [{ patient, patientError }, user] = await Promise.all([
    readPatient(client, signedIn.patientId),
    signedIn.fhirUser && signedIn.fhirUser !== `Patient/${signedIn.patientId}` ? client.resolve<Resource>(signedIn.fhirUser).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  const links = user?.resourceType === 'Person' ? ((user as Person).link ?? []) : [];
  const userName = signedIn.userName || (user && 'name' in user ? formatHumanName((user as Patient).name) : '') || (patient && signedIn.fhirUser === `Patient/${patient.id}` ? formatHumanName(patient.name) : '');
  // A Person links the person's own Patient record(s) and the RelatedPerson records that let them act for others.
  const ownRecord = signedIn.fhirUser === `Patient/${signedIn.patientId}` || links.some((l) => l.target?.reference === `Patient/${signedIn.patientId}`);
  return {
    patient,
    patientError,
    user: { fhirUser: signedIn.fhirUser, name: userName || undefined },
    canSwitchPatient: canSwitchPatient || links.length > 1,
    actingForOther: !!signedIn.fhirUser && !ownRecord,
  };
}
