/**
 * The patient's allergies and intolerances (FHIR AllergyIntolerance → rows): what to, the reactions,
 * how severe and how risky in words. "No known allergies" only when the server records it (a SNOMED
 * CT no-known-allergy code), never because it holds none. Entered-in-error left out.
 */
import type { AllergyIntolerance, Resource } from 'fhir/r4';
import { conceptName, isNoKnownAllergy, referenceName } from '@portico/core';

/** Reaction severities, mildest first. */
export const REACTION_SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type ReactionSeverity = (typeof REACTION_SEVERITIES)[number];

/** One allergy as shown. */
export interface AllergyRow {
  id: string;
  /** The substance in plain words; '' when the record carries only codes. */
  substance: string;
  /** Food, medication, environment, biologic. */
  categories: NonNullable<AllergyIntolerance['category']>;
  /** An intolerance rather than an allergy. */
  intolerance: boolean;
  /** The reactions it caused (each manifestation once), with their descriptions. */
  reactions: string[];
  descriptions: string[];
  /** The worst reaction's severity. */
  severity?: ReactionSeverity;
  criticality?: AllergyIntolerance['criticality'];
  /** No longer a concern (inactive or resolved). */
  past: boolean;
  /** Ruled out (refuted). */
  ruledOut: boolean;
  recorded?: string;
  recordedBy: string;
  note?: string;
}

/** The allergies of a record, and whether the server says there are none known. */
export interface AllergyList {
  rows: AllergyRow[];
  /** The record says "no known allergies" (and lists no allergy). */
  noneKnown: boolean;
}

const codes = (concept: AllergyIntolerance['clinicalStatus']) => new Set((concept?.coding ?? []).map((c) => c.code ?? ''));

/** One row for an allergy. */
export function allergyRow(allergy: AllergyIntolerance, included: readonly Resource[] = [], locale?: string): AllergyRow {
  const reactions = allergy.reaction ?? [];
  const manifestations = [...new Set(reactions.flatMap((r) => r.manifestation.map((m) => conceptName(m, locale)).filter(Boolean)))];
  const worst = Math.max(-1, ...reactions.map((r) => REACTION_SEVERITIES.indexOf(r.severity as ReactionSeverity)));
  const clinical = codes(allergy.clinicalStatus);
  return {
    id: allergy.id ?? '',
    substance: conceptName(allergy.code, locale) || [...new Set(reactions.map((r) => conceptName(r.substance, locale)).filter(Boolean))].join(', '),
    categories: allergy.category ?? [],
    intolerance: allergy.type === 'intolerance',
    reactions: manifestations,
    descriptions: reactions.map((r) => r.description?.trim() ?? '').filter(Boolean),
    severity: worst >= 0 ? REACTION_SEVERITIES[worst] : undefined,
    criticality: allergy.criticality,
    past: clinical.has('inactive') || clinical.has('resolved'),
    ruledOut: codes(allergy.verificationStatus).has('refuted'),
    recorded: allergy.recordedDate,
    recordedBy: referenceName(allergy.recorder, included) || referenceName(allergy.asserter, included),
    note: (allergy.note ?? []).map((n) => n.text?.trim()).filter(Boolean).join('\n') || undefined,
  };
}

/** The rows (current first, by substance; then past and ruled out) and "none known" when the server says so. */
export function allergyList(allergies: readonly AllergyIntolerance[], included: readonly Resource[] = [], locale?: string): AllergyList {
  const recorded = allergies.filter((a) => !codes(a.verificationStatus).has('entered-in-error'));
  const real = recorded.filter((a) => !isNoKnownAllergy(a));
  const statement = recorded.filter((a) => isNoKnownAllergy(a) && !codes(a.clinicalStatus).has('inactive') && !codes(a.verificationStatus).has('refuted'));
  const rank = (r: AllergyRow) => (r.ruledOut ? 2 : r.past ? 1 : 0);
  const rows = real.map((a) => allergyRow(a, included, locale)).sort((a, b) => rank(a) - rank(b) || a.substance.localeCompare(b.substance, locale));
  return { rows, noneKnown: statement.length > 0 && !rows.some((r) => !r.past && !r.ruledOut) };
}
