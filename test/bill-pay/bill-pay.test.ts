import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../packages/bill-pay/src/define.js';
import { balanceOf, loadStatements, type BillPay } from '../../packages/bill-pay/src/index.js';
import { sandboxPerTest, type Sandbox } from '../helpers/backend.js';
import { printCalls, shadow, text, until } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
const usd = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

describe('<bill-pay> on the embedded FHIR server', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('shows the amount due (the server’s open statements less payments) and the statements newest first', async () => {
    const client = await sandbox.client('maria');
    const expected = balanceOf(await loadStatements(client, { patientId: 'maria' }));
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" lang="en-US"></bill-pay>`);
    const amount = await until(() => part(el, 'balance-amount'), 'the amount due');
    expect(amount.textContent!.trim()).to.equal(usd(expected.owedMinor));
    expect(part(el, 'balance')!.textContent).to.match(/Due by .*\d/);
    const items = [...shadow(el).querySelectorAll('[part~="statement"]')];
    expect(items.length > 2).to.equal(true);
    expect(items.some((i) => i.matches('[part~="statement-partly-paid"]'))).to.equal(true);
    expect(items.some((i) => i.textContent!.includes('Partly paid'))).to.equal(true);
  });

  it('a statement: each line with its date of service, charge, adjustments, what insurance paid and the patient’s share', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" lang="en-US"></bill-pay>`);
    const button = await until(() => part<HTMLButtonElement>(el, 'statement-button'), 'the statements');
    button.click();
    const detail = await until(() => part(el, 'statement-detail'), 'the statement');
    expect(shadow(el).activeElement?.id).to.equal('statement-heading');
    await until(() => !detail.querySelector('[role="status"]'), 'the lines’ dates of service');
    const line = detail.querySelector('[part="line"]')!;
    expect(line.textContent).to.contain('Charge');
    expect(line.textContent).to.contain('Your share');
    expect(line.querySelector('.hint')!.textContent).to.match(/\d{4}/);
    expect(part(el, 'totals')!.textContent).to.contain('Left to pay');
    // Print or save as PDF: the browser's print, with only the statement in the element's part of the page.
    expect(await printCalls(() => part<HTMLButtonElement>(el, 'print-button')!.click())).to.equal(1);
    await emulateMedia({ media: 'print' });
    try {
      expect(part(el, 'back-button')!.getClientRects().length).to.equal(0, 'no buttons on paper');
      expect(part(el, 'tabs')!.getClientRects().length).to.equal(0);
      expect(part(el, 'lines')!.getClientRects().length > 0).to.equal(true, 'the lines are printed');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    part<HTMLButtonElement>(el, 'back-button')!.click();
    await until(() => (shadow(el).activeElement as HTMLElement | null)?.matches('[part~="statement-button"]'), 'focus back on the statement');
  });

  it('a statement of a visit the insurer explained shows what it billed, allowed and paid, and says it is not a bill', async () => {
    const client = await sandbox.client('maria');
    const { resources: eobs } = await client.search('ExplanationOfBenefit', { patient: 'Patient/maria', _count: 1 });
    const encounter = (eobs[0] as { item?: { encounter?: { reference?: string }[] }[] }).item![0]!.encounter![0]!.reference!;
    const { resources: charges } = await client.search('ChargeItem', { context: encounter });
    const { resources: invoices } = await client.searchAll('Invoice', { subject: 'Patient/maria' });
    const invoice = (invoices as { id?: string; lineItem?: { chargeItemReference?: { reference?: string } }[] }[]).find((i) => i.lineItem?.some((l) => l.chargeItemReference?.reference === `ChargeItem/${charges[0]!.id}`))!;
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" lang="en-US"></bill-pay>`);
    const item = await until(() => shadow(el).querySelector<HTMLElement>(`[data-invoice-id="${invoice.id}"] button`), 'the statement of that visit');
    item.click();
    const explanation = await until(() => part(el, 'explanation'), 'what the insurer said');
    expect(explanation.textContent).to.contain('From your insurer (not a bill)');
    expect(explanation.textContent).to.contain('Benefit Amount');
    expect(explanation.textContent).to.contain('This is not a bill.');
  });

  it('insurance and payments: plan, payer, member id, group; each payment with its method and statement', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" view="insurance"></bill-pay>`);
    const plan = await until(() => part(el, 'plan'), 'the insurance');
    expect(plan.textContent).to.contain('Primary');
    expect(plan.textContent).to.contain('Member ID');
    expect(plan.textContent).to.contain('Group');
    el.view = 'payments';
    const payment = await until(() => part(el, 'payment'), 'the payments');
    expect(payment.textContent).to.match(/Visa ending \d{4}/);
    expect(payment.textContent).to.match(/For RH-\d+/);
    // A settled payment opens its receipt, printable, and back goes to the same row.
    const id = payment.getAttribute('data-payment-id')!;
    payment.querySelector<HTMLButtonElement>('[part~="payment-button"]')!.click();
    const receipt = await until(() => part(el, 'receipt'), 'the receipt');
    expect(shadow(el).activeElement?.id).to.equal('receipt-heading');
    expect(receipt.querySelector('h3')!.textContent).to.equal('Receipt');
    expect(part(el, 'receipt-amount')!.textContent).to.equal(payment.querySelector('strong')!.textContent);
    expect(receipt.textContent).to.match(/Visa ending \d{4}/);
    expect(receipt.textContent).to.match(/RH-\d+/);
    await emulateMedia({ media: 'print' });
    try {
      expect(part(el, 'print-button')!.getClientRects().length).to.equal(0, 'no buttons on paper');
      expect(receipt.getClientRects().length > 0).to.equal(true, 'the receipt is printed');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    part<HTMLButtonElement>(el, 'back-button')!.click();
    await until(() => (shadow(el).activeElement as HTMLElement | null)?.closest('[data-payment-id]')?.getAttribute('data-payment-id') === id, 'focus back on that payment');
  });

  it('a failed read offers “Try again”, which works; signed out, it asks to sign in', async () => {
    const client = await sandbox.client('maria');
    await sandbox.injectFaults([{ method: 'GET', path: 'Invoice', status: 500, times: 4 }]);
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria"></bill-pay>`);
    const retry = await until(() => shadow(el).querySelector<HTMLButtonElement>('[part="error"] button'), 'the error');
    await sandbox.clearFaults();
    retry.click();
    await until(() => part(el, 'balance'), 'the balance after retrying');
    const signedOut = await fixture<BillPay>(html`<bill-pay></bill-pay>`);
    expect(text(signedOut)).to.contain('Sign in to see your bills and pay them.');
  });
});

