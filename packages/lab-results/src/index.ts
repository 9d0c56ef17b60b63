export * from './reports/reports.js';
export * from './results/interpretation.js';
export * from './results/seen.js';
export * from '@portico/core/trend-chart.js';
export { LabResults, RESULT_GROUPINGS, TREND_RANGES, type ResultGrouping, type TrendRangeYears } from './lab-results/lab-results.js';
export * from './scopes.js';
