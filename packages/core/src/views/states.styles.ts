import { css } from 'lit';
import { focusRing, visuallyHidden } from '../theme.js';

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
    gap: var(--portico-space-sm);
    box-sizing: border-box;
    inline-size: 100%;
    font-family: var(--portico-font-family);
    font-size: var(--portico-font-size-base);
    line-height: var(--portico-line-height);
    color: var(--portico-color-text);
  }

  .skeleton {
    position: relative;
    padding-block: var(--portico-space-sm);
  }

  .skeleton-line {
    display: block;
    block-size: 1em;
    inline-size: 100%;
    border-radius: var(--portico-radius);
    background-color: var(--portico-color-surface-raised);
    background-image: linear-gradient(
      90deg,
      transparent 0%,
      color-mix(in srgb, var(--portico-color-border) 25%, transparent) 50%,
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
    padding: var(--portico-space-lg) var(--portico-space-md);
    border: 1px dashed var(--portico-color-border);
    border-radius: var(--portico-radius);
    background: var(--portico-color-surface);
  }

  .error {
    padding: var(--portico-space-md);
    border: 1px solid var(--portico-color-danger);
    border-inline-start-width: 4px;
    border-radius: var(--portico-radius);
    background: var(--portico-color-danger-surface);
  }

  .state-heading {
    margin: 0;
    font-size: var(--portico-font-size-large);
    font-weight: 600;
    line-height: 1.3;
    color: var(--portico-color-text);
  }

  .state-message,
  .state-detail {
    margin: 0;
  }

  .state-detail {
    font-size: var(--portico-font-size-small);
    color: var(--portico-color-text);
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
    margin-block-start: var(--portico-space-xs);
    padding-block: var(--portico-space-xs);
    padding-inline: var(--portico-space-md);
    border: 1px solid var(--portico-color-primary);
    border-radius: var(--portico-radius);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition:
      background-color var(--portico-transition-duration) ease,
      color var(--portico-transition-duration) ease;
  }

  .state-button--primary {
    background: var(--portico-color-primary);
    color: var(--portico-color-on-primary);
  }

  .state-button--secondary {
    background: var(--portico-color-surface);
    color: var(--portico-color-primary);
  }

  .state-button--secondary:hover {
    background: var(--portico-color-surface-raised);
  }

  .state-button:focus-visible {
    ${focusRing}
  }

  .state-button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
`;
