import { provide } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AuthLibraryLoader, AuthMode, AuthStrategy, SignedInSession } from '../auth/strategy.js';
import { SessionError } from '../auth/strategy.js';
import { scopesForElementsIn, SESSION_SCOPES } from '../auth/scopes.js';
import { startFirstSearches } from '../fhir/first-searches.js';
import { SessionStore, storageKeyFor } from '../auth/storage.js';
import { readStoredSession } from '../auth/stored-session.js';
import { sessionContext, type SessionState, type SessionStatus } from '../context.js';
import { PorticoSessionChangeEvent, PorticoSignInRequestedEvent, type SignInReason } from '../events.js';
import { FhirClient } from '../fhir/client.js';
import { isFhirError } from '../fhir/errors.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { themeStyles } from '../theme.js';
import { stateStyles } from '../views/states.styles.js';
import { forgetDrafts } from '../storage/patient-storage.js';
import { readPatient, readPeople } from './session-people.js';
import { loadStrategy, redirectTarget, scopesToAsk, setupError } from './session-setup.js';
import type { PorticoServices } from '../services.js';
import { renderActingFor } from './acting-for.js';
import { renderSessionBar, renderSessionStatus, renderSignInPrompt } from './session-views.js';
import { IdleTimeoutController, SYSTEM_CLOCK, type IdleClock } from './idle-timeout.js';
import { IdleWarningDialog, renderIdleWarning } from './idle-warning.js';
import { portalSessionStyles } from './portal-session.styles.js';

/**
 * What a session with no Portico element inside asks for (its own needs, `SESSION_SCOPES`); the
 * elements inside add the scopes they declare.
 */
