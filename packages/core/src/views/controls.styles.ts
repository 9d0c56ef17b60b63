import { css } from 'lit';

/**
 * The look of the plain controls every element uses (buttons, fields, segmented choices), so they
 * match across elements. Include after `themeStyles`; elements add their own layout.
 */
export const controlStyles = css`
  :host {
    display: block;
    color: var(--_color-text);
    font-family: var(--_font-family);
    line-height: var(--_line-height);
  }
  h2 {
    margin: 0 0 var(--_space-md);
    font-size: var(--_font-size-heading);
  }
  :is(h2, h3)[tabindex='-1']:focus {
    outline: none;
  }
  button,
  input,
  select,
  textarea {
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-sm);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    font: inherit;
  }
  button {
    padding-inline: var(--_space-md);
    cursor: pointer;
  }
  /* The views of an element (Statements, Insurance, Payments): pressed buttons in a row, the shown one underlined. */
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
    margin-block-end: var(--_space-md);
  }
  .tabs [aria-pressed='true'] {
    border-color: var(--_color-primary);
    box-shadow: inset 0 -3px 0 var(--_color-primary);
  }
  /* A link that is an action on its own (the hospital's help page): a 44 px target, not a word in a sentence. */
  a.action-link {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
    color: var(--_color-primary);
  }
  /* A whole row of a list that opens something (a conversation, a statement): full width, quiet until hovered. */
  button.row-button {
    display: grid;
    gap: var(--_space-2xs);
    width: 100%;
    padding: var(--_space-sm) var(--_space-xs);
    border: 0;
    border-radius: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  button.row-button:hover {
    background: var(--_color-surface-raised);
  }
  /* A checkbox or radio button with its words, all of it the target (at least 24 px, the label 44 px high). */
  label.check {
    display: flex;
    align-items: center;
    gap: var(--_space-sm);
    min-block-size: 2.75rem;
  }
  label.check input {
    flex: none;
    min-block-size: auto;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
  }
  :is(button, input, select, textarea):focus-visible {
    outline: var(--_focus-ring-width) solid var(--_color-focus-ring);
    outline-offset: 2px;
  }
  button.primary {
    border-color: var(--_color-primary);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    font-weight: 600;
  }
  button[aria-disabled='true'],
  button:disabled {
    opacity: 0.65;
    cursor: progress;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    font-weight: 600;
  }
  .segmented {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
  }
  .segmented button[aria-pressed='true'] {
    border-color: var(--_color-primary);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
  }
  .hint {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  @media (forced-colors: active) {
    .segmented button[aria-pressed='true'] {
      forced-color-adjust: none;
      border-color: Highlight;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
