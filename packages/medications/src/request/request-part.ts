// What asking for a refill or renewal needs, loaded the first time the patient opens the form: the
// list's first screen does without it.
export { renderRequestForm } from './request-form.js';
export { loadPharmacies } from './pharmacies.js';
