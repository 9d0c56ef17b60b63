/**
 * What a patient's record is made of, as FHIR R4 types: which kind of data each type is (labs,
 * medications, …), the search parameters that tie it to the patient (the R4 Patient
 * CompartmentDefinition) and the date it is searched by for a date range.
 */

/** The kinds of data a patient can choose to take; `other` is everything in the record no other kind names. */
export const RECORD_KINDS = ['labs', 'medications', 'visits', 'immunizations', 'documents', 'billing', 'other'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** How one resource type is fetched for the patient. */
export interface RecordType {
  type: string;
  kind: RecordKind;
  /**
   * The search parameters that point at the patient, first the one servers index best (`patient`
   * where the type has it). Empty for types owned through another resource (payments): those are
   * searched without one and kept only when they point at something already exported.
   */
  patientParams: readonly string[];
  /** The date parameter a date range narrows the search by; undefined: no date, the type comes whole. */
  dateParam?: string;
  /** Extra parameters when only this kind asks for the type (labs: Observation of category laboratory). */
  narrowedBy?: Readonly<Record<string, string>>;
  /** `_include`s that bring what the type points at (a medication's Medication), with the type they bring. */
  includes?: readonly { param: string; type: string }[];
  /** For owned types: the FHIRPath-like dotted paths of the references that must point at an exported resource. */
  ownedThrough?: readonly string[];
  /** For owned types: the types those references point at (without one of them in the export, none is kept). */
  owners?: readonly string[];
}

const t = (type: string, kind: RecordKind, patientParams: readonly string[], dateParam?: string, extra: Partial<RecordType> = {}): RecordType => ({ type, kind, patientParams, dateParam, ...extra });

/**
 * Every type of the R4 Patient compartment (Group, Person and Schedule left out: they are not the
 * patient's data), with Observation of category laboratory under labs and the rest of Observation under
 * `other`, plus the payments owned through an Invoice. `patient` replaces `subject` where a type has both
 * (the same references to a Patient).
 */
export const RECORD_TYPES: readonly RecordType[] = [
  t('Patient', 'other', ['_id']),
  // labs
  t('Observation', 'labs', ['patient', 'performer'], 'date', { narrowedBy: { category: 'laboratory' } }),
  t('DiagnosticReport', 'labs', ['patient'], 'date'),
  t('Specimen', 'labs', ['patient'], 'collected'),
  // medications
  t('MedicationRequest', 'medications', ['patient'], 'authoredon', { includes: [{ param: 'MedicationRequest:medication', type: 'Medication' }] }),
  t('MedicationStatement', 'medications', ['patient'], 'effective', { includes: [{ param: 'MedicationStatement:medication', type: 'Medication' }] }),
  t('MedicationDispense', 'medications', ['patient', 'receiver'], 'whenhandedover', { includes: [{ param: 'MedicationDispense:medication', type: 'Medication' }] }),
  t('MedicationAdministration', 'medications', ['patient', 'performer'], 'effective-time', { includes: [{ param: 'MedicationAdministration:medication', type: 'Medication' }] }),
  // visits
  t('Encounter', 'visits', ['patient'], 'date'),
  t('Appointment', 'visits', ['patient'], 'date'),
  t('AppointmentResponse', 'visits', ['patient']),
  t('EpisodeOfCare', 'visits', ['patient'], 'date'),
  // immunizations
  t('Immunization', 'immunizations', ['patient'], 'date'),
  t('ImmunizationRecommendation', 'immunizations', ['patient'], 'date'),
  t('ImmunizationEvaluation', 'immunizations', ['patient'], 'date'),
  // documents (attachment bytes are not in the export: their addresses are listed in the summary)
  t('DocumentReference', 'documents', ['patient', 'author'], 'date'),
  t('DocumentManifest', 'documents', ['patient', 'author', 'recipient'], 'created'),
  t('Composition', 'documents', ['patient', 'author', 'attester'], 'date'),
  t('Media', 'documents', ['patient'], 'created'),
  // billing
  t('Coverage', 'billing', ['beneficiary', 'subscriber', 'policy-holder', 'payor']),
  t('Account', 'billing', ['patient'], 'period'),
  t('Invoice', 'billing', ['patient', 'recipient'], 'date'),
  t('ChargeItem', 'billing', ['patient'], 'entered-date'),
  t('Claim', 'billing', ['patient', 'payee'], 'created'),
  t('ClaimResponse', 'billing', ['patient'], 'created'),
  t('ExplanationOfBenefit', 'billing', ['patient', 'payee'], 'created'),
  t('CoverageEligibilityRequest', 'billing', ['patient'], 'created'),
  t('CoverageEligibilityResponse', 'billing', ['patient'], 'created'),
  t('EnrollmentRequest', 'billing', ['subject']),
  t('PaymentReconciliation', 'billing', [], 'created', { ownedThrough: ['detail.request'], owners: ['Invoice'] }),
  t('PaymentNotice', 'billing', [], 'created', { ownedThrough: ['request', 'payment'], owners: ['Invoice', 'PaymentReconciliation'] }),
  // everything else in the compartment
  t('Observation', 'other', ['patient', 'performer'], 'date'),
  t('Condition', 'other', ['patient', 'asserter'], 'recorded-date'),
  t('AllergyIntolerance', 'other', ['patient', 'recorder', 'asserter'], 'date'),
  t('Procedure', 'other', ['patient', 'performer'], 'date'),
  t('CarePlan', 'other', ['patient', 'performer'], 'date'),
  t('CareTeam', 'other', ['patient', 'participant'], 'date'),
  t('Goal', 'other', ['patient'], 'start-date'),
  t('ServiceRequest', 'other', ['patient', 'performer'], 'authored'),
  t('Communication', 'other', ['patient', 'sender', 'recipient'], 'sent'),
  t('CommunicationRequest', 'other', ['patient', 'sender', 'recipient', 'requester'], 'authored'),
  t('Task', 'other', ['patient', 'focus'], 'authored-on'),
  t('ImagingStudy', 'other', ['patient'], 'started'),
  t('FamilyMemberHistory', 'other', ['patient'], 'date'),
  t('Flag', 'other', ['patient'], 'date'),
  t('Consent', 'other', ['patient'], 'date'),
  t('QuestionnaireResponse', 'other', ['patient', 'author'], 'authored'),
  t('ClinicalImpression', 'other', ['patient'], 'date'),
  t('DetectedIssue', 'other', ['patient'], 'identified'),
  t('RiskAssessment', 'other', ['patient'], 'date'),
  t('NutritionOrder', 'other', ['patient'], 'datetime'),
  t('DeviceRequest', 'other', ['patient', 'performer'], 'authored-on'),
  t('DeviceUseStatement', 'other', ['patient']),
  t('VisionPrescription', 'other', ['patient'], 'datewritten'),
  t('BodyStructure', 'other', ['patient']),
  t('MolecularSequence', 'other', ['patient']),
  t('AdverseEvent', 'other', ['subject'], 'date'),
  t('List', 'other', ['patient', 'source'], 'date'),
  t('Basic', 'other', ['patient', 'author'], 'created'),
  t('RelatedPerson', 'other', ['patient']),
  t('Provenance', 'other', ['patient'], 'recorded'),
  t('SupplyDelivery', 'other', ['patient']),
  t('SupplyRequest', 'other', ['subject'], 'date'),
  t('RequestGroup', 'other', ['patient', 'participant'], 'authored'),
  t('MeasureReport', 'other', ['patient'], 'date'),
  t('ResearchSubject', 'other', ['individual'], 'date'),
  t('AuditEvent', 'other', ['patient'], 'date'),
];

/** A date range the patient chose, as dates (`2024-01-01`) or instants; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** The search values of a date range on one date parameter (ANDed: `ge…` and `le…`). */
export function dateRangeValues(range: DateRange | undefined): string[] {
  const values: string[] = [];
  if (range?.from) values.push(`ge${range.from}`);
  if (range?.to) values.push(`le${range.to}`);
  return values;
}
