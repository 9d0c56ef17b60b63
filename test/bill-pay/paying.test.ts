import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import type { PaymentReconciliation } from 'fhir/r4';
import '../../packages/bill-pay/src/define.js';
import '../../packages/core/src/define.js';
import { balanceOf, hostedPageProcessor, loadStatements, pendingPayments, type BillPay, type PaymentProcessor } from '../../packages/bill-pay/src/index.js';
import { sandboxPerTest, type Sandbox } from '../helpers/backend.js';
import { shadow, text, until, untilAnswered } from '../helpers/element.js';
import type { FhirClient } from '../../packages/core/src/fhir/client.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);
const usd = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);

/** The patient on the processor's page: types a test card and submits the form, as the browser would. */
async function payOnProcessorPage(url: string, card: string): Promise<void> {
  await fetch(url, { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ card }) });
}

async function recorded(client: FhirClient, paymentId: string): Promise<PaymentReconciliation[]> {
  const { resources } = await client.search('PaymentReconciliation', { identifier: `urn:portico:payment|${paymentId}` });
  return resources as PaymentReconciliation[];
}

describe('<bill-pay> paying through the demo processor’s hosted page', () => {
  // Payments change the bills: every test has its own; the slow card settles when the test says.
  const own = sandboxPerTest({ paymentSettleMs: 'manual' });
  let sandbox: Sandbox;
  let client: FhirClient;
  beforeEach(async () => {
    sandbox = own();
    client = await sandbox.client('maria');
  });

  /** A bill-pay that reports where it would send the patient instead of leaving the test page. */
  async function bill(starts: string[]): Promise<BillPay> {
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" processor-url=${sandbox.processorUrl} lang="en-US"
      @portico-payment-start=${(e: CustomEvent<{ url: string }>) => (e.preventDefault(), starts.push(e.detail.url))}></bill-pay>`);
    await until(() => part(el, 'balance'), 'the balance');
    return el;
  }

  /** Presses Pay, then Pay $… (twice, as an impatient patient would). */
  async function pressPay(el: BillPay): Promise<void> {
    (await until(() => part<HTMLButtonElement>(el, 'pay-open-button'), 'Pay')).click();
    const pay = await until(() => part<HTMLButtonElement>(el, 'pay-button'), 'the pay form');
    pay.click();
    pay.click();
  }

  it('the full balance: one page, one charge, and back on the bill the receipt comes from the server', async () => {
    const owed = balanceOf(await loadStatements(client, { patientId: 'maria' })).owedMinor;
    const starts: string[] = [];
    const el = await bill(starts);
    await pressPay(el);
    await until(() => starts.length, 'the processor’s page');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(starts.length).to.equal(1, 'a double click opens one payment');
    const { paymentId } = pendingPayments.read('maria')!;
    await payOnProcessorPage(starts[0]!, '4242 4242 4242 4242');
    await payOnProcessorPage(starts[0]!, '4242 4242 4242 4242');

    // Back from the processor: a new page load (the pending payment kept in the tab).
    fixtureCleanup();
    const back = await bill([]);
    const receipt = await until(() => part(back, 'receipt'), 'the receipt');
    expect(receipt.textContent).to.contain(usd(owed));
    expect(receipt.textContent).to.contain('Visa ending 4242');
    expect(receipt.textContent).to.contain(paymentId);
    const records = await recorded(client, paymentId);
    expect(records.length).to.equal(1, 'recorded once');
    await until(() => text(back).includes('You owe nothing right now.'), 'nothing owed once the bills are read again');
    expect(pendingPayments.read('maria')).to.equal(undefined);
  });

  it('two tabs paying the same statements: the second joins the first payment, and the patient is charged once', async () => {
    const first: string[] = [];
    const tab1 = await bill(first);
    await pressPay(tab1);
    await until(() => first.length, 'the first tab on its way');
    const { paymentId } = pendingPayments.read('maria')!;
    // The second tab: its own storage, so it makes its own payment id.
    sessionStorage.clear();
    fixtureCleanup();
    const second: string[] = [];
    const tab2 = await bill(second);
    await pressPay(tab2);
    await until(() => second.length, 'the second tab on its way');
    expect(second[0]).to.equal(first[0], 'the same checkout');
    expect(pendingPayments.read('maria')!.paymentId).to.equal(paymentId, 'the second tab took the first payment’s id');
    await payOnProcessorPage(second[0]!, '4242 4242 4242 4242');
    await payOnProcessorPage(first[0]!, '4242 4242 4242 4242');
    fixtureCleanup();
    const back = await bill([]);
    await until(() => part(back, 'receipt'), 'the receipt');
    const { resources } = await client.searchAll('PaymentReconciliation', {});
    const fromPortal = (resources as PaymentReconciliation[]).filter((p) => p.identifier?.some((i) => i.system === 'urn:portico:payment' && i.value === paymentId));
    expect(fromPortal.length).to.equal(1, 'one payment recorded');
  });

  it('a declined card: nothing recorded, and back on the bill it says nothing was charged', async () => {
    const starts: string[] = [];
    const el = await bill(starts);
    await pressPay(el);
    await until(() => starts.length, 'the processor’s page');
    const { paymentId } = pendingPayments.read('maria')!;
    await payOnProcessorPage(starts[0]!, '4000 0000 0000 0002');
    fixtureCleanup();
    const back = await bill([]);
    const stage = await until(() => part(back, 'payment-not-completed'), 'not completed');
    expect(stage.textContent).to.contain('nothing was charged');
    expect((await recorded(client, paymentId)).length).to.equal(0);
  });

  it('a payment still settling says so and updates itself into the receipt', async () => {
    const starts: string[] = [];
    const el = await bill(starts);
    await pressPay(el);
    await until(() => starts.length, 'the processor’s page');
    await payOnProcessorPage(starts[0]!, '4000 0000 0000 3220');
    fixtureCleanup();
    const back = await bill([]);
    await until(() => part(back, 'payment-processing'), 'processing');
    await sandbox.settlePayments();
    await until(() => part(back, 'receipt'), 'the receipt once settled');
  });

  it('a forged return address (another payment id, "succeeded") shows nothing and is cleared from the address bar', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?paymentId=forged-123&status=succeeded`);
    try {
      const el = await bill([]);
      await el.updateComplete;
      expect(part(el, 'receipt')).to.equal(null);
      expect(part(el, 'payment-stage')).to.equal(null);
      expect(location.search).to.equal('');
      const owed = await untilAnswered(async () => balanceOf(await loadStatements(client, { patientId: 'maria' })).owedMinor, 'the balance');
      expect(part(el, 'balance-amount')!.textContent!.trim()).to.equal(usd(owed));
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('back from the processor with an expired session: it asks to sign in again, then shows the outcome', async () => {
    const starts: string[] = [];
    const el = await bill(starts);
    await pressPay(el);
    await until(() => starts.length, 'the processor’s page');
    await payOnProcessorPage(starts[0]!, '4242 4242 4242 4242');
    fixtureCleanup();
    // The return trip took long: the server refuses the token until the patient signs in again.
    await sandbox.injectFaults([{ method: 'GET', path: 'PaymentReconciliation', status: 401, times: 20 }]);
    const { access_token } = await sandbox.token('maria');
    const session = await fixture<HTMLElement & { accessToken?: string }>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id="maria" fhir-user="Patient/maria" .accessToken=${access_token}>
      <bill-pay processor-url=${sandbox.processorUrl} lang="en-US"></bill-pay>
    </portal-session>`);
    await until(() => session.shadowRoot?.querySelector('[part="expired"]'), 'the session asks to sign in again');
    await sandbox.clearFaults();
    session.accessToken = (await sandbox.token('maria')).access_token;
    const back = session.querySelector<BillPay>('bill-pay')!;
    await until(() => part(back, 'receipt'), 'the receipt after signing in again');
  });

  it('markup in statement lines, payer names and payment methods is shown as text', async () => {
    const { resources } = await client.search('Invoice', { subject: 'Patient/maria', _count: 1, _sort: '-date' });
    const invoice = resources[0]!;
    await sandbox.load([
      {
        ...invoice,
        lineItem: [{ sequence: 1, chargeItemReference: { display: '<img src=x onerror="window.__billHacked=1">Scan' }, priceComponent: [{ type: 'base', code: { text: '<b>Charge</b>' }, amount: { value: 10, currency: 'USD' } }] }],
        totalNet: { value: 10, currency: 'USD' },
        identifier: [{ value: '<script>window.__billHacked=1</script>' }],
      },
    ]);
    const el = await bill([]);
    (await until(() => part<HTMLButtonElement>(el, 'statement-button'), 'the statements')).click();
    const detail = await until(() => part(el, 'statement-detail'), 'the statement');
    expect(detail.querySelector('img, script, b')).to.equal(null);
    expect(detail.textContent).to.contain('<img src=x onerror="window.__billHacked=1">Scan');
    expect(detail.textContent).to.contain('<script>window.__billHacked=1</script>');
    expect((window as { __billHacked?: number }).__billHacked).to.equal(undefined);
  });

  it('a dropped connection after the backend opened the checkout: trying again reaches the same checkout, and one charge', async () => {
    const hosted = hostedPageProcessor(sandbox.processorUrl);
    let drops = 1;
    // The hospital's backend answers, but the answer never reaches the page the first time.
    const flaky: PaymentProcessor = {
      ...hosted,
      begin: async (request, context) => {
        const started = await hosted.begin(request, context);
        if (drops-- > 0) throw new TypeError('Failed to fetch');
        return started;
      },
    };
    const starts: string[] = [];
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" .processor=${flaky} lang="en-US"
      @portico-payment-start=${(e: CustomEvent<{ url: string }>) => (e.preventDefault(), starts.push(e.detail.url))}></bill-pay>`);
    (await until(() => part<HTMLButtonElement>(el, 'pay-open-button'), 'Pay')).click();
    (await until(() => part<HTMLButtonElement>(el, 'pay-button'), 'the pay form')).click();
    const stage = await until(() => part(el, 'payment-stage'), 'the failure said');
    const { paymentId } = pendingPayments.read('maria')!;
    stage.querySelector('button')!.click();
    (await until(() => part<HTMLButtonElement>(el, 'pay-open-button'), 'Pay again')).click();
    (await until(() => part<HTMLButtonElement>(el, 'pay-button'), 'the pay form')).click();
    await until(() => starts.length, 'on the way to the processor');
    expect(pendingPayments.read('maria')!.paymentId).to.equal(paymentId, 'the same payment, tried again');
    await payOnProcessorPage(starts[0]!, '4242 4242 4242 4242');
    fixtureCleanup();
    const back = await bill([]);
    await until(() => part(back, 'receipt'), 'the receipt');
    expect((await recorded(client, paymentId)).length).to.equal(1);
  });

  it('a processor whose fields must live in the page mounts its component in the light DOM slot, never in the shadow root', async () => {
    let mountedIn: HTMLElement | undefined;
    const embedded: PaymentProcessor = {
      begin: async (_request, { slot }) => {
        const frame = document.createElement('iframe');
        frame.title = 'Card details (the processor’s own page)';
        slot.append(frame);
        mountedIn = slot;
        return { mounted: true };
      },
    };
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" .processor=${embedded}></bill-pay>`);
    (await until(() => part<HTMLButtonElement>(el, 'pay-open-button'), 'Pay')).click();
    (await until(() => part<HTMLButtonElement>(el, 'pay-button'), 'the pay form')).click();
    await until(() => mountedIn, 'the component mounted');
    expect(mountedIn!.parentElement === el).to.equal(true, 'a light-DOM child of <bill-pay>');
    expect(mountedIn!.slot).to.equal('processor');
    expect(!!el.querySelector('[slot="processor"] iframe')).to.equal(true);
    expect(!!shadow(el).querySelector('iframe, input[autocomplete^="cc-"]')).to.equal(false, 'no card field in the shadow root');
    await until(() => part(el, 'payment-stage'), 'waiting for the outcome');
  });

  it('a payer and a payment method with markup show as text', async () => {
    const { resources: plans } = await client.search('Coverage', { beneficiary: 'Patient/maria', _count: 1 });
    await sandbox.load([{ ...plans[0]!, payor: [{ display: '<img src=x onerror="window.__billHacked=1">Insurer' }], class: [] }]);
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" view="insurance"></bill-pay>`);
    const plan = await until(() => [...shadow(el).querySelectorAll('[part~="plan"]')].find((p) => p.textContent!.includes('Insurer')), 'the plan');
    expect(plan.querySelector('img')).to.equal(null);
    expect(plan.textContent).to.contain('<img src=x onerror="window.__billHacked=1">Insurer');
    expect((window as { __billHacked?: number }).__billHacked).to.equal(undefined);
  });
});
