import type { CareTeam, Communication, Resource } from 'fhir/r4';
import type { FhirClient, RequestOptions } from '@portico/core';
import { MESSAGE_PAGE, messagePageSearch } from '../scopes.js';

export { MESSAGE_PAGE };

/** One page of the patient's messages, newest first, with the people they name. */
export interface MessagePage {
  messages: Communication[];
  /** Senders and recipients the server included (Practitioner, CareTeam, RelatedPerson, …). */
  included: Resource[];
  next?: string;
}

/**
 * The patient's messages, newest first, in one request: each page with its senders and recipients
 * (`_include`), so names need no request of their own; `next` reads the following page.
 */
export async function loadMessagePage(
  client: FhirClient,
  options: RequestOptions & { patientId: string; next?: string; pageSize?: number },
): Promise<MessagePage> {
  const page = options.next
    ? await client.searchNext<Communication>(options.next, 'Communication', options)
    : await client.search('Communication', messagePageSearch(options.patientId, options.pageSize).params, options);
  return { messages: page.resources, included: page.included, next: page.next };
}

/**
 * Every message of one conversation started by a header (`partOf` it), for a conversation whose older
 * messages are on pages not read yet. Chains of replies with no header are complete as listed.
 */
export async function loadThreadMessages(client: FhirClient, options: RequestOptions & { patientId: string; threadId: string }): Promise<{ messages: Communication[]; included: Resource[] }> {
  const { resources, included } = await client.searchAll(
    'Communication',
    {
      subject: `Patient/${options.patientId}`,
      'part-of': `Communication/${options.threadId}`,
      _include: ['Communication:sender', 'Communication:recipient'],
      _count: MESSAGE_PAGE,
    },
    { ...options, max: 500 },
  );
  return { messages: resources, included };
}

/** The patient's active care teams: who the patient may write to, with their roles. */
export async function loadCareTeams(client: FhirClient, options: RequestOptions & { patientId: string }): Promise<CareTeam[]> {
  const { resources } = await client.search('CareTeam', { subject: `Patient/${options.patientId}`, status: 'active', _count: 20 }, options);
  return resources;
}
