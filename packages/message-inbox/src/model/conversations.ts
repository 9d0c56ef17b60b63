import type { Communication } from 'fhir/r4';
import type { ReactiveControllerHost } from 'lit';
import { threadsOf, type PatientSide, type Thread } from './threads.js';

/**
 * The patient's messages as conversations: those the list's pages read, and those stored since
 * (sent, marked read, arrived while the page was open), which take the place of the version read.
 * The conversations are worked out again only when the messages change.
 */
export class Conversations {
  /** Messages as stored since the pages were read, by id. */
  private readonly since = new Map<string, Communication>();
  private version = 0;
  private memo?: { pages: readonly Communication[]; count: number; version: number; side: string; threads: Thread[] };

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Another patient: nothing stored since is theirs. */
  clear(): void {
    this.since.clear();
    this.version++;
  }

  /** Messages as the server stored them now; the element draws again. */
  remember(communications: readonly Communication[]): void {
    for (const c of communications) if (c.id) this.since.set(c.id, c);
    this.version++;
    this.host.requestUpdate();
  }

  /** Every message known, once each: the latest version of each. */
  all(pages: readonly Communication[]): Communication[] {
    const byId = new Map<string, Communication>();
    for (const c of pages) if (c.id) byId.set(c.id, c);
    for (const [id, c] of this.since) byId.set(id, c);
    return [...byId.values()];
  }

  /** The server time of the newest change among them. */
  newestChange(pages: readonly Communication[]): string | undefined {
    let newest: string | undefined;
    for (const c of this.all(pages)) {
      const at = c.meta?.lastUpdated;
      if (at && (!newest || Date.parse(at) > Date.parse(newest))) newest = at;
    }
    return newest;
  }

  /** The conversations, as `side` (the patient, or who writes for them) sees them. */
  threads(pages: readonly Communication[], side: PatientSide): Thread[] {
    const memo = this.memo;
    const sideKey = `${side.patientId} ${side.user ?? ''}`;
    // The list grows in place as older pages arrive: its length says so.
    if (memo && memo.pages === pages && memo.count === pages.length && memo.version === this.version && memo.side === sideKey) return memo.threads;
    const threads = threadsOf(this.all(pages), side);
    this.memo = { pages, count: pages.length, version: this.version, side: sideKey, threads };
    return threads;
  }
}
