import '@portico/bill-pay/define.js';
import type { PaymentProcessor, PorticoPaymentStartEvent } from '@portico/bill-pay';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect, within } from 'storybook/test';
import { billRoot, forgetPendingPayments, inBills, keepPendingPayment, paymentFixtures, STORY_PAYMENT_ID, storyProcessor } from './support/bills.js';
import { renderSignedIn, sessionArgTypes, type SignedInArgs } from './support/signed-in.js';
import type { StoryFhirOptions } from './support/story-fhir.js';

interface BillPayArgs extends SignedInArgs {
  view: 'statements' | 'insurance' | 'payments';
  processorUrl: string;
  billingPhone: string;
  helpHref: string;
}

/** The element as a host page places it, inside a signed-in session; `processor` plays the host's own. */
function renderBills(args: BillPayArgs, processor?: PaymentProcessor) {
  return renderSignedIn(
    args,
    html`<bill-pay
      view=${args.view}
      processor-url=${args.processorUrl || nothing}
      billing-phone=${args.billingPhone || nothing}
      help-href=${args.helpHref || nothing}
      .processor=${processor}
    ></bill-pay>`,
  );
}

const meta = {
  title: 'Billing/Bill pay',
  component: 'bill-pay',
  render: (args) => renderBills(args),
  args: {
    view: 'statements',
    processorUrl: '',
    billingPhone: '845-555-0150',
    helpHref: 'https://riverside-health.example/billing',
    patientId: 'maria',
    locale: '',
    theme: 'light',
  },
  // Names, descriptions, types and defaults come from the Custom Elements Manifest; these add what it cannot say.
  argTypes: {
    view: { control: { type: 'inline-radio' }, options: ['statements', 'insurance', 'payments'] },
    ...sessionArgTypes({
      description: 'The patient signed in to the surrounding `portal-session`: Maria (two open statements, one partly paid; two insurance plans), James and Aisha (nothing owed), Leo (one open statement; his father James signs in).',
    }),
  },
  // A payment a story started stays in the tab: every story begins with none on its way.
  beforeEach: () => forgetPendingPayments(),
  parameters: {
    docs: {
      description: {
        component:
          "What the patient owes and why, their insurance and payments, and paying through the hospital's payment processor. The stories run against the demo FHIR server in the browser, on the demo seed made from today: Maria's seven statements (one open, one partly paid), her primary and secondary plans, Leo's one open statement, and James and Aisha who owe nothing. There is no payment processor in Storybook: the paying stories use a host `.processor` that says where it would send the patient, or a payment kept in the tab with the hospital's record of it.",
      },
    },
  },
} satisfies Meta<BillPayArgs>;

export default meta;
type Story = StoryObj<BillPayArgs>;

/** Maria's bills: the amount due with its due date, and her statements newest first. */
export const Default: Story = {
  name: 'Amount due and statements',
  play: async ({ canvasElement }) => {
    const balance = await inBills(canvasElement, '[part~="balance"]', 'The amount due');
    await expect(balance.textContent).toMatch(/Due by .*\d/);
    await expect(balance.textContent).toContain('2 open statements');
    await expect(billRoot(canvasElement)!.querySelectorAll('[part~="statement"]').length).toBe(7);
  },
};

/** Nobody is signed in (no session around the element): it says what signing in gives. */
export const SignedOut: Story = {
  name: 'Signed out',
  render: () => html`<bill-pay></bill-pay>`,
  play: async ({ canvasElement }) => {
    const prompt = await inBills(canvasElement, '[part~="signed-out"]', 'The signed-out prompt');
    await expect(prompt.textContent).toContain('Sign in to see your bills and pay them.');
  },
};

/** The statements are loading (the demo server holds the Invoice search). */
export const Loading: Story = {
  parameters: { storyFhir: { delay: Infinity, delayOnly: /\/r4\/Invoice\b/ } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    await inBills(canvasElement, '[part~="skeleton"]', 'The loading skeleton');
    await expect(billRoot(canvasElement)!.querySelector('[part~="balance"]')).toBeNull();
  },
};

/** Aisha owes nothing: it says so, her paid statements listed, and no Pay button. */
export const NothingOwed: Story = {
  name: 'Nothing owed',
  args: { patientId: 'aisha' },
  play: async ({ canvasElement }) => {
    const balance = await inBills(canvasElement, '[part~="balance"]', 'The balance');
    await expect(balance.textContent).toContain('You owe nothing right now.');
    await expect(billRoot(canvasElement)!.querySelectorAll('[part~="statement-paid"]').length).toBeGreaterThan(0);
    await expect(billRoot(canvasElement)!.querySelector('[part~="pay-open-button"]')).toBeNull();
  },
};

/** Leo (his father James signed in): one statement open, the rest paid. */
export const OneOpen: Story = {
  name: 'One statement open',
  args: { patientId: 'leo' },
  play: async ({ canvasElement }) => {
    const balance = await inBills(canvasElement, '[part~="balance"]', 'The balance');
    await expect(balance.textContent).toContain('1 open statement');
    await expect(billRoot(canvasElement)!.querySelectorAll('[part~="statement-open"]').length).toBe(1);
    await untilText(await inBills(canvasElement, '#billing-heading', 'The heading'), 'Leo');
  },
};

