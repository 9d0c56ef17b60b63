import { storageKeyFor } from '../auth/storage.js';

/**
 * How long what an element keeps on this browser lasts, by how sensitive it is:
 * - `tab`: sessionStorage, gone when the tab closes and removed on sign-out (`forgetDrafts`). For drafts,
 *   which may hold what the patient typed (a reason for a visit, a message).
 * - `device`: localStorage, kept across visits. Only for markers that hold no health data (when the
 *   patient last looked at their results), so "new since you last looked" works on the next visit.
 */
export type KeptFor = 'tab' | 'device';

const PREFIX = { tab: 'portico:draft:', device: 'portico:mark:' } as const satisfies Record<KeptFor, string>;

function storageOf(keptFor: KeptFor): Storage | undefined {
  try {
    return keptFor === 'tab' ? window.sessionStorage : window.localStorage;
  } catch {
    // Storage blocked (a sandboxed frame, privacy settings): nothing is kept.
    return undefined;
  }
}

function keysOf(storage: Storage | undefined, prefix: string): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; storage && i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
  } catch {
    // Storage blocked: no keys.
  }
  return keys;
}

/**
 * One thing an element keeps for each patient on this browser (a draft, a "seen up to" marker). The
 * key names the element and a hash of the patient id (never the id), so what was kept for one patient
 * is never read for another (a parent switching between children's records):
 * `new PatientStorage<BookerDraft>('appointment-booker', 'tab')`.
 */
export class PatientStorage<T> {
  constructor(
    /** What is kept, unique on the page: the element's tag, or `tag:what`. */
    readonly name: string,
    readonly keptFor: KeptFor,
  ) {}

  private key(patientId: string): string {
    return `${PREFIX[this.keptFor]}${this.name}:${hashedPatientId(patientId)}`;
  }

  /**
   * Moves what an earlier version kept for this patient under `${formerPrefix}<hash of the id>` (as
   * JSON) here, once, when nothing is kept here yet; the former key is removed either way.
   */
  adoptFormer(patientId: string, formerPrefix: string): void {
    const storage = storageOf(this.keptFor);
    const former = `${formerPrefix}${hashedPatientId(patientId)}`;
    try {
      const raw = storage?.getItem(former);
      if (raw == null) return;
      storage?.removeItem(former);
      if (this.read(patientId) === undefined) storage?.setItem(this.key(patientId), raw);
    } catch {
      // Blocked or full: the former value stays where it was.
    }
  }

  /** What is kept for this patient, if anything (a value that cannot be read counts as nothing). */
  read(patientId: string): T | undefined {
    try {
      const raw = storageOf(this.keptFor)?.getItem(this.key(patientId));
      return raw == null ? undefined : (JSON.parse(raw) as T);
    } catch {
      return undefined;
    }
  }

  /** Keeps `value` for this patient, or removes what was kept (`undefined`). Storage full or blocked: nothing is kept. */
  write(patientId: string, value: T | undefined): void {
    try {
      const storage = storageOf(this.keptFor);
      if (value === undefined) storage?.removeItem(this.key(patientId));
      else storage?.setItem(this.key(patientId), JSON.stringify(value));
    } catch {
      // Full or blocked: the value lives only in memory.
    }
  }

  /** Removes what is kept for every patient. */
  clear(): void {
    const storage = storageOf(this.keptFor);
    for (const key of keysOf(storage, `${PREFIX[this.keptFor]}${this.name}:`)) storage?.removeItem(key);
  }
}

/** The hash of a patient id that storage keys carry instead of the id (FNV-1a, base 36). */
export function hashedPatientId(patientId: string): string {
  return storageKeyFor(patientId);
}

/** Removes every draft any element kept in this tab (on sign-out: a draft may hold what the patient typed). */
export function forgetDrafts(): void {
  const storage = storageOf('tab');
  for (const key of keysOf(storage, PREFIX.tab)) storage?.removeItem(key);
}
