import type { Reporter } from '@web/test-runner';
/** Seconds per test file, the weights the browser tests' shards are balanced by. */
export const WEIGHTS_FILE: URL;
/** The recorded weights (empty when there are none). */
export function readWeights(): Record<string, number>;
export function testTimingsReporter(): Reporter;
