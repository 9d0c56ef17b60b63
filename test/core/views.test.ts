import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { darkTokens, focusRing, themeStyles } from '../../packages/core/src/theme.js';
import { renderEmpty, renderError, renderSignedOut, renderSkeleton } from '../../packages/core/src/views/states.js';
import { stateStyles } from '../../packages/core/src/views/states.styles.js';
import '../../packages/core/src/define.js';
import { until } from '../helpers/element.js';

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
        color: var(--_color-text);
        background: var(--_color-surface);
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

/** A stand-in for `portal-session`: an element with the theme styles that shows its children. */
class SessionProbe extends LitElement {
  static override styles = [
    themeStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('session-probe', SessionProbe);

declare global {
  interface HTMLElementTagNameMap {
    'states-probe': StatesProbe;
    'session-probe': SessionProbe;
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
      expect(getComputedStyle(el).getPropertyValue('--_transition-duration').trim()).to.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('makes transitions instant under prefers-reduced-motion, even with a duration set by the host', async () => {
    const el = await fixture<StatesProbe>(
      html`<states-probe state="error" style="--portico-transition-duration: 300ms"></states-probe>`,
    );
    const retry = part(el, 'retry-button')!;
    expect(getComputedStyle(retry).transitionDuration).to.equal('0.3s, 0.3s');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(retry).transitionDuration).to.equal('0s, 0s');
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

  it('draws headings in the host’s heading font and colour, given as tokens; by default as the text around them', async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="font-family: Verdana, sans-serif; color: rgb(20, 30, 40)">
      <states-probe state="empty"></states-probe>
      <div style="--portico-heading-font: Georgia, serif; --portico-heading-color: rgb(128, 0, 32)">
        <states-probe state="empty"></states-probe>
        <portal-session auth="token" fhir-base-url="http://127.0.0.1:9/fhir"></portal-session>
      </div>
    </div>`);
    const [plain, themed] = [...page.querySelectorAll<StatesProbe>('states-probe')];
    const headingOf = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('[part="empty-heading"]')!);
    const messageOf = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('[part="empty-message"]')!);
    expect(headingOf(themed!).fontFamily).to.equal('Georgia, serif');
    expect(headingOf(themed!).color).to.equal('rgb(128, 0, 32)');
    // Only headings: the sentence under it keeps the body font and colour.
    expect(messageOf(themed!).fontFamily).to.equal('Verdana, sans-serif');
    expect(messageOf(themed!).color).to.equal(getComputedStyle(themed!).color);
    expect(headingOf(plain!).fontFamily).to.equal('Verdana, sans-serif');
    expect(headingOf(plain!).color).to.equal(getComputedStyle(plain!).color);

    const session = page.querySelector('portal-session')!;
    const signIn = await until(() => session.shadowRoot?.querySelector('#sign-in-heading'), 'the sign-in heading');
    expect(getComputedStyle(signIn).fontFamily).to.equal('Georgia, serif');
    expect(getComputedStyle(signIn).color).to.equal('rgb(128, 0, 32)');
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

/** Resolves a token to [r, g, b] through a probe element's computed colour, inside `el`'s shadow root. */
function tokenColour(el: Element, token: string): [number, number, number] {
  const probe = document.createElement('span');
  el.shadowRoot!.append(probe);
  probe.style.color = `var(${token})`;
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return rgb(colour);
}

/** Parses a computed `rgb()`/`rgba()` colour. */
function rgb(colour: string): [number, number, number] {
  const match = /rgba?\((\d+), (\d+), (\d+)/.exec(colour);
  if (!match) throw new Error(`${colour} is not an rgb() colour`);
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

/** The surface an element is drawn on, as its private token resolves. */
const surfaceLuminance = (el: Element) => luminance(tokenColour(el, '--_color-surface'));

const COLOUR_NAMES = [
  'primary',
  'on-primary',
  'surface',
  'surface-raised',
  'text',
  'text-muted',
  'border',
  'focus-ring',
  'success',
  'warning',
  'danger',
  'danger-surface',
  'info',
] as const;
/** The abnormal-result flags' colour scale (`--portico-flag-*`). */
const FLAG_NAMES = ['high', 'low', 'critical', 'abnormal'] as const;
/** Every public token but the font family (whose private copy is empty by default: the page's font is inherited). */
const TOKEN_NAMES = [
  ...COLOUR_NAMES.map((c) => `color-${c}`),
  'color-scheme',
  ...['small', 'base', 'large', 'heading'].map((s) => `font-size-${s}`),
  'line-height',
  'radius',
  ...['2xs', 'xs', 'sm', 'md', 'lg', 'xl'].map((s) => `space-${s}`),
  'shadow',
  'focus-ring-width',
  'transition-duration',
  ...FLAG_NAMES.map((f) => `flag-${f}`),
];

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

/** Checks the colours an element actually uses: its private tokens. */
function expectAaContrast(el: Element): void {
  const colour = (name: string) => tokenColour(el, `--_color-${name}`);
  for (const [foreground, background] of TEXT_PAIRS) {
    const ratio = contrast(colour(foreground), colour(background));
    expect(ratio, `${foreground} on ${background}`).to.be.at.least(4.5);
  }
  for (const [foreground, background] of UI_PAIRS) {
    const ratio = contrast(colour(foreground), colour(background));
    expect(ratio, `${foreground} on ${background}`).to.be.at.least(3);
  }
}

/** The declarations of the `:host` rule inside the `@media` rule of `themeStyles` with this condition. */
function hostRuleUnder(condition: string): CSSStyleDeclaration {
  const media = [...themeStyles.styleSheet!.cssRules].find(
    (rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && rule.conditionText === condition,
  );
  const host = [...(media?.cssRules ?? [])].find((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule && rule.selectorText === ':host');
  if (!host) throw new Error(`no :host rule under ${condition}`);
  return host.style;
}

describe('theme tokens', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    document.documentElement.style.removeProperty('--portico-color-primary');
  });

  it('declare a private token for every public token, and no public token, on the host', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe></states-probe>`);
    const style = getComputedStyle(el);
    for (const name of TOKEN_NAMES) {
      expect(style.getPropertyValue(`--_${name}`).trim(), `--_${name}`).to.not.equal('');
      expect(style.getPropertyValue(`--portico-${name}`), `--portico-${name}`).to.equal('');
    }
    expect(style.getPropertyValue('--portico-font-family')).to.equal('');
    expect(style.getPropertyValue('--_transition-duration').trim()).to.equal('150ms');
    expect(style.getPropertyValue('--_space-md').trim()).to.equal('1rem');
    expect(tokenColour(el, '--_color-primary')).to.deep.equal([11, 92, 173]);
  });

  it('are read by element styles only through their private names', () => {
    // Besides the private declarations (`--_x: var(--portico-x, …)`) and the host's font-family,
    // no rule reads a public token: a public one read directly would skip the defaults.
    const reads = themeStyles.cssText
      .replace(/--_([\w-]+):\s*var\(--portico-\1,/g, '')
      .replace('font-family: var(--portico-font-family, inherit)', '');
    expect(reads).to.not.match(/var\(--portico-/);
    expect(stateStyles.cssText).to.not.match(/--portico-/);
    expect(focusRing.cssText).to.not.match(/--portico-/);
    // The dark palette declares public colour tokens, nothing private.
    expect(darkTokens.cssText).to.match(/--portico-color-surface:/);
    expect(darkTokens.cssText).to.not.match(/--_/);
  });

  it('reach an element from a token set on an ancestor', async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="--portico-color-primary: rgb(106, 27, 154); --portico-space-md: 20px">
      <states-probe state="empty"></states-probe>
    </div>`);
    const el = page.querySelector('states-probe')!;
    expect(getComputedStyle(el).getPropertyValue('--_color-primary').trim()).to.equal('rgb(106, 27, 154)');
    const action = getComputedStyle(part(el, 'action-button')!);
    expect(action.color).to.equal('rgb(106, 27, 154)');
    expect(action.borderTopColor).to.equal('rgb(106, 27, 154)');
    expect(getComputedStyle(part(el, 'empty')!).paddingInlineStart).to.equal('20px');
  });

  it('reach an element from a token set on :root', async () => {
    document.documentElement.style.setProperty('--portico-color-primary', 'rgb(0, 90, 60)');
    const el = await fixture<StatesProbe>(html`<states-probe state="signed-out"></states-probe>`);
    expect(getComputedStyle(part(el, 'action-button')!).backgroundColor).to.equal('rgb(0, 90, 60)');
  });

  it('let a host page restyle an element by setting tokens on it', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe state="signed-out" style="--portico-color-primary: rgb(106, 27, 154)"></states-probe>`);
    expect(tokenColour(el, '--_color-primary')).to.deep.equal([106, 27, 154]);
    expect(getComputedStyle(part(el, 'action-button')!).backgroundColor).to.equal('rgb(106, 27, 154)');
  });

  it('meet WCAG AA contrast in the light scheme', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe></states-probe>`);
    expect(surfaceLuminance(el)).to.be.above(0.9);
    expectAaContrast(el);
  });

  it('meet WCAG AA contrast in the dark scheme', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe theme="dark"></states-probe>`);
    expect(surfaceLuminance(el)).to.be.below(0.05);
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expectAaContrast(el);
  });

