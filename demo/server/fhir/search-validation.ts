import { getSearchParameter } from '@medplum/core';

/** Parameters every search accepts besides the type's own search parameters. */
const COMMON = new Set([
  '_id', '_lastUpdated', '_tag', '_profile', '_security', '_source', '_text', '_content', '_list', '_has', '_type',
  '_count', '_offset', '_sort', '_include', '_revinclude', '_summary', '_elements', '_total', '_contained',
  '_containedType', '_format', '_pretty',
]);

/**
 * Returns the names of search parameters the server does not know for `resourceType`, so the server
 * can answer 400 instead of silently matching nothing (what the in-memory repository would do).
 */
export function unknownSearchParameters(resourceType: string, names: Iterable<string>): string[] {
  const unknown: string[] = [];
  for (const name of names) {
    const [base] = name.split(':'); // modifiers: code:text, subject:Patient
    const [code] = (base ?? '').split('.'); // chains: subject.name
    if (!code || COMMON.has(code) || code.startsWith('_has')) continue;
    if (!getSearchParameter(resourceType, code)) unknown.push(name);
  }
  return unknown;
}