/** Maria's many statements, newest first: open, partly paid, paid. */
export const Many: Story = {
  name: 'Many statements',
  play: async ({ canvasElement }) => {
    await inBills(canvasElement, '[part~="statements"]', 'The statements');
    const items = [...billRoot(canvasElement)!.querySelectorAll<HTMLElement>('[part~="statement"]')];
    await expect(items.length).toBe(7);
    await expect(items.filter((item) => item.matches('[part~="statement-paid"]')).length).toBe(5);
  },
};

/** A statement partly paid: said in the list, and opened, what was paid and what is left. */
export const PartlyPaid: Story = {
  name: 'Partly paid',
  play: async ({ canvasElement }) => {
    const item = await inBills(canvasElement, '[part~="statement-partly-paid"]', 'The partly paid statement');
    await expect(within(item).getByText('Partly paid')).toBeVisible();
    item.querySelector<HTMLButtonElement>('[part~="statement-button"]')!.click();
    const totals = await inBills(canvasElement, '[part~="statement-detail"] [part~="totals"]', "The statement's totals");
    await expect(totals.textContent).toContain('Left to pay');
    await expect(totals.textContent).toContain('$20.20');
  },
};

/** The newest open statement opened: each line with its date of service, the charge, adjustments, what insurance paid and the patient's share. */
export const OpenStatement: Story = {
  name: 'Open statement with its lines',
  play: async ({ canvasElement }) => {
    const item = await inBills(canvasElement, '[part~="statement-open"]', 'The open statement');
    item.querySelector<HTMLButtonElement>('[part~="statement-button"]')!.click();
    // Each line's date of service and who provided it arrive with its charge item.
    const when = await inBills(canvasElement, '[part~="statement-detail"] [part~="line"] .hint', "A line's date of service and provider");
    await expect(when.textContent).toMatch(/\d{4}.*·/);
    await expect(when.closest('[part~="line"]')!.textContent).toContain('Your share');
    await inBills(canvasElement, '[part~="back-button"]', 'The "All statements" button');
  },
};

/** Maria's insurance: her primary plan first, then her secondary. */
export const Insurance: Story = {
  name: 'Insurance (two plans)',
  args: { view: 'insurance' },
  play: async ({ canvasElement }) => {
    await inBills(canvasElement, '[part~="insurance"]', 'The insurance plans');
    const plans = [...billRoot(canvasElement)!.querySelectorAll<HTMLElement>('[part~="plan"]')];
    await expect(plans.length).toBe(2);
    await expect(plans[0]!.querySelector('h3')?.textContent?.trim()).toBe('Primary');
    await expect(plans[1]!.querySelector('h3')?.textContent?.trim()).toBe('Secondary');
  },
};

/** Maria's payments: each with its amount, the card as the processor reported it, and the statement it paid. */
export const Payments: Story = {
  name: 'Payment history',
  args: { view: 'payments' },
  play: async ({ canvasElement }) => {
    const payment = await inBills(canvasElement, '[part~="payments"] [part~="payment"]', 'A payment');
    await expect(payment.textContent).toContain('Visa ending 4242');
    await expect(payment.textContent).toMatch(/For .*RH-\d+/);
  },
};

/** The pay form with another amount the patient typed: more than owed is refused with the reason, before anything is sent. */
export const RefusedAmount: Story = {
  name: 'Pay form: amount refused',
  render: (args) => renderBills(args, storyProcessor()),
  play: async ({ canvasElement }) => {
    (await inBills<HTMLButtonElement>(canvasElement, '[part~="pay-open-button"]', 'The "Pay" button')).click();
    const form = await inBills(canvasElement, '[part~="pay-form"]', 'The pay form');
    form.querySelector<HTMLInputElement>('input[value="other"]')!.click();
    const input = await inBills<HTMLInputElement>(canvasElement, '[part~="amount-input"]', 'The amount field');
    input.value = '5000';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    (await inBills<HTMLButtonElement>(canvasElement, '[part~="pay-button"]', 'The pay button')).click();
    const problem = await inBills(canvasElement, '[part~="amount-problem"]', 'Why the amount is refused');
    await expect(problem.textContent).toContain('You can pay at most $53.08, what you owe.');
  },
};

