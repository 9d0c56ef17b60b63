/** The kinds of visit patients can book, shared by schedules, slots, appointments and billing. */
import type { CodeableConcept } from 'fhir/r4';
import { SYSTEM, coding } from './terminology.js';
import { translatedConcept } from './translations.js';

export const VISIT_TYPES = ['annual-physical', 'well-child', 'follow-up', 'new-patient', 'sick-visit', 'skin-check'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

interface VisitTypeSpec {
  readonly display: string;
  /** HL7 v2 table 0276 appointment type. */
  readonly appointmentType: 'CHECKUP' | 'FOLLOWUP' | 'ROUTINE' | 'WALKIN';
}

const SPECS: Readonly<Record<VisitType, VisitTypeSpec>> = {
  'annual-physical': { display: 'Annual physical', appointmentType: 'CHECKUP' },
  'well-child': { display: 'Well-child visit', appointmentType: 'CHECKUP' },
  'follow-up': { display: 'Follow-up visit', appointmentType: 'FOLLOWUP' },
  'new-patient': { display: 'New patient visit', appointmentType: 'ROUTINE' },
  'sick-visit': { display: 'Sick visit', appointmentType: 'WALKIN' },
  'skin-check': { display: 'Skin check', appointmentType: 'ROUTINE' },
};

const APPOINTMENT_TYPE_DISPLAY = {
  CHECKUP: 'A routine check-up, such as an annual physical',
  FOLLOWUP: 'A follow up visit from a previous appointment',
  ROUTINE: 'Routine appointment - default if not valued',
  WALKIN: 'A previously unscheduled walk-in visit',
} as const;

/** A category from http://terminology.hl7.org/CodeSystem/service-type. */
export interface ServiceCategory {
  readonly code: string;
  readonly display: string;
}

export const SERVICE_CATEGORIES = {
  generalPractice: { code: '124', display: 'General Practice' },
  paediatrics: { code: '200', display: 'Paediatric Medicine' },
  cardiology: { code: '165', display: 'Cardiology' },
  dermatology: { code: '168', display: 'Dermatology' },
  immunization: { code: '57', display: 'Immunization' },
} as const satisfies Record<string, ServiceCategory>;

export function visitTypeDisplay(type: VisitType): string {
  return SPECS[type].display;
}

/**
 * The visit type as a service type: the clinic's own visit-type code (what the patient picks) and
 * the matching category of the standard service-type code system, with the visit name as text.
 */
export function visitServiceType(type: VisitType, category: ServiceCategory): CodeableConcept {
  return translatedConcept({
    coding: [coding(SYSTEM.visitType, type, SPECS[type].display), coding(SYSTEM.serviceType, category.code, category.display)],
    text: SPECS[type].display,
  });
}

export function serviceCategoryConcept(category: ServiceCategory): CodeableConcept {
  return { coding: [coding(SYSTEM.serviceType, category.code, category.display)], text: category.display };
}

export function appointmentTypeConcept(type: VisitType): CodeableConcept {
  const code = SPECS[type].appointmentType;
  return translatedConcept({ coding: [coding(SYSTEM.v2AppointmentType, code, APPOINTMENT_TYPE_DISPLAY[code])], text: SPECS[type].display });
}
