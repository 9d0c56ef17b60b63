/**
 * Health reminders' server side: in the seed, each patient's vaccine forecast (ImmunizationRecommendation),
 * care plans with screenings and follow-ups not done yet (CarePlan) and orders placed but not yet done
 * (ServiceRequest), seed/reminders.ts. All three are the clinic's word about what is due, never the
 * patient's to write: orders and plans are written by clinicians.
 */
import { buildReminders } from '../seed/reminders.js';
import { defineFeature, type WriteRule } from './feature.js';

/** The refusal of any patient write to a forecast, care plan or order. */
export const PLANS_KEPT = 'Care plans, orders and vaccine forecasts are written by your care team; send them a message to ask about one.';

const readOnly: WriteRule = { interactions: [], refusal: PLANS_KEPT };

export const reminders = defineFeature({
  name: 'reminders',
  seed: ({ today, profiles }) => ({ resources: buildReminders({ today, profiles }) }),
  writes: { CarePlan: readOnly, ServiceRequest: readOnly, ImmunizationRecommendation: readOnly },
});
