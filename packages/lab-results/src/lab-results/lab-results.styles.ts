import { css } from 'lit';
import { headingTokens } from '@portico/core';

export const labResultsStyles = css`
  /* The results tables follow the element's width, not the page's (it may sit in a narrow column). */
  .lab-results {
    container-type: inline-size;
  }
  h3 {
    margin: 0;
    font-size: var(--_font-size-base);
    ${headingTokens}
  }
  h4 {
    margin: var(--_space-md) 0 var(--_space-xs);
    font-size: var(--_font-size-base);
    ${headingTokens}
  }
  .note {
    margin-block-end: var(--_space-md);
    padding: var(--_space-sm) var(--_space-md);
    border-inline-start: 4px solid var(--_color-info);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
    font-size: var(--_font-size-small);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-md);
    margin-block-end: var(--_space-md);
  }
  /* One height for the search and date fields (a date field is otherwise taller), so they line up. */
  .filters .field input {
    box-sizing: border-box;
    block-size: 2.75rem;
  }
  .reports,
  .panels,
  .tests {
    display: grid;
    gap: var(--_space-sm);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .report,
  .test {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface-raised);
    /* Long histories stay cheap to render: off-screen reports are skipped by the browser. */
    content-visibility: auto;
    contain-intrinsic-size: auto 4.5rem;
  }
  .test {
    padding: var(--_space-sm) var(--_space-md);
  }
  .panels {
    gap: var(--_space-lg);
  }
  .panel > h3 {
    margin-block-end: var(--_space-sm);
  }
  .test > h4 {
    margin: 0 0 var(--_space-xs);
  }
  .report.changed {
    border-inline-start: 4px solid var(--_color-warning);
  }
  .report-heading button {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-xs) var(--_space-md);
    inline-size: 100%;
    border: none;
    background: none;
    text-align: start;
  }
  .report-name {
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  /* Badges as tall as their text, on the line's baseline (not stretched to the button's height). */
  .report-meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-xs) var(--_space-sm);
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .status.amended,
  .status.corrected,
  .status.appended {
    color: var(--_color-warning);
    font-weight: 700;
  }
  .status.preliminary,
  .status.partial,
  .status.registered {
    font-style: italic;
  }
  .new {
    padding-inline: var(--_space-xs);
    border-radius: var(--_radius);
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    font-weight: 700;
  }
  .outside {
    color: var(--_color-danger);
    font-weight: 600;
  }
  .report-body {
    padding: 0 var(--_space-md) var(--_space-md);
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs) var(--_space-md);
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .results {
    inline-size: 100%;
    border-collapse: collapse;
  }
  .results th,
  .results td {
    padding: var(--_space-xs) var(--_space-sm);
    border-block-end: 1px solid var(--_color-border);
    text-align: start;
    vertical-align: top;
    /* Words stay whole (a squeezed column split "Negative"); only a token longer than the line breaks. */
    overflow-wrap: break-word;
  }
  /* Names and free-text values may hold very long tokens: they may break anywhere rather than widen the table. */
  .results tbody th,
  .results .value {
    overflow-wrap: anywhere;
  }
  /* Room for a test name's usual words (a squeezed column split "Hemoglobin"); longer ones still wrap. */
  .results tbody th {
    min-inline-size: 7rem;
  }
  .results thead th {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  .results tbody th {
    font-weight: 600;
  }
  .results th.member {
    padding-inline-start: var(--_space-lg);
    font-weight: 400;
  }
  .sub {
    display: block;
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    font-weight: 400;
  }
  .value.numeric {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .flagged .value {
    font-weight: 700;
  }
  .flag {
    display: inline-block;
    margin-inline-end: var(--_space-xs);
    font-weight: 700;
    color: var(--_flag, var(--_flag-abnormal));
  }
  .flag.text {
    color: var(--_color-text);
    font-weight: 400;
  }
  .flag.critical-high,
  .flag.critical-low {
    padding-inline: var(--_space-xs);
    border: 2px solid var(--_flag);
    border-radius: var(--_radius);
  }
  .range-inline,
  .flag-inline {
    display: none;
  }
  .trend-button {
    min-block-size: 2rem;
    font-size: var(--_font-size-small);
    white-space: nowrap;
  }
  /*
   * Narrow (a phone, or 200 % zoom): each result is a stack of lines — the name; the value, unit and
   * flag; the range; the trend button — so nothing is squeezed into a column or cut off.
   */
  @container (max-width: 34rem) {
    .results,
    .results tbody,
    .results tr,
    .results th,
    .results td {
      display: block;
    }
    .results thead {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .results tr {
      padding-block: var(--_space-xs);
      border-block-end: 1px solid var(--_color-border);
    }
    .results th,
    .results td {
      padding-block: 0;
      border: none;
    }
    .results tbody th {
      min-inline-size: 0;
    }
    .results .range-cell,
    .results .flag-cell > .flag {
      display: none;
    }
    .results .flag-inline {
      display: inline-block;
      margin-inline-start: var(--_space-sm);
    }
    .results .range-inline {
      display: block;
      white-space: normal;
    }
    .results .value.numeric {
      white-space: normal;
    }
    .results .trend-button {
      margin-block-start: var(--_space-xs);
    }
  }
  .report-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    margin-block-start: var(--_space-md);
  }
  .error-text {
    color: var(--_color-danger);
  }
  .more {
    display: flex;
    justify-content: center;
    padding: var(--_space-md);
  }
  .sentinel {
    inline-size: 1px;
    block-size: 1px;
  }
  .trend-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: var(--_space-md);
    margin-block-end: var(--_space-md);
  }
  .trend-window {
    margin: var(--_space-xs) 0 var(--_space-sm);
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
  }
  [hidden] {
    display: none !important;
  }
`;
