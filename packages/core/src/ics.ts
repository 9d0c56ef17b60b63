/**
 * `@portico/core/ics.js`: an iCalendar (RFC 5545) file of a visit, for "Add to calendar" (the booker's
 * booked visits, the reminders' upcoming ones), and the one calendar entry every element writes for a visit.
 * Not part of core's main entry: an element loads it when the patient asks for the file.
 */
export * from './calendar/ics.js';
export * from './calendar/visit-event.js';
