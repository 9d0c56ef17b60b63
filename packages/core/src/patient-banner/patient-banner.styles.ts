import { css } from 'lit';
import { focusRing } from '../theme.js';

export const patientBannerStyles = css`
  :host {
    display: block;
    color: var(--_color-text);
  }
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-sm) var(--_space-lg);
    padding: var(--_space-sm) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
  }
  .who {
    flex: 1 1 14rem;
    min-inline-size: 0;
  }
  .name {
    margin: 0;
    font-size: var(--_font-size-large);
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .proxy {
    margin: 0;
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-lg);
    margin: 0;
    font-size: var(--_font-size-small);
  }
  dl div {
    display: flex;
    gap: var(--_space-xs);
  }
  dt {
    color: var(--_color-text-muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding: var(--_space-xs) var(--_space-md);
    border: 1px solid var(--_color-primary);
    background: transparent;
    color: var(--_color-primary);
    min-block-size: 2.5rem;
  }
  button:focus-visible {
    ${focusRing}
  }
`;
