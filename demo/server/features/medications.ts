/**
 * The medicine list's server side. In the seed: the pharmacies, more prescriptions (seed/medications.ts
 * beside those of the clinical record), every pharmacy fill (MedicationDispense) and the patients'
 * refill and renewal requests (Task). The rules for what a patient writes (fhir/task-writes.ts): a
 * refill or renewal request for their own prescription, to its prescriber, as themselves, and
 * cancelling one of their own still requested; never a prescription or a fill.
 */
import { checkTaskWrite, PRESCRIPTIONS_KEPT, TASKS_STAY } from '../fhir/task-writes.js';
import { buildMedications } from '../seed/medications.js';
import { defineFeature } from './feature.js';

export const medications = defineFeature({
  name: 'medications',
  seed: ({ today, profiles, random, earlier }) => ({ resources: buildMedications({ today, profiles, prescriptions: earlier('prescriptions'), random }) }),
  writes: {
    Task: { interactions: ['create', 'update'], refusal: TASKS_STAY, check: checkTaskWrite },
    MedicationRequest: { interactions: [], refusal: PRESCRIPTIONS_KEPT },
    MedicationDispense: { interactions: [], refusal: PRESCRIPTIONS_KEPT },
  },
});
