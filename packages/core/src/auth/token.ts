import type { AuthStrategy, SignedInSession } from './strategy.js';
import { SessionError } from './strategy.js';

export interface TokenStrategyOptions {
  fhirBaseUrl: string;
  patientId?: string;
  /** A fixed access token from the host page's own session. */
  accessToken?: string;
  /** Or a callback the host implements (called before each request; may refresh on its side). */
  getAccessToken?: () => string | undefined | Promise<string | undefined>;
  fhirUser?: string;
  userName?: string;
  /** The scopes the host's token grants, when the host says (unknown otherwise: every request is tried). */
  scope?: string;
}

/** The host page already has a session: it hands over a token (or a callback) and the patient id. */
export class TokenStrategy implements AuthStrategy {
  readonly mode = 'token' as const;
  private lastToken?: string;

  constructor(private readonly options: TokenStrategyOptions) {}

  async restore(): Promise<SignedInSession | undefined> {
    const { fhirBaseUrl, patientId } = this.options;
    if (!this.options.accessToken && !this.options.getAccessToken) return undefined;
    if (!patientId) throw new SessionError('unknown', 'The token mode needs a patient-id.');
    return { fhirBaseUrl, patientId, fhirUser: this.options.fhirUser, userName: this.options.userName, scope: this.options.scope, canRefresh: !!this.options.getAccessToken };
  }

  async signIn(): Promise<void> {
    // The host page owns sign-in: the session asks it through the portico-sign-in-requested event.
  }

  async signOut(): Promise<void> {}

  async getAccessToken(): Promise<string | undefined> {
    this.lastToken = this.options.getAccessToken ? await this.options.getAccessToken() : this.options.accessToken;
    return this.lastToken;
  }

  /** With a callback the host may hand out a new token: retry only when it did (the same token would fail again). */
  async refresh(): Promise<SignedInSession | undefined> {
    if (!this.options.getAccessToken) return undefined;
    const refused = this.lastToken;
    const next = await this.options.getAccessToken();
    if (!next || next === refused) return undefined;
    return this.restore();
  }
}
