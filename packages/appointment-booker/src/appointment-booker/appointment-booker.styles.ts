import { css } from 'lit';
import { headingTokens } from '@portico/core';

export const appointmentBookerStyles = css`
  h3,
  h4 {
    margin: var(--_space-md) 0 var(--_space-sm);
    font-size: var(--_font-size-base);
    ${headingTokens}
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
  button.danger {
    border-color: var(--_color-danger);
    background: var(--_color-danger);
    color: var(--_color-on-primary);
    font-weight: 600;
  }
  .tabs {
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
    margin-block-end: var(--_space-md);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-md);
    margin-block-end: var(--_space-md);
  }
  .field {
    min-inline-size: min(100%, 16rem);
  }
  .field :is(select, textarea) {
    font-weight: 400;
  }
  .field .hint {
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
  .request-note,
  .contact,
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
  .contact {
    margin-block-end: var(--_space-md);
  }
  .contact p {
    margin: 0;
  }
  .contact .phones {
    margin: var(--_space-xs) 0 0;
    padding-inline-start: var(--_space-md);
  }
  .contact a {
    color: var(--_color-primary);
    font-weight: 600;
  }
  /* The number to call is the way to book or cancel: a target a thumb can press (24 px at least), never split. */
  a.phone {
    display: inline-block;
    min-block-size: 24px;
    padding-block: 2px;
    box-sizing: border-box;
    white-space: nowrap;
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
    .tab[aria-current='page'] {
      border-color: Highlight;
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
