/**
 * The patient's past visits (FHIR Encounter → rows), newest first: what kind of visit, why, what was
 * found (the diagnoses, named from the included Conditions; one entered in error left out, one ruled
 * out said so), who saw the patient and where. Visits still planned, cancelled or entered in error are
 * left out.
 */
import type { Condition, Encounter, Resource } from 'fhir/r4';
import { conceptName, referenceName } from '@portico/core';
import { conditionState } from './conditions.js';

/** Encounter statuses of a visit that took place. */
export const PAST_VISIT_STATUSES = ['finished', 'in-progress', 'onleave', 'arrived', 'triaged'] as const;

/** One visit as shown. */
export interface VisitRow {
  id: string;
  date?: string;
  /** The kind of visit in words ("Annual physical"); '' when the record carries only codes. */
  kind: string;
  reasons: string[];
  diagnoses: { name: string; ruledOut: boolean }[];
  clinician: string;
  place: string;
}

/** One row for a visit; the people, places and diagnoses named from the included resources. */
export function visitRow(encounter: Encounter, included: readonly Resource[] = [], locale?: string): VisitRow {
  const conditions = new Map(included.filter((r): r is Condition => r.resourceType === 'Condition').map((c) => [`Condition/${c.id}`, c]));
  const diagnoses = [...(encounter.diagnosis ?? [])]
    .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
    .flatMap((d) => {
      const key = d.condition.reference?.split('/').slice(-2).join('/');
      const condition = key ? conditions.get(key) : undefined;
      const state = condition ? conditionState(condition) : 'active';
      if (!state) return [];
      const name = (condition ? conceptName(condition.code, locale) : '') || d.condition.display?.trim() || '';
      return name ? [{ name, ruledOut: state === 'ruled-out' }] : [];
    });
  const performer = [...(encounter.participant ?? [])].sort((a, b) => Number(!a.type?.some((t) => t.coding?.some((c) => c.code === 'PPRF'))) - Number(!b.type?.some((t) => t.coding?.some((c) => c.code === 'PPRF'))));
  return {
    id: encounter.id ?? '',
    date: encounter.period?.start ?? encounter.period?.end,
    kind: (encounter.type ?? []).map((t) => conceptName(t, locale)).find(Boolean) || conceptName(encounter.serviceType, locale),
    reasons: [...(encounter.reasonCode ?? []).map((r) => conceptName(r, locale)), ...(encounter.reasonReference ?? []).map((r) => referenceName(r, included) || conceptName((conditions.get(r.reference ?? '') ?? {}).code, locale))].filter(Boolean),
    diagnoses,
    clinician: performer.map((p) => referenceName(p.individual, included)).find(Boolean) ?? '',
    place: (encounter.location ?? []).map((l) => referenceName(l.location, included)).find(Boolean) || referenceName(encounter.serviceProvider, included),
  };
}

/** The past visits, newest first. */
export function visitRows(encounters: readonly Encounter[], included: readonly Resource[] = [], locale?: string): VisitRow[] {
  return encounters
    .filter((e) => (PAST_VISIT_STATUSES as readonly string[]).includes(e.status))
    .map((e) => visitRow(e, included, locale))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
}
