/**
 * Writes (create, update, patch, delete) as a patient token may make them, checked the same way for a
 * direct request and for a Bundle entry.
 */
import { getStatus, multipleMatches } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { writeRulesFor } from '../features/registry.js';
import { READ_ONLY } from './capability.js';
import { forbidden, HttpProblem, notVisible, problem, type Classified, type RequestContext, type TransactionView } from './interactions.js';
import { findVisible } from './patient-search.js';
import { checkAddressed, resourceHeaders, visibleStored, type Answer } from './reads.js';

export interface WriteRequest {
  classified: Classified;
  /** The resource (create, update) or the patch document (patch). */
  body: unknown;
  ifMatch?: string;
  ifNoneExist?: string;
}

/** Normalizes an ETag given as `W/"3"`, `"3"` or `3` to Medplum's `W/"3"`. */
export function normalizeEtag(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^(?:W\/)?"?([^"]+)"?$/.exec(value.trim());
  return match ? `W/"${match[1]}"` : value;
}

/**
 * Checks a write before it runs and returns the headers to run it with (If-Match normalised, the
 * If-None-Exist search kept to the token's record). In order: scopes and another patient's Patient
 * (403), a resource the token may not see or that does not exist (404: the same answer for both),
 * read-only types (405), the interactions a module's rule allows on the type (403), the body (400), what
 * the stored resource would say (403), then the module's own checks (features/registry.ts `writeRulesFor`:
 * Slots are features/scheduling.ts).
 */
export async function checkWrite(context: RequestContext, write: WriteRequest, transaction?: TransactionView): Promise<Record<string, string>> {
  const { classified, body } = write;
  const { interaction, resourceType, id } = classified as Required<Classified>;
  checkAddressed(context, classified);
  if (interaction !== 'create') visibleStored(context, resourceType, id);
  if (READ_ONLY.has(resourceType)) throw problem(405, 'not-supported', `${resourceType} is read-only on this server.`);
  const rules = writeRulesFor(resourceType);
  for (const rule of rules) {
    if (rule.interactions && !(rule.interactions as readonly string[]).includes(interaction)) throw forbidden(rule.refusal ?? `You may not ${interaction} a ${resourceType} here.`);
  }
  const ifMatch = normalizeEtag(write.ifMatch);
  if (interaction === 'create' || interaction === 'update') {
    const resource = body as Resource | undefined;
    if (!resource || typeof resource !== 'object' || resource.resourceType !== resourceType) throw problem(400, 'invalid', `The body must be a ${resourceType} resource.`);
    if (interaction === 'update' && resource.id !== id) throw problem(400, 'invalid', 'The resource id must match the URL.');
    if (!context.access.allowsWrite(resource, transaction?.pending)) {
      throw forbidden(`You may not write this ${resourceType}: it must belong to the record of the patient this token is for${resourceType === 'Binary' ? ' (a Binary needs a securityContext there)' : ''}.`);
    }
    for (const rule of rules) rule.check?.(context, { interaction, resourceType, id, resource, ifMatch }, transaction);
  }
  const headers: Record<string, string> = {};
  if (ifMatch) headers['if-match'] = ifMatch;
  if (interaction === 'create' && write.ifNoneExist) {
    // The match a conditional create may return is looked for among what the token may see, with the
    // rules of any search: none is a plain create, one is named by id (nothing else can match), more is 412.
    const found = await findVisible(context, resourceType, new URLSearchParams(write.ifNoneExist.replace(/^[^?]*\?/, '')), 2);
    if (found.length > 1) throw new HttpProblem(412, multipleMatches);
    if (found.length === 1) headers['if-none-exist'] = `_id=${found[0]!.id}`;
  }
  return headers;
}

/** After a write ran (inside its unit of work, so a refusal rolls it back): the stored result is still the token's. */
export function checkWritten(context: RequestContext, classified: Classified, result: Resource | undefined): void {
  if (!result || classified.interaction === 'delete') return;
  if (!context.access.allowsWrite(result)) throw forbidden(`You may not write this ${classified.resourceType}.`);
}

/** A direct create, update, patch or delete: checked, run under the repository's lock, checked again. */
export async function executeWrite(context: RequestContext, write: WriteRequest, method: string, pathWithQuery: string): Promise<Answer> {
  const { classified } = write;
  const [outcome, result] = await context.repo.atomically(async () => {
    const headers = await checkWrite(context, write);
    const done = await context.route(method, pathWithQuery, classified.interaction === 'create' ? withoutId(write.body as Resource) : write.body, headers);
    checkWritten(context, classified, done[1]);
    return done;
  });
  const status = getStatus(outcome);
  if (status >= 400 || !result) return [status, outcome, {}];
  if (!context.access.allowsResource(result)) throw notVisible();
  return [status, result, resourceHeaders(result, context.baseUrl, status === 201)];
}

/** The server picks the id of what it creates, whatever the body says. */
export function withoutId<T extends Resource>(resource: T): T {
  const copy = { ...resource };
  delete copy.id;
  return copy;
}
