/** The optional patient `large` (seed option `largePatient`): ten years of labs, ~600 reports, ~5,000 results. */
import { buildLargePatientLabs } from '../seed/large-patient.js';
import { defineFeature } from './feature.js';

export const largePatient = defineFeature({
  name: 'large-patient',
  seed({ today, profiles, ids, random }) {
    const large = profiles.find((p) => p.id === 'large');
    return { resources: large ? buildLargePatientLabs(large, today, ids, random) : [] };
  },
});
