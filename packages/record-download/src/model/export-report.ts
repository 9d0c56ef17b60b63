/**
 * The export's summary as the patient reads it: items per kind of data, what was left out grouped by
 * why, and the file's name. Pure: it reads an ExportSummary, never the network.
 */
import type { ExportSummary } from '../export/record-export.js';
import type { SkipReason } from '../export/plan.js';
import { RECORD_KINDS, RECORD_TYPES, type RecordKind } from './record-types.js';

/** The rows of "what is in the file": the chosen kinds, the patient's own details, and who and what the record mentions. */
export const EXPORT_ROWS = [...RECORD_KINDS, 'patient', 'mentioned'] as const;
export type ExportRow = (typeof EXPORT_ROWS)[number];

/** One row of what the file holds. */
export interface ExportRowCount {
  row: ExportRow;
  count: number;
}

/** The kinds (of those chosen) a type was fetched for: the first kind of RECORD_TYPES naming it that was chosen. */
function kindOf(type: string, chosen: readonly RecordKind[]): RecordKind | undefined {
  return RECORD_TYPES.find((t) => t.type === type && chosen.includes(t.kind))?.kind;
}

/**
 * Items per row, in the order of EXPORT_ROWS, rows with nothing left out. Observation counts under
 * labs when labs were chosen (then the row says "results and measurements" when `other` was chosen
 * too), else under `other`.
 */
export function countsByRow(summary: Pick<ExportSummary, 'counts' | 'kinds'>): ExportRowCount[] {
  const totals = new Map<ExportRow, number>();
  for (const [type, count] of Object.entries(summary.counts)) {
    const row: ExportRow = type === 'Patient' ? 'patient' : (kindOf(type, summary.kinds) ?? 'mentioned');
    totals.set(row, (totals.get(row) ?? 0) + count);
  }
  return EXPORT_ROWS.flatMap((row) => (totals.get(row) ? [{ row, count: totals.get(row)! }] : []));
}

/** What was left out for one reason: the kinds it left out whole, and the FHIR types. */
export interface LeftOut {
  reason: SkipReason;
  /** Chosen kinds left out whole for this reason (of their types the server offers, none is in the file). */
  kinds: RecordKind[];
  types: string[];
}

/** The types left out, grouped by why, in the order of what matters most to the patient. */
export function leftOutByReason(summary: Pick<ExportSummary, 'skipped' | 'kinds'>): LeftOut[] {
  const order: SkipReason[] = ['failed', 'forbidden', 'scope', 'not-offered'];
  const notOffered = new Set(summary.skipped.filter((s) => s.reason === 'not-offered').map((s) => s.type));
  return order.flatMap((reason) => {
    const skipped = summary.skipped.filter((s) => s.reason === reason);
    if (!skipped.length) return [];
    const types = new Set(skipped.map((s) => s.type));
    const kinds = summary.kinds.filter((kind) => {
      const offered = RECORD_TYPES.filter((t) => t.kind === kind && (reason === 'not-offered' || !notOffered.has(t.type)));
      return offered.length > 0 && offered.every((t) => types.has(t.type));
    });
    return [{ reason, kinds, types: [...types].sort() }];
  });
}
