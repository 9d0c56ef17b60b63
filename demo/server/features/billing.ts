/**
 * Bills: accounts, coverage, charges, invoices, EOBs and payments in the seed; none of them is a
 * patient's to write. A payment is recorded by the hospital when its payment processor confirms it
 * (the signed webhook, fhir/payment-webhook.ts; the demo processor, payments/), never from the
 * portal's word. Who owns a PaymentReconciliation or PaymentNotice (the Invoice it pays) is
 * fhir/access.ts `OWNED_THROUGH`, beside the compartment rules every type follows.
 */
import { setSettleDelay } from '../processor/processor.js';
import { buildBilling } from '../seed/billing.js';
import { defineFeature, type WriteRule } from './feature.js';

/** The billing types, read and searched by the patient, written only by the hospital. */
export const BILLING_TYPES = ['Account', 'ChargeItem', 'Coverage', 'ExplanationOfBenefit', 'Invoice', 'PaymentNotice', 'PaymentReconciliation'] as const;

/** The refusal of any patient write to a billing type. */
export const BILLS_KEPT = 'Bills, insurance and payments are kept by the hospital: a payment is recorded when the payment processor confirms it, not from the portal.';

const readOnly: WriteRule = { interactions: [], refusal: BILLS_KEPT };

export const billing = defineFeature({
  name: 'billing',
  seed: ({ today, profiles, random, earlier }) => ({ resources: buildBilling({ today, profiles, visits: earlier('visits'), random }) }),
  writes: Object.fromEntries(BILLING_TYPES.map((type) => [type, readOnly])),
  // How long the demo processor's slow test card stays processing in a sandbox: ms, or 'manual' (until
  // POST /__admin/processor/settle), so browser tests choose fast and deterministic.
  checkSandboxSettings: ({ paymentSettleMs: ms }) =>
    ms !== undefined && ms !== 'manual' && !(typeof ms === 'number' && ms >= 0 && ms <= 600_000) ? `paymentSettleMs must be 0–600000 or 'manual'` : undefined,
  configureSandbox(repo, { paymentSettleMs: ms }) {
    if (ms === 'manual') setSettleDelay(repo, Infinity);
    else if (typeof ms === 'number') setSettleDelay(repo, ms);
  },
});
