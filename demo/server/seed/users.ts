/** The demo sign-in accounts (shown on the demo login page; the passwords are not secret). */
import type { PatientProfile } from './patients.js';

export interface DemoUser {
  /** Sign-in name, e.g. 'maria'. */
  username: string;
  /** Demo password, e.g. 'maria-demo' (shown on the demo login page; not secret). */
  password: string;
  /** 'Maria Hernández'. */
  displayName: string;
  /** The signed-in person: 'Patient/maria' or 'RelatedPerson/…'. */
  fhirUser: string;
  /** Patient ids this user may act for, their own first when they are a patient. */
  patients: string[];
  /** One line for the login page. */
  description: string;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  maria: 'Patient with diabetes: years of labs and trends, visits, bills, messages and documents',
  james: 'Parent who is also a patient: switch to his son Leo (proxy access)',
  aisha: 'Arabic-speaking patient (right-to-left): anemia labs, dermatology visit, unread message',
  large: 'Ten years of labs (about 5,000 results) for performance testing',
};

export function buildUsers(profiles: readonly PatientProfile[]): DemoUser[] {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const users: DemoUser[] = [];
  for (const id of ['maria', 'james', 'aisha', 'large'] as const) {
    const p = byId.get(id);
    if (!p) continue;
    users.push({
      username: id,
      password: `${id}-demo`,
      displayName: `${p.given[0]} ${p.family}`,
      fhirUser: `Patient/${id}`,
      patients: id === 'james' ? ['james', 'leo'] : [id],
      description: DESCRIPTIONS[id]!,
    });
  }
  return users;
}
