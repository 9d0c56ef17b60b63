export * from './client.js';
export * from './errors.js';
export * from './retry.js';
export * from './search-params.js';
export * from './reference.js';
export * from './no-known-allergy.js';
export * from './immunization-rows.js';
export * from './first-searches.js';
