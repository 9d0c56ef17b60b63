export * from './states.js';
export * from './states.styles.js';
export * from './controls.styles.js';
export * from './data-text.js';
export * from './viewing-for.js';
export * from './not-given-reason.js';
