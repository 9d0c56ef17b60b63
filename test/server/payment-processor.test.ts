/**
 * The demo payment processor (demo/server/processor/) driven as the browser and the patient would:
 * the element opens a checkout session with its FHIR token, the patient submits a test card on the
 * hosted page, the processor charges once per payment id and calls the hospital's signed webhook, and
 * the element finds the record on the FHIR server by the payment's id. Refusals: another patient's
 * statement, more than is owed, a bad amount, currency or return address, a FHIR base not this server's.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/payment-processor.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Bundle, Invoice, PaymentReconciliation } from 'fhir/r4';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { admin, call, tokenFor } from '../helpers/server-http.js';
import { assertNoVictimData, matches, VICTIMS, type Victim } from './attack-support.js';
import { checkout, invoice, openCheckout, paymentSandbox, paymentsWithId, READ_SCOPE, RETURN_URL, submitCard, WEBHOOK_SECRET } from './payment-support.js';

const TIMEOUT = 15_000;
const { james, leo } = VICTIMS;
const cents = (money: { value?: number } | undefined) => Math.round((money?.value ?? 0) * 100);

let server: PorticoServer;

before(async () => {
  server = await startPorticoServer({ port: 0, testAdmin: true, paymentWebhookSecret: WEBHOOK_SECRET, paymentSettleMs: Infinity, brandName: 'Lakeside Clinic' });
});

after(async () => {
  await server?.close();
});

/** Maria's sandbox: her token and the statements she still owes on, with what is owed on each. */
async function mariasBills() {
  const { fhir } = await paymentSandbox(server);
  const token = await tokenFor(server, 'maria', READ_SCOPE);
  const bundle = (await call<Bundle>(fhir, 'GET', 'Invoice?status=issued&_sort=date', { token })).body;
  const payments = matches((await call<Bundle>(fhir, 'GET', 'PaymentReconciliation?_count=100', { token })).body) as PaymentReconciliation[];
  const owed = (inv: Invoice) => cents(inv.totalNet) - payments.flatMap((p) => p.detail ?? []).filter((d) => d.request?.reference === `Invoice/${inv.id}`).reduce((s, d) => s + cents(d.amount), 0);
  const open = (matches(bundle) as Invoice[]).map((inv) => ({ invoice: inv, ref: `Invoice/${inv.id}`, owed: owed(inv) }));
  assert.ok(open.length >= 2, 'Maria owes on two statements');
  const partly = open.find((o) => o.owed < cents(o.invoice.totalNet));
  assert.ok(partly, 'one of them partly paid');
  return { fhir, token, open, partly };
}

