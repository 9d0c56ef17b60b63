import { css } from 'lit';
import { headingTokens } from '@portico/core';

export const billPayStyles = css`
  .bill-pay {
    container-type: inline-size;
  }
  h3,
  h4 {
    margin: var(--_space-sm) 0;
    font-size: var(--_font-size-base);
    ${headingTokens}
  }
  .balance {
    margin-block-end: var(--_space-md);
    padding: var(--_space-md);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
  }
  .balance h3 {
    margin: 0;
  }
  .balance-amount {
    margin: var(--_space-xs) 0;
    font-size: var(--_font-size-heading);
    font-weight: 700;
  }
  .balance-none {
    margin: 0;
  }
  .statements,
  .plans,
  .payments,
  .lines {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .statement + .statement,
  .payment + .payment,
  .line + .line {
    border-block-start: 1px solid var(--_color-border);
  }
  .statement-top,
  .payment-top,
  .amounts {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space-xs) var(--_space-md);
  }
  .badge {
    padding: 0 var(--_space-sm);
    border-radius: 999px;
    border: 1px solid var(--_color-border);
    font-size: var(--_font-size-small);
  }
  .badge.paid {
    border-color: var(--_color-success);
  }
  .badge.open,
  .badge.partly-paid {
    border-color: var(--_color-warning);
  }
  .line,
  .payment {
    display: grid;
    gap: var(--_space-2xs);
    padding: var(--_space-sm) 0;
  }
  .line p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .parts,
  .totals,
  .plan dl {
    display: grid;
    gap: var(--_space-2xs);
    margin: 0;
  }
  .parts div,
  .totals div,
  .plan dl div {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_space-xs) var(--_space-md);
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .share,
  .owed {
    font-weight: 700;
  }
  .totals {
    margin-block-start: var(--_space-md);
    padding-block-start: var(--_space-sm);
    border-block-start: 2px solid var(--_color-border);
  }
  .plan {
    margin-block-end: var(--_space-md);
    padding: var(--_space-sm) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }

  fieldset {
    margin: 0 0 var(--_space-sm);
    padding: var(--_space-sm) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .help ul {
    margin: 0;
    padding-inline-start: var(--_space-md);
  }
  .statement-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
  }
  .receipt .statement-actions {
    margin-block-start: var(--_space-md);
  }
  @media print {
    .tabs,
    .statement-actions,
    [part~='pay-open-button'],
    .help {
      display: none;
    }
    .statement-detail,
    .receipt {
      color: #000;
    }
  }
`;
