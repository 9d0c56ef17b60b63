/**
 * The clinical record: conditions, allergies, immunizations, prescriptions, procedures and vital signs
 * (seed only). Hands the immunizations to the documents module's immunization record.
 */
import { buildClinical } from '../seed/clinical.js';
import { defineFeature } from './feature.js';

export const clinical = defineFeature({
  name: 'clinical',
  seed({ today, profiles, random, earlier }) {
    const { resources, immunizations } = buildClinical({ today, profiles, visits: earlier('visits'), random });
    return { resources, products: { immunizations } };
  },
});