describe('Paying a statement in full, once', () => {
  it('a checkout, the hosted page, the card: one record, the statement balanced, the patient sent back', { timeout: TIMEOUT }, async () => {
    const { fhir, token, open } = await mariasBills();
    const bill = open.find((o) => o.owed === cents(o.invoice.totalNet))!;
    const body = checkout(fhir, 'maria', [bill.ref], bill.owed);
    const session = await openCheckout(server, body, token);
    assert.equal(session.status, 201, JSON.stringify(session.body));
    assert.equal(session.headers.get('access-control-allow-origin'), 'http://localhost:5999');
    assert.match(session.body.url!, new RegExp(`^${server.processorUrl}/pay/cs_`));

    const page = await fetch(session.body.url!);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /Pay Lakeside Clinic/);
    assert.match(html, new RegExp(`\\$${(bill.owed / 100).toFixed(2).replace('.', '\\.')}`));
    assert.match(html, new RegExp(bill.invoice.identifier![0]!.value!));
    assert.match(html, /No real card is charged/);
    assert.match(html, /4242 4242 4242 4242/);
    assert.doesNotMatch(html, /<script/i);
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'self' http:\/\/localhost:5999/);
    assert.doesNotMatch(csp, /script-src|unsafe/);
    const cancel = new URL(/href="([^"]+)">Cancel/.exec(html)![1]!.replace(/&#38;/g, '&'));
    assert.equal(cancel.searchParams.get('status'), 'cancelled');
    assert.equal(cancel.searchParams.get('paymentId'), body.paymentId);

    const paid = await submitCard(session.body.url!, '4242 4242 4242 4242');
    assert.equal(paid.status, 303);
    const back = new URL(paid.location!);
    assert.equal(`${back.origin}${back.pathname}`, 'http://localhost:5999/my-health.html');
    assert.equal(back.searchParams.get('view'), 'bills', 'the return address keeps its own query');
    assert.equal(back.searchParams.get('paymentId'), body.paymentId);
    assert.equal(back.searchParams.get('status'), 'succeeded');
    assert.equal(back.hash, '#pay');

    const [recorded, ...more] = await paymentsWithId(fhir, token, body.paymentId);
    assert.equal(more.length, 0);
    assert.equal(recorded!.outcome, 'complete');
    assert.equal(recorded!.status, 'active');
    assert.equal(cents(recorded!.paymentAmount), bill.owed);
    assert.deepEqual(recorded!.detail!.map((d) => [d.request?.reference, cents(d.amount)]), [[bill.ref, bill.owed]]);
    assert.equal(recorded!.processNote![0]!.text, 'Visa ending 4242');
    assert.match(recorded!.paymentIdentifier!.value!, /^ch_/);
    assert.equal((await invoice(fhir, token, bill.invoice.id!)).status, 'balanced');

    // Submitting again (a double click, the back button) or reopening the session charges nothing more.
    const twice = await submitCard(session.body.url!, '4242 4242 4242 4242');
    assert.equal(twice.status, 303);
    assert.equal(new URL(twice.location!).searchParams.get('status'), 'succeeded');
    const reopened = await openCheckout(server, body, token);
    assert.equal(reopened.status, 200);
    assert.equal(reopened.body.id, session.body.id);
    assert.equal(reopened.body.status, 'succeeded');
    assert.match(await (await fetch(session.body.url!)).text(), /has been made\. You will not be charged again/);
    assert.equal((await paymentsWithId(fhir, token, body.paymentId)).length, 1);
  });

  it('two submits at the same moment charge once', { timeout: TIMEOUT }, async () => {
    const { fhir, token, open } = await mariasBills();
    const body = checkout(fhir, 'maria', [open[0]!.ref], 500);
    const { url } = (await openCheckout(server, body, token)).body;
    const [a, b] = await Promise.all([submitCard(url!, '4242424242424242'), submitCard(url!, '4242424242424242')]);
    assert.deepEqual([a.status, b.status], [303, 303]);
    assert.equal((await paymentsWithId(fhir, token, body.paymentId)).length, 1);
    assert.equal((await admin<{ settled: number }>(server, 'POST', 'processor/settle')).settled, 0);
  });

  it('the same paymentId with other parameters is 409; a new paymentId is a new session, unless it pays the same thing as one still open', { timeout: TIMEOUT }, async () => {
    const { fhir, token, open } = await mariasBills();
    const body = checkout(fhir, 'maria', [open[0]!.ref], 500);
    const first = await openCheckout(server, body, token);
    assert.equal(first.status, 201);
    assert.equal((await openCheckout(server, { ...body, amount: { value: 600, currency: 'USD' } }, token)).status, 409);
    assert.equal((await openCheckout(server, { ...body, invoices: [open[1]!.ref] }, token)).status, 409);
    // Another tab paying the same statement and amount while the first checkout is open: that checkout, under its id.
    const twin = await openCheckout(server, { ...body, paymentId: randomUUID() }, token);
    assert.equal(twin.status, 200);
    assert.equal(twin.body.id, first.body.id);
    assert.equal(twin.body.paymentId, body.paymentId);
    const other = await openCheckout(server, { ...body, paymentId: randomUUID(), amount: { value: 400, currency: 'USD' } }, token);
    assert.equal(other.status, 201);
    assert.notEqual(other.body.id, first.body.id);
  });
});

