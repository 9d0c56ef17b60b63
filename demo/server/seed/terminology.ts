/** Code systems the seed uses, and builders for the codes it writes. */
import type { CodeableConcept, Coding, Extension, Money, Quantity } from 'fhir/r4';
import { translatedConcept, translatedElement } from './translations.js';

export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  cpt: 'http://www.ama-assn.org/go/cpt',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  ucum: 'http://unitsofmeasure.org',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  bcp47: 'urn:ietf:bcp:47',
  mrn: 'urn:oid:2.16.840.1.113883.3.9999.1',
  payment: 'urn:portico:payment',
  invoiceNumber: 'urn:oid:2.16.840.1.113883.3.9999.4',
  accession: 'urn:oid:2.16.840.1.113883.3.9999.5',
  memberId: 'urn:oid:2.16.840.1.113883.3.9999.6',
  visitType: 'https://riverside-health.example.org/fhir/CodeSystem/visit-type',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v2DiagnosticService: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  v2AppointmentType: 'http://terminology.hl7.org/CodeSystem/v2-0276',
  v2Degree: 'http://terminology.hl7.org/CodeSystem/v2-0360',
  v2ContactRole: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3ActSite: 'http://terminology.hl7.org/CodeSystem/v3-ActSite',
  v3Route: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration',
  v3Interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  v3ParticipationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  v3MaritalStatus: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  serviceType: 'http://terminology.hl7.org/CodeSystem/service-type',
  practitionerRole: 'http://terminology.hl7.org/CodeSystem/practitioner-role',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  diagnosisRole: 'http://terminology.hl7.org/CodeSystem/diagnosis-role',
  v3ActReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  medicationRequestCategory: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category',
  cancellationReason: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason',
  communicationCategory: 'http://terminology.hl7.org/CodeSystem/communication-category',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  paymentType: 'http://terminology.hl7.org/CodeSystem/payment-type',
  documentCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  administrativeGender: 'http://hl7.org/fhir/administrative-gender',
} as const;

export const TIMEZONE_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/timezone';
export const LANGUAGE_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/language';

/** The clinic's time zone as the standard timezone extension. */
export function timezoneExtension(timeZone: string): Extension {
  return { url: TIMEZONE_EXTENSION_URL, valueCode: timeZone };
}

export function coding(system: string, code: string, display?: string): Coding {
  return display === undefined ? { system, code } : { system, code, display };
}

/** A CodeableConcept with one coding; its text is the display unless given; Spanish and Arabic ride along where the seed has them. */
export function concept(system: string, code: string, display: string, text?: string): CodeableConcept {
  return translatedConcept({ coding: [coding(system, code, display)], text: text ?? display });
}

export function loinc(code: string, display: string, text?: string): CodeableConcept {
  return concept(SYSTEM.loinc, code, display, text);
}

export function snomed(code: string, display: string, text?: string): CodeableConcept {
  return concept(SYSTEM.snomed, code, display, text);
}

/** A quantity in UCUM: `unit` is what people read, `code` the UCUM expression. */
export function ucum(value: number, unit: string, code = unit): Quantity {
  return { value, unit, ...translatedElement('unit', unit), system: SYSTEM.ucum, code };
}

/** US dollars from whole cents (kept in cents everywhere so totals add up exactly). */
export function usd(cents: number): Money {
  return { value: cents / 100, currency: 'USD' };
}
