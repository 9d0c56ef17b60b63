/** Lab results' server side: DiagnosticReports, Observations and Specimens for each patient (seed only). */
import { buildLabs } from '../seed/labs.js';
import { defineFeature } from './feature.js';

export const labs = defineFeature({
  name: 'labs',
  seed: ({ today, profiles, ids, random, earlier }) => ({ resources: buildLabs({ today, profiles, visits: earlier('visits'), ids, random }) }),
});