describe('Part payments, several statements, declines and the slow card', () => {
  it('a part payment leaves the statement issued with the rest owed; more than the rest is refused', { timeout: TIMEOUT }, async () => {
    const { fhir, token, partly } = await mariasBills();
    const body = checkout(fhir, 'maria', [partly.ref], 100);
    await submitCard((await openCheckout(server, body, token)).body.url!, '4242424242424242');
    assert.equal((await invoice(fhir, token, partly.invoice.id!)).status, 'issued');
    const over = await openCheckout(server, checkout(fhir, 'maria', [partly.ref], partly.owed - 100 + 1), token);
    assert.equal(over.status, 400);
    assert.match(over.body.error!, /more than is owed/);
    const rest = checkout(fhir, 'maria', [partly.ref], partly.owed - 100);
    await submitCard((await openCheckout(server, rest, token)).body.url!, '4242424242424242');
    assert.equal((await invoice(fhir, token, partly.invoice.id!)).status, 'balanced');
    assert.equal((await openCheckout(server, checkout(fhir, 'maria', [partly.ref], 1), token)).status, 400, 'nothing left to pay');
  });

  it('one payment for two statements is spread oldest first; both balanced', { timeout: TIMEOUT }, async () => {
    const { fhir, token, open } = await mariasBills();
    const [older, newer] = open;
    const body = checkout(fhir, 'maria', [newer!.ref, older!.ref], older!.owed + newer!.owed);
    assert.equal((await submitCard((await openCheckout(server, body, token)).body.url!, '4242424242424242')).status, 303);
    const [recorded] = await paymentsWithId(fhir, token, body.paymentId);
    assert.deepEqual(recorded!.detail!.map((d) => [d.request?.reference, cents(d.amount)]), [[older!.ref, older!.owed], [newer!.ref, newer!.owed]]);
    for (const o of open.slice(0, 2)) assert.equal((await invoice(fhir, token, o.invoice.id!)).status, 'balanced');
  });

  for (const [card, words] of [['4000 0000 0000 0002', /Your card was declined\. No money was taken\./], ['4000-0000-0000-9995', /declined for insufficient funds/]] as const) {
    it(`a declined card (${card}) says so on the page and records nothing; another card then pays`, { timeout: TIMEOUT }, async () => {
      const { fhir, token, open } = await mariasBills();
      const body = checkout(fhir, 'maria', [open[0]!.ref], 700);
      const { url } = (await openCheckout(server, body, token)).body;
      const declined = await submitCard(url!, card);
      assert.equal(declined.status, 402);
      assert.match(declined.text, words);
      assert.match(declined.text, /<form method="post"/, 'the patient may try another card');
      assert.deepEqual(await paymentsWithId(fhir, token, body.paymentId), []);
      const status = await (await fetch(`${server.processorUrl}/payments/${body.paymentId}`)).json();
      assert.deepEqual(status, { paymentId: body.paymentId, status: 'open', decline: card.startsWith('4000 0000 0000 0002') ? 'declined' : 'insufficient-funds' });
      assert.equal((await submitCard(url!, '1234 5678 9012 3456')).status, 400, 'not a test card');
      assert.equal((await submitCard(url!, '4242 4242 4242 4242')).status, 303);
      assert.equal((await paymentsWithId(fhir, token, body.paymentId)).length, 1);
    });
  }

  it('the slow card: queued first, complete when it settles; the statement balanced only then', { timeout: TIMEOUT }, async () => {
    const { fhir, token, open } = await mariasBills();
    const bill = open[0]!;
    const body = checkout(fhir, 'maria', [bill.ref], bill.owed);
    const sent = await submitCard((await openCheckout(server, body, token)).body.url!, '4000 0000 0000 3220');
    assert.equal(new URL(sent.location!).searchParams.get('status'), 'processing');
    const [queued] = await paymentsWithId(fhir, token, body.paymentId);
    assert.equal(queued!.outcome, 'queued');
    assert.equal((await invoice(fhir, token, bill.invoice.id!)).status, 'issued');
    assert.equal((await openCheckout(server, checkout(fhir, 'maria', [bill.ref], 1), token)).status, 400, 'what is settling is not owed twice');
    assert.ok((await admin<{ settled: number }>(server, 'POST', 'processor/settle')).settled >= 1);
    const settled = await paymentsWithId(fhir, token, body.paymentId);
    assert.equal(settled.length, 1);
    assert.equal(settled[0]!.id, queued!.id);
    assert.equal(settled[0]!.outcome, 'complete');
    assert.equal((await invoice(fhir, token, bill.invoice.id!)).status, 'balanced');
  });

  it('with a sandbox delay, the slow card settles by itself', { timeout: TIMEOUT }, async () => {
    const { fhir } = await paymentSandbox(server, { paymentSettleMs: 50 });
    const token = await tokenFor(server, 'maria', READ_SCOPE);
    const bill = (matches((await call<Bundle>(fhir, 'GET', 'Invoice?status=issued', { token })).body) as Invoice[])[0]!;
    const body = checkout(fhir, 'maria', [`Invoice/${bill.id}`], 100);
    await submitCard((await openCheckout(server, body, token)).body.url!, '4000000000003220');
    for (let i = 0; i < 50 && (await paymentsWithId(fhir, token, body.paymentId))[0]?.outcome !== 'complete'; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await paymentsWithId(fhir, token, body.paymentId))[0]?.outcome, 'complete');
  });
});

