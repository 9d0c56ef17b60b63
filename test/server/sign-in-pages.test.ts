/**
 * The embedded sign-in pages as a browser receives them over HTTP: the language of the authorization
 * request (`ui_locales`, else the interaction's `ui_locales`, else `Accept-Language`), the host's brand
 * name, and the consent question in plain, grouped words.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/sign-in-pages.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';

const PORTAL_SCOPE = 'openid fhirUser launch/patient online_access patient/*.rs patient/Appointment.cu patient/Slot.u patient/Communication.cu patient/PaymentReconciliation.c patient/Task.c';

/** A browser's cookie jar and the pages it was shown, following redirects by hand. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly headers: Record<string, string> = {}) {}

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    let next = url;
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < 10; hop++) {
      const reply = await fetch(next, {
        method,
        redirect: 'manual',
        body,
        headers: { ...this.headers, Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      });
      for (const cookie of reply.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const [name = '', value = ''] = pair.split('=');
        this.cookies.set(name.trim(), value);
      }
      const location = reply.headers.get('location');
      if (reply.status < 300 || reply.status >= 400 || !location) return reply;
      const target = new URL(location, next);
      // The redirect back to the portal ends the sign-in: the portal is not running here.
      if (!target.pathname.startsWith('/auth')) return reply;
      next = target.href;
      method = 'GET';
      body = undefined;
    }
    throw new Error('Too many redirects');
  }
}

function authorizeUrl(server: PorticoServer, scope: string, extra: Record<string, string> = {}): string {
  return authorizationRequest(server, scope, extra).url;
}

function authorizationRequest(server: PorticoServer, scope: string, extra: Record<string, string> = {}): { url: string; verifier: string } {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${server.authIssuer}/authorize`);
  const params = {
    client_id: 'portico-demo',
    response_type: 'code',
    redirect_uri: 'http://localhost:5999/callback',
    scope,
    state: randomBytes(8).toString('hex'),
    aud: server.fhirBaseUrl,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url: url.href, verifier };
}

/** The `<html>` element's attribute, the text of the first element matching `tag`, every `<li>` and all visible text. */
function read(html: string) {
  const root = /<html([^>]*)>/.exec(html)?.[1] ?? '';
  const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(root)?.[1];
  const text = (tag: string) => /<(\w+)[^>]*>(.*?)<\/\1>/s.exec(new RegExp(`<${tag}[^>]*>.*?</${tag}>`, 's').exec(html)?.[0] ?? '')?.[2]?.replace(/<[^>]+>/g, '').trim();
  const items = [...html.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => m[1]!.trim());
  const visible = html.replace(/<style>.*?<\/style>/s, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  return { lang: attribute('lang'), dir: attribute('dir'), text, items, visible };
}

async function loginPageFor(server: PorticoServer, scope: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const browser = new Browser(headers);
  const reply = await browser.request(authorizeUrl(server, scope, extra));
  assert.equal(reply.status, 200);
  const url = reply.url;
  return { browser, url, page: read(await reply.text()) };
}

/** Signs in on the login page the authorization request led to; returns the consent page. */
async function consentPageFor(server: PorticoServer, username: string, scope: string, extra: Record<string, string> = {}) {
  const { browser, url } = await loginPageFor(server, scope, extra);
  const reply = await browser.request(`${url}/login`, { method: 'POST', form: { username, password: `${username}-demo` } });
  assert.equal(reply.status, 200);
  return read(await reply.text());
}

describe('the embedded sign-in pages', () => {
  let server: PorticoServer;
  let branded: PorticoServer;
  before(async () => {
    server = await startPorticoServer({ port: 0 });
    branded = await startPorticoServer({ port: 0, brandName: 'Lakeside Clinic' });
  });
  after(async () => {
    await server?.close();
    await branded?.close();
  });

  it('speak English by default, left to right', async () => {
    const { page } = await loginPageFor(server, PORTAL_SCOPE);
    assert.equal(page.lang, 'en');
    assert.equal(page.dir, 'ltr');
    assert.match(page.visible, /Username/);
    assert.match(page.visible, /Password/);
  });

  it('speak Spanish for ui_locales=es', async () => {
    const { page } = await loginPageFor(server, PORTAL_SCOPE, { ui_locales: 'es' });
    assert.equal(page.lang, 'es');
    assert.equal(page.dir, 'ltr');
    assert.equal(page.text('h1'), 'Inicie sesión en Riverside Health patient portal');
    assert.match(page.visible, /Usuario/);
    assert.match(page.visible, /Contraseña/);
    assert.match(page.visible, /Cuentas de demostración/);
    assert.doesNotMatch(page.visible, /Username|Password|Demo accounts/);
  });

  it('speak Arabic, right to left, for ui_locales=ar', async () => {
    const { page } = await loginPageFor(server, PORTAL_SCOPE, { ui_locales: 'ar-SA en' });
    assert.equal(page.lang, 'ar');
    assert.equal(page.dir, 'rtl');
    assert.match(page.visible, /اسم المستخدم/);
    assert.match(page.visible, /كلمة المرور/);
    assert.doesNotMatch(page.visible, /Username|Password/);
  });

  it("follow the browser's Accept-Language when the request has no ui_locales", async () => {
    const { page } = await loginPageFor(server, PORTAL_SCOPE, {}, { 'Accept-Language': 'fr-FR,es;q=0.8,en;q=0.5' });
    assert.equal(page.lang, 'es');
    assert.match(page.visible, /Usuario/);
  });

  it('take a ui_locales query on the interaction page', async () => {
    const { browser, url } = await loginPageFor(server, PORTAL_SCOPE);
    const page = read(await (await browser.request(`${url}?ui_locales=ar`)).text());
    assert.equal(page.lang, 'ar');
    assert.equal(page.dir, 'rtl');
  });

  it("carry the host's brand name, not a fixed one", async () => {
    const { page } = await loginPageFor(branded, PORTAL_SCOPE);
    assert.equal(page.text('div'), 'Lakeside Clinic');
    assert.equal(page.text('h1'), 'Sign in to Lakeside Clinic patient portal');
    assert.match(page.text('title') ?? '', /Lakeside Clinic/);
    assert.doesNotMatch(page.visible, /Riverside/);
  });

  it('ask for consent in plain words, one line per feature the portal asks for', async () => {
    const page = await consentPageFor(server, 'maria', PORTAL_SCOPE);
    // The portal also asks to write payments; the demo client is not registered for it (a payment is
    // recorded by the payment processor's webhook, never by the portal), so the page does not offer it.
    assert.match(PORTAL_SCOPE, /PaymentReconciliation\.c/);
    assert.deepEqual(page.items, [
      'Know who you are',
      'See your health record',
      'Book, move and cancel visits',
      'Send messages to your care team',
      'Ask for refills',
      'Stay signed in',
    ]);
  });

  it('list only what a read-only request asks for', async () => {
    const page = await consentPageFor(server, 'maria', 'openid fhirUser launch/patient patient/*.rs');
    assert.deepEqual(page.items, ['Know who you are', 'See your health record']);
    assert.doesNotMatch(page.visible, /Pay bills|slot|task|payment/i);
  });

  it('ask in Arabic, right to left, for ui_locales=ar', async () => {
    const page = await consentPageFor(server, 'james', PORTAL_SCOPE, { ui_locales: 'ar' });
    assert.equal(page.lang, 'ar');
    assert.equal(page.dir, 'rtl');
    assert.equal(page.items.length, 6);
    assert.ok(page.items.includes('إرسال رسائل إلى فريق رعايتك'), page.items.join(' | '));
    assert.ok(!page.items.includes('دفع الفواتير'), page.items.join(' | '));
    assert.match(page.visible, /سجل من تريد فتحه؟/);
    assert.match(page.visible, /شخص ترعاه/);
    assert.doesNotMatch(page.visible, /Allow|Deny|someone you care for/);
  });

  it('ask in Spanish for ui_locales=es', async () => {
    const page = await consentPageFor(server, 'maria', 'openid fhirUser patient/Observation.rs', { ui_locales: 'es' });
    assert.deepEqual(page.items, ['Saber quién es usted', 'Ver los resultados de sus pruebas']);
    assert.match(page.visible, /Permitir/);
  });

  it("reuses the consent to a child's record when the person switches back to it in the same session", async () => {
    const browser = new Browser();
    /** Starts a sign-in as the portal does on "Switch patient"; the page the person is shown. */
    const start = async () => {
      const request = authorizationRequest(server, PORTAL_SCOPE);
      const reply = await browser.request(request.url);
      assert.equal(reply.status, 200);
      return { ...request, interaction: reply.url, page: read(await reply.text()) };
    };
    /** The authorization server's answer: the patient the token is for. */
    const patientOf = async (reply: Response, verifier: string) => {
      assert.equal(reply.status, 303, 'sent back to the portal');
      const code = new URL(reply.headers.get('location')!).searchParams.get('code');
      assert.ok(code, reply.headers.get('location') ?? '');
      const token = await fetch(`${server.authIssuer}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'portico-demo', redirect_uri: 'http://localhost:5999/callback', code_verifier: verifier }),
      });
      assert.equal(token.status, 200);
      return ((await token.json()) as { patient?: string }).patient;
    };

    // First time: sign in as James, pick Leo and consent.
    const first = await start();
    const consent = read(await (await browser.request(`${first.interaction}/login`, { method: 'POST', form: { username: 'james', password: 'james-demo' } })).text());
    assert.match(consent.text('h1') ?? '', /^Allow .* to access your record\?$/);
    assert.equal(consent.items.length, 6);
    assert.equal(await patientOf(await browser.request(`${first.interaction}/confirm`, { method: 'POST', form: { patient: 'leo', decision: 'allow' } }), first.verifier), 'leo');

    // Second time, switching to Leo: the picker only, and choosing Leo signs straight in.
    const second = await start();
    assert.equal(second.page.text('h1'), 'Whose record do you want to open?');
    assert.deepEqual(second.page.items, [], 'no consent question');
    assert.doesNotMatch(second.page.visible, /Allow|will be able to/);
    assert.match(second.page.visible, /Leo/);
    assert.equal(await patientOf(await browser.request(`${second.interaction}/confirm`, { method: 'POST', form: { patient: 'leo', decision: 'continue' } }), second.verifier), 'leo');

    // James's own record was never consented to: choosing it asks first.
    const third = await start();
    const asked = await browser.request(`${third.interaction}/confirm`, { method: 'POST', form: { patient: 'james', decision: 'continue' } });
    assert.equal(asked.status, 200);
    const askedPage = read(await asked.text());
    assert.match(askedPage.text('h1') ?? '', /^Allow /);
    assert.equal(await patientOf(await browser.request(`${third.interaction}/confirm`, { method: 'POST', form: { patient: 'james', decision: 'allow' } }), third.verifier), 'james');

    // Back to Leo after James: still no consent question.
    const fourth = await start();
    assert.equal(fourth.page.text('h1'), 'Whose record do you want to open?');
    assert.equal(await patientOf(await browser.request(`${fourth.interaction}/confirm`, { method: 'POST', form: { patient: 'leo', decision: 'continue' } }), fourth.verifier), 'leo');
  });

  it('asks again when the portal asks for more than the person consented to', async () => {
    const browser = new Browser();
    const narrow = 'openid fhirUser launch/patient patient/*.rs';
    const first = authorizationRequest(server, narrow);
    const login = await browser.request(first.url);
    await browser.request(`${login.url}/login`, { method: 'POST', form: { username: 'james', password: 'james-demo' } });
    const done = await browser.request(`${login.url}/confirm`, { method: 'POST', form: { patient: 'leo', decision: 'allow' } });
    assert.equal(done.status, 303);
    const wider = await browser.request(authorizationRequest(server, PORTAL_SCOPE).url);
    const page = read(await wider.text());
    assert.match(page.text('h1') ?? '', /^Allow /);
    assert.ok(page.items.includes('Book, move and cancel visits'), page.items.join(' | '));
  });
});
