/**
 * The appointment booker's server side: schedules, Slots, Appointments and Encounters in the seed; the
 * rule that a patient changes a shared Slot only by booking or cancelling their own visit for it; and,
 * with `schedulingOperations`, `Appointment/$find` and `Appointment/$book`.
 */
import type { Slot } from '@medplum/fhirtypes';
import type { FhirCall } from '../fhir/bundles.js';
import type { RequestContext } from '../fhir/interactions.js';
import { handleSchedulingOperation, isBookAnswer, SCHEDULING_OPERATIONS, setBookAnswer } from '../fhir/scheduling-operations.js';
import { checkSlotWrite, confirmSlotBookings, ONLY_IN_BOOKING } from '../fhir/slot-booking.js';
import { buildScheduling } from '../seed/scheduling.js';
import { defineFeature, type OfferedOperation } from './feature.js';

function operation(capability: (typeof SCHEDULING_OPERATIONS)[number]): OfferedOperation {
  return {
    path: `${capability.resourceType}/$${capability.name}`,
    capability,
    run: (context: RequestContext, call: FhirCall) =>
      handleSchedulingOperation(
        { repo: context.repo, access: context.access, baseUrl: context.baseUrl },
        call.method,
        call.segments,
        new URL(`${context.baseUrl}/${call.segments.join('/')}?${call.query}`),
        call.body,
      ),
  };
}

export const scheduling = defineFeature({
  name: 'scheduling',
  seed({ today, profiles, ids, random }) {
    const { resources, visits } = buildScheduling(today, profiles, ids, random);
    return { resources, products: { visits } };
  },
  writes: {
    Slot: {
      interactions: ['update'],
      refusal: ONLY_IN_BOOKING,
      check: (context, write, transaction) => checkSlotWrite(context, write.id!, write.resource as Slot, transaction),
      confirm: confirmSlotBookings,
    },
  },
  operations: [{ setting: 'schedulingOperations', operations: SCHEDULING_OPERATIONS.map(operation) }],
  // How $book answers in a sandbox (scheduling-operations.ts): the Argonaut Bundle unless told otherwise.
  checkSandboxSettings: ({ bookAnswer }) => (bookAnswer !== undefined && !isBookAnswer(bookAnswer) ? `Unknown bookAnswer: ${String(bookAnswer)}` : undefined),
  configureSandbox(repo, { bookAnswer }) {
    if (bookAnswer && isBookAnswer(bookAnswer)) setBookAnswer(repo, bookAnswer);
  },
});
