import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/bill-pay/src/define.js';
import { balanceOf, loadStatements, type BillPay } from '../../packages/bill-pay/src/index.js';
import { sandboxPerTest, type Sandbox } from '../helpers/backend.js';
import { shadow, text, until } from '../helpers/element.js';

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
    part<HTMLButtonElement>(el, 'back-button')!.click();
    await until(() => (shadow(el).activeElement as HTMLElement | null)?.matches('[part~="statement-button"]'), 'focus back on the statement');
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
