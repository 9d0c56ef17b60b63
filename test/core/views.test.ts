import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { themeStyles } from '../../packages/core/src/theme.js';
import { renderEmpty, renderError, renderSignedOut, renderSkeleton } from '../../packages/core/src/views/states.js';
import { stateStyles } from '../../packages/core/src/views/states.styles.js';

const STATES = ['loading', 'empty', 'error', 'signed-out'] as const;
type State = (typeof STATES)[number];

/** A stand-in for a Portico element: theme tokens, state styles, one state at a time. */
class StatesProbe extends LitElement {
  static override styles = [
    themeStyles,
    stateStyles,
    css`
      :host {
        display: block;
        color: var(--portico-color-text);
        background: var(--portico-color-surface);
      }
    `,
  ];

  retries = 0;
  actions = 0;

  @property() state: State = 'loading';
  @property({ type: Boolean }) retrying = false;
  @property({ type: Boolean, attribute: 'no-retry' }) noRetry = false;

  override render() {
    switch (this.state) {
      case 'loading':
        return renderSkeleton({ label: 'Loading lab results…', lines: 4 });
      case 'empty':
        return renderEmpty({
          heading: 'No lab results yet',
          message: 'Results appear here once your care team releases them.',
          action: { label: 'Book a lab visit', onClick: () => this.actions++ },
          headingLevel: 3,
        });
      case 'error':
        return this.noRetry
          ? renderError({ message: "You don't have access to this information." })
          : renderError({
              message: "We couldn't reach the server.",
              detail: 'Check your connection and try again.',
              retryLabel: 'Try again',
              retrying: this.retrying,
              onRetry: () => this.retries++,
            });
      case 'signed-out':
        return renderSignedOut({
          message: 'Sign in to see your health information.',
          action: { label: 'Sign in', onClick: () => this.actions++ },
        });
    }
  }
}
customElements.define('states-probe', StatesProbe);

declare global {
  interface HTMLElementTagNameMap {
    'states-probe': StatesProbe;
  }
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('state views', () => {
  it('renders a busy skeleton with a status label for screen readers', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe state="loading"></states-probe>`);
    const skeleton = part(el, 'skeleton')!;
    expect(skeleton.getAttribute('aria-busy')).to.equal('true');
    const status = skeleton.querySelector('[role="status"]')!;
    expect(status.textContent!.trim()).to.equal('Loading lab results…');
    expect(status.getBoundingClientRect().width).to.be.at.most(1);
    const lines = skeleton.querySelectorAll('.skeleton-line');
    expect(lines).to.have.length(4);
    expect([...lines].every((line) => line.getAttribute('aria-hidden') === 'true')).to.equal(true);
    expect(getComputedStyle(lines[0]!).animationName).to.equal('portico-shimmer');
    await expect(el).to.be.accessible();
  });

  it('stops the shimmer under prefers-reduced-motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const el = await fixture<StatesProbe>(html`<states-probe state="loading"></states-probe>`);
      const line = el.shadowRoot!.querySelector('.skeleton-line')!;
      expect(getComputedStyle(line).animationName).to.equal('none');
      expect(getComputedStyle(el).getPropertyValue('--portico-transition-duration').trim()).to.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('renders the empty state with its heading, message and action', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe state="empty"></states-probe>`);
    const empty = part(el, 'empty')!;
    const heading = empty.querySelector('h3')!;
    expect(heading.textContent!.trim()).to.equal('No lab results yet');
    expect(heading.getAttribute('part')).to.equal('empty-heading');
    expect(part(el, 'empty-message')!.textContent!.trim()).to.equal('Results appear here once your care team releases them.');
    const action = part(el, 'action-button') as HTMLButtonElement;
    expect(action.tagName).to.equal('BUTTON');
    expect(action.type).to.equal('button');
    action.click();
    expect(el.actions).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('renders the empty state without a heading element when no level is given', async () => {
    const el = await fixture(html`<div>${renderEmpty({ heading: 'Nothing here' })}</div>`);
    expect(el.querySelector('h1, h2, h3, h4, h5, h6')).to.equal(null);
    expect(el.querySelector('[part="empty-heading"]')!.textContent!.trim()).to.equal('Nothing here');
    expect(el.querySelector('button')).to.equal(null);
  });

  it('renders an error as an alert with a working retry button', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe state="error"></states-probe>`);
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(part(el, 'error-message')!.textContent!.trim()).to.equal("We couldn't reach the server.");
    expect(part(el, 'error-detail')!.textContent!.trim()).to.equal('Check your connection and try again.');
    const retry = part(el, 'retry-button') as HTMLButtonElement;
    expect(retry.tagName).to.equal('BUTTON');
    expect(retry.textContent!.trim()).to.equal('Try again');
    retry.click();
    expect(el.retries).to.equal(1);
    retry.focus();
    await sendKeys({ press: 'Enter' });
    expect(el.retries).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('keeps the retry button focused but inert while retrying', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe state="error"></states-probe>`);
    const retry = part(el, 'retry-button') as HTMLButtonElement;
    retry.focus();
    el.retrying = true;
    await el.updateComplete;
    expect(part(el, 'retry-button')).to.equal(retry);
    expect(retry.disabled).to.equal(false);
    expect(retry.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(retry);
    retry.click();
    await sendKeys({ press: 'Space' });
    expect(el.retries).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('renders an error without a retry button when there is nothing to retry', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe state="error" no-retry></states-probe>`);
    expect(part(el, 'error')!.textContent!.trim()).to.equal("You don't have access to this information.");
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('renders the signed-out state with a sign-in button', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe state="signed-out"></states-probe>`);
    expect(part(el, 'signed-out-message')!.textContent!.trim()).to.equal('Sign in to see your health information.');
    const signIn = part(el, 'action-button') as HTMLButtonElement;
    expect(signIn.textContent!.trim()).to.equal('Sign in');
    signIn.click();
    expect(el.actions).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme too', async () => {
    for (const state of STATES) {
      const el = await fixture<StatesProbe>(html`<states-probe theme="dark" .state=${state}></states-probe>`);
      await expect(el).to.be.accessible();
    }
  });
});

