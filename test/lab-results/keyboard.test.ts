import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../packages/lab-results/src/define.js';
import type { LabResults } from '../../packages/lab-results/src/index.js';
import { Sandbox } from '../helpers/backend.js';
import { shadow, until } from '../helpers/element.js';
import { showOlderUntil } from './older-pages.js';

/** What has the keyboard focus, as a patient would name it: a control's label, a heading's text, or a report body. */
function focused(el: LabResults): string {
  const active = shadow(el).activeElement as HTMLElement | null;
  if (!active) return document.activeElement?.id ? `#${document.activeElement.id}` : `<${document.activeElement?.localName}>`;
  if (active.classList.contains('report-body')) return `body of ${active.id}`;
  if (active.localName === 'select') return 'select';
  return `${active.localName}: ${(active.textContent ?? '').trim().replace(/\s+/g, ' ')}`;
}

describe('<lab-results> with the keyboard', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await sandbox.dispose();
  });

  it('opening a report takes the focus to it; a trend takes it to its heading, on screen; Tab then goes on in order', async () => {
    await setViewport({ width: 375, height: 640 });
    const client = await sandbox.client('maria');
    const { patient } = await sandbox.token('maria');
    const wrapper = await fixture<HTMLElement>(html`<div><lab-results .client=${client} patient-id=${patient}></lab-results><button id="after">After</button></div>`);
    const el = wrapper.querySelector('lab-results')!;
    await until(() => shadow(el).querySelector('[part="report-button"]'), 'the first screen');
    // Down the list until results in no report are among the reports (read as the patient scrolls).
    await showOlderUntil(el, () => shadow(el).querySelector('[part="report"].loose') && shadow(el).querySelector('.hint.end, .more [aria-disabled="false"]'), 'the reports and the results in no report');
    // A report far down the list, opened from the keyboard.
    const buttons = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="report-button"]')];
    const button = buttons.slice(5).find((b) => b.querySelector('.outside'))!;
    const bodyId = button.getAttribute('aria-controls')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => button.getAttribute('aria-expanded') === 'true', 'the report opened');
    await el.updateComplete;
    expect(focused(el)).to.equal(`body of ${bodyId}`);
    await sendKeys({ press: 'Tab' });
    const trendButton = shadow(el).querySelector<HTMLButtonElement>(`#${bodyId} .trend-button`)!;
    expect(focused(el)).to.equal(`button: ${trendButton.textContent!.trim()}`);
    expect(shadow(el).activeElement === trendButton).to.equal(true);

    await sendKeys({ press: 'Enter' });
    await until(() => shadow(el).querySelector('[part="trend-table"]'), 'the trend');
    const heading = shadow(el).querySelector<HTMLElement>('.trend-view h3')!;
    expect(focused(el)).to.equal(`h3: ${heading.textContent!.trim()}`);
    const box = heading.getBoundingClientRect();
    expect(box.top >= 0 && box.bottom <= innerHeight, `heading at ${box.top}–${box.bottom} in a ${innerHeight} px window`).to.equal(true);
    // Tab goes forward down the view, never back up to a control above the heading.
    const order: string[] = [];
    let previous = heading.getBoundingClientRect();
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(focused(el));
      const now = (shadow(el).activeElement ?? document.activeElement!).getBoundingClientRect();
      expect(now.top >= previous.bottom - 1 || (now.top >= previous.top - 1 && now.left >= previous.right - 1), `${order.at(-1)} at ${now.top} after ${previous.top}–${previous.bottom}`).to.equal(true);
      previous = now;
    }
    expect(order).to.deep.equal(['button: Back to results', 'select', '#after']);
  });
});
