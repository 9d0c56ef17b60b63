/**
 * Reads by id (read, vread, instance history) as a patient token may make them: another patient's
 * Patient record is refused outright (403, decided from the request alone); any other resource the
 * token may not see answers exactly as one that does not exist (404), so its existence does not leak.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { forbidden, notVisible, PERMISSION, type Classified, type RequestContext } from './interactions.js';

export type Answer = [number, Resource | undefined, Record<string, string>];

/** 403 when the scopes do not allow `permission` on the type, or the id is another patient's Patient record. */
export function checkAddressed(context: RequestContext, classified: Classified): void {
  const { interaction, resourceType, id } = classified;
  const permission = PERMISSION[interaction as keyof typeof PERMISSION];
  if (resourceType && permission && !context.access.allowsType(resourceType, permission)) {
    throw forbidden(`The granted scopes do not allow ${interaction} on ${resourceType}.`);
  }
  if (resourceType === 'Patient' && id && !context.access.patients.has(id)) {
    throw forbidden('That is not the record of the patient this token is for.');
  }
}

/** The stored resource when the token may see it; else 404, as for one that does not exist. */
export function visibleStored(context: RequestContext, resourceType: string, id: string): Resource {
  const stored = context.repo.peek(resourceType, id);
  if (!stored || !context.access.allowsResource(stored)) throw notVisible();
  return stored;
}

/** ETag, Last-Modified and (for a create) Location of a resource. */
export function resourceHeaders(resource: Resource, baseUrl: string, created: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const version = resource.meta?.versionId;
  if (version) headers.ETag = `W/"${version}"`;
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  if (created && resource.id) {
    headers.Location = `${baseUrl}/${resource.resourceType}/${resource.id}${version ? `/_history/${version}` : ''}`;
  }
  return headers;
}

/** GET Type/id, Type/id/_history/vid and Type/id/_history. */
export async function readById(context: RequestContext, classified: Classified): Promise<Answer> {
  checkAddressed(context, classified);
  const { interaction, resourceType, id, versionId } = classified as Required<Classified>;
  const { repo, access } = context;
  visibleStored(context, resourceType, id);
  if (interaction === 'read') {
    const resource = await repo.readResource(resourceType, id);
    return [200, resource, resourceHeaders(resource, context.baseUrl, false)];
  }
  if (interaction === 'vread') {
    const version = await repo.readVersion(resourceType, id, versionId).catch(() => undefined);
    if (!version || !access.allowsResource(version)) throw notVisible();
    return [200, version, resourceHeaders(version, context.baseUrl, false)];
  }
  // A version from before the resource was in this record is not the token's to see.
  const history = (await repo.readHistory(resourceType, id)) as Bundle;
  const entry = (history.entry ?? []).filter((e) => !e.resource || access.allowsResource(e.resource));
  for (const e of entry) if (e.resource?.id) e.fullUrl = `${context.baseUrl}/${e.resource.resourceType}/${e.resource.id}`;
  return [200, { ...history, total: entry.length, ...(entry.length ? { entry } : { entry: undefined }) } as Bundle, {}];
}
