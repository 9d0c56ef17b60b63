/**
 * The clinical record: conditions, allergies, immunizations, prescriptions, procedures and vital signs
 * (seed only). Hands the immunizations to the documents module's immunization record, and the
 * prescriptions to the medications module (pharmacy fills, refill requests).
 */
import { buildClinical } from '../seed/clinical.js';
import { defineFeature } from './feature.js';

export const clinical = defineFeature({
  name: 'clinical',
  seed({ today, profiles, random, earlier }) {
    const { resources, immunizations, prescriptions } = buildClinical({ today, profiles, visits: earlier('visits'), random });
    return { resources, products: { immunizations, prescriptions } };
  },
});
