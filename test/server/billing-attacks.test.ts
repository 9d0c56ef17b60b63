/**
 * Bills under attack: accounts, coverage, charges, statements, EOBs and payments are the patient's to
 * read and search, never to write (features/billing.ts), and only the payment processor's signed
 * webhook records a payment (fhir/payment-webhook.ts). Maria's token tries to record a payment or mark
 * her statement paid, directly and in a transaction or batch; goes after James's and Leo's bills by id,
 * search, identifier, _include and _revinclude; James acting for Leo reaches for his own record through
 * Leo's bills; and anyone may call the webhook with a forged or replayed event. Positive controls run
 * the same reads on her own data. (The processor's own refusals: payment-processor.test.ts.)
 *
 * Run: node --experimental-websocket --import tsx --test test/server/billing-attacks.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Bundle, CapabilityStatement, Invoice, PaymentReconciliation, Resource } from 'fhir/r4';
import { BILLING_TYPES } from '../../demo/server/features/billing.js';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { call, tokenFor } from '../helpers/server-http.js';
import { asNew, assertNothingFound, assertOwnDataOnly, assertRefused, assertRefusedEntry, matches, transaction, VICTIMS } from './attack-support.js';
import { EVERYTHING, invoice, paymentEvent, paymentSandbox, paymentsWithId, postWebhook, READ_SCOPE, signed, WEBHOOK_SECRET } from './payment-support.js';

const TIMEOUT = 15_000;
/** The scopes the Portico elements ask for (test/helpers/backend.ts TEST_SCOPE). */
const TEST_SCOPE = 'patient/*.rs patient/Appointment.cu patient/Communication.cu patient/Binary.c patient/Slot.u patient/Task.c';
const { james, leo } = VICTIMS;

let server: PorticoServer;

before(async () => {
  server = await startPorticoServer({ port: 0, testAdmin: true, paymentWebhookSecret: WEBHOOK_SECRET, paymentSettleMs: Infinity });
});

after(async () => {
  await server?.close();
});

const search = async <T extends Resource>(fhir: string, token: string, query: string): Promise<T[]> => {
  const reply = await call<Bundle>(fhir, 'GET', query, { token });
  assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 300));
  return matches(reply.body) as T[];
};
const keyOf = (payment: PaymentReconciliation) => payment.identifier!.find((i) => i.system === 'urn:portico:payment')!.value!;

