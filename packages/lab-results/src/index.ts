export * from './reports/reports.js';
export * from './results/interpretation.js';