export const DEFAULT_SCOPE = SESSION_SCOPES.join(' ');

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Kept (under the session's prefix) from the moment the person signs out until the tokens are revoked
 * and forgotten: a reload meanwhile (the sign-in code still loading on a slow phone) finds nobody signed
 * in, and finishes signing out.
 */
const SIGNING_OUT_KEY = 'signing-out';

/**
 * Signs the patient in (SMART on FHIR, OpenID Connect, or a token from the host page), keeps the
 * session across reloads, and provides the FHIR client, the patient and the locale to every Portico
 * element inside it.
 *
 * @summary The patient's session: sign-in, FHIR client and patient context for the elements inside.
 *
 * @slot - The Portico elements (and anything else) shown to the signed-in patient.
 * @slot sign-in - Replaces the built-in sign-in prompt shown when nobody is signed in.
 *
 * @csspart bar - The line with who is signed in and the sign-out button.
 * @csspart sign-in - The built-in sign-in prompt.
 * @csspart sign-in-button - The sign-in button.
 * @csspart sign-out-button - The sign-out button.
 * @csspart expired - The notice shown when the session has ended.
 * @csspart content - The wrapper of the default slot.
 * @csspart acting-for - Above the elements while the signed-in person views someone else's record: whose record it is.
 * @csspart acting-for-initial - That patient's initial, in a circle.
 * @csspart idle-dialog - The "Are you still there?" warning before an idle sign-out.
 * @csspart stay-button - The warning's "Stay signed in" button.
 * @csspart idle-sign-out-button - The warning's "Sign out" button.
 * @csspart idle-notice - On the sign-in prompt after an idle sign-out: why the person was signed out.
 *
 * @fires {PorticoSessionChangeEvent} portico-session-change - Someone signed in or out, the patient changed, or the session expired.
 * @fires {PorticoSignInRequestedEvent} portico-sign-in-requested - Token mode: the host's token stopped working.
 */
export class PortalSession extends LitElement {
  static override styles = [themeStyles, stateStyles, portalSessionStyles];

  private readonly localize = new LocalizeController(this, { locale: () => this.locale });
  private readonly idle = new IdleTimeoutController(this, {
    minutes: () => this.idleTimeoutMinutes,
    clock: () => this.idleClock,
    onTimeout: () => void this.signOut('idle'),
  });
  private readonly idleWarning = new IdleWarningDialog();
  private strategy?: AuthStrategy;
  /**
   * A session taken up from storage without the strategy (a signed-in reload): its access token serves
   * requests until the strategy is needed (to refresh, sign out or sign in again) and loaded.
   */
  private storedToken?: string;
  /** The strategy being loaded with the stored session restored into it (see `restoredStrategy`). */
  private strategyLoading?: Promise<AuthStrategy | undefined>;
  /** The scopes `strategy` was made to ask for. */
  private strategyScope?: string;
  private signedIn?: SignedInSession;
  private refreshing?: Promise<boolean>;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  private generation = 0;
  /** Whether lang/dir on the host were set by this element (from `locale`), so it may remove them. */
  private setLangDir = false;

  @provide({ context: sessionContext })
  @state()
  protected session: SessionState = this.snapshot('initializing');

  /** The FHIR R4 base URL of the hospital's server. */
  @property({ attribute: 'fhir-base-url' }) fhirBaseUrl = '';

  /** The client id registered with the authorization server. */
  @property({ attribute: 'client-id' }) clientId = '';

  /**
   * Scopes to ask for (SMART v2), replacing the default: what the session needs plus the scopes each
   * Portico element inside declares (its static `scopes`), gathered when sign-in starts. With
   * `auth="token"`, the scopes the host's token grants: elements then say plainly what it does not allow.
   */
  @property() scope = '';

  /** Also ask for `offline_access` (a refresh token that outlives the browser session). */
  @property({ type: Boolean, attribute: 'offline-access' }) offlineAccess = false;

  /** Where the authorization server sends the patient back; default: this page. */
  @property({ attribute: 'redirect-uri' }) redirectUri = '';

  /** How to sign in: `smart` (default), `oidc`, or `token` (the host page supplies the token). */
  @property() auth: AuthMode = 'smart';

  /** The OpenID Connect issuer, for `auth="oidc"`. */
  @property({ attribute: 'oidc-authority' }) oidcAuthority = '';

  /** The ID-token claim with the patient id, for `auth="oidc"` (default `patient`, then a Patient `fhirUser`). */
  @property({ attribute: 'patient-claim' }) patientClaim = '';

  /** The locale of every element inside (BCP 47, e.g. `es`); default: the page's `lang`. */
  @property() locale = '';

  /** Keeps this session's storage apart when a page has several sessions; default: derived from server and client. */
  @property({ attribute: 'storage-key' }) storageKey = '';

  /**
   * Minutes without a pointer, key or touch in the page before asking "Are you still there?" and,
   * 60 seconds later, signing out and clearing every element's data (for shared computers). 0 turns it off.
   */
  @property({ type: Number, attribute: 'idle-timeout-minutes' }) idleTimeoutMinutes = 15;

  /**
   * Where an element sends the patient when the element it points to ("book a follow-up") is not on
   * this page: an address with `{target}` (the tag) and `{params}` (a query), e.g.
   * `/portal/{target}?{params}`. Read by `navigate()` from the nearest session; a host that routes
   * itself cancels the `portico-navigate` event instead.
   */
  @property({ attribute: 'navigate-url' }) navigateUrl = '';

  /** Signed out by the idle timeout: the sign-in prompt says why. */
  @state() private signedOutIdle = false;

  /** The clock of the idle timeout; a subclass (a test) may give its own. */
  protected idleClock: IdleClock = SYSTEM_CLOCK;

  /**
   * The host's own services for every element inside, by name, e.g. `{ scheduler: myScheduler }` where
   * booking goes through a vendor's API (docs/services.md). An element's own property wins.
   */
  @property({ attribute: false }) services?: PorticoServices;

  /** `light` (default), `dark`, or `auto` (follows the device) for every element inside. */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  protected override updated(changed: PropertyValues<this>): void {
    this.idleWarning.update(this.renderRoot, this.idle.secondsLeft !== undefined, this.session.status === 'signed-in');
    if ((changed as Map<PropertyKey, unknown>).has('session') || changed.has('idleTimeoutMinutes')) {
      const watch = this.session.status === 'signed-in' && this.idleTimeoutMinutes > 0;
      if (watch && (!this.idle.active || changed.has('idleTimeoutMinutes'))) this.idle.start();
      else if (!watch && this.idle.active) this.idle.stop();
    }
    // The elements inside (light DOM) take their direction from here when the session sets the locale.
    // Only on change: the page-wide lang/dir observer re-renders every element on each write.
    if (this.locale) {
      if (this.getAttribute('dir') !== this.localize.dir()) this.setAttribute('dir', this.localize.dir());
      if (this.getAttribute('lang') !== this.localize.lang()) this.setAttribute('lang', this.localize.lang());
      this.setLangDir = true;
    } else if (this.setLangDir) {
      // The locale was cleared: give the page's language back.
      this.setLangDir = false;
      this.removeAttribute('lang');
      this.removeAttribute('dir');
    }
  }

  /** Token mode: the patient id. */
  @property({ attribute: 'patient-id' }) patientId = '';

  /** Token mode: the signed-in person as `Patient/…`, `RelatedPerson/…` or `Person/…`, when the host knows it. */
  @property({ attribute: 'fhir-user' }) fhirUser = '';

  /** Token mode: an access token from the host page's own session (a property, never an attribute). */
  @property({ attribute: false }) accessToken?: string;

  /** Token mode: a callback returning the current access token (called before requests). */
  @property({ attribute: false }) getAccessToken?: () => string | undefined | Promise<string | undefined>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refreshTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const config = ['fhirBaseUrl', 'clientId', 'scope', 'offlineAccess', 'redirectUri', 'auth', 'oidcAuthority', 'patientClaim', 'storageKey', 'patientId', 'fhirUser', 'accessToken', 'getAccessToken'] as const;
    if (config.some((key) => changed.has(key))) void this.start();
    else if (changed.has('locale') || changed.has('services')) this.publish({});
  }

  /** Starts signing in (SMART and OIDC go to the authorization server; token mode asks the host). */
  async signIn(reason: SignInReason = this.session.status === 'expired' ? 'expired' : 'signed-out'): Promise<void> {
    if (this.auth === 'token') {
      this.dispatchEvent(new PorticoSignInRequestedEvent({ reason, userInitiated: true }));
      return;
    }
    // The elements inside now (some may have come since the page loaded) decide what is asked for.
    const strategy = this.strategy && this.strategyScope === this.scopes() ? this.strategy : await this.createStrategy();
    if (!strategy) return;
    // A new sign-in takes the place of a sign-out that has not finished.
    this.sessionStore().remove(SIGNING_OUT_KEY);
    this.signedOutIdle = false;
    this.publish({ status: 'signing-in', error: undefined });
    try {
      await strategy.signIn();
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Signs out: forgets and revokes the tokens, and ends the authorization server's session where it can.
   * Every element inside is told (status `signed-out`, no client, no patient) and drops what it showed.
   */
  async signOut(reason: 'user' | 'idle' = 'user'): Promise<void> {
    clearTimeout(this.refreshTimer);
    this.signedOutIdle = reason === 'idle';
    const wasSignedIn = !!this.signedIn;
    this.signedIn = undefined;
    this.storedToken = undefined;
    this.publish({ status: 'signed-out', client: undefined, patientId: undefined, patient: undefined, patientError: undefined, user: undefined, canSwitchPatient: false, actingForOther: false, error: undefined });
    // What elements kept in this tab for the patient (drafts may hold what they typed) goes with the session.
    forgetDrafts();
    this.announce();
    if (wasSignedIn && this.auth !== 'token') this.sessionStore().set(SIGNING_OUT_KEY, true);
    await this.endSession(wasSignedIn);
  }

  /**
   * Revokes and forgets the tokens. A session taken up from storage (`load`) loads its strategy for that;
   * if it cannot load, the tokens are forgotten all the same.
   */
  private async endSession(load: boolean): Promise<void> {
    const strategy = this.strategy ?? (load && this.auth !== 'token' ? await this.restoredStrategy().catch(() => undefined) : undefined);
    if (!strategy && this.auth !== 'token') this.sessionStore().clear();
    await strategy?.signOut().catch((error: unknown) => console.warn('[portal-session] sign-out:', error));
  }

  private snapshot(status: SessionStatus, base?: SessionState): SessionState {
    return {
      canSwitchPatient: false,
      actingForOther: false,
      ...base,
      status,
      locale: this.locale || undefined,
      services: this.services,
      signIn: () => void this.signIn(),
      signOut: () => void this.signOut(),
      switchPatient: () => void this.signIn('switch-patient'),
      reloadPatient: () => void this.reloadPatient(),
    };
  }

  private publish(changes: Partial<SessionState>): void {
    this.session = { ...this.snapshot(changes.status ?? this.session.status, this.session), ...changes, locale: this.locale || undefined, services: this.services };
  }

  private announce(): void {
    this.dispatchEvent(new PorticoSessionChangeEvent({ status: this.session.status, patientId: this.session.patientId, fhirUser: this.session.user?.fhirUser }));
  }

  /** The `scope` attribute, else the session's own scopes and those of the elements inside; `offline-access` applied. */
  private scopes(): string {
    return scopesToAsk(this.scope.trim() ? this.scope.split(/\s+/).filter(Boolean) : scopesForElementsIn(this), this.offlineAccess);
  }

  /**
   * How the sign-in library of `mode` is loaded (see `AuthLibraryLoader`); undefined, the default:
   * a dynamic `import()`. A subclass may load it its own way, e.g. a host with its own bundling.
   */
  protected signInLibraryLoader(_mode: 'smart' | 'oidc'): AuthLibraryLoader | undefined {
    return undefined;
  }

  /** What this session keeps in the tab (its tokens, the sign-out mark), under its prefix. */
  private sessionStore(): SessionStore {
    return new SessionStore(this.storagePrefix());
  }

  /** This session's sessionStorage prefix. */
  private storagePrefix(): string {
    return `portico:${this.storageKey || storageKeyFor(this.fhirBaseUrl, this.clientId, this.auth)}:`;
  }

  /** Is the configuration usable (a FHIR base URL, an OIDC authority)? Says why not otherwise. */
  private configured(): boolean {
    const error = setupError(this);
    if (error) this.fail(error);
    return !error;
  }

  /**
   * The strategy, for a session that was taken up from storage without it: loaded once, with the stored
   * session restored into it (no sign-in library is needed for that), so it can refresh or sign out.
   */
  private restoredStrategy(): Promise<AuthStrategy | undefined> {
    if (this.strategy) return Promise.resolve(this.strategy);
    const generation = this.generation;
    this.strategyLoading ??= (async () => {
      const strategy = await this.createStrategy();
      if (strategy && generation === this.generation) await strategy.restore().catch((error: unknown) => console.warn('[portal-session] restoring the stored session:', error));
      return strategy;
    })().finally(() => {
      this.strategyLoading = undefined;
    });
    return this.strategyLoading;
  }

  private async createStrategy(): Promise<AuthStrategy | undefined> {
    if (!this.configured()) return undefined;
    this.strategyScope = this.scopes();
    try {
      return (this.strategy = await loadStrategy({
        auth: this.auth,
        fhirBaseUrl: this.fhirBaseUrl,
        clientId: this.clientId,
        scope: this.strategyScope,
        redirectUri: redirectTarget(this.redirectUri),
        storagePrefix: this.storagePrefix(),
        // The sign-in pages are asked to speak the page's language (the `locale` attribute, else the nearest `lang`).
        uiLocales: () => this.localize.lang() || undefined,
        oidcAuthority: this.oidcAuthority,
        patientClaim: this.patientClaim,
        loadLibrary: this.auth === 'token' ? undefined : this.signInLibraryLoader(this.auth),
        token: { patientId: this.patientId || undefined, fhirUser: this.fhirUser || undefined, scope: this.scope.trim() || undefined, accessToken: this.accessToken, getAccessToken: this.getAccessToken },
      }));
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  private async start(): Promise<void> {
    const generation = ++this.generation;
    clearTimeout(this.refreshTimer);
    this.strategy = undefined;
    this.storedToken = undefined;
    this.signedIn = undefined;
    this.publish({ status: 'initializing', client: undefined, patientId: undefined, patient: undefined, patientError: undefined, user: undefined, error: undefined });
    await this.updateComplete;
    if (generation !== this.generation) return;
    if (!this.configured()) return;
    if (this.auth !== 'token' && this.sessionStore().has(SIGNING_OUT_KEY)) {
      // Reloaded while signing out: still signed out, and the sign-out finishes now.
      forgetDrafts();
      this.publish({ status: 'signed-out' });
      this.announce();
      await this.endSession(true);
      return;
    }
    // A signed-in reload: the stored session is taken up as it is, and no sign-in code is loaded.
    const stored = readStoredSession({ mode: this.auth, fhirBaseUrl: this.fhirBaseUrl, storagePrefix: this.storagePrefix(), clientId: this.clientId, authority: this.oidcAuthority || undefined, patientClaim: this.patientClaim || undefined });
    if (stored) {
      this.storedToken = stored.accessToken;
      await this.accept(stored.session, generation);
      return;
    }
    const strategy = await this.createStrategy();
    if (!strategy || generation !== this.generation) return;
    try {
      const restored = await strategy.restore();
      if (generation !== this.generation) return;
      if (!restored) {
        if (this.session.status !== 'signing-in') {
          // No session to restore: what elements kept for a patient in this tab goes too.
          forgetDrafts();
          this.publish({ status: 'signed-out' });
        }
        this.announce();
        return;
      }
      await this.accept(restored, generation);
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    }
  }

  private async accept(signedIn: SignedInSession, generation: number): Promise<void> {
    this.signedIn = signedIn;
    const client = new FhirClient({
      baseUrl: signedIn.fhirBaseUrl,
      // The stored token until the strategy is loaded (to refresh); the strategy's from then on.
      getAccessToken: () => (this.strategy ? this.strategy.getAccessToken() : Promise.resolve(this.storedToken)),
      onUnauthorized: () => this.recover(),
      grantedScope: signedIn.scope,
      // The `locale` attribute, else the nearest `lang`: read at each request, so a change of language applies at once.
      acceptLanguage: () => this.localize.lang(),
    });
    // The first screens' searches of elements whose code is still on its way go now, beside the Patient read.
    startFirstSearches(this, client, signedIn.patientId);
    this.publish({
      status: 'signed-in',
      client,
      patientId: signedIn.patientId,
      patient: undefined,
      patientError: undefined,
      user: { fhirUser: signedIn.fhirUser, name: signedIn.userName },
      canSwitchPatient: signedIn.fhirUser?.startsWith('RelatedPerson/') ?? false,
      actingForOther: !!signedIn.fhirUser && !signedIn.fhirUser.startsWith('Person/') && signedIn.fhirUser !== `Patient/${signedIn.patientId}`,
      error: undefined,
    });
    this.announce();
    this.scheduleRefresh();
    await this.loadPeople(client, signedIn, generation);
  }

  /**
   * Loads the patient, once per sign-in: every element (the banner among them) uses `session.patient`
   * rather than reading it again. For proxies, also who the signed-in person may act for.
   */
  private async loadPeople(client: FhirClient, signedIn: SignedInSession, generation: number): Promise<void> {
    const people = await readPeople(client, signedIn, this.session.canSwitchPatient);
    if (generation === this.generation) this.publish(people);
  }

  /** Reads the patient again after a failure (the banner's retry). */
  private async reloadPatient(): Promise<void> {
    const { client, patientId, patient } = this.session;
    if (!client || !patientId || patient) return;
    const generation = this.generation;
    this.publish({ patientError: undefined });
    const read = await readPatient(client, patientId);
    if (generation === this.generation && this.session.client === client) this.publish({ patient: read.patient, patientError: read.patientError });
  }

  /** A 401: refresh once (shared by concurrent requests); if that fails, the session has expired. */
  private recover(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const strategy = this.auth === 'token' ? this.strategy : await this.restoredStrategy().catch(() => undefined);
      const refreshed = await strategy?.refresh().catch(() => undefined);
      if (refreshed) {
        this.signedIn = refreshed;
        this.scheduleRefresh();
        return true;
      }
      this.publish({ status: 'expired' });
      this.announce();
      if (this.auth === 'token') this.dispatchEvent(new PorticoSignInRequestedEvent({ reason: 'expired', userInitiated: false }));
      return false;
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const expiresAt = this.signedIn?.expiresAt;
    if (!expiresAt || !this.signedIn?.canRefresh) return;
    const wait = Math.max(0, expiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.refreshTimer = setTimeout(() => void this.recover(), Math.min(wait, 2 ** 31 - 1));
  }

  /** The patient sees words for `error.kind`; the web team sees the SessionError, with the underlying error as its `cause`, in the console. */
  private fail(failure: unknown): void {
    const error = failure instanceof SessionError || isFhirError(failure) ? failure : new SessionError('unknown', 'Signing in failed.', { cause: failure });
    console.error('[portal-session]', error);
    this.publish({ status: 'error', error, client: undefined });
    this.announce();
  }

  /** Esc, or the browser closing the warning: the person is there. */
  private readonly keepSession = (event: Event): void => {
    event.preventDefault();
    if (this.idle.secondsLeft !== undefined) this.idle.stay();
  };

  private renderIdleDialog() {
    return renderIdleWarning(this.localize, { secondsLeft: this.idle.secondsLeft, onStay: () => this.idle.stay(), onSignOut: () => void this.signOut(), onDismiss: this.keepSession });
  }

  protected override render() {
    const { status } = this.session;
    const showContent = status === 'signed-in' || status === 'expired';
    return html`<div class="session" dir=${this.localize.dir()} lang=${this.localize.lang()}>${renderSessionBar(this.localize, this.session, () => void this.signOut())}${renderSessionStatus(this.localize, this.session, { onSignIn: () => void this.signIn(), onRetry: () => void this.start() })}
      <div ?hidden=${status !== 'signed-out'}><slot name="sign-in">${renderSignInPrompt(this.localize, { idle: this.signedOutIdle, onSignIn: () => void this.signIn() })}</slot></div>
      <div part="content" ?hidden=${!showContent}>${renderActingFor(this.localize, this.session)}<slot></slot></div>${this.renderIdleDialog()}</div>`;
  }
}

