export * from './states.js';
export * from './states.styles.js';
