/**
 * The SMART scopes a session asks for: its own, plus those each Portico element inside it declares
 * (a static `scopes` on the element's class), so a page asks for what its elements use and no more.
 */

/**
 * What `portal-session` itself needs: who is signed in (`openid fhirUser`), the patient in context,
 * a refresh token while the person stays signed in, the patient's record header, and the signed-in
 * person's own resource when that is a Person or RelatedPerson (proxy access: whose record is open).
 */
export const SESSION_SCOPES = [
  'openid',
  'fhirUser',
  'launch/patient',
  'online_access',
  'patient/Patient.r',
  'patient/Person.r',
  'patient/RelatedPerson.r',
] as const;

/** The static field an element class declares its SMART scopes in: a list, or a space-separated string. */
export type ScopeDeclaration = string | readonly string[];

/** Scopes declared by tag for elements whose code loads later (portico.js loads each on first use). */
const scopesByTag = new Map<string, ScopeDeclaration>();

/**
 * Declares the scopes of a tag before its element is defined, so a session signing in at once (an EHR
 * launch, a quick click) asks for them although the element's code is still on its way.
 */
export function declareElementScopes(tag: string, scopes: ScopeDeclaration): void {
  scopesByTag.set(tag.toLowerCase(), scopes);
}

/** The scopes an element's class declares, else those declared for its tag (none when neither is known). */
export function declaredScopes(element: Element): string[] {
  const declared = (element.constructor as { scopes?: unknown }).scopes ?? scopesByTag.get(element.localName);
  const list = typeof declared === 'string' ? declared.split(/\s+/) : Array.isArray(declared) ? declared : [];
  return list.filter((scope): scope is string => typeof scope === 'string' && scope.length > 0);
}

/**
 * The session's own scopes and those of every element among `root`'s light-DOM descendants, each once,
 * in the order first met. Read at sign-in: an element added later counts from the next sign-in.
 */
export function scopesForElementsIn(root: Element): string[] {
  const scopes = new Set<string>(SESSION_SCOPES);
  for (const element of root.querySelectorAll('*')) for (const scope of declaredScopes(element)) scopes.add(scope);
  return [...scopes];
}
