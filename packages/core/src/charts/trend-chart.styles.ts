import { css } from 'lit';
import { visuallyHidden } from '../theme.js';

/**
 * Styles of `renderTrendChart()`; the host adds them to its `static styles` after `themeStyles`.
 * Colours come from the theme's private tokens, which are system colours in forced-colours mode
 * (Chromium does not force SVG `fill` and `stroke`); only the translucent band needs its own rule there.
 */
export const trendChartStyles = css`
  .trend {
    margin: 0;
    color: var(--_color-text);
    font-size: var(--_font-size-base);
    overflow-wrap: anywhere;
  }
  .trend-title {
    display: block;
    font-size: var(--_font-size-large);
    font-weight: 700;
  }
  .trend-legend,
  .trend-chart {
    color: var(--_color-text-muted);
    font-size: var(--_font-size-small);
    font-variant-numeric: tabular-nums;
  }
  .trend-swatch {
    display: inline-block;
    inline-size: 1.25em;
    block-size: 0.875em;
    margin-inline-end: var(--_space-xs);
    vertical-align: -0.1em;
    border: 1px solid var(--_color-success);
    background: color-mix(in srgb, var(--_color-success) 18%, transparent);
  }
  /* Time runs left to right in every writing direction, like the numbers of the value axis. */
  .trend-chart {
    direction: ltr;
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: var(--_space-sm);
    padding: var(--_space-md) var(--_space-md) 0 0;
  }
  .trend-chart svg {
    display: block;
    overflow: visible;
  }
  /* Clear of the top value label, which is centred on the chart's top edge. */
  .trend-unit {
    grid-column: 1 / -1;
    margin-block-end: var(--_space-sm);
  }
  .trend-y {
    grid-row: 2;
    block-size: 100%;
  }
  /* As wide as the container; 2.5 times as wide as high, within 9rem to 16rem. */
  [part='chart'] {
    grid-area: 2 / 2;
    inline-size: 100%;
    aspect-ratio: 5 / 2;
    min-block-size: 9rem;
    max-block-size: 16rem;
  }
  .trend-x {
    grid-area: 3 / 2;
    inline-size: 100%;
    block-size: 2em;
  }
  .trend-chart text {
    fill: currentColor;
  }
  [part='chart'] path,
  [part='chart'] rect {
    fill: none;
    vector-effect: non-scaling-stroke;
  }
  [part='chart'] [part='range-band'] {
    fill: var(--_color-success);
    fill-opacity: 0.18;
  }
  .trend-grid {
    stroke: var(--_color-border);
    stroke-opacity: 0.4;
  }
  [part='trend-line'] {
    stroke: var(--_color-primary);
    stroke-width: 2;
    stroke-linejoin: round;
  }
  /* Normal results: small filled dots. Abnormal ones: larger hollow rings, so not by colour alone. */
  .trend-point {
    fill: var(--_color-primary);
    stroke: var(--_color-surface);
    stroke-width: 1.5;
  }
  [part='chart'] .is-abnormal,
  [part='chart'] .is-critical {
    fill: var(--_color-surface);
    stroke: var(--_flag-abnormal);
    stroke-width: 3;
  }
  [part='chart'] .is-critical {
    stroke: var(--_flag-critical);
  }
  .trend-dots {
    stroke: var(--_color-primary);
    stroke-width: 6;
    stroke-linecap: round;
  }
  [part='chart'] .trend-dots.is-abnormal {
    stroke-width: 15;
  }
  [part='chart'] .trend-hole {
    stroke: var(--_color-surface);
    stroke-width: 9;
  }
  .trend table {
    inline-size: 100%;
    margin-block-start: var(--_space-md);
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  /* The figure caption above already shows the title; the table's own is for screen-reader table lists. */
  .trend caption {
    ${visuallyHidden}
  }
  .trend th,
  .trend td {
    padding: var(--_space-xs) var(--_space-sm);
    border-block-end: 1px solid var(--_color-border);
    text-align: start;
  }
  .trend th[scope='row'] {
    font-weight: 400;
  }
  .trend td.abnormal,
  .trend td.critical {
    color: var(--_flag, var(--_flag-abnormal));
    font-weight: 700;
  }
  @media (forced-colors: active) {
    [part='chart'] [part='range-band'],
    .trend-swatch {
      forced-color-adjust: none;
      fill: none;
      stroke: CanvasText;
      stroke-dasharray: 4 3;
      border-style: dashed;
      background: none;
    }
  }
`;
