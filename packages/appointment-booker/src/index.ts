export * from './scheduling/open-times.js';
export * from './scheduling/booking.js';
export * from './scheduling/appointment-writes.js';
export * from './scheduling/operations.js';
export * from './scheduling/scheduler.js';
export * from './scheduling/visits.js';
export * from './scheduling/rights.js';
export * from './scheduling/clinic-time.js';
export * from './scheduling/past-encounters.js';
/** A visit's time as the data gives it (core's own, re-exported). */
export { calendarEnd, instantMs, visitMinutes } from '@portico/core';
export * from '@portico/core/ics.js';
export * from './events.js';
export { AppointmentBooker, bookerDrafts, BOOKER_VIEWS, SCHEDULING_PATH_CHOICES, type BookerDraft, type BookerView, type SchedulingPathChoice } from './appointment-booker/appointment-booker.js';
export * from './scopes.js';
