export * from './scheduling/open-times.js';
export * from './scheduling/booking.js';
export * from './scheduling/operations.js';
export * from './scheduling/scheduler.js';
