import { css } from 'lit';
import { headingTokens } from '@portico/core';

export const medicationListStyles = css`
  .medication-list {
    container-type: inline-size;
  }
  h3,
  h4,
  h5 {
    margin: var(--_space-sm) 0;
    font-size: var(--_font-size-base);
    ${headingTokens}
  }
  h3 {
    font-size: calc(var(--_font-size-base) * 1.125);
  }
  h4:focus,
  h5:focus {
    outline: none;
  }
  .group + .group {
    margin-block-start: var(--_space-lg);
  }
  .medicines,
  .requests {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .medicines > li {
    padding: var(--_space-md) 0;
    overflow-wrap: anywhere;
  }
  .medicines > li + li {
    border-block-start: 1px solid var(--_color-border);
  }
  [part~='medicine-name'] {
    margin-block-start: 0;
  }
  [part~='dose'],
  [part~='medicine-status'] {
    margin: var(--_space-xs) 0;
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-lg);
    margin: var(--_space-sm) 0;
  }
  dt {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  dd {
    margin: 0;
  }
  .requests > li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs) var(--_space-sm);
    margin-block: var(--_space-xs);
    padding: var(--_space-xs) var(--_space-sm);
    border-inline-start: 3px solid var(--_color-border);
  }
  [part~='request-pending'] {
    border-inline-start-color: var(--_color-primary);
  }
  .request-note {
    flex-basis: 100%;
    white-space: pre-line;
  }
  .ask {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs) var(--_space-md);
    margin-block-start: var(--_space-sm);
  }
  .ask p {
    margin: 0;
  }
  .request-form {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    margin-block-start: var(--_space-sm);
    padding: var(--_space-md);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
  }
  .request-form p {
    margin: 0;
  }
  .request-form label {
    font-weight: 600;
  }
  .request-form textarea,
  .request-form select {
    inline-size: 100%;
    box-sizing: border-box;
  }
  .request-error {
    color: var(--_color-danger);
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    margin-block-start: var(--_space-xs);
  }
  .sent {
    margin: var(--_space-sm) 0 0;
  }
`;
