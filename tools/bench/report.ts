/**
 * The shared reporting helper of `npm run bench`. Every benchmark section (sizes today; request counts and
 * timings of the elements later) hands its rows to `report()`, which prints a table and keeps the rows for
 * `dist/bench/results.json`. Budgets are reported as PASS / OVER; they never fail the run.
 */

/** How a column's numbers are printed: bytes as kB (1 kB = 1000 bytes), milliseconds, or plain counts. */
export type Unit = 'bytes' | 'ms' | 'count';

export interface Column {
  /** Key into `Row.values`. */
  key: string;
  /** Header printed above the column. */
  label: string;
  unit: Unit;
}

/** A ceiling for one column of a row, e.g. `{ column: 'gzip', max: 25_000 }`. */
export interface Budget {
  column: string;
  max: number;
}

export interface Row {
  label: string;
  /** Indentation level: 1 prints the row as a part of the row above it (e.g. one chunk of a feature). */
  depth?: number;
  values: Record<string, number | undefined>;
  budget?: Budget;
  /** Several ceilings, one per column (e.g. time and bytes): the row is OVER when any of them is. */
  budgets?: Budget[];
  /** Printed after the row (short). */
  note?: string;
  /** Anything extra for the JSON only (e.g. chunk file names, what a chunk contains). */
  details?: unknown;
}

export interface SectionInfo {
  /** Short id, also the key in results.json (`sizes`, `requests`, `timings`, …). */
  id: string;
  title: string;
  columns: Column[];
  /** Lines printed under the table. */
  notes?: string[];
}

export type Verdict = 'PASS' | 'OVER';

export interface BudgetResult {
  section: string;
  row: string;
  column: string;
  value: number;
  max: number;
  verdict: Verdict;
}

export interface SectionResult extends SectionInfo {
  rows: (Row & { verdict?: Verdict })[];
}

const sections: SectionResult[] = [];
const budgets: BudgetResult[] = [];

export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (value === Infinity) return 'never';
  switch (unit) {
    case 'bytes':
      return `${(value / 1000).toFixed(2)} kB`;
    case 'ms':
      return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
    case 'count':
      return String(value);
  }
}

function pad(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** Prints one section as a table and records it for results.json. `section` may be given as just a title. */
export function report(section: SectionInfo | string, rows: Row[]): SectionResult {
  const info: SectionInfo =
    typeof section === 'string'
      ? { id: section.toLowerCase().replace(/[^a-z0-9]+/g, '-'), title: section, columns: inferColumns(rows) }
      : section;
  const budgetsOf = (row: Row) => row.budgets ?? (row.budget ? [row.budget] : []);
  const verdicts = new Map<Row, { budget: Budget; verdict: Verdict }[]>();
  const checked = rows.map((row): Row & { verdict?: Verdict } => {
    const results = budgetsOf(row).flatMap((budget) => {
      const value = row.values[budget.column];
      if (value === undefined) return [];
      const verdict: Verdict = value <= budget.max ? 'PASS' : 'OVER';
      budgets.push({ section: info.id, row: row.label, column: budget.column, value, max: budget.max, verdict });
      return [{ budget, verdict }];
    });
    verdicts.set(row, results);
    if (!results.length) return { ...row };
    return { ...row, verdict: results.some((r) => r.verdict === 'OVER') ? 'OVER' : 'PASS' };
  });

  const unitOf = (key: string) => info.columns.find((c) => c.key === key)?.unit ?? 'count';
  const header = ['', ...info.columns.map((c) => c.label), 'budget'];
  const lines = checked.map((row, i) => [
    `${'  '.repeat(row.depth ?? 0)}${row.depth ? '└ ' : ''}${row.label}`,
    ...info.columns.map((c) => formatValue(row.values[c.key], c.unit)),
    (verdicts.get(rows[i]!) ?? [])
      .map(({ budget, verdict }) => `${verdict} (≤ ${formatValue(budget.max, unitOf(budget.column))} ${columnLabel(info, budget.column)})`)
      .join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i]!, i > 0 && i < cells.length - 1))
      .join('  ')
      .trimEnd();

  console.log(`\n## ${info.title}\n`);
  console.log(render(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  checked.forEach((row, i) => {
    console.log(render(lines[i]!));
    if (row.note) console.log(`${' '.repeat(2 * (row.depth ?? 0) + 4)}${row.note}`);
  });
  if (info.notes?.length) console.log(`\n${info.notes.join('\n')}`);

  const result: SectionResult = { ...info, rows: checked };
  sections.push(result);
  return result;
}

function columnLabel(info: SectionInfo, key: string): string {
  return info.columns.find((c) => c.key === key)?.label ?? key;
}

function inferColumns(rows: Row[]): Column[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.values)))];
  return keys.map((key) => ({ key, label: key, unit: /ms$|time/i.test(key) ? 'ms' : /bytes|size|gzip|brotli|min/i.test(key) ? 'bytes' : 'count' }));
}

/** Everything reported so far, for results.json. */
export function results() {
  const over = budgets.filter((b) => b.verdict === 'OVER');
  return {
    sections,
    budgets,
    summary: { budgets: budgets.length, pass: budgets.length - over.length, over: over.length },
  };
}
