import { css } from 'lit';
import { headingTokens } from '@portico/core';

export const healthRecordStyles = css`
  .health-record {
    container-type: inline-size;
  }
  h3,
  h4 {
    margin: var(--_space-sm) 0;
    font-size: var(--_font-size-base);
    ${headingTokens}
  }
  h3 {
    font-size: calc(var(--_font-size-base) * 1.125);
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  .section + .section {
    margin-block-start: var(--_space-lg);
    padding-block-start: var(--_space-md);
    border-block-start: 1px solid var(--_color-border);
  }
  .group + .group {
    margin-block-start: var(--_space-md);
  }
  .items {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .items > li {
    padding: var(--_space-sm) 0;
    overflow-wrap: anywhere;
  }
  .items > li + li {
    border-block-start: 1px solid var(--_color-border);
  }
  .item-name {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-xs) var(--_space-sm);
    margin: 0;
  }
  .tag {
    padding: 0 var(--_space-xs);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font-size: var(--_font-size-small);
  }
  [part~='allergy-risk'],
  [part~='not-given-reason'],
  .note,
  .none-known p {
    margin: var(--_space-xs) 0;
  }
  .note {
    white-space: pre-line;
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-lg);
    margin: var(--_space-xs) 0;
  }
  dt {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  dd {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    margin-block-start: var(--_space-sm);
  }
`;
