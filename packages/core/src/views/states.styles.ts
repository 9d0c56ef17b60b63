import { css } from 'lit';
import { focusRing, headingTokens, visuallyHidden } from '../theme.js';

/** Styles of the state templates in `states.ts`; include after `themeStyles`. */
export const stateStyles = css`
  .visually-hidden {
    ${visuallyHidden}
  }

  .skeleton,
  .empty,
  .error,
  .signed-out {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space-sm);
    box-sizing: border-box;
    inline-size: 100%;
    font-family: var(--_font-family);
    font-size: var(--_font-size-base);
    line-height: var(--_line-height);
    color: var(--_color-text);
  }

  .skeleton {
    position: relative;
    padding-block: var(--_space-sm);
  }

  .skeleton-line {
    display: block;
    block-size: 1em;
    inline-size: 100%;
    border-radius: var(--_radius);
    background-color: var(--_color-surface-raised);
    background-image: linear-gradient(
      90deg,
      transparent 0%,
      color-mix(in srgb, var(--_color-border) 25%, transparent) 50%,
      transparent 100%
    );
    background-size: 200% 100%;
    background-repeat: no-repeat;
    animation: portico-shimmer 1.6s ease-in-out infinite;
  }

  .skeleton-line:nth-of-type(3n + 2) {
    inline-size: 85%;
  }

  .skeleton-line:nth-of-type(3n + 3) {
    inline-size: 70%;
  }

  .skeleton-line:last-of-type:not(:first-of-type) {
    inline-size: 55%;
  }

  @keyframes portico-shimmer {
    from {
      background-position: 150% 0;
    }
    to {
      background-position: -50% 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton-line {
      animation: none;
    }
  }

  @media (forced-colors: active) {
    .skeleton-line {
      border: 1px solid CanvasText;
    }
  }

  .empty,
  .signed-out {
    padding: var(--_space-lg) var(--_space-md);
    border: 1px dashed var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
  }

  .error {
    padding: var(--_space-md);
    border: 1px solid var(--_color-danger);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_color-danger-surface);
  }

  .state-heading {
    margin: 0;
    font-size: var(--_font-size-large);
    font-weight: 600;
    line-height: 1.3;
    ${headingTokens}
  }

  .state-message,
  .state-detail {
    margin: 0;
  }

  .state-detail {
    font-size: var(--_font-size-small);
    color: var(--_color-text);
  }

  .error-message {
    font-weight: 600;
  }

  .state-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    margin-block-start: var(--_space-xs);
    padding-block: var(--_space-xs);
    padding-inline: var(--_space-md);
    border: 1px solid var(--_color-primary);
    border-radius: var(--_radius);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition:
      background-color var(--_transition-duration) ease,
      color var(--_transition-duration) ease;
  }

  .state-button--primary {
    background: var(--_color-primary);
    color: var(--_color-on-primary);
  }

  .state-button--secondary {
    background: var(--_color-surface);
    color: var(--_color-primary);
  }

  .state-button--secondary:hover {
    background: var(--_color-surface-raised);
  }

  .state-button:focus-visible {
    ${focusRing}
  }

  .state-button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
`;