/** Resolves a token to [r, g, b] through a probe element's computed colour. */
function tokenColour(el: StatesProbe, token: string): [number, number, number] {
  const probe = document.createElement('span');
  el.shadowRoot!.append(probe);
  probe.style.color = `var(${token})`;
  const match = /rgba?\((\d+), (\d+), (\d+)/.exec(getComputedStyle(probe).color);
  probe.remove();
  if (!match) throw new Error(`${token} did not resolve to a colour`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function luminance([r, g, b]: [number, number, number]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: [number, number, number], b: [number, number, number]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const TEXT_PAIRS = [
  ['text', 'surface'],
  ['text', 'surface-raised'],
  ['text-muted', 'surface'],
  ['text-muted', 'surface-raised'],
  ['primary', 'surface'],
  ['primary', 'surface-raised'],
  ['on-primary', 'primary'],
  ['success', 'surface'],
  ['warning', 'surface'],
  ['danger', 'surface'],
  ['info', 'surface'],
  ['success', 'surface-raised'],
  ['warning', 'surface-raised'],
  ['danger', 'surface-raised'],
  ['info', 'surface-raised'],
  ['danger', 'danger-surface'],
  ['text', 'danger-surface'],
] as const;
const UI_PAIRS = [
  ['border', 'surface'],
  ['focus-ring', 'surface'],
  ['focus-ring', 'surface-raised'],
] as const;

function expectAaContrast(el: StatesProbe): void {
  const colour = (name: string) => tokenColour(el, `--portico-color-${name}`);
  for (const [foreground, background] of TEXT_PAIRS) {
    const ratio = contrast(colour(foreground), colour(background));
    expect(ratio, `${foreground} on ${background}`).to.be.at.least(4.5);
  }
  for (const [foreground, background] of UI_PAIRS) {
    const ratio = contrast(colour(foreground), colour(background));
    expect(ratio, `${foreground} on ${background}`).to.be.at.least(3);
  }
}

describe('theme tokens', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('define every public token on the host', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe></states-probe>`);
    const style = getComputedStyle(el);
    const tokens = [
      ...['primary', 'on-primary', 'surface', 'surface-raised', 'text', 'text-muted', 'border', 'focus-ring'].map((c) => `--portico-color-${c}`),
      ...['success', 'warning', 'danger', 'danger-surface', 'info'].map((c) => `--portico-color-${c}`),
      ...['small', 'base', 'large', 'heading'].map((s) => `--portico-font-size-${s}`),
      ...['2xs', 'xs', 'sm', 'md', 'lg', 'xl'].map((s) => `--portico-space-${s}`),
      '--portico-radius',
      '--portico-shadow',
      '--portico-line-height',
      '--portico-focus-ring-width',
      '--portico-transition-duration',
    ];
    for (const token of tokens) expect(style.getPropertyValue(token).trim(), token).to.not.equal('');
    expect(style.getPropertyValue('--portico-transition-duration').trim()).to.equal('150ms');
  });

  it('meet WCAG AA contrast in the light scheme', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe theme="light"></states-probe>`);
    expectAaContrast(el);
  });

  it('meet WCAG AA contrast in the dark scheme', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe theme="dark"></states-probe>`);
    expect(luminance(tokenColour(el, '--portico-color-surface'))).to.be.below(0.05);
    expectAaContrast(el);
  });

  it('follow prefers-color-scheme unless the element asks for light', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const page = await fixture<HTMLDivElement>(
      html`<div><states-probe id="auto"></states-probe><states-probe id="light" theme="light"></states-probe></div>`,
    );
    const auto = page.querySelector<StatesProbe>('#auto')!;
    const light = page.querySelector<StatesProbe>('#light')!;
    expect(luminance(tokenColour(auto, '--portico-color-surface'))).to.be.below(0.05);
    expect(luminance(tokenColour(light, '--portico-color-surface'))).to.be.above(0.9);
    expectAaContrast(auto);
  });

  it("inherit the host page's font unless a font is given", async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="font-family: Georgia, serif">
      <states-probe id="inherit" state="empty"></states-probe>
      <states-probe id="custom" state="empty" style="--portico-font-family: 'Courier New', monospace"></states-probe>
    </div>`);
    const font = (id: string) => getComputedStyle(part(page.querySelector(`#${id}`)!, 'empty')!).fontFamily;
    expect(font('inherit')).to.equal('Georgia, serif');
    expect(font('custom')).to.equal('"Courier New", monospace');
  });

  it('let a host page restyle an element by setting tokens on it', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe style="--portico-color-primary: rgb(106, 27, 154)"></states-probe>`);
    expect(tokenColour(el, '--portico-color-primary')).to.deep.equal([106, 27, 154]);
  });
});
