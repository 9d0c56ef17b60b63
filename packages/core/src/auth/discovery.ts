import { isWebAddress, SessionError } from './strategy.js';

/** The endpoints every sign-in needs from a discovery document. */
const REQUIRED_ENDPOINTS = ['authorization_endpoint', 'token_endpoint'] as const;

/** A discovery document: `.well-known/smart-configuration` or OpenID Connect metadata. */
export type DiscoveryDocument = Record<string, unknown> & Record<(typeof REQUIRED_ENDPOINTS)[number], string>;

/**
 * Fetches a sign-in discovery document once and checks it, so each failure gets its own message:
 * no answer at all is `discovery-unreachable`; an answer without http(s) authorization and token
 * endpoints (a 404, an HTML page, JSON without them) is `config-discovery`. Other endpoints
 * (`*_endpoint`, `*_uri`) that are not http(s) addresses are dropped, so a `javascript:` or `data:`
 * end-session endpoint is never navigated to.
 */
export async function fetchDiscovery(url: string, describe: string): Promise<DiscoveryDocument> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { credentials: 'omit', headers: { Accept: 'application/json' } });
    text = await response.text();
  } catch (error) {
    throw new SessionError('discovery-unreachable', `${url} (${describe}) could not be reached.`, { cause: error });
  }
  if (!response.ok) throw new SessionError('config-discovery', `${url} answered ${response.status} ${response.statusText}: it is not ${describe}.`.replace(/ +:/, ':'));
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new SessionError('config-discovery', `${url} did not answer with JSON: it is not ${describe}.`, { cause: error });
  }
  if (!document || typeof document !== 'object' || Array.isArray(document)) throw new SessionError('config-discovery', `${url} did not answer with a JSON object: it is not ${describe}.`);
  const fields = document as Record<string, unknown>;
  const missing = REQUIRED_ENDPOINTS.filter((name) => !isWebAddress(fields[name]));
  if (missing.length) throw new SessionError('config-discovery', `${url} has no http(s) ${missing.join(' or ')}: it cannot be used as ${describe}.`);
  for (const [name, value] of Object.entries(fields)) {
    if (/(_endpoint|_uri)$/.test(name) && !isWebAddress(value)) delete fields[name];
  }
  return fields as DiscoveryDocument;
}