/** Pay pressed: the processor's page is opening (the story's host cancels `portico-payment-start`, so the page stays). */
export const Paying: Story = {
  name: 'Paying (going to the processor)',
  render: (args) => html`<div @portico-payment-start=${(event: PorticoPaymentStartEvent) => event.preventDefault()}>${renderBills(args, storyProcessor())}</div>`,
  play: async ({ canvasElement }) => {
    const starts: string[] = [];
    canvasElement.addEventListener('portico-payment-start', (event) => starts.push((event as PorticoPaymentStartEvent).detail.url));
    (await inBills<HTMLButtonElement>(canvasElement, '[part~="pay-open-button"]', 'The "Pay" button')).click();
    const pay = await inBills<HTMLButtonElement>(canvasElement, '[part~="pay-button"]', 'The pay button');
    await expect(pay.textContent?.trim()).toBe('Pay $53.08');
    pay.click();
    await untilText(pay, 'Opening the payment page…');
    await expect(pay.getAttribute('aria-disabled')).toBe('true');
    await expect(starts.length).toBe(1);
    await expect(starts[0]).toMatch(/^https:\/\/pay\.story\.invalid\/checkout\//);
  },
};

/** Back from the processor, the payment is still settling (the hospital recorded it as queued). */
export const Processing: Story = {
  beforeEach: () => keepPendingPayment(),
  parameters: { storyFhir: { fixtures: paymentFixtures('queued') } satisfies StoryFhirOptions },
  render: (args) => renderBills(args, storyProcessor()),
  play: async ({ canvasElement }) => {
    const stage = await inBills(canvasElement, '[part~="payment-processing"]', 'The payment processing');
    await expect(stage.textContent).toContain('Your payment is processing.');
  },
};

/** Back from the processor after a declined card: nothing recorded, the processor says not paid; nothing was charged. */
export const NotCompleted: Story = {
  name: 'Declined (not completed)',
  beforeEach: () => keepPendingPayment(),
  parameters: { storyFhir: { fixtures: paymentFixtures() } satisfies StoryFhirOptions },
  render: (args) => renderBills(args, storyProcessor('open')),
  play: async ({ canvasElement }) => {
    const stage = await inBills(canvasElement, '[part~="payment-not-completed"]', 'The payment not completed');
    await expect(stage.textContent).toContain('nothing was charged');
  },
};

/** Back from the processor, paid: the receipt from the hospital's record (amount, card, statement, reference). */
export const Receipt: Story = {
  beforeEach: () => keepPendingPayment(),
  parameters: { storyFhir: { fixtures: paymentFixtures('complete') } satisfies StoryFhirOptions },
  render: (args) => renderBills(args, storyProcessor()),
  play: async ({ canvasElement }) => {
    const receipt = await inBills(canvasElement, '[part~="receipt"]', 'The receipt');
    await expect(receipt.textContent).toContain('Payment received. Thank you.');
    await expect(receipt.textContent).toContain('$120.00');
    await expect(receipt.textContent).toContain('Visa ending 4242');
    await expect(receipt.textContent).toContain(STORY_PAYMENT_ID);
  },
};

/** The statement search fails once (500): the error with "Try again", which then loads the bills. */
export const ErrorState: Story = {
  name: 'Error (with retry)',
  parameters: { storyFhir: { faults: [{ method: 'GET', path: '^Invoice', status: 500 }] } satisfies StoryFhirOptions },
  play: async ({ canvasElement }) => {
    (await inBills<HTMLButtonElement>(canvasElement, '[part~="retry-button"]', 'The "Try again" button')).click();
    await inBills(canvasElement, '[part~="balance"]', 'The amount due');
  },
};

/** A Spanish page: the bills in Spanish, the amount as Spanish writes it. */
export const Spanish: Story = {
  globals: { locale: 'es' },
  play: async ({ canvasElement }) => {
    await untilText(await inBills(canvasElement, '#billing-heading', 'The heading'), 'Facturación');
    await untilText(await inBills(canvasElement, '[part~="balance"]', 'The balance'), 'Importe a pagar');
  },
};

/** An Arabic page (`lang="ar" dir="rtl"`), Maria's bills. */
export const Arabic: Story = {
  name: 'Arabic (RTL)',
  globals: { locale: 'ar' },
  play: async ({ canvasElement }) => {
    const heading = await inBills(canvasElement, '#billing-heading', 'The heading');
    await untilText(heading, 'الفواتير');
    await expect(heading.closest('section')?.getAttribute('dir')).toBe('rtl');
    await untilText(await inBills(canvasElement, '[part~="balance"]', 'The balance'), 'المبلغ المستحق');
  },
};

/** A phone's width (320 px, as a 640 px screen at 200 % zoom): nothing scrolls sideways. */
export const Narrow: Story = {
  name: 'Narrow (320 px)',
  render: (args) => html`<div style="inline-size: 320px; max-inline-size: 100%">${renderBills(args, storyProcessor())}</div>`,
  play: async ({ canvasElement }) => {
    await inBills(canvasElement, '[part~="statements"]', 'The statements');
    const bills = canvasElement.querySelector('bill-pay')!;
    await expect(bills.scrollWidth <= bills.clientWidth + 1).toBe(true);
  },
};

/** Resolves once `element`'s text contains `text` (the language's terms load with the page). */
async function untilText(element: Element, text: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!element.textContent?.includes(text)) {
    if (performance.now() - start > timeout) throw new Error(`"${text}" did not appear within ${timeout} ms (shows "${element.textContent}").`);
    await new Promise((resolve) => window.setTimeout(resolve, 50));
  }
}
