import { expect, fixture, html } from '@open-wc/testing';
import { css, html as litHtml, LitElement } from 'lit';
import { focusRing, offscreenStyles, themeStyles } from '../../packages/core/src/theme.js';
import { AppointmentBooker } from '../../packages/appointment-booker/src/index.js';
import { BillPay } from '../../packages/bill-pay/src/index.js';
import { HealthRecord, HealthReminders } from '../../packages/health-record/src/index.js';
import { LabResults } from '../../packages/lab-results/src/index.js';
import { MedicationList } from '../../packages/medications/src/index.js';
import { MessageInbox } from '../../packages/message-inbox/src/index.js';
import { RecordDownload } from '../../packages/record-download/src/index.js';

/** An element styled as Portico's below-the-fold elements are, with a button flush with its start edge. */
class OffscreenProbe extends LitElement {
  static override styles = [
    themeStyles,
    offscreenStyles,
    css`
      :host {
        display: block;
      }
      button {
        margin: 0;
      }
      button:focus-visible {
        ${focusRing}
      }
    `,
  ];
  override render() {
    return litHtml`<button type="button">Pay now</button><p>Statement for March</p>`;
  }
}
customElements.define('portico-offscreen-probe', OffscreenProbe);

const frames = (n = 2) => new Promise<void>((done) => {
  const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : done());
  step(n);
});

describe('elements below the fold (offscreenStyles)', () => {
  afterEach(() => window.scrollTo(0, 0));

  it('are drawn only near the screen, keep their text and controls, and are drawn once focused', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><div style="block-size: 400vh"></div><portico-offscreen-probe></portico-offscreen-probe></div>`);
    const probe = page.querySelector('portico-offscreen-probe') as OffscreenProbe;
    await probe.updateComplete;
    await frames();
    const button = probe.shadowRoot!.querySelector('button')!;
    expect(getComputedStyle(probe).contentVisibility).to.equal('auto');
    // Far below: skipped by the browser, still in the DOM with its text.
    expect(button.checkVisibility({ contentVisibilityAuto: true })).to.equal(false);
    expect(probe.shadowRoot!.textContent).to.contain('Statement for March');
    // Until first drawn it holds a place (so the page below does not jump as it is drawn).
    expect(probe.getBoundingClientRect().height > 0).to.equal(true);

    // Reached with the keyboard: focus draws it.
    button.focus();
    await frames();
    expect(probe.shadowRoot!.activeElement === button).to.equal(true);
    expect(button.checkVisibility({ contentVisibilityAuto: true })).to.equal(true);
    button.blur();

    // Scrolled to: drawn.
    window.scrollTo(0, 0);
    await frames();
    probe.scrollIntoView();
    await frames(3);
    expect(button.checkVisibility({ contentVisibilityAuto: true })).to.equal(true);
  });

  it('let a focus outline show past their edge (the paint containment would cut it off)', async () => {
    const probe = await fixture<OffscreenProbe>(html`<portico-offscreen-probe style="--portico-focus-ring-width: 3px"></portico-offscreen-probe>`);
    // Room for the outline's width (3px here) and its 2px offset.
    expect(parseFloat(getComputedStyle(probe).overflowClipMargin)).to.be.at.least(5);
  });

  it('apply to every element a page may show below the fold', () => {
    const elements = { AppointmentBooker, BillPay, HealthRecord, HealthReminders, LabResults, MedicationList, MessageInbox, RecordDownload };
    const without = Object.entries(elements)
      .filter(([, element]) => !(element.styles as unknown[]).includes(offscreenStyles))
      .map(([name]) => name);
    expect(without.join(', ')).to.equal('');
  });
});
