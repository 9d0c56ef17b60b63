// The views a patient reaches after the booker's first screen, the appointments list and the review
// with its confirmation, in one chunk loaded with the first of them. One chunk on purpose: the bundler
// splits lit out of portico.js when more than one chunk loaded lazily by an element imports it
// (test/dist/first-load.test.ts fails when that happens).
export { renderBooked, renderReview } from './review-views.js';
export { VisitList } from './visit-list.js';
