import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { choosePageLanguage, pageText } from './page-language.js';
import { consentPage, escapeHtml, loginPage, logoutPage, messagePage, type PageContext } from './pages.js';
import { SessionGrants } from './session-grants.js';
import { consentGroups, DEMO_CLIENT_SCOPES, grantableScopes, isResourceScope, STATIC_SCOPES } from './scopes.js';

/** A person who can sign in, and the patients whose records they may open. */
export interface Account {
  username: string;
  password: string;
  displayName: string;
  description: string;
  /** 'Patient/maria', 'RelatedPerson/…', 'Practitioner/…' */
  fhirUser: string;
  /** Patient ids, own record first. */
  patients: string[];
  /** Display names of those patients, by id. */
  patientNames: Record<string, string>;
}

export interface AuthServerOptions {
  /** e.g. http://localhost:8100/auth */
  issuer: string;
  /** The FHIR base URL the tokens are for (the SMART `aud`). */
  fhirBaseUrl: string;
  accounts: () => readonly Account[];
  accessTokenTtlSeconds?: number;
  /** The host's name on the sign-in pages and in the demo client's `client_name` (default "Riverside Health"). */
  brandName?: string;
}

/** What the FHIR server learns from a bearer token. */
export interface TokenGrant {
  accountId: string;
  fhirUser: string;
  scope: string;
  /** Patient ids the token may read and write (the chosen patient). */
  patients: string[];
  expiresAt: number;
}

type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The launch and patient context behind a grant, by grant id (refresh tokens share it). */
interface GrantContext {
  patient: string;
  accountId: string;
  /** The scopes the person consented to for this patient (as the authorization request asked them). */
  scope?: string;
}

export const DEMO_CLIENT_ID = 'portico-demo';
/** Client metadata: the SMART resource scopes a client is registered for (space-separated, like `scope`). */
const SMART_SCOPES_METADATA = 'smart_scopes';