  it('give the abnormal-result flags one colour scale, each AA on both surfaces in light and dark, overridable by the host', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <states-probe id="light"></states-probe>
      <states-probe id="dark" theme="dark"></states-probe>
      <states-probe id="host" style="--portico-flag-critical: rgb(120, 0, 0)"></states-probe>
    </div>`);
    for (const scheme of ['light', 'dark']) {
      const el = page.querySelector(`#${scheme}`)!;
      const flags = FLAG_NAMES.map((flag) => tokenColour(el, `--_flag-${flag}`));
      expect(new Set(flags.map((c) => c.join())).size, `${scheme}: four different colours`).to.equal(4);
      for (const [index, flag] of FLAG_NAMES.entries()) {
        for (const surface of ['surface', 'surface-raised']) {
          const ratio = contrast(flags[index]!, tokenColour(el, `--_color-${surface}`));
          expect(ratio, `${scheme}: ${flag} on ${surface}`).to.be.at.least(4.5);
        }
      }
    }
    expect(tokenColour(page.querySelector('#host')!, '--_flag-critical')).to.deep.equal([120, 0, 0]);
  });

  it('stay light by default under prefers-color-scheme: dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const page = await fixture<HTMLDivElement>(
      html`<div><states-probe id="default" state="empty"></states-probe><states-probe id="light" theme="light"></states-probe></div>`,
    );
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    for (const id of ['default', 'light']) {
      const el = page.querySelector<StatesProbe>(`#${id}`)!;
      expect(surfaceLuminance(el), id).to.be.above(0.9);
      expect(getComputedStyle(el).colorScheme, id).to.equal('light');
    }
    const empty = part(page.querySelector('#default')!, 'empty')!;
    expect(getComputedStyle(empty).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('follow prefers-color-scheme with theme="auto"', async () => {
    const el = await fixture<StatesProbe>(html`<states-probe theme="auto" state="empty"></states-probe>`);
    expect(surfaceLuminance(el)).to.be.above(0.9);
    await emulateMedia({ colorScheme: 'dark' });
    expect(surfaceLuminance(el)).to.be.below(0.05);
    expect(getComputedStyle(part(el, 'empty')!).backgroundColor).to.equal('rgb(21, 24, 28)');
    expectAaContrast(el);
    await emulateMedia({ colorScheme: 'light' });
    expect(surfaceLuminance(el)).to.be.above(0.9);
  });

  it('darken every element inside an ancestor with theme="dark"', async () => {
    const session = await fixture<SessionProbe>(html`<session-probe theme="dark">
      <div><states-probe state="error"></states-probe></div>
    </session-probe>`);
    const el = session.querySelector('states-probe')!;
    expect(surfaceLuminance(el)).to.be.below(0.05);
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expect(getComputedStyle(part(el, 'error')!).backgroundColor).to.equal('rgb(59, 22, 20)');
    expectAaContrast(el);
    await expect(el).to.be.accessible();

    session.setAttribute('theme', 'light');
    expect(surfaceLuminance(el)).to.be.above(0.9);
    expect(getComputedStyle(part(el, 'error')!).backgroundColor).to.equal('rgb(253, 236, 234)');
  });

  it('darken the elements inside an ancestor with theme="auto" only under prefers-color-scheme: dark', async () => {
    const session = await fixture<SessionProbe>(html`<session-probe theme="auto"><states-probe></states-probe></session-probe>`);
    const el = session.querySelector('states-probe')!;
    expect(surfaceLuminance(el)).to.be.above(0.9);
    await emulateMedia({ colorScheme: 'dark' });
    expect(surfaceLuminance(el)).to.be.below(0.05);
    expectAaContrast(el);
  });

  it('keep a token the host sets on the session in both schemes', async () => {
    const session = await fixture<SessionProbe>(html`<session-probe theme="dark" style="--portico-color-primary: rgb(200, 160, 255)">
      <states-probe state="signed-out"></states-probe>
    </session-probe>`);
    const el = session.querySelector('states-probe')!;
    expect(getComputedStyle(part(el, 'action-button')!).backgroundColor).to.equal('rgb(200, 160, 255)');
    expect(surfaceLuminance(el)).to.be.below(0.05);
  });

  it('switch to system colours in forced-colours mode', () => {
    const forced = hostRuleUnder('(forced-colors: active)');
    for (const name of COLOUR_NAMES) expect(forced.getPropertyValue(`--_color-${name}`).trim(), name).to.not.equal('');
    for (const name of FLAG_NAMES) expect(forced.getPropertyValue(`--_flag-${name}`).trim(), name).to.equal('CanvasText');
    expect(forced.getPropertyValue('--_color-primary').trim()).to.equal('Highlight');
    expect(forced.getPropertyValue('--_color-text').trim()).to.equal('CanvasText');
    expect(forced.getPropertyValue('--_color-surface').trim()).to.equal('Canvas');
    expect(forced.getPropertyValue('--_shadow').trim()).to.equal('none');
    expect(hostRuleUnder('(prefers-reduced-motion: reduce)').getPropertyValue('--_transition-duration').trim()).to.equal('0s');
  });

  it("inherit the host page's font unless a font is given", async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="font-family: Georgia, serif">
      <states-probe id="inherit" state="empty"></states-probe>
      <states-probe id="custom" state="empty" style="--portico-font-family: 'Courier New', monospace"></states-probe>
      <div style="--portico-font-family: Verdana, sans-serif"><states-probe id="ancestor" state="empty"></states-probe></div>
    </div>`);
    const font = (id: string) => getComputedStyle(part(page.querySelector(`#${id}`)!, 'empty')!).fontFamily;
    expect(font('inherit')).to.equal('Georgia, serif');
    expect(font('custom')).to.equal('"Courier New", monospace');
    expect(font('ancestor')).to.equal('Verdana, sans-serif');
    const button = getComputedStyle(part(page.querySelector('#inherit')!, 'action-button')!);
    expect(button.fontFamily).to.equal('Georgia, serif');
  });
});
