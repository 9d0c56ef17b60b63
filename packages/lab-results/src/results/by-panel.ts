import type { Observation } from 'fhir/r4';
import { effectiveTime } from '../reports/reports.js';

/** One test in the results listed by test: its name and its results, newest first. */
export interface TestGroup {
  name: string;
  results: Observation[];
}

/** A panel (the report or panel result the tests were done in) and its tests, the most recently done first. */
export interface PanelGroup {
  panel: string;
  tests: TestGroup[];
}

const timeOf = (observation: Observation) => Date.parse(effectiveTime(observation) ?? '') || -Infinity;

/**
 * Groups results by test, and the tests by panel: panels with the most recent results first, within
 * a panel the most recently done test first, each test's results newest first. A test done in
 * several panels is listed once, under the panel of its latest result.
 */
export function groupByPanel(results: Iterable<{ observation: Observation; name: string; panel: string }>): PanelGroup[] {
  const tests = new Map<string, { panel: string; latest: number; results: Observation[] }>();
  for (const { observation, name, panel } of results) {
    const at = timeOf(observation);
    const test = tests.get(name);
    if (!test) tests.set(name, { panel, latest: at, results: [observation] });
    else {
      test.results.push(observation);
      if (at > test.latest) Object.assign(test, { panel, latest: at });
    }
  }
  const panels = new Map<string, TestGroup[]>();
  for (const [name, test] of [...tests].sort((a, b) => b[1].latest - a[1].latest)) {
    const list = panels.get(test.panel) ?? [];
    list.push({ name, results: [...test.results].sort((a, b) => timeOf(b) - timeOf(a)) });
    panels.set(test.panel, list);
  }
  return [...panels].map(([panel, tests]) => ({ panel, tests }));
}
