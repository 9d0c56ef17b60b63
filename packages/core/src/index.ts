export * from './fhir/index.js';
export * from './format/index.js';
export * from './i18n/index.js';
export * from './views/index.js';
export * from './theme.js';
