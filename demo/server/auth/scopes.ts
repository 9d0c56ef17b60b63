/** SMART App Launch scopes: parsing and checking, shared by the auth server and the FHIR server. */

import { CONSENT_GROUPS, type ConsentGroup } from './page-language.js';

/** The OpenID and SMART context scopes the authorization server knows by name. */
export const STATIC_SCOPES = [
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
  'launch',
  'launch/patient',
] as const;

/**
 * The SMART resource scopes the demo portal client (`portico-demo`) is registered for: what the Portico
 * elements ask for (packages/core portal-session). It is granted these, or less, whatever it asks.
 */
export const DEMO_CLIENT_SCOPES = [
  'patient/*.rs',
  'patient/Appointment.cu',
  'patient/Slot.u',
  'patient/Communication.cu',
  'patient/Binary.c',
  'patient/Task.cu',
] as const;

export const SMART_PERMISSIONS = ['c', 'r', 'u', 'd', 's'] as const;
export type SmartPermission = (typeof SMART_PERMISSIONS)[number];

export interface ResourceScope {
  context: 'patient' | 'user' | 'system';
  resourceType: string; // a type or '*'
  permissions: Set<SmartPermission>;
}

const RESOURCE_SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(\*|read|write|c?r?u?d?s?)(\?.*)?$/;

/** True for `patient/Observation.rs`, `user/*.read`, … (SMART v1 and v2 resource scopes). */
export function isResourceScope(scope: string): boolean {
  const match = RESOURCE_SCOPE.exec(scope);
  return !!match && match[3] !== '';
}

/** Parses one resource scope; v1 `read` = rs, `write` = cud, `*` = everything. Query-constrained scopes are not supported. */
export function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = RESOURCE_SCOPE.exec(scope);
  if (!match || match[3] === '' || match[4]) return undefined;
  const [, context, resourceType, access] = match as unknown as [string, ResourceScope['context'], string, string];
  const letters = access === '*' ? 'cruds' : access === 'read' ? 'rs' : access === 'write' ? 'cud' : access;
  return { context, resourceType, permissions: new Set(letters.split('') as SmartPermission[]) };
}

/** Does any of the granted scopes allow `permission` on `resourceType`? */
export function scopesAllow(scopes: readonly ResourceScope[], resourceType: string, permission: SmartPermission): boolean {
  return scopes.some(
    (scope) => (scope.resourceType === '*' || scope.resourceType === resourceType) && scope.permissions.has(permission),
  );
}

/**
 * The resource scopes a client may be granted of those it asks for: each asked scope as it is when one
 * registered scope covers it, else the parts of it the registration covers (`patient/*.cruds` →
 * `patient/*.rs`, `patient/Appointment.cu`, …), else nothing. `system/` and query-constrained scopes
 * are never granted.
 */
export function grantableScopes(requested: readonly string[], registered: readonly string[]): string[] {
  const allowed = registered.map(parseResourceScope).filter((s): s is ResourceScope => !!s && s.context !== 'system');
  const granted = new Set<string>();
  for (const scope of requested) {
    const asked = parseResourceScope(scope);
    if (!asked || asked.context === 'system') continue;
    const sameContext = allowed.filter((r) => r.context === asked.context);
    if (sameContext.some((r) => (r.resourceType === '*' || r.resourceType === asked.resourceType) && [...asked.permissions].every((p) => r.permissions.has(p)))) {
      granted.add(scope);
      continue;
    }
    for (const r of sameContext) {
      const type = asked.resourceType === '*' ? r.resourceType : r.resourceType === '*' || r.resourceType === asked.resourceType ? asked.resourceType : undefined;
      const permissions = SMART_PERMISSIONS.filter((p) => asked.permissions.has(p) && r.permissions.has(p)).join('');
      if (type && permissions) granted.add(`${asked.context}/${type}.${permissions}`);
    }
  }
  return [...granted];
}

/** Resource types whose reading the consent page calls "your test results". */
const RESULT_TYPES = ['Observation', 'DiagnosticReport', 'Specimen'] as const;

/** The write permissions each feature group stands for: resource type → the letters that put it in the group. */
const WRITE_GROUPS = [
  ['visits', ['Appointment', 'Slot']],
  ['messages', ['Communication']],
  ['bills', ['PaymentReconciliation', 'PaymentNotice']],
  ['refills', ['Task']],
] as const;

/**
 * What the consent page asks, in plain groups and in a fixed order: only the groups the requested
 * scopes contain (`patient/*.rs` → `record`; `patient/Slot.u` → `visits`; `offline_access` → `staySignedIn`).
 */
export function consentGroups(scopes: readonly string[]): ConsentGroup[] {
  const groups = new Set<ConsentGroup>();
  for (const scope of scopes) {
    if (scope === 'openid' || scope === 'profile' || scope === 'fhirUser') groups.add('identity');
    if (scope === 'offline_access' || scope === 'online_access') groups.add('staySignedIn');
    const parsed = parseResourceScope(scope);
    if (!parsed) continue;
    const { resourceType: type, permissions } = parsed;
    if (permissions.has('r') || permissions.has('s')) {
      groups.add(type === '*' ? 'record' : (RESULT_TYPES as readonly string[]).includes(type) ? 'results' : 'record');
    }
    if (!['c', 'u', 'd'].some((p) => permissions.has(p as SmartPermission))) continue;
    const group = WRITE_GROUPS.find(([, types]) => (types as readonly string[]).includes(type));
    groups.add(group ? group[0] : 'otherChanges');
  }
  // Reading the whole record includes the test results.
  if (groups.has('record')) groups.delete('results');
  return CONSENT_GROUPS.filter((g) => groups.has(g));
}
