import { plural } from '@portico/core';
import type { MedicationListTerms } from './terms.js';

const UNIT = { s: ['second', 'seconds'], min: ['minute', 'minutes'], h: ['hour', 'hours'], d: ['day', 'days'], wk: ['week', 'weeks'], mo: ['month', 'months'], a: ['year', 'years'] } as const;
const TIMES: Record<string, string> = {
  MORN: 'every morning', AFT: 'every afternoon', EVE: 'every evening', NIGHT: 'every night', HS: 'at bedtime', WAKE: 'on waking',
  C: 'with food', CM: 'with breakfast', CD: 'with lunch', CV: 'with dinner', AC: 'before meals', ACM: 'before breakfast', ACD: 'before lunch',
  ACV: 'before dinner', PC: 'after meals', PCM: 'after breakfast', PCD: 'after lunch', PCV: 'after dinner',
};
const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const every = (period: number, unit: keyof typeof UNIT) => (period === 1 ? `every ${UNIT[unit][0]}` : `every ${period} ${UNIT[unit][1]}`);

const en: MedicationListTerms = {
  medications: 'Medications',
  loadingMedications: 'Loading your medications…',
  signInToSeeMedications: 'Sign in to see your medications and ask for refills.',
  currentMedicines: (count) => `Current medicines (${count})`,
  pastMedicines: (count) => `Past medicines (${count})`,
  noMedicines: 'No medications on record',
  noMedicinesMessage: 'Medicines your care team prescribes will be listed here.',
  noCurrentMedicines: 'You have no current prescriptions.',
  howToTake: 'How to take it',
  prescribedBy: 'Prescribed by',
  started: 'Started',
  lastFilled: 'Last filled',
  notFilledYet: 'Not filled yet',
  refillsLeft: 'Refills left',
  refillsAllowed: 'Refills allowed',
  pharmacy: 'Pharmacy',
  prescriptionStatus: (status) =>
    ({ active: 'Active', 'on-hold': 'On hold', draft: 'Not yet active', stopped: 'Stopped', completed: 'Finished', cancelled: 'Cancelled' })[status] ?? 'No longer taken',
  stoppedBecause: (reason) => `Why: ${reason}`,
  askFor: (kind) => (kind === 'refill' ? 'Ask for a refill' : 'Ask for a renewal'),
  refillBecause: (left) => plural('en', left, { one: '# refill left.', other: '# refills left.' }),
  renewalNoRefills: 'No refills left: your prescriber needs to renew it.',
  renewalExpired: (date) => `This prescription expired on ${date}: your prescriber needs to renew it.`,
  requestKind: (kind) => (kind === 'refill' ? 'Refill request' : 'Renewal request'),
  requestStatus: (status) =>
    ({
      draft: 'Not sent yet',
      requested: 'Sent, waiting for the prescriber',
      received: 'Received by the clinic',
      accepted: 'Accepted',
      rejected: 'Declined',
      ready: 'Ready',
      cancelled: 'Withdrawn',
      'in-progress': 'Being handled',
      'on-hold': 'On hold',
      failed: 'Could not be done',
      completed: 'Done',
      'entered-in-error': 'Recorded in error',
    })[status],
  askedOn: (date) => `Asked on ${date}`,
  withdraw: 'Withdraw request',
  withdrawn: 'Request withdrawn.',
  noteLabel: 'Note for the prescriber (optional)',
  noteHint: 'For example a change in how you take it, or a side effect.',
  pharmacyChoice: 'Pharmacy',
  pharmacyOnPrescription: (name) => `${name} (on the prescription)`,
  sendRequest: (kind) => (kind === 'refill' ? 'Send refill request' : 'Send renewal request'),
  requestSending: 'Sending…',
  cancel: 'Cancel',
  sent: (kind) => (kind === 'refill' ? 'Refill request sent. You will see here when the prescriber answers.' : 'Renewal request sent. You will see here when the prescriber answers.'),
  notSent: 'Not sent. Your note is kept: try again.',
  askByMessage: (kind) => (kind === 'refill' ? 'Ask for a refill by message' : 'Ask for a renewal by message'),
  messageTo: (prescriber) => `To ${prescriber}`,
  messageSubject: (kind, medicine) => `${kind === 'refill' ? 'Refill' : 'Renewal'}: ${medicine}`,
  messageBody: (kind, medicine) => `Please ${kind === 'refill' ? 'refill' : 'renew'} my prescription for ${medicine}.`,
  sendMessage: 'Send message',
  prescriberMessageSent: 'Message sent to the prescriber. The answer will come to your messages.',
  askOnline: (kind) => (kind === 'refill' ? 'Ask for a refill on the hospital’s website' : 'Ask for a renewal on the hospital’s website'),
  askOffline: 'To ask for more, call your pharmacy or the clinic.',
  cannotWithdraw: 'To withdraw it, call the clinic.',

  frequency: (n, period, unit) => (n === 1 ? (period === 1 && unit !== 'h' && unit !== 'min' && unit !== 's' ? `once a ${UNIT[unit][0]}` : every(period, unit)) : period === 1 ? `${times(n)} a ${UNIT[unit][0]}` : `${times(n)} ${every(period, unit)}`),
  doseTime: (time) => TIMES[time] ?? '',
  route: (route) => ({ byMouth: 'by mouth', underSkin: 'under the skin', inhaled: 'inhaled', intoMuscle: 'into the muscle', onSkin: 'on the skin' })[route],
  asNeeded: 'as needed',
  asNeededFor: (reason) => `as needed for ${reason.toLowerCase()}`,
  forDuration: (count, unit) => `for ${count} ${UNIT[unit][count === 1 ? 0 : 1]}`,
  per: (period, unit) => (period === 1 ? `a ${UNIT[unit][0]}` : `every ${period} ${UNIT[unit][1]}`),
  atMost: (amount, period) => `(no more than ${amount} ${period})`,
  amount: (value, unit) => `${value} ${unit}`.trim(),
};

export default en;
