import type { Observation } from 'fhir/r4';
import type { ResultNode } from '../reports/reports.js';
import { interpretationOf, type Interpretation } from '../results/interpretation.js';

/** Every render reads these for hundreds of reports: worked out once per result and per report. */
const flattened = new WeakMap<readonly ResultNode[], Observation[]>();
const interpretations = new WeakMap<Observation, Interpretation>();

/** A panel's results and their members, in order (the same array for the same nodes). */
export function flatten(nodes: readonly ResultNode[]): Observation[] {
  let list = flattened.get(nodes);
  if (!list) {
    list = nodes.flatMap((n) => [n.observation, ...flatten(n.members)]);
    flattened.set(nodes, list);
  }
  return list;
}

/** `interpretationOf`, once per result. */
export function interpretation(observation: Observation): Interpretation {
  let found = interpretations.get(observation);
  if (!found) {
    found = interpretationOf(observation);
    interpretations.set(observation, found);
  }
  return found;
}
