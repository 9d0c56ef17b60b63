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

  remove(key: string): void {
    try {
      window.sessionStorage.removeItem(this.prefix + key);
    } catch {
      // ignore
    }
  }

  /** Removes every key of this session. */
  clear(): void {
    try {
      const keys: string[] = [];
      for (let i = 0; i < window.sessionStorage.length; i++) {
        const key = window.sessionStorage.key(i);
        if (key?.startsWith(this.prefix)) keys.push(key);
      }
      for (const key of keys) window.sessionStorage.removeItem(key);
    } catch {
      // ignore
    }
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
