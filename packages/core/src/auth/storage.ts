/**
 * sessionStorage under a per-session prefix, so several sessions (and several Portico copies) on one
 * page never read each other's state. Tokens are kept here or in memory only — never in localStorage.
 */
export class SessionStore {
  constructor(readonly prefix: string) {}

  get<T>(key: string): T | undefined {
    try {
      const raw = window.sessionStorage.getItem(this.prefix + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    try {
      window.sessionStorage.setItem(this.prefix + key, JSON.stringify(value));
    } catch {
      // storage full or blocked: the session still works for this page view
    }
  }

  /** Is something kept under `key` (raw: values other libraries wrote too)? */
  has(key: string): boolean {
    try {
      return window.sessionStorage.getItem(this.prefix + key) !== null;
    } catch {
      return false;
    }
  }

  /** The keys of this session (without the prefix). */
  keys(): string[] {
    return storageKeys()
      .filter((key) => key.startsWith(this.prefix))
      .map((key) => key.slice(this.prefix.length));
  }

  remove(key: string): void {
    try {
      window.sessionStorage.removeItem(this.prefix + key);
    } catch {
      // ignore
    }
  }

  /** Removes every key of this session. */
  clear(): void {
    for (const key of this.keys()) this.remove(key);
  }

  /** The same prefix as a Storage-like object with async methods (the shape fhirclient expects). */
  asAsyncStorage() {
    return {
      get: async (key: string) => this.get(key),
      set: async (key: string, value: unknown) => {
        this.set(key, value);
        return value;
      },
      unset: async (key: string) => {
        const had = this.get(key) !== undefined;
        this.remove(key);
        return had;
      },
    };
  }
}

/** Every sessionStorage key of the tab. */
function storageKeys(): string[] {
  try {
    const keys: string[] = [];
    for (let i = 0; i < window.sessionStorage.length; i++) {
      const key = window.sessionStorage.key(i);
      if (key !== null) keys.push(key);
    }
    return keys;
  } catch {
    return [];
  }
}

/**
 * The key under which a SMART session keeps the OAuth `state` of the sign-in it started and has not
 * finished. (OpenID Connect sessions keep theirs as oidc-client-ts does: `oidc.<state>`.)
 */
export const PENDING_SIGN_IN_KEY = 'pending-sign-in';

/** What an OAuth `state` of a Portico sign-in looks like (randomId(), oidc-client-ts ids): anything else is not one. */
export function isStateValue(value: string | null): value is string {
  return value !== null && /^[A-Za-z0-9_-]{16,128}$/.test(value);
}

/**
 * Is a Portico session in this tab other than the one with `ownPrefix` waiting for the sign-in
 * callback with this `state` (a SMART or an OpenID Connect session)? Then its callback is not ours
 * to read, answer or clean from the address.
 */
export function awaitedByAnotherSession(state: string, ownPrefix: string): boolean {
  if (!isStateValue(state)) return false;
  const smartSuffix = `:${PENDING_SIGN_IN_KEY}`;
  const oidcSuffix = `:oidc.${state}`;
  return storageKeys().some((key) => {
    if (!key.startsWith('portico:')) return false;
    if (key.endsWith(smartSuffix)) return key.slice(0, -PENDING_SIGN_IN_KEY.length) !== ownPrefix && window.sessionStorage.getItem(key) === JSON.stringify(state);
    if (key.endsWith(oidcSuffix)) return key.slice(0, -`oidc.${state}`.length) !== ownPrefix;
    return false;
  });
}

/** A short, stable key for a server + client pair (default storage prefix). */
export function storageKeyFor(...parts: (string | undefined)[]): string {
  let hash = 2166136261;
  for (const char of parts.filter(Boolean).join('|')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0).toString(36);
}

/** A crypto-random URL-safe string (state values, ids). */
export function randomId(bytes = 24): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...data)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
