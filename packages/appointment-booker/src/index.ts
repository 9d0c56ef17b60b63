export * from './scheduling/open-times.js';
