export * from './scheduling/open-times.js';
export * from './scheduling/booking.js';
export * from './scheduling/operations.js';
export * from './scheduling/scheduler.js';
export * from './scheduling/rights.js';
export * from './scheduling/clinic-time.js';
export * from './calendar/ics.js';
export * from './events.js';
export { AppointmentBooker, BOOKER_DRAFT_KEY, BOOKER_VIEWS, SCHEDULING_PATH_CHOICES, type BookerDraft, type BookerView, type SchedulingPathChoice } from './appointment-booker/appointment-booker.js';