describe('Checkout sessions the processor refuses', () => {
  let fhir: string;
  let maria: string;
  let leoToken: string;
  let mine: string;
  let leos: string;
  let jamesPaid: string;

  before(async () => {
    ({ fhir } = await paymentSandbox(server));
    [maria, leoToken] = await Promise.all([tokenFor(server, 'maria', READ_SCOPE), tokenFor(server, 'james', READ_SCOPE, 'leo')]);
    const jamesToken = await tokenFor(server, 'james', READ_SCOPE, 'james');
    mine = `Invoice/${(matches((await call<Bundle>(fhir, 'GET', 'Invoice?status=issued', { token: maria })).body)[0]!).id}`;
    leos = `Invoice/${(matches((await call<Bundle>(fhir, 'GET', 'Invoice?status=issued', { token: leoToken })).body)[0]!).id}`;
    jamesPaid = `Invoice/${(matches((await call<Bundle>(fhir, 'GET', 'Invoice', { token: jamesToken })).body)[0]!).id}`;
  });

  const refused = async (body: unknown, token: string | undefined, status: number, victim: Victim = james) => {
    const reply = await openCheckout(server, body, token);
    assert.equal(reply.status, status, JSON.stringify(reply.body));
    assert.equal(reply.body.url, undefined);
    assertNoVictimData({ status: reply.status, headers: reply.headers, body: reply.body }, victim);
  };

  it('another patient’s statement, or one of hers with another patient’s', { timeout: TIMEOUT }, async () => {
    await refused(checkout(fhir, 'leo', [leos], 100), maria, 403, leo);
    await refused(checkout(fhir, 'maria', [leos], 100), maria, 403, leo);
    await refused(checkout(fhir, 'maria', [mine, leos], 100), maria, 403, leo);
    await refused(checkout(fhir, 'james', [jamesPaid], 100), maria, 403);
    await refused(checkout(fhir, 'maria', [mine], 100), leoToken, 403, { username: 'maria', patient: 'maria', markers: /maria|Hernández/i });
    // Control: James acting for Leo pays Leo's statement.
    const forLeo = await openCheckout(server, checkout(fhir, 'leo', [leos], 100), leoToken);
    assert.equal(forLeo.status, 201, JSON.stringify(forLeo.body));
  });

  it('someone else’s paymentId does not hand over their session', { timeout: TIMEOUT }, async () => {
    const theirs = checkout(fhir, 'leo', [leos], 200);
    assert.equal((await openCheckout(server, theirs, leoToken)).status, 201);
    await refused(theirs, maria, 403, leo);
  });

  it('no token, or one the FHIR server does not accept', { timeout: TIMEOUT }, async () => {
    await refused(checkout(fhir, 'maria', [mine], 100), undefined, 401);
    await refused(checkout(fhir, 'maria', [mine], 100), 'not-a-token', 401);
  });

  it('amounts: zero, negative, fractional, text, over what is owed; currencies other than USD; a paid statement', { timeout: TIMEOUT }, async () => {
    for (const value of [0, -100, 10.5, '100', 1e12]) await refused(checkout(fhir, 'maria', [mine], value as number), maria, 400);
    await refused(checkout(fhir, 'maria', [mine], 100_000), maria, 400);
    await refused({ ...checkout(fhir, 'maria', [mine], 100), amount: { value: 100, currency: 'EUR' } }, maria, 400);
    await refused({ ...checkout(fhir, 'maria', [mine], 100), amount: { value: 100 } }, maria, 400);
    const paid = `Invoice/${(matches((await call<Bundle>(fhir, 'GET', 'Invoice?status=balanced', { token: maria })).body)[0]!).id}`;
    await refused(checkout(fhir, 'maria', [paid], 100), maria, 400);
  });

  it('a return address that is not http(s), a FHIR base not this server’s, a malformed body', { timeout: TIMEOUT }, async () => {
    for (const returnUrl of ['javascript:alert(1)', 'data:text/html,hi', '/relative', 'http://user:pw@localhost/x', 'not a url']) await refused(checkout(fhir, 'maria', [mine], 100, { returnUrl }), maria, 400);
    for (const fhirBase of ['https://fhir.elsewhere.example/r4', `${server.origin}/sandbox/nope/fhir`, fhir.replace('localhost', '127.0.0.1'), `${fhir}/`]) await refused(checkout(fhir, 'maria', [mine], 100, { fhirBase }), maria, 400);
    await refused(checkout(fhir, 'maria', ['Patient/maria'], 100), maria, 400);
    await refused(checkout(fhir, 'maria', [], 100), maria, 400);
    await refused(checkout(fhir, 'maria', [mine], 100, { paymentId: 'x' }), maria, 400);
    const raw = await fetch(`${server.processorUrl}/checkout-sessions`, { method: 'POST', headers: { Authorization: `Bearer ${maria}` }, body: '{not json' });
    assert.equal(raw.status, 400);
  });

  it('a page for a session that does not exist', { timeout: TIMEOUT }, async () => {
    assert.equal((await fetch(`${server.processorUrl}/pay/cs_nope`)).status, 404);
    assert.equal((await submitCard(`${server.processorUrl}/pay/cs_nope`, '4242424242424242')).status, 404);
    assert.equal((await fetch(`${server.processorUrl}/payments/${randomUUID()}`)).status, 404);
  });

  it('the browser may call it from another origin (CORS preflight)', { timeout: TIMEOUT }, async () => {
    const preflight = await fetch(`${server.processorUrl}/checkout-sessions`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5999', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /Authorization/);
    assert.equal(RETURN_URL.startsWith('http://localhost:5999/'), true);
  });
});
