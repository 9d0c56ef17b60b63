import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bundle, Invoice, PaymentReconciliation } from 'fhir/r4';
import type { Page } from 'playwright-core';
import { type Demo, fhirRead, sessionAccessToken, signInOn, startDemo, shownText } from './demo.js';

/** The visitor's zone and language. */
const ZONE = 'America/New_York';
const LOCALE = 'en-US';

/** The demo processor's test cards (docs/embedded-backend.md, "Payments"). */
const PAYS = '4242 4242 4242 4242';
const DECLINES = '4000 0000 0000 0002';

const usd = (cents: number) => new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD' }).format(cents / 100);
const cents = (money: { value?: number } | undefined) => Math.round((money?.value ?? 0) * 100);

/** What Maria owes as the server holds it: her issued statements, less the settled payments on them. */
async function owedOnServer(demo: Demo, token: string): Promise<number> {
  const invoices = await fhirRead<Bundle>(demo, token, 'Invoice?subject=Patient/maria&_count=1000');
  const payments = await fhirRead<Bundle>(demo, token, 'PaymentReconciliation?_count=1000');
  const settled = (payments.entry ?? []).map((e) => e.resource as PaymentReconciliation).filter((p) => p.outcome === 'complete');
  return (invoices.entry ?? [])
    .map((e) => e.resource as Invoice)
    .filter((invoice) => invoice.status === 'issued')
    .reduce((sum, invoice) => {
      const paid = settled.flatMap((p) => p.detail ?? []).filter((d) => d.request?.reference === `Invoice/${invoice.id}`).reduce((s, d) => s + cents(d.amount), 0);
      return sum + Math.max(0, cents(invoice.totalNet) - paid);
    }, 0);
}

/** The recorded payments for `paymentId` (its `urn:portico:payment` identifier). */
async function recordedPayments(demo: Demo, token: string, paymentId: string): Promise<PaymentReconciliation[]> {
  const bundle = await fhirRead<Bundle>(demo, token, `PaymentReconciliation?identifier=${encodeURIComponent(`urn:portico:payment|${paymentId}`)}`);
  return (bundle.entry ?? []).map((e) => e.resource as PaymentReconciliation).filter((r) => r?.resourceType === 'PaymentReconciliation');
}

/**
 * On the demo page: Pay, Pay the full balance, then the processor's hosted page in the browser, where
 * `card` is typed and submitted.
 */
async function payOnProcessor(demo: Demo, page: Page, card: string): Promise<void> {
  const bills = page.locator('portal-session bill-pay');
  await bills.locator('[part="pay-open-button"]').click();
  await bills.locator('[part="pay-button"]').click();
  await page.waitForURL(`${demo.backend.origin}/processor/pay/**`);
  await page.getByRole('heading', { name: /^Pay / }).waitFor();
  await page.getByLabel('Card number').fill(card);
  await page.getByRole('button', { name: /^Pay / }).click();
}

/**
 * Resolves when the processor sends the browser back to the demo page, with the payment id its return
 * address names (the checkout's own: one still open for the same statements and amount, the declined
 * one say, is reused under its id, so the patient pays once). The element reads the outcome from the
 * server, never from this address, and removes it from the address bar.
 */
async function backFromProcessor(demo: Demo, page: Page): Promise<string> {
  const frame = await page.waitForEvent('framenavigated', (f) => f === page.mainFrame() && f.url().startsWith(`${demo.siteUrl}my-health.html?`));
  const paymentId = new URL(frame.url()).searchParams.get('paymentId');
  assert.ok(paymentId, `the return address names the payment (${frame.url()})`);
  return paymentId;
}

describe('bills on the demo hospital site', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo();
  });
  after(() => demo.close());

  it('a declined card: back on the page it says nothing was charged, and nothing is recorded', async () => {
    const { page, cspViolations, pageErrors } = await demo.newPage({ timezoneId: ZONE, locale: LOCALE });
    await signInOn(demo, page, 'my-health.html');
    const bills = page.locator('portal-session bill-pay');
    await bills.getByRole('heading', { name: 'Billing', level: 2 }).waitFor();
    assert.equal(await page.locator('[data-replace-with="bill-pay"]').count(), 0, 'no "Coming soon" card for bills');
    const token = await sessionAccessToken(page);
    const owed = await owedOnServer(demo, token);
    await bills.locator('[part="balance-amount"]', { hasText: usd(owed) }).waitFor();

    await payOnProcessor(demo, page, DECLINES);
    await page.getByText('Your card was declined. No money was taken.').waitFor();
    const back = backFromProcessor(demo, page);
    await page.getByRole('link', { name: /^Cancel and return to / }).click();
    const paymentId = await back;
    await bills.locator('[part~="payment-not-completed"]', { hasText: 'nothing was charged' }).waitFor();

    assert.deepEqual(await recordedPayments(demo, token, paymentId), [], 'no payment recorded');
    assert.equal(await owedOnServer(demo, token), owed, 'the balance is unchanged');
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(pageErrors, []);
  });

  it('pays the full balance on the processor’s page: back on the page the receipt, one payment recorded, nothing owed', async () => {
    const { page, cspViolations, pageErrors } = await demo.newPage({ timezoneId: ZONE, locale: LOCALE });
    await signInOn(demo, page, 'my-health.html');
    const bills = page.locator('portal-session bill-pay');
    await bills.getByRole('heading', { name: 'Billing', level: 2 }).waitFor();
    const token = await sessionAccessToken(page);
    const owed = await owedOnServer(demo, token);
    assert.ok(owed > 0, 'Maria owes something in the seed');
    await bills.locator('[part="balance-amount"]', { hasText: usd(owed) }).waitFor();

    const back = backFromProcessor(demo, page);
    await payOnProcessor(demo, page, PAYS);
    const paymentId = await back;
    const receipt = bills.locator('[part="receipt"]');
    await receipt.getByRole('heading', { name: 'Payment received. Thank you.' }).waitFor();
    assert.match(await shownText(receipt), new RegExp(usd(owed).replace(/[$.]/g, '\\$&')));
    assert.match(await shownText(receipt), new RegExp(paymentId));
    assert.doesNotMatch(page.url(), /paymentId=/, 'the processor’s parameters left the address bar');

    const recorded = await recordedPayments(demo, token, paymentId);
    assert.equal(recorded.length, 1, 'exactly one PaymentReconciliation for the payment');
    assert.equal(recorded[0]!.outcome, 'complete');
    assert.equal(cents(recorded[0]!.paymentAmount), owed);
    assert.equal(await owedOnServer(demo, token), 0, 'nothing left to pay on the server');

    await receipt.getByRole('button', { name: 'Back to my bill' }).click();
    await bills.locator('[part="balance"]', { hasText: 'You owe nothing right now.' }).waitFor();
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(pageErrors, []);
  });
});
