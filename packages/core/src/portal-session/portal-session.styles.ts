import { css } from 'lit';
import { focusRing, headingTokens } from '../theme.js';

export const portalSessionStyles = css`
  :host {
    display: block;
    color: var(--_color-text);
  }
  /* A dark (or auto-dark) session paints its own surface, so it reads on a light page too. */
  :host([theme='dark']) .session {
    background: var(--_color-surface);
    padding: var(--_space-md);
    border-radius: var(--_radius);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) .session {
      background: var(--_color-surface);
      padding: var(--_space-md);
      border-radius: var(--_radius);
    }
  }
  [hidden] {
    display: none !important;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: var(--_space-sm);
    padding-block: var(--_space-xs);
    font-size: var(--_font-size-small);
    color: var(--_color-text-muted);
  }
  .acting-for {
    display: flex;
    align-items: center;
    gap: var(--_space-sm);
    margin-block-end: var(--_space-md);
    padding: var(--_space-sm) var(--_space-md);
    border-radius: var(--_radius);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    font-weight: 600;
  }
  .acting-for p {
    margin: 0;
  }
  .acting-for .initial {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 2rem;
    block-size: 2rem;
    border-radius: 50%;
    background: var(--_color-on-primary);
    color: var(--_color-primary);
  }
  /* Forced colours: the bar keeps a visible edge when backgrounds are replaced. */
  @media (forced-colors: active) {
    .acting-for,
    .acting-for .initial {
      border: 1px solid CanvasText;
    }
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-sm) var(--_space-md);
    margin-block-end: var(--_space-md);
    padding: var(--_space-sm) var(--_space-md);
    border: 1px solid var(--_color-warning);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
  }
  .notice p {
    margin: 0;
    flex: 1 1 16rem;
  }
  .sign-in {
    padding: var(--_space-lg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
  }
  .sign-in h2 {
    margin-block: 0 var(--_space-sm);
    font-size: var(--_font-size-heading);
    ${headingTokens}
  }
  dialog.idle {
    box-sizing: border-box;
    max-inline-size: min(28rem, calc(100vw - 2rem));
    padding: var(--_space-lg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    box-shadow: var(--_shadow);
  }
  dialog.idle::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog.idle h2 {
    margin-block: 0 var(--_space-sm);
    font-size: var(--_font-size-heading);
    ${headingTokens}
  }
  dialog.idle p {
    margin-block: 0 var(--_space-md);
  }
  .idle-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
  }
  .sign-in p {
    margin-block: 0 var(--_space-md);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: var(--_space-xs) var(--_space-md);
    border: 1px solid var(--_color-primary);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    min-block-size: 2.5rem;
  }
  button.quiet {
    background: transparent;
    color: var(--_color-primary);
    min-block-size: 2rem;
  }
  button:focus-visible {
    ${focusRing}
  }
`;