describe('Maria records a payment or marks her statement paid: refused', () => {
  let fhir: string;
  let all: string;
  let elementToken: string;
  let open: Invoice;
  let mine: Record<string, Resource>;
  let paymentCount: number;

  before(async () => {
    ({ fhir } = await paymentSandbox(server));
    [all, elementToken] = await Promise.all([tokenFor(server, 'maria', EVERYTHING), tokenFor(server, 'maria', TEST_SCOPE)]);
    open = (await search<Invoice>(fhir, all, 'Invoice?status=issued&_sort=-date'))[0]!;
    assert.ok(open, 'Maria owes something');
    mine = Object.fromEntries(await Promise.all(BILLING_TYPES.map(async (type) => [type, (await search(fhir, all, `${type}?_count=1`))[0]!] as const)));
    paymentCount = (await search(fhir, all, 'PaymentReconciliation?_count=100')).length;
  });

  const payment = (): PaymentReconciliation => ({
    resourceType: 'PaymentReconciliation',
    identifier: [{ system: 'urn:portico:payment', value: randomUUID() }],
    status: 'active',
    created: new Date().toISOString(),
    outcome: 'complete',
    paymentDate: new Date().toISOString().slice(0, 10),
    paymentAmount: open.totalNet!,
    detail: [{ type: { coding: [{ code: 'payment' }] }, request: { reference: `Invoice/${open.id}` }, amount: open.totalNet }],
  });

  it('with the element’s scopes there is no write scope on payments at all', { timeout: TIMEOUT }, async () => {
    assert.doesNotMatch(TEST_SCOPE, /PaymentReconciliation\.c|PaymentNotice\.c|Invoice\.u/);
    assertRefused(await call(fhir, 'POST', 'PaymentReconciliation', { token: elementToken, body: payment() }), 403, james);
    assertRefused(await call(fhir, 'PUT', `Invoice/${open.id}`, { token: elementToken, body: { ...open, status: 'balanced' } }), 403, james);
  });

  it('a PaymentReconciliation paying her own statement, even with every scope', { timeout: TIMEOUT }, async () => {
    assertRefused(await call(fhir, 'POST', 'PaymentReconciliation', { token: all, body: payment() }), 403, james);
    assertRefused(await call(fhir, 'POST', 'PaymentNotice', { token: all, body: { resourceType: 'PaymentNotice', status: 'active', created: new Date().toISOString(), request: { reference: `Invoice/${open.id}` }, payment: { reference: 'PaymentReconciliation/x' }, recipient: { reference: 'Organization/riverside' }, amount: open.totalNet } }), 403, james);
  });

  it('her statement marked balanced: update, patch, in a transaction and a batch', { timeout: TIMEOUT }, async () => {
    assertRefused(await call(fhir, 'PUT', `Invoice/${open.id}`, { token: all, body: { ...open, status: 'balanced' } }), 403, james);
    assertRefused(await call(fhir, 'PATCH', `Invoice/${open.id}`, { token: all, body: [{ op: 'replace', path: '/status', value: 'balanced' }], headers: { 'Content-Type': 'application/json-patch+json' } }), 403, james);
    assertRefused(await call(fhir, 'POST', '', { token: all, body: transaction('transaction', { resource: { ...open, status: 'balanced' }, request: { method: 'PUT', url: `Invoice/${open.id}` } }) }), 403, james);
    assertRefused(await call(fhir, 'POST', '', { token: all, body: transaction('transaction', { resource: payment(), request: { method: 'POST', url: 'PaymentReconciliation' } }) }), 403, james);
    assertRefusedEntry(await call(fhir, 'POST', '', { token: all, body: transaction('batch', { resource: payment(), request: { method: 'POST', url: 'PaymentReconciliation' } }) }), 403, james);
    assertRefusedEntry(await call(fhir, 'POST', '', { token: all, body: transaction('batch', { resource: { ...open, status: 'balanced' }, request: { method: 'PUT', url: `Invoice/${open.id}` } }) }), 403, james);
    assert.equal((await invoice(fhir, all, open.id!)).status, 'issued');
  });

  it('creating, updating or deleting any of her billing records', { timeout: TIMEOUT }, async () => {
    for (const type of BILLING_TYPES) {
      const resource = mine[type]!;
      assertRefused(await call(fhir, 'POST', type, { token: all, body: asNew(resource) }), 403, james);
      assertRefused(await call(fhir, 'PUT', `${type}/${resource.id}`, { token: all, body: resource }), 403, james);
      assertRefused(await call(fhir, 'DELETE', `${type}/${resource.id}`, { token: all }), 403, james);
      assert.equal((await call(fhir, 'GET', `${type}/${resource.id}`, { token: all })).status, 200, `${type} still there`);
    }
  });

  it('the CapabilityStatement offers the billing types for reading only', { timeout: TIMEOUT }, async () => {
    const capability = (await call<CapabilityStatement>(fhir, 'GET', 'metadata')).body;
    for (const type of BILLING_TYPES) {
      const codes = capability.rest![0]!.resource!.find((r) => r.type === type)?.interaction?.map((i) => i.code).sort();
      assert.deepEqual(codes, ['history-instance', 'read', 'search-type', 'vread'], type);
    }
  });

  it('nothing refused was written', { timeout: TIMEOUT }, async () => {
    assert.equal((await search(fhir, all, 'PaymentReconciliation?_count=100')).length, paymentCount);
  });
});

