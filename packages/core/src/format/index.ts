export * from './address.js';
export * from './codeable-concept.js';
export * from './date.js';
export * from './formatters.js';
export * from './money.js';
export * from './name.js';
export * from './quantity.js';
export * from './visit-time.js';
