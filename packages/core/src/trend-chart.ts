/**
 * `@portico/core/trend-chart.js`: a result's values over time as an accessible chart (the reference
 * range shaded, flags in words) with the same values as a table; shared by the elements that show
 * trends (lab results, vital signs). Not part of core's main entry: an element that draws trends
 * imports it, so pages without one never load it.
 */
export * from './charts/trend-chart.js';
export { trendChartStyles } from './charts/trend-chart.styles.js';
