import type { LocalizeController, TermPack } from '@portico/core';
import type { Task } from 'fhir/r4';
import type { DoseWords } from '../model/dose-words.js';
import type { RequestKind } from '../model/refill-request.js';
import en from './en.js';

/** The words <medication-list> adds to core's catalogue (shared terms such as "Try again" stay in core). */
export interface MedicationListTerms extends DoseWords {
  medications: string;
  loadingMedications: string;
  signInToSeeMedications: string;
  currentMedicines: (count: number) => string;
  pastMedicines: (count: number) => string;
  noMedicines: string;
  noMedicinesMessage: string;
  noCurrentMedicines: string;
  howToTake: string;
  prescribedBy: string;
  started: string;
  lastFilled: string;
  notFilledYet: string;
  refillsLeft: string;
  refillsAllowed: string;
  pharmacy: string;
  /** A past prescription's status in words: "Stopped", "Finished". */
  prescriptionStatus: (status: string) => string;
  stoppedBecause: (reason: string) => string;
  askFor: (kind: RequestKind) => string;
  /** Why the button asks for what it asks: refills left, none left, expired. */
  refillBecause: (refillsLeft: number) => string;
  renewalNoRefills: string;
  renewalExpired: (date: string) => string;
  requestKind: (kind: RequestKind) => string;
  /** A request's status in words. */
  requestStatus: (status: Task['status']) => string;
  askedOn: (date: string) => string;
  withdraw: string;
  withdrawn: string;
  noteLabel: string;
  noteHint: string;
  pharmacyChoice: string;
  pharmacyOnPrescription: (name: string) => string;
  sendRequest: (kind: RequestKind) => string;
  requestSending: string;
  cancel: string;
  sent: (kind: RequestKind) => string;
  notSent: string;
  /** The fallback where the server takes no requests: a message to the prescriber. */
  askByMessage: (kind: RequestKind) => string;
  messageTo: (prescriber: string) => string;
  messageSubject: (kind: RequestKind, medicine: string) => string;
  messageBody: (kind: RequestKind, medicine: string) => string;
  sendMessage: string;
  prescriberMessageSent: string;
  askOnline: (kind: RequestKind) => string;
  askOffline: string;
  cannotWithdraw: string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const MEDICATION_LIST_TERMS: TermPack<MedicationListTerms> = {
  en,
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type MedicationListLocalize = LocalizeController<MedicationListTerms>;
