import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot, sendKeys } from '@web/test-runner-commands';
import '../../packages/bill-pay/src/define.js';
import { loadStatements, type BillPay } from '../../packages/bill-pay/src/index.js';
import { sandboxPerTest, type Sandbox } from '../helpers/backend.js';
import { animationsDone, shadow, until } from '../helpers/element.js';

const part = <T extends Element = HTMLElement>(el: Element, name: string) => shadow(el).querySelector<T>(`[part~="${name}"]`);

describe('<bill-pay> for everyone', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  it('passes axe with the balance and statements, an open statement, the pay form with a wrong amount, insurance, payments and a receipt', async () => {
    const client = await sandbox.client('maria');
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" processor-url=${sandbox.processorUrl}></bill-pay>`);
    await until(() => part(el, 'pay-open-button'), 'the balance and Pay');
    await animationsDone();
    await expect(el).to.be.accessible();

    part<HTMLButtonElement>(el, 'pay-open-button')!.click();
    await until(() => part(el, 'pay-form'), 'the pay form');
    shadow(el).querySelector<HTMLInputElement>('input[value="other"]')!.click();
    const input = await until(() => part<HTMLInputElement>(el, 'amount-input'), 'the amount');
    input.value = '0';
    input.dispatchEvent(new Event('input'));
    part<HTMLButtonElement>(el, 'pay-button')!.click();
    await until(() => part(el, 'amount-problem')!.textContent!.trim(), 'the problem said');
    await expect(el).to.be.accessible();

    part<HTMLButtonElement>(el, 'statement-button')!.click();
    await until(() => part(el, 'statement-detail') && !part(el, 'statement-detail')!.querySelector('[role="status"]'), 'the statement');
    await expect(el).to.be.accessible();

    el.view = 'insurance';
    await until(() => part(el, 'plan'), 'the insurance');
    await expect(el).to.be.accessible();
    el.view = 'payments';
    await until(() => part(el, 'payment-button'), 'the payments');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'payment-button')!.click();
    await until(() => part(el, 'receipt'), 'a receipt');
    await expect(el).to.be.accessible();
  });

  it('pays with the keyboard alone, up to the processor’s page', async () => {
    const client = await sandbox.client('maria');
    const starts: string[] = [];
    const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" processor-url=${sandbox.processorUrl}
      @portico-payment-start=${(e: CustomEvent<{ url: string }>) => (e.preventDefault(), starts.push(e.detail.url))}></bill-pay>`);
    const open = await until(() => part<HTMLButtonElement>(el, 'pay-open-button'), 'Pay');
    const focused = () => shadow(el).activeElement as HTMLElement | null;
    const tabTo = async (probe: (active: HTMLElement | null) => boolean, what: string) => {
      for (let i = 0; i < 30 && !probe(focused()); i++) await sendKeys({ press: 'Tab' });
      expect(probe(focused())).to.equal(true, what);
    };
    shadow(el).querySelector<HTMLButtonElement>('.tabs button')!.focus();
    await tabTo((a) => a === open, 'Tab reaches Pay');
    await sendKeys({ press: 'Enter' });
    await until(() => part(el, 'pay-form'), 'the pay form');
    await tabTo((a) => a?.matches('input[type="radio"]') ?? false, 'the choices');
    await tabTo((a) => a?.matches('[part~="pay-button"]') ?? false, 'Pay $…');
    await sendKeys({ press: 'Enter' });
    await until(() => starts.length, 'on the way to the processor');
    expect(starts[0]).to.match(/^https?:\/\/.*\/processor\/pay\//);
  });
});

/** A node of the browser's accessibility tree, as a screen reader is given it. */
interface A11yNode {
  name?: string;
  children?: A11yNode[];
}

/** Every name in the accessibility tree, depth first. */
function names(node: A11yNode | undefined, into: string[] = []): string[] {
  if (!node) return into;
  if (node.name) into.push(node.name);
  for (const child of node.children ?? []) names(child, into);
  return into;
}

describe('<bill-pay> read aloud', () => {
  const own = sandboxPerTest();
  let sandbox: Sandbox;
  beforeEach(() => (sandbox = own()));

  for (const lang of ['en-US', 'ar']) {
    it(`a screen reader gets each amount whole, with its currency and the locale’s minus for what insurance took off (${lang})`, async () => {
      const client = await sandbox.client('maria');
      const statement = (await loadStatements(client, { patientId: 'maria' }))[0]!;
      const amount = (minor: number) => new Intl.NumberFormat(lang, { style: 'currency', currency: statement.currency }).format(minor / 100);
      const el = await fixture<BillPay>(html`<bill-pay .client=${client} patient-id="maria" lang=${lang}></bill-pay>`);
      const leftToPay = lang === 'ar' ? 'المتبقي للدفع' : 'Left to pay';
      await until(() => part(el, 'statement-button')?.textContent?.includes(leftToPay), 'the statements, in the page’s language');
      const owed = `${leftToPay}: ${amount(statement.owedMinor)}`;
      const list = names((await a11ySnapshot({})) as unknown as A11yNode);
      expect(list.some((name) => name.includes(owed))).to.equal(true, `a statement button reads “${owed}”: ${JSON.stringify(list)}`);

      part<HTMLButtonElement>(el, 'statement-button')!.click();
      await until(() => part(el, 'statement-detail') && !part(el, 'statement-detail')!.querySelector('[role="status"]'), 'the statement');
      const read = names((await a11ySnapshot({})) as unknown as A11yNode);
      // Each amount of each line, in order, as one name: the locale's sign and currency with the digits.
      const expected = statement.lines.flatMap((line) => [...line.parts.map((p) => amount(p.counts === 'subtracts' ? -p.minor : p.minor)), amount(line.patientShare)]);
      const amounts = read.filter((name) => expected.includes(name));
      expect(JSON.stringify(amounts)).to.equal(JSON.stringify(expected));
      expect(expected.some((a) => /[-−]/.test(a))).to.equal(true, 'an adjustment is read with its minus');
      // No amount is split into pieces a screen reader would read one by one ("dollar", "32", ".88").
      const currencyMark = lang === 'ar' ? 'US$' : '$';
      const pieces = read.filter((name) => name.includes(currencyMark) && !/\d/.test(name));
      expect(JSON.stringify(pieces)).to.equal('[]');
    });
  }
});
