import { css } from 'lit';

export const appointmentBookerStyles = css`
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
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_color-focus-ring);
    outline-offset: 2px;
  }
  h3,
  h4 {
    margin: var(--_space-md) 0 var(--_space-sm);
    font-size: var(--_font-size-base);
  }
  h4 {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  p {
    margin: 0 0 var(--_space-sm);
  }
  button {
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_color-focus-ring);
    outline-offset: 2px;
  }
  button.primary {
    border-color: var(--_color-primary);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    font-weight: 600;
  }
  button.danger {
    border-color: var(--_color-danger);
    background: var(--_color-danger);
    color: var(--_color-on-primary);
    font-weight: 600;
  }
  button[aria-disabled='true'],
  button:disabled {
    opacity: 0.65;
    cursor: progress;
  }
  .tabs,
  .segmented {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
    margin-block-end: var(--_space-md);
    border-block-end: 1px solid var(--_color-border);
  }
  .tab {
    border: none;
    border-block-end: 3px solid transparent;
    border-radius: 0;
    background: none;
  }
  .tab[aria-current='page'] {
    border-block-end-color: var(--_color-primary);
    color: var(--_color-primary);
    font-weight: 700;
  }
  .segmented {
    border: none;
  }
  .segmented button[aria-pressed='true'] {
    border-color: var(--_color-primary);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-md);
    margin-block-end: var(--_space-md);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    min-inline-size: min(100%, 16rem);
    font-weight: 600;
  }
  .field .hint {
    font-weight: 400;
  }
  select,
  textarea {
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-sm);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    font: inherit;
    font-weight: 400;
  }
  textarea {
    resize: vertical;
  }
  .picker {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
    gap: var(--_space-lg);
    align-items: start;
  }
  .times {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
    gap: var(--_space-sm);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .time {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    inline-size: 100%;
    text-align: start;
    border-color: var(--_color-primary);
  }
  .time:hover {
    background: var(--_color-surface-raised);
  }
  .clock {
    color: var(--_color-primary);
    font-weight: 700;
  }
  .meta {
    display: flex;
    flex-direction: column;
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    overflow-wrap: anywhere;
  }
  .hint,
  .zone-note,
  .viewer-time,
  .duration,
  .address {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .day-heading {
    font-weight: 600;
  }
  .notice,
  .rescheduling,
  .no-times {
    padding: var(--_space-sm) var(--_space-md);
    border-inline-start: 4px solid var(--_color-info);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
  }
  .notice.taken,
  .notice.error {
    border-inline-start-color: var(--_color-danger);
    background: var(--_color-danger-surface);
  }
  .notice.done {
    border-inline-start-color: var(--_color-success);
  }
  .no-times button {
    margin-block-end: var(--_space-sm);
  }
  .facts {
    display: grid;
    gap: var(--_space-sm);
    margin: 0 0 var(--_space-md);
  }
  .facts div {
    display: grid;
    grid-template-columns: minmax(5rem, max-content) 1fr;
    gap: var(--_space-md);
  }
  .facts dt {
    color: var(--_color-text-muted);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .reason {
    margin-block-end: var(--_space-md);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
  }
  .visits {
    display: grid;
    gap: var(--_space-md);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .visit {
    padding: var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
  }
  .visit .status {
    display: inline-block;
    font-size: var(--_font-size-small);
    font-weight: 700;
    color: var(--_color-success);
  }
  .visit.cancelled .status {
    color: var(--_color-danger);
  }
  .visit.waitlist .status {
    color: var(--_color-info);
  }
  .cancel-form {
    display: grid;
    gap: var(--_space-sm);
  }
  @media (forced-colors: active) {
    .tab[aria-current='page'],
    .segmented button[aria-pressed='true'] {
      border-color: Highlight;
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