describe('Maria reads James’s and Leo’s bills: nothing of theirs', () => {
  let fhir: string;
  let maria: string;
  let theirInvoice: Invoice;
  let theirPayment: PaymentReconciliation;
  let leoInvoice: Invoice;

  before(async () => {
    ({ fhir } = await paymentSandbox(server));
    const [jamesToken, leoToken] = await Promise.all([tokenFor(server, 'james', READ_SCOPE, 'james'), tokenFor(server, 'james', READ_SCOPE, 'leo')]);
    maria = await tokenFor(server, 'maria', READ_SCOPE);
    theirPayment = (await search<PaymentReconciliation>(fhir, jamesToken, 'PaymentReconciliation'))[0]!;
    theirInvoice = (await search<Invoice>(fhir, jamesToken, 'Invoice'))[0]!;
    leoInvoice = (await search<Invoice>(fhir, leoToken, 'Invoice?status=issued'))[0]!;
    assert.ok(theirPayment && theirInvoice && leoInvoice);
  });

  it('by id: 404, as a record that does not exist', { timeout: TIMEOUT }, async () => {
    assertRefused(await call(fhir, 'GET', `Invoice/${theirInvoice.id}`, { token: maria }), 404, james);
    assertRefused(await call(fhir, 'GET', `PaymentReconciliation/${theirPayment.id}`, { token: maria }), 404, james);
    assertRefused(await call(fhir, 'GET', `PaymentReconciliation/${theirPayment.id}/_history`, { token: maria }), 404, james);
    assertRefused(await call(fhir, 'GET', `Invoice/${leoInvoice.id}`, { token: maria }), 404, leo);
    for (const id of ['acct-james', 'cov-james', 'cov-leo']) assertRefused(await call(fhir, 'GET', `${id.startsWith('acct') ? 'Account' : 'Coverage'}/${id}`, { token: maria }), 404, james);
  });

  it('by search, by id search and by the payment’s identifier: nothing found', { timeout: TIMEOUT }, async () => {
    assertRefused(await call(fhir, 'GET', 'Invoice?subject=Patient/james', { token: maria }), 403, james);
    assertRefused(await call(fhir, 'GET', 'Coverage?beneficiary=Patient/leo', { token: maria }), 403, leo);
    assertNothingFound(await call(fhir, 'GET', `Invoice?_id=${theirInvoice.id}`, { token: maria }), james);
    assertNothingFound(await call(fhir, 'GET', `PaymentReconciliation?_id=${theirPayment.id}`, { token: maria }), james);
    assertNothingFound(await call(fhir, 'GET', `PaymentReconciliation?identifier=urn:portico:payment|${keyOf(theirPayment)}`, { token: maria }), james, [keyOf(theirPayment)]);
    assertNothingFound(await call(fhir, 'GET', `PaymentReconciliation?identifier=${keyOf(theirPayment)}`, { token: maria }), james, [keyOf(theirPayment)]);
    const all = assertOwnDataOnly(await call(fhir, 'GET', 'PaymentReconciliation?_count=100', { token: maria }), james, [keyOf(theirPayment)]);
    assert.ok(matches(all).length > 0, 'control: her own payments are there');
  });

  it('through _include and _revinclude', { timeout: TIMEOUT }, async () => {
    for (const query of ['Invoice?_include=Invoice:account&_include=Invoice:recipient&_include=Invoice:subject', 'Account?_revinclude=Invoice:account&_revinclude=ChargeItem:account', 'Coverage?_include=Coverage:payor&_include=Coverage:subscriber', 'ExplanationOfBenefit?_include=ExplanationOfBenefit:coverage', 'ChargeItem?_include=ChargeItem:account']) {
      const bundle = assertOwnDataOnly(await call(fhir, 'GET', query, { token: maria }), james);
      assert.ok(matches(bundle).length > 0, `control: ${query} finds her own`);
    }
    assertNothingFound(await call(fhir, 'GET', `Invoice?_id=${theirInvoice.id}&_include=Invoice:account`, { token: maria }), james);
    assertNothingFound(await call(fhir, 'GET', 'Account?_id=acct-james&_revinclude=Invoice:account', { token: maria }), james);
  });

  it('her own payment is found by its identifier', { timeout: TIMEOUT }, async () => {
    const own = (await search<PaymentReconciliation>(fhir, maria, 'PaymentReconciliation'))[0]!;
    assert.deepEqual((await paymentsWithId(fhir, maria, keyOf(own))).map((p) => p.id), [own.id]);
  });

  it('James acting for Leo: Leo’s bills name James (subscriber, recipient) but never bring his record', { timeout: TIMEOUT }, async () => {
    const leoToken = await tokenFor(server, 'james', READ_SCOPE, 'leo');
    const coverage = await call<Bundle>(fhir, 'GET', 'Coverage?_include=Coverage:subscriber&_include=Coverage:policy-holder', { token: leoToken });
    assert.equal(coverage.status, 200);
    assert.deepEqual(coverage.body.entry!.map((e) => `${e.resource!.resourceType}/${e.resource!.id}`), ['Coverage/cov-leo']);
    assert.equal((matches(coverage.body)[0] as { subscriber?: { reference?: string } }).subscriber?.reference, 'Patient/james', 'Leo is covered as James’s dependent');
    const invoices = await call<Bundle>(fhir, 'GET', 'Invoice?_include=Invoice:recipient', { token: leoToken });
    assert.ok(!invoices.body.entry!.some((e) => e.resource!.resourceType === 'Patient'), 'James’s Patient record is not included for Leo’s token');
    assert.equal((await search(fhir, leoToken, `Invoice?_id=${theirInvoice.id}`)).length, 0, 'James’s own statements are not in Leo’s record');
  });
});

