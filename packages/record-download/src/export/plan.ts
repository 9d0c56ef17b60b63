/**
 * The plan of an export: which types to fetch for the chosen kinds, with which parameters, and which
 * the server will not give (not offered, refused by the granted scopes). Pure: it reads a
 * CapabilityStatement and a scope check, never the network.
 */
import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { dateRangeValues, RECORD_KINDS, RECORD_TYPES, type DateRange, type RecordKind, type RecordType } from '../model/record-types.js';

/** Why a type of the chosen kinds is not in the export. */
export const SKIP_REASONS = ['scope', 'not-offered', 'forbidden', 'failed'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** A type the export leaves out, and why (`detail`: the server's words or the missing scope). */
export interface SkippedType {
  type: string;
  kinds: RecordKind[];
  reason: SkipReason;
  detail?: string;
}

/** One type to fetch: the searches that make it up (one per parameter tying it to the patient). */
export interface PlannedType {
  type: string;
  kinds: RecordKind[];
  /** One search per patient parameter (the first with `_include`s); their results are merged by id. */
  searches: Record<string, string | string[]>[];
  /** Not narrowed by the chosen date range (the type has no date the server searches by). */
  undated: boolean;
  /** Owned through another exported resource: kept only when one of these references points at one. */
  ownedThrough?: readonly string[];
}

export interface ExportPlan {
  kinds: RecordKind[];
  dateRange?: DateRange;
  types: PlannedType[];
  skipped: SkippedType[];
}

export interface PlanOptions {
  patientId: string;
  kinds?: readonly RecordKind[];
  dateRange?: DateRange;
  /** Page size asked for (`_count`); default 200. */
  pageSize?: number;
}

/** Does the token allow a SMART permission on a type (`client.scopeAllows`)? */
export type ScopeCheck = (type: string, permission: 'r' | 's') => boolean;

/** The types to fetch for the chosen kinds, merged (a type two kinds ask for is fetched once, unnarrowed if either wants all of it). */
export function typesForKinds(kinds: readonly RecordKind[]): { entry: RecordType; kinds: RecordKind[]; narrowed: boolean }[] {
  const chosen = new Set(kinds);
  const byType = new Map<string, { entry: RecordType; kinds: RecordKind[]; narrowed: boolean }>();
  for (const entry of RECORD_TYPES) {
    if (!chosen.has(entry.kind) && entry.type !== 'Patient') continue;
    const kind = chosen.has(entry.kind) ? entry.kind : 'other';
    const known = byType.get(entry.type);
    const narrowed = !!entry.narrowedBy;
    if (!known) byType.set(entry.type, { entry, kinds: [kind], narrowed });
    else {
      known.kinds.push(kind);
      if (!narrowed) {
        known.narrowed = false;
        known.entry = entry;
      }
    }
  }
  return [...byType.values()];
}

/**
 * The plan for a patient: every type of the chosen kinds (the patient's own record always), each
 * checked against the CapabilityStatement (search-type offered; search parameters it lists) and the
 * scopes (search allowed), with its date range and `_include`s.
 */
export function planExport(capability: CapabilityStatement | undefined, scopeAllows: ScopeCheck, options: PlanOptions): ExportPlan {
  const kinds = [...(options.kinds?.length ? options.kinds : RECORD_KINDS)];
  const offered = new Map<string, CapabilityStatementRestResource>();
  for (const resource of capability?.rest?.find((r) => r.mode === 'server')?.resource ?? []) offered.set(resource.type, resource);
  const plan: ExportPlan = { kinds, dateRange: options.dateRange, types: [], skipped: [] };
  const count = String(options.pageSize ?? 200);
  for (const { entry, kinds: typeKinds, narrowed } of typesForKinds(kinds)) {
    const resource = offered.get(entry.type);
    if (!resource?.interaction?.some((i) => i.code === 'search-type')) {
      plan.skipped.push({ type: entry.type, kinds: typeKinds, reason: 'not-offered', detail: resource ? 'The server does not offer searching this type.' : 'The server does not offer this type.' });
      continue;
    }
    if (!scopeAllows(entry.type, 's')) {
      plan.skipped.push({ type: entry.type, kinds: typeKinds, reason: 'scope', detail: `patient/${entry.type}.rs` });
      continue;
    }
    const listed = new Set((resource.searchParam ?? []).map((p) => p.name));
    // A server that lists no parameters is trusted to know the standard ones.
    const knows = (name: string) => !listed.size || name.startsWith('_') || listed.has(name);
    const patientParams = entry.patientParams.filter(knows);
    if (entry.patientParams.length && !patientParams.length) {
      plan.skipped.push({ type: entry.type, kinds: typeKinds, reason: 'not-offered', detail: `The server does not search ${entry.type} by ${entry.patientParams.join(' or ')}.` });
      continue;
    }
    const common: Record<string, string | string[]> = { _count: count };
    const dated = !!entry.dateParam && knows(entry.dateParam);
    const range = dateRangeValues(options.dateRange);
    if (dated && range.length) common[entry.dateParam!] = range;
    if (narrowed && entry.narrowedBy) Object.assign(common, entry.narrowedBy);
    const includes = (entry.includes ?? []).filter((i) => scopeAllows(i.type, 'r') && knows(i.param.split(':')[1]!));
    const searches = patientParams.length
      ? patientParams.map((param, index) => ({
          ...common,
          [param]: param === '_id' ? options.patientId : `Patient/${options.patientId}`,
          ...(index === 0 && includes.length ? { _include: includes.map((i) => i.param) } : {}),
        }))
      : [common];
    plan.types.push({ type: entry.type, kinds: typeKinds, searches, undated: !!range.length && !dated, ownedThrough: entry.ownedThrough });
  }
  // Owned types last: they are kept by what they point at, which must be fetched first (and be fetched at all).
  const ownersOf = new Map(RECORD_TYPES.filter((t) => t.owners).map((t) => [t.type, t.owners!]));
  for (const planned of plan.types.filter((t) => t.ownedThrough)) {
    const owners = ownersOf.get(planned.type) ?? [];
    if (owners.some((o) => plan.types.some((t) => t.type === o && !t.ownedThrough))) continue;
    const refused = plan.skipped.find((s) => owners.includes(s.type));
    plan.types.splice(plan.types.indexOf(planned), 1);
    plan.skipped.push({ type: planned.type, kinds: planned.kinds, reason: refused?.reason ?? 'not-offered', detail: `Kept by the ${owners.join(' or ')} it belongs to, which is not exported${refused?.reason === 'scope' ? ` (${refused.detail})` : ''}.` });
  }
  plan.types.sort((a, b) => Number(!!a.ownedThrough) - Number(!!b.ownedThrough));
  return plan;
}
