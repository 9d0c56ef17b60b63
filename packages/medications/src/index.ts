export { MedicationList } from './medication-list/medication-list.js';
export { medicinesOf, medicineName, requestKindFor, MEDICINE_STATES, type Medicine, type MedicineState, type MedicinesInput, type RefillRequest } from './model/medicines.js';
export { doseWords, DOSE_ROUTES, DOSE_TIMES, PERIOD_UNITS, type DoseRoute, type DoseTime, type DoseWords, type PeriodUnit } from './model/dose-words.js';
export {
  isPending,
  newRequestId,
  PENDING_STATUSES,
  REQUEST_KINDS,
  requestKindOf,
  requestedPharmacy,
  TASK_CODE_SYSTEM,
  TASK_ID_SYSTEM,
  TASK_INPUT_SYSTEM,
  taskFor,
  type RefillAsk,
  type RequestKind,
} from './model/refill-request.js';
export { loadMedicines, MEDICINE_LIMIT, type MedicineRecords } from './refills/read-medicines.js';
export { prescriberMessagesFor, refillServiceFor, type PrescriberMessage, type PrescriberMessages, type RefillService } from './refills/refill-service.js';
export { MEDICATION_LIST_SCOPES } from './scopes.js';
export { MEDICATION_LIST_TERMS, type MedicationListTerms } from './i18n/terms.js';
export { localToday } from '@portico/core';
