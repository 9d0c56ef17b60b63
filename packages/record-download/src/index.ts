export * from './model/record-types.js';
export * from './export/plan.js';
export * from './export/record-file.js';
export * from './export/collector.js';
export * from './export/record-export.js';
export * from './scopes.js';
