/**
 * What the "Everything" view loads on Start: the export engine and the view of the finished file, so
 * the first screen stays small.
 */
export { exportRecord } from '../export/record-export.js';
export { renderExportDone } from './export-done.js';