describe('<bill-pay> paying: what is checked before anything is sent', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('zero, negative, too many decimals, more than owed and a Spanish "1.234,50": clear messages, and the processor is not asked', async () => {
    const client = await sandbox.client('maria');
    const asked: unknown[] = [];
    // The host's own processor (a property the element documents): here one that only records what it was asked.
    const processor = { begin: async (request: unknown) => (asked.push(request), { mounted: true as const }) };
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" .processor=${processor} lang="es"></bill-pay>`);
    (await until(() => part<HTMLButtonElement>(el, 'pay-open-button'), 'Pay')).click();
    await until(() => part(el, 'pay-form'), 'the pay form');
    const other = shadow(el).querySelector<HTMLInputElement>('input[value="other"]')!;
    other.click();
    const input = await until(() => part<HTMLInputElement>(el, 'amount-input'), 'the amount field');
    const tryAmount = async (typed: string) => {
      input.value = typed;
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      part<HTMLButtonElement>(el, 'pay-button')!.click();
      await el.updateComplete;
      return part(el, 'amount-problem')!.textContent!.trim();
    };
    expect(await tryAmount('0')).to.contain('mayor que cero');
    expect(await tryAmount('-5')).to.contain('mayor que cero');
    expect(await tryAmount('10,005')).to.contain('dos decimales');
    expect(await tryAmount('999.999,00')).to.match(/como máximo .*US\$|como máximo .*\$/);
    expect(await tryAmount('')).to.contain('Escriba el importe');
    expect(asked.length).to.equal(0, 'nothing sent for an amount that is not right');
    expect(part(el, 'amount-input')!.getAttribute('aria-invalid')).to.equal('true');
    input.value = '1,50';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(part(el, 'pay-button')!.textContent).to.match(/Pagar 1,50/);
    part<HTMLButtonElement>(el, 'pay-button')!.click();
    await until(() => asked.length === 1, 'the processor asked once');
    const request = asked[0] as { amount: { minor: number; currency: string }; paymentId: string; invoices: string[] };
    expect(request.amount).to.deep.equal({ minor: 150, currency: 'USD' });
    expect(request.paymentId).to.match(/^[\w-]{8,}$/);
    expect(request.invoices.every((i) => /^Invoice\//.test(i))).to.equal(true);
  });

  it('no processor: says online payment is not available and how to pay by phone', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" billing-phone="845-555-0199"></bill-pay>`);
    const notice = await until(() => part(el, 'pay-unavailable'), 'the notice');
    expect(notice.textContent).to.contain('To pay, call 845-555-0199.');
    expect(part(el, 'pay-open-button')).to.equal(null);
  });
});