/** The SMART resource scopes a client is registered for (none for an unknown client). */
function registeredScopes(client: { [key: string]: unknown } | undefined): string[] {
  const value = client?.[SMART_SCOPES_METADATA] ?? client?.smartScopes;
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Demo fixture rule: pages served from this machine are the demo's own (site, Storybook, tests). */
function isLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The SMART App Launch 2.0 / OpenID Connect authorization server of the demo backend, on oidc-provider.
 * Public clients must use authorization code + PKCE S256; SMART resource scopes are granted for the
 * FHIR server as the resource indicator; the token response carries `patient` and `need_patient_banner`.
 */
export async function createAuthServer(options: AuthServerOptions) {
  const { issuer, fhirBaseUrl } = options;
  const brand = options.brandName ?? 'Riverside Health';
  // The pages speak the authorization request's `ui_locales`, else the interaction URL's, else the browser's language.
  const pageContext = (ctx: { oidc?: { params?: Record<string, unknown> }; get(name: string): string }): PageContext => ({
    brand,
    language: choosePageLanguage({ requestUiLocales: ctx.oidc?.params?.ui_locales, acceptLanguage: ctx.get('accept-language') }),
  });
  const contexts = new Map<string, GrantContext>();
  const launches = new Map<string, { patient: string; createdAt: number }>();
  const findAccount = (id: string | undefined) => options.accounts().find((a) => a.username === id);

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'demo-1', alg: 'RS256', use: 'sig' };

  // The resource scopes the resource server accepts for this request: of those asked, what the
  // client's registration allows (a token never carries more, whatever the client asked for).
  const smartScopesOf = (ctx: KoaContextWithOIDC): string => {
    const entities = ctx.oidc.entities as Record<string, { scope?: string } | undefined>;
    const sources = [ctx.oidc.params?.scope, entities.AuthorizationCode?.scope, entities.RefreshToken?.scope];
    const asked = [...new Set(sources.flatMap((s) => String(s ?? '').split(' ')).filter(isResourceScope))];
    return grantableScopes(asked, registeredScopes(ctx.oidc.client)).join(' ');
  };

  // Someone who may open several records chooses whose, on every SMART standalone launch (and so on
  // "Switch patient"), even when an earlier grant already covers the scopes.
  const policy = interactionPolicy.base();
  policy.get('consent')!.checks.add(
    new interactionPolicy.Check('patient_selection', 'choose the patient', (ctx) => {
      const params = ctx.oidc.params as Record<string, unknown>;
      if ((ctx.oidc.result as { consent?: unknown } | undefined)?.consent) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const account = findAccount(ctx.oidc.session?.accountId);
      const wantsPatient = String(params.scope ?? '').split(' ').includes('launch/patient');
      return account && account.patients.length > 1 && wantsPatient && !params.launch ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );

  const configuration: Configuration = {
    clients: [
      {
        client_id: DEMO_CLIENT_ID,
        client_name: `${brand} patient portal`,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://localhost/'],
        post_logout_redirect_uris: ['http://localhost/'],
        scope: STATIC_SCOPES.join(' '),
        [SMART_SCOPES_METADATA]: DEMO_CLIENT_SCOPES.join(' '),
      },
    ],
    extraClientMetadata: {
      properties: [SMART_SCOPES_METADATA],
      validator: (_ctx, key, value) => {
        if (key === SMART_SCOPES_METADATA && (typeof value !== 'string' || !value.split(' ').every(isResourceScope))) {
          throw new Error(`${SMART_SCOPES_METADATA} must be a space-separated list of SMART resource scopes`);
        }
      },
    },
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: [...STATIC_SCOPES],
    claims: {
      openid: ['sub', 'patient'],
      fhirUser: ['fhirUser'],
      profile: ['name', 'preferred_username'],
    },
    conformIdTokenClaims: false,
    extraParams: ['launch', 'aud'],
    pkce: { required: () => true },
    routes: {
      authorization: '/authorize',
      token: '/token',
      revocation: '/revoke',
      introspection: '/introspect',
      end_session: '/logout',
      userinfo: '/userinfo',
      jwks: '/jwks',
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
    rotateRefreshToken: true,
    // SMART: offline_access (outlives the browser session) and online_access (while the user is signed in).
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && (code.scopes.has('offline_access') || code.scopes.has('online_access')),
    // Browsers call the token, revocation and userinfo endpoints from the portal page's origin.
    clientBasedCORS: (_ctx, origin) => isLoopback(origin),
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          const nonce = randomBytes(12).toString('base64');
          ctx.set('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; form-action *`);
          ctx.body = logoutPage(pageContext(ctx), form, nonce);
        },
        postLogoutSuccessSource: async (ctx) => {
          const context = pageContext(ctx);
          const text = pageText(context.language);
          ctx.body = messagePage(context, text.signedOutTitle, text.signedOut(brand));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBaseUrl,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => {
          if (resource !== fhirBaseUrl) throw new Error(`Unknown resource ${resource}`);
          return {
            scope: smartScopesOf(ctx),
            audience: fhirBaseUrl,
            accessTokenFormat: 'opaque',
            accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
          };
        },
      },
    },
    findAccount: (ctx, id) => {
      const account = findAccount(id);
      if (!account) return undefined;
      // The patient chosen for this grant, also as an ID-token claim (OIDC clients that drop the token response's `patient`).
      const entities = (ctx?.oidc?.entities ?? {}) as Record<string, { grantId?: string } | undefined>;
      const grantId = entities.AuthorizationCode?.grantId ?? entities.RefreshToken?.grantId ?? entities.Grant?.grantId;
      const patient = grantId ? contexts.get(grantId)?.patient : undefined;
      return {
        accountId: account.username,
        claims: () => ({
          sub: account.username,
          fhirUser: `${fhirBaseUrl}/${account.fhirUser}`,
          name: account.displayName,
          preferred_username: account.username,
          ...(patient ? { patient } : {}),
        }),
      };
    },
    extraTokenClaims: (_ctx, token) => {
      const grantId = 'grantId' in token ? token.grantId : undefined;
      const context = grantId ? contexts.get(grantId) : undefined;
      return context ? { patient: context.patient } : undefined;
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${new URL(issuer).pathname}/interaction/${interaction.uid}`,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const context = pageContext(ctx);
      ctx.body = messagePage(context, pageText(context.language).problemTitle, `${out.error}: ${out.error_description ?? ''}`);
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = false;

  // Demo fixture: the demo client may return to any page on this machine (the demo site, Storybook,
  // test pages on random ports). A real deployment registers exact redirect URIs.
  provider.Client.prototype.redirectUriAllowed = isLoopback;
  provider.Client.prototype.postLogoutRedirectUriAllowed = isLoopback;

  // SMART: the token response carries the patient in context, asks apps to show a patient banner, and
  // lists every scope granted (oidc-provider lists only the resource server's; apps such as fhirclient
  // look for online_access/offline_access there before they refresh).
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.method === 'POST' && ctx.status === 200) {
      const body = ctx.body as Record<string, unknown>;
      const token = typeof body.access_token === 'string' ? await provider.AccessToken.find(body.access_token) : undefined;
      const patient = (token?.extra as { patient?: string } | undefined)?.patient;
      const grant = token?.grantId ? await provider.Grant.find(token.grantId) : undefined;
      const scope = [...new Set([...(grant?.getOIDCScope().split(' ') ?? []), ...String(body.scope ?? '').split(' ')].filter(Boolean))].join(' ');
      ctx.body = { ...body, scope, ...(patient ? { patient, need_patient_banner: true } : {}) };
    }
  });

  // Choosing a record consented to before in this sign-in session (switching back to a child's record)
  // reuses its grant instead of asking again.
  const sessionGrants = new SessionGrants((id) => contexts.get(id), (id) => provider.Grant.find(id));

  const callback = provider.callback();
  const mountPath = new URL(issuer).pathname;

  async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  function sendHtml(res: ServerResponse, status: number, html: string): void {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*",
    });
    res.end(html);
  }

  function patientChoices(account: Account) {
    return account.patients.map((id, index) => ({
      id,
      name: account.patientNames[id] ?? id,
      own: index === 0 && !account.fhirUser.startsWith('RelatedPerson/'),
    }));
  }

  async function finishWithConsent(req: IncomingMessage, res: ServerResponse, account: Account, patient: string) {
    const details = await provider.interactionDetails(req, res);
    const client = await provider.Client.find(String(details.params.client_id));
    const requested = String(details.params.scope ?? '').split(' ').filter(Boolean);
    // The session's grant is extended when it is for the same patient; another patient gets a grant of its own.
    const existing = details.grantId && contexts.get(details.grantId)?.patient === patient ? await provider.Grant.find(details.grantId) : undefined;
    const grant = existing ?? new provider.Grant({ accountId: account.username, clientId: client!.clientId });
    grant.addOIDCScope(requested.filter((s) => (STATIC_SCOPES as readonly string[]).includes(s)).join(' '));
    const asked = requested.filter(isResourceScope);
    const resourceScopes = grantableScopes(asked, registeredScopes(client as unknown as Record<string, unknown>));
    if (resourceScopes.length) grant.addResourceScope(fhirBaseUrl, resourceScopes.join(' '));
    // What was asked and not granted is settled (rejected), so the consent prompt does not come back for it.
    const refused = asked.filter((s) => !resourceScopes.includes(s));
    if (refused.length) grant.rejectResourceScope(fhirBaseUrl, refused.join(' '));
    const grantId = await grant.save();
    contexts.set(grantId, { patient, accountId: account.username, scope: requested.join(' ') });
    if (details.session?.uid) sessionGrants.remember(details.session.uid, patient, grantId);
    await provider.interactionFinished(req, res, { login: { accountId: account.username }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  /** Handles a request under the issuer path; returns false when it is not the auth server's. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', issuer);
    if (!url.pathname.startsWith(mountPath)) return false;
    const rest = url.pathname.slice(mountPath.length);
    try {
      const interaction = /^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/.exec(rest);
      if (interaction) {
        await handleInteraction(req, res, url, interaction[1]!, interaction[2]);
        return true;
      }
      if (rest === '/launch' && req.method === 'GET') {
        handleEhrLaunch(url, res);
        return true;
      }
      // An authorization request asks for the scopes its client may be granted, and no more: the
      // consent page, the code and the token then all carry those (`patient/*.cruds` → `patient/*.rs`, …).
      if (rest === '/authorize' && req.method === 'GET') narrowRequestedScopes(url);
      // oidc-provider reads its mount path from originalUrl (the same path and query, with the mount path in front).
      req.url = rest + url.search || '/';
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = mountPath + req.url;
      await callback(req, res);
    } catch (error) {
      if (!res.headersSent) {
        const context = requestPageContext(req, url);
        sendHtml(res, 400, messagePage(context, pageText(context.language).problemTitle, (error as Error).message));
      }
    }
    return true;
  }

  /** The page language of a request outside an interaction: its `ui_locales` query, else the browser's. */
  function requestPageContext(req: IncomingMessage, url: URL, requestUiLocales?: unknown): PageContext {
    const acceptLanguage = req.headers['accept-language'];
    return { brand, language: choosePageLanguage({ requestUiLocales, queryUiLocales: url.searchParams.get('ui_locales'), acceptLanguage }) };
  }

  function narrowRequestedScopes(url: URL): void {
    const asked = url.searchParams.get('scope');
    const client = configuration.clients?.find((c) => c.client_id === url.searchParams.get('client_id'));
    if (!asked || !client) return;
    const scopes = asked.split(' ').filter(Boolean);
    const others = scopes.filter((s) => !isResourceScope(s));
    const granted = grantableScopes(scopes.filter(isResourceScope), registeredScopes(client));
    url.searchParams.set('scope', [...others, ...granted].join(' '));
  }

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, url: URL, uid: string, step?: string) {
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      const context = requestPageContext(req, url);
      const text = pageText(context.language);
      sendHtml(res, 400, messagePage(context, text.expiredTitle, text.expired));
      return;
    }
    const context = requestPageContext(req, url, details.params.ui_locales);
    if (details.uid !== uid) throw new Error('Interaction mismatch');
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? 'This app';
    const base = `${mountPath}/interaction/${uid}`;
    const accountsView = options.accounts();
    const launchContext = details.params.launch ? launches.get(String(details.params.launch)) : undefined;

    if (step === 'abort') {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The sign-in was cancelled.' }, { mergeWithLastSubmission: false });
      return;
    }
    if (step === 'login' && req.method === 'POST') {
      const form = await readForm(req);
      const account = findAccount(form.get('username') ?? undefined);
      if (!account || account.password !== form.get('password')) {
        sendHtml(res, 200, loginPage(context, { action: `${base}/login`, abortAction: `${base}/abort`, clientName, accounts: accountsView, error: true, username: form.get('username') ?? '' }));
        return;
      }
      await provider.interactionResult(req, res, { login: { accountId: account.username } }, { mergeWithLastSubmission: true });
      return showConsent(res, account);
    }
    if (step === 'confirm' && req.method === 'POST') {
      const form = await readForm(req);
      const loggedIn = (details.result?.login as { accountId?: string } | undefined)?.accountId ?? details.session?.accountId;
      const account = findAccount(loggedIn);
      if (!account) throw new Error('Not signed in');
      if (form.get('decision') !== 'allow' && form.get('decision') !== 'continue') {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Access was not allowed.' }, { mergeWithLastSubmission: false });
        return;
      }
      const patient = launchContext?.patient ?? form.get('patient') ?? account.patients[0];
      if (!patient || !account.patients.includes(patient)) throw new Error('That record is not one you may open.');
      if (form.get('decision') === 'continue') {
        // Chosen on the picker alone: a record consented to before opens at once, another one asks first.
        const grantId = await sessionGrants.reusable(details, account.username, patient);
        if (grantId) {
          await provider.interactionFinished(req, res, { login: { accountId: account.username }, consent: { grantId } }, { mergeWithLastSubmission: false });
          return;
        }
        return showConsent(res, account, patient);
      }
      await finishWithConsent(req, res, account, patient);
      return;
    }
    // GET: the login form, or (already signed in) the patient picker or the consent page.
    const sessionAccount = details.prompt.name === 'login' ? undefined : findAccount(details.session?.accountId);
    if (sessionAccount) return showConsent(res, sessionAccount);
    sendHtml(res, 200, loginPage(context, { action: `${base}/login`, abortAction: `${base}/abort`, clientName, accounts: accountsView }));

    async function showConsent(response: ServerResponse, account: Account, chosen?: string) {
      const requested = String(details.params.scope ?? '').split(' ');
      const patients = launchContext
        ? patientChoices(account).filter((p) => p.id === launchContext.patient)
        : chosen
          ? patientChoices(account).filter((p) => p.id === chosen)
          : requested.includes('launch/patient')
            ? patientChoices(account)
            : patientChoices(account).slice(0, 1);
      // Someone choosing among records they consented to before is only asked whose record to open.
      const consentedBefore = patients.length > 1 && (await Promise.all(patients.map((p) => sessionGrants.reusable(details, account.username, p.id)))).some(Boolean);
      sendHtml(
        response,
        200,
        consentPage(context, { action: `${base}/confirm`, clientName, userName: account.displayName, patients, groups: consentGroups(requested), pickOnly: consentedBefore }),
      );
    }
  }

  /** A tiny EHR simulator: `/auth/launch?patient=leo&app=<launch url>` starts an EHR launch of the app. */
  function handleEhrLaunch(url: URL, res: ServerResponse) {
    const app = url.searchParams.get('app');
    const patient = url.searchParams.get('patient');
    if (!app || !patient || !isLoopback(app)) {
      sendHtml(res, 400, messagePage({ brand, language: 'en' }, 'EHR launch', 'Give ?patient=<id>&app=<launch URL on this machine>.'));
      return;
    }
    const launch = randomUUID();
    launches.set(launch, { patient, createdAt: Date.now() });
    const target = new URL(app);
    target.searchParams.set('launch', launch);
    target.searchParams.set('iss', fhirBaseUrl);
    res.writeHead(302, { Location: target.href });
    res.end();
  }

  /** Resolves a bearer token to what it grants, or undefined when it is unknown, expired or revoked. */
  async function introspect(token: string): Promise<TokenGrant | undefined> {
    const accessToken = await provider.AccessToken.find(token);
    if (!accessToken || accessToken.isExpired) return undefined;
    const account = findAccount(accessToken.accountId);
    if (!account) return undefined;
    const patient = (accessToken.extra as { patient?: string } | undefined)?.patient;
    return {
      accountId: account.username,
      fhirUser: account.fhirUser,
      scope: accessToken.scope ?? '',
      patients: patient ? [patient] : [],
      expiresAt: (accessToken.exp ?? 0) * 1000,
    };
  }

  /** Test fixture: mints a real access token for a demo user (component tests use it with auth="token"). */
  /**
   * A token for a demo user (tests only, through /__admin). `unlisted`: the patient may be one the
   * account is not linked to, such as a new patient a test adds to its sandbox with no record yet.
   */
  async function mintAccessToken(username: string, scope: string, patient?: string, unlisted = false): Promise<string> {
    const account = findAccount(username);
    if (!account) throw new Error(`No demo user ${escapeHtml(username)}`);
    const chosen = patient ?? account.patients[0]!;
    if (!unlisted && !account.patients.includes(chosen)) throw new Error(`${username} may not open ${chosen}`);
    const client = await provider.Client.find(DEMO_CLIENT_ID);
    const grant = new provider.Grant({ accountId: username, clientId: DEMO_CLIENT_ID });
    grant.addResourceScope(fhirBaseUrl, scope);
    const grantId = await grant.save();
    contexts.set(grantId, { patient: chosen, accountId: username });
    const token = new provider.AccessToken({ accountId: username, client: client!, grantId, gty: 'authorization_code', scope, extra: { patient: chosen } });
    token.resourceServer = new provider.ResourceServer(fhirBaseUrl, { scope, audience: fhirBaseUrl, accessTokenFormat: 'opaque' });
    return token.save();
  }

  return { provider, handle, introspect, mintAccessToken, issuer };
}

export type AuthServer = Awaited<ReturnType<typeof createAuthServer>>;