describe('The payment webhook: only the processor’s signature is heard, and once', () => {
  let fhir: string;
  let webhook: string;
  let maria: string;
  let open: Invoice;

  before(async () => {
    ({ fhir, webhook } = await paymentSandbox(server));
    maria = await tokenFor(server, 'maria', READ_SCOPE);
    open = (await search<Invoice>(fhir, maria, 'Invoice?status=issued&_sort=-date'))[0]!;
  });

  const eventFor = (paymentId: string, type: 'payment.processing' | 'payment.succeeded' = 'payment.succeeded') =>
    paymentEvent(type, { paymentId, cents: Math.round(open.totalNet!.value! * 100), invoices: [`Invoice/${open.id}`], patient: 'maria' });

  it('a missing, malformed, wrong, stale or misplaced signature: 401, nothing recorded', { timeout: TIMEOUT }, async () => {
    const paymentId = randomUUID();
    const body = eventFor(paymentId);
    const forged = [
      undefined,
      'v1=abc',
      `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`,
      signed(body).replace(/v1=(.)/, (_m, c: string) => `v1=${c === 'a' ? 'b' : 'a'}`),
      signed(body, Math.floor(Date.now() / 1000) - 3600),
      signed(eventFor(randomUUID())),
      `t=${Math.floor(Date.now() / 1000)},v1=${(await import('node:crypto')).createHmac('sha256', 'another-secret').update(`${Math.floor(Date.now() / 1000)}.${body}`).digest('hex')}`,
    ];
    for (const signature of forged) {
      const reply = await postWebhook(webhook, body, signature);
      assert.equal(reply.status, 401, `${signature}: ${JSON.stringify(reply.body)}`);
    }
    assert.deepEqual(await paymentsWithId(fhir, maria, paymentId), []);
    assert.equal((await invoice(fhir, maria, open.id!)).status, 'issued');
  });

  it('a replayed event is recorded once', { timeout: TIMEOUT }, async () => {
    const paymentId = randomUUID();
    const body = eventFor(paymentId);
    const signature = signed(body);
    const first = await postWebhook(webhook, body, signature);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const again = await postWebhook(webhook, body, signature);
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicate, true);
    assert.equal(again.body.paymentReconciliation, first.body.paymentReconciliation);
    const anotherEventSamePayment = eventFor(paymentId);
    assert.equal((await postWebhook(webhook, anotherEventSamePayment, signed(anotherEventSamePayment))).body.duplicate, true);
    const late = eventFor(paymentId, 'payment.processing');
    assert.equal((await postWebhook(webhook, late, signed(late))).body.duplicate, true, 'a late processing event does not undo the payment');
    const recorded = await paymentsWithId(fhir, maria, paymentId);
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]!.outcome, 'complete');
    assert.equal((await invoice(fhir, maria, open.id!)).status, 'balanced');
  });

  it('an event naming an Invoice of another patient is refused (422), nothing recorded', { timeout: TIMEOUT }, async () => {
    const jamesToken = await tokenFor(server, 'james', READ_SCOPE, 'leo');
    const leoInvoice = (await search<Invoice>(fhir, jamesToken, 'Invoice?status=issued'))[0]!;
    const paymentId = randomUUID();
    const body = paymentEvent('payment.succeeded', { paymentId, cents: 100, invoices: [`Invoice/${leoInvoice.id}`], patient: 'maria' });
    assert.equal((await postWebhook(webhook, body, signed(body))).status, 422);
    assert.deepEqual(await paymentsWithId(fhir, jamesToken, paymentId), []);
    assert.equal((await invoice(fhir, jamesToken, leoInvoice.id!)).status, 'issued');
  });
});
