/**
 * The export's dates: checking the range the patient chose, today for the date inputs, and the file's
 * name. Pure, and small: the form needs them before the export engine loads.
 */

/** The file's name without its extension: `health-record-2026-12-06` (the day it was made, in the patient's time zone). */
export function exportFileStem(timestamp: string | Date): string {
  const date = new Date(timestamp);
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `health-record-${day}`;
}

/** Today as a date input's value (`2026-12-06`), in the patient's time zone. */
export function todayInputValue(now = new Date()): string {
  return exportFileStem(now).slice('health-record-'.length);
}

/** Problems with a chosen date range, none when it is fine: from after to, or a date in the future. */
export const DATE_PROBLEMS = ['from-after-to', 'future'] as const;
export type DateProblem = (typeof DATE_PROBLEMS)[number];

/** Checks a date range as the date inputs give it (`YYYY-MM-DD` or empty). */
export function dateRangeProblem(from: string, to: string, today = todayInputValue()): DateProblem | undefined {
  if ((from && from > today) || (to && to > today)) return 'future';
  if (from && to && from > to) return 'from-after-to';
  return undefined;
}
