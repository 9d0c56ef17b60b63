import { css } from 'lit';
import { focusRing } from '@portico/core';

/** Styles of `DateGridController.render()`; the host adds them to its `static styles` after `themeStyles`. */
export const dateGridStyles = css`
  .date-grid {
    max-inline-size: 28rem;
    color: var(--_color-text);
    font-size: var(--_font-size-base);
  }
  .date-grid button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: transparent;
    transition:
      background-color var(--_transition-duration),
      border-color var(--_transition-duration);
  }
  .date-grid button:focus-visible {
    ${focusRing}
  }
  .date-grid-header {
    display: flex;
    align-items: center;
    gap: var(--_space-sm);
    margin-block-end: var(--_space-sm);
  }
  .date-grid-heading {
    flex: 1;
    text-align: center;
    font-size: var(--_font-size-large);
    font-weight: 700;
  }
  .date-grid-nav {
    display: inline-grid;
    place-items: center;
    inline-size: 2.75rem;
    block-size: 2.75rem;
    padding: 0;
    border-color: var(--_color-border);
    background: var(--_color-surface);
    font-size: var(--_font-size-heading);
    line-height: 1;
  }
  .date-grid-nav[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.4;
  }
  /* The chevrons point the way the months go: in right-to-left text "previous" is on the right. */
  .date-grid-chevron:dir(rtl) {
    transform: scaleX(-1);
  }
  .date-grid table {
    inline-size: 100%;
    table-layout: fixed;
    border-collapse: collapse;
  }
  .date-grid th {
    padding-block: var(--_space-xs);
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    font-weight: 600;
  }
  .date-grid td {
    padding: 1px;
  }
  /* At least 44px high, and as wide as a seventh of the calendar (never under 24px). */
  .date-grid-day {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_space-2xs);
    inline-size: 100%;
    min-inline-size: 1.5rem;
    min-block-size: 2.75rem;
    padding: 0;
    color: var(--_color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .date-grid-day.has-times {
    color: var(--_color-text);
    font-weight: 700;
  }
  .date-grid-day:hover:not(:disabled) {
    background: var(--_color-surface-raised);
    border-color: var(--_color-border);
  }
  /* Today is underlined: a border here would read as a second focus ring. */
  .date-grid-day[aria-current='date'] {
    text-decoration: underline;
    text-decoration-thickness: 0.125em;
    text-underline-offset: 0.2em;
  }
  .date-grid-day:disabled {
    cursor: default;
    opacity: 0.45;
  }
  /* A dot (drawn as a border, so forced colours keep it) below a day with open times. */
  .date-grid-marker {
    border: 0.1875rem solid var(--_color-primary);
    border-radius: 50%;
  }
  .date-grid [aria-selected='true'] > .date-grid-day {
    background: var(--_color-primary);
    border-color: var(--_color-primary);
    color: var(--_color-on-primary);
    font-weight: 700;
  }
  .date-grid [aria-selected='true'] .date-grid-marker {
    border-color: currentColor;
  }
  @media (forced-colors: active) {
    .date-grid [aria-selected='true'] > .date-grid-day {
      forced-color-adjust: none;
      background: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
    .date-grid-day:disabled,
    .date-grid-nav[aria-disabled='true'] {
      color: GrayText;
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .date-grid button {
      transition: none;
    }
  }
`;
