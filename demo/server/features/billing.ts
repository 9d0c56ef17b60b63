/**
 * Bills: accounts, coverage, charges, invoices, EOBs and payments (seed only). Who owns a
 * PaymentReconciliation or PaymentNotice (the Invoice it pays) is fhir/access.ts `OWNED_THROUGH`, beside
 * the compartment rules every type follows.
 */
import { buildBilling } from '../seed/billing.js';
import { defineFeature } from './feature.js';

export const billing = defineFeature({
  name: 'billing',
  seed: ({ today, profiles, random, earlier }) => ({ resources: buildBilling({ today, profiles, visits: earlier('visits'), random }) }),
});
