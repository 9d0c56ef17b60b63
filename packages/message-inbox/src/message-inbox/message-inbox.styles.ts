import { css } from 'lit';
import { headingTokens } from '@portico/core';

export const messageInboxStyles = css`
  .inbox {
    container-type: inline-size;
  }
  h3 {
    margin: var(--_space-sm) 0 var(--_space-md);
    font-size: var(--_font-size-large);
    overflow-wrap: anywhere;
    ${headingTokens}
  }
  .threads,
  .messages,
  .attachments {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .thread + .thread {
    border-block-start: 1px solid var(--_color-border);
  }
  .thread-top {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space-xs) var(--_space-md);
  }
  .subject {
    overflow-wrap: anywhere;
  }
  .unread .subject {
    font-weight: 700;
  }
  .when,
  .who,
  .preview,
  .who,
  .preview {
    overflow-wrap: anywhere;
  }
  .unread-badge {
    justify-self: start;
    padding: 0 var(--_space-sm);
    border-radius: 999px;
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    font-size: var(--_font-size-small);
    font-weight: 600;
  }
  .back {
    margin-block-end: var(--_space-xs);
  }
  .message {
    margin-block-end: var(--_space-md);
    padding: var(--_space-sm) var(--_space-md);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
    border-inline-start: 4px solid var(--_color-info);
  }
  .message.mine {
    border-inline-start-color: var(--_color-border);
  }
  .message-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space-xs) var(--_space-md);
    margin-block-end: var(--_space-xs);
  }
  .sender {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .role {
    font-weight: 400;
  }
  time {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .attachment {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-sm);
    align-items: baseline;
    margin-block-start: var(--_space-xs);
  }
  .thumbnail {
    display: block;
    flex-basis: 100%;
    max-width: min(10rem, 100%);
    max-height: 10rem;
    object-fit: contain;
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
  }
  .attachment .link {
    overflow-wrap: anywhere;
    text-align: start;
  }

  .inbox-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-sm) var(--_space-md);
  }
  .compose {
    display: grid;
    gap: var(--_space-sm);
    margin-block-start: var(--_space-md);
    padding-block-start: var(--_space-md);
    border-block-start: 1px solid var(--_color-border);
  }
  h4 {
    margin: 0;
    font-size: var(--_font-size-base);
    ${headingTokens}
  }
  .field {
    display: grid;
    gap: var(--_space-2xs);
    max-width: 40rem;
  }
  .field textarea,
  .field input,
  .field select {
    width: 100%;
    box-sizing: border-box;
  }
  .before-writing,
  .fee-notice,
  .read-only {
    padding: var(--_space-sm) var(--_space-md);
    border-inline-start: 4px solid var(--_color-warning);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
    font-size: var(--_font-size-small);
  }
  .before-writing p,
  .fee-notice p,
  .read-only p {
    margin: 0 0 var(--_space-2xs);
  }
  .read-only {
    margin-block-start: var(--_space-md);
    border-inline-start-color: var(--_color-info);
  }
  .attach .button-like {
    display: inline-block;
    padding: var(--_space-xs) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .attach:focus-within .button-like {
    outline: 3px solid var(--_color-focus-ring);
    outline-offset: 2px;
  }
  .chosen-files {
    margin: var(--_space-xs) 0 0;
    padding-inline-start: var(--_space-md);
  }
  .chosen-files li {
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
  }
`;
