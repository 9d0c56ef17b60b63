/** The consents a sign-in session already holds, per patient, so choosing a record again does not ask again. */

/** What the session-grants registry needs to know about a grant. */
export interface ConsentedGrant {
  patient: string;
  accountId: string;
  /** The scopes the person consented to (as the authorization request asked them). */
  scope?: string;
}

/** The parts of an interaction (oidc-provider `interactionDetails`) the registry reads. */
export interface InteractionFacts {
  session?: { uid?: string; accountId?: string };
  grantId?: string;
  params: { client_id?: unknown; scope?: unknown };
}

/**
 * Grants by sign-in session and patient. A grant is reusable for a patient when the same person, in the
 * same session, consented to the same client for that patient with every scope asked now.
 */
export class SessionGrants {
  private readonly bySession = new Map<string, Map<string, string>>();

  constructor(
    private readonly contextOf: (grantId: string) => ConsentedGrant | undefined,
    private readonly findGrant: (grantId: string) => Promise<{ clientId?: string; accountId?: string } | undefined>,
  ) {}

  /** Records that the session holds `grantId` for `patient`. */
  remember(sessionUid: string, patient: string, grantId: string): void {
    const grants = this.bySession.get(sessionUid) ?? new Map<string, string>();
    grants.set(patient, grantId);
    this.bySession.set(sessionUid, grants);
  }

  /** The grant this interaction's session already holds for `patient` and `accountId`, when it covers every scope asked now. */
  async reusable(details: InteractionFacts, accountId: string, patient: string): Promise<string | undefined> {
    const sessionUid = details.session?.uid;
    if (!sessionUid || details.session?.accountId !== accountId) return undefined;
    // The session's current grant (from the sign-in before this one) counts as held, too.
    const current = details.grantId ? this.contextOf(details.grantId) : undefined;
    if (details.grantId && current?.accountId === accountId) this.remember(sessionUid, current.patient, details.grantId);
    const grantId = this.bySession.get(sessionUid)?.get(patient);
    const context = grantId ? this.contextOf(grantId) : undefined;
    const grant = grantId ? await this.findGrant(grantId) : undefined;
    if (!grantId || !context || !grant || grant.clientId !== details.params.client_id || grant.accountId !== accountId) return undefined;
    const consented = new Set(String(context.scope ?? '').split(' '));
    return String(details.params.scope ?? '').split(' ').filter(Boolean).every((s) => consented.has(s)) ? grantId : undefined;
  }
}
