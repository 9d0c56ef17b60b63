/**
 * `@portico/core/ics.js`: an iCalendar (RFC 5545) file of a visit, for "Add to calendar" (the booker's
 * booked visits, the reminders' upcoming ones). Not part of core's main entry: an element loads it when
 * the patient asks for the file.
 */
export * from './calendar/ics.js';
